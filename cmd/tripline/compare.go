package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/match"
)

const compareUsage = `
Usage: tripline compare --input FILE [--threshold T] [--uniform]

Scores pairs of names with the screening scorer, for benchmarking against
labelled pairs. FILE ("-" for stdin) is CSV with rows name1,name2[,schema]
(quote a name that holds a comma); a first row whose first cell is "name1"
is a header and skipped. Writes one JSON object per data row, rows counted
from 1:
  {"row": 1, "score": 0.93, "match": true}
"match" is score >= the threshold (default: the algorithm's). The score is
symmetric: compare(a,b) == compare(b,a). The schema column (person,
organization, vessel, aircraft or a synonym) is accepted for the benchmark
format and does not change the name score. Name-part rarity weights come
from the imported lists, as in screening; with --uniform, or when no list
is imported, every part weighs the same.

A row that cannot be scored (an empty or oversized name, an unknown
schema, a quoting error) is written in place as {"row": N, "error": "..."}
and reported on stderr with its line; the rest goes on, and the exit code
is 1.

Examples:
  tripline compare --input pairs.csv > scores.jsonl
  printf 'Qasem Soleimani,"SOLEIMANI, Ghasem"\n' | tripline compare --input -
`

func init() {
	register(&command{Name: "compare", Summary: "score pairs of names with the screening scorer", Run: runCompare})
}

func runCompare(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("compare", compareUsage)
	input := fs.String("input", "", "CSV file of name1,name2[,schema] rows (- for stdin)")
	threshold := fs.Float64("threshold", 0, "score at or above which a pair is a match (default: the algorithm's)")
	uniform := fs.Bool("uniform", false, "do not load the lists: every name part weighs the same")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *input == "" || fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline compare: give --input FILE (see --help)")
		return errUsage
	}
	if err := (tripline.ScreenOptions{Threshold: *threshold}).Validate(); err != nil {
		fmt.Fprintf(m.Stderr, "tripline compare: --%s\n", tripline.ErrorMessage(err))
		return errUsage
	}
	var in io.Reader
	name := *input
	if name == "-" {
		in, name = m.Stdin, "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return &tripline.Error{Op: "compare", Kind: tripline.KindInvalid, Msg: "cannot read " + name, Err: err}
		}
		defer f.Close()
		in = f
	}
	ix := match.NewIndex(match.DefaultConfig(), nil)
	if !*uniform {
		if s, err := m.loadScreener(ctx, nil); err == nil {
			ix = s.Index()
		} else if tripline.ErrorKind(err) != tripline.KindInvalid {
			return err
		}
	}
	th := *threshold
	if th == 0 {
		th = ix.Config().Threshold
	}
	pr := tabular.NewPairReader(in, name)
	w := bufio.NewWriter(m.Stdout)
	type line struct {
		Row   int      `json:"row"`
		Score *float64 `json:"score,omitempty"`
		Match *bool    `json:"match,omitempty"`
		Error string   `json:"error,omitempty"`
	}
	bad, rows := 0, 0
	var firstBad error
	for {
		p, err := pr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !tabular.IsRowError(err) {
			return err
		}
		rows++
		out := line{Row: p.Row}
		if err != nil {
			// A bad row is reported in place and on stderr; the rest goes on.
			bad++
			if firstBad == nil {
				firstBad = err
			}
			fmt.Fprintf(m.Stderr, "tripline compare: %v\n", err)
			out.Error = err.Error()
		} else {
			score, _ := ix.Compare(p.Name1, p.Name2)
			ok := score >= th
			out.Score, out.Match = &score, &ok
		}
		b, _ := json.Marshal(out)
		w.Write(b)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if bad > 0 {
		return tripline.Errorf(tripline.KindInvalid, "%d of %d rows could not be scored (reported in place with an \"error\"); first: %v", bad, rows, firstBad)
	}
	return nil
}
