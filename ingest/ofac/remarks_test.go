package ofac

import (
	"reflect"
	"testing"

	"github.com/tripline/tripline"
)

func TestBirthDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"10 Dec 1948", []string{"1948-12-10"}},
		{"1 Dec 1948", []string{"1948-12-01"}},
		{"1946", []string{"1946"}},
		{"Sep 1938", []string{"1938-09"}},
		{"circa 1951", []string{"1951"}},
		{"circa 07 Jul 1966", []string{"1966-07-07"}},
		{"1951 to 1953", []string{"1951", "1952", "1953"}},
		{"01 Jan 1961 to 31 Dec 1962", []string{"1961", "1962"}},
		{"Mar 1962 to Feb 1963", []string{"1962-03", "1963-02"}},
		{"circa 1979-1982", []string{"1979", "1980", "1981", "1982"}},
		{"1900 to 1990", []string{"1900", "1990"}},
		{"05 May 1960 to 20 Jun 1960", []string{"1960-05-05", "1960-06-20"}},
		{"32 Jan 1960", nil},
		{"sometime", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := birthDates(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("birthDates(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseRemarks(t *testing.T) {
	tests := []struct {
		name    string
		remarks string
		want    tripline.Entity
	}{
		{
			name:    "weak aliases in all three kinds",
			remarks: "a.k.a. 'ABC'; f.k.a. 'OLD ABC'; n.k.a. 'NEW ABC'; a.k.a. ''FOOPIE''; a.k.a. ''ABD AL-X'.",
			want: tripline.Entity{Names: []tripline.Name{
				{Full: "ABC", Kind: tripline.NameWeak, Qualifier: "aka"},
				{Full: "OLD ABC", Kind: tripline.NameWeak, Qualifier: "fka"},
				{Full: "NEW ABC", Kind: tripline.NameWeak, Qualifier: "nka"},
				{Full: "FOOPIE", Kind: tripline.NameWeak, Qualifier: "aka"},
				{Full: "'ABD AL-X", Kind: tripline.NameWeak, Qualifier: "aka"},
			}},
		},
		{
			name:    "identifier with two parenthesised groups",
			remarks: "Registration Number HRA 738077 (Stuttgart) (Germany); National ID No. D489833(9) (Hong Kong)",
			want: tripline.Entity{Identifiers: []tripline.Identifier{
				{Type: "registration", Value: "HRA 738077", Country: "DE", Note: "Stuttgart"},
				{Type: "national_id", Value: "D489833(9)", Country: "HK"},
			}},
		},
		{
			name:    "IMO numbers lose their prefix",
			remarks: "Identification Number IMO 5342883; Company Number IMO 5055293.",
			want: tripline.Entity{Identifiers: []tripline.Identifier{
				{Type: "imo", Value: "5342883"}, {Type: "imo", Value: "5055293"},
			}},
		},
		{
			name:    "nationality, citizen, possibly, unresolved",
			remarks: "nationality Korea, North; citizen Iran; nationality possibly Palestinian; nationality Atlantis",
			want: tripline.Entity{
				Nationalities: []string{"KP", "IR", "PS", "Atlantis"},
				Countries:     []string{"KP", "IR", "PS"},
				Properties:    map[string][]string{"citizenship": {"IR"}},
			},
		},
		{
			name:    "linked to keeps the name as written",
			remarks: "Linked To: PETROLEOS DE VENEZUELA, S.A.; Linked To: X.",
			want: tripline.Entity{Links: []tripline.Link{
				{Type: "linked_to", TargetName: "PETROLEOS DE VENEZUELA, S.A."},
				{Type: "linked_to", TargetName: "X"},
			}},
		},
		{
			name:    "contacts and unknown facts",
			remarks: "Telephone (98)(21)(66153220); alt. Phone Number 123; Fax: 0097282858208; ICTY indictee",
			want: tripline.Entity{
				Phones:     []string{"(98)(21)(66153220)", "123"},
				Properties: map[string][]string{"fax": {"0097282858208"}, "notes": {"ICTY indictee"}},
			},
		},
		{
			name:    "listing date picks the earliest full date",
			remarks: "Listing Date (EO 14024 Directive 3): 24 Feb 2022; Listing Date (CMIC) 03 Jun 2021",
			want: tripline.Entity{
				ListedOn:   "2021-06-03",
				Properties: map[string][]string{"listing_date": {"(EO 14024 Directive 3): 24 Feb 2022", "(CMIC) 03 Jun 2021"}},
			},
		},
		{
			name:    "unparseable DOB is kept",
			remarks: "DOB unknown",
			want:    tripline.Entity{Properties: map[string][]string{"birth_date_text": {"unknown"}}},
		},
		{
			name:    "a quote that does not close is no alias",
			remarks: "a.k.a. 'BROKEN",
			want:    tripline.Entity{Properties: map[string][]string{"notes": {"a.k.a. 'BROKEN"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e tripline.Entity
			ParseRemarks(&e, tt.remarks)
			if !reflect.DeepEqual(e, tt.want) {
				t.Errorf("got  %+v\nwant %+v", e, tt.want)
			}
		})
	}
}
