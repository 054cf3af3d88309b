package storetest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/tripline/tripline"
)

// RunNetwork runs the network-record tests; open must return a new, empty
// store and arrange for it to be closed.
func RunNetwork(t *testing.T, open func(t *testing.T) tripline.NetworkStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s tripline.NetworkStore)
	}{
		{"NetworkEmpty", testNetworkEmpty},
		{"NetworkRoundTrip", testNetworkRoundTrip},
		{"NetworkReplaceDropsEveryKind", testNetworkReplace},
		{"NetworkMergeByID", testNetworkMerge},
		{"NetworkInvalidWritesNothing", testNetworkInvalid},
		{"NetworkCancelledImport", testNetworkCancelled},
		{"NetworkConcurrentMerges", testNetworkConcurrent},
		{"NetworkReadWhileImporting", testNetworkReadWhileImporting},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

// NetworkRecords returns fictional records: n companies (c1…), n people
// (p1…) and n shipments (s1…, every third without an id), names prefixed
// with tag.
func NetworkRecords(tag string, n int) *tripline.NetworkRecords {
	r := &tripline.NetworkRecords{}
	for i := 1; i <= n; i++ {
		r.Companies = append(r.Companies, tripline.NetworkCompany{ID: fmt.Sprint("c", i), Name: fmt.Sprint(tag, " Trading ", i), Country: "AE"})
		r.People = append(r.People, tripline.NetworkPerson{ID: fmt.Sprint("p", i), Name: fmt.Sprint(tag, " Person ", i)})
		s := tripline.NetworkShipment{ID: fmt.Sprint("s", i), Shipper: fmt.Sprint(tag, " Trading ", i), Consignee: "Nobody"}
		if i%3 == 0 {
			s.ID = ""
		}
		r.Shipments = append(r.Shipments, s)
	}
	return r
}

// MustImportNetwork imports recs and fails the test on error.
func MustImportNetwork(t testing.TB, s tripline.NetworkStore, recs *tripline.NetworkRecords, mode tripline.NetworkMode) tripline.NetworkState {
	t.Helper()
	st, err := s.ImportNetwork(context.Background(), recs, mode)
	if err != nil {
		t.Fatalf("ImportNetwork: %v", err)
	}
	return st
}

// mustNetwork reads the records and checks they agree with the state
// read with them and with NetworkState.
func mustNetwork(t *testing.T, s tripline.NetworkStore) (*tripline.NetworkRecords, tripline.NetworkState) {
	t.Helper()
	recs, st, err := s.Network(context.Background())
	if err != nil {
		t.Fatalf("Network: %v", err)
	}
	if len(recs.Companies) != st.Companies || len(recs.People) != st.People || len(recs.Shipments) != st.Shipments {
		t.Errorf("Network returned %d/%d/%d records with a state of %+v", len(recs.Companies), len(recs.People), len(recs.Shipments), st)
	}
	if st2, err := s.NetworkState(context.Background()); err != nil || !reflect.DeepEqual(st, st2) {
		t.Errorf("NetworkState = %+v, %v; Network said %+v", st2, err, st)
	}
	return recs, st
}

// networkIDs describes recs as "id=name …" per kind, kinds separated
// by " | ".
func networkIDs(recs *tripline.NetworkRecords) string {
	var cs, ps, ss []string
	for _, c := range recs.Companies {
		cs = append(cs, c.ID+"="+c.Name)
	}
	for _, p := range recs.People {
		ps = append(ps, p.ID+"="+p.Name)
	}
	for _, sh := range recs.Shipments {
		ss = append(ss, sh.ID+"="+sh.Shipper)
	}
	return strings.Join(cs, " ") + " | " + strings.Join(ps, " ") + " | " + strings.Join(ss, " ")
}

func testNetworkEmpty(t *testing.T, s tripline.NetworkStore) {
	recs, st := mustNetwork(t, s)
	if st != (tripline.NetworkState{}) || len(recs.Companies)+len(recs.People)+len(recs.Shipments) != 0 {
		t.Errorf("empty store: %+v, %+v; want no records at version 0", recs, st)
	}
	// An empty replace is an import: the version moves.
	if st := MustImportNetwork(t, s, &tripline.NetworkRecords{}, tripline.NetworkReplace); st.Version != 1 || st.ChangedAt.IsZero() {
		t.Errorf("empty import: state %+v, want version 1 with a time", st)
	}
}

func testNetworkRoundTrip(t *testing.T, s tripline.NetworkStore) {
	in := &tripline.NetworkRecords{
		Companies: []tripline.NetworkCompany{{
			ID: "c1", Name: "Kestrel Parts Trading FZE", Country: "AE", Address: "Office 12, Kestrel Tower, Dubai",
			Phone: "+971 4 000 1111", Email: "sales@kestrel.example", Website: "kestrel.example", Registered: "2024-02-01",
			Directors: []string{"Ada Example", "Бориc Пример"}, DirectorIDs: []string{"p1"},
			Owners:   []tripline.Shareholder{{Name: "Ada Example", Share: 0.6, ID: "p1"}, {Name: "Heron Holdings", Share: 0.4}},
			Industry: "electronic components", Identifiers: []tripline.Identifier{{Type: "registration", Value: "AE-12345"}},
		}, {ID: "c0", Name: "名前 \x00 with a NUL and \u2028"}},
		People:    []tripline.NetworkPerson{{ID: "p1", Name: "Ada Example", Nationality: "GB", BirthDate: "1970"}},
		Shipments: []tripline.NetworkShipment{{ID: "s1", Date: "2024-05-01", Shipper: "KESTREL PARTS", Consignee: "Heron", NotifyParty: "N", HSCode: "8542.31", Description: "MCUs", Origin: "AE", Destination: "HK"}, {Consignee: "no id"}},
	}
	st := MustImportNetwork(t, s, in, tripline.NetworkReplace)
	if st.Version != 1 || st.Companies != 2 || st.People != 1 || st.Shipments != 2 {
		t.Errorf("state after import %+v", st)
	}
	got, st2 := mustNetwork(t, s)
	if !reflect.DeepEqual(got, in) {
		t.Errorf("records read back differ:\n got %+v\nwant %+v", got, in)
	}
	if !reflect.DeepEqual(st, st2) {
		t.Errorf("state read back %+v, import said %+v", st2, st)
	}
}

func testNetworkReplace(t *testing.T, s tripline.NetworkStore) {
	MustImportNetwork(t, s, NetworkRecords("old", 4), tripline.NetworkReplace)
	// Only companies this time: the people and shipments go too.
	st := MustImportNetwork(t, s, &tripline.NetworkRecords{Companies: NetworkRecords("new", 2).Companies}, tripline.NetworkReplace)
	got, _ := mustNetwork(t, s)
	if want := "c1=new Trading 1 c2=new Trading 2 |  | "; networkIDs(got) != want || st.Version != 2 {
		t.Errorf("after a replace: %q (version %d), want %q (version 2)", networkIDs(got), st.Version, want)
	}
}

func testNetworkMerge(t *testing.T, s tripline.NetworkStore) {
	MustImportNetwork(t, s, NetworkRecords("old", 3), tripline.NetworkReplace)
	add := &tripline.NetworkRecords{
		Companies: []tripline.NetworkCompany{{ID: "c9", Name: "added"}, {ID: "c2", Name: "replaced"}},
		People:    []tripline.NetworkPerson{{ID: "p1", Name: "replaced"}},
		Shipments: []tripline.NetworkShipment{{ID: "s2", Shipper: "replaced"}, {Shipper: "no id again"}, {ID: "s9", Shipper: "added"}},
	}
	st := MustImportNetwork(t, s, add, tripline.NetworkMerge)
	got, _ := mustNetwork(t, s)
	want := "c1=old Trading 1 c2=replaced c3=old Trading 3 c9=added | p1=replaced p2=old Person 2 p3=old Person 3 |" +
		" s1=old Trading 1 s2=replaced =old Trading 3 =no id again s9=added"
	if networkIDs(got) != want {
		t.Errorf("after a merge:\n got %q\nwant %q", networkIDs(got), want)
	}
	if st.Version != 2 || st.Companies != 4 || st.People != 3 || st.Shipments != 5 {
		t.Errorf("state after a merge %+v", st)
	}
	// A merge into an empty store is an import like any.
	MustImportNetwork(t, s, &tripline.NetworkRecords{}, tripline.NetworkReplace)
	MustImportNetwork(t, s, NetworkRecords("x", 1), tripline.NetworkMerge)
	if got, _ := mustNetwork(t, s); networkIDs(got) != "c1=x Trading 1 | p1=x Person 1 | s1=x Trading 1" {
		t.Errorf("merge into empty: %q", networkIDs(got))
	}
}

func testNetworkInvalid(t *testing.T, s tripline.NetworkStore) {
	good := MustImportNetwork(t, s, NetworkRecords("good", 2), tripline.NetworkReplace)
	bad := []*tripline.NetworkRecords{
		{Companies: []tripline.NetworkCompany{{ID: "c1", Name: "A"}, {ID: "c1", Name: "B"}}},
		{Companies: []tripline.NetworkCompany{{ID: "c1"}}},
		{Companies: []tripline.NetworkCompany{{ID: "c1", Name: "A", Owners: []tripline.Shareholder{{Name: "X", Share: 2}}}}},
		{People: []tripline.NetworkPerson{{Name: "no id"}}},
		{Shipments: []tripline.NetworkShipment{{ID: "s1", Shipper: "A"}, {ID: "s1", Shipper: "B"}}},
		{Shipments: []tripline.NetworkShipment{{ID: "s1"}}},
		{Companies: []tripline.NetworkCompany{{ID: "bad\xff", Name: "A"}}},
	}
	for _, recs := range bad {
		for _, mode := range []tripline.NetworkMode{tripline.NetworkReplace, tripline.NetworkMerge} {
			if _, err := s.ImportNetwork(context.Background(), recs, mode); tripline.ErrorKind(err) != tripline.KindInvalid {
				t.Errorf("ImportNetwork(%+v) = %v; want an Invalid error", recs, err)
			}
		}
	}
	if _, err := s.ImportNetwork(context.Background(), NetworkRecords("x", 1), tripline.NetworkMode(9)); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("unknown mode: %v; want Invalid", err)
	}
	got, st := mustNetwork(t, s)
	if st != good || networkIDs(got) != networkIDs(NetworkRecords("good", 2)) {
		t.Errorf("refused imports changed the records: %q, %+v; want %+v", networkIDs(got), st, good)
	}
}

