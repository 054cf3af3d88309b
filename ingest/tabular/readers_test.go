package tabular

import (
	"bytes"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

// queryRow is one result of QueryReader.Next.
type queryRow struct {
	Q    tripline.Query
	Line int
	Err  string // the error's text, "" for none
}

func readQueries(t testing.TB, in, file string, f Format) ([]queryRow, error) {
	t.Helper()
	qr, err := NewQueryReader(strings.NewReader(in), file, f)
	if err != nil {
		return nil, err
	}
	var out []queryRow
	for i := 0; ; i++ {
		if i > len(in)+2 {
			t.Fatalf("query reader does not end on %q", in)
		}
		q, err := qr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil && !IsRowError(err) {
			return out, err
		}
		r := queryRow{Q: q, Line: qr.Line()}
		if err != nil {
			r.Err = err.Error()
		} else if q.Validate() != nil {
			t.Fatalf("reader returned an invalid query %+v without an error", q)
		}
		out = append(out, r)
	}
}

func TestQueryReaderTestdata(t *testing.T) {
	b := readertest.ReadFile(t, "testdata/queries.csv")
	got, err := readQueries(t, string(b), "queries.csv", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	want := []queryRow{
		{tripline.Query{ID: "q1", Name: "Ghasem Soleymani", Type: "person", Country: "IR", BirthDate: "1957"}, 2, ""},
		{tripline.Query{ID: "q2", Name: "SOLEIMANI, Qasem", Type: "person", Country: "IR"}, 3, ""},
		{tripline.Query{ID: "q3", Type: "vessel", Identifiers: []tripline.Identifier{{Type: "imo", Value: "9100001"}}}, 4, ""},
		{tripline.Query{ID: "q4", Name: `Example "Star" Trading LLC`, Type: "organization", Country: "AE"}, 5, ""},
		{tripline.Query{ID: "q5", Name: "Multi\nline Name"}, 6, ""},
		{tripline.Query{ID: "q6", Name: "Example Bakery GmbH", Country: "DE"}, 8, ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}

	b = readertest.ReadFile(t, "testdata/queries.jsonl")
	got, err = readQueries(t, string(b), "queries.jsonl", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	want = []queryRow{
		{tripline.Query{ID: "j1", Name: "Ghasem Soleymani", Type: "person", Country: "IR", BirthDate: "1957"}, 1, ""},
		{tripline.Query{ID: "j2", Identifiers: []tripline.Identifier{{Type: "imo", Value: "9100001"}}}, 2, ""},
		{tripline.Query{ID: "j3", Name: "Example Star Trading LLC", Type: "organization"}, 4, ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

// TestQueryReaderBadRows: every bad row is reported at its line, with the
// id when it is known, and the rows after it are read.
func TestQueryReaderBadRows(t *testing.T) {
	in := "id,name,type\n" +
		"1,Farhad Moradi,person\n" +
		"2,,person\n" +
		"3,Kaveh Sanat,spaceship\n" +
		"4,\"Golden Crescent\n" + // a quote never closed: one row lost, not the rest
		"5,Ordinary Bakery Ltd,\n" +
		"6,SOLEIMANI, Qasem,person\n" + // an unquoted comma
		"7," + strings.Repeat("a ", tripline.MaxNameTokens+1) + "\n" +
		"8,Last Row Ltd,company\n"
	got, err := readQueries(t, in, "q.csv", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	type brief struct {
		ID   string
		Line int
		Err  string
	}
	var b []brief
	for _, r := range got {
		b = append(b, brief{r.Q.ID, r.Line, r.Err})
	}
	want := []brief{
		{"1", 2, ""},
		{"2", 3, "q.csv:3: name is empty: a query needs a name or an identifier"},
		{"3", 4, `q.csv:4: unknown type "spaceship" (want person, organization, vessel or aircraft)`},
		{"4", 5, `q.csv:5: a quoted field that starts on this line is never closed (a quote inside a quoted field is written twice: "")`},
		{"5", 6, ""},
		{"6", 7, "q.csv:7: 4 values, but the header has 3 columns (quote a value that holds a comma)"},
		{"7", 8, "q.csv:8: name has 41 words, the limit is 40"},
		{"8", 9, ""},
	}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("got\n%+v\nwant\n%+v", b, want)
	}
	jl := `{"id":"a","name":"x"}` + "\n" + `{"id":"b","name":` + "\n" + `{"id":"c","identifiers":[{"type":"imo","value":"1"}]}` + "\n" + `[1]` + "\n"
	got, err = readQueries(t, jl, "q.jsonl", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0].Err != "" || got[1].Err == "" || got[1].Q.ID != "" || got[2].Err != "" || got[2].Q.ID != "c" || !strings.HasPrefix(got[3].Err, "q.jsonl:4: ") {
		t.Errorf("JSON lines: %+v", got)
	}
}

func TestQueryReaderHeader(t *testing.T) {
	for _, tc := range []struct{ in, msg string }{
		{"id,label\nx,Someone\n", "no name column"},
		{"name\nSomeone\n", "no id column"},
		{"id,name,NAME\n", `column "name" appears twice`},
		{"id,\"name\n", "never closed"},
	} {
		_, err := readQueries(t, tc.in, "h.csv", FormatAuto)
		if pe := tripline.ParseErrorOf(err); pe == nil || pe.Line != 1 || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: err %v, want h.csv:1 saying %q", tc.in, err, tc.msg)
		}
	}
	got, err := readQueries(t, "id,passport\nb1,P123\n", "book.csv", FormatAuto)
	if err != nil || len(got) != 1 || got[0].Err != "" {
		t.Errorf("an identifier column without a name column: %+v, %v", got, err)
	}
	qr, _ := NewQueryReader(strings.NewReader("id,name\n,Someone\n"), "book.csv", FormatAuto)
	qr.RequireID = true
	if _, err := qr.Next(); !IsRowError(err) {
		t.Errorf("a book row without an id: %v", err)
	}
	if got, err := readQueries(t, "", "e.csv", FormatAuto); err != nil || len(got) != 0 {
		t.Errorf("empty input: %v, %v", got, err)
	}
}

func TestDetectFormat(t *testing.T) {
	for _, tc := range []struct {
		f          Format
		name, head string
		want       Format
	}{
		{FormatAuto, "x.csv", `{"a":1}`, FormatCSV},
		{FormatAuto, "x.jsonl", "id,name", FormatJSONL},
		{FormatAuto, "stdin", " \n{\"id\":1}", FormatJSONL},
		{FormatAuto, "stdin", "\xef\xbb\xbf{", FormatJSONL},
		{FormatAuto, "stdin", "id,name", FormatCSV},
		{FormatCSV, "x.jsonl", "{", FormatCSV},
	} {
		if got := DetectFormat(tc.f, tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("DetectFormat(%q, %q, %q) = %q, want %q", tc.f, tc.name, tc.head, got, tc.want)
		}
	}
	if _, err := ParseFormat("xml"); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("ParseFormat(xml) = %v", err)
	}
}

func readPairs(t testing.TB, in string) (pairs []Pair, errs map[int]string) {
	t.Helper()
	pr := NewPairReader(strings.NewReader(in), "stdin")
	errs = map[int]string{}
	for i := 0; ; i++ {
		if i > len(in)+2 {
			t.Fatalf("pair reader does not end on %q", in)
		}
		p, err := pr.Next()
		if err == io.EOF {
			return pairs, errs
		}
		if err != nil && !IsRowError(err) {
			t.Fatalf("fatal: %v", err)
		}
		if err != nil {
			errs[p.Row] = err.Error()
		}
		pairs = append(pairs, p)
	}
}

// TestPairReader: the input that panicked `tripline compare` is a row
// error for its line; rows keep their numbers whatever was refused.
func TestPairReader(t *testing.T) {
	pairs, errs := readPairs(t, "a,b\n\"x\n")
	if len(pairs) != 2 || pairs[0].Name1 != "a" || pairs[0].Name2 != "b" || pairs[1].Row != 2 ||
		errs[2] != `stdin:2: a quoted field that starts on this line is never closed (a quote inside a quoted field is written twice: "")` {
		t.Errorf("pairs %+v errors %v", pairs, errs)
	}
	b := readertest.ReadFile(t, "testdata/pairs.csv")
	pairs, errs = readPairs(t, string(b))
	if len(errs) != 0 || len(pairs) != 3 || pairs[0].Name2 != "SOLEIMANI, Ghasem" || pairs[0].Schema != "person" || pairs[1].Schema != "organization" || pairs[2].Row != 3 {
		t.Errorf("testdata: %+v %v", pairs, errs)
	}
	pairs, errs = readPairs(t, "x\nQasem Soleimani,SOLEIMANI, Ghasem\na,,\n a ,b,spaceship\na,b,person,c\nok,fine\n")
	if len(pairs) != 6 || len(errs) != 5 || pairs[5].Row != 6 || pairs[5].Name1 != "ok" {
		t.Errorf("bad rows: %+v %v", pairs, errs)
	}
	for row, want := range map[int]string{1: "1 values", 2: `unknown type " Ghasem"`, 3: "name2 is empty", 4: `unknown type "spaceship"`, 5: "4 values"} {
		if !strings.Contains(errs[row], want) {
			t.Errorf("row %d: %q, want %q", row, errs[row], want)
		}
	}
}

type orderRow struct {
	ID   string
	Line int
	Err  string
}

func readOrders(t testing.TB, in, file string, f Format) ([]*tripline.Transaction, []orderRow, error) {
	t.Helper()
	or, err := NewOrderReader(strings.NewReader(in), file, f)
	if err != nil {
		return nil, nil, err
	}
	var txs []*tripline.Transaction
	var rows []orderRow
	for i := 0; ; i++ {
		if i > len(in)+2 {
			t.Fatalf("order reader does not end on %q", in)
		}
		tx, err := or.Next()
		if err == io.EOF {
			return txs, rows, nil
		}
		if err != nil && !IsRowError(err) {
			return txs, rows, err
		}
		if tx == nil {
			t.Fatalf("nil transaction with %v", err)
		}
		r := orderRow{ID: tx.ID, Line: or.Line()}
		if err != nil {
			r.Err = err.Error()
		} else if tx.Validate() != nil {
			t.Fatalf("reader returned an invalid transaction %+v", tx)
		}
		txs, rows = append(txs, tx), append(rows, r)
	}
}

func TestOrderReaderTestdata(t *testing.T) {
	txs, rows, err := readOrders(t, string(readertest.ReadFile(t, "testdata/orders.jsonl")), "orders.jsonl", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	if len(txs) != 2 || rows[0].Err != "" || rows[1].Err != "" || rows[1].Line != 2 {
		t.Fatalf("rows %+v", rows)
	}
	if p := txs[0].Parties; p[1].Role != tripline.RoleBuyer || p[2].Role != tripline.RoleEndUser {
		t.Errorf("roles not canonical: %+v", p)
	}
	txs, rows, err = readOrders(t, string(readertest.ReadFile(t, "testdata/orders.csv")), "orders.csv", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	if len(txs) != 2 || rows[0] != (orderRow{"c1", 2, ""}) || rows[1] != (orderRow{"c2", 4, ""}) {
		t.Fatalf("rows %+v", rows)
	}
	a := txs[0]
	if len(a.Items) != 2 || a.Items[1].Quantity != 1000 || len(a.Parties) != 2 || a.Route.Transit[0] != "AE" || a.Notes == "" {
		t.Errorf("c1 = %+v", a)
	}
}

// TestOrderReaderBadRows: a bad order is reported at its line, with its
// id when known, and the orders after it are read.
func TestOrderReaderBadRows(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		csv      bool
		want     []orderRow
	}{
		{"json syntax", `{"id":"a","items":[{"description":"x"}]}` + "\n" + `{"id":` + "\n" + `{"id":"c","items":[{"description":"y"}]}`, false,
			[]orderRow{{"a", 1, ""}, {"", 2, "in:2: not a transaction object: invalid JSON: the input ends early"}, {"c", 3, ""}}},
		{"json unknown field", `{"id":"a","partys":[]}`, false, []orderRow{{"a", 1, `in:1: not a transaction object: unknown field "partys"`}}},
		{"json unknown nested field", `{"id":"a","parties":[{"role":"buyer","nmae":"x"}]}`, false,
			[]orderRow{{"a", 1, `in:1: not a transaction object: unknown field "parties[0].nmae"`}}},
		{"json bad role", "\n" + `{"id":"a","parties":[{"role":"customer","name":"x"}]}`, false,
			[]orderRow{{"a", 2, `in:2: party 1: role "customer" is not one of seller, buyer, consignee, end_user, freight_forwarder, payer, notify_party`}}},
		{"json two objects", `{"id":"a"} {"id":"b"}`, false, []orderRow{{"", 1, "in:1: not a transaction object: invalid JSON: more than one value"}}},
		{"json an empty order", `{"id":"a"}`, false, []orderRow{{"a", 1, "in:1: a transaction needs parties or items"}}},
		{"csv bad number", "id,item_description,item_quantity\na,x,lots\nb,y,2\n", true,
			[]orderRow{{"a", 2, `in:2: item_quantity "lots" is not a number`}, {"b", 3, ""}}},
		{"csv row without id", "id,buyer_name\na,b\n,c\nd,e\n", true, []orderRow{
			{"a", 2, `in:3: row without an id; the row may belong to order "a", which is therefore not checked`},
			{"d", 4, `in:3: row without an id; the row may belong to order "d", which is therefore not checked`}}},
		{"csv quote between rows of one order", "id,item_description\na,x\n\"a,y\na,z\nb,w\n", true, []orderRow{
			{"a", 2, `in:3: a quoted field that starts on this line is never closed (a quote inside a quoted field is written twice: "")` +
				`; the row may belong to order "a", which is therefore not checked`}, {"b", 5, ""}}},
		{"csv quote error after the id", "id,item_description\na,x\nb,\"w\nc,v\n", true, []orderRow{
			{"a", 2, ""}, {"b", 3, `in:3: a quoted field that starts on this line is never closed (a quote inside a quoted field is written twice: "")`}, {"c", 4, ""}}},
		{"csv bad first row", "id,item_description\n\"x\nb,w\n", true, []orderRow{
			{"", 2, `in:2: a quoted field that starts on this line is never closed (a quote inside a quoted field is written twice: "")`},
			{"b", 3, `in:2: a quoted field that starts on this line is never closed (a quote inside a quoted field is written twice: "")` +
				`; the row may belong to order "b", which is therefore not checked`}}},
		{"csv too many values", "id,item_description\na,x,y\nb,w\n", true,
			[]orderRow{{"a", 2, "in:2: 3 values, but the header has 2 columns (quote a value that holds a comma)"}, {"b", 3, ""}}},
		{"csv one order", "id,buyer_name\na,Example Ltd\n", true, []orderRow{{"a", 2, ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := FormatJSONL
			if tc.csv {
				f = FormatCSV
			}
			_, rows, err := readOrders(t, tc.in, "in", f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rows, tc.want) {
				t.Errorf("got\n%+v\nwant\n%+v", rows, tc.want)
			}
		})
	}
	for _, tc := range []struct{ in, msg string }{
		{"id,buyer_nam\na,b\n", `unknown column "buyer_nam"`},
		{"buyer_name\nb\n", "no id column"},
		{"id,ID\n", "appears twice"},
	} {
		if _, _, err := readOrders(t, tc.in, "in", FormatCSV); !strings.Contains(tripline.ErrorMessage(err), tc.msg) || tripline.ParseErrorOf(err).Line != 1 {
			t.Errorf("%q: %v, want in:1 saying %q", tc.in, err, tc.msg)
		}
	}
}

// sharedHead returns the first KiB of a file of ../shared/eval, cut at a
// line end, or nil when it is absent.
func sharedHead(rel string) []byte {
	b, ok := readertest.Head(rel, 16<<10, "\n", "")
	if !ok {
		return nil
	}
	return b
}

func seed(f *testing.F, files []string, shared string, extra ...string) {
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	if b := sharedHead(shared); b != nil {
		f.Add(b)
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// FuzzQueryReader: on any input, in either format, the query reader ends
// without a panic, and every query it returns without an error is valid.
// (Books are read by the same reader.)
func FuzzQueryReader(f *testing.F) {
	seed(f, []string{"testdata/queries.csv", "testdata/queries.jsonl"}, "eval/screening-dev/queries.csv",
		"id,name,passport,imo\n1,x,P123,9123456\n", "id,name\n1,\"unterminated\n2,b\n", "name\n", "")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []Format{FormatCSV, FormatJSONL} {
			readQueries(t, string(data), "fuzz", format)
		}
	})
}

// FuzzPairReader: the pair reader ends without a panic on any input, and
// counts every row.
func FuzzPairReader(f *testing.F) {
	seed(f, []string{"testdata/pairs.csv"}, "", "a,b\n\"x\n", "name1,name2\n,\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		pairs, _ := readPairs(t, string(data))
		for i, p := range pairs {
			if p.Row != i+1 {
				t.Fatalf("pair %d has row %d", i, p.Row)
			}
		}
	})
}

// FuzzOrderReader: on any input, in either format, the order reader ends
// without a panic, and every order it returns without an error is valid.
func FuzzOrderReader(f *testing.F) {
	seed(f, []string{"testdata/orders.jsonl", "testdata/orders.csv"}, "eval/orders-dev/orders.jsonl",
		"id,item_quantity\n1,2\n", "id,buyer_name\na,b\n,c\n\"d\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []Format{FormatCSV, FormatJSONL} {
			readOrders(t, string(data), "fuzz", format)
		}
	})
}

// TestSharedEvalFiles reads the dev eval sets of ../shared without a bad
// row: 2,000-odd queries and 302 orders.
func TestSharedEvalFiles(t *testing.T) {
	b := readertest.ReadFile(t, readertest.SharedFile(t, "eval/screening-dev/queries.csv"))
	qs, err := readQueries(t, string(b), "queries.csv", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.Err != "" {
			t.Errorf("%s", q.Err)
		}
	}
	if n := bytes.Count(b, []byte("\n")) - 1; len(qs) != n {
		t.Errorf("%d queries from %d rows", len(qs), n)
	}
	b = readertest.ReadFile(t, readertest.SharedFile(t, "eval/orders-dev/orders.jsonl"))
	txs, rows, err := readOrders(t, string(b), "orders.jsonl", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Err != "" {
			t.Errorf("%s", r.Err)
		}
	}
	if len(txs) != 302 {
		t.Errorf("%d orders, want 302", len(txs))
	}
}
