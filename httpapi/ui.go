package httpapi

import (
	"net/http"
	"strings"
)

// fallback answers the paths no route matches: the web interface
// (Server.UI) serves them, except under /v1/ and /match/, which stay the
// API's (a JSON 404 there); without a UI every such path is api's.
func (s *Server) fallback(api http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.UI != nil && !strings.HasPrefix(r.URL.Path, "/v1/") && !strings.HasPrefix(r.URL.Path, "/match/") {
			s.UI.ServeHTTP(w, r)
			return
		}
		api(w, r)
	}
}
