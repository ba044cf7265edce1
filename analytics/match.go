package analytics

import (
	"sort"
	"strings"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
)

// msent is one sentence of a measure, cut into tokens.
type msent struct {
	text string
	toks []token
	used []bool
}

// hit is a body found at a place in a measure.
type hit struct {
	entry     int
	sent, tok int // where: sentence and token index
	text      string
}

// Match finds the bodies named in the texts of one measure (its title and
// narrative blocks, in order) and returns one mention per body, in the order
// of first mention, each with the words as written and their sentence.
//
// Full names match in any inflection ("Maliyyə Nazirliyinin") and with one
// typo in a long word after the first ("Ədliyyə Naziliyi"). Short forms
// ("Nazirliyin saytında", "Agentliyə") refer back to the nearest body of
// that kind the measure names in full (or, failing one before, the first
// after); a short form with no such body counts only where the gazetteer
// says it names a body on its own ("Komissiya"). Longer names win over
// shorter ones, so the Intergovernmental Commission is not the
// Anti-Corruption Commission.
func (g *Gazetteer) Match(texts ...string) []corpus.AgencyMention {
	var sents []msent
	for _, t := range texts {
		for _, s := range sentences(aztext.NFC(t)) {
			toks := tokenize(s)
			sents = append(sents, msent{text: s, toks: toks, used: make([]bool, len(toks))})
		}
	}
	var hits []hit
	for si := range sents {
		s := &sents[si]
		for i := 0; i < len(s.toks); i++ {
			if s.used[i] {
				continue
			}
			best, bestN := -1, 0
			for _, first := range [2]byte{s.toks[i].fold[0], s.toks[i].raw[0]} {
				for _, pi := range g.byFirst[first] {
					if n := g.aliases[pi].matchAt(s, i, true); n > bestN || n == bestN && n > 0 && pi < best {
						best, bestN = pi, n
					}
				}
				if s.toks[i].fold[0] == s.toks[i].raw[0] {
					break
				}
			}
			if best < 0 {
				continue
			}
			hits = append(hits, hit{entry: g.aliases[best].entry, sent: si, tok: i, text: s.text[s.toks[i].start:s.toks[i+bestN-1].end]})
			for k := i; k < i+bestN; k++ {
				s.used[k] = true
			}
			i += bestN - 1
		}
	}
	hits = append(hits, g.listHits(sents)...)
	full := append([]hit(nil), hits...)
	for si := range sents {
		s := &sents[si]
		for i := 0; i < len(s.toks); i++ {
			if s.used[i] {
				continue
			}
			for pi := range g.refs {
				p := &g.refs[pi]
				n := p.matchAt(s, i, false)
				if n == 0 {
					continue
				}
				if e, ok := g.resolveRef(p.refForm, full, si, i); ok {
					hits = append(hits, hit{entry: e, sent: si, tok: i, text: s.text[s.toks[i].start:s.toks[i+n-1].end]})
					for k := i; k < i+n; k++ {
						s.used[k] = true
					}
					i += n - 1
				}
				break
			}
		}
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].sent != hits[b].sent {
			return hits[a].sent < hits[b].sent
		}
		return hits[a].tok < hits[b].tok
	})
	var out []corpus.AgencyMention
	seen := map[int]bool{}
	for _, h := range hits {
		if seen[h.entry] {
			continue
		}
		seen[h.entry] = true
		out = append(out, corpus.AgencyMention{Agency: g.agency(h.entry), Text: h.text, Sentence: sents[h.sent].text})
	}
	return out
}

// resolveRef picks the body a short form refers to: among the bodies named
// in full that have the short form, the nearest one before (si, ti), else the
// first one after, else the body that has it as a default.
func (g *Gazetteer) resolveRef(form string, full []hit, si, ti int) (int, bool) {
	has := func(entry int) bool {
		for _, p := range g.refs {
			if p.entry == entry && p.refForm == form {
				return true
			}
		}
		return false
	}
	before, after := -1, -1
	for i, h := range full {
		if !has(h.entry) {
			continue
		}
		if h.sent < si || (h.sent == si && h.tok < ti) {
			if before < 0 || full[before].sent < h.sent || (full[before].sent == h.sent && full[before].tok < h.tok) {
				before = i
			}
		} else if after < 0 || h.sent < full[after].sent || (h.sent == full[after].sent && h.tok < full[after].tok) {
			after = i
		}
	}
	switch {
	case before >= 0:
		return full[before].entry, true
	case after >= 0:
		return full[after].entry, true
	}
	for _, p := range g.refs {
		if p.refForm == form && p.deflt {
			return p.entry, true
		}
	}
	return 0, false
}

