package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

// shipped returns a Searcher over the shipped report, shared by the tests of one run.
func shipped(t *testing.T) *search.Searcher {
	t.Helper()
	return newSearcher(t, defaultReports(t))
}

func mustSearch(t *testing.T, s *search.Searcher, req search.Request) *search.Result {
	t.Helper()
	res, err := s.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}

func TestQueryFeatures(t *testing.T) {
	s := shipped(t)
	cases := []struct {
		name  string
		query string
		// first is the measure number that must rank first ("" to skip).
		first string
		// has are measure numbers that must be among the hits.
		has []string
		// total is the exact number of hits (-1 to skip).
		total int
	}{
		{name: "ASCII-typed word", query: "muraciet", first: "1.8", has: []string{"1.7"}, total: -1},
		{name: "inflected words", query: "bələdiyyələrin internetə çıxışı", first: "7.3", total: -1},
		{name: "inflected words typed in ASCII", query: "belediyyelerin internete cixisi", first: "7.3", total: -1},
		{name: "upper case with dotted İ", query: "İCRA", has: []string{"2.8", "4.3"}, total: -1},
		{name: "phrase", query: `"qaynar xətt"`, has: []string{"1.7", "1.8"}, total: 2},
		{name: "measure number", query: "1.7", first: "1.7", total: -1},
		{name: "acronym defined in the report", query: "qht", has: []string{"1.3", "1.6", "5.1"}, total: -1},
		{name: "typo forgiven", query: "korupsiya", has: []string{"1.1", "1.2"}, total: -1},
		{name: "one-letter prefix not required", query: "e-mehkeme sistemi", first: "4.8", total: -1},
		{name: "unknown word", query: "zzqqxx", total: 0},
		{name: "no measure has every word: relaxed", query: "korrupsiya MONEYVAL", has: []string{"3.9", "1.1"}, total: -1},
		{name: "exclusion of the only other word", query: "qaynar -xətt", total: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustSearch(t, s, search.Request{Query: c.query, Size: 100})
			got := numbers(res)
			if c.total >= 0 && int(res.Total) != c.total {
				t.Errorf("total = %d, want %d (hits %v)", res.Total, c.total, got)
			}
			if c.first != "" && (len(got) == 0 || got[0] != c.first) {
				t.Errorf("first hit of %v, want %s", got, c.first)
			}
			for _, n := range c.has {
				if !slices.Contains(got, n) {
					t.Errorf("hits %v lack %s", got, n)
				}
			}
		})
	}
}

func TestCaseAndDiacriticsInsensitive(t *testing.T) {
	s := shipped(t)
	cases := []struct{ name, a, b string }{
		{"dotted capital İ", "İCRA", "icra"},
		{"capital Ə", "BƏLƏDİYYƏLƏR", "bələdiyyələr"},
		{"ASCII for diacritics", "muraciet", "müraciət"},
		{"mixed case phrase", "Qaynar XƏTT", "qaynar xətt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ra := mustSearch(t, s, search.Request{Query: c.a, Size: 100})
			rb := mustSearch(t, s, search.Request{Query: c.b, Size: 100})
			if ra.Total == 0 {
				t.Fatalf("%q found nothing", c.a)
			}
			a, b := numbers(ra), numbers(rb)
			sort.Strings(a)
			sort.Strings(b)
			if !slices.Equal(a, b) {
				t.Errorf("%q → %v, %q → %v", c.a, a, c.b, b)
			}
		})
	}
}

func TestEveryWordCounts(t *testing.T) {
	s := shipped(t)
	both := mustSearch(t, s, search.Request{Query: "dövlət qurumları", Size: 100})
	one := mustSearch(t, s, search.Request{Query: "qurumları", Size: 100})
	other := mustSearch(t, s, search.Request{Query: "dövlət", Size: 100})
	if both.Total == 0 || both.Total > one.Total || both.Total > other.Total {
		t.Fatalf("totals: both %d, qurumları %d, dövlət %d", both.Total, one.Total, other.Total)
	}
	for _, n := range numbers(both) {
		if !slices.Contains(numbers(one), n) || !slices.Contains(numbers(other), n) {
			t.Errorf("%s matches both words but not each", n)
		}
	}
}

