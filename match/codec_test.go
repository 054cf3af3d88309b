package match

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand"
	"reflect"
	"testing"

	"github.com/tripline/tripline"
)

// roundTrip encodes ix and decodes it again.
func roundTrip(tb testing.TB, ix *Index) *Index {
	tb.Helper()
	b, err := ix.MarshalBinary()
	if err != nil {
		tb.Fatal(err)
	}
	got, err := UnmarshalIndex(ix.cfg, b)
	if err != nil {
		tb.Fatal(err)
	}
	return got
}

// sameScreening screens qs with every query type and a source filter on
// both indexes and fails at the first result that differs in its JSON.
func sameScreening(t *testing.T, want, got *Index, qs []tripline.Query) {
	t.Helper()
	ws, gs := NewScreener(want), NewScreener(got)
	opts := []tripline.ScreenOptions{{}, {Threshold: 0.7, Limit: 20}}
	if len(want.accept.srcNames) > 1 {
		for s := range want.accept.srcNames {
			opts = append(opts, tripline.ScreenOptions{Sources: []string{s}})
			break
		}
	}
	types := []string{"", "person", "organization", "vessel"}
	n := 0
	for _, o := range opts {
		for ti, typ := range types {
			batch := make([]tripline.Query, 0, len(qs))
			for i, q := range qs {
				if (i+ti)%len(types) == 0 || len(qs) < 50 {
					q.Type = typ
					batch = append(batch, q)
				}
			}
			wr, err := ws.Screen(context.Background(), batch, o)
			if err != nil {
				t.Fatal(err)
			}
			gr, err := gs.Screen(context.Background(), batch, o)
			if err != nil {
				t.Fatal(err)
			}
			for i := range wr {
				wb, _ := json.Marshal(wr[i])
				gb, _ := json.Marshal(gr[i])
				if !bytes.Equal(wb, gb) {
					t.Fatalf("query %q (type %q, %+v): the decoded index gives\n%s\nthe built one\n%s", batch[i].Name, typ, o, gb, wb)
				}
				n += len(wr[i].Matches)
			}
		}
	}
	t.Logf("%d queries × options compared, %d matches, all equal", len(qs), n)
}

func fictionalQueries() []tripline.Query {
	var qs []tripline.Query
	for i, n := range append(namePool(), "Qasem Soleimani", "P-1234567", "Snow Storm", "AI", "Alfa Invest", "Ghods Aviation") {
		if n == "" {
			continue
		}
		qs = append(qs, tripline.Query{ID: string(rune('a' + i%26)), Name: n, BirthDate: "1957", Country: "IR"})
	}
	qs = append(qs, tripline.Query{Name: "unknown", Identifiers: []tripline.Identifier{{Type: "imo", Value: "9123456"}}})
	return qs
}

func TestCodecRoundTripFictional(t *testing.T) {
	ix := NewIndex(DefaultConfig(), fictional())
	got := roundTrip(t, ix)
	if !reflect.DeepEqual(ix, got) {
		t.Fatal("the decoded index differs from the encoded one")
	}
	sameScreening(t, ix, got, fictionalQueries())
}

// TestCodecRoundTripAllLists: the index of every real list, encoded and
// decoded, equals the built one field by field and screens the dev-set
// names (with every query type, a threshold, a limit and a source filter)
// to byte-identical results.
func TestCodecRoundTripAllLists(t *testing.T) {
	ix := allListsScreener(t).ix
	got := roundTrip(t, ix)
	if !reflect.DeepEqual(ix, got) {
		t.Fatal("the decoded index differs from the encoded one")
	}
	var qs []tripline.Query
	for i, c := range loadDev(t) {
		if i%3 == 0 {
			qs = append(qs, c.q)
		}
	}
	sameScreening(t, ix, got, qs)
}

