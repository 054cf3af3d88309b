package strictjson

import (
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
