package osint

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/sqlite"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// genArticles writes n articles of 3 to 10 KB from sentence templates
// filled with countries, systems, dates and listed names, each different.
func genArticles(n int, listed []string, seed uint64) []*Doc {
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	countries := []string{"Iran", "Russia", "Venezuela", "Belarus", "Syria", "Sudan", "Ethiopia", "Tajikistan", "Iraq", "Yemen", "China", "Turkey"}
	dem := []string{"Iranian", "Russian", "Venezuelan", "Belarusian", "Syrian", "Chinese", "Turkish"}
	systems := []string{"Shahed-136", "Geran-2", "Mohajer-6", "Shahed-131", "Fath-360", "Nasr-1", "Zolfaghar-class boats", "Ababil-3", "Almas-1 missiles", "Su-35", "Mi-28"}
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	date := func() string {
		switch r.IntN(3) {
		case 0:
			return fmt.Sprintf("%s %d, %d", pick(months), 1+r.IntN(28), 2015+r.IntN(11))
		case 1:
			return fmt.Sprintf("%s %d", pick(months), 2015+r.IntN(11))
		}
		return fmt.Sprint(2015 + r.IntN(11))
	}
	templates := []func() string{
		func() string {
			return fmt.Sprintf("%s delivered %d %s to %s in %s, officials said.", pick(countries), 2+r.IntN(40), pick(systems), pick(countries), date())
		},
		func() string {
			return fmt.Sprintf("During a parade in %s on %s, %s-made %s were displayed for the first time.", pick(countries), date(), pick(dem), pick(systems))
		},
		func() string {
			return fmt.Sprintf("The US Treasury designated %s, which it said had bought components for the %s programme.", pick(listed), pick(systems))
		},
		func() string {
			return fmt.Sprintf("Analysts at the institute said the %s shown in %s differ from those seen in %s.", pick(systems), pick(countries), date())
		},
		func() string {
			return fmt.Sprintf("%s received a batch of %s from %s, according to satellite images taken in %s.", pick(countries), pick(systems), pick(countries), date())
		},
		func() string {
			return fmt.Sprintf("Investigators found parts made by %s companies in the wreckage of a drone shot down over %s.", pick(dem), pick(countries))
		},
		func() string {
			return fmt.Sprintf("A spokesman for %s declined to comment on the report, which cited documents seen by reporters.", pick(listed))
		},
		func() string {
			return "Western officials have long warned that the trade would continue as long as payment channels stay open and enforcement remains weak."
		},
	}
	var out []*Doc
	for i := 0; i < n; i++ {
		size := 3000 + r.IntN(7000)
		var b strings.Builder
		fmt.Fprintf(&b, "Report %d: %s weapons and the %s connection\n\nBy Desk %d\n\n", i, pick(dem), pick(dem), r.IntN(50))
		for b.Len() < size {
			for k := 0; k < 3+r.IntN(4) && b.Len() < size; k++ {
				b.WriteString(templates[r.IntN(len(templates))]())
				b.WriteString(" ")
			}
			b.WriteString("\n\n")
		}
		out = append(out, &Doc{Text: b.String(), Format: "text", File: fmt.Sprintf("gen-%04d.txt", i)})
	}
	return out
}

// BenchmarkIngest1000 ingests 1,000 generated articles of 3-10 KB into a
// fresh SQLite store, with the real SDN list as the screening index when
// ../shared has it: extraction on every core, near-duplicate placing and
// storage with claims and events. Building the index is not timed.
func BenchmarkIngest1000(b *testing.B) {
	ents := sdn(b)
	title := cases.Title(language.Und)
	var listed []string
	for i, e := range ents {
		if e.Schema.IsOrganization() && i%7 == 0 {
			listed = append(listed, title.String(strings.ToLower(e.Caption())))
		}
	}
	docs := genArticles(1000, listed, 1)
	bytes := 0
	for _, d := range docs {
		bytes += len(d.Text)
	}
	t0 := time.Now()
	x := extractor(b, ents, nil)
	b.Logf("index of %d entities built in %.1fs; %d articles, %.1f MB", len(ents), time.Since(t0).Seconds(), len(docs), float64(bytes)/1e6)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("b%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		x.cache = screenCache{} // cold: no names screened before
		b.StartTimer()
		var claims, mentions int
		if _, err := x.Ingest(ctx, st, docs, func(r Result) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
			claims += len(r.Article.Transfers)
			mentions += len(r.Article.Mentions)
		}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.ReportMetric(float64(claims), "claims")
		b.ReportMetric(float64(mentions), "mentions")
		st.Close()
		b.StartTimer()
	}
}

var _ = tripline.PrecisionDay
