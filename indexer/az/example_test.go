package az_test

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/hesabat/hesabat/indexer/az"
)

func ExampleAnalyze() {
	text := "Bələdiyyələrin 2021-ci ildə QHT-lərə müraciətləri"
	for _, t := range az.Analyze(text, false) {
		fmt.Printf("%s\t%d\t%d\t%s\n", t.Term, t.Start, t.End, text[t.Start:t.End])
	}
	// Typed without diacritics, the folded analyzer gives the same terms.
	fmt.Println(az.Analyze("muracietlerin", true)[0].Term, az.Analyze("müraciətlərin", true)[0].Term)
	// Output:
	// bələdiyyə	0	18	Bələdiyyələrin
	// 2021	19	23	2021
	// il	27	32	ildə
	// qht	33	36	QHT
	// müraciət	44	59	müraciətləri
	// muraciet muraciet
}

// Example_mapping indexes one field with both analyzers and finds a text
// written with diacritics from a query typed without them.
func Example_mapping() {
	im := mapping.NewIndexMapping()
	exact := mapping.NewTextFieldMapping()
	exact.Analyzer = az.AnalyzerName
	folded := mapping.NewTextFieldMapping()
	folded.Analyzer = az.FoldedAnalyzerName
	folded.Name = "text_folded"
	doc := mapping.NewDocumentMapping()
	doc.AddFieldMappingsAt("text", exact, folded)
	im.DefaultMapping = doc

	idx, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer idx.Close()
	if err := idx.Index("1.7", map[string]string{"text": "Vətəndaşların müraciətlərinə baxılmışdır."}); err != nil {
		fmt.Println(err)
		return
	}
	q := bleve.NewMatchQuery("muracietlerine")
	q.SetField("text_folded")
	q.Analyzer = az.FoldedAnalyzerName
	res, err := idx.SearchInContext(context.Background(), bleve.NewSearchRequest(q))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Total, res.Hits[0].ID)
	// Output:
	// 1 1.7
}
