package ingest

import (
	"testing"

	"github.com/tripline/tripline"
)

func TestRetagMovesLinks(t *testing.T) {
	ds := &tripline.Dataset{Source: "ofac-sdn", Entities: []*tripline.Entity{
		{ID: "ofac-sdn:1", Source: "ofac-sdn", SourceID: "1", Links: []tripline.Link{{Type: "linked_to", TargetID: "ofac-sdn:2"}, {Type: "linked_to", TargetID: "un-sc:X"}}},
		{ID: "ofac-sdn:2", Source: "ofac-sdn", SourceID: "2"},
	}}
	retag(ds, "mine")
	if ds.Source != "mine" || ds.Entities[0].ID != "mine:1" || ds.Entities[1].Source != "mine" {
		t.Fatalf("entities not moved: %+v", ds.Entities)
	}
	if got := ds.Entities[0].Links[0].TargetID; got != "mine:2" {
		t.Errorf("link inside the dataset points at %q, want mine:2", got)
	}
	if got := ds.Entities[0].Links[1].TargetID; got != "un-sc:X" {
		t.Errorf("link outside the dataset changed to %q", got)
	}
}
