// Package tabular reads users' files: the parties to screen (which are
// also the rows of a monitored book), the name pairs of `tripline
// compare`, the orders and shipments of `tripline check`, and the network
// records of `tripline graph import` (companies, people, shipment
// manifests; NetworkReader), in CSV with a header row or in JSON lines.
// (The list files of official publishers have their own packages under
// ingest/.)
//
// Every reader streams: any file size is read with memory bounded by one
// row (MaxRecordBytes for CSV, a per-reader line limit for JSON lines).
// A bad row does not end the run. Each reader's Next returns, in order,
// every row as a value or as a row error, and may be called again after
// a row error:
//
//   - a row error is a *tripline.Error of kind Invalid (TooLarge for a row
//     over a limit) whose Position names the file and the row's line, so
//     that the caller reports it in place and goes on; IsRowError tells it
//     from a fatal error;
//   - io.EOF ends the file;
//   - any other error (the input cannot be read) is fatal.
//
// A CSV quoting error — a quote that is never closed, text after a
// closing quote — is a row error for the row where the record starts, and
// reading resumes at the next line, so one stray quote costs one row, not
// the rest of the file. A quote inside an unquoted field is taken as it
// is (O"Brien). No input makes a reader panic; each has a fuzz test.
//
// The pieces are there for other readers of users' files too: Lines
// numbers the lines of a file, CSV splits records with the recovery
// above, Table adds the header and named columns, JSONLines decodes one
// value a line, RowError places an error at a row, and DetectFormat picks
// CSV or JSON lines from a name and the first bytes.
package tabular
