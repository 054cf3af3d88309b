// Package rules is Tripline's rule engine: a pure evaluator of declarative
// red-flag rules written in CEL. Each rule has an id, its source document,
// a category, a severity, a human explanation, a `when` expression that
// raises the flag and an optional `evidence` expression naming the facts
// behind it.
//
// The engine knows no domain. What expressions may read and call is a
// Schema given by the caller (package decide declares the facts of an
// order, with functions bound to the goods catalogue in use); NewEnv makes
// it a CEL environment, Env.Load compiles rule files in it once, and
// Set.Evaluate runs the compiled rules over one set of facts.
//
// Rules are kept in JSON-lines files: one rule a line, blank lines and
// lines starting with # ignored. Files are read in order: a rule with an
// id already read replaces it, a new id is added at the end, and
// {"id": "X", "disabled": true} removes one. A bad rule is rejected at load
// with its file, line and the reason.
//
// A Set's Version is the SHA-256 of its canonical text (Set.WriteTo, what
// `tripline check --list-rules` prints), so a recorded decision names the
// exact rules that made it and they can be compiled again to replay it.
//
// The package is pure: it reads only what it is given.
package rules

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/interpreter"

	"github.com/tripline/tripline"
)

// Severities, from a note to a hold.
const (
	SeverityLow    = "low"
	SeverityMedium = "medium"
	SeverityHigh   = "high"
)

// Rule is one red-flag rule.
type Rule struct {
	// ID is the official indicator id (BIS-KYC-10) or a project id.
	ID string `json:"id"`
	// Source names the document the red flag comes from.
	Source   string `json:"source"`
	Category string `json:"category"`
	Severity string `json:"severity"`
	// Reason is the human explanation shown with the flag.
	Reason string `json:"reason"`
	// When is a CEL expression that is true when the flag is raised.
	When string `json:"when"`
	// Evidence is an optional CEL expression giving a string that names
	// the facts behind the flag.
	Evidence string `json:"evidence,omitempty"`
	// Disabled removes the rule (used to switch off an earlier one by id).
	Disabled bool `json:"disabled,omitempty"`
	// Origin is where the rule was read, "file:line".
	Origin string `json:"-"`

	when, evidence cel.Program
}

// File is one rules file to load: its name, for errors and origins, and
// its text.
type File struct {
	Name string
	Text io.Reader
}

// Set is a compiled, ordered set of rules; it is safe for concurrent use.
type Set struct {
	env   *Env
	rules []*Rule
	// Version identifies the rules: "rules-" and the hex SHA-256 of the
	// canonical text (WriteTo).
	Version string
}

// Env returns the environment the rules were compiled in; they may only
// be evaluated over facts of its schema.
func (s *Set) Env() *Env { return s.env }

// Rules returns the rules in evaluation order.
func (s *Set) Rules() []Rule {
	out := make([]Rule, len(s.rules))
	for i, r := range s.rules {
		out[i] = *r
		out[i].when, out[i].evidence = nil, nil
	}
	return out
}

// IDs returns the rule ids, sorted.
func (s *Set) IDs() []string {
	out := make([]string, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.ID
	}
	sort.Strings(out)
	return out
}

// WriteTo writes the canonical text of the set: one JSON object a line, in
// evaluation order. Loaded on its own in an environment of the same schema
// it gives a set with the same Version.
func (s *Set) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(canonical(s.rules))
	return int64(n), err
}

