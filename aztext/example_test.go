package aztext_test

import (
	"fmt"

	"github.com/hesabat/hesabat/aztext"
)

func ExampleStemmer_Stem() {
	plain, folded := aztext.NewStemmer(false), aztext.NewStemmer(true)
	for _, w := range []string{"bələdiyyələrin", "hazırlanmışdır", "yatağı", "təmin", "təmir"} {
		fmt.Println(w, plain.Stem(w))
	}
	fmt.Println(folded.Stem("belediyyelerin"))
	// Output:
	// bələdiyyələrin bələdiyyə
	// hazırlanmışdır hazırla
	// yatağı yataq
	// təmin təmin
	// təmir təmir
	// belediyye
}

func ExampleLowerFold() {
	fmt.Println(aztext.LowerFold("İnformasiya Şəffaflığı"), aztext.LowerFold("ISIQ"))
	// Output:
	// informasiya seffafligi isiq
}