func testNetworkCancelled(t *testing.T, s tripline.NetworkStore) {
	good := MustImportNetwork(t, s, NetworkRecords("good", 2), tripline.NetworkReplace)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.ImportNetwork(ctx, NetworkRecords("big", 5000), tripline.NetworkReplace); err == nil {
		t.Fatal("cancelled import succeeded")
	}
	if got, st := mustNetwork(t, s); st != good || networkIDs(got) != networkIDs(NetworkRecords("good", 2)) {
		t.Errorf("after a cancelled import: %+v; want %+v", st, good)
	}
}

// testNetworkConcurrent: merges from many writers at once are serialised:
// every one lands, each bumps the version once.
func testNetworkConcurrent(t *testing.T, s tripline.NetworkStore) {
	const writers = 8
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			recs := &tripline.NetworkRecords{
				Companies: []tripline.NetworkCompany{{ID: fmt.Sprint("w", w), Name: "writer"}, {ID: "shared", Name: fmt.Sprint("writer ", w)}},
				Shipments: []tripline.NetworkShipment{{Shipper: fmt.Sprint("writer ", w)}},
			}
			if _, err := s.ImportNetwork(context.Background(), recs, tripline.NetworkMerge); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent ImportNetwork: %v", err)
	}
	got, st := mustNetwork(t, s)
	if st.Version != writers || st.Companies != writers+1 || st.Shipments != writers {
		t.Errorf("after %d concurrent merges: %+v", writers, st)
	}
	// The first merge to commit put its company and "shared" first; the
	// later ones replaced "shared" in its place.
	if len(got.Companies) != writers+1 || got.Companies[1].ID != "shared" {
		t.Errorf("order after concurrent merges: %q", networkIDs(got))
	}
}