func canonical(rules []*Rule) []byte {
	var b bytes.Buffer
	for _, r := range rules {
		line, _ := json.Marshal(r) // strings only: cannot fail
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Load reads the files in order and compiles their rules in e: a rule
// with an id read before replaces it, a new id is added at the end, and a
// disabled one is removed. Each rule is compiled once. A rule that does
// not parse, type-check, or carry a known category and severity is a parse
// error (Kind Invalid, tripline.ParseErrorOf) naming its file and line.
func (e *Env) Load(files ...File) (*Set, error) {
	var all []*Rule
	for _, f := range files {
		rules, err := e.parse(f.Text, f.Name)
		if err != nil {
			return nil, err
		}
		all = merge(all, rules)
	}
	out := all[:0]
	for _, r := range all {
		if !r.Disabled {
			out = append(out, r)
		}
	}
	sum := sha256.Sum256(canonical(out))
	return &Set{env: e, rules: out, Version: "rules-" + hex.EncodeToString(sum[:])}, nil
}

// merge lays extra over base by id.
func merge(base, extra []*Rule) []*Rule {
	pos := map[string]int{}
	for i, r := range base {
		pos[r.ID] = i
	}
	for _, r := range extra {
		if i, ok := pos[r.ID]; ok {
			base[i] = r
		} else {
			pos[r.ID] = len(base)
			base = append(base, r)
		}
	}
	return base
}

func (e *Env) parse(r io.Reader, name string) ([]*Rule, error) {
	if r == nil {
		return nil, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var out []*Rule
	seen := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		bad := func(format string, args ...any) error {
			return tripline.ParseErrorf(name, line, format, args...)
		}
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		var rule Rule
		if err := dec.Decode(&rule); err != nil {
			return nil, bad("not a rule object: %v", err)
		}
		if dec.More() {
			return nil, bad("one rule a line: text after the rule object")
		}
		rule.Origin = fmt.Sprintf("%s:%d", name, line)
		if rule.ID == "" {
			return nil, bad("rule has no id")
		}
		if prev, ok := seen[rule.ID]; ok {
			return nil, bad("rule %s is defined twice (first on line %d)", rule.ID, prev)
		}
		seen[rule.ID] = line
		if !rule.Disabled {
			if err := e.validate(&rule); err != "" {
				return nil, bad("rule %s: %s", rule.ID, err)
			}
			if err := e.compile(&rule); err != "" {
				return nil, bad("rule %s: %s", rule.ID, err)
			}
		}
		out = append(out, &rule)
	}
	if err := sc.Err(); err != nil {
		return nil, &tripline.Error{Op: "rules.Load", Kind: tripline.KindInvalid, Msg: "cannot read rules file " + name, Err: err}
	}
	return out, nil
}

func (e *Env) validate(r *Rule) string {
	switch {
	case r.Source == "":
		return "no source document"
	case r.Reason == "":
		return "no reason"
	case strings.TrimSpace(r.When) == "":
		return "no when expression"
	}
	switch r.Severity {
	case SeverityLow, SeverityMedium, SeverityHigh:
	default:
		return fmt.Sprintf("severity %q is not low, medium or high", r.Severity)
	}
	if !e.cats[r.Category] {
		return fmt.Sprintf("category %q is not one of %s", r.Category, strings.Join(e.schema.Categories, ", "))
	}
	return ""
}

// compile type-checks and plans the rule's expressions.
func (e *Env) compile(r *Rule) string {
	prg, err := e.program(r.When, cel.BoolType)
	if err != "" {
		return "when: " + err
	}
	r.when = prg
	if r.Evidence != "" {
		prg, err := e.program(r.Evidence, cel.StringType)
		if err != "" {
			return "evidence: " + err
		}
		r.evidence = prg
	}
	return ""
}

// Evaluate runs every rule over the facts, the values of the schema's
// variables by name, and returns the flags raised, in rule order. A rule
// whose evaluation fails (a missing field on unusual input) raises no
// flag; the failure is returned in errs, a *tripline.Error whose Msg
// names the rule (the same for every transaction) and whose Err is the
// cause.
func (s *Set) Evaluate(facts map[string]any) (flags []tripline.Flag, errs []error) {
	act, err := interpreter.NewActivation(facts)
	if err != nil {
		return nil, []error{err}
	}
	for _, r := range s.rules {
		v, _, err := r.when.Eval(act)
		if err != nil {
			errs = append(errs, &tripline.Error{Kind: tripline.KindInvalid, Msg: fmt.Sprintf("rule %s (%s)", r.ID, r.Origin), Err: err})
			continue
		}
		if b, ok := v.Value().(bool); !ok || !b {
			continue
		}
		fl := tripline.Flag{Rule: r.ID, Category: r.Category, Severity: r.Severity, Reason: r.Reason, Source: r.Source}
		if r.evidence != nil {
			if ev, _, err := r.evidence.Eval(act); err == nil {
				if s, ok := ev.Value().(string); ok {
					fl.Evidence = s
				}
			} else {
				errs = append(errs, &tripline.Error{Kind: tripline.KindInvalid, Msg: fmt.Sprintf("rule %s (%s) evidence", r.ID, r.Origin), Err: err})
			}
		}
		flags = append(flags, fl)
	}
	return flags, errs
}
