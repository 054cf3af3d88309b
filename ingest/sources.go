package ingest

import (
	"slices"

	"github.com/tripline/tripline/ingest/csl"
	"github.com/tripline/tripline/ingest/dfat"
	"github.com/tripline/tripline/ingest/dpl"
	"github.com/tripline/tripline/ingest/eu"
	"github.com/tripline/tripline/ingest/ofac"
	"github.com/tripline/tripline/ingest/official"
	"github.com/tripline/tripline/ingest/ukofsi"
	"github.com/tripline/tripline/ingest/uksl"
	"github.com/tripline/tripline/ingest/un"
)

// officialSources is the registry: every official publication, as its
// format package declares it, in the order "tripline lists" shows them.
var officialSources = slices.Concat(ofac.Sources, csl.Sources, dpl.Sources, eu.Sources, un.Sources, ukofsi.Sources, uksl.Sources, dfat.Sources)

// OfficialSources returns the registry of official publications (a copy).
// A source in it is "official": an import of it in another format is
// refused unless the user overrides, and over the HTTP API only an admin
// may replace it.
func OfficialSources() []official.Source { return slices.Clone(officialSources) }

// OfficialSource returns the official source with id, and whether there is
// one.
func OfficialSource(id string) (official.Source, bool) {
	for _, s := range officialSources {
		if s.ID == id {
			return s, true
		}
	}
	return official.Source{}, false
}
