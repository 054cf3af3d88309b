package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/osint"
	"github.com/tripline/tripline/transfer"
)

const articlesUsage = `
Usage: tripline articles ingest [--json] [--url URL] [--published DATE] [--no-lists] FILE|DIR|URL...
       tripline articles list [--system S] [--entity ID] [--country C] [--originals] [--limit N] [--json]
       tripline articles show [--json] [--text] ID
       tripline articles claims [--supplier C] [--recipient C] [--system S] [--json]

Reads news and research articles (plain text or HTML; a URL is fetched,
which needs a machine with internet) and extracts, with character offsets
into the stored text: the weapon systems named (linked to the catalogue and
to register rows), the listed parties mentioned (through the screening
index of the imported lists, with the match score), countries, dates with
their precision (day, month, year), and transfer claims — supplier,
recipient, system, date — with the sentence that says so. Claims of the
same event from several articles become one claim with several reports;
near-duplicate articles (copies of one story) are marked duplicate_of and
add no report. Each new report is an "article.claim" event; the ingest
then fires the country-pair, system and producer watches the new claims
concern, once per claim (tripline watch --help), and says so on stderr.

  ingest  files, folders (every .txt, .text, .md, .htm, .html) or URLs.
          --json writes one article a line: id, text_sha256, systems,
          mentions {entity_id, name, start, end, score}, countries, dates
          {date, precision, start, end}, transfers, duplicate_of (the text
          is under "articles show"). --no-lists skips the screening index.
  list    the stored articles, newest first.
  show    one article with its extractions; --text prints its text with
          the extractions marked.
  claims  the reported transfer events, with their reports.

Examples:
  tripline articles ingest ../shared/data/osint/iran-venezuela-weapons-2023.txt --json
  tripline articles list --system zolfaghar-fac
  tripline articles claims --supplier IR --recipient VE
`

func init() {
	register(&command{Name: "articles", Summary: "news articles: extract systems, listed parties, dates and transfer claims", Run: runArticles})
}

func runArticles(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(m.Stderr, strings.TrimSpace(articlesUsage))
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "ingest":
		return runArticlesIngest(ctx, m, args[1:])
	case "list":
		return runArticlesList(ctx, m, args[1:])
	case "show":
		return runArticlesShow(ctx, m, args[1:])
	case "claims":
		return runArticlesClaims(ctx, m, args[1:])
	}
	fmt.Fprintf(m.Stderr, "tripline articles: unknown subcommand %q\n\n%s\n", args[0], strings.TrimSpace(articlesUsage))
	return errUsage
}

func (m *Main) articleStore(ctx context.Context) (tripline.ArticleStore, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	as, ok := st.(tripline.ArticleStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "the database %s keeps no articles", m.dbName())
	}
	return as, nil
}

// extractor builds the article extractor over the database: the
// screening index and its names (unless noLists or no lists are
// imported), and the register's current rows.
func (m *Main) extractor(ctx context.Context, noLists bool) (*osint.Extractor, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	var register []tripline.Transfer
	if ts, ok := st.(tripline.TransferStore); ok {
		if register, _, err = ts.Transfers(ctx, tripline.TransferFilter{}); err != nil {
			return nil, err
		}
	}
	var sc tripline.Screener
	var nm *osint.Names
	if !noLists {
		if s, err := m.loadScreener(ctx, nil); err == nil {
			sc = s
			nm, err = osint.NewNames(func(fn func(*tripline.Entity) error) error {
				return st.EachEntity(ctx, tripline.EntityFilter{}, fn)
			})
			if err != nil {
				return nil, err
			}
		} else {
			fmt.Fprintf(m.Stderr, "no listed parties will be found: %s\n", tripline.ErrorMessage(err))
		}
	}
	return osint.NewExtractor(transfer.MustDefault(), sc, nm, register), nil
}

// articleExts are the file names a folder's articles have.
var articleExts = map[string]bool{".txt": true, ".text": true, ".md": true, ".htm": true, ".html": true}

// readArticles reads the files, folders and URLs given.
func readArticles(ctx context.Context, paths []string) ([]*osint.Doc, error) {
	var docs []*osint.Doc
	for _, p := range paths {
		if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
			d, err := fetchArticle(ctx, p)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, &tripline.Error{Kind: tripline.KindInvalid, Msg: "cannot read " + p, Err: err}
		}
		if !fi.IsDir() {
			d, err := osint.ReadFile(p)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && articleExts[strings.ToLower(filepath.Ext(path))] && !strings.EqualFold(e.Name(), "README.md") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, &tripline.Error{Kind: tripline.KindInvalid, Msg: "cannot read the folder " + p, Err: err}
		}
		sort.Strings(files)
		for _, f := range files {
			d, err := osint.ReadFile(f)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
	}
	return docs, nil
}

