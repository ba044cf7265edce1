package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
	"github.com/hesabat/hesabat/search"
	"github.com/hesabat/hesabat/web"
)

// ExampleNew serves the embedded report from an in-memory index and asks
// the JSON API for one measure.
func ExampleNew() {
	ctx := context.Background()
	r, err := corpus.Default()
	if err != nil {
		panic(err)
	}
	if err := analytics.Annotate(r); err != nil {
		panic(err)
	}
	reports := []*corpus.Report{r}
	idx, err := indexer.Build(ctx, "", reports)
	if err != nil {
		panic(err)
	}
	searcher := search.New(idx, reports)
	defer searcher.Close()

	srv, err := web.New(web.Config{Searcher: searcher})
	if err != nil {
		panic(err)
	}
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/measures/ogp-nap-2021-report/1.8", nil))
	var m corpus.Measure
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		panic(err)
	}
	fmt.Println(w.Code, m.ID(), m.Period, m.Status)
	// Output: 200 ogp-nap-2021-report/1.8 2020 completed
}
