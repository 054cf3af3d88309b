package main

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/httpapi"
)

// networks serves the graph endpoints: it builds the graph from the
// imported records and the current list snapshots on first use, and again
// when either changes.
type networks struct {
	m     *Main
	store tripline.Store

	mu     sync.Mutex
	key    string
	g      *graph.Graph
	scores *graph.Scores
}

var _ httpapi.Networks = (*networks)(nil)

// current returns the graph and scores for the current records and lists.
func (n *networks) current(ctx context.Context) (*graph.Graph, *graph.Scores, error) {
	snaps, err := n.store.CurrentSnapshots(ctx)
	if err != nil {
		return nil, nil, err
	}
	key := ""
	for _, s := range snaps {
		key += s.Source + "=" + s.ImportedAt.String() + ";"
	}
	fi, err := os.Stat(n.m.graphBookPath())
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil, tripline.Errorf(tripline.KindNotFound, "no network records imported: run \"tripline graph import\" first")
		}
		return nil, nil, &tripline.Error{Op: "networks", Kind: tripline.KindInternal, Err: err}
	}
	key += fi.ModTime().String()
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.g != nil && n.key == key {
		return n.g, n.scores, nil
	}
	empty := ""
	g, err := n.m.buildGraph(ctx, &graphFlags{sources: &empty, listDate: &empty})
	if err != nil {
		return nil, nil, err
	}
	n.g, n.scores, n.key = g, g.Score(time.Now().UTC().Format("2006-01-02")), key
	return n.g, n.scores, nil
}

func (n *networks) Neighbourhood(ctx context.Context, id string, depth, limit int) (any, error) {
	g, _, err := n.current(ctx)
	if err != nil {
		return nil, err
	}
	return g.Neighbourhood(id, depth, limit)
}

func (n *networks) Risk(ctx context.Context, flaggedOnly bool, limit int) (any, error) {
	_, s, err := n.current(ctx)
	if err != nil {
		return nil, err
	}
	rs := s.Ranked(flaggedOnly)
	if limit > 0 && len(rs) > limit {
		rs = rs[:limit]
	}
	return rs, nil
}
