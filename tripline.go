// Package tripline is the vocabulary of the Tripline counter-proliferation
// screening platform: the canonical entity model every list is read into,
// sources and their snapshots, screening queries and matches, and the
// interfaces (Store, Screener) that the implementation packages satisfy.
//
// It imports only the standard library. Implementations live in sibling
// packages (ingest/..., sqlite, match, httpapi) and talk to each other
// through these types; cmd/tripline wires them together.
package tripline

import (
	"context"
	"time"
)

// Schema is the kind of thing an entity is. The values follow the
// FollowTheMoney schema names so that FtM data goes in and out unchanged.
type Schema string

// The schemata Tripline distinguishes. LegalEntity is used when a source
// does not say whether a party is a person or an organisation.
const (
	SchemaPerson       Schema = "Person"
	SchemaOrganization Schema = "Organization"
	SchemaCompany      Schema = "Company"
	SchemaLegalEntity  Schema = "LegalEntity"
	SchemaVessel       Schema = "Vessel"
	SchemaAirplane     Schema = "Airplane"
)

// IsParty reports whether s is a person or organisation-like schema (as
// opposed to an asset such as a vessel or aircraft).
func (s Schema) IsParty() bool {
	switch s {
	case SchemaPerson, SchemaOrganization, SchemaCompany, SchemaLegalEntity:
		return true
	}
	return false
}

// IsOrganization reports whether s is an organisation-like schema.
func (s Schema) IsOrganization() bool {
	return s == SchemaOrganization || s == SchemaCompany
}

// NameKind says how strongly a name identifies its entity.
type NameKind string

// Name kinds. A weak alias is short or generic (OFAC's single-quoted
// "a.k.a. 'BNC'", UN "Low" quality, UK "Low quality") and counts for less in
// screening.
const (
	NamePrimary NameKind = "primary"
	NameAlias   NameKind = "alias"
	NameWeak    NameKind = "weak"
)

// Name is one name of an entity.
type Name struct {
	// Full is the name as the source writes it.
	Full string `json:"full"`
	// Kind is primary, alias or weak.
	Kind NameKind `json:"kind"`
	// Qualifier keeps the source's alias type: "aka", "fka" (formerly known
	// as), "nka" (now known as), or "" when none is given.
	Qualifier string `json:"qualifier,omitempty"`
	// Parts are the name parts where the source gives them.
	Parts []NamePart `json:"parts,omitempty"`
	// Script is the ISO 15924 code of a non-Latin original-script name
	// ("Arab", "Cyrl", "Hani" ...); empty for Latin.
	Script string `json:"script,omitempty"`
	// Lang is the language of the name where the source gives it.
	Lang string `json:"lang,omitempty"`
}

