package analytics

import (
	"strings"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
)

// headNoun is a noun that ends the name of a public body, "Nazirliyi" in
// "Maliyyə Nazirliyi", "Bank" in "Mərkəzi Bank".
type headNoun struct {
	name   string // as it ends a name in the nominative: "Nazirliyi", "Bank"
	fold   string // name folded: "nazirliyi"
	bare   bool   // the name ends in the bare noun, not its possessive
	ref    string // folded stem of the short form that refers back ("nazirli" of "Nazirlik"), "" for none
	plural string // folded plural stem for lists ("nazirlikler"), "" for none
}

// headNouns returns the head nouns of Azerbaijani names of public bodies.
func headNouns() []headNoun {
	type h struct {
		name, ref, plural string
		bare              bool
	}
	raw := []h{
		{"Nazirliyi", "Nazirlik", "nazirlikler", false},
		{"Komitəsi", "Komitə", "komiteler", false},
		{"Agentliyi", "Agentlik", "agentlikler", false},
		{"Xidməti", "Xidmət", "xidmetler", false},
		{"Palatası", "Palata", "palatalar", false},
		{"Məhkəməsi", "Məhkəmə", "mehkemeler", false},
		{"Mərkəzi", "Mərkəz", "merkezler", false},
		{"Fondu", "Fond", "fondlar", false},
		{"Şurası", "Şura", "suralar", false},
		{"İdarəsi", "İdarə", "idareler", false},
		{"Komissiyası", "Komissiya", "komissiyalar", false},
		{"Bankı", "Bank", "banklar", false},
		{"Hakimiyyəti", "", "", false}, // İcra Hakimiyyəti
		{"Aparatı", "Aparat", "", false},
		{"Müvəkkili", "", "", false},
		{"Ombudsmanı", "", "", false},
		{"Universiteti", "Universitet", "universitetler", false},
		{"Akademiyası", "Akademiya", "akademiyalar", false},
		{"Kabineti", "", "", false},
		{"İnspeksiyası", "İnspeksiya", "inspeksiyalar", false},
		{"Departamenti", "", "", false},
		{"Katibliyi", "", "", false},
		{"Xəzinədarlığı", "", "", false},
		{"Prokurorluğu", "", "", false},
		{"Bank", "", "", true},
		{"Məclis", "", "", true},
		{"Məhkəmə", "", "", true},
		{"Komissiya", "", "", true},
		{"Ombudsman", "", "", true},
	}
	out := make([]headNoun, len(raw))
	for i, r := range raw {
		ref := aztext.LowerFold(r.ref)
		if len(ref) > 5 && (strings.HasSuffix(ref, "k") || strings.HasSuffix(ref, "q")) {
			ref = ref[:len(ref)-1] // Nazirlik → nazirli, matching Nazirliyin
		}
		out[i] = headNoun{name: r.name, fold: aztext.LowerFold(r.name), bare: r.bare, ref: ref, plural: r.plural}
	}
	return out
}

// possessiveEndings are the folded case endings after a possessive head
// ("Nazirliyi-nin", "Komitəsi-nə", "Bankı-nda").
var possessiveEndings = []string{"", "nin", "nun", "na", "ne", "ni", "nu", "nda", "nde", "ndan", "nden", "ndaki", "ndeki"}

// bareEndings are the folded case endings after a bare head ("Bank-ın",
// "Məclis-ə", "Məhkəmə-yə").
var bareEndings = []string{"", "in", "un", "nin", "nun", "a", "e", "ya", "ye", "i", "u", "ni", "nu", "da", "de", "ta", "te", "dan", "den", "tan", "ten", "la", "le"}

// headAt returns the head noun a folded word is an inflection of, and
// whether it is the nominative itself.
func (g *Gazetteer) headAt(w string) (headNoun, bool, bool) {
	for _, h := range g.heads {
		if !strings.HasPrefix(w, h.fold) {
			continue
		}
		rest := w[len(h.fold):]
		ends := possessiveEndings
		if h.bare {
			ends = bareEndings
		}
		for _, e := range ends {
			if rest == e {
				return h, rest == "", true
			}
		}
	}
	return headNoun{}, false, false
}

