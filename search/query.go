package search

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/indexer"
)

// clauseKind tells a word from a quoted phrase or a group of alternatives.
type clauseKind int

const (
	clauseWord clauseKind = iota
	clausePhrase
	// clauseAny is alternatives joined by OR ("a OR b"): any one may match.
	clauseAny
)

// clause is one part of a parsed user query.
type clause struct {
	kind    clauseKind
	text    string
	exclude bool
	// alts are the alternatives of a clauseAny (words and phrases).
	alts []clause
}

// parsedQuery is a user query split into clauses by parseQuery. The query
// language is deliberately small: words, "quoted phrases", a leading '-'
// to exclude a word or phrase, and OR (in capitals) between words or
// phrases to accept either. Nothing else is special: '*', '?', ':', '/',
// '^', '~', '+' and brackets are ordinary characters that the analyzer
// treats as it treats them in the indexed text.
type parsedQuery struct {
	clauses []clause
}

// orOperator is the word that joins alternatives. Only the capitalised
// form is an operator: "or" is an ordinary (English) word.
const orOperator = "OR"

// parseQuery splits q into words, phrases, exclusions and OR groups. An
// unterminated quote runs to the end of the query.
func parseQuery(q string) parsedQuery {
	q = aztext.NFC(q)
	var cs []clause
	i := 0
	for i < len(q) {
		r, size := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		exclude := false
		if r == '-' && i+size < len(q) {
			next, _ := utf8.DecodeRuneInString(q[i+size:])
			if !unicode.IsSpace(next) {
				exclude = true
				i += size
				r, size = next, utf8.RuneLen(next)
			}
		}
		if r == '"' {
			start := i + size
			end := strings.IndexByte(q[start:], '"')
			var text string
			if end < 0 {
				text, i = q[start:], len(q)
			} else {
				text, i = q[start:start+end], start+end+1
			}
			if strings.TrimSpace(text) != "" {
				cs = append(cs, clause{kind: clausePhrase, text: strings.TrimSpace(text), exclude: exclude})
			}
			continue
		}
		start := i
		for i < len(q) {
			r, size := utf8.DecodeRuneInString(q[i:])
			if unicode.IsSpace(r) || r == '"' {
				break
			}
			i += size
		}
		word := strings.TrimLeft(q[start:i], "+")
		if word != "" {
			cs = append(cs, clause{kind: clauseWord, text: word, exclude: exclude})
		}
	}
	return parsedQuery{clauses: groupOr(cs)}
}

// isOr reports whether c is the OR operator.
func isOr(c clause) bool {
	return c.kind == clauseWord && !c.exclude && c.text == orOperator
}

// groupOr joins the clauses on either side of each OR into one clauseAny.
// An OR with no positive clause on one side of it is dropped.
func groupOr(cs []clause) []clause {
	out := cs[:0:0]
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if !isOr(c) {
			out = append(out, c)
			continue
		}
		if len(out) == 0 || out[len(out)-1].exclude || i+1 >= len(cs) || cs[i+1].exclude || isOr(cs[i+1]) {
			continue
		}
		prev, next := out[len(out)-1], cs[i+1]
		i++
		if prev.kind != clauseAny {
			prev = clause{kind: clauseAny, text: prev.label(), alts: []clause{prev}}
		}
		prev.alts = append(prev.alts, next)
		prev.text += " " + orOperator + " " + next.label()
		out[len(out)-1] = prev
	}
	return out
}

// label returns the clause as the user would type it.
func (c clause) label() string {
	if c.kind == clausePhrase {
		return `"` + c.text + `"`
	}
	return c.text
}

// Boosts used to rank matches. Title matches count more than narrative
// matches; matches of the form as typed (the diacritic field) count more
// than ASCII-folded ones; typo-tolerant matches count least.
const (
	boostTitle  = 3.0
	boostExact  = 1.5
	boostFuzzy  = 0.3
	boostNumber = 20.0
	boostPhrase = 1.5
	// boostFamily weighs a match of a word's family (a derivation of the
	// word) against a match of the word itself.
	boostFamily = 0.3
)

