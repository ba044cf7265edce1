package corpus

import (
	"os"
	"strings"
	"testing"
)

// TestReportFormatDocExample parses the example of docs/report-format.md,
// so that the documented layout cannot drift from the parser.
func TestReportFormatDocExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/report-format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(doc), "## The layout")
	_, block, _ := strings.Cut(after, "```\n")
	example, _, _ := strings.Cut(block, "```")
	r, err := Parse("example-2022.az.txt", []byte(example))
	if err != nil {
		t.Fatalf("the documented example does not parse: %v", err)
	}
	var numbers []string
	for _, m := range r.Measures {
		numbers = append(numbers, m.Number+" "+m.Period)
	}
	if got, want := strings.Join(numbers, ", "), "1.1 2020, 1.2 2020─2022, 2.1 2021─2022"; got != want {
		t.Errorf("measures %s, want %s", got, want)
	}
	if r.Year != 2022 || r.PlanPeriod != "2020─2022" || len(r.Sections) != 2 {
		t.Errorf("year %d, plan period %q, %d sections", r.Year, r.PlanPeriod, len(r.Sections))
	}
	if items := r.Measures[1].Narrative; len(items) != 3 || items[1].Kind != BlockItem {
		t.Errorf("measure 1.2 narrative %+v: want a paragraph and two items", items)
	}
	if refs := r.Measures[2].Refs; len(refs) != 1 || refs[0] != "1.1" {
		t.Errorf("measure 2.1 refs %v", refs)
	}
}
