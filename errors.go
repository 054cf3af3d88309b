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
	KindForbidden                // valid credentials whose role does not allow the action
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
	case KindForbidden:
		return "forbidden"
	}
	return "error"
}

// Error is Tripline's error type. Msg is safe to show to users; Err is the
// wrapped cause, for logs.
//
// An error about a place in a file — a malformed list, a bad row of a
// user's file — is a KindInvalid Error whose Position names the file and
// the line (or byte offset); ParseErrorf builds one and ParseErrorOf finds
// one in a chain. Callers inspect errors by Kind and fields, never by
// their text.
type Error struct {
	Op   string // the operation, e.g. "sqlite.Import"
	Kind Kind
	Msg  string // user-facing message
	Err  error  // underlying cause, may be nil
	// Position is where in a file the error is; zero when it is not about
	// a place in a file.
	Position
}

// Position says where in a file an error is.
type Position struct {
	File string // path or name of the file ("stdin")
	Line int    // 1-based line, 0 when not known
	// Offset is the byte offset, for formats without lines (XML, zip); it
	// is shown only when Line is 0, and 0 means not known.
	Offset int64
}

// set reports whether p names a place in a file.
func (p Position) set() bool { return p.File != "" || p.Line > 0 }

// prefix is the position as error texts write it: "file:line",
// "file (byte N)" or "file"; "" for no position.
func (p Position) prefix() string {
	switch {
	case !p.set():
		return ""
	case p.Line > 0 && p.File == "":
		return fmt.Sprintf("line %d", p.Line)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	case p.Offset > 0:
		return fmt.Sprintf("%s (byte %d)", p.File, p.Offset)
	}
	return p.File
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	if p := e.Position.prefix(); p != "" {
		b.WriteString(p)
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
	return KindInternal
}

// ErrorMessage returns a message safe to show a user: the Msg of the first
// *Error in err's chain that has one (after its position, for an error in
// a file), or a generic text for internal errors.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	for errors.As(err, &e) {
		if e.Msg != "" && e.Kind != KindInternal {
			if p := e.Position.prefix(); p != "" {
				return p + ": " + e.Msg
			}
			return e.Msg
		}
		if e.Err == nil {
			break
		}
		err = e.Err
	}
	return "internal error"
}

// ParseErrorf returns a KindInvalid error at line of file (0 when the line
// is not known), its text "file:line: message": a malformed list file, a
// bad row of a user's file.
func ParseErrorf(file string, line int, format string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Msg: fmt.Sprintf(format, args...), Position: Position{File: file, Line: line}}
}

// ParseErrorAt returns a KindInvalid error at a byte offset of file, for
// formats without lines; its text is "file (byte N): message".
func ParseErrorAt(file string, offset int64, format string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Msg: fmt.Sprintf(format, args...), Position: Position{File: file, Offset: offset}}
}

// ParseErrorOf returns the first error in err's chain that names a place
// in a file (a parse error, a bad row), or nil when there is none.
func ParseErrorOf(err error) *Error {
	var e *Error
	for errors.As(err, &e) {
		if e.Position.set() {
			return e
		}
		if e.Err == nil {
			return nil
		}
		err = e.Err
	}
	return nil
}
