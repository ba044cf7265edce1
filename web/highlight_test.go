package web

import (
	"strings"
	"testing"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		name, query, text, want string
	}{
		{"inflected form", "müraciət", "Daxil olan müraciətlərə baxılıb.", "Daxil olan <mark>müraciətlərə</mark> baxılıb."},
		{"ASCII typing", "muraciet", "Müraciətlər qəbul edilir.", "<mark>Müraciətlər</mark> qəbul edilir."},
		{"report text stays text", "script", "<script>alert(1)</script>", "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"},
		{"nothing to mark", "bələdiyyə", "Məhkəmələr", "Məhkəmələr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHighlighter(tt.query)
			if h == nil {
				t.Fatal("no highlighter")
			}
			if got := string(h.mark(tt.text)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	if newHighlighter("") != nil || newHighlighter(strings.Repeat("a", maxHighlight+1)) != nil {
		t.Error("an empty or overlong query highlights")
	}
}
