package webui

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

// view is what every page template gets: the page's own data in Data and
// what the layout needs around it.
type view struct {
	Title     string
	Nav       string
	Principal tripline.Principal
	SignedIn  bool
	// SignIn says whether signing in is possible (the store keeps keys).
	SignIn    bool
	CSRF      string
	RequestID string
	Features  features
	Data      any
	// Asset maps an embedded asset's name to its address.
	Asset func(string) string
}

// features are the parts of the interface whose backends this server has.
type features struct {
	Check, Network, Sources, Alerts, Transfers, Watches, Books, Batch bool
}

func (u *UI) features() features {
	_, audit := u.store.(tripline.AuditLog)
	_, alerts := u.store.(tripline.AlertStore)
	_, transfers := u.store.(tripline.TransferStore)
	_, watches := u.store.(tripline.WatchStore)
	_, books := u.store.(tripline.BookStore)
	return features{Batch: u.api.Jobs != nil && u.api.Jobs.Store != nil, Transfers: transfers, Watches: watches, Books: books, Check: u.api.Checker != nil, Network: u.api.Networks != nil, Sources: audit || u.store != nil, Alerts: alerts}
}

var funcs = template.FuncMap{
	"pct":   func(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) + "%" },
	"score": func(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) },
	"num":   thousands,
	"num64": func(n int64) string { return thousands(int(n)) },
	// count says n things: "1 report", "2 reports" (many "" adds an s).
	"count": func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return thousands(n) + " " + one + "s"
	},
	"date": func(v any) string {
		var t time.Time
		switch x := v.(type) {
		case time.Time:
			t = x
		case *time.Time:
			if x != nil {
				t = *x
			}
		}
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"join": strings.Join,
	"bases": func(paths []string) string {
		out := make([]string, len(paths))
		for i, p := range paths {
			out[i] = filepath.Base(p)
		}
		return strings.Join(out, ", ")
	},
	"lower":  strings.ToLower,
	"signed": func(f float64) string { return fmt.Sprintf("%+.3f", f) },
	"query":  url.QueryEscape,
	"path":   url.PathEscape,
	"add":    func(a, b int) int { return a + b },
	"sortedKeys": func(m map[string]int64) []string {
		ks := make([]string, 0, len(m))
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	},
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// parseTemplates parses each page with the layout.
func (u *UI) parseTemplates() error {
	u.pages = map[string]*template.Template{}
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return err
	}
	for _, n := range names {
		base := strings.TrimPrefix(n, "templates/")
		if base == "layout.html" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/*.tmpl", n)
		if err != nil {
			return fmt.Errorf("webui: template %s: %w", base, err)
		}
		u.pages[base] = t
	}
	return nil
}

// render writes page with the layout, or for a fragment request
// (?partial=1, the script's) only its "partial" block, else its "content".
func (u *UI) render(w http.ResponseWriter, r *http.Request, rq *request, status int, page, title string, data any) {
	t, ok := u.pages[page]
	if !ok {
		panic("webui: no template " + page)
	}
	v := view{Title: title, Nav: strings.TrimSuffix(page, ".html"), Principal: rq.Principal, SignedIn: rq.SignedIn,
		SignIn: u.keys() != nil, CSRF: rq.CSRF, RequestID: rq.ID, Features: u.features(), Data: data, Asset: u.assetURL}
	name := "layout"
	if r.URL.Query().Get("partial") == "1" {
		name = "content"
		if t.Lookup("partial") != nil {
			name = "partial"
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		u.logger.Error("template failed", "id", rq.ID, "page", page, "err", err)
		http.Error(w, "internal error; quote request id "+rq.ID+" to the operator", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
