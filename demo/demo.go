// Package demo bundles a small fictional set of sanctions lists, written in
// the real publication formats (OFAC SDN CSV, EU FSF CSV, UN XML), so that
// Tripline can be tried on a fresh machine with no network and no real data.
//
// Every name and number in the data is invented; see data/README.md.
package demo

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tripline/tripline"
)

//go:embed data
var data embed.FS

// Dataset is one bundled demo publication.
type Dataset struct {
	// Source is the source id the demo imports it under; demo sources are
	// kept apart from the real ones.
	Source string
	// Dir is its folder within FS and within an extracted copy.
	Dir string
	// Description says what the files are.
	Description string
	// Entities is the number of entities the files hold.
	Entities int
	// Update marks a later publication of a source listed before it: it is
	// imported after that one, so that the source has a delta to show.
	Update bool
}

// Datasets are the bundled publications, in import order.
var Datasets = []Dataset{
	{Source: "demo-ofac-sdn", Dir: "ofac_sdn", Description: "OFAC SDN CSV set (fictional)", Entities: 25},
	{Source: "demo-ofac-sdn", Dir: "ofac_sdn_update", Description: "a later OFAC SDN CSV set: one delisting, one new listing, a new alias, a new programme, a remarks-only change", Entities: 25, Update: true},
	{Source: "demo-eu-fsf", Dir: "eu_fsf", Description: "EU Financial Sanctions Files CSV (fictional)", Entities: 14},
	{Source: "demo-un-sc", Dir: "un_sc", Description: "UN Security Council Consolidated List XML (fictional)", Entities: 10},
}

// HasUpdate reports whether a later publication of d's source follows d
// in Datasets.
func (d Dataset) HasUpdate() bool {
	for _, o := range Datasets {
		if o.Update && o.Source == d.Source && o.Dir != d.Dir {
			return !d.Update
		}
	}
	return false
}

// FS returns the demo files, one folder per dataset.
func FS() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err) // the embedded tree always has data/
	}
	return sub
}

// Extract writes the demo files under dir, one folder per dataset (see
// Dataset.Dir), creating dir if needed.
func Extract(dir string) error {
	src := FS()
	err := fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(src, path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		return &tripline.Error{Op: "demo.Extract", Kind: tripline.KindInternal, Msg: "cannot write the demo files to " + dir, Err: err}
	}
	return nil
}
