package tripline

import "context"

// Query is one party to screen; Validate says whether it can be.
type Query struct {
	// ID is the caller's id for the query, echoed in the result.
	ID   string `json:"id"`
	Name string `json:"name"`
	// Type restricts the schema: person, organization (company), vessel,
	// aircraft, or a synonym ParseQueryType knows; empty matches any.
	Type        string       `json:"type,omitempty"`
	Country     string       `json:"country,omitempty"`
	BirthDate   string       `json:"birth_date,omitempty"`
	Identifiers []Identifier `json:"identifiers,omitempty"`
}

// ScreenOptions tune one screening call; Validate says which are usable.
type ScreenOptions struct {
	// Threshold is the minimum score reported; 0 means the algorithm's
	// recommended threshold.
	Threshold float64 `json:"threshold,omitempty"`
	// Limit caps the matches per query; 0 means the default (10).
	Limit int `json:"limit,omitempty"`
	// Sources restricts screening to these sources; empty means all.
	Sources []string `json:"sources,omitempty"`
}

// Match is one listed entity a query may be.
type Match struct {
	ID          string       `json:"id"`
	Source      string       `json:"source"`
	SourceID    string       `json:"source_id"`
	Schema      Schema       `json:"schema,omitempty"`
	Name        string       `json:"name"`
	MatchedName string       `json:"matched_name"`
	Score       float64      `json:"score"`
	Programs    []string     `json:"programs,omitempty"`
	Explanation *Explanation `json:"explanation,omitempty"`
}

// Explanation says why a match scored what it did.
type Explanation struct {
	// Summary is one human-readable line.
	Summary string `json:"summary"`
	// NameScore is the score of the name comparison alone.
	NameScore float64 `json:"name_score"`
	// Parts pairs query name parts with listed name parts.
	Parts []PartMatch `json:"parts,omitempty"`
	// Evidence lists secondary facts that raised or lowered the score.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// PartMatch is one aligned pair of name parts.
type PartMatch struct {
	Query  string  `json:"query"`
	Listed string  `json:"listed,omitempty"`
	How    string  `json:"how"` // exact, romanisation, phonetic, edit, initial, transliterated, legal_form, unmatched
	Score  float64 `json:"score"`
	Weight float64 `json:"weight"`
}

// Evidence is a secondary fact that changed a score.
type Evidence struct {
	Kind   string  `json:"kind"` // birth_date, country, identifier, schema, weak_alias ...
	Detail string  `json:"detail"`
	Effect float64 `json:"effect"` // added to (or, negative, taken from) the score
}

// Result is the answer for one query.
type Result struct {
	ID        string  `json:"id"`
	Matches   []Match `json:"matches"`
	Threshold float64 `json:"threshold"`
	Algorithm string  `json:"algorithm"`
	// Snapshots names the snapshot ids that answered, by source.
	Snapshots map[string]int64 `json:"snapshots,omitempty"`
}

// Screener screens parties against the listed entities.
//
// Errors are *Error values: Invalid for a bad query or option, Unavailable
// while the index is loading, Internal otherwise.
type Screener interface {
	Screen(ctx context.Context, queries []Query, opt ScreenOptions) ([]Result, error)
}
