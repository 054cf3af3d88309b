package ingest

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/download"
	"github.com/tripline/tripline/ingest/official"
)

// UpdateResult is the outcome of updating one official source.
type UpdateResult struct {
	Source     string `json:"source"`
	Downloaded int64  `json:"downloaded_bytes"`
	// Error says why the source was not updated (download, import or a
	// guard's refusal); its previous snapshot stays current.
	Error  string  `json:"error,omitempty"`
	Import *Result `json:"import,omitempty"`
	// Err is the error behind Error, for its kind.
	Err error `json:"-"`
}

// Downloadable returns the official sources that can be downloaded (those
// that declare files), all of them when ids is empty, else those named, in
// the order given; an unknown id is an Invalid error naming the known ones.
func Downloadable(ids []string) ([]official.Source, error) {
	var all []official.Source
	for _, s := range officialSources {
		if len(s.Files) > 0 {
			all = append(all, s)
		}
	}
	var out []official.Source
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		i := slices.IndexFunc(all, func(s official.Source) bool { return s.ID == id })
		if i < 0 {
			var known []string
			for _, s := range all {
				known = append(known, s.ID)
			}
			return nil, tripline.Errorf(tripline.KindInvalid, "unknown source %q (known: %s)", id, strings.Join(known, ", "))
		}
		out = append(out, all[i])
	}
	if out == nil {
		return all, nil
	}
	return out, nil
}

// Update downloads the current publication of each of sources with dl
// into dir/SOURCE/ (dir "" is a temporary folder, removed afterwards) and
// imports it through im with o, exactly as Import does: the same guards,
// the same audit trail, the same after-commit observers. A source whose
// download or import fails keeps its previous snapshot and the others are
// still updated; each result is passed to each (when set) as it is known.
// Update returns an error only when nothing could be attempted or ctx is
// done; failed sources are results with Error set. It is "tripline lists
// update" and the scheduled update of "tripline serve --update-every".
func (im *Importer) Update(ctx context.Context, dl *download.Client, sources []official.Source, dir string, o ImportOptions, each func(UpdateResult)) ([]UpdateResult, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	if o.Source != "" || o.Format != "" {
		return nil, tripline.Errorf(tripline.KindInvalid, "an update stores each official source as its publisher's format under its own id; --source and --format do not apply")
	}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "tripline-lists-")
		if err != nil {
			return nil, &tripline.Error{Op: "ingest.Update", Kind: tripline.KindInternal, Msg: "cannot make a download folder", Err: err}
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	results := []UpdateResult{}
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		res := im.updateOne(ctx, dl, src, dir, o)
		results = append(results, res)
		if each != nil {
			each(res)
		}
	}
	return results, ctx.Err()
}

func (im *Importer) updateOne(ctx context.Context, dl *download.Client, src official.Source, dir string, o ImportOptions) UpdateResult {
	res := UpdateResult{Source: src.ID}
	fail := func(err error) UpdateResult {
		res.Err, res.Error = err, err.Error()
		if pe := tripline.ParseErrorOf(err); pe != nil {
			res.Error = pe.Error()
		}
		return res
	}
	srcDir, n, err := dl.Source(ctx, src, dir)
	res.Downloaded = n
	if err != nil {
		return fail(err)
	}
	rep, err := im.Import(ctx, []string{srcDir}, o)
	switch {
	case err != nil:
		return fail(err)
	case len(rep.Imports) != 1:
		return fail(tripline.Errorf(tripline.KindInvalid, "expected one dataset in the download of %s, found %d", src.ID, len(rep.Imports)))
	}
	r := rep.Imports[0]
	res.Import = &r
	switch {
	case r.Error != "":
		res.Err, res.Error = r.Err, r.Error
	case r.Source != src.ID:
		// Cannot happen with the registry's own files; a mirror serving
		// another list is refused by the guards or lands here.
		res.Err = tripline.Errorf(tripline.KindInvalid, "the download of %s was read as source %s", src.ID, r.Source)
		res.Error = fmt.Sprint(res.Err)
	}
	return res
}
