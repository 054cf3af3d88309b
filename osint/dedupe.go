package osint

import (
	"hash/fnv"
	"strings"
	"sync"

	"github.com/tripline/tripline"
)

// Near duplicates: MinHash over shingles of five words, 64 hash
// functions, banded 16 × 4 for the candidate search; two articles whose
// estimated Jaccard similarity is DuplicateSimilarity or more tell one
// story.

// DuplicateSimilarity is the estimated share of common shingles from
// which two articles are one story.
const DuplicateSimilarity = 0.6

const (
	sigSize   = 64
	bands     = 16
	bandRows  = sigSize / bands
	shingleWs = 5
)

// hash coefficients, fixed so that signatures stay comparable across
// runs and versions.
var coef = func() (c [sigSize][2]uint64) {
	x := uint64(0x9E3779B97F4A7C15)
	for i := range c {
		for j := range c[i] {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			c[i][j] = x | 1
		}
	}
	return
}()

// Signature returns the MinHash signature of a text's word shingles
// (nil for a text of fewer than five words).
func Signature(text string) []uint32 {
	ws := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !isWordRune(r) })
	if len(ws) < shingleWs {
		return nil
	}
	sig := make([]uint32, sigSize)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	h := fnv.New64a()
	for i := 0; i+shingleWs <= len(ws); i++ {
		h.Reset()
		for _, w := range ws[i : i+shingleWs] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		x := h.Sum64()
		for k := range sig {
			v := uint32((coef[k][0]*x + coef[k][1]) >> 32)
			if v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of two signatures.
func Similarity(a, b []uint32) float64 {
	if len(a) != sigSize || len(b) != sigSize {
		return 0
	}
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / sigSize
}

// Stories finds near duplicates among articles: the banded signatures of
// every article seen point at it; a new article that shares a band with
// one at DuplicateSimilarity or more is a copy of that one's story.
type Stories struct {
	mu    sync.Mutex
	bands map[uint64][]int
	sigs  []tripline.ArticleSignature
}

// NewStories returns an index holding the stored articles' signatures.
func NewStories(stored []tripline.ArticleSignature) *Stories {
	s := &Stories{bands: map[uint64][]int{}}
	for _, a := range stored {
		s.add(a)
	}
	return s
}

func bandKey(sig []uint32, b int) uint64 {
	h := fnv.New64a()
	var buf [4]byte
	for _, v := range sig[b*bandRows : (b+1)*bandRows] {
		buf[0], buf[1], buf[2], buf[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
		h.Write(buf[:])
	}
	return h.Sum64() ^ uint64(b)<<56
}

func (s *Stories) add(a tripline.ArticleSignature) {
	if len(a.Signature) != sigSize {
		return
	}
	i := len(s.sigs)
	s.sigs = append(s.sigs, a)
	for b := 0; b < bands; b++ {
		k := bandKey(a.Signature, b)
		s.bands[k] = append(s.bands[k], i)
	}
}

// Place returns the story an article with id and signature belongs to
// (the id of the story's first article, "" for a new story) and records
// it.
func (s *Stories) Place(id string, sig []uint32) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(sig) != sigSize {
		return ""
	}
	best, bestSim := -1, 0.0
	seen := map[int]bool{}
	for b := 0; b < bands; b++ {
		for _, i := range s.bands[bandKey(sig, b)] {
			if seen[i] || s.sigs[i].ID == id {
				continue
			}
			seen[i] = true
			if sim := Similarity(sig, s.sigs[i].Signature); sim >= DuplicateSimilarity && sim > bestSim {
				best, bestSim = i, sim
			}
		}
	}
	story := ""
	if best >= 0 {
		story = s.sigs[best].ID
		if s.sigs[best].DuplicateOf != "" {
			story = s.sigs[best].DuplicateOf
		}
	}
	s.add(tripline.ArticleSignature{ID: id, DuplicateOf: story, Signature: sig})
	return story
}
