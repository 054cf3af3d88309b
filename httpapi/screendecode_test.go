package httpapi

import (
	"reflect"
	"testing"

	"github.com/tripline/tripline/internal/strictjson"
)

var screenBodies = []struct {
	body string
	fast bool // decodeScreenFast takes it
}{
	{`{"queries":[{"id":"1","name":"Iliana J. R. TERAN"}]}`, true},
	{` { "queries" : [ {"id":"q","name":"حسن عبد الله الراشد","type":"person","country":"IR","birth_date":"1971"} , {"name":"x"}],
	  "threshold":0.85, "limit":3, "sources":["ofac-sdn","eu-fsf"] } ` + "\n", true},
	{`{"queries":[],"threshold":0,"limit":0,"sources":[]}`, true},
	{`{"queries":[{}]}`, true},
	{`{}`, true},
	{`{"threshold":1,"limit":10}`, true},
	// Left to strictjson: escapes, other case, duplicates, identifiers,
	// other number forms, nulls, unknown or misspelt members, bad JSON.
	{`{"queries":[{"id":"1","name":"O\u0027Brien"}]}`, false},
	{`{"queries":[{"id":"1","name":"a\"b"}]}`, false},
	{`{"Queries":[{"id":"1","name":"x"}]}`, false},
	{`{"queries":[{"ID":"1","name":"x"}]}`, false},
	{`{"queries":[{"id":"1","id":"2","name":"x"}]}`, false},
	{`{"queries":[],"queries":[{"name":"x"}]}`, false},
	{`{"queries":[{"name":"x","identifiers":[{"type":"imo","value":"1"}]}]}`, false},
	{`{"threshold":8.5e-1}`, false},
	{`{"threshold":-0.5}`, false},
	{`{"threshold":01}`, false},
	{`{"limit":2.0}`, false},
	{`{"limit":9999999999}`, false},
	{`{"queries":null}`, false},
	{`{"queries":[{"name":null}]}`, false},
	{`{"queries":[{"name":1}]}`, false},
	{`{"treshold":0.9}`, false},
	{`{"queries":[{"nmae":"x"}]}`, false},
	{`{"queries":[{"name":"x"}]`, false},
	{`{"queries":[{"name":"x"}]} {}`, false},
	{`{"queries":[{"name":"x"},]}`, false},
	{"{\"queries\":[{\"name\":\"\xff\"}]}", false},
	{"{\"queries\":[{\"name\":\"a\tb\"}]}", false},
	{`[]`, false},
}

// TestDecodeScreenFast: the fast decoder takes the plain bodies, decodes
// them as strictjson does, and leaves every other body to strictjson.
func TestDecodeScreenFast(t *testing.T) {
	for _, tc := range screenBodies {
		var got ScreenRequest
		ok := decodeScreenFast([]byte(tc.body), &got)
		if ok != tc.fast {
			t.Errorf("%s: fast %v, want %v", tc.body, ok, tc.fast)
		}
		if ok {
			var want ScreenRequest
			if err := strictjson.Decode([]byte(tc.body), &want, true); err != nil {
				t.Fatalf("%s: taken fast, strictjson says %v", tc.body, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\nfast %+v\nstrictjson %+v", tc.body, got, want)
			}
		}
	}
}

// FuzzDecodeScreenFast: whatever the fast decoder takes, strictjson
// decodes without error to the same request.
func FuzzDecodeScreenFast(f *testing.F) {
	for _, tc := range screenBodies {
		f.Add([]byte(tc.body))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got ScreenRequest
		if !decodeScreenFast(data, &got) {
			return
		}
		var want ScreenRequest
		if err := strictjson.Decode(data, &want, true); err != nil {
			t.Fatalf("%q: taken fast, strictjson says %v", data, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nfast %+v\nstrictjson %+v", data, got, want)
		}
	})
}