// fetchArticle downloads one page (at most osint.MaxArticleBytes).
func fetchArticle(ctx context.Context, url string) (*osint.Doc, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "bad URL %q", url)
	}
	req.Header.Set("User-Agent", "tripline-articles/1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, &tripline.Error{Kind: tripline.KindUnavailable, Msg: "cannot fetch " + url, Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, tripline.Errorf(tripline.KindUnavailable, "fetching %s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, osint.MaxArticleBytes))
	if err != nil {
		return nil, &tripline.Error{Kind: tripline.KindUnavailable, Msg: "cannot read " + url, Err: err}
	}
	d := osint.Parse(b, strings.Contains(resp.Header.Get("Content-Type"), "html"))
	d.URL = url
	return d, nil
}

func runArticlesIngest(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("articles ingest", articlesUsage)
	asJSON := fs.Bool("json", false, "one JSON object a line per article")
	url := fs.String("url", "", "the address the (single) article was published at")
	published := fs.String("published", "", "the publication date (YYYY-MM-DD) of the (single) article")
	noLists := fs.Bool("no-lists", false, "do not load the screening index (no listed-party mentions)")
	if err := parse(fs, flagsFirst(args, map[string]bool{"url": true, "published": true})); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(m.Stderr, "tripline articles ingest: give files, folders or URLs (see --help)")
		return errUsage
	}
	docs, err := readArticles(ctx, fs.Args())
	if err != nil {
		return err
	}
	if (*url != "" || *published != "") && len(docs) != 1 {
		return tripline.Errorf(tripline.KindInvalid, "--url and --published describe one article; %d were given", len(docs))
	}
	if *published != "" {
		if _, err := time.Parse("2006-01-02", *published); err != nil {
			return tripline.Errorf(tripline.KindInvalid, "--published %q is not a date (YYYY-MM-DD)", *published)
		}
		docs[0].PublishedAt = *published
	}
	if *url != "" {
		docs[0].URL = *url
	}
	st, err := m.articleStore(ctx)
	if err != nil {
		return err
	}
	x, err := m.extractor(ctx, *noLists)
	if err != nil {
		return err
	}
	x.Observers = m.factObservers(ctx)
	start := time.Now()
	var failed, created, claims, dupes int
	rep, err := x.Ingest(ctx, st, docs, func(r osint.Result) {
		if r.Err != nil {
			failed++
			fmt.Fprintf(m.Stderr, "%s: %s\n", r.Source, userMessage(r.Err))
			return
		}
		if r.Created {
			created++
		}
		if r.Article.DuplicateOf != "" {
			dupes++
		}
		claims += len(r.Article.Transfers)
		if *asJSON {
			a := *r.Article
			a.Text, a.Signature = "", nil
			writeJSONLine(m.Stdout, &a)
			return
		}
		dup := ""
		if r.Article.DuplicateOf != "" {
			dup = ", a copy of " + r.Article.DuplicateOf
		}
		fmt.Fprintf(m.Stdout, "%s %s: %d systems, %d listed parties, %d claims%s\n", r.Article.ID, r.Source, len(r.Article.Systems),
			len(r.Article.Mentions), len(r.Article.Transfers), dup)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "%d articles read, %d new, %d near duplicates, %d claims, in %.1fs\n", len(docs)-failed, created, dupes, claims, time.Since(start).Seconds())
	for _, n := range rep.Notes {
		fmt.Fprintln(m.Stderr, n) // stdout holds the articles
	}
	for _, e := range rep.Errors {
		fmt.Fprintln(m.Stderr, "warning: "+e)
	}
	if failed > 0 {
		return tripline.Errorf(tripline.KindInvalid, "%d of %d articles could not be ingested", failed, len(docs))
	}
	return nil
}

