package aztext

import "unicode"

// RuneClass is what a tokenizer needs to know of a rune: a set of the
// Class… bits below.
type RuneClass uint8

// The bits of a RuneClass.
const (
	// ClassLetter marks a letter (unicode.IsLetter).
	ClassLetter RuneClass = 1 << iota
	// ClassUpper marks an upper- or title-case letter (unicode.IsUpper or IsTitle).
	ClassUpper
	// ClassDigit marks a decimal digit (unicode.IsDigit).
	ClassDigit
	// ClassMark marks a non-spacing or spacing combining mark (Mn or Mc).
	ClassMark
)

// classTableSize covers Latin, with every Azerbaijani letter, and the
// combining diacritical marks.
const classTableSize = 0x370

// classTable holds the classes of the runes below classTableSize, computed
// once from package unicode and never changed: looking them up costs an
// index instead of the range-table searches of unicode.IsLetter & co.
var classTable = func() (t [classTableSize]RuneClass) {
	for r := range rune(classTableSize) {
		t[r] = classify(r)
	}
	return t
}()

// classify computes the class of r with package unicode.
func classify(r rune) RuneClass {
	var c RuneClass
	if unicode.IsLetter(r) {
		c |= ClassLetter
	}
	if unicode.IsUpper(r) || unicode.IsTitle(r) {
		c |= ClassUpper
	}
	if unicode.IsDigit(r) {
		c |= ClassDigit
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
		c |= ClassMark
	}
	return c
}

// ClassOf returns the class of r, from a table for Latin runes.
func ClassOf(r rune) RuneClass {
	if r >= 0 && r < classTableSize {
		return classTable[r]
	}
	return classify(r)
}