func TestPhraseNarrowsWords(t *testing.T) {
	s := shipped(t)
	words := mustSearch(t, s, search.Request{Query: "dövlət qurumları", Size: 100})
	phrase := mustSearch(t, s, search.Request{Query: `"dövlət qurumları"`, Size: 100})
	if phrase.Total == 0 || phrase.Total >= words.Total {
		t.Fatalf("phrase total %d, words total %d: want 0 < phrase < words", phrase.Total, words.Total)
	}
	for _, n := range numbers(phrase) {
		if !slices.Contains(numbers(words), n) {
			t.Errorf("phrase hit %s is not a words hit", n)
		}
	}
}

func TestExclusion(t *testing.T) {
	s := shipped(t)
	all := mustSearch(t, s, search.Request{Query: "korrupsiya", Size: 100})
	risk := mustSearch(t, s, search.Request{Query: "korrupsiya risk", Size: 100})
	without := mustSearch(t, s, search.Request{Query: "korrupsiya -risk", Size: 100})
	if risk.Total == 0 || without.Total == 0 {
		t.Fatalf("risk %d, without %d: want both > 0", risk.Total, without.Total)
	}
	// Fewer than a page have both words, so measures with one follow them.
	if risk.Relaxed == nil {
		t.Fatalf("korrupsiya risk: %d matches, not relaxed", risk.Total)
	}
	withRisk := numbers(risk)[:risk.Relaxed.AllWords]
	if without.Total+risk.Relaxed.AllWords != all.Total {
		t.Errorf("korrupsiya %d ≠ with risk %d + without risk %d", all.Total, risk.Relaxed.AllWords, without.Total)
	}
	for _, n := range numbers(without) {
		if slices.Contains(withRisk, n) {
			t.Errorf("%s is both with and without risk", n)
		}
	}
	// Excluding a phrase.
	ex := mustSearch(t, s, search.Request{Query: `müraciət -"qaynar xətt"`, Size: 100})
	for _, n := range numbers(ex) {
		if n == "1.7" || n == "1.8" {
			t.Errorf("excluded phrase's measure %s returned", n)
		}
	}
	if ex.Total == 0 {
		t.Error("nothing left after excluding the phrase")
	}
	// Only exclusions: everything else, in document order.
	only := mustSearch(t, s, search.Request{Query: "-korrupsiya", Size: 100})
	if int(only.Total) != 64-int(all.Total) {
		t.Errorf("-korrupsiya total %d, want %d", only.Total, 64-all.Total)
	}
}

func TestFuzzyOnlyWithoutExactMatch(t *testing.T) {
	reports := []*corpus.Report{{
		ID: "r", Title: "R", Sections: []corpus.Section{{Number: 1, Title: "S"}},
		Measures: []corpus.Measure{
			{Report: "r", Number: "1.1", Section: 1, Title: "Binaların təmiri", Narrative: para("Məktəblərin təmiri başa çatıb.")},
			{Report: "r", Number: "1.2", Section: 1, Title: "Şəffaflığın təmini", Narrative: para("İştirak təmin edilib.")},
		},
	}}
	s := newSearcher(t, reports)
	cases := []struct {
		name, query string
		want        []string
	}{
		{"exact word: no typo tolerance", "təmin", []string{"1.2"}},
		{"other exact word", "təmir", []string{"1.1"}},
		{"unknown word: both neighbours", "təmil", []string{"1.1", "1.2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := numbers(mustSearch(t, s, search.Request{Query: c.query}))
			sort.Strings(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("%q → %v, want %v", c.query, got, c.want)
			}
		})
	}
}