// pluralHeadAt returns the head noun whose plural a folded word is
// ("nazirlikləri", "komitələrinin").
func (g *Gazetteer) pluralHeadAt(w string) (headNoun, bool) {
	for _, h := range g.heads {
		if h.plural == "" || !strings.HasPrefix(w, h.plural) {
			continue
		}
		switch w[len(h.plural):] {
		case "", "i", "in", "inin", "ine", "ini", "inde", "inden", "nin", "ne", "na", "de", "da":
			return h, true
		}
	}
	return headNoun{}, false
}

// sentenceStarters are folded words that open a sentence with a capital
// but are not part of a name ("Həmçinin Dövlət Gömrük Komitəsi …").
var sentenceStarters = map[string]bool{
	"hemcinin": true, "bundan": true, "eyni": true, "bele": true, "bu": true, "hemin": true, "qeyd": true,
	"hesabat": true, "habele": true, "elece": true, "lakin": true, "ancaq": true, "bununla": true, "o": true,
	"onun": true, "cari": true, "oten": true, "hazirda": true, "neticede": true, "umumilikde": true, "sonra": true,
	"bend": true, "bendin": true, "yeni": true, "il": true, "her": true, "butun": true, "diger": true, "ve": true,
	"artiq": true, "daha": true, "bir": true, "ilk": true, "son": true, "muvafiq": true, "aidiyyati": true,
	"ilin": true, "ayrica": true, "elave": true, "xususile": true,
	// nouns a report's sentences often open with
	"layihe": true, "sened": true, "melumat": true, "qanun": true, "tedbir": true, "tedbirler": true, "teklif": true,
	"sistem": true, "portal": true, "kitab": true, "arayis": true, "muraciet": true, "hesabatlar": true, "isci": true,
}

// genericModifiers are words that do not make a name on their own: "Dövlət
// Agentliyi" is a short form, not the name of a body.
var genericModifiers = map[string]bool{"dovlet": true, "bas": true, "azerbaycan": true, "respublikasi": true, "respublikasinin": true, "milli": false}

// discoverHits finds the names of bodies the gazetteer does not list: a
// capitalised head noun in any case with the capitalised words before it
// ("Dövlət Gömrük Komitəsinə", "Gənclər və İdman Nazirliyi tərəfindən"). A
// name that the gazetteer knows by another inflection is its entry.
func (g *Gazetteer) discoverHits(sents []msent) []hit {
	var out []hit
	for si := range sents {
		s := &sents[si]
		for i := range s.toks {
			t := s.toks[i]
			if s.used[i] || !t.upper || t.digit {
				continue
			}
			if i+1 < len(s.toks) && s.toks[i+1].upper && strings.TrimSpace(s.text[t.end:s.toks[i+1].start]) == "" {
				if _, _, next := g.headAt(s.toks[i+1].fold); next {
					continue // "Mərkəzi Bank": the first word is part of the name
				}
			}
			h, nom, ok := g.headAt(t.fold)
			weak := false
			if !ok {
				// "Dövlət Turizm Agentliyin": the short form's case
				// ending on a full name, taken with two words before it
				if h, ok = g.headRef(t.fold); !ok || t.fold == h.ref || t.fold == h.ref+"k" {
					continue
				}
				weak = true
			}
			start := g.nameStart(s, i, false)
			if start == i {
				continue
			}
			name, ok := g.canonicalName(s, start, i, h)
			if !ok || weak && len(strings.Fields(name)) < 3 {
				continue
			}
			out = append(out, g.bodyHit(s, si, start, i+1, name, h, nom))
		}
	}
	return out
}

