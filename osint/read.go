// Package osint reads news and research articles about arms transfers and
// extracts, with character offsets into the stored text, the weapon
// systems they name (linked to the catalogue of package transfer and to
// register rows), the listed parties they mention (linked through the
// screening index, with the match score), countries, dates with their
// precision, and transfer claims — supplier, recipient, system, date —
// with the sentence that supports each. Near-duplicate articles (copies
// of one wire story) are found by MinHash over word shingles and collapse
// into one story.
//
// Everything runs offline, without models: a tokenizer with sentence
// bounds, gazetteers (the catalogue's designations in an Aho-Corasick
// automaton, listed names in a token trie, countries and demonyms), a date
// grammar, and cue rules for the roles of the countries of a sentence.
package osint

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/tripline/tripline"
	"golang.org/x/net/html"
)

// MaxArticleBytes is the largest article file read.
const MaxArticleBytes = 8 << 20

// Doc is an article as read, before extraction.
type Doc struct {
	// Text is the text to store and extract from: the file's text, or
	// the text of an HTML page's body without scripts and navigation.
	Text string
	// Format is text or html.
	Format      string
	File        string
	URL         string
	Title       string
	Author      string
	PublishedAt string
}

// ReadFile reads an article from a file: HTML when its name ends in .htm
// or .html or it starts with a tag, else plain text.
func ReadFile(path string) (*Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &tripline.Error{Op: "osint.ReadFile", Kind: tripline.KindInvalid, Msg: "cannot open " + path, Err: err}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxArticleBytes+1))
	if err != nil {
		return nil, &tripline.Error{Op: "osint.ReadFile", Kind: tripline.KindInvalid, Msg: "cannot read " + path, Err: err}
	}
	if len(b) > MaxArticleBytes {
		return nil, tripline.Errorf(tripline.KindTooLarge, "%s is larger than %d MiB", path, MaxArticleBytes>>20)
	}
	ext := strings.ToLower(filepath.Ext(path))
	d := Parse(b, ext == ".html" || ext == ".htm")
	d.File = path
	return d, nil
}

// Parse reads an article from its bytes; isHTML forces HTML, else it is
// detected from the first bytes.
func Parse(b []byte, isHTML bool) *Doc {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	head := bytes.ToLower(bytes.TrimLeft(b[:min(len(b), 512)], " \t\r\n"))
	if isHTML || bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) {
		return parseHTML(b)
	}
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	d := &Doc{Text: text, Format: "text"}
	d.Title, d.Author = textHeader(text)
	return d
}

// textHeader takes a plain-text article's title (its first line, when it
// is short and does not end a sentence) and a byline ("By NAME").
func textHeader(text string) (title, author string) {
	lines := strings.SplitN(text, "\n", 8)
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if title == "" && i < 3 && len(l) < 200 && !strings.HasSuffix(l, ".") {
			title = l
			continue
		}
		if a, ok := strings.CutPrefix(l, "By "); ok && len(a) < 100 && author == "" {
			author = strings.TrimSpace(a)
		}
	}
	return title, author
}

// skipped are the HTML elements whose text is not the article's.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "nav": true, "header": true, "footer": true,
	"aside": true, "form": true, "svg": true, "iframe": true, "template": true, "button": true, "select": true}

// blocks are the elements that end a line of text.
var blocks = map[string]bool{"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "tr": true, "td": true, "th": true, "blockquote": true, "section": true, "article": true, "figcaption": true, "ul": true, "ol": true, "table": true, "pre": true, "hr": true}

// parseHTML turns a page into its text: the body's text without scripts,
// styles, navigation, headers and footers, a line per block; the title
// from <title> (or the first <h1>) and the meta tags of publication date
// and author where present.
func parseHTML(b []byte) *Doc {
	d := &Doc{Format: "html"}
	z := html.NewTokenizer(bytes.NewReader(b))
	var out strings.Builder
	skip := 0
	inTitle, inH1 := false, false
	var h1 strings.Builder
	newline := func() {
		s := out.String()
		if s != "" && !strings.HasSuffix(s, "\n") {
			out.WriteString("\n")
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			text := collapseBlank(out.String())
			if d.Title == "" {
				d.Title = strings.TrimSpace(h1.String())
			}
			d.Text = text
			return d
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if tag == "meta" && hasAttr {
				meta(z, d)
				continue
			}
			if skipped[tag] && tt == html.StartTagToken {
				skip++
			}
			if tag == "title" {
				inTitle = true
			}
			if tag == "h1" {
				inH1 = true
			}
			if blocks[tag] {
				newline()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipped[tag] && skip > 0 {
				skip--
			}
			if tag == "title" {
				inTitle = false
			}
			if tag == "h1" {
				inH1 = false
			}
			if blocks[tag] {
				newline()
			}
		case html.TextToken:
			t := string(z.Text())
			if inTitle {
				if d.Title == "" {
					d.Title = strings.TrimSpace(t)
				}
				continue
			}
			if skip > 0 {
				continue
			}
			if inH1 {
				h1.WriteString(t)
			}
			out.WriteString(strings.Join(strings.Fields(t), " "))
			if strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\n") {
				out.WriteString(" ")
			}
		}
	}
}

func meta(z *html.Tokenizer, d *Doc) {
	var key, content string
	for {
		k, v, more := z.TagAttr()
		switch strings.ToLower(string(k)) {
		case "name", "property", "itemprop":
			key = strings.ToLower(string(v))
		case "content":
			content = strings.TrimSpace(string(v))
		}
		if !more {
			break
		}
	}
	switch key {
	case "article:published_time", "datepublished", "date", "pubdate", "publish-date", "og:published_time":
		if d.PublishedAt == "" && len(content) >= 10 {
			d.PublishedAt = content[:10]
		}
	case "author", "article:author":
		if d.Author == "" {
			d.Author = content
		}
	case "og:title":
		if d.Title == "" {
			d.Title = content
		}
	case "og:url":
		if d.URL == "" {
			d.URL = content
		}
	}
}

// collapseBlank trims each line and keeps at most one blank line in a row.
func collapseBlank(s string) string {
	var b strings.Builder
	blank := 0
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank > 0 {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(l)
	}
	return b.String()
}

// TextHash is the hex SHA-256 of a text.
func TextHash(text string) string {
	s := sha256.Sum256([]byte(text))
	return hex.EncodeToString(s[:])
}

// ArticleID is the id of an article with text: "art_" and the first 16
// hex digits of its SHA-256, so that ingesting the same text twice stores
// it once.
func ArticleID(text string) string { return "art_" + TextHash(text)[:16] }
