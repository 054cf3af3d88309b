// Package transfer is the catalogue of weapon systems that arms transfers
// and articles are linked to: the Iranian systems, their designations at
// home and abroad ("Shahed-136" = "Geran-2" = "Kochevnik"), their producers
// and the listed entities those are, the foreign components reported in
// them, and the procurement networks designated for them. The data is
// embedded (data/*.json, sources in data/PROVENANCE.md).
//
// Homonyms are kept apart by type: the Zolfaghar-class boat
// (fast_attack_craft) is not the Zolfaghar ballistic missile; Resolve and
// Lookup let the caller say which type it means.
package transfer

import (
	"embed"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/tripline/tripline"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/*.json
var data embed.FS

// Designation is one name of a system.
type Designation struct {
	Name string `json:"name"`
	// Country is where the name is used, when it is another country's
	// designation ("Geran-2": RU); "" for the maker's own.
	Country string `json:"country,omitempty"`
	Note    string `json:"note,omitempty"`
	// Weak marks a name that is also an ordinary word or a person's name
	// ("Noor", "Almas"): in text it counts only next to a word of the
	// system's type ("Noor missile").
	Weak bool `json:"weak,omitempty"`
}

// Component is a foreign component reported in a system.
type Component struct {
	Type         string `json:"type"`
	Item         string `json:"item"`
	Manufacturer string `json:"manufacturer,omitempty"`
	// Producer is the catalogue id of a listed maker of the component.
	Producer   string   `json:"producer,omitempty"`
	Part       string   `json:"part,omitempty"`
	Origin     string   `json:"origin,omitempty"`
	HS         []string `json:"hs,omitempty"`
	Source     string   `json:"source"`
	URL        string   `json:"url,omitempty"`
	Confidence string   `json:"confidence,omitempty"`
}

// System is one weapon system of the catalogue.
type System struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Type is uav, ballistic_missile, anti_ship_missile, atgm or
	// fast_attack_craft.
	Type         string        `json:"type"`
	Origin       string        `json:"origin"`
	Role         string        `json:"role,omitempty"`
	Designations []Designation `json:"designations"`
	// Producers are catalogue producer ids.
	Producers  []string    `json:"producers,omitempty"`
	Propulsion string      `json:"propulsion,omitempty"`
	Guidance   string      `json:"guidance,omitempty"`
	BasedOn    string      `json:"based_on,omitempty"`
	Components []Component `json:"components,omitempty"`
	// Networks are the dates of the procurement networks' designations
	// (Network.Date).
	Networks []string `json:"networks,omitempty"`
	Sources  []string `json:"sources"`
}

// Producer is a maker or operator of systems.
type Producer struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Country string   `json:"country"`
	Note    string   `json:"note,omitempty"`
	// Listed are the ids of the listed entities the producer is
	// (ofac-sdn:39637); empty when it is to be found by name.
	Listed []string `json:"listed,omitempty"`
	Source string   `json:"source"`
}

// NetworkParty is one party of a designated procurement network.
type NetworkParty struct {
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	Listed  string `json:"listed,omitempty"`
	Role    string `json:"role,omitempty"`
	Note    string `json:"note,omitempty"`
}

// Network is a procurement network designated by the US authorities.
type Network struct {
	Date     string         `json:"date"`
	Agency   string         `json:"agency"`
	What     string         `json:"what"`
	Typology string         `json:"typology"`
	Parties  []NetworkParty `json:"parties"`
	Sources  []string       `json:"sources"`
}

// Catalogue is the loaded data; it is safe for concurrent use.
type Catalogue struct {
	systems   []*System
	byID      map[string]*System
	byName    map[string][]*System
	producers map[string]*Producer
	prodList  []*Producer
	networks  map[string]*Network
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalogue
	defaultErr  error
)

// Default returns the embedded catalogue.
func Default() (*Catalogue, error) {
	defaultOnce.Do(func() { defaultCat, defaultErr = load() })
	return defaultCat, defaultErr
}

// MustDefault returns the embedded catalogue and panics if it does not
// load (its tests make sure it does).
func MustDefault() *Catalogue {
	c, err := Default()
	if err != nil {
		panic(err)
	}
	return c
}

func load() (*Catalogue, error) {
	c := &Catalogue{byID: map[string]*System{}, byName: map[string][]*System{}, producers: map[string]*Producer{}, networks: map[string]*Network{}}
	read := func(name string, v any) error {
		b, err := data.ReadFile("data/" + name)
		if err != nil {
			return err
		}
		return json.Unmarshal(b, v)
	}
	var nets []*Network
	if err := read("systems.json", &c.systems); err != nil {
		return nil, &tripline.Error{Op: "transfer.Default", Kind: tripline.KindInternal, Msg: "the system catalogue does not load", Err: err}
	}
	if err := read("producers.json", &c.prodList); err != nil {
		return nil, &tripline.Error{Op: "transfer.Default", Kind: tripline.KindInternal, Msg: "the producers do not load", Err: err}
	}
	if err := read("networks.json", &nets); err != nil {
		return nil, &tripline.Error{Op: "transfer.Default", Kind: tripline.KindInternal, Msg: "the networks do not load", Err: err}
	}
	for _, p := range c.prodList {
		c.producers[p.ID] = p
	}
	for _, n := range nets {
		c.networks[n.Date] = n
	}
	for _, s := range c.systems {
		c.byID[s.ID] = s
		for _, d := range append([]Designation{{Name: s.Name}}, s.Designations...) {
			k := Key(d.Name)
			if !slices.Contains(c.byName[k], s) {
				c.byName[k] = append(c.byName[k], s)
			}
		}
	}
	return c, nil
}

