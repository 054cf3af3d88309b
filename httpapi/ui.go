package httpapi

import (
	"net/http"
	"strings"

	"github.com/tripline/tripline"
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

// sharedWithUI wraps the handler of a path the web interface shares
// with yente's read API (GET /entities/{id}): a browser asking for HTML
// (its Accept names text/html) gets the interface's entity page, every
// other client yente's JSON, as before.
func (s *Server) sharedWithUI(api http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.UI != nil && strings.Contains(r.Header.Get("Accept"), "text/html") {
			s.UI.ServeHTTP(w, r)
			return
		}
		api(w, r)
	}
}

// Authenticate applies the API's rule to a request of the web interface,
// which carries its API key (token, "" for none) in a session cookie
// rather than a header: it returns the principal, or an Unauthorized
// error where a key is needed and none (or an invalid one) is given, or a
// Forbidden one when the key's role is below role. write marks a page
// that changes state, which needs a key as soon as any key exists, as the
// API's writes do.
func (s *Server) Authenticate(r *http.Request, token string, role tripline.Role, write bool) (tripline.Principal, error) {
	r2 := r.Clone(r.Context())
	r2.Header = r.Header.Clone()
	r2.Header.Del("X-Api-Key")
	r2.Header.Del("Authorization")
	if token != "" {
		r2.Header.Set("Authorization", "Bearer "+token)
	}
	return s.authenticate(r2.Context(), r2, access{role: role, write: write})
}
