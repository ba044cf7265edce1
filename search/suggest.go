package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// Suggestions are search-as-you-type completions for a prefix.
type Suggestions struct {
	// Query is the prefix as given.
	Query string `json:"query"`
	// Terms are words of the index that complete the last word typed, most frequent first.
	Terms []TermSuggestion `json:"terms"`
	// Measures are the best matching measures for the text typed so far.
	Measures []MeasureSuggestion `json:"measures"`
}

// TermSuggestion is a word that completes the prefix, with the number of
// measures containing a form of it.
type TermSuggestion struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// MeasureSuggestion is a measure that matches the text typed so far.
type MeasureSuggestion struct {
	ID     string `json:"id"`
	Report string `json:"report"`
	Number string `json:"number"`
	Title  string `json:"title"`
}

// MaxSuggestions is the largest n Suggest accepts.
const MaxSuggestions = 50

// Suggest completes prefix: up to n terms from the index's folded term
// dictionaries that start with the last word typed (so "beled" and "bələd"
// both find "bələdiyyə"), and up to n measures matching the words typed,
// the last one as a prefix.
func (s *Searcher) Suggest(ctx context.Context, prefix string, n int) (*Suggestions, error) {
	if n < 1 || n > MaxSuggestions {
		return nil, invalid("n: %d out of range 1–%d", n, MaxSuggestions)
	}
	if err := (Request{Query: prefix}).Validate(); err != nil {
		return nil, err
	}
	out := &Suggestions{Query: prefix, Terms: []TermSuggestion{}, Measures: []MeasureSuggestion{}}
	words := strings.Fields(aztext.NFC(prefix))
	if len(words) == 0 {
		return out, nil
	}
	st, err := s.acquireCtx(ctx)
	if err != nil {
		return nil, err
	}
	defer st.release()

	last := words[len(words)-1]
	folded := foldWord(last)
	if folded == "" {
		return out, nil
	}
	stems := st.foldedTokens(last)
	if out.Terms, err = st.termSuggestions(append([]string{folded}, stems...), n); err != nil {
		return nil, err
	}

	b := query.NewBooleanQuery(nil, nil, nil)
	for _, c := range parseQuery(strings.Join(words[:len(words)-1], " ")).clauses {
		if c.exclude {
			continue
		}
		var q query.Query
		if c.kind == clausePhrase {
			q = st.phraseQuery(c.text)
		} else {
			q = st.wordQuery(c.text)
		}
		if q != nil {
			b.AddMust(q)
		}
	}
	alts := []query.Query{}
	for _, f := range foldedFields() {
		for _, p := range append([]string{folded}, stems...) {
			pq := query.NewPrefixQuery(p)
			pq.SetField(f.name)
			pq.SetBoost(f.boost)
			alts = append(alts, pq)
		}
	}
	b.AddMust(query.NewDisjunctionQuery(alts))
	req := bleve.NewSearchRequestOptions(b, n, 0, false)
	req.SortBy([]string{"-_score", indexer.FieldOrder})
	res, err := st.idx.Bleve().SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: suggest %q: %w", prefix, err)
	}
	for _, dm := range res.Hits {
		e, ok := st.entry(dm.ID)
		if !ok {
			continue
		}
		out.Measures = append(out.Measures, MeasureSuggestion{ID: dm.ID, Report: e.report, Number: e.number, Title: st.stored(e).Title})
	}
	return out, nil
}

// termSuggestions returns up to n written forms of the terms that start
// with one of prefixes, the most frequent first.
func (st *state) termSuggestions(prefixes []string, n int) ([]TermSuggestion, error) {
	counts := make(map[string]int)
	for _, p := range prefixes {
		if err := st.prefixTerms(p, counts); err != nil {
			return nil, err
		}
	}
	byWord := make(map[string]int)
	for term, c := range counts {
		w := st.surface(term)
		if c > byWord[w] {
			byWord[w] = c
		}
	}
	out := []TermSuggestion{}
	for w, c := range byWord {
		out = append(out, TermSuggestion{Term: w, Count: c})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Term < b.Term
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// prefixTerms adds to counts the terms of the folded fields starting with p
// and the number of measures containing them.
func (st *state) prefixTerms(p string, counts map[string]int) error {
	const maxTerms = 2000
	for _, f := range foldedFields() {
		d, err := st.idx.Bleve().FieldDictPrefix(f.name, []byte(p))
		if err != nil {
			return fmt.Errorf("search: suggest: dictionary of %s: %w", f.name, err)
		}
		seen := 0
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return fmt.Errorf("search: suggest: dictionary of %s: %w", f.name, err)
			}
			if e == nil || seen >= maxTerms {
				break
			}
			seen++
			n := st.docFreq[e.Term]
			if n == 0 {
				n = int(e.Count)
			}
			counts[e.Term] = n
		}
		d.Close()
	}
	return nil
}

