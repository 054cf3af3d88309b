package goods

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Suggestion is one catalogue entry a free-text description may be.
type Suggestion struct {
	// Kind is hs (a subheading or heading) or control (an Annex I entry).
	Kind        string  `json:"kind"`
	Code        string  `json:"code"`
	Description string  `json:"description"`
	Score       float64 `json:"score"`
	// Matched are the query words that matched, as the query wrote them;
	// a trade word matched through the synonyms table is written
	// "mcu→processors".
	Matched  []string `json:"matched"`
	CHPLTier string   `json:"chpl_tier,omitempty"`
	UAV      string   `json:"uav,omitempty"`
	// Hinted is true when a trade word names this subheading outright
	// (MCU → 8542.31); only hinted suggestions are used to assume a tier.
	Hinted bool `json:"hinted,omitempty"`
}

// synonym expands a trade word into the nomenclature's words and, where the
// word names one subheading unambiguously, hints at it.
type synonym struct {
	words []string
	hint  string
}

// synonyms is the small trade-word table. Hints are given only where the
// word alone identifies the subheading in HS 2022.
var synonyms = map[string]synonym{
	"mcu":             {[]string{"processor", "controller", "integrated", "circuit"}, "854231"},
	"microcontroller": {[]string{"processor", "controller", "integrated", "circuit"}, "854231"},
	"microprocessor":  {[]string{"processor", "controller", "integrated", "circuit"}, "854231"},
	"cpu":             {[]string{"processor", "integrated", "circuit"}, "854231"},
	"dsp":             {[]string{"processor", "controller", "integrated", "circuit"}, "854231"},
	"soc":             {[]string{"processor", "integrated", "circuit"}, "854231"},
	"fpga":            {[]string{"integrated", "circuit"}, "854239"},
	"cpld":            {[]string{"integrated", "circuit"}, "854239"},
	"adc":             {[]string{"integrated", "circuit", "converter"}, "854239"},
	"dac":             {[]string{"integrated", "circuit", "converter"}, "854239"},
	"asic":            {[]string{"integrated", "circuit"}, "854239"},
	"sram":            {[]string{"memory", "integrated", "circuit"}, "854232"},
	"dram":            {[]string{"memory", "integrated", "circuit"}, "854232"},
	"sdram":           {[]string{"memory", "integrated", "circuit"}, "854232"},
	"eeprom":          {[]string{"memory", "integrated", "circuit"}, "854232"},
	"opamp":           {[]string{"amplifier", "integrated", "circuit"}, "854233"},
	"ic":              {[]string{"integrated", "circuit"}, ""},
	"chip":            {[]string{"integrated", "circuit"}, ""},
	"gnss":            {[]string{"radio", "navigational", "aid"}, "852691"},
	"gps":             {[]string{"radio", "navigational", "aid"}, "852691"},
	"glonass":         {[]string{"radio", "navigational", "aid"}, "852691"},
	"galileo":         {[]string{"radio", "navigational", "aid"}, "852691"},
	"beidou":          {[]string{"radio", "navigational", "aid"}, "852691"},
	"rtk":             {[]string{"radio", "navigational", "aid"}, ""},
	"antenna":         {[]string{"aerial", "reflector"}, "852910"},
	"imu":             {[]string{"navigational", "instrument", "aeronautical"}, "901420"},
	"ahrs":            {[]string{"navigational", "instrument", "aeronautical"}, "901420"},
	"gyroscope":       {[]string{"navigational", "instrument", "gyroscopic"}, "901420"},
	"gyro":            {[]string{"navigational", "instrument", "gyroscopic"}, "901420"},
	"accelerometer":   {[]string{"instrument", "measuring"}, ""},
	"servo":           {[]string{"electric", "motor", "dc"}, "850131"},
	"servomotor":      {[]string{"electric", "motor", "dc"}, "850131"},
	"mlcc":            {[]string{"capacitor", "ceramic", "dielectric", "multilayer"}, "853224"},
	"transceiver":     {[]string{"transmission", "reception", "apparatus", "data"}, "851762"},
	"datalink":        {[]string{"transmission", "reception", "apparatus", "data"}, "851762"},
	"modem":           {[]string{"transmission", "reception", "apparatus", "data"}, "851762"},
	"pcb":             {[]string{"printed", "circuit"}, "853400"},
	"cnc":             {[]string{"numerically", "controlled"}, ""},
	"oscilloscope":    {[]string{"oscilloscope", "oscillograph"}, "903020"},
	"drone":           {[]string{"unmanned", "aircraft"}, ""},
	"uav":             {[]string{"unmanned", "aircraft"}, ""},
	"quadcopter":      {[]string{"unmanned", "aircraft"}, ""},
	"multicopter":     {[]string{"unmanned", "aircraft"}, ""},
	"lipo":            {[]string{"accumulator", "lithium", "ion"}, "850760"},
	"battery":         {[]string{"accumulator"}, ""},
	"laptop":          {[]string{"data", "processing", "machine", "portable"}, "847130"},
	"router":          {[]string{"switching", "routing", "apparatus"}, "851762"},
	"mosfet":          {[]string{"transistor"}, ""},
	"igbt":            {[]string{"transistor"}, ""},
	"lwir":            {[]string{"camera", "infrared"}, ""},
	"connector":       {[]string{"plug", "socket"}, ""},
	"dcdc":            {[]string{"static", "converter"}, "850440"},
	"engine":          {[]string{"engine"}, ""},
	"motor":           {[]string{"motor"}, ""},
}