// bodyHit is the hit of a found name: the gazetteer's entry when it knows
// the name, else a body of its own.
func (g *Gazetteer) bodyHit(s *msent, si, start, end int, name string, h headNoun, nom bool) hit {
	for k := start; k < end; k++ {
		s.used[k] = true
	}
	ht := hit{entry: -1, sent: si, tok: start, end: end, text: s.text[s.toks[start].start:s.toks[end-1].end], head: h.fold, nom: nom}
	if e, ok := g.entryNamed(name); ok {
		ht.entry = e
		return ht
	}
	// No English name is known for a body the gazetteer does not list; it
	// goes by its Azerbaijani name in both languages.
	ht.body = corpus.Agency{ID: bodyID(name), Name: name, NameEN: name}
	return ht
}

// entryNamed returns the gazetteer entry whose full name is name.
func (g *Gazetteer) entryNamed(name string) (int, bool) {
	toks := tokenize(name)
	s := msent{text: name, toks: toks, used: make([]bool, len(toks))}
	for _, p := range g.aliases {
		if n := p.matchAt(&s, 0, false); n > 0 && n == len(toks) {
			return p.entry, true
		}
	}
	return 0, false
}

// nameStart walks back from the head at token i over the words of the name
// and returns the first: capitalised words joined by spaces or hyphens
// ("Anti-korrupsiya"), and "və" or "üzrə" between two of them ("Gənclər və
// İdman Nazirliyi", "Vergi Cinayətlərinin İstintaqı üzrə Beynəlxalq
// Akademiyası"). It stops at punctuation, lowercase words, digits, words
// already matched and another body's head. A name in quotes is the title
// of something else ("“Elektron Məhkəmə” İnformasiya Sistemi"): it gives i.
//
// With bridge, "və" right before token i joins too: i is then a word of a
// name, not its head ("Elm və" before "Təhsil Nazirliyi").
func (g *Gazetteer) nameStart(s *msent, i int, bridge bool) int {
	start := i
	for k := i - 1; k >= 0 && i-k <= 10; k-- {
		t := s.toks[k]
		gap := s.text[t.end:s.toks[k+1].start]
		if strings.TrimSpace(gap) != "" && gap != "-" {
			break
		}
		if t.digit || s.used[k] {
			break
		}
		if t.fold == "ve" || t.fold == "uzre" {
			if k == 0 || !s.toks[k-1].upper || s.used[k-1] || start == i && !bridge {
				break
			}
			if _, _, isHead := g.headAt(s.toks[k-1].fold); isHead {
				break // "Dövlət Vergi Xidməti və Maliyyə Monitorinqi Xidməti": two bodies
			}
			if strings.TrimSpace(s.text[s.toks[k-1].end:t.start]) != "" {
				break
			}
			continue
		}
		if k > 0 && strings.HasPrefix(t.fold, "respublika") && s.toks[k-1].fold == "azerbaycan" && !s.used[k-1] {
			start = k - 1 // "Azərbaycan Respublikasının" opens a name
			break
		}
		hyphenated := k > 0 && s.text[s.toks[k-1].end:t.start] == "-" && s.toks[k-1].upper
		if !t.upper && !hyphenated {
			break
		}
		if _, nom, isHead := g.headAt(t.fold); isHead && (!nom || t.fold != "merkezi") {
			break
		}
		if k == 0 && (sentenceStarters[t.fold] || s.lower[t.fold]) && start < i {
			break // a common word opening the sentence, before a name
		}
		start = k
	}
	// the name starts with a capital, not with "və" or a hyphenated tail
	for start < i && (!s.toks[start].upper || s.toks[start].fold == "ve") {
		start++
	}
	if start < i {
		before := strings.TrimSpace(s.text[:s.toks[start].start])
		if strings.HasSuffix(before, "“") || strings.HasSuffix(before, "«") || strings.HasSuffix(before, "\"") {
			return i
		}
	}
	return start
}

