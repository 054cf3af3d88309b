// Package graph finds front and straw companies: it builds an entity graph
// of listed parties and a user's own records (companies, people, shipment
// manifests), joins them on normalised attributes (addresses, phones,
// e-mails and domains, identifiers, directors, owners, registration
// batches), resolves user records to listed entities, and propagates risk
// from the listed parties outwards with an explanation for every step.
//
// The package is pure: it does no file or network I/O. Readers take an
// io.Reader; name screening beyond the built-in matcher is injected as a
// tripline.Screener. The in-memory representation uses int32 node ids and
// one flat adjacency array (CSR), so a book of a million companies fits on
// one machine; docs/graph.md says how it partitions past that.
//
// The weights and thresholds are the versioned Params struct; every risk
// result carries Params.Version.
package graph