// TestCodecKnowsEveryField fails when a type the codec writes gains or
// loses a field: the codec (codec.go) must then learn it, and
// codecVersion change.
func TestCodecKnowsEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{tripline.Entity{}, "ID Source SourceID Schema Names Addresses Countries Nationalities BirthDates BirthPlaces Gender Identifiers Emails Phones Websites Programs ListedOn Remarks Links Properties"},
		{tripline.Name{}, "Full Kind Qualifier Parts Script Lang"},
		{tripline.NamePart{}, "Type Value"},
		{tripline.Address{}, "Full Street City Region PostalCode Country"},
		{tripline.Identifier{}, "Type Value Country Note"},
		{tripline.Link{}, "Type TargetID TargetName Share"},
		{Index{}, "cfg ents names entNames vocab byText byKey byPhon grams byCkey byCkeyAbjad byAcronym single keyDF idents byID accept fast Snapshots"},
		{vtok{}, "text key phon bare script alts altKeys orig class kind weight postings"},
		{ntok{}, "v family article hyphen"},
		{nameRec{}, "ent weight kind full toks"},
		{acceptTables{}, "mask src srcNames"},
	} {
		rt := reflect.TypeOf(c.v)
		var got []byte
		for i := 0; i < rt.NumField(); i++ {
			if i > 0 {
				got = append(got, ' ')
			}
			got = append(got, rt.Field(i).Name...)
		}
		if string(got) != c.want {
			t.Errorf("%s has fields\n%s\nthe index codec knows\n%s\nteach codec.go the change and bump codecVersion", rt, got, c.want)
		}
	}
}

// TestUnmarshalDamaged: every truncation and a thousand single-byte
// changes of an encoded index are refused or decode to an index that
// screens without panicking.
func TestUnmarshalDamaged(t *testing.T) {
	ix := NewIndex(DefaultConfig(), fictional())
	b, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	qs := fictionalQueries()
	for n := 0; n < len(b); n++ {
		if _, err := UnmarshalIndex(ix.cfg, b[:n]); err == nil {
			t.Fatalf("a truncation to %d of %d bytes decoded", n, len(b))
		}
	}
	rng := rand.New(rand.NewSource(1))
	accepted := 0
	for i := 0; i < 1000; i++ {
		d := bytes.Clone(b)
		d[rng.Intn(len(d))] ^= byte(1 + rng.Intn(255))
		if got, err := UnmarshalIndex(ix.cfg, d); err == nil {
			accepted++
			if _, err := NewScreener(got).Screen(context.Background(), qs, tripline.ScreenOptions{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("%d of 1000 damaged encodings decoded (and screened)", accepted)
}

// FuzzUnmarshalIndex: whatever the bytes, UnmarshalIndex returns an error
// or an index that screens without panicking.
func FuzzUnmarshalIndex(f *testing.F) {
	cfg := DefaultConfig()
	ents := fictional()
	for _, es := range [][]*tripline.Entity{nil, ents[:1], ents[2:4], ents} {
		b, err := NewIndex(cfg, es).MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	qs := fictionalQueries()[:6]
	f.Fuzz(func(t *testing.T, b []byte) {
		ix, err := UnmarshalIndex(cfg, b)
		if err != nil {
			return
		}
		s := NewScreener(ix)
		if _, err := s.Screen(context.Background(), qs, tripline.ScreenOptions{Threshold: 0.3}); err != nil {
			t.Fatal(err)
		}
		for _, e := range ix.ents[:min(len(ix.ents), 3)] {
			s.Explain(qs[0], e.ID)
		}
		if _, err := ix.MarshalBinary(); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkUnmarshalAllLists decodes the encoded index of every real
// list: what a start spends on an index file once it is read.
func BenchmarkUnmarshalAllLists(b *testing.B) {
	ix := allListsScreener(b).ix
	data, err := ix.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := UnmarshalIndex(ix.cfg, data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(data))/1e6, "MB")
}

// BenchmarkMarshalAllLists encodes the index of every real list.
func BenchmarkMarshalAllLists(b *testing.B) {
	ix := allListsScreener(b).ix
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ix.MarshalBinary(); err != nil {
			b.Fatal(err)
		}
	}
}
