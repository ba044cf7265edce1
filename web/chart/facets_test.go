package chart

import (
	"errors"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/search"
)

func TestFromFacets(t *testing.T) {
	title := analytics.Text{AZ: "Statuslar", EN: "Statuses"}
	tests := []struct {
		name     string
		facet    []search.FacetValue
		wantKind string
		wantCats []string
		wantVals []float64
	}{
		{
			name:     "few short labels give vertical bars",
			facet:    []search.FacetValue{{Value: "completed", Label: "icra edilib", Count: 12}, {Value: "in_progress", Label: "davam edir", Count: 30, Selected: true}},
			wantKind: analytics.KindBar,
			wantCats: []string{"icra edilib", "davam edir"},
			wantVals: []float64{12, 30},
		},
		{
			name:     "long labels turn the bars sideways",
			facet:    []search.FacetValue{{Value: "ministry-of-finance", Label: "Maliyyə Nazirliyi və digər qurumlar", Count: 7}},
			wantKind: analytics.KindHorizontalBar,
			wantCats: []string{"Maliyyə Nazirliyi və digər qurumlar"},
			wantVals: []float64{7},
		},
		{
			name: "many values turn the bars sideways",
			facet: []search.FacetValue{{Value: "1", Label: "1", Count: 1}, {Value: "2", Label: "2", Count: 2}, {Value: "3", Label: "3", Count: 3},
				{Value: "4", Label: "4", Count: 4}, {Value: "5", Label: "5", Count: 5}, {Value: "6", Label: "6", Count: 6}, {Value: "7", Label: "7", Count: 0}},
			wantKind: analytics.KindHorizontalBar,
			wantCats: []string{"1", "2", "3", "4", "5", "6", "7"},
			wantVals: []float64{1, 2, 3, 4, 5, 6, 0},
		},
		{
			name:     "a value without a label shows the value",
			facet:    []search.FacetValue{{Value: "2021", Count: 64}},
			wantKind: analytics.KindBar,
			wantCats: []string{"2021"},
			wantVals: []float64{64},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := FromFacets("facet-status", title, tt.facet)
			if c.Kind != tt.wantKind {
				t.Errorf("kind = %s, want %s", c.Kind, tt.wantKind)
			}
			if c.Title != title || c.ID != "facet-status" {
				t.Errorf("id, title = %q, %v", c.ID, c.Title)
			}
			if len(c.Categories) != len(tt.wantCats) || len(c.Series) != 1 {
				t.Fatalf("categories %v, series %d", c.Categories, len(c.Series))
			}
			for i, want := range tt.wantCats {
				if c.Categories[i].AZ != want || c.Categories[i].EN != want {
					t.Errorf("category %d = %v, want %s", i, c.Categories[i], want)
				}
				if c.Series[0].Values[i] != tt.wantVals[i] {
					t.Errorf("value %d = %v, want %v", i, c.Series[0].Values[i], tt.wantVals[i])
				}
			}
			if err := Validate(c); err != nil {
				t.Errorf("facet chart does not validate: %v", err)
			}
			if _, err := Fragment(c, "en", Options{}); err != nil {
				t.Errorf("facet chart does not render: %v", err)
			}
		})
	}
}

func TestFromFacetsEmpty(t *testing.T) {
	// A search with no matches has empty facets: the chart says so with an
	// error instead of drawing an empty frame.
	c := FromFacets("facet-agency", analytics.Text{AZ: "Qurumlar"}, nil)
	if _, err := Fragment(c, "az", Options{}); !errors.Is(err, ErrInvalidChart) {
		t.Errorf("error = %v, want ErrInvalidChart", err)
	}
}

func TestFromFacetsEscapesLabels(t *testing.T) {
	c := FromFacets("facet-agency", analytics.Text{AZ: hostile}, []search.FacetValue{{Value: "x", Label: hostile, Count: 2}})
	out, err := Fragment(c, "az", Options{})
	if err != nil {
		t.Fatal(err)
	}
	scripts, elements := scriptElements(t, string(out), true)
	if len(scripts) != 1 || strings.Join(elements, " ") != "div p script" {
		t.Fatalf("elements = %v", elements)
	}
	checkScript(t, "facet label", scripts[0], true)
}
