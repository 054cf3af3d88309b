// Package gen rebuilds the goods catalogue data files in goods/data from the
// research tables in ../shared/data/dualuse (see PROVENANCE.txt there).
//
// It writes compact tab-separated files, each starting with "#" comment
// lines that name its source and licence:
//
//	hs.tsv         HS 2022 chapters, headings and subheadings (PDDL)
//	chpl.tsv       the Common High Priority List, 50 HS-6 codes with tiers
//	uav.tsv        Iran-UAV key commodity categories mapped to HS-6 (derived)
//	annex1.tsv     EU Regulation 2021/821 Annex I control entries, provision
//	               lines only (notes dropped, long texts cut)
//	parts.tsv      part numbers documented in recovered Iranian UAVs
//	countries.tsv  country groups: embargoed destinations, transshipment hubs
//
// Run it with `go generate ./goods` (goods/internal/gen is the command) or
// `tripline goods update --shared DIR --out DIR`.
//
// The SIPRI register is never read or shipped.
package gen

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/tripline/tripline/internal/country"
)

// Files are the names of the generated files.
var Files = []string{"hs.tsv", "chpl.tsv", "uav.tsv", "annex1.tsv", "parts.tsv", "countries.tsv"}

// Run regenerates every catalogue file in out from the research tables in
// shared (a copy of ../shared/data/dualuse). Nothing is written unless
// every file could be built.
func Run(shared, out string) error {
	steps := []struct {
		name string
		fn   func(shared string, w io.Writer) error
	}{
		{"hs.tsv", genHS},
		{"chpl.tsv", genCHPL},
		{"uav.tsv", genUAV},
		{"annex1.tsv", genAnnex},
		{"parts.tsv", genParts},
		{"countries.tsv", genCountries},
	}
	built := map[string]string{}
	for _, s := range steps {
		var b strings.Builder
		if err := s.fn(shared, &b); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		built[s.name] = b.String()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, s := range steps {
		if err := os.WriteFile(filepath.Join(out, s.name), []byte(built[s.name]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	head := recs[0]
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	var rows []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range head {
			if i < len(rec) {
				m[h] = strings.TrimSpace(rec[i])
			}
		}
		rows = append(rows, m)
	}
	return rows, nil
}

// clean makes s safe for one TSV cell.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func row(w io.Writer, cells ...string) {
	for i := range cells {
		cells[i] = clean(cells[i])
	}
	fmt.Fprintln(w, strings.Join(cells, "\t"))
}

func genHS(shared string, w io.Writer) error {
	rows, err := readCSV(filepath.Join(shared, "hs2022_harmonized_system.csv"))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "# HS 2022 nomenclature (WCO Harmonized System), chapters, headings and subheadings.")
	fmt.Fprintln(w, "# Source: github.com/datasets/harmonized-system data/harmonized-system.csv @905e5a0f (data from UN Comtrade).")
	fmt.Fprintln(w, "# Licence: ODC Public Domain Dedication and License (PDDL) 1.0.")
	fmt.Fprintln(w, "# code\tsection\tdescription")
	n := 0
	for _, r := range rows {
		code := r["hscode"]
		if code == "" || code == "TOTAL" || strings.Trim(code, "0123456789") != "" {
			continue
		}
		if l := len(code); l != 2 && l != 4 && l != 6 {
			continue
		}
		row(w, code, r["section"], r["description"])
		n++
	}
	if n < 6000 {
		return fmt.Errorf("only %d codes read", n)
	}
	return nil
}

func genCHPL(shared string, w io.Writer) error {
	rows, err := readCSV(filepath.Join(shared, "chpl_common_high_priority_list_2024-02-23.csv"))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "# Common High Priority List (BIS / EU / UK / Japan), version 2024-02-23: 50 HS-6 codes in tiers.")
	fmt.Fprintln(w, "# Source: https://www.bis.gov/licensing/country-guidance/common-high-priority-items-list-chpl (EU: Reg. 833/2014 Annex XL).")
	fmt.Fprintln(w, "# Facts (codes and tiers) compiled from the official page; public domain (US government work).")
	fmt.Fprintln(w, "# hs6\ttier\ttier_definition\tnote")
	for _, r := range rows {
		if len(r["hs6"]) != 6 || r["tier"] == "" {
			return fmt.Errorf("bad row %v", r)
		}
		row(w, r["hs6"], r["tier"], r["tier_definition"], r["uav_relevance_note"])
	}
	if len(rows) != 50 {
		return fmt.Errorf("%d CHPL rows, want 50", len(rows))
	}
	return nil
}

