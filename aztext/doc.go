// Package aztext owns the rules of Azerbaijani text that ingest, analytics,
// indexing and search must agree on, so that they can never drift apart:
//
//   - NFC normalisation (NFC, NFCBytes), on golang.org/x/text/unicode/norm;
//   - Azerbaijani casing (Lower, LowerBytes, Upper): İ↔i, I↔ı, and a dotted
//     capital written decomposed (I + U+0307) lowers to i;
//   - folding to what people type without diacritics (FoldRune, Fold,
//     FoldBytes, LowerFold): ə→e, ı→i, ö→o, ü→u, ş→s, ç→c, ğ→g — one byte
//     for two, so it is applied to terms, never by a character filter whose
//     output must keep the input's byte offsets;
//   - look-alike schwas (ReplaceLookalikes), swapped without changing length;
//   - tokenising helpers (IsSuffixChain) and the stop words (IsStopWord);
//   - the stemmer (Stemmer) with its embedded lexicon (lexicon.txt, built by
//     internal/lexgen with go generate; see NOTICE for its sources).
//
// It imports only the standard library and golang.org/x/text, and nothing
// of this module: corpus, analytics, indexer/az and search build on it.
//
// Any change that alters what Stem, Fold, Lower or the stop words make of
// some input changes the terms of an index: bump az.AnalysisVersion in the
// same commit, so that an index built before it is rebuilt, not silently
// missed.
package aztext
