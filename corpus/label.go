package corpus

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hesabat/hesabat/aztext"
)

// maxLabelRunes bounds the length of a report label.
const maxLabelRunes = 90

// Plan returns the name of the action plan the report is on, as its title
// quotes it without the period ("Açıq hökumətin təşviqinə dair Milli
// Fəaliyyət Planı"); a title that quotes nothing gives its first words.
func (r *Report) Plan() string {
	t := r.Title
	name := ""
	for _, q := range [][2]string{{"“", "”"}, {"«", "»"}, {"\"", "\""}} {
		if i := strings.Index(t, q[0]); i >= 0 {
			rest := t[i+len(q[0]):]
			if j := strings.Index(rest, q[1]); j > 0 {
				name = rest[:j]
				break
			}
		}
	}
	if name == "" {
		words := strings.Fields(t)
		name = strings.Join(words[:min(len(words), 8)], " ")
	}
	if r.PlanPeriod != "" {
		// "… dair 2020─2022-ci illər üçün Milli Fəaliyyət Planı"
		if i := strings.Index(name, r.PlanPeriod); i >= 0 {
			end := i + len(r.PlanPeriod)
			rest := name[end:]
			for _, w := range []string{"-ci", "-cü", "-cı", "-cu", " illər", " üçün", " üzrə"} {
				rest = strings.TrimPrefix(rest, w)
			}
			name = name[:i] + rest
		}
	}
	return strings.Join(strings.Fields(name), " ")
}

// Label returns a short name for the report, for facets, hits and links:
// its plan, the plan's period and the year the report describes
// ("Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı 2020–2022 · 2021"),
// at most 90 characters.
func (r *Report) Label() string {
	plan := r.Plan()
	tail := ""
	switch n := len(r.PlanYears); {
	case n == 1:
		tail = " " + strconv.Itoa(r.PlanYears[0])
	case n > 1:
		tail = " " + strconv.Itoa(r.PlanYears[0]) + "–" + strconv.Itoa(r.PlanYears[n-1])
	}
	if r.Year > 0 {
		tail += " · " + strconv.Itoa(r.Year)
	}
	if plan == "" {
		plan = r.ID
	}
	if n := maxLabelRunes - utf8.RuneCountInString(tail); utf8.RuneCountInString(plan) > n {
		plan = string([]rune(plan)[:max(n-1, 1)]) + "…"
	}
	return plan + tail
}

// PlanKey identifies the plan a report is on, so that reports on the same
// plan (other years' reports) can be matched: the plan's name folded, and
// its period.
func (r *Report) PlanKey() string {
	key := aztext.LowerFold(r.Plan())
	if len(r.PlanYears) > 0 {
		key += " " + strconv.Itoa(r.PlanYears[0]) + "-" + strconv.Itoa(r.PlanYears[len(r.PlanYears)-1])
	}
	return key
}
