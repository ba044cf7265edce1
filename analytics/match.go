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
	// lower holds the folded words the texts write in lowercase: such a
	// word opening a sentence is a common noun, not part of a name.
	lower map[string]bool
}

// hit is a body found at a place in a measure.
type hit struct {
	entry     int           // the gazetteer entry, -1 for a body it does not list
	body      corpus.Agency // the body when entry is -1
	sent, tok int           // where: sentence and first token
	end       int           // the token after the mention
	text      string
	head      string // folded nominative head noun of a found name ("nazirliyi"), "" for gazetteer names
	nom       bool   // the mention is in the nominative
	caseEnd   int    // for an item of a list, the token after the plural head that carries its case
}

// Abbrevs maps the short names a report defines for bodies ("(bundan sonra
// – DGK)", "Dövlət Gömrük Komitəsi (DGK)") to the bodies: all-capital
// abbreviations as written, words folded.
type Abbrevs map[string]corpus.Agency

// Match finds the bodies named in the texts of one measure (its title and
// narrative blocks, in order) and returns one mention per body, in the order
// of first mention, each with the words as written, their sentence and the
// body's role (see MatchWith).
func (g *Gazetteer) Match(texts ...string) []corpus.AgencyMention {
	out, _ := g.MatchWith(nil, texts...)
	return out
}

// MatchWith is Match knowing the short names defined elsewhere in the
// report; it returns the mentions and the short names these texts define.
//
// The gazetteer's full names match in any inflection ("Maliyyə
// Nazirliyinin") and with one typo in a long word after the first
// ("Ədliyyə Naziliyi"). Bodies it does not list are found by how
// Azerbaijani names them: a capitalised head noun (Nazirliyi, Komitəsi,
// Agentliyi, Bank, …) in any case with the capitalised words before it,
// and coordinated lists ("İqtisadiyyat, Energetika nazirlikləri"). Short
// forms ("Nazirliyin saytında", "Agentliyə") refer back to the nearest body
// of that kind the measure names in full (or, failing one before, the first
// after); a short form with no such body counts only where the gazetteer
// says it names a body on its own ("Komissiya"). Longer names win over
// shorter ones, so the Intergovernmental Commission is not the
// Anti-Corruption Commission.
//
// A body named more than once in the measure keeps its strongest role
// (responsible, then recipient, then mentioned), with the words and
// sentence that gave it.
func (g *Gazetteer) MatchWith(defs Abbrevs, texts ...string) ([]corpus.AgencyMention, Abbrevs) {
	var sents []msent
	lower := map[string]bool{}
	for _, t := range texts {
		for _, s := range sentences(aztext.NFC(t)) {
			toks := tokenize(s)
			sents = append(sents, msent{text: s, toks: toks, used: make([]bool, len(toks)), lower: lower})
			for _, tk := range toks {
				if !tk.upper && !tk.digit {
					lower[tk.fold] = true
				}
			}
		}
	}
	hits := g.aliasHits(sents)
	hits = append(hits, g.discoverListHits(sents)...)
	hits = append(hits, g.discoverHits(sents)...)
	found := g.definedAbbrevs(sents, hits)
	all := Abbrevs{}
	for k, v := range defs {
		all[k] = v
	}
	for k, v := range found {
		all[k] = v
	}
	hits = append(hits, g.abbrevHits(sents, all)...)
	full := append([]hit(nil), hits...)
	hits = append(hits, g.refHits(sents, full)...)
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].sent != hits[b].sent {
			return hits[a].sent < hits[b].sent
		}
		return hits[a].tok < hits[b].tok
	})
	g.attachParents(sents, hits)
	return g.mentions(sents, hits), found
}

