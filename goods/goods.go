// Package goods is Tripline's dual-use goods catalogue: the HS 2022
// nomenclature, the Common High Priority List (CHPL) with its tiers, the
// Iran-UAV key commodity codes, the EU Regulation 2021/821 Annex I control
// entries and a watch list of part numbers documented in recovered weapons.
//
// It classifies goods by HS code (4, 6 or 8+ digits), by control number
// (EU entry or ECCN such as 3A001.a.2), by part number, and by free-text
// description (ranked suggestions with the words that matched). The data
// ships embedded (goods/data, see PROVENANCE.md there) and is regenerated
// from ../shared/data/dualuse by `go generate ./goods`.
//
// The package is pure: it does no I/O beyond reading the fs.FS it is given.
package goods

//go:generate go run ./internal/gen -shared ../../shared/data/dualuse -out data

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/tripline/tripline"
)

//go:embed data/*.tsv
var embedded embed.FS

// Code is one HS 2022 chapter (2 digits), heading (4) or subheading (6).
type Code struct {
	// Code is the digits without dots ("854231").
	Code        string `json:"code"`
	Section     string `json:"section,omitempty"`
	Description string `json:"description"`
}

// Dotted returns the code as usually written: "8542.31", "8542", "85".
func (c Code) Dotted() string { return Dotted(c.Code) }

// Level is 2, 4 or 6, the number of digits.
func (c Code) Level() int { return len(c.Code) }

// Dotted writes a 6-digit HS code as "8542.31"; other lengths are returned
// as they are.
func Dotted(code string) string {
	if len(code) == 6 {
		return code[:4] + "." + code[4:]
	}
	return code
}

// CHPLEntry is one Common High Priority List code.
type CHPLEntry struct {
	HS6        string `json:"hs6"`
	Tier       string `json:"tier"`
	Definition string `json:"tier_definition"`
	Note       string `json:"note,omitempty"`
}

// UAVEntry is one Iran-UAV key commodity HS code (a derived mapping of the
// 2023-06-09 interagency guidance).
type UAVEntry struct {
	HS6      string `json:"hs6"`
	Category string `json:"category"`
	Examples string `json:"examples"`
}

// Control is one EU Annex I provision (an entry or a sub-item of it).
type Control struct {
	// Number is the control number ("3A001", "3A001.a.2").
	Number string `json:"number"`
	Text   string `json:"text"`
	// Regime is the export-control regime the entry comes from, inferred
	// from the third character (Wassenaar, MTCR, NSG, Australia Group,
	// CWC, EU).
	Regime string `json:"regime,omitempty"`
}

// Part is a part number or model documented in recovered weapons.
type Part struct {
	Part        string `json:"part"`
	HS6         string `json:"hs6"`
	Description string `json:"description"`
	Platform    string `json:"platform"`
	Source      string `json:"source"`
	URL         string `json:"source_url"`
	Confidence  string `json:"confidence"`
	key         string
}

// Catalogue is the loaded goods data; it is safe for concurrent use.
type Catalogue struct {
	// Version identifies the data: the list versions and a content hash.
	Version string

	codes     map[string]*Code
	chpl      map[string]*CHPLEntry
	uav       map[string]*UAVEntry
	controls  map[string]*Control
	parts     []*Part
	families  []*partFamily
	groups    map[string]map[string]string // group -> code -> note
	groupList map[string][]string
	idx       *index
	fileNames []string
}

// HandMaintained are the data files the generator does not write; a
// refreshed catalogue directory takes them from the built-in data.
var HandMaintained = []string{"partfamilies.tsv"}

// DataFile returns a built-in data file by name ("chpl.tsv").
func DataFile(name string) ([]byte, error) {
	b, err := embedded.ReadFile("data/" + name)
	if err != nil {
		return nil, tripline.Errorf(tripline.KindNotFound, "no catalogue file %s", name)
	}
	return b, nil
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalogue
	defaultErr  error
)

// Default returns the catalogue built from the embedded data.
func Default() (*Catalogue, error) {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "data")
		if err != nil {
			defaultErr = err
			return
		}
		defaultCat, defaultErr = Load(sub)
	})
	return defaultCat, defaultErr
}

