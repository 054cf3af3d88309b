package httpapi

import (
	"net/http"

	"github.com/tripline/tripline"
)

// Routes lists the served routes as "METHOD /path" (for tests).
func Routes(s *Server) []string {
	var out []string
	for _, r := range s.routeTable() {
		out = append(out, r.method+" "+r.path)
	}
	return out
}

// RouteAccess gives each route's least role ("" for anyone) and whether
// it is a write, by "METHOD /path" (for tests).
func RouteAccess(s *Server) map[string]struct {
	Role  tripline.Role
	Write bool
} {
	out := map[string]struct {
		Role  tripline.Role
		Write bool
	}{}
	for _, r := range s.routeTable() {
		out[r.method+" "+r.path] = struct {
			Role  tripline.Role
			Write bool
		}{r.access.role, r.access.write}
	}
	return out
}

// Guard wraps h as the route table wraps a route that needs role, a
// write when write is set (for tests of authentication and errors).
func Guard(s *Server, role tripline.Role, write bool, h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return s.handle(route{h: h, access: access{role: role, write: write}})
}