// surface returns the written form (lowercased) of a folded term: the
// uninflected form when the text has it (the one that folds to the term
// itself), else the most frequent one, or the term when no form is known.
func (st *state) surface(term string) string {
	forms := st.surfaces[term]
	best, bestN := term, 0
	for f := range forms {
		if foldWord(f) == term && (bestN == 0 || f < best) {
			best, bestN = f, 1
		}
	}
	if bestN > 0 {
		return best
	}
	for f, n := range forms {
		if n > bestN || (n == bestN && (len(f) < len(best) || (len(f) == len(best) && f < best))) {
			best, bestN = f, n
		}
	}
	return best
}

// surfaceForms maps each folded term of the reports' titles and narratives
// to the lowercased word forms it was made from, with counts.
// It also returns the number of measures each folded term occurs in.
func surfaceForms(a analysis.Analyzer, reports []*corpus.Report) (map[string]map[string]int, map[string]int) {
	b := newSurfaceBuilder(a)
	for _, r := range reports {
		b.add(r)
	}
	return b.surfaces, b.docFreq
}

// termForm is a folded term and the lowercased word form it was made from.
type termForm struct{ term, form string }

// surfaceBuilder collects surface forms and document frequencies (see
// surfaceForms) of reports given one at a time. Each distinct
// whitespace-separated chunk of text is analysed once: words repeat, so this
// costs a fraction of analysing the whole corpus again. It keeps copies of
// what it stores, so that the reports it has seen can be freed.
type surfaceBuilder struct {
	a        analysis.Analyzer
	surfaces map[string]map[string]int
	docFreq  map[string]int
	memo     map[string][]termForm
}

func newSurfaceBuilder(a analysis.Analyzer) *surfaceBuilder {
	return &surfaceBuilder{
		a:        a,
		surfaces: make(map[string]map[string]int),
		docFreq:  make(map[string]int),
		memo:     make(map[string][]termForm),
	}
}

// analyzeChunk returns the terms of chunk with their word forms.
func (b *surfaceBuilder) analyzeChunk(chunk string) []termForm {
	if tf, ok := b.memo[chunk]; ok {
		return tf
	}
	var tf []termForm
	for _, t := range b.a.Analyze([]byte(chunk)) {
		if t.Start < 0 || t.End > len(chunk) || t.Start >= t.End {
			continue
		}
		form := strings.TrimFunc(aztext.Lower(chunk[t.Start:t.End]), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if form != "" {
			tf = append(tf, termForm{string(t.Term), strings.Clone(form)})
		}
	}
	b.memo[strings.Clone(chunk)] = tf
	return tf
}

// add collects the terms of r's measures.
func (b *surfaceBuilder) add(r *corpus.Report) {
	if b.a == nil || r == nil {
		return
	}
	var seen map[string]bool
	add := func(text string) {
		for _, chunk := range strings.Fields(text) {
			for _, tf := range b.analyzeChunk(chunk) {
				if !seen[tf.term] {
					seen[tf.term] = true
					b.docFreq[tf.term]++
				}
				if b.surfaces[tf.term] == nil {
					b.surfaces[tf.term] = make(map[string]int)
				}
				b.surfaces[tf.term][tf.form]++
			}
		}
	}
	for i := range r.Measures {
		seen = make(map[string]bool)
		add(r.Measures[i].Title)
		add(indexer.NarrativeText(&r.Measures[i]))
	}
}

// foldWord lowercases and folds w (aztext.LowerFold) and keeps only its
// letters, digits and hyphens. It does not stem, so it suits prefixes.
func foldWord(w string) string {
	w = aztext.LowerFold(aztext.NFC(w))
	var sb strings.Builder
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// reportOf returns the report ID of a measure, from the measure or from its document ID.
func reportOf(id string, m *corpus.Measure) string {
	if m.Report != "" {
		return m.Report
	}
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[:i]
	}
	return ""
}
