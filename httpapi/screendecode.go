package httpapi

import (
	"strconv"
	"unicode/utf8"

	"github.com/tripline/tripline"
)

// decodeScreenFast decodes the plain shape most POST /v1/screen bodies
// have — the members queries (objects of id, name, type, country,
// birth_date), threshold, limit and sources, each once, in their own
// case, strings without escapes, non-negative plain numbers — without
// encoding/json's reflection, into a zero req. It reports false for
// anything else, and the caller then decodes the body with strictjson,
// which fills req again from scratch and words what is wrong: whatever
// this accepts, strictjson decodes to the same value
// (FuzzDecodeScreenFast).
func decodeScreenFast(data []byte, req *ScreenRequest) bool {
	p := &fastParser{b: data}
	*req = ScreenRequest{}
	ok := p.object(func(key []byte) bool {
		switch string(key) {
		case "queries":
			if req.Queries != nil {
				return false
			}
			req.Queries = []tripline.Query{}
			return p.array(func() bool {
				var q tripline.Query
				seen := 0
				ok := p.object(func(key []byte) bool {
					var f *string
					var bit int
					switch string(key) {
					case "id":
						f, bit = &q.ID, 1
					case "name":
						f, bit = &q.Name, 2
					case "type":
						f, bit = &q.Type, 4
					case "country":
						f, bit = &q.Country, 8
					case "birth_date":
						f, bit = &q.BirthDate, 16
					default:
						return false
					}
					if seen&bit != 0 {
						return false
					}
					seen |= bit
					s, ok := p.str()
					*f = s
					return ok
				})
				req.Queries = append(req.Queries, q)
				return ok
			})
		case "threshold":
			if p.seenThreshold {
				return false
			}
			p.seenThreshold = true
			num, _, ok := p.number()
			if !ok {
				return false
			}
			f, err := strconv.ParseFloat(string(num), 64)
			req.Threshold = f
			return err == nil
		case "limit":
			if p.seenLimit {
				return false
			}
			p.seenLimit = true
			num, frac, ok := p.number()
			if !ok || frac || len(num) > 9 {
				return false
			}
			n, err := strconv.Atoi(string(num))
			req.Limit = n
			return err == nil
		case "sources":
			if req.Sources != nil {
				return false
			}
			req.Sources = []string{}
			return p.array(func() bool {
				s, ok := p.str()
				req.Sources = append(req.Sources, s)
				return ok
			})
		}
		return false
	})
	p.space()
	return ok && p.i == len(p.b)
}

// fastParser reads the subset of JSON decodeScreenFast accepts.
type fastParser struct {
	b                        []byte
	i                        int
	seenThreshold, seenLimit bool
}

func (p *fastParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// next skips white space and consumes c.
func (p *fastParser) next(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *fastParser) peek(c byte) bool {
	p.space()
	return p.i < len(p.b) && p.b[p.i] == c
}

// object reads {"key": value, ...}, member calling for each key with the
// parser at the value.
func (p *fastParser) object(member func(key []byte) bool) bool {
	if !p.next('{') {
		return false
	}
	if p.next('}') {
		return true
	}
	for {
		p.space()
		key, ok := p.rawStr()
		if !ok || !p.next(':') || !member(key) {
			return false
		}
		if p.next('}') {
			return true
		}
		if !p.next(',') {
			return false
		}
	}
}

// array reads [value, ...], elem reading each value.
func (p *fastParser) array(elem func() bool) bool {
	if !p.next('[') {
		return false
	}
	if p.next(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if p.next(']') {
			return true
		}
		if !p.next(',') {
			return false
		}
	}
}

// rawStr reads a string without escapes or control characters, in valid
// UTF-8, and returns its bytes.
func (p *fastParser) rawStr() ([]byte, bool) {
	if !p.next('"') {
		return nil, false
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			return s, utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		}
		p.i++
	}
	return nil, false
}

func (p *fastParser) str() (string, bool) {
	if !p.peek('"') {
		return "", false
	}
	s, ok := p.rawStr()
	return string(s), ok
}

// number reads a non-negative JSON number without exponent: 0, 12,
// 0.85; frac says whether it has a fraction.
func (p *fastParser) number() (num []byte, frac, ok bool) {
	p.space()
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	n := digits()
	if n == 0 || (n > 1 && p.b[start] == '0') {
		return nil, false, false
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, false, false
		}
		frac = true
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		return nil, false, false
	}
	return p.b[start:p.i], frac, true
}
