package analytics

import (
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// FuzzAnnotate parses arbitrary report text and annotates it: whatever the
// parser accepts, annotation, summaries and charts must not panic, and every
// mention and figure must point into its own sentence.
func FuzzAnnotate(f *testing.F) {
	base := corpus.DefaultText()
	f.Add(base[:min(len(base), 6000)])
	f.Add("Başlıq\n\t1. Bölmə\n\n\t1.1\n\tTədbir\n\t2020─2022\n\n\tBənd Maliyyə Nazirliyi tərəfindən tam icra edilmişdir. Nazirliyin saytında 5131 müraciət.\n")
	f.Add("Başlıq\n\t1. Bölmə\n\n\t1.1\n\tTədbir\n\t2020\n\n\tBax cavab 1.1\n")
	f.Fuzz(func(t *testing.T, text string) {
		r, err := corpus.Parse("fuzz.txt", []byte(text))
		if err != nil {
			return
		}
		if err := Annotate(r); err != nil {
			t.Fatalf("Annotate: %v", err)
		}
		for _, m := range r.Measures {
			for _, a := range m.Agencies {
				if !strings.Contains(a.Sentence, a.Text) {
					t.Fatalf("mention %q not in %q", a.Text, a.Sentence)
				}
			}
			for _, fg := range m.Figures {
				if fg.Measure != m.ID() || !strings.Contains(fg.Sentence, fg.Text) {
					t.Fatalf("figure %+v of %s", fg, m.ID())
				}
			}
		}
		reps := []*corpus.Report{r}
		Agencies(reps)
		Figures(reps)
		cs, _ := Charts(reps)
		for _, c := range cs {
			for _, s := range c.Series {
				if len(s.Values) != len(c.Categories) {
					t.Fatalf("%s: %d values for %d categories", c.ID, len(s.Values), len(c.Categories))
				}
			}
			_ = c.CSV()
		}
	})
}

// FuzzMatch runs the gazetteer over arbitrary text.
func FuzzMatch(f *testing.F) {
	g, err := DefaultGazetteer()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"Ədliyyə Naziliyi", "Maliyyə Nazirliyinin. Nazirliyin saytında", "İqtisadiyyat, Kənd Təsərrüfatı nazirlikləri", "Komissiya", "İ̇", "ASAN MMX"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range g.Match(s) {
			if m.ID == "" || m.Text == "" {
				t.Fatalf("empty mention %+v from %q", m, s)
			}
		}
	})
}
