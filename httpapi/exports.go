package httpapi

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/tripline/tripline"
)

// NetworkExporter writes the network graph in an exchange format
// (graph.Live implements it): "graphml" or "gexf", every node with its
// risk and every edge with its evidence; all includes the listed entities
// that touch no record.
type NetworkExporter interface {
	Export(ctx context.Context, w io.Writer, format string, all bool) error
}

// graphFormats are the content types of the graph formats.
var graphFormats = map[string]string{
	"graphml": "application/graphml+xml",
	"gexf":    "application/gexf+xml",
}

// graphExport answers GET /v1/graph/export?format=graphml|gexf[&all=true]:
// the network for Gephi, yEd, Cytoscape or Maltego, as an attachment.
func (s *Server) graphExport(w http.ResponseWriter, r *http.Request) error {
	ex, ok := s.Networks.(NetworkExporter)
	if s.Networks == nil || !ok {
		return errNoNetworks
	}
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "graphml"
	}
	ct, ok := graphFormats[format]
	if !ok {
		return tripline.Errorf(tripline.KindInvalid, "format must be graphml or gexf, got %q", format)
	}
	all := false
	if v := q.Get("all"); v != "" {
		var err error
		if all, err = strconv.ParseBool(v); err != nil {
			return tripline.Errorf(tripline.KindInvalid, "all must be true or false")
		}
	}
	// Written aside first, so that a failure is still an error answer.
	var buf bytes.Buffer
	if err := ex.Export(r.Context(), &buf, format, all); err != nil {
		return err
	}
	w.Header().Set("Content-Type", ct+"; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="tripline-network.`+format+`"`)
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(buf.Bytes())
	return err
}
