package analytics

import (
	"strings"

	"github.com/hesabat/hesabat/corpus"
)

// Statuses lists the statuses in the order charts and summaries show them.
func Statuses() []corpus.Status {
	return []corpus.Status{
		corpus.StatusCompleted,
		corpus.StatusInProgress,
		corpus.StatusNotImplemented,
		corpus.StatusRecommendation,
		corpus.StatusUnknown,
	}
}

// StatusLabel returns the Azerbaijani and English label of a status; an
// empty or unrecognised status is labelled as unknown.
func StatusLabel(s corpus.Status) Text {
	switch s {
	case corpus.StatusCompleted:
		return Text{AZ: "İcra edilib", EN: "Completed"}
	case corpus.StatusInProgress:
		return Text{AZ: "İcra davam edir", EN: "In progress"}
	case corpus.StatusNotImplemented:
		return Text{AZ: "İcra edilməyib", EN: "Not implemented"}
	case corpus.StatusRecommendation:
		return Text{AZ: "Komissiyanın tövsiyəsi", EN: "Commission recommendation"}
	default:
		return Text{AZ: "Məlum deyil", EN: "Unknown"}
	}
}

// statusRule recognises one status from the words of a sentence.
type statusRule struct {
	status corpus.Status
	match  func(words string, toks []token) bool
}

// statusRules are tried in order of precedence: the Commission's own
// recommendation or concern first, then not implemented, completed, and in
// progress. Each looks at the sentence's folded words joined by single
// spaces, with a space at either end.
func statusRules() []statusRule {
	return []statusRule{
		{corpus.StatusRecommendation, func(w string, toks []token) bool {
			if !containsAny(w, " tovsiye edir ", " tovsiyye edir ", " qeyd edir ") {
				return false
			}
			for _, t := range toks {
				if t.upper && t.fold == "komissiya" {
					return true
				}
			}
			return false
		}},
		{corpus.StatusNotImplemented, func(w string, _ []token) bool {
			return containsAny(w, " icra edilmeyib ", " icra edilmemisdir ", " icra olunmayib ", " icra olunmamisdir ",
				" heyata kecirilmeyib ", " heyata kecirilmemisdir ")
		}},
		{corpus.StatusCompleted, func(w string, _ []token) bool {
			return containsAny(w, " tam icra ", " tam heyata kecir") ||
				strings.HasPrefix(w, " bend ") && containsAny(w, " icra edilmisdir ", " icra olunmusdur ")
		}},
		{corpus.StatusInProgress, func(w string, toks []token) bool {
			if containsAny(w, " davam etdirilir ", " davam etdirilmis", " davam etdirildi", " davam etmis", " davam edir ",
				" nezerde tutulur ", " heyata kecirilir ", " hazirlanir ", " is aparilir ", " isler aparilir ", " tedbirler gorulur ") {
				return true
			}
			for _, t := range toks {
				for _, suf := range []string{"mekdedir", "maqdadir", "ecekdir", "acaqdir"} {
					if len(t.fold) > len(suf) && strings.HasSuffix(t.fold, suf) {
						return true // "icra edilməkdədir", "həyata keçiriləcəkdir"
					}
				}
			}
			return false
		}},
	}
}

// containsAny reports whether s contains any of the phrases.
func containsAny(s string, phrases ...string) bool {
	for _, p := range phrases {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// statusDates is what a measure's dates say about its status: the last year
// of its implementation period (0 if the period gives none) and the year the
// report describes (0 if unknown).
type statusDates struct {
	due, year int
}

// duePassed reports whether the measure's period had ended by the end of the
// year the report describes.
func (d statusDates) duePassed() bool {
	return d.due > 0 && d.year > 0 && d.due <= d.year
}

// measureStatus decides a measure's status from the sentences of its
// narrative and its dates, and returns it with the sentence that decided it.
// The explicit rules (statusRules) come first; failing them, a sentence
// reporting a result in the past tense ("hazırlanmışdır", "təqdim
// olunmuşdur") makes the measure completed when its period has ended by the
// report's year and in progress when it runs on; failing that, a sentence
// describing a routine in the present ("saytda yerləşdirilir") makes it in
// progress. Where nothing decides, the status is unknown and the evidence
// empty.
func measureStatus(sents []string, d statusDates) (corpus.Status, string) {
	words := make([]string, len(sents))
	toks := make([][]token, len(sents))
	for i, s := range sents {
		toks[i] = tokenize(s)
		var b strings.Builder
		b.WriteByte(' ')
		for _, t := range toks[i] {
			b.WriteString(t.fold)
			b.WriteByte(' ')
		}
		words[i] = b.String()
	}
	for _, rule := range statusRules() {
		for i := range sents {
			if rule.match(words[i], toks[i]) {
				return rule.status, sents[i]
			}
		}
	}
	for i := range sents {
		if reportsResult(toks[i]) {
			if d.duePassed() {
				return corpus.StatusCompleted, sents[i]
			}
			return corpus.StatusInProgress, sents[i]
		}
	}
	for i := range sents {
		if reportsRoutine(toks[i]) {
			return corpus.StatusInProgress, sents[i]
		}
	}
	return corpus.StatusUnknown, ""
}

// pastEndings are the folded endings of a finite verb in the past
// (evidential) tense, "-mışdır" and its vowel-harmony forms, singular and
// plural: "hazırlanmışdır", "olunmuşdur", "görülmüşdür", "etmişlər".
var pastEndings = []string{"misdir", "musdur", "misdirler", "musdurlar", "mislar", "misler", "muslar", "musler", "misdi", "musdu"}

// deadlineVerbs are past-tense verbs that say a period ended, not that
// anything was done ("icra müddəti 2020-ci ildə yekunlaşmışdır").
var deadlineVerbs = []string{"yekunlas", "bit", "basa", "tamamlanma"}

// reportsResult reports whether a sentence states something done: a verb
// in the past tense that is not negated ("hazırlanmamışdır") and does not
// only say a deadline ended.
func reportsResult(toks []token) bool {
	for _, t := range toks {
		w := t.fold
		if t.digit || len(w) < 8 {
			continue
		}
		past := false
		for _, e := range pastEndings {
			if strings.HasSuffix(w, e) {
				stem := strings.TrimSuffix(w, e)
				past = !strings.HasSuffix(stem, "ma") && !strings.HasSuffix(stem, "me")
				break
			}
		}
		if !past {
			continue
		}
		deadline := false
		for _, v := range deadlineVerbs {
			deadline = deadline || strings.HasPrefix(w, v)
		}
		if !deadline {
			return true
		}
	}
	return false
}

// reportsNotDone reports whether a sentence says something was not done
// ("… bəndlər icra edilməyib").
func reportsNotDone(toks []token) bool {
	w := " " + strings.Join(foldWords(toks), " ") + " "
	return statusRules()[1].match(w, toks)
}

// routineEndings are the folded endings of a passive verb in the present
// ("açıqlanır", "yerləşdirilir", "redaktə olunur").
var routineEndings = []string{"ilir", "ulur", "unur", "anir", "enir", "inir"}

// reportsRoutine reports whether a sentence ends in a passive verb in the
// present: something the body does as a matter of routine
// ("… Maliyyə Nazirliyinin saytında … açıqlanır.").
func reportsRoutine(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	w := toks[len(toks)-1].fold
	if len(w) < 6 {
		return false
	}
	for _, e := range routineEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// normStatus maps an empty status to unknown.
func normStatus(s corpus.Status) corpus.Status {
	if strings.TrimSpace(string(s)) == "" {
		return corpus.StatusUnknown
	}
	return s
}
