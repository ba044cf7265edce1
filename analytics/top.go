package analytics

import (
	"slices"
	"strconv"
)

// Top returns c with at most n categories, for drawing: when it has more,
// the n-1 categories with the largest totals (summed over the series) keep
// their places and the others are summed into one last category, "Digər
// (k)" / "Other (k)". A line chart (an axis in order, such as time) and a
// chart of n categories or fewer are returned unchanged, as are a chart
// with a series of percentages (they do not add up) and any chart for n < 2. Sources are kept as they are; the full data stays in c (its
// CSV).
func (c Chart) Top(n int) Chart {
	if n < 2 || len(c.Categories) <= n || c.Kind == KindLine {
		return c
	}
	for _, s := range c.Series {
		if s.Unit == "percent" {
			return c // percentages do not add up
		}
	}
	totals := make([]float64, len(c.Categories))
	for _, s := range c.Series {
		for i, v := range s.Values {
			if i < len(totals) {
				totals[i] += v
			}
		}
	}
	order := make([]int, len(c.Categories))
	for i := range order {
		order[i] = i
	}
	// Largest first; ties keep the earlier category.
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case totals[a] > totals[b]:
			return -1
		case totals[a] < totals[b]:
			return 1
		}
		return 0
	})
	keep := make([]bool, len(c.Categories))
	for _, i := range order[:n-1] {
		keep[i] = true
	}
	out := c
	out.CategoryStatus = nil // the "Other" category stands for no one status
	out.Categories = make([]Text, 0, n)
	for i, cat := range c.Categories {
		if keep[i] {
			out.Categories = append(out.Categories, cat)
		}
	}
	k := strconv.Itoa(len(c.Categories) - (n - 1))
	out.Categories = append(out.Categories, Text{AZ: "Digər (" + k + ")", EN: "Other (" + k + ")"})
	out.Series = make([]Series, len(c.Series))
	for j, s := range c.Series {
		s2 := s
		s2.Values = make([]float64, 0, n)
		var other float64
		for i, v := range s.Values {
			if i < len(keep) && keep[i] {
				s2.Values = append(s2.Values, v)
			} else {
				other += v
			}
		}
		s2.Values = append(s2.Values, other)
		out.Series[j] = s2
	}
	return out
}
