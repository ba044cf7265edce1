package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// Snippet settings.
const (
	snippetRunes = 180
	maxSnippets  = 2
	ellipsis     = "…"
	markOpen     = "<mark>"
	markClose    = "</mark>"
	// farRunes stands for any distance between matches that no fragment spans.
	farRunes = snippetRunes + 1
)

// span is one matched term in the narrative: byte offsets [start, end) into
// the narrative text, the same offsets counted in runes, and key, which
// numbers the distinct (field, term) pairs a fragment is scored by.
type span struct {
	start, end   int
	rstart, rend int
	key          int
}

// window is a candidate fragment: the spans [first, last] it is built
// around, its score and, once placed, its byte range in the text.
type window struct {
	first, last int
	score       int
	start, end  int
}

// snippets returns up to maxSnippets fragments of m's narrative, HTML-escaped,
// with the matched words in <mark>, the best first. Matches of the narrative
// and of its folded variant are merged (both carry offsets into the same
// text), so ASCII-typed, stemmed and fuzzy matches are marked too. A
// fragment is at most snippetRunes characters around the matches it holds,
// cut at spaces; it scores one per distinct matched term (and field) it
// holds, and fragments do not overlap. Characters are counted only between
// nearby matches, and only the text around the chosen fragments is read.
// Without matches in the narrative it returns the narrative's beginning.
func snippets(dm *bsearch.DocumentMatch, m *corpus.Measure) []string {
	text := narrativeText(m)
	if text == "" {
		return []string{}
	}
	var buf [64]span
	spans, nkeys := matchSpans(buf[:0], dm.Locations, text)
	if len(spans) == 0 {
		return []string{leadSnippet(text)}
	}
	var wbuf [32]window
	cands := candidates(wbuf[:0], spans, nkeys)
	slices.SortFunc(cands, func(a, b window) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.first, b.first)
	})
	var chosen [maxSnippets]window
	n := 0
	for _, w := range cands {
		if n == maxSnippets {
			break
		}
		if first := spans[w.first].start; slices.ContainsFunc(chosen[:n], func(c window) bool { return c.start <= first && first < c.end }) {
			continue // a chosen fragment holds its first match already
		}
		w = place(text, spans, w)
		overlaps := false
		for _, c := range chosen[:n] {
			if w.start < c.end && c.start < w.end {
				overlaps = true
				break
			}
		}
		if !overlaps && w.start < w.end {
			chosen[n] = w
			n++
		}
	}
	if n == 0 {
		return []string{leadSnippet(text)}
	}
	out := make([]string, n)
	for i, w := range chosen[:n] {
		out[i] = format(text, spans, w)
	}
	return out
}

// narrativeText is indexer.NarrativeText (the blocks joined by newlines, the
// text highlight offsets refer to) built with one allocation, or none for a
// single block.
func narrativeText(m *corpus.Measure) string {
	switch len(m.Narrative) {
	case 0:
		return ""
	case 1:
		return m.Narrative[0].Text
	}
	n := len(m.Narrative) - 1
	for _, b := range m.Narrative {
		n += len(b.Text)
	}
	var sb strings.Builder
	sb.Grow(n)
	for i, b := range m.Narrative {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(b.Text)
	}
	return sb.String()
}

// matchSpans appends to dst the locations of the narrative and folded
// narrative fields that lie within text on character boundaries, sorted by
// offset, with their offsets in runes. Each (field, term) pair gets its own
// key; it returns the number of keys.
func matchSpans(dst []span, locs bsearch.FieldTermLocationMap, text string) ([]span, int) {
	key := 0
	for _, field := range [...]string{indexer.FieldNarrative, indexer.FieldNarrativeFolded} {
		for _, ls := range locs[field] {
			for _, l := range ls {
				if l == nil || len(l.ArrayPositions) != 0 || l.Start >= l.End || l.End > uint64(len(text)) {
					continue
				}
				s, e := int(l.Start), int(l.End)
				if !utf8.RuneStart(text[s]) || (e < len(text) && !utf8.RuneStart(text[e])) {
					continue
				}
				dst = append(dst, span{start: s, end: e, key: key})
			}
			key++
		}
	}
	slices.SortFunc(dst, func(a, b span) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(a.end, b.end)
	})
	// Rune offsets are counted from the first match, and a gap between two
	// matches too long to fit in one fragment counts as farRunes without
	// being read: only distances up to snippetRunes matter.
	off, runes := 0, 0
	if len(dst) > 0 {
		off = dst[0].start
	}
	for i := range dst {
		s := &dst[i]
		if gap := s.start - off; gap >= utf8.UTFMax*farRunes {
			runes += farRunes
		} else {
			runes += min(utf8.RuneCountInString(text[off:s.start]), farRunes)
		}
		off = s.start
		s.rstart = runes
		s.rend = runes + utf8.RuneCountInString(text[s.start:s.end])
	}
	return dst, key
}

