-- Reading a snapshot in source order: an index on snapshot_id holds
-- (snapshot_id, rowid), and a snapshot's rows are inserted in source order,
-- so "WHERE snapshot_id = ? ORDER BY rowid" needs neither a scan of older
-- snapshots nor a sort.
CREATE INDEX entities_snapshot ON entities (snapshot_id);
