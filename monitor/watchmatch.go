package monitor

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/transfer"
)

// CheckWatch validates w (tripline.Watch.Validate) and resolves what the
// system catalogue knows: a system watch names a system by its id or any
// of its designations (stored as the id; a designation of several systems
// is a Conflict error naming them; one the catalogue lacks is kept as
// written and matched as a designation), and a producer watch names a
// catalogue producer or the listed entity one is (anything else is
// Invalid). It returns a note for people when the value was resolved or
// is unknown to the catalogue, "" otherwise.
func CheckWatch(w *tripline.Watch, cat *transfer.Catalogue) (note string, err error) {
	if err := w.Validate(); err != nil {
		return "", err
	}
	if cat == nil {
		if cat, err = transfer.Default(); err != nil {
			return "", err
		}
	}
	switch w.Kind {
	case tripline.WatchSystem:
		s, err := cat.System(w.Value)
		switch {
		case tripline.ErrorKind(err) == tripline.KindNotFound:
			return fmt.Sprintf("%q is not in the system catalogue: the watch matches register designations and claims written so", w.Value), nil
		case err != nil:
			return "", err
		}
		if s.ID != w.Value {
			note = fmt.Sprintf("%q is system %s (%s), watched under all its designations", w.Value, s.ID, s.Name)
		}
		w.Value = s.ID
		return note, nil
	case tripline.WatchProducer:
		if p, ok := cat.Producer(strings.ToLower(w.Value)); ok {
			w.Value = p.ID
			return "", nil
		}
		if ps := producersOf(cat, w.Value); len(ps) > 0 {
			return fmt.Sprintf("%s is the producer %s", w.Value, strings.Join(ps, ", ")), nil
		}
		var ids []string
		for _, p := range cat.Producers() {
			ids = append(ids, p.ID)
		}
		sort.Strings(ids)
		return "", tripline.Errorf(tripline.KindInvalid, "no producer %q in the system catalogue: give a producer id (%s) or the listed entity id of one (see tripline systems show)", w.Value, strings.Join(ids, ", "))
	}
	return "", nil
}

// producersOf returns the catalogue producers a producer watch's value
// names: the producer itself, or those the listed entity id is.
func producersOf(cat *transfer.Catalogue, value string) []string {
	if p, ok := cat.Producer(value); ok {
		return []string{p.ID}
	}
	var out []string
	for _, p := range cat.Producers() {
		for _, id := range p.Listed {
			if strings.EqualFold(id, value) {
				out = append(out, p.ID)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// matcher decides which event watches a register row or claim concerns.
type matcher struct {
	cat *transfer.Catalogue
	// producers caches producersOf by watch value.
	producers map[string][]string
}

func (m *matcher) matches(w tripline.Watch, r *tripline.WatchRecord) bool {
	if len(w.Sources) > 0 && !slices.Contains(w.Sources, r.Source) {
		return false
	}
	switch w.Kind {
	case tripline.WatchCountryPair:
		from, to, _ := strings.Cut(w.Value, ":")
		return partyIs(r.Supplier, from) && partyIs(r.Recipient, to)
	case tripline.WatchSystem:
		if r.System != "" {
			return r.System == w.Value
		}
		if _, known := m.cat.ByID(w.Value); known {
			// A designation the register's linker left unresolved (a
			// homonym without context) does not match a catalogue system
			// unless it names that system alone.
			ss := m.cat.Lookup(r.Designation, "")
			return len(ss) == 1 && ss[0].ID == w.Value
		}
		return r.Designation != "" && transfer.Key(r.Designation) == transfer.Key(w.Value)
	case tripline.WatchProducer:
		want, ok := m.producers[w.Value]
		if !ok {
			want = producersOf(m.cat, w.Value)
			m.producers[w.Value] = want
		}
		have := r.Producers
		if s, ok := m.cat.ByID(r.System); ok {
			have = append(slices.Clone(have), s.Producers...)
		}
		for _, p := range want {
			if slices.Contains(have, p) {
				return true
			}
		}
	}
	return false
}

// partyIs reports whether a party of a transfer is the country code (ANY:
// any party): a state by its code, another party by the country it sits
// in.
func partyIs(p tripline.TransferParty, code string) bool {
	if code == tripline.AnyCountry {
		return true
	}
	if p.Code != "" {
		return strings.EqualFold(p.Code, code)
	}
	return strings.EqualFold(p.Country, code)
}

// recordLabel names a register row or claim for people: "Iran → Venezuela:
// Peykaap (zolfaghar-fac), order 2021".
func recordLabel(r *tripline.WatchRecord) string {
	what := r.Designation
	switch {
	case what == "" && r.System != "":
		what = r.System
	case what == "":
		what = r.SystemType
	case r.System != "" && !strings.EqualFold(r.System, what):
		what += " (" + r.System + ")"
	}
	s := fmt.Sprintf("%s → %s: %s", r.Supplier.Name, r.Recipient.Name, what)
	switch {
	case r.Kind == tripline.RecordTransfer && r.OrderYear != 0:
		s += fmt.Sprintf(", order %d", r.OrderYear)
	case r.Date != "":
		s += ", " + r.Date
	}
	return s
}

// transferFields renders the fields of a deal that a watch's diff shows,
// by name; an empty field is left out.
func transferFields(t *tripline.Transfer) map[string][]string {
	out := map[string][]string{}
	if t == nil {
		return out
	}
	put := func(k string, vs ...string) {
		var keep []string
		for _, v := range vs {
			if v != "" {
				keep = append(keep, v)
			}
		}
		if len(keep) > 0 {
			out[k] = keep
		}
	}
	party := func(p tripline.TransferParty) string {
		if p.Code != "" {
			return fmt.Sprintf("%s (%s)", p.Name, p.Code)
		}
		return p.Name
	}
	num := func(n *int) string {
		if n == nil {
			return ""
		}
		return fmt.Sprint(*n)
	}
	tiv := func(f *float64) string {
		if f == nil {
			return ""
		}
		return fmt.Sprint(*f)
	}
	year := func(y int) string {
		if y == 0 {
			return ""
		}
		return fmt.Sprint(y)
	}
	put("supplier", party(t.Supplier))
	put("recipient", party(t.Recipient))
	put("system", t.System)
	put("designation", t.Designation)
	put("description", t.Description)
	put("producers", t.Producers...)
	put("order_year", year(t.OrderYear))
	put("ordered", num(t.Ordered))
	put("delivered", num(t.Delivered))
	var years []string
	for _, y := range t.DeliveryYears {
		years = append(years, fmt.Sprint(y))
	}
	put("delivery_years", years...)
	put("status", t.Status)
	put("comments", t.Comments)
	put("tiv_unit", tiv(t.TIVUnit))
	put("tiv_order", tiv(t.TIVOrder))
	put("tiv_delivered", tiv(t.TIVDelivered))
	put("uncertain", t.Uncertain...)
	return out
}

// transferDiff is the diff of a deal from old to new (either may be nil):
// the fields that differ, old and new values.
func transferDiff(old, new *tripline.Transfer) map[string]tripline.FieldDiff {
	o, n := transferFields(old), transferFields(new)
	out := map[string]tripline.FieldDiff{}
	for _, k := range unionKeys(o, n) {
		if !slices.Equal(o[k], n[k]) {
			out[k] = tripline.FieldDiff{Old: nonNilStrings(o[k]), New: nonNilStrings(n[k])}
		}
	}
	return out
}

func unionKeys(a, b map[string][]string) []string {
	var ks []string
	for k := range a {
		ks = append(ks, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return ks
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
