package match

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// TestScriptsDev screens testdata/scripts_screen.csv against the real SDN
// list: names of listed people and organisations in Persian, Arabic,
// Cyrillic, Korean and Chinese writing, written for this test from general
// knowledge (the list carries only their Latin forms), and invented names
// of nobody listed. It holds recall ≥ 0.95 and at most one false alert.
func TestScriptsDev(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full SDN list")
	}
	s := sdnScreener(t)
	pos, found, neg, alerts := 0, 0, 0, 0
	for _, row := range testRows(t, "testdata/scripts_screen.csv") {
		res := screenOne(t, s, tripline.Query{ID: row[0], Name: row[1], Type: row[2]}, tripline.ScreenOptions{})
		if row[3] == "" {
			neg++
			if len(res.Matches) > 0 {
				alerts++
				m := res.Matches[0]
				t.Logf("false alert %s %q → %s %q %.3f", row[0], row[1], m.ID, m.MatchedName, m.Score)
			}
			continue
		}
		pos++
		ok := false
		for _, m := range res.Matches {
			ok = ok || strings.Contains("|"+row[3]+"|", "|"+m.ID+"|")
		}
		if ok {
			found++
		} else {
			t.Logf("miss %s %q (want %s): %s", row[0], row[1], row[3], ids(res))
		}
	}
	recall := float64(found) / float64(pos)
	t.Logf("recall %d/%d = %.3f, false alerts %d/%d", found, pos, recall, alerts, neg)
	if recall < 0.95 || alerts > 1 {
		t.Errorf("recall %.3f (want ≥ 0.95), false alerts %d (want ≤ 1)", recall, alerts)
	}
}

// TestAcronyms compares acronyms with the names they abbreviate, both
// ways, and names that are not.
func TestAcronyms(t *testing.T) {
	ix := NewIndex(DefaultConfig(), nil)
	for _, tc := range []struct {
		a, b  string
		match bool
	}{
		{"IRGC", "Islamic Revolutionary Guard Corps", true},
		{"Islamic Revolutionary Guard Corps", "IRGC", true},
		{"NIOC", "National Iranian Oil Company", true},
		{"KOMID", "Korea Mining Development", true},
		{"CPMIEC", "China Precision Machinery Import Export Corporation", true},
		{"IRGC", "Iran Revolutionary Guard", false},
		{"Kim", "Kim Jong Un", false},
		{"ABC", "Alpha Beta Corp", false}, // three letters alone are too weak
	} {
		s, _ := ix.Compare(tc.a, tc.b)
		if (s >= ix.Config().Threshold) != tc.match {
			t.Errorf("Compare(%q, %q) = %.3f, want match %v", tc.a, tc.b, s, tc.match)
		}
	}
}

// TestAcronymIsNoWord: a one-word listed name that is the beginning of a
// query word is that word, not an acronym of the query ("Sa’id" spells
// the sai of SAID and the d of DZHABAROV); it took an EU record of
// another man at 0.88.
func TestAcronymIsNoWord(t *testing.T) {
	s := NewScreener(NewIndex(DefaultConfig(), []*tripline.Entity{
		{ID: "t:1", Source: "t", SourceID: "1", Schema: tripline.SchemaPerson,
			Names: []tripline.Name{{Full: "Hasan Izz AL-DIN", Kind: tripline.NamePrimary}, {Full: "Sa’id", Kind: tripline.NameAlias}}},
		{ID: "t:2", Source: "t", SourceID: "2", Schema: tripline.SchemaOrganization,
			Names: []tripline.Name{{Full: "KAVEH", Kind: tripline.NameAlias}, {Full: "KAVEH ARYA VISTA HORMOZ", Kind: tripline.NamePrimary}}},
	}))
	for _, tc := range []struct{ q, want string }{
		{"Said Dzhabarov", ""},
		{"Kaveh Arya Vista Hormoz", "t:2"},
	} {
		if got := ids(screenOne(t, s, tripline.Query{Name: tc.q}, tripline.ScreenOptions{})); got != tc.want {
			t.Errorf("Screen(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestScriptPairs compares names across scripts without the list's
// weights: pairs written for this test.
func TestScriptPairs(t *testing.T) {
	ix := NewIndex(DefaultConfig(), nil)
	for _, tc := range []struct {
		a, b  string
		match bool
	}{
		{"حسن عبد الله الراشد", "HASAN ABDALLAH AL-RASHID", true},
		{"علی خامنه\u200cای", "Ali Khamenei", true},
		{"عبدالملك الحوثي", "Abdulmalik al-Houthi", true},
		{"محمدعلی جعفری", "Mohammad Ali Jafari", true},
		{"یحیی رحیم صفوی", "Yahya Rahim Safavi", true},
		{"شرکت ملی نفت ایران", "National Iranian Oil Company", true},
		{"بانک ملی ایران", "Bank Melli Iran", true},
		{"سازمان صنایع هوافضا", "Aerospace Industries Organization", true},
		{"هواپیمایی ماهان", "Mahan Air", true},
		{"王君正", "Wang Junzheng", true},
		{"단천상업은행", "Tanchon Commercial Bank", true},
		{"Концерн Калашников", "Concern Kalashnikov", true},
		{"Sanaye Havapeymaie Iran", "Iran Aircraft Industries", true},
		{"حسن نصرالله", "Hussein Nasrallah", false},
		{"عماد زريق", "Amidi Sergey", false},
		{"محمد کریم", "Ahmad Karimi", false},
		{"بانک تجارت", "Bank Saderat", false},
	} {
		s, ex := ix.Compare(tc.a, tc.b)
		if (s >= ix.Config().Threshold) != tc.match {
			t.Errorf("Compare(%q, %q) = %.3f, want match %v: %+v", tc.a, tc.b, s, tc.match, ex.Parts)
		}
	}
}

// TestScriptPairsSet compares the labelled pairs of
// testdata/scripts_pairs.csv (people and organisations, Persian, Arabic,
// Cyrillic, Chinese, Korean and Greek writing against Latin, acronyms and
// translations; written for this test) with uniform part weights: F1 ≥
// 0.95 and ≥ 0.95 of the cross-script matches found.
func TestScriptPairsSet(t *testing.T) {
	ix := NewIndex(DefaultConfig(), nil)
	tp, fp, fn, cross, crossFound := 0, 0, 0, 0, 0
	rows := testRows(t, "testdata/scripts_pairs.csv")
	for _, row := range rows {
		s, _ := ix.Compare(row[0], row[1])
		match, want := s >= ix.Config().Threshold, row[3] == "1"
		isCross := strings.ContainsFunc(row[0], func(r rune) bool { return r > 0x2ff })
		switch {
		case match && want:
			tp++
		case match:
			fp++
			t.Logf("false match %q / %q %.3f", row[0], row[1], s)
		case want:
			fn++
			t.Logf("missed %q / %q %.3f", row[0], row[1], s)
		}
		if want && isCross {
			cross++
			if match {
				crossFound++
			}
		}
	}
	p, rc := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	f1 := 2 * p * rc / (p + rc)
	cr := float64(crossFound) / float64(cross)
	t.Logf("%d pairs: precision %.3f recall %.3f F1 %.3f; cross-script found %d/%d = %.3f", len(rows), p, rc, f1, crossFound, cross, cr)
	if f1 < 0.95 || cr < 0.95 {
		t.Errorf("F1 %.3f (want ≥ 0.95), cross-script %.3f (want ≥ 0.95)", f1, cr)
	}
}

// testRows reads a CSV file of testdata ('#' starts a comment line) and
// returns its rows after the header.
func testRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}
