package tripline

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestParseCountryPair(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"IR:VE", "IR:VE"},
		{" ir->ve ", "IR:VE"},
		{"IR→VE", "IR:VE"},
		{"IR>VE", "IR:VE"},
		{"any:VE", "ANY:VE"},
		{"IR:*", "IR:ANY"},
		{"IR : VE", "IR:VE"},
		{"IR", ""},
		{"IRN:VEN", ""},
		{"ANY:ANY", ""},
		{"*:*", ""},
		{"I1:VE", ""},
		{":VE", ""},
		{"Iran:Venezuela", ""},
	} {
		got, err := ParseCountryPair(c.in)
		if c.want == "" {
			if ErrorKind(err) != KindInvalid {
				t.Errorf("ParseCountryPair(%q) = %q, %v; want an Invalid error", c.in, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseCountryPair(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestWatchValidateKinds(t *testing.T) {
	for _, c := range []struct {
		w          Watch
		kind, val  string
		wantReject bool
	}{
		{Watch{Kind: "country_pair", Value: "ir:ve"}, WatchCountryPair, "IR:VE", false},
		{Watch{Kind: "Country-Pair", Value: "ANY->RU"}, WatchCountryPair, "ANY:RU", false},
		{Watch{Kind: "network_company", Value: "c1"}, WatchNetworkCompany, "c1", false},
		{Watch{Kind: "company", Value: " c1 "}, WatchNetworkCompany, "c1", false},
		{Watch{Kind: "company", Value: "c1", Sources: []string{"ofac-sdn"}}, "", "", true},
		{Watch{Kind: "system", Value: "Geran-2"}, WatchSystem, "Geran-2", false},
		{Watch{Kind: "producer", Value: ""}, "", "", true},
		{Watch{Kind: "country-pair", Value: "Iran"}, "", "", true},
	} {
		w := c.w
		err := w.Validate()
		if c.wantReject {
			if ErrorKind(err) != KindInvalid {
				t.Errorf("Validate(%+v) = %v; want Invalid", c.w, err)
			}
			continue
		}
		if err != nil || w.Kind != c.kind || w.Value != c.val {
			t.Errorf("Validate(%+v) = %+v, %v; want %s %s", c.w, w, err, c.kind, c.val)
		}
	}
}

type observerFunc func(ctx context.Context, kind string) ([]string, error)

func (f observerFunc) FactsCommitted(ctx context.Context, kind string) ([]string, error) {
	return f(ctx, kind)
}

func TestObserveFacts(t *testing.T) {
	var calls []string
	ok := observerFunc(func(_ context.Context, kind string) ([]string, error) {
		calls = append(calls, "ok:"+kind)
		return []string{"fired 1"}, nil
	})
	bad := observerFunc(func(_ context.Context, kind string) ([]string, error) {
		calls = append(calls, "bad:"+kind)
		return nil, errors.New("disk on fire at /var/lib/secret")
	})
	rep := ObserveFacts(context.Background(), []FactObserver{bad, nil, ok}, FactsArticles)
	if strings.Join(calls, ",") != "bad:articles,ok:articles" || len(rep.Notes) != 1 || len(rep.Errors) != 1 {
		t.Fatalf("calls %v, report %+v", calls, rep)
	}
	if strings.Contains(rep.Errors[0], "/var/lib") || !strings.Contains(rep.Errors[0], "articles are stored") {
		t.Errorf("error line %q leaks or does not say the import stands", rep.Errors[0])
	}
}

// FuzzParseCountryPair: any input either fails as Invalid or gives a pair
// of two-letter codes (or ANY, not both) that parses to itself.
func FuzzParseCountryPair(f *testing.F) {
	for _, s := range []string{"IR:VE", "ir->ve", "ANY→RU", "*:*", "IR", ":", "→", "IR>VE>RU"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseCountryPair(s)
		if err != nil {
			if ErrorKind(err) != KindInvalid {
				t.Fatalf("ParseCountryPair(%q): %v, not Invalid", s, err)
			}
			return
		}
		from, to, ok := strings.Cut(got, ":")
		side := func(c string) bool {
			return c == AnyCountry || (len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z')
		}
		if !ok || !side(from) || !side(to) || (from == AnyCountry && to == AnyCountry) {
			t.Fatalf("ParseCountryPair(%q) = %q", s, got)
		}
		if again, err := ParseCountryPair(got); err != nil || again != got {
			t.Fatalf("ParseCountryPair(%q) = %q, %v; want itself", got, again, err)
		}
	})
}
