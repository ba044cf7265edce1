package search_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
)

func ExampleParseRequest() {
	v, _ := url.ParseQuery("q=qaynar+x%C9%99tt&section=1&status=completed&status=in_progress&size=5")
	req, err := search.ParseRequest(v)
	fmt.Println(req.Query, req.Sections, req.Statuses, req.Size, req.Lang, err)

	_, err = search.ParseRequest(url.Values{"size": {"500"}})
	fmt.Println(errors.Is(err, search.ErrInvalid), err)
	// Output:
	// qaynar xətt [1] [completed in_progress] 5 az <nil>
	// true search: invalid request: size: 500 out of range 1–100
}

func ExampleSearcher_Search() {
	ctx := context.Background()
	r, err := corpus.Default()
	if err != nil {
		panic(err)
	}
	reports := []*corpus.Report{r}
	idx, err := indexer.Build(ctx, "", reports) // in memory
	if err != nil {
		panic(err)
	}
	s := search.New(idx, reports)
	defer s.Close()

	// Inflected words typed without diacritics find the measure on
	// municipalities' internet access.
	res, err := s.Search(ctx, search.Request{Query: "belediyyelerin internete cixisi"})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Hits[0].ID)
	// One measure has all three words; as that is less than a page,
	// measures with fewer of them follow it.
	fmt.Printf("%d of %d have all %d words; the last listed has %d\n",
		res.Relaxed.AllWords, res.Total, res.Relaxed.Words, res.Relaxed.MinMatched)
	// Output:
	// ogp-nap-2021-report/7.3
	// 1 of 15 have all 3 words; the last listed has 1
}

func ExampleSearcher_Suggest() {
	ctx := context.Background()
	r, err := corpus.Default()
	if err != nil {
		panic(err)
	}
	reports := []*corpus.Report{r}
	idx, err := indexer.Build(ctx, "", reports)
	if err != nil {
		panic(err)
	}
	s := search.New(idx, reports)
	defer s.Close()

	// An ASCII prefix completes to words as the report writes them.
	sg, err := s.Suggest(ctx, "beled", 3)
	if err != nil {
		panic(err)
	}
	for _, t := range sg.Terms {
		fmt.Println(t.Term, t.Count)
	}
	fmt.Println(sg.Measures[0].Number, sg.Measures[0].Title)
	// Output:
	// bələdiyyə 4
	// bələdçisi 2
	// 7.4 Bələdiyyələrlə iş portalının yaradılması
}
