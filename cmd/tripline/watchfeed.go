package main

import (
	"context"
	"fmt"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
	"github.com/tripline/tripline/internal/country"
	"github.com/tripline/tripline/monitor"
)

// evaluatorFor returns the watch evaluator over st (watches of register
// rows, claims and network companies), nil when st keeps no watches.
func evaluatorFor(st tripline.Store) *monitor.Evaluator {
	ws, ok := st.(tripline.WatchEvalStore)
	if !ok {
		return nil
	}
	e := &monitor.Evaluator{Store: ws}
	if ns, ok := st.(tripline.NetworkStore); ok {
		e.Lists, e.Records = st, ns
		e.Network = &graph.Live{Source: graph.Source{Lists: st, Records: ns, Options: graph.Options{CountryName: country.Name, CountryCode: country.Code}}}
	}
	return e
}

// factObservers are the observers an import of register rows, articles
// or network records tells: the watch evaluator.
func (m *Main) factObservers(ctx context.Context) []tripline.FactObserver {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil
	}
	if e := evaluatorFor(st); e != nil {
		return []tripline.FactObserver{e}
	}
	return nil
}

// printFactReport prints what the observers of an import did: their
// notes on stdout, their failures on stderr.
func (m *Main) printFactReport(rep tripline.FactReport) {
	for _, n := range rep.Notes {
		fmt.Fprintln(m.Stdout, n)
	}
	for _, e := range rep.Errors {
		fmt.Fprintln(m.Stderr, "warning: "+e)
	}
}
