package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// miniReport is a small report in the layout of the shipped one, with the
// irregularities the parser must handle.
const miniReport = "“Sınaq planının 2020─2022-ci illər üzrə icrası ilə əlaqədar 2021-ci il ərzində görülən işlər barədə\n" +
	"Azərbaycan Respublikası Maliyyə Nazirliyinin\n" +
	"H E S A B A T I\n" +
	"\t1.\u00a0Birinci bölmə\n" +
	"\n" +
	"\t1.1\n" +
	"\tBirinci tədbirin adı (bundan sonra ─ tədbir)\n" +
	"\t2020─2022\n" +
	"\n" +
	"\t2021-ci il ərzində 3.1 milyondan çox iş görülmüşdür. Cümlə sətir\n" +
	"ortasında bölünmüşdür.\n" +
	"\t1.2.\n" +
	"\tİkinci tədbir\n" +
	"\t   2020\n" +
	"\n" +
	"\tSiyahı:\n" +
	"1. Birinci;\n" +
	"2. İkinci.\n" +
	"· nöqtə;\n" +
	"\t2. İkinci bölmə\n" +
	"\t2.1\n" +
	"\tÜçüncü tədbir\n" +
	"2021–2022\n" +
	"\tBax cavab 1.2 \n"

func mustParse(t testing.TB, name, text string) *Report {
	t.Helper()
	r, err := Parse(name, []byte(text))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return r
}

func measure(t testing.TB, r *Report, num string) *Measure {
	t.Helper()
	for i := range r.Measures {
		if r.Measures[i].Number == num {
			return &r.Measures[i]
		}
	}
	t.Fatalf("report %s has no measure %s", r.ID, num)
	return nil
}

func TestDefaultShape(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(r.Sections), 9; got != want {
		t.Errorf("sections = %d, want %d", got, want)
	}
	if got, want := len(r.Measures), 64; got != want {
		t.Errorf("measures = %d, want %d", got, want)
	}
	perSection := make([]int, 9)
	for _, m := range r.Measures {
		if m.Section < 1 || m.Section > 9 {
			t.Fatalf("measure %s in section %d", m.Number, m.Section)
		}
		perSection[m.Section-1]++
		if m.Report != r.ID {
			t.Errorf("measure %s: Report = %q, want %q", m.Number, m.Report, r.ID)
		}
		if !strings.HasPrefix(m.Number, fmt.Sprint(m.Section)+".") {
			t.Errorf("measure %s filed under section %d", m.Number, m.Section)
		}
		if m.Title == "" || m.Period == "" || len(m.Years) == 0 || len(m.Narrative) == 0 {
			t.Errorf("measure %s incomplete: title %q period %q years %v narrative %d", m.Number, m.Title, m.Period, m.Years, len(m.Narrative))
		}
	}
	if want := []int{10, 12, 9, 12, 6, 4, 4, 3, 4}; !reflect.DeepEqual(perSection, want) {
		t.Errorf("measures per section = %v, want %v", perSection, want)
	}
	for i, s := range r.Sections {
		if s.Number != i+1 {
			t.Errorf("section %d numbered %d", i+1, s.Number)
		}
		if strings.ContainsRune(s.Title, '\u00a0') || strings.HasPrefix(s.Title, " ") {
			t.Errorf("section %d title %q keeps the space after its number", s.Number, s.Title)
		}
	}
}