var measureNumberRE = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,3})+\.?$`)

// fieldBoost is a text field with the boost of its matches.
type fieldBoost struct {
	name  string
	boost float64
}

// textFields returns each text field with its boost.
func textFields() []fieldBoost {
	return []fieldBoost{
		{indexer.FieldTitle, boostTitle * boostExact},
		{indexer.FieldNarrative, boostExact},
		{indexer.FieldTitleFolded, boostTitle},
		{indexer.FieldNarrativeFolded, 1},
	}
}

// foldedFields returns the folded fields with their boosts, for fuzzy matching.
func foldedFields() []fieldBoost {
	return []fieldBoost{
		{indexer.FieldTitleFolded, boostTitle},
		{indexer.FieldNarrativeFolded, 1},
	}
}

// queryPlan is a parsed query turned into bleve queries over one index.
type queryPlan struct {
	// words has one query per positive word or OR group that has terms,
	// in the order typed; labels, the text of each as typed.
	words  []query.Query
	labels []string
	// required are the positive phrases; mustNot, the excluded words and
	// phrases.
	required, mustNot []query.Query
	// bonus, when not nil, scores matches whose text has words typed next
	// to each other next to each other too, and matches nothing on its own.
	bonus query.Query
	// highlight finds the words to mark in snippets (nil for none).
	highlight query.Query
}

// scored reports whether the query has positive clauses; without any,
// strict matches every document.
func (p *queryPlan) scored() bool {
	return len(p.words)+len(p.required) > 0
}

// strict matches the documents that have every word and phrase and none
// of the excluded ones.
func (p *queryPlan) strict() query.Query {
	b := query.NewBooleanQuery(nil, nil, nil)
	must := append(slices.Clip(p.words), p.required...)
	if len(must) == 0 {
		b.AddMust(query.NewMatchAllQuery())
	} else {
		b.AddMust(must...)
	}
	if len(p.mustNot) > 0 {
		b.AddMustNot(p.mustNot...)
	}
	return b
}

// relaxed matches the documents that have at least one of the words, every
// phrase and none of the excluded ones. Its disjunction scores a document
// by the words it has times the fraction of the words it has (coord).
func (p *queryPlan) relaxed() query.Query {
	b := query.NewBooleanQuery(nil, nil, nil)
	must := append([]query.Query{query.NewDisjunctionQuery(p.words)}, p.required...)
	b.AddMust(must...)
	if len(p.mustNot) > 0 {
		b.AddMustNot(p.mustNot...)
	}
	return b
}

// build turns the parsed query into bleve queries over st's index: match
// requires every word and phrase (in the title or the narrative, in any of
// the analysed forms) and none of the excluded ones; bonus and highlight
// are the plan's. scored reports whether the query has positive clauses;
// without any, match matches every document.
func (st *state) build(pq parsedQuery) (match, bonus, highlight query.Query, scored bool) {
	p := st.plan(pq)
	return p.strict(), p.bonus, p.highlight, p.scored()
}

// plan turns the parsed query into bleve queries over st's index.
func (st *state) plan(pq parsedQuery) *queryPlan {
	p := &queryPlan{}
	var hl []query.Query
	for _, c := range pq.clauses {
		cq, chl := st.clauseQuery(c)
		if cq == nil {
			continue // stop words and punctuation match nothing on their own
		}
		switch {
		case c.exclude:
			p.mustNot = append(p.mustNot, cq)
		case c.kind == clausePhrase:
			p.required = append(p.required, cq)
		default:
			p.words = append(p.words, cq)
			p.labels = append(p.labels, c.text)
		}
		hl = append(hl, chl...)
	}
	p.bonus = st.proximity(pq)
	if len(p.words)+len(p.required) == 0 {
		p.bonus = nil
	}
	var leaves []query.Query
	for _, q := range hl {
		leaves = snippetParts(leaves, q)
	}
	if len(leaves) > 0 {
		p.highlight = query.NewDisjunctionQuery(leaves)
	}
	return p
}

// clauseQuery returns the query of one clause (nil when it has no terms)
// and the queries that find its words for highlights.
func (st *state) clauseQuery(c clause) (query.Query, []query.Query) {
	switch {
	case c.kind == clauseAny:
		var alts, hl []query.Query
		for _, a := range c.alts {
			if q, h := st.clauseQuery(a); q != nil {
				alts = append(alts, q)
				hl = append(hl, h...)
			}
		}
		switch len(alts) {
		case 0:
			return nil, nil
		case 1:
			return alts[0], hl
		}
		return query.NewDisjunctionQuery(alts), hl
	case c.kind == clausePhrase:
		cq := st.phraseQuery(c.text)
		if c.exclude || cq == nil {
			return cq, nil
		}
		if p := st.positionalPhraseQuery(c.text); p != nil {
			return cq, []query.Query{p}
		}
		return cq, nil
	case c.exclude:
		return st.exactWordQuery(c.text, nil), nil
	}
	cq := st.wordQuery(c.text)
	if cq == nil {
		return nil, nil
	}
	return cq, []query.Query{cq}
}

// proximity returns the query that scores words typed next to each other
// more where the text has them next to each other too, or nil.
func (st *state) proximity(pq parsedQuery) query.Query {
	var near []query.Query
	var prev string
	for _, c := range pq.clauses {
		if c.kind != clauseWord || c.exclude {
			prev = ""
			continue
		}
		if prev != "" {
			if pq := st.phraseQuery(prev + " " + c.text); pq != nil {
				near = append(near, pq)
			}
		}
		prev = c.text
	}
	if len(near) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(near)
}

// isSnippetField reports whether snippets are cut from field: only their
// term locations are looked up.
func isSnippetField(field string) bool {
	return field == indexer.FieldNarrative || field == indexer.FieldNarrativeFolded
}

// snippetParts appends to dst the parts of q that find words in the
// snippet fields, as a flat list of alternatives: the locations q finds in
// those fields are the union of theirs. A conjunction is kept with each of
// its parts reduced so, or dropped when one of them has none.
func snippetParts(dst []query.Query, q query.Query) []query.Query {
	switch q := q.(type) {
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			dst = snippetParts(dst, c)
		}
	case *query.ConjunctionQuery:
		parts := make([]query.Query, 0, len(q.Conjuncts))
		for _, c := range q.Conjuncts {
			alts := snippetParts(nil, c)
			switch len(alts) {
			case 0:
				return dst
			case 1:
				parts = append(parts, alts[0])
			default:
				parts = append(parts, query.NewDisjunctionQuery(alts))
			}
		}
		dst = append(dst, query.NewConjunctionQuery(parts))
	case query.FieldableQuery:
		if isSnippetField(q.Field()) {
			dst = append(dst, q)
		}
	}
	return dst
}

// wordQuery matches one typed word: exactly in any field, and where a token
// of it is in no folded field's dictionary, also within a small edit
// distance. A word that is an acronym the reports define ("QHT" for
// "qeyri-hökumət təşkilatı") also matches the long form. It returns nil when
// the word has no tokens (a stop word or punctuation).
func (st *state) wordQuery(word string) query.Query {
	tokens := st.foldedTokensRaw(word)
	if len(tokens) == 0 && !measureNumberRE.MatchString(word) {
		return nil
	}
	var fuzzy []query.Query
	missing := false
	for _, t := range tokens {
		if st.termExists(t.term) {
			fuzzy = append(fuzzy, st.termAnyFolded(t.term))
			continue
		}
		missing = true
		// A typo can derail the stemmer ("korupsiya" stems to "korup"), so
		// the folded form as typed is tried too.
		fq := st.fuzzyAnyFolded(t.term, t.raw)
		if fq == nil {
			fuzzy = nil
			break
		}
		fuzzy = append(fuzzy, fq)
	}
	var extra []query.Query
	if missing && len(fuzzy) > 0 {
		if len(fuzzy) == 1 {
			extra = append(extra, fuzzy[0])
		} else {
			extra = append(extra, query.NewConjunctionQuery(fuzzy))
		}
	}
	if fq := st.familyQuery(word); fq != nil {
		extra = append(extra, fq)
	}
	if long, ok := st.acronyms[foldWord(word)]; ok {
		if pq := st.phraseQuery(long); pq != nil {
			extra = append(extra, pq)
		}
	}
	return st.exactWordQuery(word, extra)
}

// required drops one-letter tokens when longer ones exist: in "e-məhkəmə"
// the "e" is too weak to require (the text may say "Elektron Məhkəmə").
func required(tokens []string) []string {
	out := tokens[:0:0]
	for _, t := range tokens {
		if utf8.RuneCountInString(t) > 1 {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return tokens
	}
	return out
}

// exactWordQuery matches word in any text field (all its required tokens in
// one field), or as a measure number; extra alternatives are added to the
// disjunction. A field that lacks one of the tokens is left out, as it
// cannot match (an ASCII-typed word in a field analysed with diacritics):
// each alternative costs every match a look at its postings. It returns nil
// when the word has no tokens.
func (st *state) exactWordQuery(word string, extra []query.Query) query.Query {
	alts := make([]query.Query, 0, len(textFields())+1+len(extra))
	var missing query.Query
	// A word typed in plain ASCII that both analyses turn into the same
	// terms is looked up in the folded fields only, with the exact fields'
	// boosts added: a field holds the same postings as its exact twin for
	// it, and each alternative costs every match a look at its postings.
	merged := isASCII(word) && slices.Equal(st.tokens(indexer.FieldTitle, word), st.tokens(indexer.FieldTitleFolded, word))
	for _, f := range textFields() {
		if merged {
			switch f.name {
			case indexer.FieldTitle, indexer.FieldNarrative:
				continue
			case indexer.FieldTitleFolded:
				f.boost += boostTitle * boostExact
			case indexer.FieldNarrativeFolded:
				f.boost += boostExact
			}
		}
		toks := required(st.tokens(f.name, word))
		if len(toks) == 0 {
			continue
		}
		if !st.hasTerms(f.name, toks) {
			if missing == nil {
				tq := query.NewTermQuery(toks[0])
				tq.SetField(f.name)
				missing = tq
			}
			continue
		}
		terms := make([]query.Query, 0, len(toks))
		for _, t := range toks {
			tq := query.NewTermQuery(t)
			tq.SetField(f.name)
			tq.SetBoost(f.boost)
			terms = append(terms, tq)
		}
		if len(terms) == 1 {
			alts = append(alts, terms[0])
		} else {
			alts = append(alts, query.NewConjunctionQuery(terms))
		}
	}
	if measureNumberRE.MatchString(word) {
		t := query.NewTermQuery(strings.TrimSuffix(word, "."))
		t.SetField(indexer.FieldNumber)
		t.SetBoost(boostNumber)
		alts = append(alts, t)
	}
	alts = append(alts, extra...)
	if len(alts) == 0 {
		// Nil would drop the word like a stop word; a word in no
		// dictionary must match nothing instead.
		return missing
	}
	return query.NewDisjunctionQuery(alts)
}

// phraseQuery matches the words of text next to each other, in any text
// field. Where the index has pair fields, a phrase of two or more terms is
// the conjunction of its adjacent-term pairs in one pair field: as fast as
// words, where a positional phrase reads the positions of every document
// having all the words. (A phrase of three or more terms whose pairs occur
// apart in one field matches too; its highlights then show no phrase.)
func (st *state) phraseQuery(text string) query.Query {
	if len(st.foldedTokens(text)) == 0 {
		return nil
	}
	if st.pairs != nil && st.foldedPairs != nil {
		var alts []query.Query
		for _, f := range pairFields() {
			a := st.pairs
			if f.folded {
				a = st.foldedPairs
			}
			kind := "p"
			if f.folded {
				kind = "P"
			}
			pairs := trimGaps(st.analyze(kind, a, text))
			if len(pairs) == 0 {
				continue
			}
			alts = append(alts, allTerms(f.name, f.boost*boostPhrase, pairs))
		}
		if len(alts) > 0 {
			return query.NewDisjunctionQuery(alts)
		}
	}
	return st.positionalPhraseQuery(text)
}

// isASCII reports whether s is plain ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// trimGaps drops the pairs at either end of a phrase that pair a word with
// the gap of a stop word ("_ qeyri" of "üçün qeyri-hökumət"): a phrase
// does not ask for a word before its first word or after its last.
func trimGaps(pairs []string) []string {
	for len(pairs) > 0 && strings.HasPrefix(pairs[0], "_ ") {
		pairs = pairs[1:]
	}
	for len(pairs) > 0 && strings.HasSuffix(pairs[len(pairs)-1], " _") {
		pairs = pairs[:len(pairs)-1]
	}
	return pairs
}

// pairField is a pair field with the boost of its matches and whether it
// holds folded terms.
type pairField struct {
	name   string
	boost  float64
	folded bool
}

// pairFields returns the pair fields with their boosts, as textFields.
func pairFields() []pairField {
	return []pairField{
		{indexer.FieldTitlePairs, boostTitle * boostExact, false},
		{indexer.FieldNarrativePairs, boostExact, false},
		{indexer.FieldTitleFoldedPairs, boostTitle, true},
		{indexer.FieldNarrativeFoldedPairs, 1, true},
	}
}

// positionalPhraseQuery matches the words of text next to each other, in
// any text field, by their positions (which give highlights).
func (st *state) positionalPhraseQuery(text string) query.Query {
	if len(st.foldedTokens(text)) == 0 {
		return nil
	}
	alts := make([]query.Query, 0, len(textFields()))
	for _, f := range textFields() {
		p := query.NewMatchPhraseQuery(text)
		p.SetField(f.name)
		p.Analyzer = st.analyzerName(f.name)
		p.SetBoost(f.boost * boostPhrase)
		alts = append(alts, p)
	}
	return query.NewDisjunctionQuery(alts)
}

// analyzerName returns the analyzer of a text field. Queries name it
// explicitly because bleve's mapping lookup does not see the folded fields.
func (st *state) analyzerName(field string) string {
	a := st.idx.Analysis()
	switch field {
	case indexer.FieldTitleFolded, indexer.FieldNarrativeFolded:
		return a.Folded
	}
	return a.Text
}

// termAnyFolded matches an analysed folded token in any folded field.
func (st *state) termAnyFolded(t string) query.Query {
	alts := make([]query.Query, 0, len(foldedFields()))
	for _, f := range foldedFields() {
		q := query.NewTermQuery(t)
		q.SetField(f.name)
		q.SetBoost(f.boost * boostFuzzy)
		alts = append(alts, q)
	}
	return query.NewDisjunctionQuery(alts)
}

// fuzzyAnyFolded matches terms within an edit distance of any of the forms
// in any folded field, or returns nil when every form is too short to forgive
// a typo in.
func (st *state) fuzzyAnyFolded(forms ...string) query.Query {
	var alts []query.Query
	seen := make(map[string]bool)
	for _, t := range forms {
		if seen[t] {
			continue
		}
		seen[t] = true
		n := utf8.RuneCountInString(t)
		fuzziness := 0
		switch {
		case n >= 8:
			fuzziness = 2
		case n >= 4:
			fuzziness = 1
		}
		if fuzziness == 0 {
			continue
		}
		for _, f := range foldedFields() {
			q := query.NewFuzzyQuery(t)
			q.SetField(f.name)
			q.SetFuzziness(fuzziness)
			q.SetPrefix(1)
			q.SetBoost(f.boost * boostFuzzy)
			alts = append(alts, q)
		}
	}
	if len(alts) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(alts)
}

// foldedToken is a folded, stemmed term with the folded text it was made from.
type foldedToken struct {
	term, raw string
}

// foldedTokensRaw returns the required folded terms of word, each with the
// word's folded text at the term's offsets.
func (st *state) foldedTokensRaw(word string) []foldedToken {
	if st.folded == nil {
		return nil
	}
	var all []foldedToken
	for _, t := range st.folded.Analyze([]byte(word)) {
		if len(t.Term) == 0 {
			continue
		}
		raw := string(t.Term)
		if t.Start >= 0 && t.End <= len(word) && t.Start < t.End {
			raw = foldWord(word[t.Start:t.End])
		}
		all = append(all, foldedToken{string(t.Term), raw})
	}
	var out []foldedToken
	for _, t := range all {
		if utf8.RuneCountInString(t.term) > 1 {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}

// foldedTokens returns the terms the folded analyzer makes of text.
func (st *state) foldedTokens(text string) []string {
	return st.analyze("f", st.folded, text)
}

// tokens returns the terms the analyzer of field makes of text.
func (st *state) tokens(field, text string) []string {
	switch field {
	case indexer.FieldTitleFolded, indexer.FieldNarrativeFolded:
		return st.analyze("f", st.folded, text)
	}
	return st.analyze("t", st.text, text)
}

// analyze returns the terms a makes of text, remembered under kind (one
// letter per analyzer): a query analyses its words for several fields, and
// people search the same words. The result is shared: do not modify it.
func (st *state) analyze(kind string, a analysis.Analyzer, text string) []string {
	key := kind + "\x00" + text
	if v, ok := st.analyses.get(key); ok {
		return v
	}
	out := analyze(a, text)
	st.analyses.put(key, out)
	return out
}

func analyze(a analysis.Analyzer, text string) []string {
	if a == nil {
		return nil
	}
	ts := a.Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		if len(t.Term) > 0 {
			out = append(out, string(t.Term))
		}
	}
	return out
}

// termExists reports whether t is in the dictionary of a folded field.
func (st *state) termExists(t string) bool {
	for _, f := range foldedFields() {
		if st.hasTerm(f.name, t) {
			return true
		}
	}
	return false
}

// hasTerms reports whether every one of terms is in the dictionary of field.
func (st *state) hasTerms(field string, terms []string) bool {
	for _, t := range terms {
		if !st.hasTerm(field, t) {
			return false
		}
	}
	return true
}

// hasTerm reports whether t is in the dictionary of field, in the snapshot
// searches run on. (Errors count as present: the query then finds out.)
func (st *state) hasTerm(field, t string) bool {
	if st.ex == nil {
		return true
	}
	key := field + "\x00" + t
	if v, ok := st.terms.get(key); ok {
		return v
	}
	v := st.lookupTerm(field, t)
	st.terms.put(key, v)
	return v
}

// lookupTerm reports whether t is in the dictionary of field.
func (st *state) lookupTerm(field, t string) bool {
	d, err := st.ex.reader.FieldDictPrefix(field, []byte(t))
	if err != nil {
		return true
	}
	defer d.Close()
	e, err := d.Next()
	if err != nil {
		return true
	}
	return e != nil && e.Term == t
}

// familyQuery matches the word families of word's terms in the family
// fields, with boostFamily, or returns nil when the index has no family
// fields or they do not have the families.
func (st *state) familyQuery(word string) query.Query {
	if st.family == nil {
		return nil
	}
	toks := required(st.analyze("w", st.family, word))
	if len(toks) == 0 {
		return nil
	}
	var alts []query.Query
	for _, f := range []fieldBoost{{indexer.FieldTitleFamily, boostTitle}, {indexer.FieldNarrativeFamily, 1}} {
		if !st.hasTerms(f.name, toks) {
			continue
		}
		alts = append(alts, allTerms(f.name, f.boost*boostFamily, toks))
	}
	switch len(alts) {
	case 0:
		return nil
	case 1:
		return alts[0]
	}
	return query.NewDisjunctionQuery(alts)
}

// allTerms matches every one of terms (at least one) in field, each with
// boost: the lone term query, or their conjunction.
func allTerms(field string, boost float64, terms []string) query.Query {
	qs := make([]query.Query, 0, len(terms))
	for _, t := range terms {
		tq := query.NewTermQuery(t)
		tq.SetField(field)
		tq.SetBoost(boost)
		qs = append(qs, tq)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}