// phraseHints name a subheading by two or more words together; they win
// over single trade words ("tantalum capacitor" over nothing, "GNSS
// antenna" stays an antenna). Keys are stemmed words joined by spaces.
var phraseHints = map[string]string{
	"tantalum capacitor":         "853221",
	"ceramic capacitor":          "853224",
	"multilayer ceramic":         "853224",
	"ball bearing":               "848210",
	"signal generator":           "854320",
	"function generator":         "854320",
	"printed circuit":            "853400",
	"machining centre":           "845710",
	"machining center":           "845710",
	"thermal camera":             "852589",
	"infrared camera":            "852589",
	"thermal imaging":            "852589",
	"power supply":               "850440",
	"aircraft engine":            "840710",
	"aero engine":                "840710",
	"aircraft piston":            "840710",
	"network switch":             "851762",
	"ethernet switch":            "851762",
	"rf module":                  "851762",
	"radio module":               "851762",
	"inertial measurement":       "901420",
	"inertial navigation":        "901420",
	"radio control":              "852692",
	"lithium ion":                "850760",
	"semiconductor test":         "903082",
	"unmanned aerial":            "880730",
	"milling machine":            "845961",
	"stepper motor":              "850131",
	"brushless motor":            "850131",
	"field programmable":         "854239",
	"digital signal processor":   "854231",
	"signal controller":          "854231",
	"nor flash":                  "854232",
	"nand flash":                 "854232",
	"serial flash":               "854232",
	"amplifier ic":               "854233",
	"instrumentation amplifier":  "854233",
	"operational amplifier":      "854233",
	"analog digital converter":   "854239",
	"analogue digital converter": "854239",
	"digital analog converter":   "854239",
	"cnc lathe":                  "845811",
	"horizontal lathe":           "845811",
	"lwir camera":                "852589",
	"power converter":            "850440",
}

// stopwords are dropped from descriptions and queries.
var stopwords = map[string]bool{
	"a": true, "an": true, "and": true, "or": true, "of": true, "the": true, "for": true, "with": true,
	"in": true, "on": true, "to": true, "by": true, "other": true, "than": true, "not": true, "nec": true,
	"whether": true, "kind": true, "used": true, "use": true, "as": true, "its": true, "their": true,
	"item": true, "heading": true, "no": true, "chapter": true, "n": true, "e": true, "c": true, "excluding": true,
	"including": true, "incl": true, "thereof": true, "therefor": true, "following": true, "follows": true,
	"be": true, "is": true, "are": true, "x": true, "part": true, "type": true, "pcs": true, "set": true,
}

