package httpapi

// Routes lists the served routes as "METHOD /path" (for tests).
func Routes(s *Server) []string {
	var out []string
	for _, r := range s.routeTable() {
		out = append(out, r.method+" "+r.path)
	}
	return out
}
