package az

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/hesabat/hesabat/aztext"
)

// CharFilterName is the registered name of the look-alike character filter.
// It maps the look-alike schwas Ǝ ǝ (Latin) and Ә ә (Cyrillic) to Ə ə without
// changing the input's length, so token offsets stay on the original bytes.
const CharFilterName = "az_lookalike"

// LookalikeFilter is the length-preserving character filter registered as
// CharFilterName.
type LookalikeFilter struct{}

// Filter returns input with look-alike schwas replaced
// (aztext.ReplaceLookalikes); the result has the same length as input.
// Input is copied only when something changes.
func (LookalikeFilter) Filter(input []byte) []byte { return aztext.ReplaceLookalikes(input) }

func lookalikeFilterConstructor(config map[string]interface{}, cache *registry.Cache) (analysis.CharFilter, error) {
	return LookalikeFilter{}, nil
}
