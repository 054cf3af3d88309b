package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/graph"
)

// runGraphExport writes the network graph as GraphML or GEXF.
func runGraphExport(ctx context.Context, m *Main, args []string) error {
	fs, gf := m.graphFlagSet("graph export")
	format := fs.String("format", "graphml", "graphml (yEd, Cytoscape, Maltego) or gexf (Gephi)")
	out := fs.String("out", "", "write to FILE instead of standard output")
	all := fs.Bool("all", false, "also the listed entities that touch no record (by default the connected parts that hold the records)")
	asOf := fs.String("as-of", time.Now().UTC().Format("2006-01-02"), "reference date for company age")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline graph export: takes no arguments, only flags (see --help)")
		return errUsage
	}
	if *format != graph.FormatGraphML && *format != graph.FormatGEXF {
		return tripline.Errorf(tripline.KindInvalid, "unknown graph format %q (known: graphml, gexf)", *format)
	}
	g, err := m.buildGraph(ctx, gf)
	if err != nil {
		return err
	}
	scores := g.Score(*asOf)
	opt := graph.ExportOptions{All: *all}
	if err := writeOut(*out, m.Stdout, func(w io.Writer) error { return g.Write(w, *format, scores, opt) }); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(m.Stderr, "wrote %s (%s) to %s\n", *format, g, *out)
	}
	return nil
}

// writeOut runs write on standard output, or on FILE written whole or not
// at all (a temporary file renamed into place).
func writeOut(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return tripline.Errorf(tripline.KindInvalid, "cannot write %s: %v", path, unwrapPathErr(err))
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return tripline.Errorf(tripline.KindInvalid, "cannot write %s: %v", path, unwrapPathErr(err))
	}
	return nil
}
