package analytics

import (
	"regexp"
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

// statusRule recognises one status from the words of a sentence, matched on
// the folded (lowercase, ASCII-folded) sentence.
type statusRule struct {
	status corpus.Status
	match  func(folded string, toks []token) bool
}

var (
	// The patterns are read-only after initialisation.
	reRecommendVerb = regexp.MustCompile(`tovsiy+e edir|qeyd edir`)
	reNotDone       = regexp.MustCompile(`\b(icra edilmeyib|icra edilmemisdir|icra olunmayib|icra olunmamisdir|heyata kecirilmeyib|heyata kecirilmemisdir)\b`)
	reDoneFull      = regexp.MustCompile(`\btam (icra|heyata kecir)`)
	reDoneItem      = regexp.MustCompile(`^bend\b.*\bicra (edilmisdir|olunmusdur)`)
	reOngoing       = regexp.MustCompile(`\bdavam (etdirilir|etdiril(mis|di)|etmis|edir)|[a-z](mekdedir|maqdadir)\b|[a-z](ecekdir|acaqdir)\b|\bnezerde tutulur\b|\bheyata kecirilir\b|\bhazirlanir\b|\b(is|isler) aparilir\b|\btedbirler gorulur\b`)
)

// statusRules are tried in order of precedence: the Commission's own
// recommendation or concern first, then not implemented, completed, and in
// progress.
func statusRules() []statusRule {
	return []statusRule{
		{corpus.StatusRecommendation, func(f string, toks []token) bool {
			if !reRecommendVerb.MatchString(f) {
				return false
			}
			for _, t := range toks {
				if t.upper && t.fold == "komissiya" {
					return true
				}
			}
			return false
		}},
		{corpus.StatusNotImplemented, func(f string, _ []token) bool { return reNotDone.MatchString(f) }},
		{corpus.StatusCompleted, func(f string, _ []token) bool { return reDoneFull.MatchString(f) || reDoneItem.MatchString(f) }},
		{corpus.StatusInProgress, func(f string, _ []token) bool { return reOngoing.MatchString(f) }},
	}
}

// measureStatus decides a measure's status from the sentences of its
// narrative and returns it with the sentence that decided it. Where no rule
// matches, the status is unknown and the evidence empty.
func measureStatus(sents []string) (corpus.Status, string) {
	folded := make([]string, len(sents))
	toks := make([][]token, len(sents))
	for i, s := range sents {
		folded[i] = collapseSpace(fold(s))
		toks[i] = tokenize(s)
	}
	for _, rule := range statusRules() {
		for i := range sents {
			if rule.match(folded[i], toks[i]) {
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
