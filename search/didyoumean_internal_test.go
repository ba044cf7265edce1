package search

import "testing"

func TestEditDistance(t *testing.T) {
	cases := []struct {
		name, a, b string
		max, want  int
	}{
		{"equal", "korrupsiya", "korrupsiya", 2, 0},
		{"one substitution", "korrupsiya", "korrupsiye", 2, 1},
		{"swap of neighbours counts one", "korrupsiya", "korrupsiay", 2, 1},
		{"insertion and deletion", "belediyye", "bledyye", 3, 2},
		{"above max stops early", "abcdef", "uvwxyz", 2, 3},
		{"length difference above max", "ab", "abcdef", 2, 3},
		{"empty", "", "abc", 3, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, _ := editDistance([]rune(c.a), c.b, c.max, nil); got != c.want {
				t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.max, got, c.want)
			}
		})
	}
}