// attachParents sets the parent of a found body named right after another
// body and "yanında" ("Elm və Təhsil Nazirliyi yanında Dövlət Turizm
// Agentliyi"). hits are in text order.
func (g *Gazetteer) attachParents(sents []msent, hits []hit) {
	for i := 0; i+1 < len(hits); i++ {
		h, next := hits[i], &hits[i+1]
		s := &sents[h.sent]
		if next.sent != h.sent || next.entry >= 0 || next.body.Parent != "" || h.end >= len(s.toks) ||
			s.toks[h.end].fold != "yaninda" || next.tok != h.end+1 {
			continue
		}
		if h.entry >= 0 {
			next.body.Parent = g.entries[h.entry].ID
		} else {
			next.body.Parent = h.body.ID
		}
	}
}

// aliasHits finds the gazetteer's full names and abbreviations, longest
// first, and marks their words used.
func (g *Gazetteer) aliasHits(sents []msent) []hit {
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
			p := &g.aliases[best]
			last := s.toks[i+bestN-1]
			if h, nom, isHead := g.headAt(last.fold); isHead && !p.abbrev {
				// "Elm və Təhsil Nazirliyi" is not "Təhsil Nazirliyi"
				// Words before a listed name make another body only across
				// "və" or "üzrə" ("Elm və Təhsil Nazirliyi"); "Ümumi Siyahı
				// Dövlət Vergi Xidmətinin" is the list of a listed body.
				if start := g.nameStart(s, i, true); start < i && bridged(s, start, i) {
					if name, ok := g.canonicalName(s, start, i+bestN-1, h); ok {
						if e, known := g.entryNamed(name); !known || e != p.entry {
							hits = append(hits, g.bodyHit(s, si, start, i+bestN, name, h, nom))
							i += bestN - 1
							continue
						}
					}
				}
			}
			hits = append(hits, hit{entry: p.entry, sent: si, tok: i, end: i + bestN, text: s.text[s.toks[i].start:last.end],
				nom: p.abbrev || last.fold == p.lastFold})
			for k := i; k < i+bestN; k++ {
				s.used[k] = true
			}
			i += bestN - 1
		}
	}
	return hits
}

// refHits finds short forms that refer back to a body named in full: the
// gazetteer's ("Nazirlik", "Dövlət Agentliyi"), then a head noun on its own
// ("Komitəyə") for the nearest found body with that head.
func (g *Gazetteer) refHits(sents []msent, full []hit) []hit {
	var hits []hit
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
					last := s.toks[i+n-1]
					hits = append(hits, hit{entry: e, sent: si, tok: i, end: i + n, text: s.text[s.toks[i].start:last.end], nom: last.fold == p.lastFold})
					for k := i; k < i+n; k++ {
						s.used[k] = true
					}
					i += n - 1
				}
				break
			}
			if s.used[i] || !s.toks[i].upper {
				continue
			}
			if h, ok := g.headRef(s.toks[i].fold); ok && (i > 0 || !g.bareRef(s.toks[i].fold, h) || i+1 < len(s.toks) && s.toks[i+1].fold == "terefinden") {
				if b, ok := nearestFound(full, h.fold, si, i); ok {
					b.sent, b.tok, b.end, b.text = si, i, i+1, s.toks[i].raw
					_, b.nom, _ = g.headAt(s.toks[i].fold)
					if !strings.HasPrefix(s.toks[i].fold, h.fold) {
						b.nom = s.toks[i].fold == h.ref || s.toks[i].fold == h.ref+"k" || s.toks[i].fold == h.ref+"q"
					}
					hits = append(hits, b)
					s.used[i] = true
				}
			}
		}
	}
	return hits
}

// bareRef reports whether a folded word is a short form in the bare
// nominative ("Məhkəmə", "Nazirlik"): at the start of a sentence that is a
// common noun with a capital ("Məhkəmə qərarlarının icrası …").
func (g *Gazetteer) bareRef(w string, h headNoun) bool {
	return w == h.ref || w == h.ref+"k" || w == h.ref+"q"
}

// headRef returns the head noun a folded word is the short form of
// ("Komitəyə", "Nazirliyin", "Komitəsi").
func (g *Gazetteer) headRef(w string) (headNoun, bool) {
	if h, _, ok := g.headAt(w); ok && h.ref != "" {
		return h, true
	}
	for _, h := range g.heads {
		if h.ref != "" && strings.HasPrefix(w, h.ref) && refEnding(w[len(h.ref):]) {
			return h, true
		}
	}
	return headNoun{}, false
}