// Key folds a designation for lookup: lower case, letters and digits
// only ("CM-90 Nasr" and "cm90nasr" are one key).
func Key(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKC.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Systems returns every system, by id.
func (c *Catalogue) Systems() []*System {
	out := slices.Clone(c.systems)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ByID returns the system with id.
func (c *Catalogue) ByID(id string) (*System, bool) {
	s, ok := c.byID[strings.ToLower(strings.TrimSpace(id))]
	return s, ok
}

// Lookup returns the systems a designation names (several for a
// homonym), of type group when group is not "" (Group).
func (c *Catalogue) Lookup(name, group string) []*System {
	var out []*System
	for _, s := range c.byName[Key(name)] {
		if group == "" || Group(s.Type) == group {
			out = append(out, s)
		}
	}
	return out
}

// FilterValues are the ids and designations a system filter matches: the
// system an id names, or every system a designation names, each with all
// its designations; text the catalogue does not know is matched as given.
// "" is no filter (nil).
func (c *Catalogue) FilterValues(v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	systems := c.Lookup(v, "")
	if sys, ok := c.ByID(v); ok {
		systems = []*System{sys}
	}
	var out []string
	for _, sys := range systems {
		out = append(out, sys.ID)
		for _, d := range sys.Designations {
			out = append(out, d.Name)
		}
	}
	if len(out) == 0 {
		out = []string{v}
	}
	return out
}

// System returns the system an id or designation names. A designation
// of several systems (a homonym) is a Conflict error naming them; an
// unknown one is NotFound.
func (c *Catalogue) System(idOrName string) (*System, error) {
	if s, ok := c.ByID(idOrName); ok {
		return s, nil
	}
	ss := c.Lookup(idOrName, "")
	switch len(ss) {
	case 0:
		return nil, tripline.Errorf(tripline.KindNotFound, "no system %q in the catalogue (tripline systems list shows them)", idOrName)
	case 1:
		return ss[0], nil
	}
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.ID+" ("+s.Type+")")
	}
	return nil, tripline.Errorf(tripline.KindConflict, "%q names %d systems: %s; give the id", idOrName, len(ss), strings.Join(ids, ", "))
}

// Producer returns the producer with id.
func (c *Catalogue) Producer(id string) (*Producer, bool) {
	p, ok := c.producers[id]
	return p, ok
}

// Producers returns every producer.
func (c *Catalogue) Producers() []*Producer { return slices.Clone(c.prodList) }

// Networks returns the designated procurement networks of s.
func (c *Catalogue) Networks(s *System) []*Network {
	var out []*Network
	for _, d := range s.Networks {
		if n, ok := c.networks[d]; ok {
			out = append(out, n)
		}
	}
	return out
}

// AllNetworks returns every network, oldest first.
func (c *Catalogue) AllNetworks() []*Network {
	var out []*Network
	for _, n := range c.networks {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// Resolve returns the system a register's designation and description
// name, or nil: the designation must name exactly one system of the
// description's type group (a "missile boat" row named "Zolfaghar" is the
// boat, never the missile).
func (c *Catalogue) Resolve(designation, description string) *System {
	group := Group(TypeOf(description))
	cands := c.Lookup(designation, "")
	if group != "" {
		cands = c.Lookup(designation, group)
	}
	if len(cands) == 1 {
		return cands[0]
	}
	return nil
}

// Link sets the System, SystemType and Producers of every transfer of
// ts whose designation the catalogue resolves, and the SystemType of the
// others from their description. A System given by the source (users'
// files) is kept when the catalogue knows it, or looked up as a
// designation.
func (c *Catalogue) Link(ts *tripline.TransferSet) {
	for _, t := range ts.Transfers {
		var s *System
		if t.System != "" {
			if got, ok := c.ByID(t.System); ok {
				s = got
			} else if got := c.Resolve(t.System, t.Description); got != nil {
				s = got
			}
		}
		if s == nil {
			s = c.Resolve(t.Designation, t.Description)
		}
		if s != nil {
			t.System, t.SystemType, t.Producers = s.ID, s.Type, slices.Clone(s.Producers)
			continue
		}
		if t.SystemType == "" {
			t.SystemType = TypeOf(t.Description)
		}
	}
}
