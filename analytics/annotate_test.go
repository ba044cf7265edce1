package analytics

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(got) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run go test -update if the change is intended, and review it)", path, i+1, g, w)
			}
		}
	}
}

// annotationsText renders each measure's status, evidence and agencies for review.
func annotationsText(r *corpus.Report) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: agencies and status of %d measures (reviewed by hand)\n", r.ID, len(r.Measures))
	for _, m := range r.Measures {
		fmt.Fprintf(&b, "\n%s %s\n", m.Number, m.Status)
		if m.StatusEvidence != "" {
			fmt.Fprintf(&b, "  evidence: %s\n", collapseSpace(m.StatusEvidence))
		}
		for _, a := range m.Agencies {
			fmt.Fprintf(&b, "  agency: %s «%s» %s\n", a.ID, a.Text, a.Role)
		}
	}
	return []byte(b.String())
}

// figuresText renders each measure's figures.
func figuresText(r *corpus.Report) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: figures of %d measures\n", r.ID, len(r.Measures))
	for _, m := range r.Measures {
		if len(m.Figures) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s\n", m.Number)
		for _, f := range m.Figures {
			fmt.Fprintf(&b, "  %q %s %s", f.Text, f.Unit, num(f.Value))
			if f.Qualifier != "" {
				fmt.Fprintf(&b, " %s", f.Qualifier)
			}
			if f.Counts != "" {
				fmt.Fprintf(&b, " counts=%q", f.Counts)
			}
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

func TestAnnotationsGolden(t *testing.T) {
	r := annotatedDefault(t)
	if len(r.Measures) != 64 {
		t.Fatalf("%d measures, want 64", len(r.Measures))
	}
	golden(t, "annotations.golden", annotationsText(r))
	golden(t, "figures.golden", figuresText(r))
}

func TestAnnotateHandChecked(t *testing.T) {
	r := annotatedDefault(t)
	byNum := map[string]*corpus.Measure{}
	for i := range r.Measures {
		byNum[r.Measures[i].Number] = &r.Measures[i]
	}
	tests := []struct {
		name      string
		measure   string
		status    corpus.Status
		evidence  string   // words of the evidence sentence
		agencies  []string // "id«text»" that must be there
		notAgency []string // ids that must not be
	}{
		{"inflected prosecutor, methodology prepared (due 2020)", "1.1", corpus.StatusCompleted, "metodologiya hazırlanmışdır", []string{"prosecutor-general«Baş Prokurorluğunun»"}, nil},
		{"recommendation", "1.2", corpus.StatusRecommendation, "tövsiyə edir", []string{"anti-corruption-commission«Korrupsiyaya qarşı mübarizə üzrə Komissiyaya»"}, nil},
		{"hotline in progress, directorate apart", "1.7", corpus.StatusInProgress, "davam etdirilir", []string{"prosecutor-general«Prokurorluğun»", "anti-corruption-directorate«Baş prokuroru yanında Korrupsiyaya qarşı Mübarizə Baş İdarəsinin»"}, []string{"anti-corruption-commission"}},
		{"completed 2020", "1.8", corpus.StatusCompleted, "tam icra", []string{"ombudsman«İnsan hüquqları üzrə müvəkkilinə»"}, nil},
		{"finance completed", "2.1", corpus.StatusCompleted, "tam icra edilmişdir", []string{"ministry-of-finance«Maliyyə Nazirliyi»", "milli-majlis«Milli Məclisinə»"}, nil},
		{"back-reference before the full name", "2.2", corpus.StatusInProgress, "davam etmişdir", []string{"ministry-of-finance«Nazirliyin»"}, nil},
		{"MMX with its abbreviation", "3.3", corpus.StatusInProgress, "hazırlanır", []string{"financial-monitoring-service«Maliyyə Monitorinq Xidməti»", "prosecutor-general«Azərbaycan Respublikasının Prokurorluğu»"}, nil},
		{"Dövlət Agentliyi before the full name, assessed while the period runs on", "4.5", corpus.StatusInProgress, "həyata keçirilmişdir", []string{"asan«Dövlət Agentliyi»"}, nil}, // "Dövlət Agentliyi tərəfindən": the mention that makes it responsible
		{"list of ministries, intergovernmental commission apart", "4.11", corpus.StatusInProgress, "hazırlanır", []string{"intergovernmental-commission«Birgə Hökumətlərarası Komissiyanın»", "ministry-of-economy«İqtisadiyyat»", "ministry-of-agriculture«Kənd Təsərrüfatı»", "ministry-of-ecology«Ekologiya və Təbii Sərvətlər»"}, []string{"anti-corruption-commission"}},
		{"Agentliyə is the NGO agency", "5.1", corpus.StatusNotImplemented, "icra edilməyib", []string{"ngo-support-agency«Qeyri-Hökumət Təşkilatlarına Dövlət Dəstəyi Agentliyinin»"}, []string{"asan"}},
		{"see answer 5.2", "5.3", corpus.StatusCompleted, "istifadəyə verilmişdir", []string{"ministry-of-justice«Ədliyyə Nazirliyinin»"}, nil},
		{"tövsiyyə typo", "5.4", corpus.StatusRecommendation, "tövsiyyə edir", []string{"anti-corruption-commission«Komissiya»"}, nil},
		{"typo Naziliyi, deadline ended then the result", "7.1", corpus.StatusCompleted, "hazırlanmışdır", []string{"ministry-of-justice«Ədliyyə Naziliyi»"}, nil},
		{"business commission apart, law adopted (due 2021)", "8.1", corpus.StatusCompleted, "qəbul edilmişdir", []string{"business-environment-commission«Biznes mühiti və beynəlxalq reytinqlər üzrə Komissiyanın»", "chamber-of-auditors«Auditorlar Palatasının»"}, []string{"anti-corruption-commission", "chamber-of-accounts"}},
		{"no body named, trainings held while the period runs on", "8.2", corpus.StatusInProgress, "keçirilmişdir", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := byNum[tc.measure]
			if m == nil {
				t.Fatalf("no measure %s", tc.measure)
			}
			if m.Status != tc.status || !strings.Contains(m.StatusEvidence, tc.evidence) {
				t.Errorf("status %s (%q), want %s with %q", m.Status, m.StatusEvidence, tc.status, tc.evidence)
			}
			got := map[string]bool{}
			ids := map[string]bool{}
			for _, a := range m.Agencies {
				got[a.ID+"«"+a.Text+"»"] = true
				ids[a.ID] = true
				if !strings.Contains(a.Sentence, a.Text) {
					t.Errorf("mention %q is not in its sentence %q", a.Text, a.Sentence)
				}
			}
			for _, w := range tc.agencies {
				if !got[w] {
					t.Errorf("missing %s; got %v", w, got)
				}
			}
			for _, n := range tc.notAgency {
				if ids[n] {
					t.Errorf("%s should not be matched", n)
				}
			}
			if len(tc.agencies) == 0 && tc.notAgency == nil && len(m.Agencies) != 0 {
				t.Errorf("want no agencies, got %v", got)
			}
		})
	}
}

func TestAnnotateIdempotent(t *testing.T) {
	r := annotatedDefault(t)
	first, _ := json.Marshal(r)
	if err := Annotate(r); err != nil {
		t.Fatal(err)
	}
	second, _ := json.Marshal(r)
	if string(first) != string(second) {
		t.Fatal("a second Annotate changed the report")
	}
	for _, m := range r.Measures {
		for _, a := range m.Agencies {
			if !strings.Contains(a.Sentence, a.Text) {
				t.Errorf("%s: mention %q is not in its sentence %q", m.Number, a.Text, a.Sentence)
			}
		}
		for _, f := range m.Figures {
			if f.Measure != m.ID() || !strings.Contains(f.Sentence, f.Text) {
				t.Fatalf("figure %+v: want measure %s and a sentence containing it", f, m.ID())
			}
		}
		if m.Status == "" {
			t.Fatalf("measure %s has no status", m.Number)
		}
		if (m.Status == corpus.StatusUnknown) != (m.StatusEvidence == "") {
			t.Errorf("measure %s: status %s with evidence %q", m.Number, m.Status, m.StatusEvidence)
		}
	}
}

func TestAnnotateErrors(t *testing.T) {
	if err := Annotate(nil); !errors.Is(err, ErrNilReport) {
		t.Errorf("Annotate(nil) = %v, want ErrNilReport", err)
	}
	if err := AnnotateWith(&corpus.Report{ID: "x"}, nil); !errors.Is(err, ErrGazetteer) {
		t.Errorf("AnnotateWith(nil gazetteer) = %v, want ErrGazetteer", err)
	}
	empty := &corpus.Report{ID: "empty"}
	if err := Annotate(empty); err != nil {
		t.Errorf("Annotate(empty report) = %v", err)
	}
}

func TestAgenciesSummary(t *testing.T) {
	r := annotatedDefault(t)
	sums := Agencies([]*corpus.Report{r})
	if len(sums) < 30 {
		t.Fatalf("%d agencies named, want at least 30", len(sums))
	}
	for i, s := range sums {
		var n int
		for _, c := range s.Counts {
			n += c
		}
		if n != s.Total || len(s.Measures) != s.Total || len(s.Counts) != len(Statuses()) {
			t.Errorf("%s: counts %v, %d measures, total %d", s.Agency.ID, s.Counts, len(s.Measures), s.Total)
		}
		if i > 0 && (sums[i-1].Total < s.Total || sums[i-1].Total == s.Total && sums[i-1].Agency.Name > s.Agency.Name) {
			t.Errorf("not sorted at %d: %s(%d) before %s(%d)", i, sums[i-1].Agency.ID, sums[i-1].Total, s.Agency.ID, s.Total)
		}
	}
	find := func(id string) AgencySummary {
		for _, s := range sums {
			if s.Agency.ID == id {
				return s
			}
		}
		t.Fatalf("no summary for %s", id)
		return AgencySummary{}
	}
	fin := find("ministry-of-finance")
	if fin.Total != 9 || fin.Counts[corpus.StatusCompleted] != 2 {
		t.Errorf("ministry-of-finance: total %d, completed %d; want 9 (2.1–2.9), 2 completed (2.1, 2.7)", fin.Total, fin.Counts[corpus.StatusCompleted])
	}
	ngo := find("ngo-support-agency")
	if ngo.Total != 2 || ngo.Counts[corpus.StatusNotImplemented] != 2 {
		t.Errorf("ngo-support-agency: %+v, want 2 measures not implemented", ngo)
	}
	figs := Figures([]*corpus.Report{r})
	var n int
	for _, m := range r.Measures {
		n += len(m.Figures)
	}
	if len(figs) != n || n < 100 {
		t.Errorf("Figures gave %d, measures hold %d", len(figs), n)
	}
}
