package match

import (
	"context"
	"sort"

	"github.com/tripline/tripline"
)

// Load builds a screener over the current snapshots of sources (all when
// empty) read from st, with DefaultConfig, and returns the snapshots it
// holds. An unknown source, or one without a snapshot, is an Invalid
// error; a cancelled ctx stops the reading.
func Load(ctx context.Context, st tripline.Store, sources []string) (*Screener, []tripline.Snapshot, error) {
	return LoadConfig(ctx, st, sources, DefaultConfig())
}

// LoadConfig is Load with another configuration.
func LoadConfig(ctx context.Context, st tripline.Store, sources []string, cfg Config) (*Screener, []tripline.Snapshot, error) {
	snaps, err := st.CurrentSnapshots(ctx)
	if err != nil {
		return nil, nil, err
	}
	want := map[string]bool{}
	for _, s := range sources {
		want[s] = true
	}
	var held []tripline.Snapshot
	b := NewBuilder(cfg)
	ids := map[string]int64{}
	for _, s := range snaps {
		if len(want) > 0 && !want[s.Source] {
			continue
		}
		held = append(held, s)
		ids[s.Source] = s.ID
		err := st.EachEntity(ctx, tripline.EntityFilter{SnapshotID: s.ID}, func(e *tripline.Entity) error {
			b.Add(e)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	var missing []string
	for s := range want {
		if _, ok := ids[s]; !ok {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, nil, tripline.Errorf(tripline.KindInvalid, "source %q has no snapshot; import it first (see tripline sources)", missing[0])
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, cancelled(err)
	}
	ix := b.Build()
	ix.Snapshots = ids
	return NewScreener(ix), held, nil
}