func TestTitleMatchesRankHigher(t *testing.T) {
	body := "Görülən işlər barədə məlumat verilir və nəticələr təhlil edilir."
	reports := []*corpus.Report{{
		ID: "r", Title: "R", Sections: []corpus.Section{{Number: 1, Title: "S"}},
		Measures: []corpus.Measure{
			{Report: "r", Number: "1.1", Section: 1, Title: "Görülən işlər", Narrative: para(body + " Monitorinq aparılıb.")},
			{Report: "r", Number: "1.2", Section: 1, Title: "Monitorinq", Narrative: para(body + " Hesabat hazırlanıb.")},
		},
	}}
	s := newSearcher(t, reports)
	got := numbers(mustSearch(t, s, search.Request{Query: "monitorinq"}))
	if !slices.Equal(got, []string{"1.2", "1.1"}) {
		t.Errorf("hits %v, want the title match 1.2 first", got)
	}
}

func TestSpecialCharactersAreNotOperators(t *testing.T) {
	s := shipped(t)
	plain := numbers(mustSearch(t, s, search.Request{Query: "korrupsiya", Size: 100}))
	cases := []struct {
		name, query string
		same        bool // same hits as "korrupsiya"
	}{
		{"star is no wildcard", "korrupsiya*", true},
		{"question mark is no wildcard", "korrupsiya?", true},
		{"caret is no boost", "korrupsiya^3", true},
		{"plus is a plain word", "+korrupsiya", true},
		{"field syntax is no field", "title:korrupsiya", false},
		{"slashes are no regexp", "/korr.*/", false},
		{"brackets", "(korrupsiya)", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := s.Search(context.Background(), search.Request{Query: c.query, Size: 100})
			if err != nil {
				t.Fatal(err)
			}
			got := numbers(res)
			if c.same && !slices.Equal(got, plain) {
				t.Errorf("%q → %v, want %v", c.query, got, plain)
			}
			if !c.same && len(got) == len(plain) {
				t.Errorf("%q matched like a query operator: %v", c.query, got)
			}
		})
	}
	// A lone wildcard character is no word: it lists everything.
	if res := mustSearch(t, s, search.Request{Query: "*"}); res.Total != 64 {
		t.Errorf(`"*" total %d, want 64 (no wildcard, no words)`, res.Total)
	}
}

func TestEmptyQueryListsDocumentOrder(t *testing.T) {
	reports := defaultReports(t)
	s := newSearcher(t, reports)
	res := mustSearch(t, s, search.Request{Size: 100})
	if res.Total != uint64(len(reports[0].Measures)) {
		t.Fatalf("total %d, want %d", res.Total, len(reports[0].Measures))
	}
	for i, h := range res.Hits {
		if want := reports[0].Measures[i].Number; h.Number != want {
			t.Fatalf("hit %d is %s, want %s (document order)", i, h.Number, want)
		}
	}
	page := mustSearch(t, s, search.Request{From: 10, Size: 5})
	if got, want := numbers(page), numbers(res)[10:15]; !slices.Equal(got, want) {
		t.Errorf("page from 10: %v, want %v", got, want)
	}
}

func TestPagingOfRankedHits(t *testing.T) {
	s := shipped(t)
	all := numbers(mustSearch(t, s, search.Request{Query: "dövlət", Size: 100}))
	if len(all) < 8 {
		t.Fatalf("only %d hits", len(all))
	}
	page := numbers(mustSearch(t, s, search.Request{Query: "dövlət", From: 3, Size: 4}))
	if !slices.Equal(page, all[3:7]) {
		t.Errorf("page %v, want %v", page, all[3:7])
	}
}

func TestSnippets(t *testing.T) {
	s := newSearcher(t, fixtureReports())
	res := mustSearch(t, s, search.Request{Query: "korrupsiya", Size: 100})
	var h *search.Hit
	for i := range res.Hits {
		if res.Hits[i].ID == "rep-a/2.1" {
			h = &res.Hits[i]
		}
	}
	if h == nil {
		t.Fatalf("rep-a/2.1 not found: %v", ids(res))
	}
	joined := strings.Join(h.Snippets, " ")
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "<mark>korrupsiya</mark>", "&amp;"} {
		if !strings.Contains(joined, want) {
			t.Errorf("snippets %q lack %q", joined, want)
		}
	}
	if strings.Contains(joined, "<script") {
		t.Errorf("snippets %q contain an unescaped tag", joined)
	}
}