// matchAt returns how many tokens of s, from token i, the pattern matches
// (0 for none). Full names must start with a capital; fuzzy allows one typo
// in a long word that is not the first.
func (p *pattern) matchAt(s *msent, i int, fuzzy bool) int {
	if i+len(p.words) > len(s.toks) {
		return 0
	}
	if p.abbrev {
		if s.toks[i].raw == p.words[0] {
			return 1
		}
		return 0
	}
	if !s.toks[i].upper {
		return 0
	}
	typos := 0
	for k, w := range p.words {
		t := s.toks[i+k]
		if t.digit || s.used[i+k] {
			return 0
		}
		if k > 0 && strings.ContainsAny(s.text[s.toks[i+k-1].end:t.start], ",;:.()") {
			return 0
		}
		if wordMatches(w, t.fold) {
			if k == len(p.words)-1 && p.refForm != "" && !refEnding(t.fold[len(w):]) {
				return 0
			}
			continue
		}
		if fuzzy && k > 0 && typos == 0 && len(p.words) > 1 && len(w) >= 6 && t.upper == p.upper[k] && fuzzyPrefix(w, t.fold) {
			typos++
			continue
		}
		return 0
	}
	return len(p.words)
}

// wordMatches reports whether a folded word is an inflection of a stem:
// short stems must match whole, longer ones as a prefix.
func wordMatches(stem, word string) bool {
	if len(stem) <= 3 {
		return word == stem
	}
	return strings.HasPrefix(word, stem)
}

// refEnding reports whether what follows a short form's stem is a case or
// possessive ending, not a plural or another word ("Nazirliyin" yes,
// "Xidmətlərinin" no).
func refEnding(rest string) bool {
	return len(rest) <= 6 && !strings.HasPrefix(rest, "ler") && !strings.HasPrefix(rest, "lar")
}

// fuzzyPrefix reports whether some prefix of word (one letter shorter, as
// long, or one letter longer than stem) is within one edit (insertion,
// deletion, substitution or transposition) of stem, and starts like it.
func fuzzyPrefix(stem, word string) bool {
	st, w := []rune(stem), []rune(word)
	if len(w) < len(st)-1 || w[0] != st[0] {
		return false
	}
	for l := len(st) - 1; l <= len(st)+1; l++ {
		if l <= 0 || l > len(w) {
			continue
		}
		if editDistance(st, w[:l]) <= 1 {
			return true
		}
	}
	return false
}

// editDistance is the optimal-string-alignment distance between a and b.
func editDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// listHits finds bodies named in a coordinated list with a plural head
// noun, "İqtisadiyyat, Kənd Təsərrüfatı, Ekologiya və Təbii Sərvətlər,
// Energetika nazirlikləri": each item that is the specific part of a full
// name ending in that noun is a mention of that body.
func (g *Gazetteer) listHits(sents []msent) []hit {
	var out []hit
	for si := range sents {
		s := &sents[si]
		for h := range s.toks {
			head := s.toks[h].fold
			if !strings.HasSuffix(strings.TrimRight(head, "inu"), "ler") && !strings.HasSuffix(strings.TrimRight(head, "inu"), "lar") {
				continue
			}
			// the list runs back from the head over capitalised words, commas and "və"
			start := h
			for start > 0 {
				t := s.toks[start-1]
				if t.digit || !(t.upper || t.fold == "ve") {
					break
				}
				gap := s.text[t.end:s.toks[start].start]
				if strings.TrimSpace(gap) != "" && strings.TrimSpace(gap) != "," {
					break
				}
				start--
			}
			if h-start < 2 {
				continue
			}
			for pi := range g.aliases {
				p := &g.aliases[pi]
				if p.abbrev || len(p.words) < 2 || !strings.HasPrefix(head, p.words[len(p.words)-1]) {
					continue
				}
				spec := p.words[:len(p.words)-1]
				for i := start; i+len(spec) <= h; i++ {
					end := i + len(spec)
					ok := true
					for k, w := range spec {
						if !wordMatches(w, s.toks[i+k].fold) {
							ok = false
							break
						}
					}
					if !ok {
						continue
					}
					// the item must end at a comma, "və" or the head
					if end != h && !strings.Contains(s.text[s.toks[end-1].end:s.toks[end].start], ",") && s.toks[end].fold != "ve" {
						continue
					}
					out = append(out, hit{entry: p.entry, sent: si, tok: i, text: s.text[s.toks[i].start:s.toks[end-1].end]})
				}
			}
		}
	}
	return out
}
