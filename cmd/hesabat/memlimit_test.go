package main

import (
	"math"
	"testing"
)

// TestParseSize checks the memory sizes --memory-limit reads and writes.
func TestParseSize(t *testing.T) {
	tests := []struct {
		name, in string
		want     int64
		ok       bool
	}{
		{"mebibytes", "512MiB", 512 << 20, true},
		{"gibibytes", "1GiB", 1 << 30, true},
		{"bytes", "1000", 1000, true},
		{"bytes with unit", "1000B", 1000, true},
		{"off", "off", math.MaxInt64, true},
		{"no number", "MiB", 0, false},
		{"zero", "0MiB", 0, false},
		{"negative", "-1GiB", 0, false},
		{"decimal units", "1GB", 0, false},
		{"overflow", "99999999999TiB", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Fatalf("parseSize(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
			}
			if tc.ok {
				if back, err := parseSize(formatSize(got)); err != nil || back != got {
					t.Errorf("formatSize(%d) = %q reads back as %d, %v", got, formatSize(got), back, err)
				}
			}
		})
	}
}
