package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
)

const compareUsage = `
Usage: tripline compare --input FILE [--threshold T] [--uniform]

Scores pairs of names with the screening scorer, for benchmarking against
labelled pairs. FILE ("-" for stdin) is CSV with rows name1,name2[,schema];
a first row whose first cell is "name1" is a header and skipped. Writes one
JSON object per data row, rows counted from 1:
  {"row": 1, "score": 0.93, "match": true}
"match" is score >= the threshold (default: the algorithm's). The score is
symmetric: compare(a,b) == compare(b,a). The schema column is accepted for
the benchmark format and does not change the name score. Name-part rarity weights come from
the imported lists, as in screening; with --uniform, or when no list is
imported, every part weighs the same.

Examples:
  tripline compare --input pairs.csv > scores.jsonl
  printf 'Qasem Soleimani,SOLEIMANI, Ghasem\n' | tripline compare --input -
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
	if *threshold < 0 || *threshold > 1 {
		fmt.Fprintln(m.Stderr, "tripline compare: --threshold must be between 0 and 1")
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
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	w := bufio.NewWriter(m.Stdout)
	row := 0
	first := true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := r.FieldPos(0)
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return tripline.ParseErrorf(name, line, "%s", err.Error())
		}
		if first {
			first = false
			if len(rec) > 0 && strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(rec[0], "\ufeff")), "name1") {
				continue
			}
		}
		row++
		if len(rec) < 2 {
			line, _ := r.FieldPos(0)
			return tripline.ParseErrorf(name, line, "%s", "want name1,name2[,schema]")
		}
		score, _ := ix.Compare(rec[0], rec[1])
		b, _ := json.Marshal(struct {
			Row   int     `json:"row"`
			Score float64 `json:"score"`
			Match bool    `json:"match"`
		}{row, score, score >= th})
		w.Write(b)
		w.WriteByte('\n')
	}
	return w.Flush()
}
