package tabular

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// record is one result of CSV.Next, for comparisons.
type record struct {
	Line   int
	Fields []string
	Err    bool
}

func readCSV(t testing.TB, in string) []record {
	t.Helper()
	c := NewCSV(strings.NewReader(in), "in.csv")
	var out []record
	for i := 0; ; i++ {
		if i > len(in)+2 {
			t.Fatalf("reader does not end on %q", in)
		}
		rec, n, err := c.Next()
		if err == io.EOF {
			return out
		}
		if err != nil && !IsRowError(err) {
			t.Fatalf("fatal error %v on %q", err, in)
		}
		if err != nil {
			if pe := tripline.ParseErrorOf(err); pe.File != "in.csv" || pe.Line != n {
				t.Fatalf("row error %v is not at in.csv:%d", err, n)
			}
		}
		out = append(out, record{n, rec, err != nil})
	}
}

// TestCSVRecovers: a quoting error is a row error at the line where its
// record starts, and reading resumes at the next line.
func TestCSVRecovers(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []record
	}{
		{"plain", "a,b\n1,2\n", []record{{1, []string{"a", "b"}, false}, {2, []string{"1", "2"}, false}}},
		{"quoted comma, quote and line break", "a,\"b, \"\"c\"\"\nd\"\r\n2,3", []record{{1, []string{"a", "b, \"c\"\nd"}, false}, {3, []string{"2", "3"}, false}}},
		{"blank lines skipped", "\n\na\r\n\nb\n", []record{{3, []string{"a"}, false}, {5, []string{"b"}, false}}},
		{"trailing comma", "a,\n", []record{{1, []string{"a", ""}, false}}},
		{"bare quote taken as it is", "O\"Brien,x\n", []record{{1, []string{"O\"Brien", "x"}, false}}},
		{"the panicking input of compare", "a,b\n\"x\n", []record{{1, []string{"a", "b"}, false}, {2, nil, true}}},
		{"unclosed quote, then good lines", "id,name\n1,\"Acme\n2,Bob\n3,Carl\n", []record{
			{1, []string{"id", "name"}, false}, {2, []string{"1"}, true}, {3, []string{"2", "Bob"}, false}, {4, []string{"3", "Carl"}, false}}},
		{"text after a closing quote", "1,\"Acme\"x,2\n3,y\n", []record{{1, []string{"1"}, true}, {2, []string{"3", "y"}, false}}},
		{"a quote closed lines later on garbage", "1,\"Acme\n2,\"Bob\"\n", []record{{1, []string{"1"}, true}, {2, []string{"2", "Bob"}, false}}},
		{"byte order mark", "\xef\xbb\xbfid,name\n", []record{{1, []string{"id", "name"}, false}}},
		{"carriage return before the end", "a\r", []record{{1, []string{"a"}, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := readCSV(t, tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestCSVLimits: a line over the record limit is a TooLarge row error and
// the next line is read; a quoted field may not run on for ever.
func TestCSVLimits(t *testing.T) {
	long := strings.Repeat("x", MaxRecordBytes+1)
	got := readCSV(t, "a\n"+long+"\nb\n")
	if len(got) != 3 || !got[1].Err || got[1].Line != 2 || got[2].Fields[0] != "b" {
		t.Fatalf("long line: %+v", got[:min(len(got), 3)])
	}
	c := NewCSV(strings.NewReader(long), "in.csv")
	if _, _, err := c.Next(); tripline.ErrorKind(err) != tripline.KindTooLarge {
		t.Errorf("long line: %v, want TooLarge", err)
	}
	open := "\"" + strings.Repeat("line\n", MaxRecordLines+10) + "\"\n"
	got = readCSV(t, open)
	if len(got) == 0 || !got[0].Err || got[0].Line != 1 {
		t.Fatalf("runaway quoted field: %+v", got[:min(len(got), 2)])
	}
	if len(got) < 2 || !reflect.DeepEqual(got[1], record{2, []string{"line"}, false}) {
		t.Errorf("reading did not resume at line 2 after the runaway field: %+v", got[:min(len(got), 2)])
	}
}

type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

// TestReadErrorIsFatal: an input that cannot be read is not a row error.
func TestReadErrorIsFatal(t *testing.T) {
	_, _, err := NewCSV(failReader{}, "in.csv").Next()
	if err == nil || err == io.EOF || IsRowError(err) {
		t.Errorf("read failure: %v, want a fatal error", err)
	}
}

// FuzzCSV: on any input the reader ends without a panic; where
// encoding/csv reads the input without an error, the records and their
// lines are exactly encoding/csv's.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a,\"b\nc\"\r\n", "\"x\n", "a,\"b\"\"c\",\n\n", "1,\"Acme\"x\n2\n", "\r\n\r\na", "\"\"\"\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := readCSV(t, in)
		if strings.HasPrefix(in, "\xef\xbb\xbf") {
			return // encoding/csv keeps the mark
		}
		r := csv.NewReader(strings.NewReader(in))
		r.FieldsPerRecord = -1
		var want []record
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return // ours recovers where encoding/csv gives up
			}
			line, _ := r.FieldPos(0)
			want = append(want, record{line, rec, false})
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d records, encoding/csv %d:\n%+v\n%+v", in, len(got), len(want), got, want)
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%q: record %d = %+v, encoding/csv %+v", in, i, got[i], want[i])
			}
		}
	})
}