func TestSnippetsMarkFoldedAndStemmedMatches(t *testing.T) {
	s := shipped(t)
	cases := []struct{ name, query, mark string }{
		{"ASCII-typed", "muraciet", "<mark>müraciət"},
		{"inflected", "bələdiyyələrin", "<mark>bələdiyyə</mark>"},
		{"upper case", "QAYNAR", "<mark>qaynar</mark>"},
		{"typo", "korupsiya", "<mark>korrupsiya"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustSearch(t, s, search.Request{Query: c.query, Size: 100})
			for _, h := range res.Hits {
				if strings.Contains(strings.ToLower(strings.Join(h.Snippets, " ")), c.mark) {
					return
				}
			}
			t.Errorf("no snippet of %q contains %q", c.query, c.mark)
		})
	}
}

func TestHitFields(t *testing.T) {
	s := newSearcher(t, fixtureReports())
	for _, lang := range []string{"az", "en"} {
		res := mustSearch(t, s, search.Request{Query: "müraciət", Lang: lang})
		if len(res.Hits) != 1 {
			t.Fatalf("hits %v, want rep-a/1.2 only", ids(res))
		}
		h := res.Hits[0]
		if h.ID != "rep-a/1.2" || h.Report != "rep-a" || h.Number != "1.2" || h.Section != 1 ||
			h.Period != "2020─2022" || !slices.Equal(h.Years, []int{2020, 2021, 2022}) || h.Status != "in_progress" || h.Score <= 0 {
			t.Errorf("hit %+v", h)
		}
		want := []search.Agency{{ID: "ministry-of-justice", Name: "Ədliyyə Nazirliyi"}, {ID: "ministry-of-finance", Name: "Maliyyə Nazirliyi"}}
		if lang == "en" {
			want = []search.Agency{{ID: "ministry-of-justice", Name: "Ministry of Justice"}, {ID: "ministry-of-finance", Name: "Ministry of Finance"}}
		}
		if !slices.Equal(h.Agencies, want) {
			t.Errorf("lang %s: agencies %v, want %v", lang, h.Agencies, want)
		}
	}
}

// facetValues returns a measure's values of facet name.
func facetValues(r *corpus.Report, m *corpus.Measure, name string) []string {
	switch name {
	case "section":
		return []string{strconv.Itoa(m.Section)}
	case "agency":
		return indexer.AgencyIDs(m, corpus.RoleResponsible)
	case "year":
		var out []string
		for _, y := range m.Years {
			out = append(out, strconv.Itoa(y))
		}
		return out
	case "status":
		if m.Status == "" {
			return []string{"unknown"}
		}
		return []string{string(m.Status)}
	case "report":
		return []string{r.ID}
	}
	panic(name)
}

func selected(req search.Request, name string) []string {
	switch name {
	case "section":
		var out []string
		for _, n := range req.Sections {
			out = append(out, strconv.Itoa(n))
		}
		return out
	case "agency":
		return req.Agencies
	case "year":
		var out []string
		for _, n := range req.Years {
			out = append(out, strconv.Itoa(n))
		}
		return out
	case "status":
		var out []string
		for _, s := range req.Statuses {
			out = append(out, string(s))
		}
		return out
	case "report":
		return req.Reports
	}
	panic(name)
}

var facetNames = []string{"section", "agency", "year", "status", "report"}

func facetOf(f search.Facets, name string) []search.FacetValue {
	return map[string][]search.FacetValue{"section": f.Section, "agency": f.Agency, "year": f.Year, "status": f.Status, "report": f.Report}[name]
}