func TestDefaultHeader(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"id", r.ID, "ogp-nap-2021-report"},
		{"source", r.Source, "embedded:ogp-nap-2021-report.az.txt"},
		{"issuer", r.Issuer, "Azərbaycan Respublikasının Korrupsiyaya qarşı mübarizə üzrə Komissiyası"},
		{"plan period", r.PlanPeriod, "2020─2022"},
		{"plan years", r.PlanYears, []int{2020, 2021, 2022}},
		{"year", r.Year, 2021},
		{"header lines", len(r.Header), 4},
		{"title starts", strings.HasPrefix(r.Title, "“Açıq hökumətin təşviqinə dair 2020─2022-ci illər"), true},
		{"title holds issuer line", strings.Contains(r.Title, "Korrupsiyaya qarşı mübarizə üzrə Komissiyasının"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
}

func TestDefaultIrregularities(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("8.1. is normalised", func(t *testing.T) {
		m := measure(t, r, "8.1")
		if m.Line != 504 || !strings.HasPrefix(m.Title, "Kölgə iqtisadiyyatının") {
			t.Errorf("8.1 at line %d titled %q", m.Line, m.Title)
		}
	})
	t.Run("4.12 holds its 9-item list", func(t *testing.T) {
		m := measure(t, r, "4.12")
		var markers []string
		for _, b := range m.Narrative {
			if b.Kind == BlockItem {
				markers = append(markers, b.Marker)
			}
		}
		want := []string{"1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9."}
		if !reflect.DeepEqual(markers, want) {
			t.Errorf("items %v, want %v", markers, want)
		}
		last := m.Narrative[len(m.Narrative)-1]
		if last.Text != "Azərbaycan Avtomobil Yolları Dövlət Agentliyi." || last.Line != 389 {
			t.Errorf("last item %q at line %d", last.Text, last.Line)
		}
		if s := r.Sections[4]; s.Number != 5 || s.Line != 391 {
			t.Errorf("section 5 = %+v; the list item \"5.\" must not start it", s)
		}
	})
	t.Run("5.3 refers to 5.2", func(t *testing.T) {
		if got := measure(t, r, "5.3").Refs; !reflect.DeepEqual(got, []string{"5.2"}) {
			t.Errorf("refs = %v", got)
		}
		n := 0
		for _, m := range r.Measures {
			n += len(m.Refs)
		}
		if n != 1 {
			t.Errorf("%d refs in the report, want 1", n)
		}
	})
	t.Run("bullets are items", func(t *testing.T) {
		m := measure(t, r, "2.3")
		items := 0
		for _, b := range m.Narrative {
			if b.Kind == BlockItem {
				items++
				if b.Marker != "·" {
					t.Errorf("marker %q", b.Marker)
				}
			}
		}
		if items != 7 {
			t.Errorf("2.3 has %d items, want 7", items)
		}
	})
	t.Run("broken bullet is joined", func(t *testing.T) {
		m := measure(t, r, "2.3")
		var found bool
		for _, b := range m.Narrative {
			if strings.Contains(b.Text, "vergi və qeyri-vergi gəlirlərinin") {
				found = b.Line == 97 && b.Kind == BlockItem
			}
		}
		if !found {
			t.Error("item at line 97 not joined with line 98")
		}
	})
	t.Run("broken sentence is joined", func(t *testing.T) {
		m := measure(t, r, "2.2")
		if len(m.Narrative) != 1 || !strings.Contains(m.Narrative[0].Text, "müzakirələr 2021-ci ildə də davam etmişdir.") {
			t.Errorf("2.2 narrative = %+v", m.Narrative)
		}
		m = measure(t, r, "3.9")
		if len(m.Narrative) != 1 || !strings.Contains(m.Narrative[0].Text, "iyulun 13─17-də") {
			t.Errorf("3.9 narrative not joined: %d blocks", len(m.Narrative))
		}
	})
	t.Run("hyphen periods and indented periods", func(t *testing.T) {
		tests := []struct{ num, period string }{
			{"1.1", "2020"}, {"1.6", "2020-2022"}, {"3.1", "2020"}, {"3.8", "2020─2021"}, {"4.10", "2021─2022"},
		}
		for _, tc := range tests {
			if got := measure(t, r, tc.num).Period; got != tc.period {
				t.Errorf("%s period %q, want %q", tc.num, got, tc.period)
			}
		}
	})
	t.Run("narrative may start with a year", func(t *testing.T) {
		m := measure(t, r, "8.2")
		if m.Period != "2020─2022" || !reflect.DeepEqual(m.Years, []int{2020, 2021, 2022}) {
			t.Errorf("8.2 period %q years %v", m.Period, m.Years)
		}
		if !strings.HasPrefix(m.Narrative[0].Text, "2021-ci il iyunun 11-də") || m.Narrative[0].Line != 521 {
			t.Errorf("8.2 narrative starts %q at %d", m.Narrative[0].Text, m.Narrative[0].Line)
		}
	})
	t.Run("title notes", func(t *testing.T) {
		if got := measure(t, r, "1.2").Notes; !reflect.DeepEqual(got, []string{"(bundan sonra ─ Komissiya)"}) {
			t.Errorf("1.2 notes %q", got)
		}
	})
	t.Run("numbers in prose are not measures", func(t *testing.T) {
		tests := []struct{ measure, prose string }{
			{"4.6", "Məcəlləsinin 144.5-ci maddəsinə"},
			{"1.7", "(161.az)"},
			{"4.1", "bu 3.1 milyondan"},
		}
		for _, tc := range tests {
			m := measure(t, r, tc.measure)
			found := strings.Contains(m.Title, tc.prose)
			for _, b := range m.Narrative {
				found = found || strings.Contains(b.Text, tc.prose)
			}
			if !found {
				t.Errorf("%q not kept in measure %s", tc.prose, tc.measure)
			}
		}
		if m := measure(t, r, "3.1"); m.Line != 163 {
			t.Errorf("3.1 taken from line %d", m.Line)
		}
	})
}

// TestSecondPeriodLineIsNarrative: a line that looks like a period inside a
// narrative (a bare "2020") stays narrative; the measure keeps its first
// period.
func TestSecondPeriodLineIsNarrative(t *testing.T) {
	text := "1. Bölmə\n1.1\nTədbir\n2020─2022\nMətn.\n2020\nDaha mətn.\n"
	r := mustParse(t, "x.txt", text)
	m := measure(t, r, "1.1")
	if m.Period != "2020─2022" {
		t.Errorf("period %q", m.Period)
	}
	if len(m.Narrative) != 3 || m.Narrative[1].Text != "2020" {
		t.Errorf("narrative %+v", m.Narrative)
	}
}

func TestParseMini(t *testing.T) {
	r := mustParse(t, "dir/mini.az.txt", miniReport)
	tests := []struct {
		name      string
		got, want any
	}{
		{"id", r.ID, "mini"},
		{"issuer", r.Issuer, "Azərbaycan Respublikası Maliyyə Nazirliyi"},
		{"year", r.Year, 2021},
		{"plan", r.PlanYears, []int{2020, 2021, 2022}},
		{"sections", len(r.Sections), 2},
		{"nbsp section title", r.Sections[0].Title, "Birinci bölmə"},
		{"numbers", []string{r.Measures[0].Number, r.Measures[1].Number, r.Measures[2].Number}, []string{"1.1", "1.2", "2.1"}},
		{"notes", r.Measures[0].Notes, []string{"(bundan sonra ─ tədbir)"}},
		{"joined", r.Measures[0].Narrative[0].Text, "2021-ci il ərzində 3.1 milyondan çox iş görülmüşdür. Cümlə sətir ortasında bölünmüşdür."},
		{"indented single year", r.Measures[1].Years, []int{2020}},
		{"list kinds", kinds(r.Measures[1].Narrative), "paragraph item:1. item:2. item:·"},
		{"en dash period", r.Measures[2].Years, []int{2021, 2022}},
		{"ref", r.Measures[2].Refs, []string{"1.2"}},
		{"section 2 line", r.Sections[1].Line, 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %#v, want %#v", tc.got, tc.want)
			}
		})
	}
}

