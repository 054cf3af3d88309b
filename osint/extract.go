package osint

import (
	"context"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/transfer"
)

// Extractor extracts systems, listed parties, countries, dates and
// transfer claims from articles. It is safe for concurrent use.
type Extractor struct {
	cat   *transfer.Catalogue
	sc    tripline.Screener
	names *Names
	gaz   *gazetteer
	// register rows by catalogue system and by designation key, for the
	// links of mentions and claims.
	bySystem map[string][]tripline.Transfer
	byDesig  map[string][]tripline.Transfer
	cache    screenCache
	// Now is the retrieval time of articles; tests may set it.
	Now func() time.Time
	// Observers are told after Ingest stored new articles (the watch
	// evaluator fires the watches their claims concern).
	Observers []tripline.FactObserver
}

// NewExtractor returns an extractor over the catalogue, the screening
// index and its names (both may be nil: no party mentions), and the
// register's current rows (for links; may be empty).
func NewExtractor(cat *transfer.Catalogue, sc tripline.Screener, nm *Names, register []tripline.Transfer) *Extractor {
	x := &Extractor{cat: cat, sc: sc, names: nm, bySystem: map[string][]tripline.Transfer{}, byDesig: map[string][]tripline.Transfer{}, Now: time.Now}
	var desigs []string
	seen := map[string]bool{}
	for _, t := range register {
		if t.System != "" {
			x.bySystem[t.System] = append(x.bySystem[t.System], t)
			continue
		}
		k := transfer.Key(t.Designation)
		x.byDesig[k] = append(x.byDesig[k], t)
		if !seen[t.Designation] {
			seen[t.Designation] = true
			desigs = append(desigs, t.Designation)
		}
	}
	x.gaz = newGazetteer(cat, desigs)
	return x
}

// rows returns the register rows of a system or designation.
func (x *Extractor) rows(system, designation string) []tripline.Transfer {
	if system != "" {
		return x.bySystem[system]
	}
	return x.byDesig[transfer.Key(designation)]
}

// maxLinks caps the register rows linked to one mention.
const maxLinks = 10

// Extract reads one article.
func (x *Extractor) Extract(ctx context.Context, in *Doc) (*tripline.Article, error) {
	d := tokenize(in.Text)
	a := &tripline.Article{ID: ArticleID(in.Text), URL: in.URL, File: in.File, Title: in.Title, Author: in.Author, PublishedAt: in.PublishedAt,
		RetrievedAt: x.Now().UTC(), Format: in.Format, Text: in.Text, TextSHA256: TextHash(in.Text), Chars: len([]rune(in.Text)),
		Systems: []tripline.SystemMention{}, Mentions: []tripline.Mention{}, Countries: []tripline.CountryMention{},
		Dates: []tripline.DateMention{}, Transfers: []tripline.ArticleTransfer{}}
	a.Dates = append(a.Dates, dates(in.Text, in.PublishedAt)...)
	a.Countries = append(a.Countries, countries(d)...)
	a.Systems = append(a.Systems, systemMentions(d, x.gaz)...)
	sortSystems(a.Systems)
	for i, m := range a.Systems {
		for _, t := range x.rows(m.System, m.Designation) {
			if len(a.Systems[i].Transfers) == maxLinks {
				break
			}
			a.Systems[i].Transfers = append(a.Systems[i].Transfers, t.ID)
		}
		if m.Designation != "" && m.Type == "" {
			if rs := x.rows("", m.Designation); len(rs) > 0 {
				a.Systems[i].Type = rs[0].SystemType
			}
		}
	}
	if x.names != nil && x.sc != nil {
		skip := func(start, end int) bool {
			for _, m := range a.Systems {
				if start < m.End && m.Start < end {
					return true
				}
			}
			for _, c := range a.Countries {
				if c.Start <= start && end <= c.End {
					return true
				}
			}
			return end-start > 200
		}
		ms, err := mentions(ctx, x.sc, &x.cache, d, x.names.spans(d, skip))
		if err != nil {
			return nil, err
		}
		a.Mentions = append(a.Mentions, ms...)
	}
	// Claims, sentence by sentence.
	bySent := map[int]*claimInput{}
	get := func(b int) *claimInput {
		s := d.sentOf(b)
		if bySent[s] == nil {
			bySent[s] = &claimInput{sent: s}
		}
		return bySent[s]
	}
	for _, m := range a.Systems {
		if m.System != "" || m.Designation != "" {
			in := get(m.Start)
			in.systems = append(in.systems, m)
		}
	}
	for _, c := range a.Countries {
		in := get(c.Start)
		in.countries = append(in.countries, c)
	}
	for _, dm := range a.Dates {
		in := get(dm.Start)
		in.dates = append(in.dates, dm)
	}
	var sents []int
	for s := range bySent {
		sents = append(sents, s)
	}
	sort.Ints(sents)
	for _, s := range sents {
		in := bySent[s]
		in.prior = map[string]tripline.SystemMention{}
		for _, m := range a.Systems {
			if m.End <= d.sents[s].start && m.System != "" {
				in.prior[transfer.Group(m.Type)] = m
			}
		}
		for _, t := range claims(d, x.cat, *in) {
			t.Transfers = x.corroborate(t)
			a.Transfers = append(a.Transfers, t)
		}
	}
	// Offsets in characters.
	for i := range a.Systems {
		a.Systems[i].Start, a.Systems[i].End = d.chars(a.Systems[i].Start), d.chars(a.Systems[i].End)
	}
	for i := range a.Mentions {
		a.Mentions[i].Start, a.Mentions[i].End = d.chars(a.Mentions[i].Start), d.chars(a.Mentions[i].End)
	}
	for i := range a.Countries {
		a.Countries[i].Start, a.Countries[i].End = d.chars(a.Countries[i].Start), d.chars(a.Countries[i].End)
	}
	for i := range a.Dates {
		a.Dates[i].Start, a.Dates[i].End = d.chars(a.Dates[i].Start), d.chars(a.Dates[i].End)
	}
	for i := range a.Transfers {
		a.Transfers[i].Start, a.Transfers[i].End = d.chars(a.Transfers[i].Start), d.chars(a.Transfers[i].End)
	}
	a.Signature = Signature(in.Text)
	return a, nil
}

