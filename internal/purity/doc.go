// Package purity holds the test that keeps the pure packages pure: the
// vocabulary (the root package), names, match, goods, rules, delta and
// graph, and every package of this module they import, do no file,
// network, process or database I/O. They take their inputs as values and
// readers and read their data from the binary (embed); the store, ingest,
// httpapi and cmd packages do the I/O around them.
package purity
