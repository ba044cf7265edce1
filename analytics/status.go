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

// measureStatus decides a measure's status from the sentences of its
// narrative and returns it with the sentence that decided it. Where no rule
// matches, the status is unknown and the evidence empty.
func measureStatus(sents []string) (corpus.Status, string) {
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
	return corpus.StatusUnknown, ""
}

// normStatus maps an empty status to unknown.
func normStatus(s corpus.Status) corpus.Status {
	if strings.TrimSpace(string(s)) == "" {
		return corpus.StatusUnknown
	}
	return s
}
