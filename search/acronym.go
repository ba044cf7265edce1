package search

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// acronymRE finds an acronym in brackets, e.g. "(QHT)" or "(İAMAS)".
var acronymRE = regexp.MustCompile(`\(\s*(\p{Lu}[\p{Lu}\p{Ll}]?\p{Lu}{1,8})\s*\)`)

// definedAsRE finds a short name the text gives what precedes it:
// "Komissiyaya (bundan sonra ─ Komissiya)".
var definedAsRE = regexp.MustCompile(`\(\s*bundan\s+sonra\s*[-–—─:]?\s*["“«]?([\p{L}\p{N}-]+)["”»]?\s*\)`)

// expandedRE finds an acronym followed by its long form in brackets:
// "FİN (fərdi identifikasiya nömrəsi)".
var expandedRE = regexp.MustCompile(`(?:^|[^\p{L}])(\p{Lu}[\p{Lu}\p{Ll}]?\p{Lu}{1,8})\s*\(([^()]{3,100})\)`)

// isAcronym reports whether w is written as an acronym (two or more
// letters, all upper case but possibly one).
func isAcronym(w string) bool {
	upper, n := 0, 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return n >= 2 && upper >= n-1 && unicode.IsUpper([]rune(w)[0])
}

// acronymSkip reports whether w is a function word an acronym's letters may skip.
func acronymSkip(w string) bool {
	switch w {
	case "və", "ilə", "üzrə", "üçün", "bağlı", "of", "and", "the", "for":
		return true
	}
	return false
}

// acronyms returns the acronyms and short names the reports define, keyed
// by the folded acronym, with the long form as written: a long form
// followed by the acronym in brackets ("qeyri-hökumət təşkilatı (QHT)"), an
// acronym followed by its long form in brackets ("FİN (fərdi
// identifikasiya nömrəsi)"), and a one-word short name given with "bundan
// sonra" ("… Komissiyaya (bundan sonra ─ Komissiya)"). Abbreviations of the
// agencies the measures name map to the agencies' names. The long form is
// found by matching the acronym's letters against the initials of the
// words (and hyphenated parts) next to the bracket; failing that, it is the
// capitalised name right before it (a foreign acronym: "Dövlətlər Qrupu
// (GRECO)"), or for "bundan sonra" the words back to a punctuation mark.
// Searcher computes them from the reports of each index it opens.
func acronyms(reports []*corpus.Report) map[string]string {
	b := newAcronymBuilder()
	for _, r := range reports {
		b.add(r)
	}
	return b.out
}

// acronymBuilder collects the acronyms of reports given one at a time; the
// first definition of an acronym wins. It keeps copies of the long forms, so
// that the reports it has seen can be freed.
type acronymBuilder struct {
	out map[string]string
}

func newAcronymBuilder() *acronymBuilder {
	return &acronymBuilder{out: make(map[string]string)}
}

// add collects the acronyms of r.
func (b *acronymBuilder) add(r *corpus.Report) {
	if r == nil {
		return
	}
	out := b.out
	scan := func(text string) {
		for _, m := range acronymRE.FindAllStringSubmatchIndex(text, -1) {
			acr := text[m[2]:m[3]]
			key := foldWord(acr)
			if _, ok := out[key]; ok {
				continue
			}
			long := longForm(aztext.Lower(acr), text[:m[0]])
			if long == "" {
				long = capitalRun(text[:m[0]])
			}
			if long != "" {
				out[key] = strings.Clone(long)
			}
		}
		for _, m := range definedAsRE.FindAllStringSubmatchIndex(text, -1) {
			short := text[m[2]:m[3]]
			key := foldWord(short)
			if _, ok := out[key]; ok {
				continue
			}
			long := ""
			if isAcronym(short) {
				long = longForm(aztext.Lower(short), text[:m[0]])
			}
			if long == "" {
				long = clauseEnd(text[:m[0]])
			}
			if long != "" && !strings.EqualFold(long, short) {
				out[key] = strings.Clone(long)
			}
		}
		for _, m := range expandedRE.FindAllStringSubmatchIndex(text, -1) {
			acr, long := text[m[2]:m[3]], strings.TrimSpace(text[m[4]:m[5]])
			key := foldWord(acr)
			if _, ok := out[key]; ok {
				continue
			}
			if longForm(aztext.Lower(acr), long) == long {
				out[key] = strings.Clone(long)
			}
		}
	}
	for i := range r.Measures {
		m := &r.Measures[i]
		scan(m.Title)
		scan(indexer.NarrativeText(m))
		for _, a := range m.Agencies {
			for _, ab := range a.Abbrev {
				key := foldWord(ab)
				if _, ok := out[key]; !ok && key != "" && a.Name != "" && !strings.EqualFold(ab, a.Name) {
					out[key] = a.Name
				}
			}
		}
	}
}

