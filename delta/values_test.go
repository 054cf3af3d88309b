package delta_test

import (
	"slices"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
)

func TestValues(t *testing.T) {
	e := &tripline.Entity{
		Addresses:   []tripline.Address{{City: "Tehran", Country: "IR"}, {Full: " 1 Main St "}},
		Identifiers: []tripline.Identifier{{Type: "Passport", Value: "A1", Country: "IR"}},
		Programs:    []string{"NPWMD", "IRAN", "NPWMD", " "},
	}
	for _, tc := range []struct {
		e     *tripline.Entity
		field string
		want  []string
	}{
		{e, "addresses", []string{"1 Main St", "Tehran, IR"}},
		{e, "identifiers", []string{"Passport A1 (IR)"}},
		{e, "programs", []string{"IRAN", "NPWMD"}},
		{e, "gender", []string{}},
		{nil, "names", []string{}},
	} {
		if got := delta.Values(tc.e, tc.field); !slices.Equal(got, tc.want) {
			t.Errorf("Values(%s) = %q, want %q", tc.field, got, tc.want)
		}
	}
}