// testNetworkReadWhileImporting: a read sees one import's records whole,
// never a mix, and the state it returns is theirs.
func testNetworkReadWhileImporting(t *testing.T, s tripline.NetworkStore) {
	MustImportNetwork(t, s, NetworkRecords("v0", 300), tripline.NetworkReplace)
	done := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		defer close(done)
		for i := 1; i <= 6; i++ {
			if _, err := s.ImportNetwork(context.Background(), NetworkRecords(fmt.Sprint("v", i), 300+i), tripline.NetworkReplace); err != nil {
				errs <- err
				return
			}
		}
	}()
	for reading := true; reading; {
		select {
		case <-done:
			reading = false
		default:
		}
		recs, st, err := s.Network(context.Background())
		if err != nil {
			t.Fatalf("Network while importing: %v", err)
		}
		tag := fmt.Sprint("v", st.Version-1)
		n := 300 + int(st.Version) - 1
		if len(recs.Companies) != n || len(recs.Shipments) != n || recs.Companies[0].Name != tag+" Trading 1" || recs.Companies[n-1].Name != fmt.Sprint(tag, " Trading ", n) {
			t.Fatalf("read at version %d: %d companies, first %q; want %d of %s", st.Version, len(recs.Companies), recs.Companies[0].Name, n, tag)
		}
	}
	select {
	case err := <-errs:
		t.Fatalf("import while reading: %v", err)
	default:
	}
}
