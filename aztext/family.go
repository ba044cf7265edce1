package aztext

import "strings"

// familyEndings are the derivational endings Family removes, in folded
// spelling, longest first: verb-forming (-laşdır "-ise", -ləndir, -laş),
// and noun- and adjective-forming (-lıq "-ness", -lı "with", -çı "-er",
// -çılıq, -sız "-less").
var familyEndings = []string{
	"lasdir", "lesdir", "landir", "lendir",
	"ciliq", "cilik", "culuq", "culuk",
	"liliq", "lilik", "luluq", "luluk",
	"las", "les", "liq", "lik", "luq", "luk", "siz", "suz",
	"li", "lu", "ci", "cu",
}

// minFamilyRoot is the fewest letters a root keeps: shorter remainders
// ("bi" of "bilik") are not roots.
const minFamilyRoot = 4

// Family returns the root of the word family of a folded stem (what the
// folded Stemmer makes of a word): its derivational endings removed one at
// a time, last first, while a root of at least four letters remains.
// "elektronlas" (of "elektronlaşdırılması") and "elektron" share the root
// "elektron"; "hesabatliliq" (hesabatlılıq) and "hesabat" share "hesabat";
// "istirakciliq" (iştirakçılıq) and "istirak" share "istirak". It is
// deliberately greedy: a family is searched as a weaker field beside the
// stems, so a root shared by unrelated words costs little.
func Family(stem string) string {
	for range 4 {
		cut := false
		for _, e := range familyEndings {
			if strings.HasSuffix(stem, e) && len(stem)-len(e) >= minFamilyRoot {
				stem, cut = stem[:len(stem)-len(e)], true
				break
			}
		}
		if !cut {
			break
		}
	}
	return stem
}