// NamePart is one typed part of a name.
type NamePart struct {
	// Type is one of given, middle, family, patronymic, matronymic, title,
	// suffix, other.
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Address is a postal address; sources often give only a city or country.
type Address struct {
	Full       string `json:"full,omitempty"`
	Street     string `json:"street,omitempty"`
	City       string `json:"city,omitempty"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	// Country is an ISO 3166-1 alpha-2 code in upper case where it could be
	// resolved, else the source's text.
	Country string `json:"country,omitempty"`
}

// Identifier is an identity document or registry number.
type Identifier struct {
	// Type is a normalised identifier type: passport, national_id, tax,
	// registration, imo, mmsi, swift_bic, lei, call_sign, aircraft_serial,
	// aircraft_tail, crypto_wallet, ... or "other".
	Type  string `json:"type"`
	Value string `json:"value"`
	// Country is the issuing country (ISO alpha-2) where known.
	Country string `json:"country,omitempty"`
	// Note keeps whatever else the source said ("expires 2020", "KnownFalse").
	Note string `json:"note,omitempty"`
}

// Link connects an entity to another, listed or not.
type Link struct {
	// Type is the relation: linked_to, owned_by, owns, director_of,
	// directed_by, acting_for, successor_of, predecessor_of, associate,
	// family, member_of, ...
	Type string `json:"type"`
	// TargetID is the target's entity id when the source gives one.
	TargetID string `json:"target_id,omitempty"`
	// TargetName is the target's name as the source writes it (OFAC's
	// "Linked To:" gives a name, not an id).
	TargetName string `json:"target_name,omitempty"`
	// Share is an ownership share in [0,1] when known, else 0.
	Share float64 `json:"share,omitempty"`
}

// Entity is the canonical record of one listed party or asset.
type Entity struct {
	// ID is "SOURCE:NATIVE_ID", stable across imports of the source.
	ID       string `json:"id"`
	Source   string `json:"source"`
	SourceID string `json:"source_id"`
	Schema   Schema `json:"schema"`
	// Names holds every name; the first primary name is the caption.
	Names         []Name       `json:"names"`
	Addresses     []Address    `json:"addresses,omitempty"`
	Countries     []string     `json:"countries,omitempty"`
	Nationalities []string     `json:"nationalities,omitempty"`
	BirthDates    []string     `json:"birth_dates,omitempty"` // ISO date prefixes: 1975, 1975-04, 1975-04-21
	BirthPlaces   []string     `json:"birth_places,omitempty"`
	Gender        string       `json:"gender,omitempty"`
	Identifiers   []Identifier `json:"identifiers,omitempty"`
	Emails        []string     `json:"emails,omitempty"`
	Phones        []string     `json:"phones,omitempty"`
	Websites      []string     `json:"websites,omitempty"`
	Programs      []string     `json:"programs,omitempty"`
	ListedOn      string       `json:"listed_on,omitempty"` // ISO date
	Remarks       string       `json:"remarks,omitempty"`
	Links         []Link       `json:"links,omitempty"`
	// Properties keeps source fields without a place above (title,
	// vessel_type, tonnage, flag, topics ...), FtM-style: every value a list.
	Properties map[string][]string `json:"properties,omitempty"`
}

// Caption is the entity's display name: its first primary name, else its
// first name, else its id.
func (e *Entity) Caption() string {
	for _, n := range e.Names {
		if n.Kind == NamePrimary {
			return n.Full
		}
	}
	if len(e.Names) > 0 {
		return e.Names[0].Full
	}
	return e.ID
}

// AddProperty appends values to a free-form property, skipping empty ones.
func (e *Entity) AddProperty(key string, values ...string) {
	for _, v := range values {
		if v == "" {
			continue
		}
		if e.Properties == nil {
			e.Properties = map[string][]string{}
		}
		e.Properties[key] = append(e.Properties[key], v)
	}
}

// Dataset is one parsed publication of a source, ready to be stored as a
// snapshot.
type Dataset struct {
	// Source is the source id ("ofac-sdn", "eu-fsf", ...).
	Source string
	// Format names the reader that produced it ("ofac-csv", "eu-fsf-csv" ...).
	Format string
	// PublishedAt is the publication date the file carries (ISO date), or ""
	// when the file carries none.
	PublishedAt string
	// Hash identifies the content: the hex SHA-256 of the input file's
	// bytes for a one-file publication, and for a set of files the SHA-256
	// of their sorted per-file digests (fileutil.HashFiles). File names do
	// not enter it, so the same bytes under another name are the same
	// snapshot; an identical re-import is recognised by it.
	Hash string
	// Files are the paths read (or, for an upload, the names the client
	// gave).
	Files []string
	// FileHashes are the hex SHA-256 of each of Files, in the same order,
	// when known; the audit trail records them.
	FileHashes []string
	// Incomplete lists why the publication does not prove itself whole: an
	// end-of-file marker its format always carries is missing (OFAC's
	// 0x1A). The guarded import path (ingest.Importer) refuses such a
	// dataset unless the user overrides it.
	Incomplete []string
	// Overrides names the import guards a user overrode for this dataset
	// ("shrink", "format-change", "incomplete") and Reason says why; the
	// store keeps both in the audit trail and the overrides with the
	// snapshot.
	Overrides []string
	Reason    string
	// Entities are the records, in source order.
	Entities []*Entity
	// Warnings are non-fatal problems (a skipped row, an unknown code), each
	// naming its file and line.
	Warnings []string
}

// Snapshot is one stored import of a source.
type Snapshot struct {
	ID          int64     `json:"id"`
	Source      string    `json:"source"`
	Format      string    `json:"format"`
	PublishedAt string    `json:"published_at,omitempty"`
	ImportedAt  time.Time `json:"imported_at"`
	Hash        string    `json:"hash"`
	Files       []string  `json:"files,omitempty"`
	EntityCount int       `json:"entity_count"`
	Current     bool      `json:"current"`
	// Overrides are the import guards overridden to store it ("shrink" …);
	// an accepted shrink is the new baseline of the shrink guard.
	Overrides []string `json:"overrides,omitempty"`
}

// SourceInfo describes a known source.
type SourceInfo struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	// URL is the official download address(es) used by `lists update`.
	URLs []string `json:"urls,omitempty"`
	// Licence is the reuse terms of the publication.
	Licence string `json:"licence,omitempty"`
}

// EntityFilter selects entities for Store.EachEntity.
type EntityFilter struct {
	// Sources restricts to these sources; empty means all.
	Sources []string
	// SnapshotID selects one snapshot instead of the current snapshots.
	SnapshotID int64
}

// Store persists sources as snapshots of canonical entities.
//
// Errors are *Error values: NotFound for an unknown id or snapshot, Invalid
// for a dataset that cannot be stored, Internal otherwise.
type Store interface {
	// Import writes ds as a new snapshot of ds.Source and makes it current,
	// in one transaction: on any error the previous snapshot stays current
	// and untouched. If ds.Hash equals the hash of the current snapshot, no
	// snapshot is written and created is false.
	Import(ctx context.Context, ds *Dataset) (snap Snapshot, created bool, err error)
	// Snapshots lists the snapshots of source, newest first.
	Snapshots(ctx context.Context, source string) ([]Snapshot, error)
	// CurrentSnapshots lists the current snapshot of every source.
	CurrentSnapshots(ctx context.Context) ([]Snapshot, error)
	// Entity returns the entity with id from its source's current snapshot,
	// or from snapshot snapshotID when it is not 0.
	Entity(ctx context.Context, id string, snapshotID int64) (*Entity, error)
	// EachEntity calls fn for every entity the filter selects, stopping at
	// fn's first error, which it returns.
	EachEntity(ctx context.Context, f EntityFilter, fn func(*Entity) error) error
	// Close releases the store.
	Close() error
}