func kinds(bs []Block) string {
	var s []string
	for _, b := range bs {
		if b.Kind == BlockItem {
			s = append(s, "item:"+b.Marker)
		} else {
			s = append(s, string(b.Kind))
		}
	}
	return strings.Join(s, " ")
}

func TestParseNFC(t *testing.T) {
	// "ö" and "ş" written decomposed; the parsed text must be composed.
	text := "1. Bo\u0308lme\n1.1\nTədbir s\u0327\n2020\nMətn.\n"
	r := mustParse(t, "x.txt", text)
	if r.Sections[0].Title != "Bölme" || r.Measures[0].Title != "Tədbir ş" {
		t.Errorf("not NFC: %q %q", r.Sections[0].Title, r.Measures[0].Title)
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		golden string
		report func(t *testing.T) *Report
	}{
		{"default", "ogp-nap-2021-report.golden", func(t *testing.T) *Report {
			r, err := Default()
			if err != nil {
				t.Fatal(err)
			}
			return r
		}},
		{"mini", "mini.golden", func(t *testing.T) *Report { return mustParse(t, "mini.az.txt", miniReport) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.MarshalIndent(tc.report(t), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the parse; run go test ./corpus -run TestGolden -update and review the diff", path)
			}
		})
	}
}

// checkAccounting proves that every non-blank line of text ended up in
// exactly one header line, section title, measure number, title, period or
// narrative block, and that each of those is exactly made of its lines.
func checkAccounting(t testing.TB, name string, data []byte, r *Report, roles []lineRole) {
	t.Helper()
	text, err := prepare(name, data)
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	lines := strings.Split(text, "\n")
	if len(lines) != len(roles) {
		t.Fatalf("%d lines, %d roles", len(lines), len(roles))
	}
	var header []string
	secLines := make([][]string, len(r.Sections))
	type key struct{ m, b int }
	numbers := make([]int, len(r.Measures))
	titles := make([][]string, len(r.Measures))
	periods := make([][]string, len(r.Measures))
	blocks := map[key][]int{}
	for i, l := range lines {
		tl := strings.TrimSpace(l)
		role := roles[i]
		if (tl == "") != (role.kind == roleBlank) {
			t.Fatalf("line %d %q has role %d", i+1, l, role.kind)
		}
		switch role.kind {
		case roleHeader:
			header = append(header, tl)
		case roleSection:
			secLines[role.section] = append(secLines[role.section], tl)
			if len(secLines[role.section]) == 1 && r.Sections[role.section].Line != i+1 {
				t.Errorf("section %d at line %d, heading line %d", r.Sections[role.section].Number, r.Sections[role.section].Line, i+1)
			}
		case roleNumber:
			numbers[role.measure]++
			m := r.Measures[role.measure]
			if m.Line != i+1 || normNumber(strings.TrimSuffix(tl, ".")) != m.Number {
				t.Errorf("line %d %q is the number of measure %s (line %d)", i+1, tl, m.Number, m.Line)
			}
		case roleTitle:
			titles[role.measure] = append(titles[role.measure], tl)
		case rolePeriod:
			periods[role.measure] = append(periods[role.measure], tl)
		case roleNarrative:
			k := key{role.measure, role.block}
			blocks[k] = append(blocks[k], i)
		}
	}
	if !slices.Equal(header, r.Header) {
		t.Errorf("header lines %q, report header %q", header, r.Header)
	}
	for k, s := range r.Sections {
		if len(secLines[k]) == 0 {
			t.Errorf("section %d has no source line", s.Number)
			continue
		}
		m := sectionRe.FindStringSubmatch(secLines[k][0])
		if m == nil {
			t.Errorf("section line %q is not a heading", secLines[k][0])
			continue
		}
		if got := strings.Join(append([]string{m[2]}, secLines[k][1:]...), " "); got != s.Title {
			t.Errorf("section %d lines make %q, title %q", s.Number, got, s.Title)
		}
	}
	for k, m := range r.Measures {
		if numbers[k] != 1 || len(periods[k]) != 1 || len(titles[k]) == 0 {
			t.Errorf("measure %s: %d number lines, %d period lines, %d title lines", m.Number, numbers[k], len(periods[k]), len(titles[k]))
			continue
		}
		if got := strings.Join(titles[k], " "); got != m.Title {
			t.Errorf("measure %s title lines make %q, title %q", m.Number, got, m.Title)
		}
		if periods[k][0] != m.Period {
			t.Errorf("measure %s period line %q, period %q", m.Number, periods[k][0], m.Period)
		}
		for b, blk := range m.Narrative {
			ls := blocks[key{k, b}]
			if len(ls) == 0 {
				t.Errorf("measure %s block %d has no source line", m.Number, b)
				continue
			}
			delete(blocks, key{k, b})
			parts := make([]string, len(ls))
			for j, i := range ls {
				parts[j] = strings.TrimSpace(lines[i])
			}
			if blk.Kind == BlockItem {
				mm := itemRe.FindStringSubmatch(parts[0])
				if mm == nil || mm[1]+mm[2]+mm[3] != blk.Marker {
					t.Errorf("measure %s item %d: line %q does not carry marker %q", m.Number, b, parts[0], blk.Marker)
					continue
				}
				parts[0] = mm[4]
			}
			if got := strings.Join(parts, " "); got != blk.Text {
				t.Errorf("measure %s block %d lines make %q, text %q", m.Number, b, got, blk.Text)
			}
			if blk.Line != ls[0]+1 {
				t.Errorf("measure %s block %d at line %d, first line %d", m.Number, b, blk.Line, ls[0]+1)
			}
		}
	}
	for k, ls := range blocks {
		t.Errorf("lines %v assigned to block %d of measure %d, which does not exist", ls, k.b, k.m)
	}
}