// TestMultiSelectFacetCounts checks totals and every facet count against a
// brute-force count over the reports: values of one facet are OR-ed, facets
// AND-ed, and each facet is counted with the other facets' filters only.
func TestMultiSelectFacetCounts(t *testing.T) {
	reports := fixtureReports()
	s := newSearcher(t, reports)
	cases := []struct {
		name string
		req  search.Request
	}{
		{"no filters", search.Request{}},
		{"one section", search.Request{Sections: []int{1}}},
		{"two sections (OR)", search.Request{Sections: []int{1, 2}}},
		{"section and status (AND)", search.Request{Sections: []int{1}, Statuses: []corpus.Status{corpus.StatusCompleted}}},
		{"two statuses and a year", search.Request{Statuses: []corpus.Status{corpus.StatusCompleted, corpus.StatusInProgress}, Years: []int{2021}}},
		{"agency and report", search.Request{Agencies: []string{"ministry-of-finance"}, Reports: []string{"rep-a"}}},
		{"query with filters", search.Request{Query: "korrupsiya", Agencies: []string{"ministry-of-finance", "asan"}, Years: []int{2020, 2022}}},
		{"filter matching nothing", search.Request{Sections: []int{2}, Reports: []string{"rep-b"}}},
		{"unknown agency", search.Request{Agencies: []string{"no-such-agency"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkFacets(t, s, reports, c.req) })
	}
}

// TestMultiSelectFacetCountsShipped runs the brute-force facet check on the
// annotated shipped report with filter values taken from the report itself.
func TestMultiSelectFacetCountsShipped(t *testing.T) {
	reports := defaultReports(t)
	s := newSearcher(t, reports)
	r := reports[0]
	var agencies []string
	for i := range r.Measures {
		agencies = append(agencies, indexer.AgencyIDs(&r.Measures[i], corpus.RoleResponsible)...)
		if len(agencies) >= 2 {
			break
		}
	}
	if len(agencies) < 2 {
		t.Fatalf("annotated report names fewer than 2 agencies: %v", agencies)
	}
	statuses := []corpus.Status{r.Measures[0].Status, r.Measures[len(r.Measures)-1].Status}
	cases := []struct {
		name string
		req  search.Request
	}{
		{"sections 1 and 4", search.Request{Sections: []int{1, 4}}},
		{"two agencies", search.Request{Agencies: agencies[:2]}},
		{"statuses and year", search.Request{Statuses: statuses, Years: []int{2021}}},
		{"query, section, agency", search.Request{Query: "korrupsiya", Sections: []int{1, 8}, Agencies: agencies[:1]}},
		{"everything", search.Request{Query: "dövlət", Sections: []int{2, 4, 6}, Years: []int{2020, 2022}, Statuses: statuses, Reports: []string{r.ID}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkFacets(t, s, reports, c.req) })
	}
}

// checkFacets compares a search's total and facet counts with counts made by
// brute force over the reports.
func checkFacets(t *testing.T, s *search.Searcher, reports []*corpus.Report, req search.Request) {
	t.Helper()
	c := struct{ req search.Request }{req}
	c.req.Size = 100
	res := mustSearch(t, s, c.req)
	textMatch := map[string]bool{}
	for _, id := range ids(mustSearch(t, s, search.Request{Query: c.req.Query, Size: 100})) {
		textMatch[id] = true
	}
	passes := func(r *corpus.Report, m *corpus.Measure, skip string) bool {
		for _, name := range facetNames {
			sel := selected(c.req, name)
			if name == skip || len(sel) == 0 {
				continue
			}
			ok := false
			for _, v := range facetValues(r, m, name) {
				ok = ok || slices.Contains(sel, v)
			}
			if !ok {
				return false
			}
		}
		return true
	}
	var wantTotal uint64
	want := map[string]map[string]int{}
	for _, name := range facetNames {
		want[name] = map[string]int{}
	}
	for _, r := range reports {
		for i := range r.Measures {
			m := &r.Measures[i]
			if !textMatch[m.ID()] {
				continue
			}
			if passes(r, m, "") {
				wantTotal++
			}
			for _, name := range facetNames {
				if passes(r, m, name) {
					for _, v := range facetValues(r, m, name) {
						want[name][v]++
					}
				}
			}
		}
	}
	if res.Total != wantTotal || len(res.Hits) != int(wantTotal) {
		t.Errorf("total %d (%d hits), want %d", res.Total, len(res.Hits), wantTotal)
	}
	for _, name := range facetNames {
		got := map[string]int{}
		for _, fv := range facetOf(res.Facets, name) {
			got[fv.Value] = fv.Count
			if fv.Selected != slices.Contains(selected(c.req, name), fv.Value) {
				t.Errorf("%s=%s selected=%v", name, fv.Value, fv.Selected)
			}
		}
		for _, v := range selected(c.req, name) {
			if _, ok := got[v]; !ok {
				t.Errorf("selected %s=%s not listed", name, v)
			}
			if want[name][v] == 0 {
				delete(got, v) // listed with count 0 so it can be deselected
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want[name]) {
			t.Errorf("facet %s = %v, want %v", name, got, want[name])
		}
	}
}

func TestFacetLabels(t *testing.T) {
	s := newSearcher(t, fixtureReports())
	res := mustSearch(t, s, search.Request{Lang: "en"})
	labels := map[string]string{}
	for _, name := range facetNames {
		for _, fv := range facetOf(res.Facets, name) {
			labels[name+"="+fv.Value] = fv.Label
		}
	}
	want := map[string]string{
		"section=1":                  "Şəffaflıq",
		"section=2":                  "Büdcə",
		"agency=ministry-of-finance": "Ministry of Finance",
		"status=completed":           "completed",             // a code: web names it
		"report=rep-b":               "Hesabat B 2022 · 2022", // the report's label: plan, period, year
		"year=2021":                  "2021",
	}
	for k, v := range want {
		if labels[k] != v {
			t.Errorf("label of %s = %q, want %q", k, labels[k], v)
		}
	}
	// Sections and years in numeric order; statuses in the fixed order.
	var secs []string
	for _, fv := range res.Facets.Section {
		secs = append(secs, fv.Value)
	}
	if !slices.Equal(secs, []string{"1", "2"}) {
		t.Errorf("sections %v", secs)
	}
	az := mustSearch(t, s, search.Request{Lang: "az"})
	for _, fv := range az.Facets.Agency {
		if fv.Value == "ministry-of-finance" && fv.Label != "Maliyyə Nazirliyi" {
			t.Errorf("az label %q", fv.Label)
		}
	}
}

func TestResultJSONShape(t *testing.T) {
	s := newSearcher(t, fixtureReports())
	res := mustSearch(t, s, search.Request{Query: "korrupsiya", Sections: []int{1}})
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	keysOf := func(m map[string]json.RawMessage) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	if got, want := keysOf(top), []string{"facets", "hits", "query", "took_ms", "total"}; !slices.Equal(got, want) {
		t.Errorf("result keys %v, want %v", got, want)
	}
	var hits []map[string]json.RawMessage
	if err := json.Unmarshal(top["hits"], &hits); err != nil || len(hits) == 0 {
		t.Fatalf("hits: %v (%d)", err, len(hits))
	}
	wantHit := []string{"agencies", "id", "number", "period", "report", "report_label", "score", "section", "snippets", "status", "title", "years"}
	if got := keysOf(hits[0]); !slices.Equal(got, wantHit) {
		t.Errorf("hit keys %v, want %v", got, wantHit)
	}
	var ag []map[string]json.RawMessage
	if err := json.Unmarshal(hits[0]["agencies"], &ag); err != nil || len(ag) == 0 {
		t.Fatalf("agencies: %v %s", err, hits[0]["agencies"])
	}
	if got := keysOf(ag[0]); !slices.Equal(got, []string{"id", "name"}) {
		t.Errorf("agency keys %v", got)
	}
	var facets map[string][]map[string]json.RawMessage
	if err := json.Unmarshal(top["facets"], &facets); err != nil {
		t.Fatal(err)
	}
	var fk []string
	for k := range facets {
		fk = append(fk, k)
	}
	sort.Strings(fk)
	if !slices.Equal(fk, []string{"agency", "report", "report_year", "section", "status", "year"}) {
		t.Errorf("facet keys %v", fk)
	}
	if got := keysOf(facets["section"][0]); !slices.Equal(got, []string{"count", "label", "selected", "value"}) {
		t.Errorf("facet value keys %v", got)
	}
	// Empty results keep arrays, never null.
	empty := mustSearch(t, s, search.Request{Query: "zzqqxx"})
	data, _ = json.Marshal(empty)
	if strings.Contains(string(data), "null") {
		t.Errorf("empty result has nulls: %s", data)
	}
}

func TestSearchRejectsInvalidRequests(t *testing.T) {
	s := newSearcher(t, fixtureReports())
	for _, req := range []search.Request{
		{Size: search.MaxSize + 1},
		{From: -1},
		{Lang: "fr"},
		{Statuses: []corpus.Status{"done"}},
		{Query: strings.Repeat("a", search.MaxQueryRunes+1)},
	} {
		if _, err := s.Search(context.Background(), req); !errors.Is(err, search.ErrInvalid) {
			t.Errorf("Search(%+v) error %v, want ErrInvalid", req, err)
		}
	}
}

func TestSearchHonoursContext(t *testing.T) {
	s := shipped(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Search(ctx, search.Request{Query: "korrupsiya"}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestMeasure(t *testing.T) {
	s := newSearcher(t, fixtureReports())
	m, err := s.Measure(context.Background(), "rep-a", "2.1")
	if err != nil || m.Title != "Büdcə bələdçisinin hazırlanması" {
		t.Fatalf("Measure = %+v, %v", m, err)
	}
	for _, c := range [][2]string{{"rep-a", "9.9"}, {"nope", "1.1"}, {"", ""}} {
		if _, err := s.Measure(context.Background(), c[0], c[1]); !errors.Is(err, search.ErrNotFound) {
			t.Errorf("Measure(%q, %q) error %v, want ErrNotFound", c[0], c[1], err)
		}
	}
	if got := s.ReportIDs(); len(got) != 2 || got[1] != "rep-b" || s.NumReports() != 2 {
		t.Errorf("ReportIDs() = %v", got)
	}
	if r, err := s.Report(context.Background(), "rep-b"); err != nil || r.ID != "rep-b" {
		t.Errorf("Report(rep-b) = %v, %v", r, err)
	}
	if _, err := s.Report(context.Background(), "nope"); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Report(nope) error %v, want ErrNotFound", err)
	}
}

func TestSuggest(t *testing.T) {
	s := shipped(t)
	cases := []struct {
		name, prefix string
		term         string // a term that must be suggested
		measure      string // a measure number that must be suggested
	}{
		{"prefix with diacritics", "bələd", "bələdiyyə", "7.1"},
		{"ASCII prefix", "beled", "bələdiyyə", "7.1"},
		{"upper case", "BƏLƏD", "bələdiyyə", "7.1"},
		{"two words", "qaynar xə", "xətt", "1.7"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sg, err := s.Suggest(context.Background(), c.prefix, 10)
			if err != nil {
				t.Fatal(err)
			}
			var terms, measures []string
			for _, ts := range sg.Terms {
				terms = append(terms, ts.Term)
				if ts.Count < 1 {
					t.Errorf("term %q count %d", ts.Term, ts.Count)
				}
			}
			for _, m := range sg.Measures {
				measures = append(measures, m.Number)
			}
			if !slices.ContainsFunc(terms, func(s string) bool { return strings.HasPrefix(s, c.term) }) {
				t.Errorf("terms %v lack one starting %q", terms, c.term)
			}
			if !slices.Contains(measures, c.measure) {
				t.Errorf("measures %v lack %s", measures, c.measure)
			}
			if len(sg.Terms) > 10 || len(sg.Measures) > 10 {
				t.Errorf("more than n suggestions: %d terms, %d measures", len(sg.Terms), len(sg.Measures))
			}
		})
	}
	if sg, err := s.Suggest(context.Background(), "   ", 5); err != nil || len(sg.Terms)+len(sg.Measures) != 0 {
		t.Errorf("blank prefix: %+v, %v", sg, err)
	}
	if _, err := s.Suggest(context.Background(), "x", 0); !errors.Is(err, search.ErrInvalid) {
		t.Errorf("n=0: error %v, want ErrInvalid", err)
	}
}

// TestSwapUnderLoad swaps the index while searches run: every search sees
// either the old or the new index completely, and the old index is closed.
func TestSwapUnderLoad(t *testing.T) {
	ctx := context.Background()
	oldReports := fixtureReports()
	s := newSearcher(t, oldReports)
	newReports := defaultReports(t)
	idx, err := indexer.Build(ctx, "", newReports)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				res, err := s.Search(ctx, search.Request{Size: 100})
				if err != nil {
					errs <- err
					return
				}
				if res.Total != 5 && res.Total != 64 {
					errs <- fmt.Errorf("total %d: neither the old (5) nor the new (64) index", res.Total)
					return
				}
			}
		}()
	}
	if err := s.Swap(idx, newReports); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if res := mustSearch(t, s, search.Request{}); res.Total != 64 {
		t.Errorf("after swap total %d, want 64", res.Total)
	}
	if r, err := s.Report(ctx, newReports[0].ID); err != nil || r != newReports[0] || s.NumReports() != 1 {
		t.Error("Report() does not return the new reports")
	}
}

