package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"

	"github.com/tripline/tripline/postgres"
)

// indexDir is the directory of the index files (package match/indexfile)
// for the database in use: $TRIPLINE_INDEX_DIR when set ("off": none),
// else beside a SQLite file (lists.db → lists.db.index/), else, for a
// PostgreSQL URL, a directory of the user's cache directory named after
// the URL without its password; "" for none.
func (m *Main) indexDir() string {
	switch v := m.Getenv("TRIPLINE_INDEX_DIR"); v {
	case "off":
		return ""
	case "":
	default:
		return v
	}
	if postgres.IsURL(m.DBPath) {
		c, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		h := sha256.Sum256([]byte(postgres.Redact(m.DBPath)))
		return filepath.Join(c, "tripline", "index-"+hex.EncodeToString(h[:8]))
	}
	if m.DBPath == "" || strings.HasPrefix(m.DBPath, ":memory:") || strings.HasPrefix(m.DBPath, "file:") {
		return ""
	}
	return m.DBPath + ".index"
}
