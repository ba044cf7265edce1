package search_test

import (
	"context"
	"testing"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

// Agencies of the fixture reports.
var (
	agFinance = corpus.Agency{ID: "ministry-of-finance", Name: "Maliyyə Nazirliyi", NameEN: "Ministry of Finance", Abbrev: []string{"MN"}}
	agJustice = corpus.Agency{ID: "ministry-of-justice", Name: "Ədliyyə Nazirliyi", NameEN: "Ministry of Justice"}
	agASAN    = corpus.Agency{ID: "asan", Name: "Dövlət Xidmətləri Agentliyi", NameEN: "ASAN", Abbrev: []string{"ASAN"}}
)

func mention(a corpus.Agency) corpus.AgencyMention {
	return corpus.AgencyMention{Agency: a, Text: a.Name, Sentence: a.Name + " iştirak edib."}
}

func para(text string) []corpus.Block {
	return []corpus.Block{{Kind: corpus.BlockParagraph, Text: text, Line: 1}}
}

// fixtureReports returns two small reports built in code, with agencies,
// statuses and years set, so every facet has values.
func fixtureReports() []*corpus.Report {
	a := &corpus.Report{
		ID: "rep-a", Title: "Hesabat A", Year: 2021, PlanYears: []int{2020, 2021, 2022},
		Sections: []corpus.Section{{Number: 1, Title: "Şəffaflıq"}, {Number: 2, Title: "Büdcə"}},
		Measures: []corpus.Measure{
			{Report: "rep-a", Number: "1.1", Section: 1, Title: "Korrupsiya risklərinin qiymətləndirilməsi",
				Period: "2020", Years: []int{2020},
				Narrative: para("Metodologiya hazırlanmışdır. Dövlət qurumlarında qiymətləndirmə aparılıb."),
				Agencies:  []corpus.AgencyMention{mention(agFinance)}, Status: corpus.StatusCompleted},
			{Report: "rep-a", Number: "1.2", Section: 1, Title: "Vətəndaşların müraciətləri",
				Period: "2020─2022", Years: []int{2020, 2021, 2022},
				Narrative: para("Qaynar xəttə 5131 müraciət daxil olmuşdur. Korrupsiya halları ilə bağlı müraciətlərə baxılıb."),
				Agencies:  []corpus.AgencyMention{mention(agJustice), mention(agFinance)}, Status: corpus.StatusInProgress},
			{Report: "rep-a", Number: "2.1", Section: 2, Title: "Büdcə bələdçisinin hazırlanması",
				Period: "2021", Years: []int{2021},
				Narrative: para(`Vətəndaş büdcəsi dərc edilib. Saytda <script>alert("x")</script> korrupsiya & "şəffaflıq" sözləri.`),
				Agencies:  []corpus.AgencyMention{mention(agFinance)}, Status: corpus.StatusCompleted},
			{Report: "rep-a", Number: "2.2", Section: 2, Title: "Elektron xidmətlər",
				Period: "2021─2022", Years: []int{2021, 2022},
				Narrative: para("ASAN xidmət mərkəzlərində elektron xidmətlərin sayı artıb. Bələdiyyələrin internetə çıxışı təmin edilib."),
				Agencies:  []corpus.AgencyMention{mention(agASAN)}, Status: corpus.StatusNotImplemented},
		},
	}
	b := &corpus.Report{
		ID: "rep-b", Title: "Hesabat B", Year: 2022, PlanYears: []int{2022},
		Sections: []corpus.Section{{Number: 1, Title: "Şəffaflıq (B)"}},
		Measures: []corpus.Measure{
			{Report: "rep-b", Number: "1.1", Section: 1, Title: "İCRA HAKİMİYYƏTİ orqanlarında şəffaflıq",
				Period: "2022", Years: []int{2022},
				Narrative: para("İcra hakimiyyəti orqanları hesabat verib. Korrupsiya riskləri azalıb."),
				Status:    corpus.StatusUnknown},
		},
	}
	return []*corpus.Report{a, b}
}

// newSearcher indexes reports in memory and returns a Searcher closed at the end of the test.
func newSearcher(t testing.TB, reports []*corpus.Report) *search.Searcher {
	t.Helper()
	idx, err := indexer.Build(context.Background(), "", reports)
	if err != nil {
		t.Fatal(err)
	}
	s := search.New(idx, reports)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// ids returns the IDs of a result's hits in order.
func ids(r *search.Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	return out
}

// numbers returns the measure numbers of a result's hits in order.
func numbers(r *search.Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.Number
	}
	return out
}
