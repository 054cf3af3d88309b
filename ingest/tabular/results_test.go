package tabular

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/tripline/tripline"
)

func TestResultWriters(t *testing.T) {
	hit := tripline.Result{ID: "1", Threshold: 0.84, Algorithm: "a", Matches: []tripline.Match{{ID: "s:1", Source: "s", SourceID: "1", Name: "N", MatchedName: "M", Score: 0.91234}}}
	tests := []struct {
		r      tripline.Result
		rowErr string
		json   string
		csv    string
	}{
		{hit, "", `{"id":"1","matches":[{"id":"s:1","source":"s","source_id":"1","name":"N","matched_name":"M","score":0.91234}],"threshold":0.84,"algorithm":"a"}` + "\n", "1,s:1,s,1,N,M,0.912,\n"},
		{tripline.Result{ID: "2"}, "", `{"id":"2","matches":[],"threshold":0,"algorithm":""}` + "\n", "2,,,,,,,\n"},
		{tripline.Result{ID: "3"}, "f:3: no name", `{"id":"3","matches":[],"threshold":0,"algorithm":"","error":"f:3: no name"}` + "\n", "3,,,,,,,f:3: no name\n"},
	}
	for _, tt := range tests {
		var j, c bytes.Buffer
		if err := WriteResultJSON(&j, tt.r, tt.rowErr); err != nil {
			t.Fatal(err)
		}
		cw := csv.NewWriter(&c)
		if err := WriteResultCSV(cw, tt.r, tt.rowErr); err != nil {
			t.Fatal(err)
		}
		cw.Flush()
		if j.String() != tt.json {
			t.Errorf("json:\n got %s\nwant %s", j.String(), tt.json)
		}
		if c.String() != tt.csv {
			t.Errorf("csv:\n got %q\nwant %q", c.String(), tt.csv)
		}
	}
}
