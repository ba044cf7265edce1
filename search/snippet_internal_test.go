package search

import (
	"context"
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/indexer"
)

// loc is a match of a term at byte offsets [start, end) of a field.
type loc struct {
	field, term string
	start, end  int
}

// matchOf returns a document match with the given term locations.
func matchOf(locs ...loc) *bsearch.DocumentMatch {
	ftl := bsearch.FieldTermLocationMap{}
	for _, l := range locs {
		if ftl[l.field] == nil {
			ftl[l.field] = bsearch.TermLocationMap{}
		}
		ftl[l.field][l.term] = append(ftl[l.field][l.term], &bsearch.Location{Start: uint64(l.start), End: uint64(l.end)})
	}
	return &bsearch.DocumentMatch{ID: "r/1", Locations: ftl}
}

// at returns the location of the n-th (0-based) occurrence of word in text.
func at(text, field, word string, n int) loc {
	off := 0
	for ; n > 0; n-- {
		off += strings.Index(text[off:], word) + len(word)
	}
	i := off + strings.Index(text[off:], word)
	return loc{field: field, term: word, start: i, end: i + len(word)}
}

// filler returns n words of padding.
func filler(word string, n int) string {
	return strings.TrimSpace(strings.Repeat(word+" ", n))
}

func TestSnippetFragments(t *testing.T) {
	short := `Vətəndaş büdcəsi dərc edilib. Saytda <b>"x"</b> & 'y'.`
	long := filler("əvvəl", 60) + " korrupsiya riskləri " + filler("orta", 80) + " korrupsiya və büdcə " + filler("sonra", 60)
	const nar, fold = indexer.FieldNarrative, indexer.FieldNarrativeFolded
	cases := []struct {
		name string
		text string
		dm   func(text string) *bsearch.DocumentMatch
		want []string // exact snippets; nil checks only the invariants
		has  []string // substrings the joined snippets must hold
	}{
		{
			name: "short text whole, escaped",
			text: short,
			dm:   func(s string) *bsearch.DocumentMatch { return matchOf(at(s, nar, "büdcəsi", 0)) },
			want: []string{"Vətəndaş <mark>büdcəsi</mark> dərc edilib. Saytda &lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp; &#39;y&#39;."},
		},
		{
			name: "both fields at one place marked once",
			text: short,
			dm: func(s string) *bsearch.DocumentMatch {
				l := at(s, nar, "büdcəsi", 0)
				f := l
				f.field, f.term = fold, "budce"
				return matchOf(l, f)
			},
			want: []string{"Vətəndaş <mark>büdcəsi</mark> dərc edilib. Saytda &lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp; &#39;y&#39;."},
		},
		{
			name: "overlapping matches merged",
			text: "qaynar xətt işləyir",
			dm: func(s string) *bsearch.DocumentMatch {
				return matchOf(loc{nar, "a", 0, 12}, loc{fold, "b", 7, 12}, loc{fold, "c", 0, 6})
			},
			want: []string{"<mark>qaynar xətt</mark> işləyir"},
		},
		{
			name: "no usable match gives the lead",
			text: short,
			dm: func(s string) *bsearch.DocumentMatch {
				return matchOf(loc{nar, "x", 2, 4}, loc{nar, "y", 40, 400}, loc{"title", "z", 0, 4}, loc{nar, "w", 5, 5})
			},
			want: []string{html.EscapeString(short)},
		},
		{
			name: "no match gives the lead, cut with an ellipsis",
			text: long,
			dm:   func(string) *bsearch.DocumentMatch { return matchOf() },
			has:  []string{"əvvəl əvvəl", "…"},
		},
		{
			name: "best fragment first: more distinct terms",
			text: long,
			dm: func(s string) *bsearch.DocumentMatch {
				return matchOf(at(s, nar, "korrupsiya", 0), at(s, nar, "korrupsiya", 1), at(s, nar, "büdcə", 0))
			},
			has: []string{"<mark>korrupsiya</mark> və <mark>büdcə</mark>", "<mark>korrupsiya</mark> riskləri"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := &corpus.Measure{Narrative: []corpus.Block{{Text: c.text}}}
			got := snippets(c.dm(c.text), m)
			if c.want != nil && strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("snippets = %q, want %q", got, c.want)
			}
			joined := strings.Join(got, "|")
			for _, h := range c.has {
				if !strings.Contains(joined, h) {
					t.Errorf("snippets %q lack %q", got, h)
				}
			}
			if c.name == "best fragment first: more distinct terms" && (len(got) != 2 || !strings.Contains(got[0], "büdcə")) {
				t.Errorf("want 2 snippets, the one with büdcə first: %q", got)
			}
			checkSnippets(t, c.text, got)
		})
	}
}