func TestLineAccounting(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"default", DefaultText()},
		{"mini", miniReport},
		{"crlf", strings.ReplaceAll(miniReport, "\n", "\r\n")},
		{"wrapped section title", "1. Bölmənin adı\niki sətirdə\n\n1.1\nTədbir\nbir neçə sətirdə\n2020\nMətn\ndavam.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, roles, err := parse("x.az.txt", []byte(tc.text), true)
			if err != nil {
				t.Fatal(err)
			}
			checkAccounting(t, "x.az.txt", []byte(tc.text), r, roles)
			nonBlank := 0
			for _, l := range strings.Split(tc.text, "\n") {
				if strings.TrimSpace(l) != "" {
					nonBlank++
				}
			}
			assigned := 0
			for _, ro := range roles {
				if ro.kind != roleBlank {
					assigned++
				}
			}
			if assigned != nonBlank {
				t.Errorf("%d non-blank lines, %d assigned", nonBlank, assigned)
			}
		})
	}
	t.Run("wrapped section title joined", func(t *testing.T) {
		r := mustParse(t, "x.txt", tests[3].text)
		if r.Sections[0].Title != "Bölmənin adı iki sətirdə" || r.Measures[0].Title != "Tədbir bir neçə sətirdə" {
			t.Errorf("section %q measure %q", r.Sections[0].Title, r.Measures[0].Title)
		}
	})
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		text string
		line int
		msg  string
	}{
		{"empty", "e.txt", "", 1, "empty report"},
		{"blank lines only", "e.txt", "\n  \n\t\n", 1, "only blank lines"},
		{"not UTF-8", "l1.txt", "1. Bölmə\n1.1\nAd\n2020\nM\xe9tn\n", 5, "not UTF-8"},
		{"binary garbage", "b.txt", "1. A\n\x00\x01\x02\x03", 2, "control character U+0000"},
		{"no measures", "n.txt", "Başlıq\nmətn\n", 3, "no measures found"},
		{"duplicate measure", "d.txt", "1. A\n1.1\nAd\n2020\nMətn.\n1.1\nAd\n2020\n", 6, "duplicate measure 1.1 (first at line 2)"},
		{"section without measures", "s.txt", "1. A\n\n2. B\n2.1\nAd\n2020\n", 1, "section 1 has no measures"},
		{"last section without measures", "s.txt", "1. A\n1.1\nAd\n2020\nMətn.\n2. B\n", 6, "section 2 has no measures"},
		{"no period", "p.txt", "1. A\n1.1\nAd\n1.2\nAd\n2020\n", 2, "measure 1.1 has no period line"},
		{"no period at end", "p.txt", "1. A\n1.1\nAd\n", 2, "measure 1.1 has no period line"},
		{"no title", "p.txt", "1. A\n1.1\n2020\n", 3, "measure 1.1 has no title"},
		{"measure before section", "m.txt", "Başlıq\n1.1\nAd\n2020\n", 2, "before the first section"},
		{"measure in wrong section", "m.txt", "1. A\n2.1\nAd\n2020\n", 2, "measure 2.1 is under section 1"},
		{"sections out of order", "o.txt", "2. A\n2.1\nAd\n2020\nMətn.\n1. B\n1.1\nAd\n2020\n", 6, "section 1 follows section 2"},
		{"text after heading", "t.txt", "1. A\n2020\n1.1\nAd\n2020\n", 2, "must be followed by a measure number"},
		{"dangling reference", "r.txt", "1. A\n1.1\nAd\n2020\nBax cavab 1.7\n", 5, "refers to measure 1.7"},
		{"no id", "—.txt", "1. A\n1.1\nAd\n2020\n", 0, "cannot derive a report id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.file, []byte(tc.text))
			if err == nil {
				t.Fatalf("no error; parsed %d measures", len(r.Measures))
			}
			if r != nil {
				t.Errorf("a report came back with the error")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not match ErrInvalid", err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError", err)
			}
			if pe.File != tc.file || pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("got %q (file %q line %d), want file %q line %d and %q", err, pe.File, pe.Line, tc.file, tc.line, tc.msg)
			}
			prefix := fmt.Sprintf("corpus: %s:%d: ", tc.file, tc.line)
			if tc.line == 0 {
				prefix = fmt.Sprintf("corpus: %s: ", tc.file)
			}
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q does not start with %q", err, prefix)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	t.Run("too many lines", func(t *testing.T) {
		_, err := Parse("long.txt", []byte("1. A\n"+strings.Repeat("\n", maxLines)))
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrTooLarge) || pe.Line != maxLines+1 {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("long paragraph is linear", func(t *testing.T) {
		// A paragraph of n continuation lines: joining them one by one
		// allocates n²/2 bytes, joining once a multiple of n. Doubling n must
		// about double the bytes allocated, not quadruple them. Bytes do not
		// depend on the machine's load; the ratio holds under -race too, where
		// sync.Pool drops regexp state and every line allocates.
		alloc := func(n int) uint64 {
			text := []byte("1. A\n1.1\nAd\n2020\n" + strings.Repeat("söz\n", n))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r, err := Parse("long.txt", text)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(r.Measures[0].Narrative[0].Text); got != n*len("söz ")-1 {
				t.Fatalf("paragraph of %d bytes", got)
			}
			return after.TotalAlloc - before.TotalAlloc
		}
		small, big := alloc(20000), alloc(80000)
		if ratio := float64(big) / float64(small); ratio > 6 {
			t.Errorf("4× the lines allocated %.1f× the bytes (%d KB → %d KB): quadratic", ratio, small>>10, big>>10)
		}
	})
}

