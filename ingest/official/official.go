// Package official is the type with which each format package (ofac, csl,
// dpl, eu, un, ukofsi, uksl, dfat) declares the official publications it
// reads: the source id, who publishes it, where, under which licence, in
// which format, and what the format itself guarantees about completeness.
// Package ingest collects the declarations into the registry
// (ingest.OfficialSources); the import guards, "tripline lists" and
// "tripline sources" read it there.
package official

import "github.com/tripline/tripline"

// File is one file of a publication: the name the readers recognise it by,
// and its official download address.
type File struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Source is one official publication.
type Source struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Licence   string `json:"licence,omitempty"`
	// Format is the format name the publication is read as; an import of
	// the source in another format is refused unless the user overrides.
	Format string `json:"format"`
	// Integrity says what the format guarantees about a publication being
	// whole, and so what the reader checks.
	Integrity string `json:"integrity"`
	// Files are the publication's files; "tripline lists update"
	// downloads them. Empty for a source Tripline reads but does not
	// download.
	Files []File `json:"files,omitempty"`
}

// Info returns the source as the root package describes sources.
func (s Source) Info() tripline.SourceInfo {
	info := tripline.SourceInfo{ID: s.ID, Title: s.Title, Publisher: s.Publisher, Licence: s.Licence}
	for _, f := range s.Files {
		info.URLs = append(info.URLs, f.URL)
	}
	return info
}
