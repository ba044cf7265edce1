package web

import (
	"context"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// search runs req and turns the codes in its result into the words pages
// and the JSON API show: every search of the web side goes through here,
// so a status reads the same in a facet, a badge, a chip and the JSON.
func (s *Server) search(ctx context.Context, req search.Request) (*search.Result, error) {
	res, err := s.cfg.Searcher.Search(ctx, req)
	if err != nil {
		return nil, err
	}
	labelFacets(&res.Facets, req.Lang)
	return res, nil
}

// labelFacets sets the labels of the facet values that are codes (the
// statuses) in lang, as statusLabel names them. The other facets' labels
// are names from the reports (section and report titles, agency names).
func labelFacets(f *search.Facets, lang string) {
	for i := range f.Status {
		f.Status[i].Label = statusLabel(corpus.Status(f.Status[i].Value), lang)
	}
}