func TestIDFromName(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"ogp-nap-2021-report.az.txt", "ogp-nap-2021-report"},
		{"/srv/reports/ogp-nap-2021-report.az.docx", "ogp-nap-2021-report"},
		{`C:\reports\Hesabat 2022.EN.TXT`, "hesabat-2022-en"},
		{"Hesabat 2022.en.TXT", "hesabat-2022"},
		{"Şəffaflıq Hesabatı.docx", "seffafliq-hesabati"},
		{"İLLİK.txt", "illik"},
		{"report.v2.txt", "report-v2"},
		{"a__b--c.txt", "a-b-c"},
		{"az.txt", "az"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := IDFromName(tc.name)
			if err != nil || got != tc.want {
				t.Errorf("IDFromName(%q) = %q, %v; want %q", tc.name, got, err, tc.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(miniReport))
	f.Add([]byte(DefaultText()[:4000]))
	f.Add([]byte("1. A\n1.1\nAd\n2020\nBax cavab 1.1\n"))
	f.Add([]byte("1. A\n\n1. B\n1.1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, roles, err := parse("fuzz.az.txt", data, true)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v is not a *ParseError matching ErrInvalid", err)
			}
			if pe.Line < 0 || pe.Line > bytes.Count(data, []byte("\n"))+bytes.Count(data, []byte("\r"))+1 {
				t.Fatalf("error line %d outside the input", pe.Line)
			}
			return
		}
		if len(r.Measures) == 0 || len(r.Sections) == 0 {
			t.Fatalf("parsed without measures or sections")
		}
		seen := map[string]bool{}
		for _, m := range r.Measures {
			if seen[m.Number] {
				t.Fatalf("duplicate measure %s", m.Number)
			}
			seen[m.Number] = true
			if len(m.Years) == 0 || m.Title == "" {
				t.Fatalf("measure %s without years or title", m.Number)
			}
		}
		checkAccounting(t, "fuzz.az.txt", data, r, roles)
	})
}

func BenchmarkParseDefault(b *testing.B) {
	data := []byte(DefaultText())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(DefaultName, data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestIssuer(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   string
	}{
		{"before letter-spaced type", []string{"“Plan”ın icrası barədə", "Azərbaycan Respublikasının Korrupsiyaya qarşı mübarizə üzrə Komissiyasının", "M Ə L U M A T I"}, "Azərbaycan Respublikasının Korrupsiyaya qarşı mübarizə üzrə Komissiyası"},
		{"consonant stem", []string{"Azərbaycan Respublikasının Mərkəzi Bankın", "HESABATI"}, "Azərbaycan Respublikasının Mərkəzi Bank"},
		{"genitive line without type line", []string{"2021-ci il üzrə hesabat", "Maliyyə Nazirliyinin"}, "Maliyyə Nazirliyi"},
		{"start of a line", []string{"Nümunə Komitəsinin 2021-ci il ərzində gördüyü işlər barədə"}, "Nümunə Komitəsi"},
		{"none", []string{"Hesabat", "2021"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := issuer(tc.header); got != tc.want {
				t.Errorf("issuer(%q) = %q, want %q", tc.header, got, tc.want)
			}
		})
	}
}