// stem is a light English stemmer: plurals and a few suffixes.
func stem(w string) string {
	switch {
	case len(w) > 5 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes")):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}

// token is one word of a text with its stem.
type token struct {
	raw, stem string
}

func tokenize(s string) []token {
	s = strings.ToLower(s)
	// Join a few split trade words before tokenising.
	for _, r := range [][2]string{{"dc-dc", "dcdc"}, {"dc/dc", "dcdc"}, {"data link", "datalink"}, {"data-link", "datalink"}, {"op-amp", "opamp"}, {"li-po", "lipo"}, {"servo motor", "servomotor"}, {"servo-motor", "servomotor"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	var out []token
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if stopwords[f] || len(f) < 2 {
			continue
		}
		if strings.IndexFunc(f, unicode.IsLetter) < 0 {
			continue // bare numbers (sizes, voltages) say nothing about the kind of goods
		}
		out = append(out, token{raw: f, stem: stem(f)})
	}
	return out
}

type doc struct {
	kind, code, text string
	n                int // distinct terms
}

type posting struct {
	doc int
	tf  float32
}

// index is an inverted index over HS headings and subheadings and Annex I
// provisions.
type index struct {
	docs  []doc
	post  map[string][]posting
	idf   map[string]float64
	byHS6 map[string]int
}

func buildIndex(c *Catalogue) *index {
	ix := &index{post: map[string][]posting{}, idf: map[string]float64{}, byHS6: map[string]int{}}
	add := func(kind, code, text string) {
		terms := map[string]int{}
		for _, t := range tokenize(text) {
			terms[t.stem]++
		}
		id := len(ix.docs)
		ix.docs = append(ix.docs, doc{kind: kind, code: code, text: text, n: len(terms)})
		for t, n := range terms {
			ix.post[t] = append(ix.post[t], posting{doc: id, tf: float32(n)})
		}
	}
	var codes []string
	for code := range c.codes {
		if len(code) >= 4 {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	for _, code := range codes {
		if len(code) == 6 {
			ix.byHS6[code] = len(ix.docs)
		}
		add(KindHS, code, c.codes[code].Description)
	}
	var ctl []string
	for n := range c.controls {
		ctl = append(ctl, n)
	}
	sort.Strings(ctl)
	for _, n := range ctl {
		add(KindControl, n, c.controls[n].Text)
	}
	total := float64(len(ix.docs))
	for t, ps := range ix.post {
		ix.idf[t] = math.Log(1 + total/float64(len(ps)))
	}
	return ix
}

// Search ranks catalogue entries for a free-text description and returns
// at most limit suggestions, best first, with the words that matched.
func (c *Catalogue) Search(text string, limit int) []Suggestion {
	ix := c.idx
	toks := tokenize(text)
	if len(toks) == 0 || limit <= 0 {
		return nil
	}
	type qterm struct {
		stem, label string
		weight      float64
	}
	var q []qterm
	seen := map[string]bool{}
	hint, hintWord := "", ""
	for _, t := range toks {
		if !seen[t.stem] {
			seen[t.stem] = true
			q = append(q, qterm{t.stem, t.raw, 1})
		}
		if syn, ok := synonyms[t.stem]; ok {
			for _, w := range syn.words {
				s := stem(w)
				if !seen[s] {
					seen[s] = true
					q = append(q, qterm{s, t.raw + "→" + w, 0.7})
				}
			}
			if syn.hint != "" {
				// The last hinted word wins: in "GNSS patch antenna" the
				// head noun comes last.
				hint, hintWord = syn.hint, t.raw
			}
		}
	}
	// A phrase names its subheading more surely than any single word.
	stems := make([]string, len(toks))
	for i, t := range toks {
		stems[i] = t.stem
	}
	if h, w := phraseHint(stems); h != "" {
		hint, hintWord = h, w
	}
	var qIDF float64
	for _, t := range q {
		if t.weight == 1 {
			if idf, ok := ix.idf[t.stem]; ok {
				qIDF += idf
			} else {
				qIDF += 1
			}
		}
	}
	scores := map[int]float64{}
	matched := map[int][]string{}
	for _, t := range q {
		idf := ix.idf[t.stem]
		for _, p := range ix.post[t.stem] {
			scores[p.doc] += t.weight * idf
			matched[p.doc] = append(matched[p.doc], t.label)
		}
	}
	out := make([]Suggestion, 0, len(scores))
	for id, s := range scores {
		d := ix.docs[id]
		// Reward covering the query; penalise long generic texts a little.
		score := s / (qIDF + 1) / (1 + 0.01*float64(d.n))
		out = append(out, c.suggestion(d, score, matched[id]))
	}
	if hint != "" {
		found := false
		for i := range out {
			if out[i].Kind == KindHS && NormalizeHS(out[i].Code) == hint {
				out[i].Score += 1
				out[i].Hinted = true
				out[i].Matched = append(out[i].Matched, hintWord+"→"+Dotted(hint))
				found = true
			}
		}
		if !found {
			if id, ok := ix.byHS6[hint]; ok {
				s := c.suggestion(ix.docs[id], 1, []string{hintWord + "→" + Dotted(hint)})
				s.Hinted = true
				out = append(out, s)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Code < out[j].Code
	})
	if len(out) > limit {
		out = out[:limit]
	}
	for i := range out {
		out[i].Score = math.Round(out[i].Score*1000) / 1000
	}
	return out
}

func (c *Catalogue) suggestion(d doc, score float64, matched []string) Suggestion {
	s := Suggestion{Kind: d.kind, Code: d.code, Description: d.text, Score: score, Matched: matched}
	if d.kind == KindHS {
		s.Code = Dotted(d.code)
		if e, ok := c.chpl[d.code]; ok {
			s.CHPLTier = e.Tier
		}
		if e, ok := c.uav[d.code]; ok {
			s.UAV = e.Category
		}
	}
	return s
}

// hasHint reports whether a description holds a trade word that names a
// subheading outright; only then can a description alone give a code.
func hasHint(text string) bool {
	toks := tokenize(text)
	stems := make([]string, len(toks))
	for i, t := range toks {
		if synonyms[t.stem].hint != "" {
			return true
		}
		stems[i] = t.stem
	}
	h, _ := phraseHint(stems)
	return h != ""
}

// phraseHint finds the last phrase of phraseHints in stems: three words in
// a row, two in a row, or two with one word between ("tantalum chip
// capacitor").
func phraseHint(stems []string) (hint, phrase string) {
	for i := range stems {
		for _, p := range [][]string{stems[i:min(i+2, len(stems))], stems[i:min(i+3, len(stems))]} {
			if len(p) >= 2 {
				if h, ok := phraseHints[strings.Join(p, " ")]; ok {
					hint, phrase = h, strings.Join(p, " ")
				}
			}
		}
		if i+2 < len(stems) {
			if h, ok := phraseHints[stems[i]+" "+stems[i+2]]; ok && hint == "" {
				hint, phrase = h, stems[i]+" "+stems[i+2]
			}
		}
	}
	return hint, phrase
}
