package listutil

import (
	"slices"
	"testing"

	"github.com/tripline/tripline"
)

func TestDate(t *testing.T) {
	cases := []struct{ y, m, d, want string }{
		{"1975", "4", "21", "1975-04-21"},
		{"1975", "04", "00", "1975-04"},
		{"1975", "", "", "1975"},
		{"1975", "0", "12", "1975"},
		{"", "4", "21", ""},
		{"75", "4", "21", ""},
		{"1975", "13", "1", ""},
		{"1975", "x", "1", ""},
	}
	for _, c := range cases {
		if got := Date(c.y, c.m, c.d); got != c.want {
			t.Errorf("Date(%q, %q, %q) = %q, want %q", c.y, c.m, c.d, got, c.want)
		}
	}
}

func TestDMY(t *testing.T) {
	for in, want := range map[string]string{
		"25/01/2024": "2024-01-25",
		"00/06/1968": "1968-06",
		"00/00/1961": "1961",
		"12/00/1961": "1961",
		"1/3/1961":   "1961-03-01",
		"":           "",
		"2024-01-25": "",
		"aa/bb/1961": "",
	} {
		if got := DMY(in); got != want {
			t.Errorf("DMY(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScript(t *testing.T) {
	for in, want := range map[string]string{
		"Saddam Hussein":     "",
		"Qoussaï Al-Tikriti": "",
		"Jama’at — 1":        "",
		"Виталий Захарченко": "Cyrl",
		"علي مملوك":          "Arab",
		"Ali (علي)":          "Arab",
		"朝鲜":                 "Hani",
		"김정은":                "Hang",
		"Ελλάδα":             "Grek",
		"":                   "",
	} {
		if got := Script(in); got != want {
			t.Errorf("Script(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumns(t *testing.T) {
	c, missing := NewColumns([]string{"\ufeffA", " B ", "C", "A"}, "A", "B", "D")
	if !slices.Equal(missing, []string{"D"}) {
		t.Errorf("missing = %v, want [D]", missing)
	}
	rec := []string{" 1 ", "2"}
	if c.Get(rec, "A") != "1" || c.Get(rec, "B") != "2" || c.Get(rec, "C") != "" || c.Get(rec, "Z") != "" {
		t.Errorf("Get: %q %q %q", c.Get(rec, "A"), c.Get(rec, "B"), c.Get(rec, "C"))
	}
}

func TestAddName(t *testing.T) {
	var e tripline.Entity
	AddName(&e, tripline.Name{Full: "ACME", Kind: tripline.NameWeak})
	AddName(&e, tripline.Name{Full: " ACME ", Kind: tripline.NamePrimary})
	AddName(&e, tripline.Name{Full: "ACME", Kind: tripline.NameAlias, Qualifier: "aka"})
	AddName(&e, tripline.Name{Full: "  "})
	if len(e.Names) != 1 || e.Names[0].Kind != tripline.NamePrimary {
		t.Errorf("names = %+v, want one primary ACME", e.Names)
	}
}

func TestAddAddress(t *testing.T) {
	var e tripline.Entity
	AddAddress(&e, tripline.Address{Country: "IR"})
	AddAddress(&e, tripline.Address{Full: "1 Road, Tehran", Country: "IR"})
	AddAddress(&e, tripline.Address{Full: "1 Road, Tehran", Country: "IR"})
	AddAddress(&e, tripline.Address{})
	if len(e.Addresses) != 1 || !slices.Equal(e.Countries, []string{"IR"}) {
		t.Errorf("addresses %+v countries %v", e.Addresses, e.Countries)
	}
}
