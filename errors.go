package tripline

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an error so that callers (the CLI's exit codes, the HTTP
// API's status codes) can react without parsing messages.
type Kind int

// Error kinds.
const (
	KindOther        Kind = iota // unclassified
	KindInvalid                  // bad input: a malformed file, flag or request
	KindNotFound                 // no such entity, snapshot or source
	KindConflict                 // the operation conflicts with the current state
	KindUnauthorized             // missing or bad credentials
	KindTooLarge                 // input over a configured limit
	KindUnavailable              // not ready yet (index loading), try again
	KindInternal                 // a bug or an I/O failure: details are logged, not shown
)

func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindNotFound:
		return "not_found"
	case KindConflict:
		return "conflict"
	case KindUnauthorized:
		return "unauthorized"
	case KindTooLarge:
		return "too_large"
	case KindUnavailable:
		return "unavailable"
	case KindInternal:
		return "internal"
	}
	return "error"
}

// Error is Tripline's error type. Msg is safe to show to users; Err is the
// wrapped cause, for logs.
type Error struct {
	Op   string // the operation, e.g. "sqlite.Import"
	Kind Kind
	Msg  string // user-facing message
	Err  error  // underlying cause, may be nil
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	if e.Msg != "" {
		b.WriteString(e.Msg)
	}
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	if b.Len() == 0 {
		return e.Kind.String()
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of kind k with a formatted user-facing message.
func Errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

// ErrorKind returns the Kind of the first *Error in err's chain, KindInternal
// for any other non-nil error and KindOther for nil.
func ErrorKind(err error) Kind {
	if err == nil {
		return KindOther
	}
	var pe *ParseError
	var e *Error
	for errors.As(err, &e) {
		if e.Kind != KindOther {
			return e.Kind
		}
		if e.Err == nil {
			break
		}
		err = e.Err
	}
	if errors.As(err, &pe) {
		return KindInvalid
	}
	return KindInternal
}

// ErrorMessage returns a message safe to show a user: the Msg of the first
// *Error in err's chain that has one, or a generic text for internal errors.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	for errors.As(err, &e) {
		if e.Msg != "" && e.Kind != KindInternal {
			return e.Msg
		}
		if e.Err == nil {
			break
		}
		err = e.Err
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return "internal error"
}

// ParseError reports where a source file is malformed.
type ParseError struct {
	File   string // path of the file
	Line   int    // 1-based line, 0 when not known
	Offset int64  // byte offset, -1 when not known
	Msg    string // what was wrong and what was expected
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	} else if e.Offset >= 0 {
		fmt.Fprintf(&b, " (byte %d)", e.Offset)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}
