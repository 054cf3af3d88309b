-- The pins of one record (kind, ref) are replaced when the record cites
-- new snapshots (an updated alert, a book screened again): without this
-- index each replacement scanned every pin, and a rescreen that updates
-- a few thousand alerts of a book with 400k pinned alerts spent minutes
-- there (docs/benchmarks.md, Monitoring).
CREATE INDEX snapshot_pins_ref ON snapshot_pins (kind, ref);
