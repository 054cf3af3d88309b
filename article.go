package tripline

import (
	"context"
	"strings"
	"time"
)

// Articles and claims: what news and research reporting says about arms
// transfers, extracted with the place in the text that says it.

// DatePrecision says how much of a date is known.
type DatePrecision string

// The precisions, finest first.
const (
	PrecisionDay   DatePrecision = "day"
	PrecisionMonth DatePrecision = "month"
	PrecisionYear  DatePrecision = "year"
)

// Confidence grades, strongest first (the grades of the component
// findings; official designations and court filings outrank press).
const (
	ConfidenceHigh   = "high"
	ConfidenceMedium = "medium"
	ConfidenceLow    = "low"
)

// ConfidenceRank orders confidence grades: high 3, medium 2, low 1, else 0.
func ConfidenceRank(c string) int {
	switch c {
	case ConfidenceHigh:
		return 3
	case ConfidenceMedium:
		return 2
	case ConfidenceLow:
		return 1
	}
	return 0
}

// Report is one source's evidence for a transfer or a claim: who says it,
// when it was published, when the event happened (and how precisely that
// is known), when we read it, the words that say it, and how far to trust
// it. Publication, event and retrieval dates are three different dates.
type Report struct {
	// Source names where the report comes from: a register ("sipri-at"),
	// a publisher, or an article's URL.
	Source    string `json:"source"`
	ArticleID string `json:"article_id,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Author    string `json:"author,omitempty"`
	// PublishedAt, EventDate and RetrievedAt are ISO dates or prefixes.
	PublishedAt    string        `json:"published_at,omitempty"`
	EventDate      string        `json:"event_date,omitempty"`
	EventPrecision DatePrecision `json:"event_precision,omitempty"`
	RetrievedAt    string        `json:"retrieved_at,omitempty"`
	// Excerpt is the sentence that supports the claim, and Start and End
	// its offsets in the article's stored text (characters).
	Excerpt    string `json:"excerpt,omitempty"`
	Start      int    `json:"start,omitempty"`
	End        int    `json:"end,omitempty"`
	Confidence string `json:"confidence"`
}

// Claim is one reported arms transfer event: a supplier, a recipient, a
// system and a date, with every report of it. Several articles reporting
// the same event are one claim with several reports; copies of one story
// count once.
type Claim struct {
	ID        string        `json:"id"`
	Supplier  TransferParty `json:"supplier"`
	Recipient TransferParty `json:"recipient"`
	// System is a catalogue id, "" for a claim about a kind of weapon
	// ("armed UAVs") rather than a named system.
	System      string `json:"system,omitempty"`
	SystemType  string `json:"system_type,omitempty"`
	Designation string `json:"designation,omitempty"`
	// Producers are the catalogue ids of the system's makers.
	Producers      []string      `json:"producers,omitempty"`
	EventDate      string        `json:"event_date,omitempty"`
	EventPrecision DatePrecision `json:"event_precision,omitempty"`
	// Confidence is the best grade of the reports.
	Confidence string   `json:"confidence"`
	Reports    []Report `json:"reports"`
	// Transfers are register rows that corroborate the claim.
	Transfers []string  `json:"transfers,omitempty"`
	FirstSeen time.Time `json:"first_seen"`
}

// SystemMention is a weapon system named in an article.
type SystemMention struct {
	// System is the catalogue id; Designation is a register designation
	// for a system outside the catalogue.
	System      string `json:"system,omitempty"`
	Designation string `json:"designation,omitempty"`
	Type        string `json:"type,omitempty"`
	Text        string `json:"text"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	// Why says how the type was chosen between homonyms ("head noun
	// boats", "only sense").
	Why string `json:"why,omitempty"`
	// Transfers are register rows of the system (at most a few).
	Transfers []string `json:"transfers,omitempty"`
}

// Mention is a listed party named in an article, linked through the
// screening index.
type Mention struct {
	EntityID string   `json:"entity_id"`
	Name     string   `json:"name"`
	Text     string   `json:"text"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Score    float64  `json:"score"`
	Schema   Schema   `json:"schema,omitempty"`
	Programs []string `json:"programs,omitempty"`
}

// CountryMention is a country named (or its people's adjective) in an
// article.
type CountryMention struct {
	Code  string `json:"code"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// How is name or demonym.
	How string `json:"how"`
}

// DateMention is a date written in an article.
type DateMention struct {
	Date      string        `json:"date"`
	Precision DatePrecision `json:"precision"`
	Text      string        `json:"text"`
	Start     int           `json:"start"`
	End       int           `json:"end"`
}

// ArticleTransfer is a transfer claim as one article makes it: the
// parties, the system, the date and the sentence that supports it.
type ArticleTransfer struct {
	ClaimID     string        `json:"claim_id,omitempty"`
	Supplier    TransferParty `json:"supplier"`
	Recipient   TransferParty `json:"recipient"`
	System      string        `json:"system,omitempty"`
	SystemType  string        `json:"system_type,omitempty"`
	Designation string        `json:"designation,omitempty"`
	// Producers are the catalogue ids of the system's makers.
	Producers  []string      `json:"producers,omitempty"`
	Date       string        `json:"date,omitempty"`
	Precision  DatePrecision `json:"precision,omitempty"`
	Sentence   string        `json:"sentence"`
	Start      int           `json:"start"`
	End        int           `json:"end"`
	Confidence string        `json:"confidence"`
	// Why lists the cues that gave the roles ("from Iran", "to Venezuela",
	// "Iranian-made", "parade in Venezuela").
	Why []string `json:"why,omitempty"`
	// Transfers are the register rows that corroborate it.
	Transfers []string `json:"transfers,omitempty"`
}