// nearestFound returns the found body with the head noun head nearest
// before (si, ti), else the first after.
func nearestFound(full []hit, head string, si, ti int) (hit, bool) {
	before, after := -1, -1
	for i, h := range full {
		if h.head != head {
			continue
		}
		if h.sent < si || (h.sent == si && h.tok < ti) {
			if before < 0 || full[before].sent < h.sent || (full[before].sent == h.sent && full[before].tok < h.tok) {
				before = i
			}
		} else if after < 0 {
			after = i
		}
	}
	switch {
	case before >= 0:
		return full[before], true
	case after >= 0:
		return full[after], true
	}
	return hit{}, false
}

// mentions turns hits into one mention per body, in the order of first
// mention, each with its strongest role.
func (g *Gazetteer) mentions(sents []msent, hits []hit) []corpus.AgencyMention {
	roles := make([]corpus.Role, len(hits))
	for k, h := range hits {
		roles[k] = g.mentionRole(&sents[h.sent], h)
	}
	promoteOwners(sents, hits, roles)
	var out []corpus.AgencyMention
	idx := map[string]int{}
	for k, h := range hits {
		a := h.body
		if h.entry >= 0 {
			a = g.agency(h.entry)
		}
		role := roles[k]
		m := corpus.AgencyMention{Agency: a, Text: h.text, Sentence: sents[h.sent].text, Role: role}
		i, ok := idx[a.ID]
		if !ok {
			idx[a.ID] = len(out)
			out = append(out, m)
			continue
		}
		if roleRank(role) < roleRank(out[i].Role) {
			out[i].Text, out[i].Sentence, out[i].Role = m.Text, m.Sentence, m.Role
		}
	}
	return out
}

// actWords are folded words that name a legal act or its date: a body in
// the genitive before them is cited as the author of an act ("Nazirlər
// Kabinetinin 2021-ci il 7 dekabr tarixli 386 nömrəli Qərarı ilə"), not
// named as the one who did the work.
var actWords = map[string]bool{"tarixli": true, "qerari": true, "qerarina": true, "qerarinin": true, "fermani": true, "serencami": true, "derkenari": true, "emri": true, "qerarlari": true}

// citesAct reports whether one of the eight tokens from k names a legal act.
func citesAct(s *msent, k int) bool {
	for i := k; i < len(s.toks) && i < k+8; i++ {
		if actWords[s.toks[i].fold] {
			return true
		}
	}
	return false
}

// promoteOwners makes responsible a body named in the genitive in a
// sentence that reports a result, a routine or work not done, and names no
// responsible body: the owner of the site, system or document the work was done on
// ("… Maliyyə Nazirliyinin saytında yerləşdirilmişdir").
func promoteOwners(sents []msent, hits []hit, roles []corpus.Role) {
	for si := range sents {
		done := false
		for k, h := range hits {
			done = done || h.sent == si && roles[k] == corpus.RoleResponsible
		}
		if done || !reportsResult(sents[si].toks) && !reportsRoutine(sents[si].toks) && !reportsNotDone(sents[si].toks) {
			continue
		}
		for k, h := range hits {
			if h.sent == si && roles[k] == corpus.RoleMentioned && !h.nom && isGenitive(aztext.LowerFold(h.text)) && !citesAct(&sents[si], h.end) {
				roles[k] = corpus.RoleResponsible
			}
		}
	}
}

// roleRank orders roles, strongest first.
func roleRank(r corpus.Role) int {
	for i, x := range corpus.Roles() {
		if x == r {
			return i
		}
	}
	return len(corpus.Roles())
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

// bridged reports whether "və" or "üzrə" is among the tokens start..end.
func bridged(s *msent, start, end int) bool {
	for k := start; k < end; k++ {
		if f := s.toks[k].fold; f == "ve" || f == "uzre" {
			return true
		}
	}
	return false
}
