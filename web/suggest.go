package web

import (
	"context"
	"net/url"
	"sort"
	"strings"

	"github.com/hesabat/hesabat/search"
)

// suggestCandidates is how many more term completions than asked for are
// counted, so that enough remain after dropping those that find nothing.
const suggestCandidates = 2

// suggest completes prefix like search.Searcher.Suggest, but ranks each
// completed word by how many measures the search it leads to finds (the
// words typed before it included, as the suggestion's link searches them)
// and drops those that find nothing: for "qaynar xe", "qaynar xətt" first,
// and not "qaynar xərc", which no measure has with "qaynar". The counts
// shown are the measures matching every word (a relaxed search's looser
// matches do not count).
func (s *Server) suggest(ctx context.Context, prefix string, n int) (*search.Suggestions, error) {
	want := n
	sug, err := s.cfg.Searcher.Suggest(ctx, prefix, min(search.MaxSuggestions, n*suggestCandidates))
	if err != nil {
		return nil, err
	}
	typed := strings.TrimRight(prefix, " \t")
	head := typed[:len(typed)-len(lastWord(typed))]
	var kept []search.TermSuggestion
	for _, t := range sug.Terms {
		req, err := search.ParseRequest(url.Values{"q": {head + t.Term}, "size": {"1"}})
		if err != nil {
			continue // a completion that is no valid query is no suggestion
		}
		res, err := s.cfg.Searcher.Search(ctx, req)
		if err != nil {
			return nil, err
		}
		n := res.Total
		if res.Relaxed != nil {
			// Relaxed matches lack some of the words: they are not what
			// the suggestion finds.
			n = res.Relaxed.AllWords
		}
		if n > 0 {
			kept = append(kept, search.TermSuggestion{Term: t.Term, Count: int(n)})
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Count > kept[j].Count })
	sug.Terms = kept[:min(len(kept), want)]
	sug.Measures = sug.Measures[:min(len(sug.Measures), want)]
	return sug, nil
}

// lastWord returns the last whitespace-separated word of s.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
