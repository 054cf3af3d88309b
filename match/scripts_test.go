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
	f, err := os.Open("testdata/scripts_screen.csv")
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
	pos, found, neg, alerts := 0, 0, 0, 0
	for _, row := range rows[1:] {
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

// TestScriptPairs compares names across scripts without the list's
// weights: pairs written for this test.
func TestScriptPairs(t *testing.T) {
	ix := NewIndex(DefaultConfig(), nil)
	for _, tc := range []struct {
		a, b  string
		match bool
	}{
		{"حسن عبد الله الراشد", "HASAN ABDALLAH AL-RASHID", true},
		{"علی خامنه‌ای", "Ali Khamenei", true},
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
		{"Sanaye Havapeymaie Iran", "Iran Aircraft Industries", false},
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
