package tripline

// Limits on one screening query, the same for the CLI, the API and every
// reader of users' files, so that the cost of scoring a query is bounded
// and an oversized input is refused with a clear error rather than
// running for minutes. Real listed names are far shorter than these.
const (
	// MaxNameBytes is the longest name accepted, in bytes of UTF-8.
	MaxNameBytes = 1024
	// MaxNameTokens is the most words (name parts) a name may have.
	MaxNameTokens = 40
	// MaxIdentifiers is the most identifiers one query may carry.
	MaxIdentifiers = 50
	// MaxQueriesPerRequest is the most queries one API request may carry.
	MaxQueriesPerRequest = 1000
)
