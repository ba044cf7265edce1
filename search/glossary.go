package search

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
)

// glossaryEN is the English → Azerbaijani glossary of the reports' key
// terms (see the file's header for its format and origin).
//
//go:embed glossary_en.tsv
var glossaryEN string

// glossary maps English terms to the Azerbaijani words the reports use for
// them, so that a query typed into the English interface finds measures
// written in Azerbaijani.
type glossary struct {
	// entries maps a normalised English term (words joined by one space)
	// to its Azerbaijani alternatives, each a word or a quoted phrase.
	entries map[string][]string
	// maxWords is the number of words of the longest term.
	maxWords int
}

// parseGlossary reads a glossary in the format of glossary_en.tsv; name
// is the file name errors give.
func parseGlossary(name, src string) (*glossary, error) {
	g := &glossary{entries: make(map[string][]string)}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		en, az, ok := strings.Cut(line, "\t")
		words := englishWords(en)
		if !ok || len(words) == 0 || strings.TrimSpace(az) == "" {
			return nil, fmt.Errorf("search: %s:%d: want English term<TAB>Azerbaijani alternatives, got %q", name, n+1, line)
		}
		key := strings.Join(words, " ")
		if _, dup := g.entries[key]; dup {
			return nil, fmt.Errorf("search: %s:%d: %q is listed twice", name, n+1, en)
		}
		var alts []string
		for _, a := range strings.Split(az, "|") {
			a = strings.Trim(strings.TrimSpace(a), `"`)
			if a == "" {
				return nil, fmt.Errorf("search: %s:%d: empty alternative in %q", name, n+1, az)
			}
			if strings.ContainsAny(a, " \t") {
				a = `"` + a + `"`
			}
			alts = append(alts, a)
		}
		g.entries[key] = alts
		g.maxWords = max(g.maxWords, len(words))
	}
	return g, nil
}

// englishWords splits s into normalised English words.
func englishWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if w = englishWord(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// englishWord lower-cases w, trims punctuation at its ends and reduces a
// plural or possessive to the singular ("municipalities" → "municipality",
// "services" → "service", "citizen's" → "citizen") the crude way: the
// glossary's terms are reduced the same way, so only the pairs matter.
func englishWord(w string) string {
	w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		return w[:len(w)-1]
	}
	return w
}

// englishStop reports whether w (normalised) is an English function word,
// dropped from a mapped query.
func englishStop(w string) bool {
	switch w {
	case "a", "an", "the", "of", "and", "in", "on", "for", "to", "by", "with", "about", "at", "from", "as", "or",
		"what", "how", "which", "who", "is", "are", "was", "were", "be", "been", "do", "doe", "did", "ha", "have",
		"it", "its", "their", "this", "that", "these", "those", "there", "into", "over", "under", "between":
		return true
	}
	return false
}

// translate maps the English terms of q to their Azerbaijani alternatives
// (several joined by OR), keeping the query's phrases, exclusions and ORs,
// dropping English function words and keeping other words as typed (a
// name, a number or an Azerbaijani word). The longest term wins. It
// reports whether any term was mapped; if none was, q is to be searched
// as it is.
func (g *glossary) translate(q string) (string, bool) {
	if g == nil {
		return q, false
	}
	var out []string
	mapped := false
	cs := parseQuery(q).clauses
	for i := 0; i < len(cs); {
		c := cs[i]
		if c.kind == clauseWord && !c.exclude {
			n, alts := g.longest(cs[i:])
			switch {
			case n > 0:
				out = append(out, strings.Join(alts, " "+orOperator+" "))
				mapped = true
				i += n
				continue
			case englishStop(englishWord(c.text)):
				i++
				continue
			}
		}
		s, ok := g.clause(c)
		mapped = mapped || ok
		out = append(out, s)
		i++
	}
	if !mapped {
		return q, false
	}
	return strings.Join(out, " "), true
}

// longest returns how many of the plain words starting cs make the longest
// glossary term, and its alternatives (0 and nil for none).
func (g *glossary) longest(cs []clause) (int, []string) {
	var words []string
	for _, c := range cs {
		if c.kind != clauseWord || c.exclude || len(words) == g.maxWords {
			break
		}
		words = append(words, englishWord(c.text))
	}
	for n := len(words); n > 0; n-- {
		if alts, ok := g.entries[strings.Join(words[:n], " ")]; ok {
			return n, alts
		}
	}
	return 0, nil
}

// clause returns one clause in query syntax, its text mapped when it is a
// glossary term, and whether it was.
func (g *glossary) clause(c clause) (string, bool) {
	if c.kind == clauseAny {
		parts := make([]string, 0, len(c.alts))
		mapped := false
		for _, a := range c.alts {
			s, ok := g.clause(a)
			parts = append(parts, s)
			mapped = mapped || ok
		}
		return strings.Join(parts, " "+orOperator+" "), mapped
	}
	alts, ok := g.entries[strings.Join(englishWords(c.text), " ")]
	switch {
	case !ok && c.exclude:
		return "-" + c.label(), false
	case !ok:
		return c.label(), false
	case c.exclude:
		return "-" + strings.Join(alts, " -"), true
	}
	return strings.Join(alts, " "+orOperator+" "), true
}
