package transfer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/ingest/sipri"
)

func TestTypeOf(t *testing.T) {
	for in, want := range map[string]string{
		"missile boat": "naval", "anti-ship missile": "anti_ship_missile", "one-way attack drone": "uav", "armed drone": "uav",
		"(armed) reconnaissance drone": "uav", "surface-to-surface missile": "ballistic_missile", "anti-ship/surface-to-surface missile": "anti_ship_missile",
		"surface-to-surface missile launcher": "ballistic_missile", "multiple rocket launcher": "artillery", "anti-tank missile": "atgm",
		"portable surface-to-air missile": "sam", "armoured personnel carrier": "armour", "aircraft carrier": "naval", "tanker/transport aircraft": "aircraft",
		"fighter aircraft": "aircraft", "combat helicopter": "helicopter", "turbofan": "engine", "self-propelled gun": "artillery", "patrol boat": "naval",
		"coastal defence system": "", "": "",
	} {
		if got := TypeOf(in); got != want {
			t.Errorf("TypeOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCatalogue(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Systems()); n < 16 {
		t.Errorf("%d systems, want the catalogue's 16 or more", n)
	}
	for _, s := range c.Systems() {
		if s.ID == "" || s.Name == "" || Group(s.Type) == "" || len(s.Sources) == 0 {
			t.Errorf("system %+v lacks an id, name, known type or sources", s)
		}
		for _, p := range s.Producers {
			if _, ok := c.Producer(p); !ok {
				t.Errorf("%s: unknown producer %q", s.ID, p)
			}
		}
		for _, comp := range s.Components {
			if comp.Source == "" {
				t.Errorf("%s: component %q has no source", s.ID, comp.Item)
			}
			if comp.Producer != "" {
				if _, ok := c.Producer(comp.Producer); !ok {
					t.Errorf("%s: component maker %q unknown", s.ID, comp.Producer)
				}
			}
		}
		if len(c.Networks(s)) != len(s.Networks) {
			t.Errorf("%s: networks %v not all in networks.json", s.ID, s.Networks)
		}
	}
	for name, want := range map[string][]string{
		"Zolfaghar-class": {"zolfaghar-fac"}, "Peykaap-3": {"zolfaghar-fac"}, "PEYKAAP III": {"zolfaghar-fac"},
		"Nasr-1": {"nasr-1"}, "CM-90 Nasr": {"nasr-1"}, "Shahed-136": {"shahed-136"}, "Geran-2": {"shahed-136"}, "Герань-2": {"shahed-136"},
		"Zolfaghar": {"zolfaghar-bm", "zolfaghar-fac"}, "Qasef-1": {"ababil"}, "M-600": {"fateh-110"},
	} {
		var got []string
		for _, s := range c.Lookup(name, "") {
			got = append(got, s.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("Lookup(%q) = %v, want %v", name, got, want)
		}
	}
	if got := c.Lookup("Zolfaghar", GroupVessel); len(got) != 1 || got[0].ID != "zolfaghar-fac" {
		t.Errorf("Zolfaghar as a vessel = %v", got)
	}
	if got := c.Lookup("Zolfaghar", GroupMissile); len(got) != 1 || got[0].ID != "zolfaghar-bm" {
		t.Errorf("Zolfaghar as a missile = %v", got)
	}
	if s := c.Resolve("Zolfaghar", "missile boat"); s == nil || s.ID != "zolfaghar-fac" {
		t.Errorf("a Zolfaghar missile boat resolved to %v", s)
	}
	if s := c.Resolve("Zolfaghar", ""); s != nil {
		t.Errorf("a bare Zolfaghar resolved to %s; a homonym needs its type", s.ID)
	}
	if s := c.Resolve("Peykaap", "missile boat"); s == nil || s.ID != "zolfaghar-fac" {
		t.Errorf("Peykaap missile boat = %v", s)
	}
	if _, err := c.System("zolfaghar"); err == nil || !strings.Contains(err.Error(), "zolfaghar-bm") {
		t.Errorf("System(zolfaghar) = %v, want a conflict naming both", err)
	}
	if s, err := c.System("Geran-2"); err != nil || s.ID != "shahed-136" {
		t.Errorf("System(Geran-2) = %v, %v", s, err)
	}
}

// TestComponentsHS checks every component's HS codes against the goods
// catalogue: each must be a known HS 2022 subheading.
func TestComponentsHS(t *testing.T) {
	g, err := goods.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := MustDefault()
	tiers := map[string]string{}
	for _, s := range c.Systems() {
		for _, comp := range s.Components {
			for _, hs := range comp.HS {
				if _, ok := g.HS(hs); !ok {
					t.Errorf("%s: %s is not an HS 2022 code", s.ID, hs)
				}
				if e, ok := g.CHPL(hs); ok {
					tiers[hs] = e.Tier
				}
			}
		}
	}
	if tiers["854231"] != "1" || tiers["852691"] != "2" {
		t.Errorf("CHPL tiers of the components' codes = %v; want 8542.31 tier 1, 8526.91 tier 2", tiers)
	}
}

// TestListedIDs checks the producers' and networks' SDN ids against the
// real SDN file: each id must be there under the producer's name.
func TestListedIDs(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "lists", "ofac_sdn", "sdn.csv")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("real SDN file absent (%v)", err)
	}
	names := map[string]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		if num, rest, ok := strings.Cut(line, ","); ok {
			if n, _, ok := strings.Cut(strings.TrimPrefix(rest, `"`), `"`); ok {
				names["ofac-sdn:"+num] = n
			}
		}
	}
	c := MustDefault()
	for _, p := range c.Producers() {
		for _, id := range p.Listed {
			if names[id] == "" {
				t.Errorf("producer %s: %s is not in the SDN file", p.ID, id)
			}
		}
	}
	for _, n := range c.AllNetworks() {
		for _, p := range n.Parties {
			if p.Listed != "" && names[p.Listed] == "" {
				t.Errorf("network %s: %s (%s) is not in the SDN file", n.Date, p.Listed, p.Name)
			}
		}
	}
}

// TestLinkRegister links SIPRI's real register to the catalogue: the
// Iranian deals the catalogue knows resolve, and no deal of another
// supplier takes an Iranian system by accident.
func TestLinkRegister(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "dualuse", "sipri_trade_register_all_20260518.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("SIPRI register absent: %v", err)
	}
	ts, err := sipri.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := MustDefault()
	c.Link(ts)
	got := map[string]string{}
	for _, tr := range ts.Transfers {
		if tr.System != "" {
			got[tr.Supplier.Code+">"+tr.Recipient.Key()+":"+tr.Designation] = tr.System
			if tr.Supplier.Code != "IR" && tr.Supplier.Code != "KP" && tr.Supplier.Code != "SY" {
				t.Errorf("%s from %s linked to %s", tr.Designation, tr.Supplier.Name, tr.System)
			}
		}
	}
	for k, want := range map[string]string{"IR>VE:Peykaap": "zolfaghar-fac", "IR>VE:CM-90 Nasr": "nasr-1", "IR>RU:Shahed-136": "shahed-136",
		"IR>BY:Shahed-136": "shahed-136", "IR>RU:Mohajer-6": "mohajer-6", "IR>RU:Fath-360": "fath-360"} {
		if got[k] != want {
			t.Errorf("%s linked to %q, want %s", k, got[k], want)
		}
	}
}
