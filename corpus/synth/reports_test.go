package synth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

// TestReportsParse proves that generated reports go through the real parser
// with the base report's structure: same sections, measure numbers, titles
// and periods, distinct report IDs and varied narratives.
func TestReportsParse(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const n = 12
	reports, err := g.Reports(context.Background(), n, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != n {
		t.Fatalf("got %d reports, want %d", len(reports), n)
	}
	base := reports[0]
	if len(base.Measures) != 64 || len(base.Sections) != 9 {
		t.Fatalf("base report: %d sections, %d measures; want 9 and 64", len(base.Sections), len(base.Measures))
	}
	ids := map[string]bool{}
	for i, r := range reports {
		t.Run(fmt.Sprintf("report %d", i), func(t *testing.T) {
			if ids[r.ID] {
				t.Errorf("duplicate report ID %q", r.ID)
			}
			ids[r.ID] = true
			if len(r.Sections) != len(base.Sections) || len(r.Measures) != len(base.Measures) {
				t.Fatalf("%d sections, %d measures; base has %d and %d",
					len(r.Sections), len(r.Measures), len(base.Sections), len(base.Measures))
			}
			varied := 0
			for j, m := range r.Measures {
				bm := base.Measures[j]
				if m.Number != bm.Number || m.Title != bm.Title || m.Period != bm.Period || m.Section != bm.Section {
					t.Errorf("measure %d: got %s %q %q, want %s %q %q", j, m.Number, m.Title, m.Period, bm.Number, bm.Title, bm.Period)
				}
				if m.Report != r.ID {
					t.Errorf("measure %s: report %q, want %q", m.Number, m.Report, r.ID)
				}
				if !slices.EqualFunc(m.Narrative, bm.Narrative, func(a, b corpus.Block) bool { return a.Text == b.Text }) {
					varied++
				}
			}
			if i == 0 && varied != 0 {
				t.Errorf("report 0 varies %d narratives; want the base report unchanged", varied)
			}
			if i > 0 && varied < len(r.Measures)/2 {
				t.Errorf("only %d of %d narratives varied", varied, len(r.Measures))
			}
		})
	}
}

func TestReportsErrors(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Reports(context.Background(), -1, 1); err == nil {
		t.Error("Reports(-1) succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.Reports(ctx, 2, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Reports with cancelled ctx: %v, want context.Canceled", err)
	}
}

// ExampleGenerator_Reports builds a small scale corpus from the embedded report.
func ExampleGenerator_Reports() {
	g, err := Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	reports, err := g.Reports(context.Background(), 3, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range reports {
		fmt.Println(r.ID, len(r.Measures))
	}
	// Output:
	// ogp-nap-2021-report 64
	// ogp-nap-2021-report-s1-00001 64
	// ogp-nap-2021-report-s1-00002 64
}