func genUAV(shared string, w io.Writer) error {
	rows, err := readCSV(filepath.Join(shared, "iran_uav_key_items_hs_mapping.csv"))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "# Iran-UAV key commodity categories mapped to HS-6 codes. DERIVED mapping, not an official list.")
	fmt.Fprintln(w, "# Categories: US interagency 'Guidance to Industry on Iran's UAV-Related Activities' (2023-06-09), https://www.bis.gov/node/7008.")
	fmt.Fprintln(w, "# Official HS-coded lists: BIS Supp. 7 to Part 746, EU Reg. 2023/1529 Annex II, UK SI 2023/1314 Sch. 4.")
	fmt.Fprintln(w, "# hs6\tcategory\titem_examples")
	for _, r := range rows {
		if len(r["hs6"]) != 6 {
			return fmt.Errorf("bad row %v", r)
		}
		row(w, r["hs6"], r["advisory_category"], r["item_examples"])
	}
	return nil
}

// annexCode is the control number that starts a provision line.
var annexCode = regexp.MustCompile(`^([0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*)\.?\s+(.*)$`)

func genAnnex(shared string, w io.Writer) error {
	data, err := os.ReadFile(filepath.Join(shared, "eu_2021_821_annex1_consolidated_20251115.json"))
	if err != nil {
		return err
	}
	var doc struct {
		Celex       string `json:"celex"`
		ValidFrom   string `json:"valid_from"`
		SourceURL   string `json:"source_url"`
		Attribution string `json:"attribution"`
		Entries     []struct {
			Code string `json:"entry_code"`
			Text string `json:"verbatim_text"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return err
	}
	fmt.Fprintf(w, "# Regulation (EU) 2021/821 Annex I, consolidated %s valid from %s (%s).\n", doc.Celex, doc.ValidFrom, doc.SourceURL)
	fmt.Fprintln(w, "# Provision lines only, at most three levels deep; notes dropped and texts cut at 300 characters.")
	fmt.Fprintln(w, "# "+clean(doc.Attribution))
	fmt.Fprintln(w, "# control_number\ttext")
	seen := map[string]bool{}
	n := 0
	for _, e := range doc.Entries {
		for _, line := range strings.Split(e.Text, "\n") {
			m := annexCode.FindStringSubmatch(strings.TrimSpace(line))
			if m == nil {
				continue
			}
			code, text := m[1], m[2]
			if seen[code] || strings.Count(code, ".") > 2 {
				continue
			}
			low := strings.ToLower(text)
			if strings.HasPrefix(low, "note") || strings.HasPrefix(low, "technical note") || strings.HasPrefix(low, "n.b") ||
				strings.HasPrefix(low, "nota") || strings.HasPrefix(low, "notes") {
				continue
			}
			seen[code] = true
			if r := []rune(text); len(r) > 300 {
				text = string(r[:297]) + "..."
			}
			row(w, code, text)
			n++
		}
	}
	if n < 384 {
		return fmt.Errorf("only %d Annex I lines", n)
	}
	return nil
}

// watchParts are the part numbers (or engine models) named in the findings
// table; each must appear in the table, which gives its source.
var watchParts = []struct {
	part, find, hs6, what string
}{
	{"STM32F765VIT6", "STM32F765VIT6", "854231", "STMicroelectronics 32-bit MCU"},
	{"TMS320F28335", "TMS320F28335", "854231", "Texas Instruments digital signal controller (exact part unverified)"},
	{"ROTAX 912", "Rotax 912iS", "840710", "BRP-Rotax 912 aircraft piston engine family"},
	{"ROTAX 914", "Rotax 914", "840710", "BRP-Rotax 914 aircraft piston engine family"},
	{"L550E", "L550E", "840710", "Limbach L550E two-stroke aircraft engine"},
	{"MD550", "MD550", "840710", "Mado MD550 engine (Iranian copy of Limbach L550E)"},
	{"MDR-208", "MDR-208", "840710", "Beijing Micropilot MDR-208 rotary engine"},
	{"AR741", "AR741", "840710", "UAV Engines Ltd AR741 rotary engine"},
}

func genParts(shared string, w io.Writer) error {
	rows, err := readCSV(filepath.Join(shared, "iran_uav_component_findings.csv"))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "# Part numbers and engine models documented in recovered Iranian UAVs; each row cites its source.")
	fmt.Fprintln(w, "# A hit is a review lead, not proof of diversion. Compiled facts; see goods/data/PROVENANCE.md.")
	fmt.Fprintln(w, "# part\ths6\tdescription\tplatform\tsource\tsource_url\tconfidence")
	for _, p := range watchParts {
		found := false
		for _, r := range rows {
			if strings.Contains(r["item_or_manufacturer"]+" "+r["origin"]+" "+r["finding"], p.find) {
				row(w, p.part, p.hs6, p.what, r["platform"], r["source"], r["source_url"], r["confidence"])
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("part %s not in the findings table", p.part)
		}
	}
	return nil
}

// embargoed are the destinations under comprehensive or near-comprehensive
// US/EU export restrictions that the rules treat as embargoed.
var embargoed = []struct{ code, note string }{
	{"IR", "Iran: EAR Country Group E:1; EU Reg. 267/2012"},
	{"KP", "North Korea: EAR Country Group E:1; UN Res. 1718"},
	{"SY", "Syria: EAR Country Group E:1"},
	{"CU", "Cuba: EAR Country Group E:2"},
	{"RU", "Russia: EAR Part 746 Supp. 2-7 restrictions; EU Reg. 833/2014"},
	{"BY", "Belarus: EAR Part 746 restrictions; EU Reg. 765/2006"},
	{"VE", "Venezuela: EAR military end-use/user rule (Part 744.21); EU arms embargo"},
}

// embargoedRegions are regions under comprehensive sanctions inside a
// country that is not (names as they appear in addresses, folded to lower
// case; several spellings).
var embargoedRegions = []struct{ name, note string }{
	{"crimea", "Crimea region of Ukraine: US EO 13685; EU Reg. 692/2014"},
	{"krym", "Crimea (Krym): US EO 13685; EU Reg. 692/2014"},
	{"sevastopol", "Sevastopol (Crimea): US EO 13685; EU Reg. 692/2014"},
	{"simferopol", "Simferopol (Crimea): US EO 13685; EU Reg. 692/2014"},
	{"donetsk", "so-called Donetsk People's Republic: US EO 14065; EU Reg. 2022/263"},
	{"luhansk", "so-called Luhansk People's Republic: US EO 14065; EU Reg. 2022/263"},
	{"lugansk", "so-called Luhansk People's Republic: US EO 14065; EU Reg. 2022/263"},
}

func genCountries(shared string, w io.Writer) error {
	rows, err := readCSV(filepath.Join(shared, "transshipment_points_bis_fincen.csv"))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "# Country groups used by the red-flag rules (ISO 3166-1 alpha-2).")
	fmt.Fprintln(w, "# hub: common transshipment points, FinCEN/BIS alert FIN-2022-Alert003 (2022-06-28; membership partly recalled, verify)")
	fmt.Fprintln(w, "#      and Tri-seal compliance note (2023-03-02); MY and ID from OFAC Iran-UAV designations (2023-12-19).")
	fmt.Fprintln(w, "# embargoed: comprehensive or near-comprehensive US/EU restrictions.")
	fmt.Fprintln(w, "# embargoed_region: sanctioned regions, matched as words of an address.")
	fmt.Fprintln(w, "# group\tcode\tnote")
	var hubs []string
	notes := map[string]string{}
	for _, r := range rows {
		c := country.Code(r["country"])
		if c == "" {
			return fmt.Errorf("unknown country %q", r["country"])
		}
		hubs = append(hubs, c)
		notes[c] = r["country"] + ": " + r["listed_in"]
	}
	for _, c := range []struct{ code, note string }{
		{"MY", "Malaysia: OFAC Iran-UAV network designations 2023-12-19"},
		{"ID", "Indonesia: OFAC Iran-UAV network designations 2023-12-19"},
	} {
		if notes[c.code] == "" {
			hubs = append(hubs, c.code)
			notes[c.code] = c.note
		}
	}
	sort.Strings(hubs)
	for _, c := range hubs {
		row(w, "hub", c, notes[c])
	}
	for _, e := range embargoed {
		row(w, "embargoed", e.code, e.note)
	}
	for _, r := range embargoedRegions {
		row(w, "embargoed_region", r.name, r.note)
	}
	return nil
}
