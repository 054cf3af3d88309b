package ftm

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Tripline's notes. What FtM has no property for, and every value that is
// not valid for its FtM property, is written to the entity's "notes" (or
// "summary" on schemata without notes: Sanction, Identification and the
// relationships), one note a value, so that a validating consumer reads a
// valid entity and a person reads everything, and so that ReadJSON puts
// each value back where it came from:
//
//	[tripline KEY] VALUE              VALUE is KEY's; nothing was written for it
//	[tripline KEY=["C1","C2"]] VALUE  and C1, C2 were written in KEY for it
//	[tripline KEY=["C"]]              C was written in KEY and stands for no value
//	[tripline KEY+] MORE              continues the note before (a note is at
//	                                  most FtM's 65,000 characters)
//	[tripline KEY>PROP=["C"]] VALUE   VALUE is KEY's, a list's field that FtM
//	                                  property PROP also says, where C was
//	                                  written ("organization_established_date"
//	                                  as "incorporationDate")
//
// KEY is an FtM property of the entity's schema ("country", "email",
// "name" …: the cleaned values C are what it holds, e.g. "iq" for "Iraq
// (previous address)"), a property Tripline keeps that FtM does not have
// (the list's own fields: "list", "entity_number", "secondary_sanctions_risk"
// …), or one of:
//
//	property:NAME  a Tripline property whose name FtM uses for something else
//	link           a link FtM cannot carry: TYPE|SHARE|TARGET_ID|TARGET_NAME
//	               (a target not in the export, or of a schema the
//	               relationship's range excludes, or known only by name)
//	identifier     an identifier FtM cannot carry: TYPE|COUNTRY|NOTE|VALUE
//	               (on a vessel or aircraft, or too long for a number)
//	id             the entity's Tripline id, where its FtM id is a hash
//	name-detail    what FtM's name properties do not say of a name:
//	               KIND|QUALIFIER|LANG|NAME (an alias that is not "aka",
//	               a weak alias with a qualifier, a name's language)
//
// A KEY with a space, "]", "=", "+", ">" or a quote is written as a JSON
// string.
const notePrefix = "[tripline "

// maxNote is the length limit of FtM's text type.
const maxNote = 65000

// Internal property keys the notes' special KEYs stand for.
const (
	keyLink       = "tripline:link"
	keyIdentifier = "tripline:identifier"
	keyID         = "tripline:id"
	keyName       = "tripline:name"
)

// noteKey is the KEY a note uses for an internal property key.
func noteKey(k string) string {
	switch {
	case k == keyLink:
		return "link"
	case k == keyIdentifier:
		return "identifier"
	case k == keyID:
		return "id"
	case k == keyName:
		return "name-detail"
	case strings.HasPrefix(k, escapedProp):
		return "property:" + k[len(escapedProp):]
	}
	return k
}

// internalKey is noteKey's inverse.
func internalKey(k string) string {
	switch {
	case k == "link":
		return keyLink
	case k == "identifier":
		return keyIdentifier
	case k == "id":
		return keyID
	case k == "name-detail":
		return keyName
	case strings.HasPrefix(k, "property:"):
		return escapedProp + k[len("property:"):]
	}
	return k
}

// encodeNotes writes the notes for value v of internal key k, for which
// the cleaned values added were written in FtM property prop (k's own
// when prop is "").
func encodeNotes(k, prop string, added []string, v string) []string {
	key := noteKey(k)
	if key == "" || strings.ContainsAny(key, " ]=+>\"[\\") || !utf8.ValidString(key) || strings.ContainsFunc(key, func(r rune) bool { return r < ' ' }) {
		key = jsonText(key)
	}
	if prop != "" {
		key += ">" + prop
	}
	head := notePrefix + key
	if len(added) > 0 {
		b, _ := json.Marshal(added)
		head += "=" + string(b)
	}
	head += "]"
	if v == "" {
		return []string{head}
	}
	var out []string
	rest := []rune(v)
	for first := true; len(rest) > 0; first = false {
		h := head
		if !first {
			h = notePrefix + key + "+]"
		}
		room := maxNote - utf8.RuneCountInString(h) - 1
		n := min(room, len(rest))
		out = append(out, h+" "+string(rest[:n]))
		rest = rest[n:]
	}
	return out
}

func jsonText(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSpace(buf.String())
}

// note is one parsed note.
type note struct {
	key   string // internal key
	prop  string // the FtM property the added values are in, if not key
	added []string
	more  bool // continues the previous note
	value string
}

// parseNote reads one of Tripline's notes; ok is false for any other text.
func parseNote(s string) (n note, ok bool) {
	if !strings.HasPrefix(s, notePrefix) {
		return n, false
	}
	rest := s[len(notePrefix):]
	if strings.HasPrefix(rest, `"`) {
		dec := json.NewDecoder(strings.NewReader(rest))
		if err := dec.Decode(&n.key); err != nil {
			return n, false
		}
		rest = rest[dec.InputOffset():]
	} else {
		i := strings.IndexAny(rest, "]=+>")
		if i <= 0 {
			return n, false
		}
		n.key, rest = rest[:i], rest[i:]
	}
	if strings.HasPrefix(rest, ">") {
		i := strings.IndexAny(rest, "]=+")
		if i <= 1 {
			return n, false
		}
		n.prop, rest = rest[1:i], rest[i:]
	}
	if strings.HasPrefix(rest, "+") {
		n.more, rest = true, rest[1:]
	} else if strings.HasPrefix(rest, "=") {
		dec := json.NewDecoder(strings.NewReader(rest[1:]))
		if err := dec.Decode(&n.added); err != nil {
			return n, false
		}
		rest = rest[1+dec.InputOffset():]
	}
	if !strings.HasPrefix(rest, "]") {
		return n, false
	}
	rest = rest[1:]
	switch {
	case rest == "":
	case strings.HasPrefix(rest, " "):
		n.value = rest[1:]
	default:
		return n, false
	}
	n.key = internalKey(n.key)
	return n, true
}

// restore undoes the writer's notes on fe: the cleaned values written for
// a note's value are taken out of the property again and the value put
// back under its key, so that the reader sees the entity as Tripline had
// it. Other notes stay.
func restore(fe *Entity) {
	var notes []note
	for _, field := range []string{"notes", "summary"} {
		vs := fe.Properties[field]
		if len(vs) == 0 {
			continue
		}
		var keep []string
		found := false
		for _, v := range vs {
			n, ok := parseNote(v)
			switch {
			case !ok:
				keep = append(keep, v)
			case n.more && len(notes) > 0 && notes[len(notes)-1].key == n.key:
				notes[len(notes)-1].value += n.value
				found = true
			case n.more:
				keep = append(keep, v)
			default:
				notes = append(notes, n)
				found = true
			}
		}
		if !found {
			continue
		}
		if len(keep) > 0 {
			fe.Properties[field] = keep
		} else {
			delete(fe.Properties, field)
		}
	}
	for _, n := range notes {
		prop := n.key
		if n.prop != "" {
			prop = n.prop
		}
		for _, c := range n.added {
			ps := fe.Properties[prop]
			for i, p := range ps {
				if p == c {
					ps = append(ps[:i:i], ps[i+1:]...)
					break
				}
			}
			if len(ps) == 0 {
				delete(fe.Properties, prop)
			} else {
				fe.Properties[prop] = ps
			}
		}
		if n.value != "" {
			fe.Properties[n.key] = append(fe.Properties[n.key], n.value)
		}
	}
}
