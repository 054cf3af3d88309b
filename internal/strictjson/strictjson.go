// Package strictjson decodes one JSON value into a Go value and explains
// what is wrong with it in words a user can act on: where a syntax error
// is, which field has the wrong type, which field is not known (with its
// path, e.g. parties[0].rol) — without ever reading the text of an
// encoding/json error, which has no type for an unknown field.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/tripline/tripline"
)

// Decode decodes data, which must hold exactly one JSON value, into v.
// With strict set, a member of an object that v has no field for is an
// error naming it. Errors are KindInvalid *tripline.Error values.
func Decode(data []byte, v any, strict bool) error {
	if !strict {
		if err := decode(data, v, false); err != nil {
			return describe(err)
		}
		return nil
	}
	// One strict pass decodes a good body (most are); a bad one is
	// decoded again, into a fresh value, to say what is wrong with it as
	// a lenient pass and then a strict one see it.
	if decode(data, v, true) == nil {
		return nil
	}
	if t := reflect.TypeOf(v); t != nil && t.Kind() == reflect.Pointer {
		v = reflect.New(t.Elem()).Interface()
	}
	if err := decode(data, v, false); err != nil {
		return describe(err)
	}
	if err := decode(data, v, true); err != nil {
		// The lenient decode succeeded, so the strict one failed only
		// on a member v has no field for: find it.
		var tree any
		if json.Unmarshal(data, &tree) == nil {
			if path := unknownField(tree, reflect.TypeOf(v), ""); path != "" {
				return tripline.Errorf(tripline.KindInvalid, "unknown field %q", path)
			}
		}
		return tripline.Errorf(tripline.KindInvalid, "invalid JSON: a member is not a known field")
	}
	return nil
}

func decode(data []byte, v any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errMore
	}
	return nil
}

var errMore = errors.New("more than one value")

// describe turns a decoding error into a user's message.
func describe(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, errMore):
		return tripline.Errorf(tripline.KindInvalid, "invalid JSON: more than one value")
	case errors.Is(err, io.EOF):
		return tripline.Errorf(tripline.KindInvalid, "empty: expected a JSON value")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return tripline.Errorf(tripline.KindInvalid, "invalid JSON: the input ends early")
	case errors.As(err, &se):
		return tripline.Errorf(tripline.KindInvalid, "invalid JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "(top level)"
		}
		return tripline.Errorf(tripline.KindInvalid, "invalid JSON: field %s must be %s, got %s (byte %d)", field, te.Type, te.Value, te.Offset)
	}
	return &tripline.Error{Kind: tripline.KindInvalid, Msg: "invalid JSON", Err: err}
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

// unknownField returns the path of the first member of v (a decoded JSON
// tree) that type t has no field for, or "".
func unknownField(v any, t reflect.Type, path string) string {
	if t == nil {
		return ""
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(unmarshaler) || reflect.PointerTo(t).Implements(unmarshaler) {
		return "" // decodes itself
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		fields := fieldsOf(t)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ft, ok := fields[k]
			if !ok {
				ft, ok = fields[strings.ToLower(k)] // encoding/json folds case
			}
			if !ok {
				return path + k
			}
			if p := unknownField(m[k], ft, path+k+"."); p != "" {
				return p
			}
		}
	case reflect.Slice, reflect.Array:
		a, ok := v.([]any)
		if !ok {
			return ""
		}
		base := strings.TrimSuffix(path, ".")
		for i, x := range a {
			if p := unknownField(x, t.Elem(), fmt.Sprintf("%s[%d].", base, i)); p != "" {
				return p
			}
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p := unknownField(m[k], t.Elem(), path+k+"."); p != "" {
				return p
			}
		}
	}
	return ""
}

var fieldCache sync.Map // reflect.Type → map[string]reflect.Type

// fieldsOf returns the JSON member names of struct type t (each also in
// lower case) with their types, embedded structs' fields promoted.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]reflect.Type)
	}
	out := map[string]reflect.Type{}
	var walk func(t reflect.Type, depth int)
	walk = func(t reflect.Type, depth int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			ft := f.Type
			if f.Anonymous && name == "" {
				et := ft
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct && depth < 8 {
					walk(et, depth+1)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if _, ok := out[name]; !ok {
				out[name] = ft
			}
			if l := strings.ToLower(name); out[l] == nil {
				out[l] = ft
			}
		}
	}
	walk(t, 0)
	fieldCache.Store(t, out)
	return out
}
