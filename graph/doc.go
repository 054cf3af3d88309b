// Package graph finds front and straw companies: it builds an entity graph
// of listed parties and a user's own records (companies, people, shipment
// manifests), joins them on normalised attributes (addresses, phones,
// e-mails and domains, identifiers, directors, owners, registration
// batches), resolves user records to listed entities, and propagates risk
// from the listed parties outwards with an explanation for every step.
//
// The package is pure: it does no file or network I/O. The records are
// the vocabulary's tripline.NetworkRecords (read from users' files by
// ingest/tabular, kept by a tripline.NetworkStore); Source.Load builds the
// graph from a store's records and current lists through the root
// interfaces, and Live keeps it current for a server, rebuilding when the
// records' version or the list snapshots change. Name screening beyond
// the built-in matcher is injected as a tripline.Screener. The in-memory
// representation uses int32 node ids and one flat adjacency array (CSR),
// so the records of a million companies fit on one machine;
// docs/graph.md says how it would partition past that.
//
// The weights and thresholds are the versioned Params struct; every risk
// result carries Params.Version.
package graph