// longForm returns the words at the end of before whose initials spell acr
// (lowercased), or "" if they don't.
func longForm(acr, before string) string {
	words := strings.Fields(before)
	letters := []rune(acr)
	need := len(letters)
	// Walk back over at most need+3 words, collecting initials right to left.
	for n := 1; n <= len(words) && n <= need+3; n++ {
		var initials []rune
		for _, w := range words[len(words)-n:] {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
			lw := aztext.Lower(w)
			if lw == "" || acronymSkip(lw) {
				continue
			}
			for _, part := range strings.Split(lw, "-") {
				if r, _ := utf8.DecodeRuneInString(part); part != "" && unicode.IsLetter(r) {
					initials = append(initials, r)
				}
			}
		}
		if len(initials) > need {
			return ""
		}
		if string(initials) == acr {
			first := strings.TrimFunc(words[len(words)-n], func(r rune) bool { return !unicode.IsLetter(r) })
			if acronymSkip(aztext.Lower(first)) {
				continue
			}
			long := strings.Join(words[len(words)-n:], " ")
			return strings.TrimFunc(long, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		}
	}
	return ""
}

// trimWord trims what is not a letter or digit from both ends of w.
func trimWord(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// capitalRun returns the run of two to eight capitalised words (with the
// function words between them) at the end of before: the name an acronym
// in brackets follows when its letters are not the name's initials
// ("Avropa Şurasının Korrupsiyaya qarşı Dövlətlər Qrupu (GRECO)"), or "".
func capitalRun(before string) string {
	words := strings.Fields(before)
	start, capitals := len(words), 0
	for i := len(words) - 1; i >= 0 && len(words)-i <= 8; i-- {
		w := trimWord(words[i])
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case w != words[i] && i != len(words)-1 && !strings.HasSuffix(words[i], "”") && !strings.HasPrefix(words[i], "“"):
			// Punctuation inside the run ends it.
			i = -1
			continue
		case unicode.IsUpper(r):
			start = i
			capitals++
		case acronymSkip(aztext.Lower(w)) || aztext.Lower(w) == "qarşı":
		default:
			i = -1
			continue
		}
	}
	if capitals < 2 {
		return ""
	}
	return trimWord(strings.Join(words[start:], " "))
}

// clauseEnd returns the last words of before, back to a punctuation mark
// and at most six (a short name given with "bundan sonra" stands for them),
// from the first capitalised one if any, without leading function words,
// or "".
func clauseEnd(before string) string {
	words := strings.Fields(before)
	start := len(words)
	for i := len(words) - 1; i >= 0 && len(words)-i <= 6; i-- {
		if i != len(words)-1 && trimWord(words[i]) != words[i] {
			break
		}
		start = i
	}
	// A name starts at its first capitalised word.
	for i := start; i < len(words); i++ {
		if r, _ := utf8.DecodeRuneInString(trimWord(words[i])); unicode.IsUpper(r) {
			start = i
			break
		}
	}
	for start < len(words) && acronymSkip(aztext.Lower(trimWord(words[start]))) {
		start++
	}
	if start >= len(words) {
		return ""
	}
	return trimWord(strings.Join(words[start:], " "))
}
