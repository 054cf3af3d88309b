package graph

import "sort"

// tokenScore compares two folded words: 1 when equal, less for a near
// spelling (one or two edits on longer words) or a truncated word, 0 else.
func tokenScore(a, b string) float64 {
	if a == b {
		return 1
	}
	la, lb := len(a), len(b)
	short := min(la, lb)
	if short < 4 {
		return 0
	}
	d := editDistance(a, b, 2)
	switch {
	case d == 1:
		return 0.9
	case d == 2 && short >= 7:
		return 0.8
	}
	return 0
}

// nameSimilarity aligns the words of a and b greedily (best pairs first)
// and returns the matched weight over the longer name's word count, so an
// extra word ("Rosatom Microelectronics Furniture") costs. With prefix set,
// a last word of a may be a truncation of b's ("DIS TICARE").
func nameSimilarity(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	used := make([]bool, len(b))
	var sum float64
	for i, x := range a {
		best, bj := 0.0, -1
		for j, y := range b {
			if used[j] {
				continue
			}
			s := tokenScore(x, y)
			if s == 0 && i == len(a)-1 && len(x) >= 4 && len(y) > len(x) && y[:len(x)] == x {
				s = 0.85
			}
			if s > best {
				best, bj = s, j
			}
		}
		if bj >= 0 {
			used[bj] = true
			sum += best
		}
	}
	return sum / float64(max(len(a), len(b)))
}

// personSimilarity is nameSimilarity for people: word order is free and a
// missing middle name or patronymic costs little, but every word of the
// shorter name must be matched and two words at least.
func personSimilarity(a, b []string) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 2 {
		return 0
	}
	used := make([]bool, len(b))
	var sum float64
	for _, x := range a {
		best, bj := 0.0, -1
		for j, y := range b {
			if !used[j] {
				if s := tokenScore(x, y); s > best {
					best, bj = s, j
				}
			}
		}
		if bj < 0 {
			return 0
		}
		used[bj] = true
		sum += best
	}
	s := sum / float64(len(a))
	// each unmatched extra word of the longer name costs 0.05
	return s - 0.05*float64(len(b)-len(a))
}

// editDistance is the Levenshtein distance of a and b with adjacent
// transpositions, giving up (returning limit+1) once it exceeds limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	// letters that differ in count need an edit each (two per substitution)
	var hist [256]int8
	for i := 0; i < len(a); i++ {
		hist[a[i]]++
	}
	for i := 0; i < len(b); i++ {
		hist[b[i]]--
	}
	diff := 0
	for i := 0; i < len(a); i++ {
		if h := hist[a[i]]; h > 0 {
			diff += int(h)
			hist[a[i]] = 0
		}
	}
	if diff > 2*limit {
		return limit + 1
	}
	var buf [3][40]int
	var prev2, prev, cur []int
	if len(b) < 40 {
		prev2, prev, cur = buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// nameIndex finds candidate names sharing a word with a query.
type nameIndex struct {
	names  [][]string // tokens per name
	owner  []int32    // node of each name
	byWord map[string][]int32
	maxDF  int
}

func newNameIndex() *nameIndex { return &nameIndex{byWord: map[string][]int32{}, maxDF: 3000} }

func (x *nameIndex) add(node int32, toks []string) {
	if len(toks) == 0 {
		return
	}
	id := int32(len(x.names))
	x.names = append(x.names, toks)
	x.owner = append(x.owner, node)
	seen := map[string]bool{}
	for _, t := range toks {
		if !seen[t] {
			seen[t] = true
			x.byWord[t] = append(x.byWord[t], id)
		}
	}
}

// candidates calls fn with the ids of names sharing one of the two rarest
// words of toks (a name close enough to match shares all but a misspelt
// word, so one of its two rarest is spelt the same), skipping words held
// by more than maxDF names.
func (x *nameIndex) candidates(toks []string, fn func(id int32)) {
	var lists [][]int32
	for _, t := range toks {
		if ids := x.byWord[t]; len(ids) > 0 && len(ids) <= x.maxDF {
			lists = append(lists, ids)
		}
	}
	sort.Slice(lists, func(i, j int) bool { return len(lists[i]) < len(lists[j]) })
	if len(lists) > 2 {
		lists = lists[:2]
	}
	seen := map[int32]bool{}
	for _, ids := range lists {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				fn(id)
			}
		}
	}
}

// exactShared counts the words of a found in b as they are.
func exactShared(a, b []string) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}

// simBound is an upper bound of nameSimilarity(a, b) from the exactly
// shared words, so that hopeless candidates skip the edit distances.
func simBound(a, b []string) float64 {
	ex := exactShared(a, b)
	short := min(len(a), len(b))
	return (float64(ex) + 0.9*float64(short-ex)) / float64(max(len(a), len(b)))
}
