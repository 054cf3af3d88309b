package names

// Levenshtein returns the edit distance between a and b counted in bytes
// (names are normalised to ASCII where a transliteration exists), with an
// adjacent transposition costing one edit (optimal string alignment).
func Levenshtein(a, b string) int {
	if a == b {
		return 0
	}
	if len(a) == 0 {
		return len(b)
	}
	if len(b) == 0 {
		return len(a)
	}
	var buf [3][64]int
	var prev2, prev, cur []int
	if len(b)+1 <= 64 {
		prev2, prev, cur = buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j] + 1
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			if x := prev[j-1] + cost; x < v {
				v = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if x := prev2[j-2] + 1; x < v {
					v = x
				}
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
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
