// Package az provides the Azerbaijani analysis chain for bleve: character
// normalisation, tokenisation, Azerbaijani lowercasing, stop words, a suffix
// stemmer and an ASCII-folded variant, registered under stable names.
package az
