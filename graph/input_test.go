package graph

import (
	"testing"

	"github.com/tripline/tripline"
)

func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"No. 190 Changjiang Road, Dalian City", "+31 010-4951863", "G.M.B.H.", "a@b.c", "ул. Ленина д. 5",
		"DOB 30 Jan 1957; alt. DOB 1982; nationality Russia; Telephone (971) (4) (3248000); Email Address x@y.ru; Website www.izh-bs.ru."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := NormAddress(s, "")
		if NormAddress(k, "") != k {
			t.Fatalf("NormAddress not idempotent on %q", s)
		}
		if p := NormPhone(s, "AE"); p != "" && NormPhone(p, "") != p && p[0] == '+' {
			t.Fatalf("phone key %q of %q is not its own key", p, s)
		}
		NormEmail(s)
		NormDomain(s)
		f := entityFacts(&tripline.Entity{Remarks: s})
		for _, d := range f.birthDates {
			if len(d) < 4 {
				t.Fatalf("birth date %q from %q", d, s)
			}
		}
		toks := nameWords(s, true)
		if sim := nameSimilarity(toks, toks); len(toks) > 0 && sim != 1 {
			t.Fatalf("self-similarity of %q = %v", s, sim)
		}
	})
}
