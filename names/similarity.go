package names

// Levenshtein returns the edit distance between a and b counted in bytes
// (names are normalised to ASCII where a transliteration exists), with an
// adjacent transposition costing one edit (optimal string alignment).
func Levenshtein(a, b string) int { return editDistance(a, b, -1) }

// LevenshteinLimit is Levenshtein for callers that only care whether the
// distance is at most limit: it returns limit+1 as soon as the distance is
// known to be larger, which for names far apart is without filling the
// table.
func LevenshteinLimit(a, b string, limit int) int {
	if limit < 0 {
		limit = 0
	}
	return editDistance(a, b, limit)
}

// lettersApart counts the letters that a and b (at most 127 bytes each)
// hold a different number of times, a lower bound of twice their edit
// distance.
func lettersApart(a, b string) int {
	var hist [256]int8
	for i := 0; i < len(a); i++ {
		hist[a[i]]++
	}
	for i := 0; i < len(b); i++ {
		hist[b[i]]--
	}
	diff := 0
	for _, w := range [2]string{a, b} {
		for i := 0; i < len(w); i++ {
			if h := hist[w[i]]; h != 0 {
				diff += int(max(h, -h))
				hist[w[i]] = 0
			}
		}
	}
	return diff
}

// editDistance is the optimal string alignment distance of a and b; with
// limit ≥ 0 it gives up, returning limit+1, once the distance exceeds it.
func editDistance(a, b string, limit int) int {
	if a == b {
		return 0
	}
	if limit >= 0 {
		if d := len(a) - len(b); d > limit || -d > limit {
			return limit + 1
		}
		// letters that differ in count need an edit each (two per
		// substitution): worth counting for longer words (the table of a
		// short one is quicker), in bytes up to 127 letters
		if len(a) >= 16 && len(a) <= 127 && len(b) <= 127 && lettersApart(a, b) > 2*limit {
			return limit + 1
		}
	}
	if len(a) == 0 {
		return len(b)
	}
	if len(b) == 0 {
		return len(a)
	}
	var buf [3][40]int32
	var prev2, prev, cur []int32
	if len(b)+1 <= 40 {
		prev2, prev, cur = buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int32, len(b)+1), make([]int32, len(b)+1), make([]int32, len(b)+1)
	}
	for j := range prev {
		prev[j] = int32(j)
	}
	lim := int32(limit)
	for i := 1; i <= len(a); i++ {
		cur[0] = int32(i)
		rowMin := int32(i)
		for j := 1; j <= len(b); j++ {
			cost := int32(1)
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
		if limit >= 0 && rowMin > lim {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if d := int(prev[len(b)]); limit < 0 || d <= limit {
		return d
	}
	return limit + 1
}

// EditSimilarity is 1 − Levenshtein(a,b)/max(len a, len b), in [0,1].
func EditSimilarity(a, b string) float64 {
	if a == b {
		return 1
	}
	m := len(a)
	if len(b) > m {
		m = len(b)
	}
	return 1 - float64(Levenshtein(a, b))/float64(m)
}

// JaroWinkler returns the Jaro–Winkler similarity of a and b in [0,1],
// with the usual prefix scale 0.1 over at most four characters.
func JaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	window := la
	if lb > window {
		window = lb
	}
	window = window/2 - 1
	if window < 0 {
		window = 0
	}
	var ma, mb [64]bool
	var fa, fb []bool
	if la <= 64 && lb <= 64 {
		fa, fb = ma[:la], mb[:lb]
	} else {
		fa, fb = make([]bool, la), make([]bool, lb)
	}
	matches := 0
	for i := 0; i < la; i++ {
		lo, hi := i-window, i+window+1
		if lo < 0 {
			lo = 0
		}
		if hi > lb {
			hi = lb
		}
		for j := lo; j < hi; j++ {
			if !fb[j] && a[i] == b[j] {
				fa[i], fb[j] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	trans, k := 0, 0
	for i := 0; i < la; i++ {
		if !fa[i] {
			continue
		}
		for !fb[k] {
			k++
		}
		if a[i] != b[k] {
			trans++
		}
		k++
	}
	m := float64(matches)
	jaro := (m/float64(la) + m/float64(lb) + (m-float64(trans/2))/m) / 3
	prefix := 0
	for prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix] {
		prefix++
	}
	s := jaro + float64(prefix)*0.1*(1-jaro)
	if s > 1 {
		s = 1
	}
	return s
}
