package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the suffixes GOMEMLIMIT accepts, largest first.
var sizeUnits = []struct {
	suffix string
	shift  uint
}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"B", 0}}

// parseSize reads a memory size as GOMEMLIMIT writes it: a number of bytes
// with an optional unit (B, KiB, MiB, GiB, TiB), or "off" for no limit.
func parseSize(s string) (int64, error) {
	if s == "off" {
		return math.MaxInt64, nil
	}
	num, shift := s, uint(0)
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, shift = n, u.shift
			break
		}
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || v <= 0 || v > math.MaxInt64>>shift {
		return 0, fmt.Errorf("%q is not a size such as 512MiB, 1GiB or off", s)
	}
	return v << shift, nil
}

// formatSize writes n bytes as parseSize reads them, in the largest unit
// that divides it.
func formatSize(n int64) string {
	if n == math.MaxInt64 {
		return "off"
	}
	for _, u := range sizeUnits {
		if n>>u.shift<<u.shift == n && n>>u.shift > 0 {
			return strconv.FormatInt(n>>u.shift, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}