// candidates appends to dst one window per distinct match start: the
// matches from there on that fit in snippetRunes characters, scored by how
// many distinct keys (below nkeys) they hold.
func candidates(dst []window, spans []span, nkeys int) []window {
	var seenBuf [64]int
	seen := seenBuf[:0] // seen[key] is 1 + the first span of the window that last counted key
	if nkeys > len(seenBuf) {
		seen = make([]int, 0, nkeys)
	}
	seen = seen[:nkeys]
	for i := range spans {
		if i > 0 && spans[i].start == spans[i-1].start {
			continue
		}
		w := window{first: i, last: i}
		for j := i; j < len(spans) && spans[j].rstart-spans[i].rstart < snippetRunes; j++ {
			if j > i && spans[j].rend-spans[i].rstart > snippetRunes {
				continue
			}
			w.last = j
			if seen[spans[j].key] != i+1 {
				seen[spans[j].key] = i + 1
				w.score++
			}
		}
		dst = append(dst, w)
	}
	return dst
}

// coreEnd returns where the matches of w end, in bytes and in runes: the
// largest end of the spans first..last that fit in snippetRunes characters.
func coreEnd(spans []span, w window) (end, rend int) {
	for j := w.first; j <= w.last; j++ {
		s := spans[j]
		if j > w.first && s.rend-spans[w.first].rstart > snippetRunes {
			continue
		}
		if s.end > end {
			end, rend = s.end, s.rend
		}
	}
	return end, rend
}

// place sets w's byte range: the matches it holds, widened to snippetRunes
// characters with the room split evenly before and after them (more on one
// side when the text ends on the other), then cut back to whole words.
func place(text string, spans []span, w window) window {
	start := spans[w.first].start
	end, rend := coreEnd(spans, w)
	last := end
	room := snippetRunes - (rend - spans[w.first].rstart)
	half := room / 2
	start, left := runesBack(text, start, half)
	room -= half - left
	end, room = runesForward(text, end, room)
	start, _ = runesBack(text, start, room) // the text ended: use the rest of the room before
	w.start, w.end = wholeWords(text, start, end, spans[w.first].start, last)
	return w
}

// runesBack moves i back by up to n characters of text; it returns the new
// offset and how many characters it could not move.
func runesBack(text string, i, n int) (int, int) {
	for ; n > 0 && i > 0; n-- {
		i--
		for i > 0 && !utf8.RuneStart(text[i]) {
			i--
		}
	}
	return i, n
}

// runesForward moves i forward by up to n characters of text; it returns
// the new offset and how many characters it could not move.
func runesForward(text string, i, n int) (int, int) {
	for ; n > 0 && i < len(text); n-- {
		i++
		for i < len(text) && !utf8.RuneStart(text[i]) {
			i++
		}
	}
	return i, n
}

// wholeWords moves start forward past the first space and end back to the
// last space, so a fragment neither begins nor ends inside a word, without
// cutting into the matches [first, last).
func wholeWords(text string, start, end, first, last int) (int, int) {
	if start > 0 && !isSpace(text[start-1]) {
		for i := start; i < first && i < end; i++ {
			if isSpace(text[i]) {
				start = i + 1
				break
			}
		}
	}
	if end < len(text) && !isSpace(text[end]) {
		for i := end - 1; i >= last && i > start; i-- {
			if isSpace(text[i]) {
				end = i
				break
			}
		}
	}
	return start, end
}

// isSpace reports whether c is an ASCII space or line break (never a byte
// inside a multi-byte character).
func isSpace(c byte) bool {
	switch c {
	case ' ', '\n', '\t', '\r':
		return true
	}
	return false
}

// format returns text[w.start:w.end] HTML-escaped, with every match that
// lies wholly inside it in <mark> (overlapping matches marked once) and an
// ellipsis on each side where the text goes on.
func format(text string, spans []span, w window) string {
	var sb strings.Builder
	sb.Grow(w.end - w.start + 2*len(ellipsis) + 4*(len(markOpen)+len(markClose)) + 16)
	if w.start > 0 {
		sb.WriteString(ellipsis)
	}
	cur := w.start
	for i := 0; i < len(spans); i++ {
		s := spans[i]
		if s.start < cur || s.end > w.end {
			if s.start >= w.end {
				break
			}
			continue
		}
		end := s.end
		for i+1 < len(spans) && spans[i+1].start < end && spans[i+1].end <= w.end {
			i++
			end = max(end, spans[i].end)
		}
		escapeHTML(&sb, text[cur:s.start])
		sb.WriteString(markOpen)
		escapeHTML(&sb, text[s.start:end])
		sb.WriteString(markClose)
		cur = end
	}
	escapeHTML(&sb, text[cur:w.end])
	if w.end < len(text) {
		sb.WriteString(ellipsis)
	}
	return sb.String()
}

// escapeHTML writes s to sb escaped as html.EscapeString escapes it.
func escapeHTML(sb *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		sb.WriteString(s[last:i])
		sb.WriteString(esc)
		last = i + 1
	}
	sb.WriteString(s[last:])
}

// leadSnippet returns the escaped beginning of text: its first snippetRunes
// characters, cut back to a space in their second half, and an ellipsis.
func leadSnippet(text string) string {
	n := 0
	for i := range text {
		if n == snippetRunes {
			cut := text[:i]
			if sp := strings.LastIndexAny(cut, " \n"); sp > len(cut)/2 {
				cut = cut[:sp]
			}
			var sb strings.Builder
			sb.Grow(len(cut) + len(ellipsis) + 16)
			escapeHTML(&sb, cut)
			sb.WriteString(ellipsis)
			return sb.String()
		}
		n++
	}
	var sb strings.Builder
	sb.Grow(len(text) + 16)
	escapeHTML(&sb, text)
	return sb.String()
}
