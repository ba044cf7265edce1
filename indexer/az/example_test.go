package az_test

import (
	"fmt"

	"github.com/hesabat/hesabat/indexer/az"
)

func ExampleAnalyze() {
	text := "Bələdiyyələrin 2021-ci ildə QHT-lərə müraciətləri"
	for _, t := range az.Analyze(text, false) {
		fmt.Printf("%s\t%d\t%d\t%s\n", t.Term, t.Start, t.End, text[t.Start:t.End])
	}
	// Typed without diacritics, the folded analyzer gives the same terms.
	fmt.Println(az.Analyze("muracietlerin", true)[0].Term, az.Analyze("müraciətlərin", true)[0].Term)
	// Output:
	// bələdiyyə	0	18	Bələdiyyələrin
	// 2021	19	23	2021
	// il	27	32	ildə
	// qht	33	36	QHT
	// müraciət	44	59	müraciətləri
	// muraciet muraciet
}