// corroborate returns the register rows of the claim's dyad and system
// (or of its kind of weapon), within two years of its date when it has
// one.
func (x *Extractor) corroborate(t tripline.ArticleTransfer) []string {
	year := 0
	if len(t.Date) >= 4 {
		year, _ = strconv.Atoi(t.Date[:4])
	}
	var cands []tripline.Transfer
	if t.System != "" || t.Designation != "" {
		cands = x.rows(t.System, t.Designation)
	} else {
		for _, rs := range x.bySystem {
			cands = append(cands, rs...)
		}
		for _, rs := range x.byDesig {
			cands = append(cands, rs...)
		}
	}
	var out []string
	for _, r := range cands {
		if r.Supplier.Key() != t.Supplier.Key() || r.Recipient.Key() != t.Recipient.Key() {
			continue
		}
		if t.System == "" && t.Designation == "" && t.SystemType != "arms" && transfer.Group(r.SystemType) != transfer.Group(t.SystemType) {
			continue
		}
		if year != 0 {
			first, last := r.Years()
			if first != 0 && (year < first-2 || year > last+2) {
				continue
			}
		}
		out = append(out, r.ID)
		if len(out) == maxLinks {
			break
		}
	}
	sort.Strings(out)
	return out
}

// Result is the outcome of ingesting one document.
type Result struct {
	Article *tripline.Article
	Created bool
	Err     error
	Source  string // the file or URL
}

// Ingest extracts docs on every core and stores them in order: each
// article is placed in its story (near duplicates of an article stored
// before, or of one earlier in docs, get DuplicateOf) and saved with its
// claims. fn is called with each result in the order of docs; an error
// of one document does not stop the others. When new articles were
// stored, the Observers are told at the end and the report says what
// they did.
func (x *Extractor) Ingest(ctx context.Context, st tripline.ArticleStore, docs []*Doc, fn func(Result)) (tripline.FactReport, error) {
	created := 0
	if err := x.ingest(ctx, st, docs, func(r Result) {
		if r.Created {
			created++
		}
		fn(r)
	}); err != nil {
		return tripline.FactReport{}, err
	}
	if created == 0 {
		return tripline.FactReport{}, nil
	}
	return tripline.ObserveFacts(ctx, x.Observers, tripline.FactsArticles), nil
}

func (x *Extractor) ingest(ctx context.Context, st tripline.ArticleStore, docs []*Doc, fn func(Result)) error {
	sigs, err := st.ArticleSignatures(ctx)
	if err != nil {
		return err
	}
	stories := NewStories(sigs)
	type job struct {
		a   *tripline.Article
		err error
	}
	out := make([]chan job, len(docs))
	for i := range out {
		out[i] = make(chan job, 1)
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				a, err := x.Extract(ctx, docs[i])
				out[i] <- job{a, err}
			}
		}()
	}
	go func() {
		defer close(work)
		for i := range docs {
			select {
			case work <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	defer wg.Wait()
	for i, d := range docs {
		src := d.File
		if src == "" {
			src = d.URL
		}
		var j job
		select {
		case j = <-out[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		if j.err != nil {
			fn(Result{Err: j.err, Source: src})
			continue
		}
		j.a.DuplicateOf = stories.Place(j.a.ID, j.a.Signature)
		saved, created, err := st.SaveArticle(ctx, j.a)
		if err != nil {
			fn(Result{Err: err, Source: src, Article: j.a})
			continue
		}
		fn(Result{Article: saved, Created: created, Source: src})
	}
	return nil
}