// checkSnippets checks what every snippet must be: at most snippetRunes
// characters of text, ellipses where the text goes on, cut at spaces, and
// no two overlapping.
func checkSnippets(t *testing.T, text string, got []string) {
	t.Helper()
	if len(got) == 0 || len(got) > maxSnippets {
		t.Fatalf("%d snippets", len(got))
	}
	var spans [][2]int
	for _, sn := range got {
		plain := html.UnescapeString(strings.NewReplacer(markOpen, "", markClose, "").Replace(sn))
		body := strings.TrimSuffix(strings.TrimPrefix(plain, ellipsis), ellipsis)
		if n := utf8.RuneCountInString(body); n > snippetRunes {
			t.Errorf("snippet of %d characters: %q", n, sn)
		}
		i := strings.Index(text, body)
		if i < 0 {
			t.Fatalf("snippet %q is not in the text", body)
		}
		if (i > 0) != strings.HasPrefix(plain, ellipsis) || (i+len(body) < len(text)) != strings.HasSuffix(plain, ellipsis) {
			t.Errorf("snippet %q: ellipses do not say where the text goes on", sn)
		}
		if i > 0 && !isSpace(text[i-1]) || i+len(body) < len(text) && !isSpace(text[i+len(body)]) {
			t.Errorf("snippet %q is not cut at spaces", sn)
		}
		for _, s := range spans {
			if i < s[1] && s[0] < i+len(body) {
				t.Errorf("snippets overlap: %q", got)
			}
		}
		spans = append(spans, [2]int{i, i + len(body)})
	}
}

func TestSnippetsOverShippedReport(t *testing.T) {
	r, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range r.Measures {
		text := indexer.NarrativeText(&m)
		if got := narrativeText(&m); got != text {
			t.Fatalf("%s: narrativeText differs from indexer.NarrativeText", m.Number)
		}
		if text == "" {
			continue
		}
		// Mark every third word of the narrative, in both fields.
		var locs []loc
		for i, w := range strings.Fields(text)[:min(40, len(strings.Fields(text)))] {
			if i%3 == 0 {
				l := at(text, indexer.FieldNarrative, w, 0)
				locs = append(locs, l)
				l.field = indexer.FieldNarrativeFolded
				locs = append(locs, l)
			}
		}
		got := snippets(matchOf(locs...), &m)
		checkSnippets(t, text, got)
		if !strings.Contains(strings.Join(got, ""), markOpen) {
			t.Errorf("%s: no mark in %q", m.Number, got)
		}
	}
}

func TestNarrativeText(t *testing.T) {
	cases := []struct {
		name   string
		blocks []string
	}{
		{"none", nil},
		{"one", []string{"bir"}},
		{"several", []string{"bir", "", "üç dörd"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := &corpus.Measure{}
			for _, b := range c.blocks {
				m.Narrative = append(m.Narrative, corpus.Block{Text: b})
			}
			if got, want := narrativeText(m), indexer.NarrativeText(m); got != want {
				t.Errorf("narrativeText = %q, want %q", got, want)
			}
		})
	}
}

func TestEscapeHTML(t *testing.T) {
	for _, s := range []string{"", "düz mətn", `<a href="x">'&'</a>`, "&&&", "sonda <"} {
		var sb strings.Builder
		escapeHTML(&sb, s)
		if want := html.EscapeString(s); sb.String() != want {
			t.Errorf("escapeHTML(%q) = %q, want %q", s, sb.String(), want)
		}
	}
}

// FuzzSnippets feeds arbitrary text and match offsets: snippets must not
// panic and must return escaped text of the narrative.
func FuzzSnippets(f *testing.F) {
	f.Add("Vətəndaş büdcəsi dərc edilib.", uint16(9), uint16(23), uint16(0), uint16(8))
	f.Add(filler("əə", 200), uint16(3), uint16(9), uint16(500), uint16(510))
	f.Add("a\xffb <c>", uint16(1), uint16(2), uint16(3), uint16(9))
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 uint16) {
		m := &corpus.Measure{Narrative: []corpus.Block{{Text: text}}}
		got := snippets(matchOf(loc{indexer.FieldNarrative, "a", int(s1), int(e1)}, loc{indexer.FieldNarrativeFolded, "b", int(s2), int(e2)}), m)
		if text == "" {
			if len(got) != 0 {
				t.Fatalf("snippets of no text: %q", got)
			}
			return
		}
		if len(got) == 0 || len(got) > maxSnippets {
			t.Fatalf("%d snippets", len(got))
		}
		for _, sn := range got {
			rest := strings.NewReplacer(markOpen, "", markClose, "").Replace(sn)
			if strings.ContainsAny(rest, `<>"'`) {
				t.Fatalf("unescaped character in %q", sn)
			}
		}
	})
}

// BenchmarkSnippets measures cutting and marking the snippets of the first
// ten hits of six queries over the shipped report (locations as the
// highlight pass returns them).
func BenchmarkSnippets(b *testing.B) {
	r, err := corpus.Default()
	if err != nil {
		b.Fatal(err)
	}
	idx, err := indexer.Build(context.Background(), "", []*corpus.Report{r})
	if err != nil {
		b.Fatal(err)
	}
	s := New(idx, []*corpus.Report{r})
	b.Cleanup(func() { _ = s.Close() })
	st := s.cur.Load()
	type hit struct {
		dm *bsearch.DocumentMatch
		m  *corpus.Measure
	}
	var hits []hit
	for _, q := range []string{"korrupsiya", "büdcə", `"qaynar xətt"`, "beynelxalq teskilatlarla emekdasliq", "bələdiyyələrin hesabatları", "müraciət"} {
		tq, _, _, _ := st.build(parseQuery(q))
		req := bleve.NewSearchRequestOptions(tq, 10, 0, false)
		req.IncludeLocations = true
		res, err := idx.Bleve().Search(req)
		if err != nil {
			b.Fatal(err)
		}
		for _, dm := range res.Hits {
			e, ok := st.entry(dm.ID)
			if !ok {
				b.Fatalf("no catalog entry for %s", dm.ID)
			}
			hits = append(hits, hit{dm, st.stored(e)})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, h := range hits {
			snippets(h.dm, h.m)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(hits)), "ns/hit")
}
