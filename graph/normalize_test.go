package graph

import (
	"testing"
)

func TestNormAddress(t *testing.T) {
	same := [][]string{
		{"No. 190 Changjiang Road, Dalian City", "NO. 190 CHANGJIANG RD, DALIAN CITY"},
		{"ul. Internatsionalnaya d. 34-A, Pavlovskiy posad 142500", "ulitsa Internatsionalnaya dom 34-A, Pavlovskiy posad 142500"},
		{"No 12 Istinye Mahallesi Bostan Sokak, Sariyer, Istanbul 34460", "No 12 Istinye Mah. Bostan Sok., Sariyer, Istanbul 34460"},
		{"24-07, Shenton House, 3, Shenton Way, Singapore 068805", "24-07 Shenton House 3 Shenton Way Singapore 068805"},
		{"Suite 7, 85 Fenwick Street, London EC2A 4NE", "Suite 7, 85 Fenwick St, London EC2A 4NE"},
	}
	for _, p := range same {
		a, b := NormAddress(p[0], "Singapore"), NormAddress(p[1], "Singapore")
		if a == "" || a != b {
			t.Errorf("NormAddress(%q) = %q, NormAddress(%q) = %q; want one key", p[0], a, p[1], b)
		}
	}
	differ := [][]string{
		{"Sh. Schelkovskoe D. 5, Str. 1, Office 527, Moscow 105122", "Sh. Schelkovskoe D. 5, Str. 1, Office 523, Moscow 105122"},
		{"Unit 1207, 12/f, Siu Wai Industrial Centre, Hong Kong", "Unit 1208, 12/f, Siu Wai Industrial Centre, Hong Kong"},
	}
	for _, p := range differ {
		if a, b := NormAddress(p[0], ""), NormAddress(p[1], ""); a == b {
			t.Errorf("another unit joined: %q and %q both %q", p[0], p[1], a)
		}
	}
	if k := NormAddress("Hong Kong", "Hong Kong"); k != "" {
		t.Errorf("a bare country is not an address, got %q", k)
	}
}

func TestNormAddressIdempotent(t *testing.T) {
	for _, s := range []string{"Office 1107, Al Noor Tower, Business Bay, Dubai", "P.O. Box 20579, Dubai", "Rm D1302, Langham Place"} {
		k := NormAddress(s, "")
		if k2 := NormAddress(k, ""); k2 != k {
			t.Errorf("NormAddress not idempotent on %q: %q then %q", s, k, k2)
		}
	}
}

func TestNormPhone(t *testing.T) {
	same := []struct{ region, a, b string }{
		{"", "+971 4 324 8000", "0097143248000"},
		{"", "+971 4 324 8000", "(971) (4) (3248000)"},
		{"AE", "+971 4 324 8000", "04 324 8000"},
		{"", "+31 010-4951863", "+31104951863"},
		{"TR", "+90 212 266 9217", "(902) 122669217"},
		{"RU", "+7 495 867 9408", "(749) 58679408"},
		{"RU", "+7 495 867 9408", "8 495 867-94-08"},
	}
	for _, c := range same {
		if a, b := NormPhone(c.a, c.region), NormPhone(c.b, c.region); a == "" || a != b {
			t.Errorf("NormPhone(%q) = %q, NormPhone(%q) = %q (region %q); want one key", c.a, a, c.b, b, c.region)
		}
	}
	if k := NormPhone("12-34", "US"); k != "" {
		t.Errorf("short number joined as %q", k)
	}
	if k := NormPhone("0097143248000", "GB"); k != "+97143248000" {
		t.Errorf("NormPhone key = %q, want E.164", k)
	}
	// issue 18: the last nine digits are the same, the numbers are not
	if a, b := NormPhone("(414) 555-0123", "US"), NormPhone("+256 414 555 0123", "UG"); a == b {
		t.Errorf("a US and a Ugandan number joined as %q", a)
	}
}

func TestNormEmail(t *testing.T) {
	cases := []struct{ in, email, domain string }{
		{"Purchase@IZH-BS.ru", "purchase@izh-bs.ru", "izh-bs.ru"},
		{"mailto:a@b.example.com", "a@b.example.com", "b.example.com"},
		{"not an email", "", ""},
		{"x@", "", ""},
	}
	for _, c := range cases {
		e, d := NormEmail(c.in)
		if e != c.email || d != c.domain {
			t.Errorf("NormEmail(%q) = %q, %q; want %q, %q", c.in, e, d, c.email, c.domain)
		}
	}
	if d := NormDomain("https://www.aladham-exchange.com.sy/about"); d != "aladham-exchange.com.sy" {
		t.Errorf("NormDomain = %q", d)
	}
}

func TestNameSimilarity(t *testing.T) {
	cases := []struct {
		a, b     string
		org      bool
		min, max float64
	}{
		{"PJSC Power Machines", "JSC POWER MACHINES", true, 1, 1},
		{"Elitnte Doma OOO", "ELITNYE DOMA OOO", true, 0.9, 1},
		{"ASCOTEC SCIENCE & TECHNOLOGY G.M.B.H.", "ASCOTEC SCIENCE & TECHNOLOGY GMBH", true, 1, 1},
		{"Rosatom Microelectronics Furniture Co., Ltd.", "ROSATOM MICROELECTRONICS JOINT STOCK COMPANY", true, 0, 0.7},
		{"Peakview Industry Group Co., Ltd.", "PEAKVIEW INDUSTRY CO., LIMITED", true, 0, 0.7},
		{"Prime Ridor Technologies AO", "LIMITED LIABILITY COMPANY PRIME RADAR TECHNOLOGY", true, 0, 0.7}, // synth-found
		{"Technoprom Servis OOO", "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU TEKHNOPROM SERVIS", true, 0.9, 1},
	}
	for _, c := range cases {
		s := nameSimilarity(nameWords(c.a, c.org), nameWords(c.b, c.org))
		if s < c.min || s > c.max {
			t.Errorf("nameSimilarity(%q, %q) = %.2f, want %.2f..%.2f", c.a, c.b, s, c.min, c.max)
		}
	}
	people := []struct {
		a, b string
		ok   bool
	}{
		{"Mohammad Riza Mohammadi", "MOHAMMADI, Mohammad Reza", true},
		{"Vasiliy Golubev", "GOLUBEV, Vasiliy Yuryevich", true},
		{"Aleksandr Arkadyevich Zhukoff", "ZHUKOV, Aleksandr Arkadyevich", true},
		{"Olga Smirnova", "POLYAKOVA, Olga Vasilyevna", false},
	}
	for _, c := range people {
		s := personSimilarity(nameWords(c.a, false), nameWords(c.b, false))
		if (s >= 0.8) != c.ok {
			t.Errorf("personSimilarity(%q, %q) = %.2f, want match=%v", c.a, c.b, s, c.ok)
		}
	}
}
