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

// acronymSkip reports whether w is a function word an acronym's letters may skip.
func acronymSkip(w string) bool {
	switch w {
	case "və", "ilə", "üzrə", "üçün", "bağlı", "of", "and", "the", "for":
		return true
	}
	return false
}

// acronyms returns the acronyms the reports define by writing a long form
// followed by the acronym in brackets ("qeyri-hökumət təşkilatı (QHT)"),
// keyed by the folded acronym, with the long form as written. Abbreviations
// of the agencies the measures name map to the agencies' names. The long form
// is found by matching the acronym's letters against the initials of the
// words (and hyphenated parts) right before the bracket.
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
			if long := longForm(aztext.Lower(acr), text[:m[0]]); long != "" {
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
