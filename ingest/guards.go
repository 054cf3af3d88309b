package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

// The import guards, by the names the audit trail, Result.Refused and
// Snapshot.Overrides use.
const (
	GuardAdmin           = "admin"
	GuardDuplicateSource = "duplicate-source"
	GuardFormatChange    = "format-change"
	GuardIncomplete      = "incomplete"
	GuardShrink          = "shrink"
)

// The history guard's parameters.
const (
	// ShrinkTolerance is the largest drop in entities, as a fraction of the
	// largest recent snapshot, that is stored without --allow-shrink
	// (at least ShrinkMinDrop entities). Real lists barely shrink between
	// editions: the OFAC SDN list of 2024-07-02 lost 31 of its 15,443
	// entries (0.2 %) by January 2025 while gaining 1,577, so 5 % is far
	// above a normal edition's losses and far below a file cut short
	// (the 60 % and 40 % cuts). A real mass delisting is rare and
	// should be stored by a person who says why.
	ShrinkTolerance = 0.05
	// ShrinkMinDrop lets a small list lose a couple of entries.
	ShrinkMinDrop = 2
	// HistoryMin is how many of the newest snapshots are always compared.
	HistoryMin = 5
	// HistoryWindow is how far back snapshots are compared beyond those.
	HistoryWindow = 90 * 24 * time.Hour
)

// checked is what the guards found.
type checked struct {
	// current is the source's current snapshot before the import, nil for
	// a new source.
	current *tripline.Snapshot
	// overrides are the guards that refused and were overridden.
	overrides []string
	// refused are the guards that refused (not overridden).
	refused []string
}

// check runs the guards on ds. It returns an error, saying why and how to
// override, when a guard refuses and is not overridden.
func (im *Importer) check(ctx context.Context, ds *tripline.Dataset, o ImportOptions) (checked, error) {
	var c checked
	snaps, err := im.Store.Snapshots(ctx, ds.Source)
	if err != nil {
		return c, err
	}
	for i := range snaps {
		if snaps[i].Current {
			c.current = &snaps[i]
		}
	}
	if c.current != nil && c.current.Hash == ds.Hash && ds.Hash != "" {
		return c, nil // unchanged: nothing will be written
	}
	off, official := OfficialSource(ds.Source)
	if p, ok := tripline.PrincipalFrom(ctx); ok && p.Role != "" && official && !p.Role.Allows(tripline.RoleAdmin) {
		c.refused = []string{GuardAdmin}
		who := p.Name
		if who == "" {
			who = "this key"
		}
		return c, tripline.Errorf(tripline.KindForbidden, "%s is an official source (%s); replacing it needs the admin role, and %s has the role %s. Ask an admin, or import the file under a source of your own with source=NAME",
			ds.Source, off.Title, who, p.Role)
	}

	var why []string
	refuse := func(guard string, allowed bool, msg string) {
		if allowed {
			c.overrides = append(c.overrides, guard)
			return
		}
		c.refused = append(c.refused, guard)
		why = append(why, msg)
	}
	stays := "the source has no snapshot yet, and none is stored"
	if c.current != nil {
		stays = fmt.Sprintf("snapshot %d stays current", c.current.ID)
	}

	// Format change of an official source. A format once accepted with an
	// override is the source's format from then on.
	if official && ds.Format != off.Format && !(c.current != nil && c.current.Format == ds.Format && slices.Contains(c.current.Overrides, GuardFormatChange)) {
		desc := ds.Format
		if f := FormatByName(ds.Format); f != nil {
			desc = fmt.Sprintf("%s (%s)", f.Name, f.Description)
		}
		refuse(GuardFormatChange, o.AllowFormatChange, fmt.Sprintf("%s is an official source published as %s, but these files were read as %s. To keep them apart, import them under a source of your own (--source NAME; API: source=NAME); if the publisher really changed the format, override with --allow-format-change --reason TEXT (API: allow_format_change=true&reason=TEXT)",
			ds.Source, off.Format, desc))
	}

	// What the format guarantees a whole publication has.
	if len(ds.Incomplete) > 0 {
		refuse(GuardIncomplete, o.AllowIncomplete, fmt.Sprintf("%s: the publication does not prove itself complete: %s. If the files are whole, override with --allow-incomplete --reason TEXT (API: allow_incomplete=true&reason=TEXT)",
			ds.Source, strings.Join(o.namedAll(ds.Incomplete), "; ")))
	}

	// History: the largest recent snapshot.
	if msg := im.shrink(ds, snaps); msg != "" {
		refuse(GuardShrink, o.AllowShrink, msg+". If the list really shrank, override with --allow-shrink --reason TEXT (API: allow_shrink=true&reason=TEXT)")
	}

	if len(why) > 0 {
		return c, tripline.Errorf(tripline.KindInvalid, "refused, %s: %s", stays, strings.Join(why, "; and "))
	}
	return c, nil
}

// shrink returns why ds is smaller than the source's history allows, or "".
func (im *Importer) shrink(ds *tripline.Dataset, snaps []tripline.Snapshot) string {
	n := len(ds.Entities)
	if n == 0 {
		return fmt.Sprintf("%s: the files hold no entities; an empty list is refused", ds.Source)
	}
	base, ok := Baseline(snaps, im.now())
	if !ok {
		return ""
	}
	drop := base.EntityCount - n
	allowed := int(float64(base.EntityCount) * ShrinkTolerance)
	allowed = max(allowed, ShrinkMinDrop)
	if drop <= allowed {
		return ""
	}
	return fmt.Sprintf("%s: the files hold %d entities, %d (%.0f %%) fewer than the %d of snapshot %d (imported %s), the largest of the source's recent snapshots; a drop of more than %.0f %% looks like a file cut short or the wrong file",
		ds.Source, n, drop, 100*float64(drop)/float64(base.EntityCount), base.EntityCount, base.ID, base.ImportedAt.UTC().Format("2006-01-02"), 100*ShrinkTolerance)
}

// Baseline returns the snapshot a new publication of a source is compared
// with: the largest (most entities) of its recent snapshots — the newest
// HistoryMin and every one imported within HistoryWindow of now — going
// back no further than the newest one accepted with a shrink override,
// which is the new baseline. snaps is the source's history, newest first.
func Baseline(snaps []tripline.Snapshot, now time.Time) (tripline.Snapshot, bool) {
	var best tripline.Snapshot
	found := false
	for i, s := range snaps {
		if i >= HistoryMin && now.Sub(s.ImportedAt) > HistoryWindow {
			break
		}
		if !found || s.EntityCount > best.EntityCount {
			best, found = s, true
		}
		if slices.Contains(s.Overrides, GuardShrink) {
			break
		}
	}
	return best, found
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now()
	}
	return time.Now()
}