// canonicalName returns the nominative name of the body the tokens
// start..head name: the words as written, without "Azərbaycan
// Respublikasının", and the head in the nominative. ok is false when what
// is left does not name a body of its own ("Dövlət Agentliyi").
func (g *Gazetteer) canonicalName(s *msent, start, head int, h headNoun) (string, bool) {
	if start+1 < head && s.toks[start].fold == "azerbaycan" && strings.HasPrefix(s.toks[start+1].fold, "respublika") {
		start += 2
	}
	if start == head {
		return "", false
	}
	generic := true
	for k := start; k < head; k++ {
		generic = generic && genericModifiers[s.toks[k].fold]
	}
	if generic {
		return "", false
	}
	name := s.text[s.toks[start].start:s.toks[head-1].end]
	return aztext.NFC(collapseSpace(name)) + " " + h.name, true
}

// bodyID derives a body's ID from its name: folded, words joined by "-"
// ("Dövlət Gömrük Komitəsi" → "dovlet-gomruk-komitesi").
func bodyID(name string) string {
	var words []string
	for _, t := range tokenize(name) {
		words = append(words, t.fold)
	}
	return strings.Join(words, "-")
}

// discoverListHits finds bodies named in a coordinated list with a plural
// head the gazetteer does not cover ("Gənclər və İdman, Elm və Təhsil
// nazirlikləri" → two ministries): each item ends at a comma, "və" before
// the last item, or the head.
func (g *Gazetteer) discoverListHits(sents []msent) []hit {
	var out []hit
	for si := range sents {
		s := &sents[si]
		for hd := range s.toks {
			h, ok := g.pluralHeadAt(s.toks[hd].fold)
			if !ok || s.toks[hd].upper {
				continue // the head of a list is written in lowercase
			}
			items := listItems(s, hd)
			if len(items) < 2 {
				continue
			}
			for _, it := range items {
				if s.used[it[0]] || it[1]-it[0] == 1 && genericModifiers[s.toks[it[0]].fold] {
					continue
				}
				name := aztext.NFC(collapseSpace(s.text[s.toks[it[0]].start:s.toks[it[1]-1].end])) + " " + h.name
				end := it[1]
				if end == hd {
					end = hd + 1 // the last item carries the head
				}
				bh := g.bodyHit(s, si, it[0], end, name, h, false)
				bh.caseEnd = hd + 1
				out = append(out, bh)
			}
		}
	}
	return out
}

// listItems returns the [start, end) token ranges of the items of the list
// ending at the plural head hd. The list is the run of capitalised words,
// commas and "və" before the head; with commas, the items are what the
// commas separate ("İqtisadiyyat, Ekologiya və Təbii Sərvətlər, Energetika
// nazirlikləri"), without, what "və" separates ("Maliyyə və Ədliyyə
// nazirlikləri"). "Azərbaycan Respublikasının" before the first item is
// not part of it.
func listItems(s *msent, hd int) [][2]int {
	start, commas := hd, false
	for k := hd - 1; k >= 0; k-- {
		t := s.toks[k]
		gap := strings.TrimSpace(s.text[t.end:s.toks[k+1].start])
		if t.digit || !(t.upper || t.fold == "ve") || (gap != "" && gap != "," && gap != "-") {
			break
		}
		commas = commas || gap == ","
		start = k
	}
	for start < hd && !s.toks[start].upper {
		start++
	}
	if start == 0 && start+1 < hd && (sentenceStarters[s.toks[0].fold] || s.lower[s.toks[0].fold]) {
		start++ // a common word opening the sentence
	}
	if start+1 < hd && s.toks[start].fold == "azerbaycan" && strings.HasPrefix(s.toks[start+1].fold, "respublika") {
		start += 2
	}
	var items [][2]int
	from := start
	for k := start; k < hd; k++ {
		t := s.toks[k]
		if commas && strings.TrimSpace(s.text[t.end:s.toks[k+1].start]) == "," {
			items = append(items, [2]int{from, k + 1})
			from = k + 1
		}
		if !commas && t.fold == "ve" {
			if from < k {
				items = append(items, [2]int{from, k})
			}
			from = k + 1
		}
	}
	if from < hd {
		items = append(items, [2]int{from, hd})
	}
	return items
}
