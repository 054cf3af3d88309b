package httpapi

import (
	"path"
	"regexp"
	"strings"
)

// publicMessage is msg as a client may see it: without the operation
// prefixes of Tripline's packages ("sqlite.Import: ") and with server
// file paths cut to their base name. Messages are written to be safe
// already; this catches one built from a wrapped error's text.
func publicMessage(msg string) string {
	msg = opPrefix.ReplaceAllString(msg, "$1")
	msg = leadingOp.ReplaceAllString(msg, "")
	return serverPath.ReplaceAllStringFunc(msg, func(m string) string {
		lead := ""
		if m != "" && m[0] != '/' {
			lead, m = m[:1], m[1:]
		}
		if apiPath.MatchString(m) {
			return lead + m // a URL of this API, as the client sent it
		}
		return lead + path.Base(strings.TrimRight(m, "/"))
	})
}

// packages are the module's packages whose names start operation names.
const packages = `tripline|sqlite|postgres|httpapi|match|ingest|check|rules|decide|goods|graph|delta|names|apikey|fileutil|listutil|xlsx|readertest|tabular|ofac|csl|dpl|eu|un|ukofsi|uksl|dfat|ftm|demo|main|screen|compare|networks|monitor|notify|jobs|download`

var (
	// opPrefix is "pkg.Func: " (or "pkg.Type.Method: ") anywhere.
	opPrefix = regexp.MustCompile(`(^|[\s(:"])(?:` + packages + `)(?:\.[A-Za-z_][A-Za-z0-9_]*)+: `)
	// leadingOp is a bare "pkg: " at the start.
	leadingOp = regexp.MustCompile(`^(?:` + packages + `): `)
	// serverPath is an absolute path of two or more parts.
	serverPath = regexp.MustCompile(`(?:^|[\s"'(=])/[^\s"'():,;/]+(?:/[^\s"'():,;/]*)+`)
	// apiPath is a path of this API's URL space.
	apiPath = regexp.MustCompile(`^/(?:v[0-9]+|match|openapi\.json|healthz|readyz)(?:/|$)`)
)

// yenteError is an error response of /match: Tripline's error object and
// yente's ErrorResponse ({"detail": "..."}) in one.
type yenteError struct {
	errorBody
	Detail string `json:"detail"`
}
