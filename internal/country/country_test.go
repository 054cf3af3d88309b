package country

import "testing"

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"People's Republic of China": "CN", "Democratic People's Republic of Korea": "KP", "Côte d'Ivoire": "CI",
		"Cote d Ivoire": "CI", "U.S.A.": "US", "Korea, North": "KP", "Iran (Islamic Republic of)": "IR", "UAE": "AE",
		"uk": "GB", "DEU": "DE", "São Tomé and Príncipe": "ST", "Virgin Islands, U.S.": "VI", "": "", "Atlantis": "",
	} {
		if got := Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
	if Name("ci") != "Côte d'Ivoire" || !Valid("AE") || Valid("XX") {
		t.Error("Name/Valid")
	}
}

func TestDemonym(t *testing.T) {
	for _, tc := range []struct {
		in   string
		code string
		ok   bool
	}{
		{"Iranian", "IR", true}, {"iranians", "IR", true}, {" Ukranian ", "UA", true},
		{"north korean", "KP", true}, {"Soviet", "SU", true}, {"korean", "", true},
		{"Iran", "", false}, {"", "", false},
	} {
		if code, ok := Demonym(tc.in); code != tc.code || ok != tc.ok {
			t.Errorf("Demonym(%q) = %q, %v; want %q, %v", tc.in, code, ok, tc.code, tc.ok)
		}
	}
}
