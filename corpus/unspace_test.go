package corpus

import "testing"

func TestUnspace(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"letter-spaced word", "Komissiyasının M Ə L U M A T I", "Komissiyasının MƏLUMATI"},
		{"two single letters stay", "a b c", "abc"},
		{"pair stays", "A və B", "A və B"},
		{"plain text", "2021-ci il ərzində", "2021-ci il ərzində"},
		{"two runs", "H E S A B A T və M Ə L U M A T", "HESABAT və MƏLUMAT"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := unspace(tc.in); got != tc.want {
				t.Errorf("unspace(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
