package strictjson

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

type inner struct {
	Role string `json:"role"`
	Skip string `json:"-"`
}

type Embedded struct {
	Extra string `json:"extra"`
}

type outer struct {
	Embedded
	ID      string            `json:"id"`
	Parties []inner           `json:"parties"`
	Props   map[string]inner  `json:"props"`
	Free    map[string]any    `json:"free"`
	Raw     any               `json:"raw"`
	Tags    map[string]string `json:"tags"`
	Plain   int
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		strict   bool
		msg      string // "" for success
	}{
		{"valid", `{"id":"a","parties":[{"role":"buyer"}],"extra":"x","Plain":1,"free":{"q":[1]},"raw":{"z":1}}`, true, ""},
		{"case folded", `{"ID":"a","PARTIES":[{"Role":"b"}],"plain":2}`, true, ""},
		{"unknown top level", `{"id":"a","treshold":1}`, true, `unknown field "treshold"`},
		{"unknown nested", `{"parties":[{"role":"a"},{"rol":"b"}]}`, true, `unknown field "parties[1].rol"`},
		{"unknown in a map value", `{"props":{"k":{"x":1}}}`, true, `unknown field "props.k.x"`},
		{"a tag of -", `{"parties":[{"Skip":"x"}]}`, true, `unknown field "parties[0].Skip"`},
		{"lenient", `{"id":"a","treshold":1}`, false, ""},
		{"syntax", `{"id": x}`, true, "invalid JSON at byte"},
		{"truncated", `{"id": "a"`, true, "ends early"},
		{"empty", ``, true, "empty"},
		{"two values", `{} {}`, true, "more than one value"},
		{"wrong type", `{"id": 3}`, true, "field id must be string"},
		// What is wrong is said as before the strict pass came first: a
		// syntax or type error before an unknown member seen earlier.
		{"unknown, then wrong type", `{"treshold":1,"id":3}`, true, "field id must be string"},
		{"unknown, then syntax", `{"treshold":1,"id":x}`, true, "invalid JSON at byte"},
		{"unknown after a filled map", `{"free":{"a":1},"tags":{"t":"u"},"parties":[{"role":"r","x":1}]}`, true, `unknown field "parties[0].x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v outer
			err := Decode([]byte(tc.in), &v, tc.strict)
			if tc.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if tripline.ErrorKind(err) != tripline.KindInvalid || !strings.Contains(tripline.ErrorMessage(err), tc.msg) {
				t.Errorf("Decode = %v, want Invalid saying %q", err, tc.msg)
			}
		})
	}
}

// TestDecodeStrictValue: a strict decode fills v as a lenient one does.
func TestDecodeStrictValue(t *testing.T) {
	in := `{"id":"a","parties":[{"role":"buyer"},{"role":"x"}],"extra":"x","Plain":1,"props":{"k":{"role":"p"}},"free":{"q":[1,"s"]},"raw":{"z":1},"tags":{"a":"b"}}`
	var lenient, strict outer
	if err := Decode([]byte(in), &lenient, false); err != nil {
		t.Fatal(err)
	}
	if err := Decode([]byte(in), &strict, true); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(lenient, strict) || strict.ID != "a" || len(strict.Parties) != 2 || strict.Props["k"].Role != "p" {
		t.Errorf("strict %+v\nlenient %+v", strict, lenient)
	}
}
