package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestCmdAnalyze(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"plain", []string{"analyze", "Bələdiyyələrin 2021-ci ildə"}, 0, "bələdiyyə\t0\t18\n2021\t19\t23\nil\t27\t32\n"},
		{"folded", []string{"analyze", "--folded", "Müraciətlərin"}, 0, "muraciet\t0\t16\n"},
		{"words joined", []string{"analyze", "QHT-lərə", "müraciət"}, 0, "qht\t0\t3\nmüraciət\t11\t21\n"},
		{"stop words only", []string{"analyze", "və ilə"}, 0, ""},
		{"bad flag", []string{"analyze", "--nope", "x"}, 2, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), tc.args, &out, &errOut, func(string) string { return "" })
			if code != tc.code {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tc.code, errOut.String())
			}
			if got := out.String(); got != tc.want {
				t.Errorf("stdout %q, want %q", got, tc.want)
			}
			if tc.code == 2 && !strings.Contains(errOut.String(), "analyze") {
				t.Errorf("stderr %q does not name the command", errOut.String())
			}
		})
	}
}