// TestSnippetsCutAtWords checks that snippets start and end at word
// boundaries of the narrative, not inside a word.
func TestSnippetsCutAtWords(t *testing.T) {
	reports := defaultReports(t)
	s := newSearcher(t, reports)
	for _, q := range []string{"muraciet", "korrupsiya", "bələdiyyə", "elektron xidmət", "qaynar xətt"} {
		res := mustSearch(t, s, search.Request{Query: q, Size: 20})
		for _, h := range res.Hits {
			m, err := s.Measure(context.Background(), h.Report, h.Number)
			if err != nil {
				t.Fatal(err)
			}
			text := indexer.NarrativeText(m)
			for _, sn := range h.Snippets {
				plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(sn))
				body := strings.TrimSuffix(strings.TrimPrefix(plain, "…"), "…")
				i := strings.Index(text, body)
				if i < 0 {
					t.Errorf("%s: snippet %q is not narrative text", h.ID, body)
					continue
				}
				before, _ := utf8.DecodeLastRuneInString(text[:i])
				first, _ := utf8.DecodeRuneInString(body)
				if i > 0 && isWordRune(before) && isWordRune(first) {
					t.Errorf("%s: snippet starts inside a word: %q", h.ID, plain)
				}
				end := i + len(body)
				after, _ := utf8.DecodeRuneInString(text[end:])
				lastR, _ := utf8.DecodeLastRuneInString(body)
				if end < len(text) && isWordRune(after) && isWordRune(lastR) {
					t.Errorf("%s: snippet ends inside a word: %q", h.ID, plain)
				}
			}
		}
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func TestClosedSearcher(t *testing.T) {
	reports := fixtureReports()
	idx, err := indexer.Build(context.Background(), "", reports)
	if err != nil {
		t.Fatal(err)
	}
	s := search.New(idx, reports)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.Search(context.Background(), search.Request{Query: "korrupsiya"}); !errors.Is(err, search.ErrClosed) {
		t.Errorf("Search after Close: %v, want ErrClosed", err)
	}
	if _, err := s.Suggest(context.Background(), "kor", 5); !errors.Is(err, search.ErrClosed) {
		t.Errorf("Suggest after Close: %v, want ErrClosed", err)
	}
	// A swap brings a closed Searcher back.
	idx2, err := indexer.Build(context.Background(), "", reports)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Swap(idx2, reports); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if res, err := s.Search(context.Background(), search.Request{}); err != nil || res.Total != 5 {
		t.Errorf("after Swap: %v, %v", res, err)
	}
}

func TestAdjacentWordsRankHigher(t *testing.T) {
	reports := []*corpus.Report{{
		ID: "r", Title: "R", Sections: []corpus.Section{{Number: 1, Title: "S"}},
		Measures: []corpus.Measure{
			{Report: "r", Number: "1.1", Section: 1, Title: "Tədbir", Narrative: para("Hökumət işləri barədə məlumat açıq şəkildə dərc edilib.")},
			{Report: "r", Number: "1.2", Section: 1, Title: "Tədbir", Narrative: para("Məlumat barədə işləri açıq hökumət şəkildə dərc edilib.")},
		},
	}}
	s := newSearcher(t, reports)
	got := numbers(mustSearch(t, s, search.Request{Query: "açıq hökumət"}))
	if !slices.Equal(got, []string{"1.2", "1.1"}) {
		t.Errorf("hits %v, want both, the adjacent pair (1.2) first", got)
	}
}
