package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/match"
)

const screenUsage = `
Usage: tripline screen --input FILE [--sources a,b] [--threshold T] [--limit N] [--format jsonl|csv]

Screens every party in FILE against the current snapshots of the imported
lists and writes one result per input line, in input order, to stdout.

FILE ("-" for stdin) is CSV with a header row, or JSON lines. CSV columns:
id and name are required; type (person, organization, vessel, aircraft),
country (name or ISO code) and birth_date (1975, 1975-04 or 1975-04-21) are
optional, and a column named after an identifier type (passport,
national_id, tax, registration, imo, mmsi, lei, swift_bic, identifier)
adds that identifier. A JSON line is a query object:
  {"id": "c1", "name": "...", "type": "person", "country": "IR",
   "birth_date": "1957", "identifiers": [{"type": "passport", "value": "..."}]}

Output (--format jsonl, the default) is one JSON object per input line:
  {"id": ..., "matches": [{"id": "ofac-sdn:12345", "source": "ofac-sdn",
   "source_id": "12345", "name": listed name, "matched_name": the name that
   matched, "score": 0.93, "explanation": {...}}], "threshold": 0.84,
   "algorithm": "tripline-name-v1"}
with the best match first and only matches at or above the threshold.
--format csv writes one row per match (id,match_id,source,source_id,name,
matched_name,score) and one empty row for a query without matches.

Examples:
  tripline screen --input customers.csv > results.jsonl
  tripline screen --input parties.jsonl --sources ofac-sdn,un-sc --threshold 0.9
  echo 'id,name' | cat - names.txt | tripline screen --input - --format csv
`

func init() {
	register(&command{Name: "screen", Summary: "screen a file of parties against the lists, one JSON result a line", Run: runScreen})
}

func runScreen(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("screen", screenUsage)
	input := fs.String("input", "", "CSV or JSON-lines file of parties (- for stdin)")
	sources := fs.String("sources", "", "comma-separated sources to screen against (default: all)")
	threshold := fs.Float64("threshold", 0, fmt.Sprintf("minimum score reported (default: the algorithm's, %.2f)", match.DefaultConfig().Threshold))
	limit := fs.Int("limit", 0, fmt.Sprintf("matches per party (default %d)", match.DefaultConfig().Limit))
	format := fs.String("format", "jsonl", "output format: jsonl or csv")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *input == "" || fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline screen: give --input FILE (see --help)")
		return errUsage
	}
	if *format != "jsonl" && *format != "csv" {
		fmt.Fprintf(m.Stderr, "tripline screen: --format must be jsonl or csv, not %q\n", *format)
		return errUsage
	}
	if *threshold < 0 || *threshold > 1 {
		fmt.Fprintln(m.Stderr, "tripline screen: --threshold must be between 0 and 1")
		return errUsage
	}
	if *limit < 0 {
		fmt.Fprintln(m.Stderr, "tripline screen: --limit must not be negative")
		return errUsage
	}
	queries, err := readQueries(m, *input)
	if err != nil {
		return err
	}
	s, err := m.loadScreener(ctx, splitList(*sources))
	if err != nil {
		return err
	}
	opt := tripline.ScreenOptions{Threshold: *threshold, Limit: *limit, Sources: splitList(*sources)}
	w := bufio.NewWriterSize(m.Stdout, 1<<16)
	var cw *csv.Writer
	if *format == "csv" {
		cw = csv.NewWriter(w)
		if err := cw.Write([]string{"id", "match_id", "source", "source_id", "name", "matched_name", "score"}); err != nil {
			return err
		}
	}
	// Screen in chunks so that output streams and progress shows; each
	// chunk uses every core.
	const chunk = 1024
	t0 := time.Now()
	for lo := 0; lo < len(queries); lo += chunk {
		hi := min(lo+chunk, len(queries))
		res, err := s.Screen(ctx, queries[lo:hi], opt)
		if err != nil {
			return err
		}
		for _, r := range res {
			if cw != nil {
				err = writeResultCSV(cw, r)
			} else {
				err = writeResultJSON(w, r)
			}
			if err != nil {
				return err
			}
		}
		if m.IsTerminal {
			el := time.Since(t0).Seconds()
			fmt.Fprintf(m.Stderr, "\r\033[Kscreened %d/%d parties (%.0f/s)", hi, len(queries), float64(hi)/max(el, 1e-9))
		}
	}
	if m.IsTerminal && len(queries) > 0 {
		fmt.Fprintln(m.Stderr)
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	}
	return w.Flush()
}

