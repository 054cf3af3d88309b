// Package ftmmodel extracts the facts of the FollowTheMoney model that
// package ftm embeds (model.json) from the defaultModel.json of the
// @alephdata/followthemoney npm package, for the generator
// (ingest/ftm/internal/genmodel) and for the test that keeps the embedded
// facts equal to the package's.
package ftmmodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Package is the npm package whose model the facts come from, and the
// version scripts/test installs.
const (
	Package = "@alephdata/followthemoney"
	Version = "3.8.4"
)

// Schemata are the schemata Tripline writes or reads; their ancestors are
// kept too.
var Schemata = []string{
	"Person", "Organization", "Company", "PublicBody", "LegalEntity", "Vessel", "Airplane",
	"Address", "Identification", "Passport", "Sanction", "Occupancy", "Position",
	"Ownership", "Directorship", "Family", "Associate", "UnknownLink", "Succession",
	"Membership", "Employment", "Representation",
}

// vocabularies are the types whose values are codes of a fixed list.
var vocabularies = []string{"country", "gender", "topic", "language"}

// Model is the embedded form.
type Model struct {
	Comment  string             `json:"$comment"`
	Version  string             `json:"version"`
	Types    map[string]*Type   `json:"types"`
	Schemata map[string]*Schema `json:"schemata"`
}

// Type is a property type: its default length limit and, for
// vocabularies, the codes.
type Type struct {
	MaxLength int      `json:"maxLength"`
	Values    []string `json:"values,omitempty"`
}

// Schema is one schema with its own properties.
type Schema struct {
	Extends    []string             `json:"extends,omitempty"`
	Schemata   []string             `json:"schemata"`
	Abstract   bool                 `json:"abstract,omitempty"`
	Required   []string             `json:"required,omitempty"`
	Properties map[string]*Property `json:"properties"`
}

// Property is one property of a schema.
type Property struct {
	Type      string `json:"type"`
	MaxLength int    `json:"maxLength,omitempty"`
	Range     string `json:"range,omitempty"`
}

type rawModel struct {
	Types map[string]struct {
		MaxLength int               `json:"maxLength"`
		Values    map[string]string `json:"values"`
	} `json:"types"`
	Schemata map[string]struct {
		Extends    []string `json:"extends"`
		Schemata   []string `json:"schemata"`
		Abstract   bool     `json:"abstract"`
		Required   []string `json:"required"`
		Properties map[string]struct {
			Type      string `json:"type"`
			MaxLength int    `json:"maxLength"`
			Range     string `json:"range"`
			Stub      bool   `json:"stub"`
		} `json:"properties"`
	} `json:"schemata"`
}

// Extract reads dir/dist/defaultModel.json (dir is the package's folder)
// and returns the embedded form, indented, with a final newline.
func Extract(dir string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(dir, "dist", "defaultModel.json"))
	if err != nil {
		return nil, err
	}
	version := ""
	if pj, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil {
		var p struct {
			Version string `json:"version"`
		}
		if json.Unmarshal(pj, &p) == nil {
			version = p.Version
		}
	}
	var raw rawModel
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("defaultModel.json: %v", err)
	}
	m := &Model{
		Comment: "Facts of the FollowTheMoney model (schemata, properties, types) extracted from defaultModel.json of the npm package " +
			Package + " " + version + " (MIT licence, (c) OCCRP Data) by ingest/ftm/internal/genmodel; see ingest/ftm/PROVENANCE.md. Do not edit by hand.",
		Version:  version,
		Types:    map[string]*Type{},
		Schemata: map[string]*Schema{},
	}
	for name, t := range raw.Types {
		ty := &Type{MaxLength: t.MaxLength}
		for _, v := range vocabularies {
			if v == name {
				for code := range t.Values {
					ty.Values = append(ty.Values, code)
				}
				sort.Strings(ty.Values)
			}
		}
		m.Types[name] = ty
	}
	var add func(name string) error
	add = func(name string) error {
		if _, done := m.Schemata[name]; done {
			return nil
		}
		rs, ok := raw.Schemata[name]
		if !ok {
			return fmt.Errorf("defaultModel.json has no schema %s", name)
		}
		s := &Schema{Extends: rs.Extends, Schemata: rs.Schemata, Abstract: rs.Abstract, Required: rs.Required, Properties: map[string]*Property{}}
		for pn, p := range rs.Properties {
			if p.Stub {
				continue // a computed reverse: never written
			}
			s.Properties[pn] = &Property{Type: p.Type, MaxLength: p.MaxLength, Range: p.Range}
		}
		m.Schemata[name] = s
		for _, e := range rs.Extends {
			if err := add(e); err != nil {
				return err
			}
		}
		return nil
	}
	for _, s := range Schemata {
		if err := add(s); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
