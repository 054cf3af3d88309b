package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
)

const explainUsage = `
Usage: tripline explain --name NAME [--type T] [--country C] [--birth-date D] [--json] ID

Scores NAME against the listed entity ID (SOURCE:NATIVE_ID, as screening
prints it) with the screening scorer and prints why: the listed name that
matched best, which part of NAME matched which listed part and how (exact,
romanisation, phonetic, edit, initial, transliterated, legal_form, merged,
unmatched), each part's weight, and the evidence that raised or lowered the
score. The threshold is not applied: a low score is explained too.

Examples:
  tripline explain --name "Ghasem Soleymani" ofac-sdn:10481
  tripline explain --name "Qasem Soleimani" --birth-date 1957 --country IR ofac-sdn:10481
  tripline explain --json --name "Snow Storm 2" ofac-sdn:12345
`

func init() {
	register(&command{Name: "explain", Summary: "explain how a name scores against one listed entity", Run: runExplain})
}

func runExplain(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("explain", explainUsage)
	name := fs.String("name", "", "the name to explain")
	typ := fs.String("type", "", "person, organization, vessel or aircraft")
	ctry := fs.String("country", "", "country of the party (name or ISO code)")
	birth := fs.String("birth-date", "", "birth date or year of the party")
	asJSON := fs.Bool("json", false, "print the match as JSON")
	valued := map[string]bool{"name": true, "type": true, "country": true, "birth-date": true}
	if err := parse(fs, flagsFirst(args, valued)); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" || fs.NArg() != 1 {
		fmt.Fprintln(m.Stderr, `tripline explain: give --name "..." and one entity id (see --help)`)
		return errUsage
	}
	id := fs.Arg(0)
	q := tripline.Query{Name: *name, Type: *typ, Country: *ctry, BirthDate: *birth}
	if err := tabular.NormalizeQuery(&q); err != nil {
		return err
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	if _, err := st.Entity(ctx, id, 0); err != nil {
		return err
	}
	s, err := m.loadScreener(ctx, nil)
	if err != nil {
		return err
	}
	mt := s.Explain(q, id)
	if mt == nil {
		return tripline.Errorf(tripline.KindNotFound, "%s is not in a current snapshot", id)
	}
	if *asJSON {
		return writeJSON(m.Stdout, mt)
	}
	printExplanation(m.Stdout, q, mt, s.Index().Config().Threshold, s.Index().Config().Version)
	return nil
}

func printExplanation(w io.Writer, q tripline.Query, mt *tripline.Match, threshold float64, version string) {
	verdict := "below the threshold"
	if mt.Score >= threshold {
		verdict = "MATCH"
	}
	fmt.Fprintf(w, "%q vs %s %s (%s)\n", q.Name, mt.ID, mt.Name, mt.Schema)
	fmt.Fprintf(w, "score %.3f — %s (threshold %.2f, %s)\n", mt.Score, verdict, threshold, version)
	ex := mt.Explanation
	if ex == nil {
		return
	}
	if mt.MatchedName != "" {
		fmt.Fprintf(w, "best listed name: %s (name score %.3f)\n", mt.MatchedName, ex.NameScore)
	}
	if len(ex.Parts) > 0 {
		fmt.Fprintln(w, "name parts (query → listed):")
		for _, p := range ex.Parts {
			ql, ll := p.Query, p.Listed
			if ql == "" {
				ql = "—"
			}
			if ll == "" {
				ll = "—"
			}
			score := fmt.Sprintf("%.2f", p.Score)
			if p.How == "unmatched" {
				score = "    "
			}
			fmt.Fprintf(w, "  %-22s %-22s %-15s %s  weight %.2f\n", ql, ll, p.How, score, p.Weight)
		}
	}
	if len(ex.Evidence) > 0 {
		fmt.Fprintln(w, "evidence:")
		for _, e := range ex.Evidence {
			fmt.Fprintf(w, "  %+.3f  %-11s %s\n", e.Effect, e.Kind, e.Detail)
		}
	}
	if len(mt.Programs) > 0 {
		fmt.Fprintf(w, "programmes: %s\n", strings.Join(mt.Programs, ", "))
	}
}