func runArticlesList(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("articles list", articlesUsage)
	var f tripline.ArticleFilter
	fs.StringVar(&f.System, "system", "", "articles naming this catalogue system (id or designation)")
	fs.StringVar(&f.Entity, "entity", "", "articles mentioning this listed entity id")
	fs.StringVar(&f.Country, "country", "", "articles naming this country (ISO code)")
	fs.BoolVar(&f.Originals, "originals", false, "leave out near duplicates")
	fs.IntVar(&f.Limit, "limit", 50, "at most N articles (0: all)")
	asJSON := fs.Bool("json", false, "one JSON object a line")
	if err := parse(fs, flagsFirst(args, map[string]bool{"system": true, "entity": true, "country": true, "limit": true})); err != nil {
		return err
	}
	if f.System != "" {
		if s, err := transfer.MustDefault().System(f.System); err == nil {
			f.System = s.ID
		}
	}
	st, err := m.articleStore(ctx)
	if err != nil {
		return err
	}
	as, total, err := st.Articles(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		for i := range as {
			writeJSONLine(m.Stdout, &as[i])
		}
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED\tSYSTEMS\tPARTIES\tCLAIMS\tCOPY OF\tTITLE")
	for _, a := range as {
		title := a.Title
		if len(title) > 70 {
			title = title[:67] + "..."
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\n", a.ID, dash(a.PublishedAt), len(a.Systems), len(a.Mentions), len(a.Transfers), dash(a.DuplicateOf), title)
	}
	tw.Flush()
	if total > len(as) {
		fmt.Fprintf(m.Stderr, "%d of %d articles shown\n", len(as), total)
	}
	return nil
}

func runArticlesShow(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("articles show", articlesUsage)
	asJSON := fs.Bool("json", false, "print the article as JSON, text included")
	text := fs.Bool("text", false, "print the text with the extractions marked")
	if err := parse(fs, flagsFirst(args, nil)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(m.Stderr, "tripline articles show: give one article id (see --help)")
		return errUsage
	}
	st, err := m.articleStore(ctx)
	if err != nil {
		return err
	}
	a, err := st.Article(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	if *asJSON {
		a.Signature = nil
		return writeJSON(m.Stdout, a)
	}
	if *text {
		fmt.Fprintln(m.Stdout, markText(a))
		return nil
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s  %s\n", a.ID, a.Title)
	fmt.Fprintf(w, "  source %s, published %s, read %s, %d characters, sha256 %s\n", dash(nonEmptyStr(a.URL, a.File)), dash(a.PublishedAt), a.RetrievedAt.Format(time.DateTime), a.Chars, a.TextSHA256)
	if a.DuplicateOf != "" {
		fmt.Fprintf(w, "  a near duplicate of %s\n", a.DuplicateOf)
	}
	fmt.Fprintln(w, "Systems:")
	for _, s := range a.Systems {
		fmt.Fprintf(w, "  %d-%d %q → %s%s (%s; %s)\n", s.Start, s.End, s.Text, s.System, s.Designation, s.Type, s.Why)
	}
	fmt.Fprintln(w, "Listed parties:")
	for _, mn := range a.Mentions {
		fmt.Fprintf(w, "  %d-%d %q → %s %s (score %.2f)\n", mn.Start, mn.End, mn.Text, mn.EntityID, mn.Name, mn.Score)
	}
	fmt.Fprintln(w, "Dates:")
	for _, d := range a.Dates {
		fmt.Fprintf(w, "  %d-%d %q → %s (%s)\n", d.Start, d.End, d.Text, d.Date, d.Precision)
	}
	fmt.Fprintln(w, "Transfer claims:")
	for _, c := range a.Transfers {
		sys := c.System
		if sys == "" {
			sys = c.SystemType
		}
		fmt.Fprintf(w, "  %s → %s  %s  %s %s  %s confidence; %s\n    %q\n", partyLabel(c.Supplier), partyLabel(c.Recipient), sys, dash(c.Date), c.Precision,
			c.Confidence, strings.Join(c.Why, "; "), c.Sentence)
		if len(c.Transfers) > 0 {
			fmt.Fprintf(w, "    register: %s\n", strings.Join(c.Transfers, ", "))
		}
	}
	return nil
}

// markText writes the text with [system], {party} and <date> marks.
func markText(a *tripline.Article) string {
	type mark struct {
		at   int
		text string
	}
	var ms []mark
	for _, s := range a.Systems {
		ms = append(ms, mark{s.Start, "["}, mark{s.End, "]"})
	}
	for _, p := range a.Mentions {
		ms = append(ms, mark{p.Start, "{"}, mark{p.End, "}"})
	}
	for _, d := range a.Dates {
		ms = append(ms, mark{d.Start, "<"}, mark{d.End, ">"})
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].at < ms[j].at })
	r := []rune(a.Text)
	var b strings.Builder
	k := 0
	for i := 0; i <= len(r); i++ {
		for k < len(ms) && ms[k].at == i {
			b.WriteString(ms[k].text)
			k++
		}
		if i < len(r) {
			b.WriteRune(r[i])
		}
	}
	return b.String()
}

func nonEmptyStr(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func runArticlesClaims(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("articles claims", articlesUsage)
	var f tripline.ClaimFilter
	fs.StringVar(&f.Supplier, "supplier", "", "supplier: ISO code or name")
	fs.StringVar(&f.Recipient, "recipient", "", "recipient: ISO code or name")
	system := fs.String("system", "", "system: catalogue id or designation")
	asJSON := fs.Bool("json", false, "one JSON object a line")
	if err := parse(fs, flagsFirst(args, map[string]bool{"supplier": true, "recipient": true, "system": true})); err != nil {
		return err
	}
	f.Systems = systemFilter(*system)
	st, err := m.articleStore(ctx)
	if err != nil {
		return err
	}
	cs, err := st.Claims(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		for i := range cs {
			writeJSONLine(m.Stdout, &cs[i])
		}
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CLAIM\tSUPPLIER\tRECIPIENT\tSYSTEM\tDATE\tREPORTS\tCONFIDENCE\tREGISTER")
	for _, c := range cs {
		sys := c.System
		if sys == "" {
			sys = c.SystemType
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%d rows\n", c.ID, partyLabel(c.Supplier), partyLabel(c.Recipient), sys, dash(c.EventDate), len(c.Reports), c.Confidence, len(c.Transfers))
	}
	return tw.Flush()
}
