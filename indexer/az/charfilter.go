package az

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// CharFilterName is the registered name of the look-alike character filter.
// It maps the look-alike schwas Ǝ ǝ (Latin) and Ә ә (Cyrillic) to Ə ə without
// changing the input's length, so token offsets stay on the original bytes.
const CharFilterName = "az_lookalike"

// LookalikeFilter is the length-preserving character filter registered as
// CharFilterName.
type LookalikeFilter struct{}

// lookalike maps a two-byte UTF-8 sequence to its two-byte replacement.
func lookalike(b0, b1 byte) (byte, byte, bool) {
	switch {
	case b0 == 0xC6 && b1 == 0x8E: // U+018E Ǝ
		return 0xC6, 0x8F, true // U+018F Ə
	case b0 == 0xC7 && b1 == 0x9D: // U+01DD ǝ
		return 0xC9, 0x99, true // U+0259 ə
	case b0 == 0xD3 && b1 == 0x98: // U+04D8 Ә
		return 0xC6, 0x8F, true
	case b0 == 0xD3 && b1 == 0x99: // U+04D9 ә
		return 0xC9, 0x99, true
	}
	return 0, 0, false
}

// Filter returns input with look-alike schwas replaced; the result has the same
// length as input. Input is copied only when something changes.
func (LookalikeFilter) Filter(input []byte) []byte {
	var out []byte
	for i := 0; i+1 < len(input); i++ {
		c0, c1, ok := lookalike(input[i], input[i+1])
		if !ok {
			continue
		}
		if out == nil {
			out = make([]byte, len(input))
			copy(out, input)
		}
		out[i], out[i+1] = c0, c1
		i++
	}
	if out == nil {
		return input
	}
	return out
}

func lookalikeFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.CharFilter, error) {
	return LookalikeFilter{}, nil
}