// Article is one ingested article with what was extracted from it. Every
// offset (Start, End) counts characters (Unicode code points) of Text, the
// stored text, end exclusive.
type Article struct {
	ID          string    `json:"id"`
	URL         string    `json:"url,omitempty"`
	File        string    `json:"file,omitempty"`
	Title       string    `json:"title,omitempty"`
	Author      string    `json:"author,omitempty"`
	PublishedAt string    `json:"published_at,omitempty"`
	RetrievedAt time.Time `json:"retrieved_at"`
	// Format is text or html: what was read (the stored text is text).
	Format     string `json:"format"`
	Text       string `json:"text,omitempty"`
	TextSHA256 string `json:"text_sha256"`
	Chars      int    `json:"chars"`

	Systems   []SystemMention   `json:"systems"`
	Mentions  []Mention         `json:"mentions"`
	Countries []CountryMention  `json:"countries"`
	Dates     []DateMention     `json:"dates"`
	Transfers []ArticleTransfer `json:"transfers"`
	// DuplicateOf is the article whose story this one repeats (a near
	// duplicate), "" for an original.
	DuplicateOf string `json:"duplicate_of"`
	// Signature is the MinHash of the text's shingles, for near-duplicate
	// detection.
	Signature []uint32 `json:"signature,omitempty"`
}

// Validate reports whether a can be stored: an id, a text hash, and
// offsets within the text.
func (a *Article) Validate() error {
	if a == nil || strings.TrimSpace(a.ID) == "" {
		return Errorf(KindInvalid, "an article needs an id")
	}
	if a.TextSHA256 == "" {
		return Errorf(KindInvalid, "article %s has no text hash", a.ID)
	}
	for _, tr := range a.Transfers {
		if tr.Start < 0 || tr.End < tr.Start || (a.Chars > 0 && tr.End > a.Chars) {
			return Errorf(KindInvalid, "article %s: a claim's offsets are outside the text", a.ID)
		}
	}
	return nil
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	// System, Entity and Country select articles that mention them.
	System  string `json:"system,omitempty"`
	Entity  string `json:"entity,omitempty"`
	Country string `json:"country,omitempty"`
	// Originals leaves out near duplicates.
	Originals bool `json:"originals,omitempty"`
	Limit     int  `json:"limit,omitempty"`
	Offset    int  `json:"offset,omitempty"`
}

// ClaimFilter selects claims.
type ClaimFilter struct {
	Supplier  string   `json:"supplier,omitempty"`
	Recipient string   `json:"recipient,omitempty"`
	Systems   []string `json:"systems,omitempty"`
	Article   string   `json:"article,omitempty"`
	Limit     int      `json:"limit,omitempty"`
}

// ArticleSignature is an article's id and MinHash signature.
type ArticleSignature struct {
	ID          string
	DuplicateOf string
	Signature   []uint32
}

// ArticleStore keeps ingested articles and the claims made in them.
//
// Errors are *Error values: Invalid for an article that does not validate,
// NotFound for an unknown id, Internal otherwise.
type ArticleStore interface {
	// SaveArticle stores a and merges each of its transfer claims into the
	// claim of the same event (supplier, recipient, system or system type,
	// event year), creating it when new; a near duplicate (DuplicateOf
	// set) adds no report, as copies of one story are one source. Each
	// new report is announced by an "article.claim" event in the same
	// transaction. It returns the article with each ArticleTransfer's
	// ClaimID set; an article already stored (same id) writes nothing and
	// returns created false.
	SaveArticle(ctx context.Context, a *Article) (saved *Article, created bool, err error)
	// Article returns the article with id, its text included.
	Article(ctx context.Context, id string) (*Article, error)
	// Articles returns the articles f selects, newest first, without
	// their text, and the number selected before Limit and Offset.
	Articles(ctx context.Context, f ArticleFilter) ([]Article, int, error)
	// ArticleSignatures returns the signatures of every stored article.
	ArticleSignatures(ctx context.Context) ([]ArticleSignature, error)
	// Claims returns the claims f selects, newest first.
	Claims(ctx context.Context, f ClaimFilter) ([]Claim, error)
	// Claim returns one claim with its reports.
	Claim(ctx context.Context, id string) (*Claim, error)
}

// ClaimKey is the identity of a reported event: the parties, the system
// (or, for a kind of weapon, its type) and the event's year ("" when the
// date is unknown). Stores merge reports with the same key into one claim.
func ClaimKey(t ArticleTransfer) string {
	sys := t.System
	if sys == "" {
		sys = "type:" + t.SystemType
	}
	year := ""
	if len(t.Date) >= 4 {
		year = t.Date[:4]
	}
	return t.Supplier.Key() + "|" + t.Recipient.Key() + "|" + sys + "|" + year
}