// Load reads a catalogue from the six data files at the root of fsys (the
// layout of goods/data).
func Load(fsys fs.FS) (*Catalogue, error) {
	c := &Catalogue{
		codes:    map[string]*Code{},
		chpl:     map[string]*CHPLEntry{},
		uav:      map[string]*UAVEntry{},
		controls: map[string]*Control{},
		groups:   map[string]map[string]string{},
	}
	h := sha256.New()
	var famErr error
	files := []struct {
		name string
		cols int
		fn   func([]string)
	}{
		{"hs.tsv", 3, func(f []string) {
			c.codes[f[0]] = &Code{Code: f[0], Section: f[1], Description: f[2]}
		}},
		{"chpl.tsv", 4, func(f []string) {
			c.chpl[f[0]] = &CHPLEntry{HS6: f[0], Tier: f[1], Definition: f[2], Note: f[3]}
		}},
		{"uav.tsv", 3, func(f []string) {
			c.uav[f[0]] = &UAVEntry{HS6: f[0], Category: f[1], Examples: f[2]}
		}},
		{"annex1.tsv", 2, func(f []string) {
			c.controls[f[0]] = &Control{Number: f[0], Text: f[1], Regime: regime(f[0])}
		}},
		{"parts.tsv", 7, func(f []string) {
			c.parts = append(c.parts, &Part{Part: f[0], HS6: f[1], Description: f[2], Platform: f[3],
				Source: f[4], URL: f[5], Confidence: f[6], key: NormalizePart(f[0])})
		}},
		{"partfamilies.tsv", 4, func(f []string) {
			fam, err := newPartFamily(f)
			if err != nil {
				famErr = err
				return
			}
			c.families = append(c.families, fam)
		}},
		{"countries.tsv", 3, func(f []string) {
			g := c.groups[f[0]]
			if g == nil {
				g = map[string]string{}
				c.groups[f[0]] = g
			}
			g[strings.ToUpper(f[1])] = f[2]
		}},
	}
	for _, file := range files {
		if err := readTSV(fsys, file.name, file.cols, h, file.fn); err != nil {
			return nil, err
		}
		c.fileNames = append(c.fileNames, file.name)
		if famErr != nil {
			return nil, &tripline.Error{Op: "goods.Load", Kind: tripline.KindInvalid, Msg: file.name + ": " + famErr.Error()}
		}
	}
	if len(c.codes) == 0 || len(c.chpl) == 0 {
		return nil, tripline.Errorf(tripline.KindInvalid, "goods: catalogue data is empty")
	}
	c.Version = "hs2022+chpl-2024-02-23+eu2021/821-20251115+" + hex.EncodeToString(h.Sum(nil))[:12]
	c.idx = buildIndex(c)
	c.groupList = map[string][]string{}
	for g, codes := range c.groups {
		for code := range codes {
			c.groupList[g] = append(c.groupList[g], code)
		}
		sort.Strings(c.groupList[g])
	}
	return c, nil
}

func readTSV(fsys fs.FS, name string, cols int, h interface{ Write([]byte) (int, error) }, fn func([]string)) error {
	f, err := fsys.Open(name)
	if err != nil {
		return &tripline.Error{Op: "goods.Load", Kind: tripline.KindInvalid, Msg: "cannot open catalogue file " + name, Err: err}
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		h.Write([]byte(text))
		h.Write([]byte{'\n'})
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) < cols {
			return tripline.ParseErrorf(name, line, "want %d tab-separated fields, got %d", cols, len(fields))
		}
		fn(fields)
	}
	if err := sc.Err(); err != nil {
		return &tripline.Error{Op: "goods.Load", Kind: tripline.KindInvalid, Msg: "cannot read catalogue file " + name, Err: err}
	}
	return nil
}

func regime(number string) string {
	if len(number) < 3 {
		return ""
	}
	if number[0] == '0' {
		return "NSG (Trigger List)"
	}
	switch number[2] {
	case '0':
		return "Wassenaar Arrangement"
	case '1':
		return "MTCR"
	case '2':
		return "NSG"
	case '3':
		return "Australia Group"
	case '4':
		return "CWC"
	case '5':
		return "EU"
	}
	return ""
}

// HS returns the chapter, heading or subheading with exactly these digits.
func (c *Catalogue) HS(digits string) (*Code, bool) {
	code, ok := c.codes[digits]
	return code, ok
}

// CHPL returns the CHPL entry of a 6-digit code, if it is on the list.
func (c *Catalogue) CHPL(hs6 string) (*CHPLEntry, bool) {
	e, ok := c.chpl[hs6]
	return e, ok
}

// UAV returns the Iran-UAV key-commodity entry of a 6-digit code.
func (c *Catalogue) UAV(hs6 string) (*UAVEntry, bool) {
	e, ok := c.uav[hs6]
	return e, ok
}

// CHPLEntries returns the CHPL, ordered by code.
func (c *Catalogue) CHPLEntries() []CHPLEntry {
	out := make([]CHPLEntry, 0, len(c.chpl))
	for _, e := range c.chpl {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].HS6 < out[j].HS6 })
	return out
}

// Countries returns the codes of a country group ("hub", "embargoed"),
// sorted.
func (c *Catalogue) Countries(group string) []string {
	return append([]string(nil), c.groupList[group]...)
}

// InGroup reports whether the ISO alpha-2 country is in the group.
func (c *Catalogue) InGroup(group, country string) bool {
	_, ok := c.groups[group][strings.ToUpper(strings.TrimSpace(country))]
	return ok
}

// Counts reports how many entries of each kind the catalogue holds.
func (c *Catalogue) Counts() map[string]int {
	n := map[string]int{"chpl": len(c.chpl), "uav": len(c.uav), "annex1": len(c.controls), "parts": len(c.parts)}
	for code := range c.codes {
		n[fmt.Sprintf("hs%d", len(code))]++
	}
	return n
}
