package az

import (
	"strings"
	"testing"
)

// TestTokenizerDropsLongRuns checks that a run of word characters over
// MaxTokenBytes makes no token, while its neighbours still do, and that a
// 1 MB run is dropped in linear time.
func TestTokenizerDropsLongRuns(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{"at the limit", "a " + strings.Repeat("b", MaxTokenBytes) + " c", []string{"a", strings.Repeat("b", MaxTokenBytes), "c"}},
		{"over the limit", "a " + strings.Repeat("b", MaxTokenBytes+1) + " c", []string{"a", "c"}},
		{"one megabyte", "söz " + strings.Repeat("ə", 1<<19) + " son", []string{"söz", "son"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, tok := range (Tokenizer{}).Tokenize([]byte(tc.input)) {
				got = append(got, string(tok.Term))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("tokens %d: %.40q…, want %d", len(got), got, len(tc.want))
			}
		})
	}
}
