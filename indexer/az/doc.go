// Package az provides the Azerbaijani analysis chain for bleve: character
// normalisation, tokenisation, Azerbaijani lowercasing, stop words, a suffix
// stemmer and an ASCII-folded variant, registered under stable names. The
// text rules themselves (casing, folding, stop words, the stemmer and its
// lexicon) live in package aztext; this package holds only the bleve
// components built on them, and AnalysisVersion.
//
// Two analyzers are registered in init, with their components:
//
//	az         LookalikeFilter → Tokenizer → LowercaseFilter → StopFilter → Stemmer
//	az_folded  LookalikeFilter → Tokenizer → LowercaseFilter → FoldFilter → StopFilter (folded) → Stemmer (folded)
//
// Every step keeps byte offsets into the original text: the character filter
// only swaps look-alike schwas of equal length, and the tokenizer normalises
// each token to NFC on its own, so Start and End always cut the word as it
// was written. Suffixes written after numbers, acronyms, apostrophes and
// closing quotes ("2021-ci", "QHT-lərə", "“Açıq Hökumət”in") stay with the
// word before them instead of becoming tokens.
//
// The stemmer peels inflectional endings (plural, possessive, case, -ki,
// personal endings, tense, participle, converb, voice) and keeps the longest
// remainder an embedded lexicon knows, so short roots stay apart (təmin ≠
// təmir) and derivations are kept (şəffaflıq ≠ şəffaf). The folded variant
// works on text typed without diacritics: muracietlerin and müraciətlərin
// both become muraciet.
//
// Analyze runs either chain over a string for the CLI and tests. The
// embedded lexicon comes from MIT-licensed lists; see aztext/NOTICE.
package az
