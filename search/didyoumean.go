package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// dictWord is a word form of the reports, folded (as people type without
// diacritics), with the form as written and the number of times it occurs.
type dictWord struct {
	folded, form string
	n            int
}

// newDictionary lists the word forms of surfaces once per folded form (the
// most frequent written form of each), sorted by folded form.
func newDictionary(surfaces map[string]map[string]int) []dictWord {
	type entry struct {
		dictWord
		formN int // occurrences of form itself
	}
	best := make(map[string]*entry)
	for _, forms := range surfaces {
		for f, n := range forms {
			k := foldWord(f)
			if utf8.RuneCountInString(k) < 3 {
				continue
			}
			e := best[k]
			if e == nil {
				e = &entry{dictWord: dictWord{folded: k}}
				best[k] = e
			}
			e.n += n
			if n > e.formN || (n == e.formN && f < e.form) {
				e.form, e.formN = f, n
			}
		}
	}
	out := make([]dictWord, 0, len(best))
	for _, e := range best {
		out = append(out, e.dictWord)
	}
	slices.SortFunc(out, func(a, b dictWord) int { return cmp.Compare(a.folded, b.folded) })
	return out
}

// didYouMean returns the query with each word the index does not know
// replaced by the closest word form of the reports (by edit distance over
// folded forms, the most frequent on a tie), or "" when no word could be
// replaced. Words inside phrases are corrected too; excluded words and
// operators are kept.
func (st *state) didYouMean(pq parsedQuery) string {
	changed := false
	parts := make([]string, 0, len(pq.clauses))
	var fix func(c clause) string
	fix = func(c clause) string {
		switch {
		case c.kind == clauseAny:
			alts := make([]string, 0, len(c.alts))
			for _, a := range c.alts {
				alts = append(alts, fix(a))
			}
			return strings.Join(alts, " "+orOperator+" ")
		case c.exclude:
			return "-" + c.label()
		case c.kind == clausePhrase:
			words := strings.Fields(c.text)
			for i, w := range words {
				if s := st.closestWord(w); s != "" {
					words[i], changed = s, true
				}
			}
			return `"` + strings.Join(words, " ") + `"`
		}
		if s := st.closestWord(c.text); s != "" {
			changed = true
			return s
		}
		return c.text
	}
	for _, c := range pq.clauses {
		parts = append(parts, fix(c))
	}
	if !changed {
		return ""
	}
	return strings.Join(parts, " ")
}

// closestWord returns the word form of the reports closest to w when none
// of w's terms is in the index, or "" when w is known, has no terms, or
// nothing is near enough: one edit in a word of up to 5 letters, two up
// to 9, three beyond.
func (st *state) closestWord(w string) string {
	tokens := st.foldedTokensRaw(w)
	if len(tokens) == 0 {
		return ""
	}
	for _, t := range tokens {
		if st.termExists(t.term) {
			return ""
		}
	}
	typed := []rune(foldWord(w))
	limit := 3
	switch n := len(typed); {
	case n < 3:
		return ""
	case n <= 5:
		limit = 1
	case n <= 9:
		limit = 2
	}
	var best *dictWord
	bestD := limit + 1
	var row []int
	for i := range st.dictionary {
		d := &st.dictionary[i]
		var dist int
		dist, row = editDistance(typed, d.folded, bestD, row)
		if dist < bestD || (dist == bestD && best != nil && d.n > best.n) {
			best, bestD = d, dist
		}
	}
	if best == nil || bestD > limit {
		return ""
	}
	return best.form
}

// editDistance returns the optimal-string-alignment distance (insertions,
// deletions, substitutions and swaps of neighbours) between a and b, or a
// value above max as soon as it must exceed max. row is scratch space,
// returned for reuse. Hand-written: bleve's fuzzy search (vellum's
// Levenshtein automata) walks the index's stemmed terms, while a suggestion
// must be a word as written; this scans the reports' word forms, only
// when a query finds nothing.
func editDistance(a []rune, b string, max int, row []int) (int, []int) {
	br := []rune(b)
	if d := len(a) - len(br); d > max || -d > max {
		return max + 1, row
	}
	n := len(br) + 1
	if cap(row) < 3*n {
		row = make([]int, 3*n)
	}
	prev2, prev, cur := row[:n], row[n:2*n], row[2*n:3*n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		lo := cur[0]
		for j := 1; j < n; j++ {
			cost := 1
			if a[i-1] == br[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == br[j-2] && a[i-2] == br[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			lo = min(lo, v)
		}
		if lo > max {
			return max + 1, row
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[n-1], row
}
