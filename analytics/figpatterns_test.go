package analytics

import (
	"slices"
	"strings"
	"testing"
)

// TestFigurePatterns has a row for each of figurePatterns: a sentence, the
// figures read from it, and proof that the row exercises its pattern — the
// figures differ when that pattern is left out.
func TestFigurePatterns(t *testing.T) {
	tests := []struct {
		pattern  string
		sentence string
		want     []string
	}{
		{"part of a word or code", "161.az portalı istifadəyə verilib", nil},
		{"law number", "918-VQD Qanunu qəbul edilib", nil},
		{"quoted name, code or reference", "“916” vahid qaynar xətt", nil},
		{"numbered document", "404 nömrəli Qərar", nil},
		{"dotted date", "21.10.2020-ci il tarixli məktubla", []string{"21.10.2020-ci il=20201021 date"}},
		{"not a plain number", "1.2.3 bəndi", nil},
		{"year range", "2020─2021-ci illərdə qiymətləndirilmə", []string{"2020─2021-ci illərdə=2020 year_range"}},
		{"date after a year", "2021-ci il sentyabrın 8-də Nazirliyin", []string{"2021-ci il sentyabrın 8-də=20210908 date"}},
		{"month after a year", "2021-ci ilin dekabr ayı ərzində", []string{"2021-ci ilin dekabr ayı=202112 month"}},
		{"year", "2021-ci il ərzində", []string{"2021-ci il=2021 year"}},
		{"ordinal", "20.2-ci maddə", nil},
		{"day month year", "21 oktyabr 2020-ci il tarixli", []string{"21 oktyabr 2020-ci il=20201021 date"}},
		{"day after a month", "Oktyabrın 20-də videotəlim keçirilmişdir.", []string{"Oktyabrın 20-də=20211020 date"}},
		{"day continuing a list of dates", "2021-ci il iyunun 11-də, 18-də və 30-da vebinar",
			[]string{"2021-ci il iyunun 11-də=20210611 date", "18-də=20210618 date", "30-da=20210630 date"}},
		{"numeric range", "5─10 nəfər iştirak edib", nil},
		{"count or percentage", "cəmi 5131 müraciət daxil olmuşdur", []string{"5131=5131 count total [müraciət]"}},
	}
	render := func(spans []figSpan) []string {
		var out []string
		for _, s := range spans {
			out = append(out, fig(s.Figure))
		}
		return out
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.pattern, func(t *testing.T) {
			i := slices.IndexFunc(figurePatterns, func(p figurePattern) bool { return p.name == tc.pattern })
			if i < 0 {
				t.Fatalf("no pattern %q", tc.pattern)
			}
			covered[tc.pattern] = true
			got := render(extractWith(figurePatterns, tc.sentence, 2021))
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
			without := slices.Delete(slices.Clone(figurePatterns), i, i+1)
			if slices.Equal(render(extractWith(without, tc.sentence, 2021)), got) {
				t.Errorf("the sentence reads the same without the pattern: the row does not exercise it")
			}
		})
	}
	for _, p := range figurePatterns {
		if !covered[p.name] {
			t.Errorf("pattern %q has no row", p.name)
		}
	}
}
