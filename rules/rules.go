// Package rules holds Tripline's red-flag rules: the official indicators
// (BIS "Know Your Customer" red flags, the FinCEN/BIS alerts and notices,
// the Iran-UAV guidance, and typologies derived from enforcement cases) as
// declarative rules, each with an id, its source document, a category, a
// severity, a human explanation and a CEL expression over the transaction.
//
// Rules are kept in a JSON-lines file: one rule a line, blank lines and
// lines starting with # ignored. The defaults are embedded (default.rules);
// a user file adds rules or overrides them by id without recompiling, and
// {"id": "X", "disabled": true} removes one. A bad rule is rejected at load
// with its file, line and the reason.
//
// Expressions see the variables order, parties, items, route, payment and
// hits, and the helper functions documented on Env. The package is pure:
// it reads only what it is given.
package rules

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"cel.dev/cel-go/cel"

	"github.com/tripline/tripline"
)

//go:embed default.rules
var defaultRules []byte

// Severities, from a note to a hold.
const (
	SeverityLow    = "low"
	SeverityMedium = "medium"
	SeverityHigh   = "high"
)

// Categories are the red-flag category words a rule may carry.
var Categories = []string{
	"party_match", "chpl_item", "uav_item", "transshipment", "destination_embargo", "third_party_payment",
	"end_use_missing", "industry_mismatch", "new_company", "freight_forwarder_consignee", "free_mail",
	"phone_country_mismatch", "residential_address", "unusual_payment", "vague_delivery", "declined_services",
	"unfamiliar_product", "evasive_customer", "overpricing", "payment_reroute", "shipping_change",
}

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
	// Disabled removes the rule (used to switch off a default by id).
	Disabled bool `json:"disabled,omitempty"`
	// Origin is where the rule was read, "file:line".
	Origin string `json:"-"`

	when, evidence cel.Program
}

// Set is a compiled, ordered set of rules; it is safe for concurrent use.
type Set struct {
	rules []*Rule
	// Version identifies the rules: a hash over their definitions.
	Version string
}

// Rules returns the rules in evaluation order.
func (s *Set) Rules() []Rule {
	out := make([]Rule, len(s.rules))
	for i, r := range s.rules {
		out[i] = *r
		out[i].when, out[i].evidence = nil, nil
	}
	return out
}

// Default returns the embedded default rules, compiled.
func Default() (*Set, error) {
	return Load(nil, "")
}

// Load compiles the default rules, then the rules of user (when not nil,
// read as the file named name): a user rule with a known id replaces the
// default, a new id is added at the end, and a disabled one is removed.
func Load(user io.Reader, name string) (*Set, error) {
	base, err := parse(bytes.NewReader(defaultRules), "default.rules")
	if err != nil {
		return nil, err
	}
	if user != nil {
		extra, err := parse(user, name)
		if err != nil {
			return nil, err
		}
		base = merge(base, extra)
	}
	return compile(base)
}

// Parse reads and compiles a rules file on its own, without the defaults.
func Parse(r io.Reader, name string) (*Set, error) {
	rules, err := parse(r, name)
	if err != nil {
		return nil, err
	}
	return compile(rules)
}

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
	out := base[:0]
	for _, r := range base {
		if !r.Disabled {
			out = append(out, r)
		}
	}
	return out
}

func parse(r io.Reader, name string) ([]*Rule, error) {
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
			if err := validate(&rule); err != "" {
				return nil, bad("rule %s: %s", rule.ID, err)
			}
			if _, err := compileRule(&rule); err != "" {
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

func validate(r *Rule) string {
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
	for _, c := range Categories {
		if c == r.Category {
			return ""
		}
	}
	return fmt.Sprintf("category %q is not one of %s", r.Category, strings.Join(Categories, ", "))
}

// compileRule type-checks and plans the rule's expressions.
func compileRule(r *Rule) (*Rule, string) {
	env := environment()
	ast, iss := env.Compile(r.When)
	if iss.Err() != nil {
		return nil, "when: " + oneLine(iss.Err().Error())
	}
	if !ast.OutputType().IsExactType(cel.BoolType) && !ast.OutputType().IsExactType(cel.DynType) {
		return nil, "when: must be a bool expression, is " + ast.OutputType().String()
	}
	prg, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize), cel.CostLimit(1_000_000))
	if err != nil {
		return nil, "when: " + oneLine(err.Error())
	}
	r.when = prg
	if r.Evidence != "" {
		ast, iss := env.Compile(r.Evidence)
		if iss.Err() != nil {
			return nil, "evidence: " + oneLine(iss.Err().Error())
		}
		if !ast.OutputType().IsExactType(cel.StringType) && !ast.OutputType().IsExactType(cel.DynType) {
			return nil, "evidence: must be a string expression, is " + ast.OutputType().String()
		}
		prg, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize), cel.CostLimit(1_000_000))
		if err != nil {
			return nil, "evidence: " + oneLine(err.Error())
		}
		r.evidence = prg
	}
	return r, ""
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func compile(rules []*Rule) (*Set, error) {
	h := sha256.New()
	for _, r := range rules {
		if r.when == nil {
			if _, err := compileRule(r); err != "" {
				return nil, tripline.Errorf(tripline.KindInvalid, "%s: rule %s: %s", r.Origin, r.ID, err)
			}
		}
		b, _ := json.Marshal(r)
		h.Write(b)
		h.Write([]byte{'\n'})
	}
	return &Set{rules: rules, Version: "rules-" + hex.EncodeToString(h.Sum(nil))[:12]}, nil
}

// Evaluate runs every rule over the facts and returns the flags raised, in
// rule order. A rule whose evaluation fails (a missing field on unusual
// input) raises no flag; the failure is returned in errs, a
// *tripline.Error whose Msg names the rule (the same for every
// transaction) and whose Err is the cause.
func (s *Set) Evaluate(f *Facts) (flags []tripline.Flag, errs []error) {
	act := f.activation()
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

// IDs returns the rule ids, sorted.
func (s *Set) IDs() []string {
	out := make([]string, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.ID
	}
	sort.Strings(out)
	return out
}
