package analytics

import (
	"strings"
	"unicode"

	"github.com/hesabat/hesabat/corpus"
)

// definedAbbrevs returns the short names the sentences define for the
// bodies hits found: "Dövlət Gömrük Komitəsi (DGK)" (one all-capital word in
// brackets right after the name) and "(bundan sonra – Komitə)".
func (g *Gazetteer) definedAbbrevs(sents []msent, hits []hit) Abbrevs {
	out := Abbrevs{}
	for _, h := range hits {
		s := &sents[h.sent]
		if h.end >= len(s.toks) {
			continue
		}
		gap := s.text[s.toks[h.end-1].end:s.toks[h.end].start]
		if strings.TrimSpace(gap) != "(" {
			continue
		}
		a := h.body
		if h.entry >= 0 {
			a = g.agency(h.entry)
		}
		k := h.end
		if s.toks[k].fold == "bundan" && k+2 < len(s.toks) && s.toks[k+1].fold == "sonra" {
			// "(bundan sonra – X)": X runs to the closing bracket
			j := k + 2
			for j+1 < len(s.toks) && !strings.Contains(s.text[s.toks[j].end:s.toks[j+1].start], ")") {
				j++
			}
			if j-(k+2) < 3 && strings.Contains(s.text[s.toks[j].end:min(len(s.text), s.toks[j].end+3)], ")") {
				out[strings.Join(foldWords(s.toks[k+2:j+1]), " ")] = a
				for x := k; x <= j; x++ {
					s.used[x] = true // the definition is not a mention
				}
			}
			continue
		}
		t := s.toks[k]
		closeAt := strings.Index(s.text[t.end:], ")")
		if isAbbrev(t.raw) && closeAt >= 0 && strings.TrimSpace(s.text[t.end:t.end+closeAt]) == "" {
			out[t.raw] = a
			s.used[k] = true
		}
	}
	return out
}

// foldWords returns the folded words of toks.
func foldWords(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.fold
	}
	return out
}

// isAbbrev reports whether a word is an abbreviation: two or more letters,
// all capitals.
func isAbbrev(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// abbrevHits finds the short names defs defines in words not matched yet:
// abbreviations as written ("DGK-ya"), words in any inflection
// ("Komitəyə").
func (g *Gazetteer) abbrevHits(sents []msent, defs Abbrevs) []hit {
	if len(defs) == 0 {
		return nil
	}
	var out []hit
	for si := range sents {
		s := &sents[si]
		for i, t := range s.toks {
			if s.used[i] || !t.upper {
				continue
			}
			a, ok := defs[t.raw]
			nom := true
			if !ok {
				for k, v := range defs {
					if !strings.Contains(k, " ") && len(k) > 4 && strings.HasPrefix(t.fold, k) && refEnding(t.fold[len(k):]) {
						a, ok, nom = v, true, t.fold == k
						break
					}
				}
			}
			if !ok {
				continue
			}
			s.used[i] = true
			h := hit{entry: -1, body: a, sent: si, tok: i, end: i + 1, text: t.raw, nom: nom}
			if e, known := g.byID[a.ID]; known {
				h.entry = e
			}
			out = append(out, h)
		}
	}
	return out
}

// transferWords are folded stems of verbs of giving and sending: a body in
// the dative of a sentence with one of them received something
// ("Nazirlər Kabinetinə təqdim olunmuşdur").
var transferWords = []string{"teqdim", "gonderil", "gondermis", "unvanla", "catdiril", "verilmis", "verilib", "verilir", "daxil", "muraciet", "bildiril", "tapsir", "ezam"}

// sayingVerbs are folded phrases with which a body gives its view rather
// than reports its work ("Komissiya … tövsiyə edir").
var sayingVerbs = []string{" tovsiye edir", " tovsiyye edir", " qeyd edir", " hesab edir", " bildirir"}

// mentionRole decides the role of one mention in its sentence:
// responsible if it is followed by "tərəfindən" (alone or in a coordinated
// list of bodies), by "ilə birgə", or is the subject of the sentence (in
// the nominative, not of a verb of saying); recipient if it is in the
// dative and the sentence has a verb of giving or sending; else mentioned.
func (g *Gazetteer) mentionRole(s *msent, h hit) corpus.Role {
	if h.caseEnd > h.end {
		h.end = h.caseEnd // an item of a list takes the case of its head
	}
	k := h.end
	for k < len(s.toks) && (s.used[k] || s.toks[k].fold == "ve") {
		if s.used[k] {
			if _, _, head := g.headAt(s.toks[k].fold); !head && k+1 < len(s.toks) && !s.used[k+1] {
				break
			}
		}
		k++
	}
	next := func(i int) string {
		if i < len(s.toks) {
			return s.toks[i].fold
		}
		return ""
	}
	if next(k) == "terefinden" {
		return corpus.RoleResponsible
	}
	last := s.toks[h.end-1].fold
	if next(h.end) == "ile" && (next(h.end+1) == "birge" || next(h.end+1) == "birlikde") {
		return corpus.RoleResponsible
	}
	words := " " + strings.Join(foldWords(s.toks), " ") + " "
	if h.nom {
		if h.tok == 0 && h.end == len(s.toks) {
			return corpus.RoleMentioned // the sentence is only the name: an item of a list of bodies
		}
		switch next(h.end) {
		case "yaninda", "nezdinde", "ile", "uzre", "terefinden":
			return corpus.RoleMentioned
		}
		if containsAny(words, sayingVerbs...) || h.tok > 0 && s.toks[h.tok-1].fold == "ve" && !s.used[h.tok-1] {
			return corpus.RoleMentioned
		}
		if gap := s.text[s.toks[h.tok].start:]; h.tok > 0 && strings.ContainsAny(s.text[s.toks[h.tok-1].end:s.toks[h.tok].start], "“\"«") || strings.HasPrefix(gap, "“") {
			return corpus.RoleMentioned
		}
		return corpus.RoleResponsible
	}
	if isDative(last) && containsAny(words, transferPhrases()...) {
		return corpus.RoleRecipient
	}
	return corpus.RoleMentioned
}

// transferPhrases returns transferWords as prefixes of folded words.
func transferPhrases() []string {
	out := make([]string, len(transferWords))
	for i, w := range transferWords {
		out[i] = " " + w
	}
	return out
}

// isDative reports whether a folded word that is not in the nominative
// ends in a dative ending ("Kabinetinə", "Komitəyə", "Banka"), not a
// locative or instrumental one ("İdarəsində", "Bankla").
func isDative(w string) bool {
	for _, e := range []string{"ya", "ye", "na", "ne"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	for _, e := range []string{"da", "de", "ta", "te", "la", "le", "ma", "me"} {
		if strings.HasSuffix(w, e) {
			return false
		}
	}
	return strings.HasSuffix(w, "a") || strings.HasSuffix(w, "e")
}

// isGenitive reports whether a folded word that is not in the nominative
// ends in a genitive ending ("Nazirliyinin", "Bankın").
func isGenitive(w string) bool {
	return strings.HasSuffix(w, "nin") || strings.HasSuffix(w, "nun") || strings.HasSuffix(w, "in") || strings.HasSuffix(w, "un")
}
