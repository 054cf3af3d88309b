package main

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/tripline/tripline"
)

// FuzzReadQueries feeds arbitrary input to the screen command's streaming
// CSV and JSON-lines readers: they return queries or errors, never panic,
// always end, and every query they return without error has a name or an
// identifier.
func FuzzReadQueries(f *testing.F) {
	for _, s := range []string{
		"id,name,type,country\n1,Qasem Soleimani,person,Iran\n",
		"id,name,passport,imo\n1,x,P123,9123456\n",
		"\xef\xbb\xbfid,name\n\"1\",\"a, b\"\n",
		`{"id":"a","name":"Qasem","identifiers":[{"type":"imo","value":"1"}]}` + "\n",
		"id,name\n1,\"unterminated\n",
		"name\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, path := range []string{"fuzz.csv", "fuzz.jsonl"} {
			qr, err := newQueryReader(bytes.NewReader(data), "fuzz", path)
			if err != nil {
				continue
			}
			for i := 0; ; i++ {
				if i > len(data)+1 {
					t.Fatalf("%s: reader does not end", path)
				}
				q, err := qr.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil && tripline.ParseErrorOf(err) == nil {
					break // fatal for the file
				}
				if err == nil && q.Name == "" && len(q.Identifiers) == 0 {
					t.Fatalf("query without name or identifier: %+v", q)
				}
			}
		}
	})
}
