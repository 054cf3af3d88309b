package phone

import "testing"

func TestKey(t *testing.T) {
	for _, tc := range []struct{ raw, region, want string }{
		// one number, written as lists and registries write it
		{"+971 4 324 8000", "", "+97143248000"},
		{"0097143248000", "", "+97143248000"},
		{"(971) (4) (3248000)", "", "+97143248000"},
		{"04 324 8000", "AE", "+97143248000"},
		{"00971 4 324 8000", "US", "+97143248000"},
		{"+31 010-4951863", "", "+31104951863"},
		{"010-4951863", "NL", "+31104951863"},
		{"+7 495 867 9408", "", "+74958679408"},
		{"8 (495) 867-94-08", "RU", "+74958679408"},
		{"(749) 58679408", "RU", "+74958679408"},
		{"982188526300", "", "+982188526300"},
		{"+90 212 266 9217", "TR", "+902122669217"},
		{"+1 (212) 555-0182 ext. 14", "US", "+12125550182"},
		{"(212) 555-0182", "US", "+12125550182"},
		// not in the numbering plans: digits with the country code
		{"+999 123 4567", "", "+9991234567"},
		{"+310000000", "", "+310000000"}, // fuzz-found: the library's reading dropped a digit
		{"+31 099 123", "", "+3199123"},  // not in the plans: trunk 0 dropped
		{"1234567", "", "1234567"},
		{"964805611259", "IQ", "+964805611259"}, // national, with the country code
		// too short to compare
		{"12-34", "US", ""},
		{"", "AE", ""},
		{"n/a", "", ""},
	} {
		if got := Key(tc.raw, tc.region); got != tc.want {
			t.Errorf("Key(%q, %q) = %q, want %q", tc.raw, tc.region, got, tc.want)
		}
	}
}

// TestKeyComparesWholeNumbers: two numbers that share their last nine
// digits but not their country are two numbers (issue 18: a bakery in
// the US was linked to a listed company in Uganda). Fictional numbers.
func TestKeyComparesWholeNumbers(t *testing.T) {
	bakery, listed := Key("(414) 555-0123", "US"), Key("+256 414 555 0123", "UG")
	if bakery == "" || listed == "" || bakery == listed {
		t.Errorf("US %q and Uganda %q must be two keys", bakery, listed)
	}
	if a, b := Key("+256 414 555 0123", ""), Key("0414 555 0123", "UG"); a != b {
		t.Errorf("one Ugandan number, two keys: %q, %q", a, b)
	}
}

func TestCountryCode(t *testing.T) {
	for raw, want := range map[string]int{"+7 495 867 9408": 7, "00971 4 3248000": 971, "+44 20 7946 0000": 44,
		"+1-202-555-0100": 1, "495 867 9408": 0, "+": 0, "": 0, "+999 1": 0} {
		if got := CountryCode(raw); got != want {
			t.Errorf("CountryCode(%q) = %d, want %d", raw, got, want)
		}
	}
	if RegionCode("ae") != 971 || RegionCode("XX") != 0 {
		t.Errorf("RegionCode: AE %d, XX %d", RegionCode("AE"), RegionCode("XX"))
	}
	if rs := Regions(7); len(rs) != 2 {
		t.Errorf("Regions(7) = %v, want RU and KZ", rs)
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"+971 4 324 8000", "(971) (4) (3248000)", "0097143248000", "ext 5", "+", "00", "8 (495) 867-94-08"} {
		f.Add(s, "AE")
	}
	f.Fuzz(func(t *testing.T, raw, region string) {
		k := Key(raw, region)
		if k == "" {
			return
		}
		// a key is a key of itself
		if k2 := Key(k, region); k2 != k && k[0] == '+' {
			t.Fatalf("Key(%q, %q) = %q, but Key(%q) = %q", raw, region, k, k, k2)
		}
		_ = CountryCode(raw)
	})
}
