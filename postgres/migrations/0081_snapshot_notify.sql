-- Freshness: every change of a source's current snapshot (an import by any
-- replica or by the CLI) sends a notification on channel
-- tripline_snapshots when its transaction commits; serve replicas LISTEN
-- and reload their index at once (polling stays as the fallback). The
-- payload names the schema, so several Tripline schemas can share one
-- database.
CREATE FUNCTION tripline_snapshot_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('tripline_snapshots', json_build_object(
		'schema', TG_TABLE_SCHEMA, 'source', NEW.source, 'snapshot', NEW.current_snapshot)::text);
	RETURN NEW;
END
$$;

CREATE TRIGGER sources_snapshot_notify AFTER INSERT OR UPDATE ON sources
	FOR EACH ROW EXECUTE FUNCTION tripline_snapshot_notify();