// loadScreener builds the matching index from the current snapshots of
// sources (all when empty).
func (m *Main) loadScreener(ctx context.Context, sources []string) (*match.Screener, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	if m.IsTerminal {
		fmt.Fprint(m.Stderr, "loading lists into the matching index…")
	}
	t0 := time.Now()
	s, held, err := buildScreener(ctx, st, sources)
	if err != nil {
		if m.IsTerminal {
			fmt.Fprintln(m.Stderr)
		}
		return nil, err
	}
	if len(held) == 0 {
		if m.IsTerminal {
			fmt.Fprintln(m.Stderr)
		}
		return nil, tripline.Errorf(tripline.KindInvalid, "no lists imported yet: run tripline import (or tripline demo) first")
	}
	if m.IsTerminal {
		fmt.Fprintf(m.Stderr, "\r\033[Kindexed %d entities, %d names from %d source(s) in %.1fs\n",
			s.Index().Len(), s.Index().NameCount(), len(held), time.Since(t0).Seconds())
	}
	return s, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// writeResultJSON writes r as one JSON line, with "matches" always an array.
func writeResultJSON(w io.Writer, r tripline.Result) error {
	if r.Matches == nil {
		r.Matches = []tripline.Match{}
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

func writeResultCSV(w *csv.Writer, r tripline.Result) error {
	if len(r.Matches) == 0 {
		return w.Write([]string{r.ID, "", "", "", "", "", ""})
	}
	for _, mt := range r.Matches {
		if err := w.Write([]string{r.ID, mt.ID, mt.Source, mt.SourceID, mt.Name, mt.MatchedName, strconv.FormatFloat(mt.Score, 'f', 3, 64)}); err != nil {
			return err
		}
	}
	return nil
}

// identifierColumns are the CSV columns read as identifiers.
var identifierColumns = map[string]string{
	"passport": "passport", "national_id": "national_id", "tax": "tax", "tax_id": "tax",
	"registration": "registration", "registration_number": "registration", "imo": "imo",
	"mmsi": "mmsi", "lei": "lei", "swift_bic": "swift_bic", "bic": "swift_bic",
	"identifier": "", "id_number": "",
}

// readQueries reads the parties to screen from path (CSV with a header or
// JSON lines; "-" is stdin).
func readQueries(m *Main, path string) ([]tripline.Query, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(m.Stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, &tripline.Error{Op: "screen", Kind: tripline.KindInvalid, Msg: fmt.Sprintf("cannot read %s", path), Err: err}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	name := path
	if path == "-" {
		name = "stdin"
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".jsonl" || ext == ".ndjson" || ext == ".json" || (len(trimmed) > 0 && trimmed[0] == '{') {
		return readQueriesJSON(name, data)
	}
	return readQueriesCSV(name, data)
}

func readQueriesJSON(name string, data []byte) ([]tripline.Query, error) {
	var out []tripline.Query
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var q tripline.Query
		if err := json.Unmarshal(b, &q); err != nil {
			return nil, &tripline.ParseError{File: name, Line: line, Offset: -1, Msg: "not a JSON query object: " + err.Error()}
		}
		if err := checkQuery(&q, name, line); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, &tripline.ParseError{File: name, Line: line + 1, Offset: -1, Msg: err.Error()}
	}
	return out, nil
}

func readQueriesCSV(name string, data []byte) ([]tripline.Query, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, &tripline.ParseError{File: name, Line: 1, Offset: -1, Msg: err.Error()}
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["name"]; !ok {
		return nil, &tripline.ParseError{File: name, Line: 1, Offset: -1, Msg: "the header has no name column (want id,name[,type,country,birth_date,...])"}
	}
	if _, ok := col["id"]; !ok {
		return nil, &tripline.ParseError{File: name, Line: 1, Offset: -1, Msg: "the header has no id column (want id,name[,type,country,birth_date,...])"}
	}
	get := func(rec []string, k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []tripline.Query
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, &tripline.ParseError{File: name, Line: line, Offset: -1, Msg: err.Error()}
		}
		q := tripline.Query{ID: get(rec, "id"), Name: get(rec, "name"), Type: get(rec, "type"), Country: get(rec, "country"), BirthDate: get(rec, "birth_date")}
		for c, typ := range identifierColumns {
			if v := get(rec, c); v != "" {
				q.Identifiers = append(q.Identifiers, tripline.Identifier{Type: typ, Value: v})
			}
		}
		if err := checkQuery(&q, name, line); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// checkQuery validates a query read from file:line and resolves its
// country to an ISO code.
func checkQuery(q *tripline.Query, file string, line int) error {
	if strings.TrimSpace(q.Name) == "" && len(q.Identifiers) == 0 {
		return &tripline.ParseError{File: file, Line: line, Offset: -1, Msg: "a party needs a name (or an identifier)"}
	}
	switch strings.ToLower(strings.TrimSpace(q.Type)) {
	case "", "person", "individual", "organization", "organisation", "company", "entity", "org", "legalentity", "vessel", "ship", "aircraft", "airplane", "plane":
	default:
		return &tripline.ParseError{File: file, Line: line, Offset: -1, Msg: fmt.Sprintf("unknown type %q (want person, organization, vessel or aircraft)", q.Type)}
	}
	if q.Country != "" {
		if c := country.Code(q.Country); c != "" {
			q.Country = c
		}
	}
	return nil
}
