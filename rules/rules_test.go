package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// testSchema is a schema of its own: the engine is tested without the
// order facts of package decide. lookup is bound to a group, the way
// decide binds hub() to the catalogue in use.
func testSchema(group map[string]bool) Schema {
	return Schema{
		Variables: []Variable{
			{Name: "order", Type: MapOf(DynType)},
			{Name: "items", Type: ListOf(MapOf(DynType))},
			{Name: "tags", Type: ListOf(StringType)},
		},
		Functions: []Function{
			Func1("in_group", "whether a code is in the group", func(s string) bool { return group[s] }),
			Func1("shout", "upper case", strings.ToUpper),
			Func1("half", "half of x", func(x float64) float64 { return x / 2 }),
			Func2("longer", "len(a) - len(b)", func(a, b string) int64 { return int64(len(a) - len(b)) }),
		},
		Categories: []string{"cat_a", "cat_b"},
	}
}

func mustEnv(tb testing.TB, group map[string]bool) *Env {
	tb.Helper()
	e, err := NewEnv(testSchema(group))
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func mustLoad(tb testing.TB, e *Env, files ...File) *Set {
	tb.Helper()
	s, err := e.Load(files...)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func file(name, text string) File { return File{Name: name, Text: strings.NewReader(text)} }

const base = `# base rules
{"id":"A-1","source":"doc A","category":"cat_a","severity":"low","reason":"in the group","when":"in_group(order.country)","evidence":"'country ' + shout(order.country)"}
{"id":"A-2","source":"doc A","category":"cat_b","severity":"medium","reason":"big","when":"half(order.value) > 10.0 && longer(order.id, 'x') > 0"}

{"id":"A-3","source":"doc A","category":"cat_b","severity":"high","reason":"tagged","when":"'hold' in tags && items.exists(i, i.controlled)"}
`

func ids(flags []tripline.Flag) string {
	var out []string
	for _, f := range flags {
		out = append(out, f.Rule)
	}
	return strings.Join(out, " ")
}

func TestEvaluate(t *testing.T) {
	s := mustLoad(t, mustEnv(t, map[string]bool{"AE": true}), file("base.rules", base))
	for _, tc := range []struct {
		name  string
		facts map[string]any
		want  string
	}{
		{"all", map[string]any{"order": map[string]any{"country": "AE", "value": 30.0, "id": "o1"},
			"items": []any{map[string]any{"controlled": true}}, "tags": []string{"hold"}}, "A-1 A-2 A-3"},
		{"none", map[string]any{"order": map[string]any{"country": "DE", "value": 3.0, "id": "o1"},
			"items": []any{}, "tags": []string{}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flags, errs := s.Evaluate(tc.facts)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if got := ids(flags); got != tc.want {
				t.Errorf("flags %q, want %q", got, tc.want)
			}
			for _, f := range flags {
				if f.Rule == "A-1" && (f.Evidence != "country AE" || f.Source != "doc A" || f.Severity != "low" || f.Category != "cat_a") {
					t.Errorf("flag %+v", f)
				}
			}
		})
	}
	// A field some facts lack fails that rule alone, naming it.
	flags, errs := s.Evaluate(map[string]any{"order": map[string]any{"country": "AE"}, "items": []any{}, "tags": []string{}})
	if ids(flags) != "A-1" || len(errs) != 1 || !strings.Contains(errs[0].Error(), "A-2 (base.rules:3)") {
		t.Errorf("flags %q errs %v", ids(flags), errs)
	}
}

// The functions are those of the environment a set was compiled in: the
// same rules in two environments answer from their own bindings.
func TestFunctionsBoundPerEnv(t *testing.T) {
	facts := map[string]any{"order": map[string]any{"country": "MN", "value": 0.0, "id": ""}, "items": []any{}, "tags": []string{}}
	for _, tc := range []struct {
		group map[string]bool
		want  string
	}{{map[string]bool{"MN": true}, "A-1"}, {map[string]bool{"AE": true}, ""}} {
		s := mustLoad(t, mustEnv(t, tc.group), file("base.rules", base))
		if flags, _ := s.Evaluate(facts); ids(flags) != tc.want {
			t.Errorf("group %v: flags %q, want %q", tc.group, ids(flags), tc.want)
		}
	}
}

func TestBadRuleRejectedWithLine(t *testing.T) {
	good := `{"id":"X-1","source":"test","category":"cat_a","severity":"low","reason":"r","when":"true"}`
	for _, tc := range []struct {
		name, text, want string
		line             int
	}{
		{"syntax", good + "\n\n" + `{"id":"X-2","source":"s","category":"cat_a","severity":"low","reason":"r","when":"order.notes ==="}`, "when:", 3},
		{"not bool", good + "\n" + `{"id":"X-2","source":"s","category":"cat_a","severity":"low","reason":"r","when":"shout('a')"}`, "bool", 2},
		{"unknown variable", `# c` + "\n" + `{"id":"X-2","source":"s","category":"cat_a","severity":"low","reason":"r","when":"customer.name == 'x'"}`, "undeclared", 2},
		{"unknown function", `{"id":"X-2","source":"s","category":"cat_a","severity":"low","reason":"r","when":"shady(order.notes)"}`, "shady", 1},
		{"wrong argument type", `{"id":"X-2","source":"s","category":"cat_a","severity":"low","reason":"r","when":"in_group(1)"}`, "in_group", 1},
		{"bad severity", `{"id":"X-2","source":"s","category":"cat_a","severity":"grave","reason":"r","when":"true"}`, "severity", 1},
		{"bad category", `{"id":"X-2","source":"s","category":"suspicious","severity":"low","reason":"r","when":"true"}`, "cat_a, cat_b", 1},
		{"no source", `{"id":"X-2","category":"cat_a","severity":"low","reason":"r","when":"true"}`, "source", 1},
		{"no reason", `{"id":"X-2","source":"s","category":"cat_a","severity":"low","when":"true"}`, "reason", 1},
		{"no id", `{"source":"s","category":"cat_a","severity":"low","reason":"r","when":"true"}`, "no id", 1},
		{"unknown field", `{"id":"X-2","source":"s","category":"cat_a","severity":"low","reason":"r","when":"true","wen":"x"}`, "unknown field", 1},
		{"not json", `id=X-2 when=true`, "not a rule", 1},
		{"two objects", good + " " + good, "one rule a line", 1},
		{"duplicate", good + "\n" + good, "twice", 2},
		{"bad evidence", `{"id":"X-2","source":"s","category":"cat_a","severity":"low","reason":"r","when":"true","evidence":"1 + 1"}`, "evidence", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mustEnv(t, nil).Load(file("base.rules", base), file("my.rules", tc.text))
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if pe.File != "my.rules" || pe.Line != tc.line || !strings.Contains(pe.Msg, tc.want) {
				t.Errorf("err = %v, want my.rules:%d ... %q", err, tc.line, tc.want)
			}
			if tripline.ErrorKind(err) != tripline.KindInvalid {
				t.Errorf("kind %v", tripline.ErrorKind(err))
			}
		})
	}
}

func TestOverrideAddDisable(t *testing.T) {
	e := mustEnv(t, nil)
	user := `# my rules
{"id":"A-2","source":"house policy","category":"cat_b","severity":"high","reason":"any value","when":"order.value > 0.0"}
{"id":"H-1","source":"house policy","category":"cat_a","severity":"low","reason":"house","when":"order.id == 'o1'"}
{"id":"A-3","disabled":true}
`
	s := mustLoad(t, e, file("base.rules", base), file("house.rules", user))
	var got []string
	for _, r := range s.Rules() {
		got = append(got, r.ID+"@"+r.Origin)
	}
	if strings.Join(got, " ") != "A-1@base.rules:2 A-2@house.rules:2 H-1@house.rules:3" {
		t.Errorf("rules %v", got)
	}
	if s.IDs()[0] != "A-1" || len(s.IDs()) != 3 {
		t.Errorf("ids %v", s.IDs())
	}
	flags, _ := s.Evaluate(map[string]any{"order": map[string]any{"country": "", "value": 1.0, "id": "o1"}, "items": []any{}, "tags": []string{"hold"}})
	if ids(flags) != "A-2 H-1" || flags[0].Severity != "high" {
		t.Errorf("flags %+v", flags)
	}
	if b := mustLoad(t, e, file("base.rules", base)); b.Version == s.Version {
		t.Error("version unchanged by user rules")
	}
}

// The version is the SHA-256 of the canonical text, which loads again to
// the same version: a recorded decision names its rules exactly, and they
// can be compiled again to replay it.
func TestVersionIsContentHash(t *testing.T) {
	e := mustEnv(t, nil)
	s := mustLoad(t, e, file("base.rules", base), file("house.rules", `{"id":"A-3","disabled":true}`))
	var text bytes.Buffer
	if _, err := s.WriteTo(&text); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(text.Bytes())
	if s.Version != "rules-"+hex.EncodeToString(sum[:]) {
		t.Errorf("version %s is not the hash of %q", s.Version, text.String())
	}
	if strings.Count(text.String(), "\n") != 2 || strings.Contains(text.String(), "base.rules") {
		t.Errorf("canonical text %q", text.String())
	}
	again := mustLoad(t, mustEnv(t, map[string]bool{"X": true}), File{"replay", bytes.NewReader(text.Bytes())})
	if again.Version != s.Version {
		t.Errorf("replayed version %s, want %s", again.Version, s.Version)
	}
	// Comments, blank lines and file names are not content.
	other := mustLoad(t, e, file("elsewhere", strings.ReplaceAll(base, "# base rules\n", "")+"\n# end\n"), file("x", `{"id":"A-3","disabled":true}`))
	if other.Version != s.Version {
		t.Error("version depends on comments or file names")
	}
	// Order is content: rules are evaluated in it.
	lines := strings.Split(strings.TrimSpace(text.String()), "\n")
	swapped := mustLoad(t, e, file("s", lines[1]+"\n"+lines[0]+"\n"))
	if swapped.Version == s.Version {
		t.Error("version ignores rule order")
	}
}

func TestNewEnvErrors(t *testing.T) {
	for _, s := range []Schema{
		{Variables: []Variable{{Name: "x"}}},
		{Functions: []Function{{Name: "f"}}},
		{Functions: []Function{Func1("size", "clashes with the built-in", func(s string) bool { return true })}},
	} {
		if _, err := NewEnv(s); tripline.ErrorKind(err) != tripline.KindInternal {
			t.Errorf("NewEnv(%+v) = %v, want an internal error", s, err)
		}
	}
	f := Func2("longer", "", func(a, b string) int64 { return 0 })
	if f.Signature != "longer(string, string) int" {
		t.Errorf("signature %q", f.Signature)
	}
	if MapOf(ListOf(StringType)).String() != "map(string, list(string))" {
		t.Errorf("type %s", MapOf(ListOf(StringType)))
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(base)
	f.Add(`{"id":"X","source":"s","category":"cat_a","severity":"low","reason":"r","when":"true"}`)
	f.Add(`{"id":"X","disabled":true}`)
	f.Add("#\n\n{")
	e := mustEnv(f, map[string]bool{"AE": true})
	facts := map[string]any{"order": map[string]any{"country": "AE", "value": 30.0, "id": "o1"}, "items": []any{}, "tags": []string{}}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		s, err := e.Load(file("fuzz.rules", text))
		if err != nil {
			if tripline.ErrorKind(err) != tripline.KindInvalid {
				t.Fatalf("kind %v: %v", tripline.ErrorKind(err), err)
			}
			return
		}
		s.Evaluate(facts)
	})
}
