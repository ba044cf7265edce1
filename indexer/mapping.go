package indexer

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/hesabat/hesabat/indexer/az"
)

// The names of the fields of a measure document. Text fields come in two
// variants: analysed as written (stemmed Azerbaijani) and ASCII-folded.
const (
	// FieldReport is the keyword field holding the report ID.
	FieldReport = "report"
	// FieldNumber is the keyword field holding the measure number, e.g. "1.7".
	FieldNumber = "number"
	// FieldSection is the keyword field holding the section number as text, e.g. "1".
	FieldSection = "section"
	// FieldTitle is the measure title analysed by the text analyzer.
	FieldTitle = "title"
	// FieldTitleFolded is the measure title analysed by the folded analyzer.
	FieldTitleFolded = "title_folded"
	// FieldNarrative is the narrative analysed by the text analyzer.
	FieldNarrative = "narrative"
	// FieldNarrativeFolded is the narrative analysed by the folded analyzer.
	FieldNarrativeFolded = "narrative_folded"
	// FieldTitlePairs holds each pair of adjacent title terms (text
	// analysis) as one term ("elektron xidmət"), so a phrase is found as fast
	// as a word.
	FieldTitlePairs = "title_pairs"
	// FieldNarrativePairs holds each pair of adjacent narrative terms as one term.
	FieldNarrativePairs = "narrative_pairs"
	// FieldTitleFoldedPairs holds each pair of adjacent folded title terms
	// as one term ("elektron xidmet").
	FieldTitleFoldedPairs = "title_folded_pairs"
	// FieldNarrativeFoldedPairs holds each pair of adjacent folded narrative terms as one term.
	FieldNarrativeFoldedPairs = "narrative_folded_pairs"
	// FieldTitleFamily and FieldNarrativeFamily hold the title's and the
	// narrative's word families (the Family analysis: folded stems reduced
	// to their derivational root), searched with a lower weight so that
	// "elektron" finds "elektronlaşdırılması".
	FieldTitleFamily     = "title_family"
	FieldNarrativeFamily = "narrative_family"
	// FieldAgency is the keyword field holding the IDs of the agencies a
	// measure names as responsible (corpus.RoleResponsible).
	FieldAgency = "agency"
	// FieldAgencyRecipient holds the IDs of the agencies a measure names as
	// recipients.
	FieldAgencyRecipient = "agency_recipient"
	// FieldAgencyMentioned holds the IDs of the agencies a measure only
	// mentions.
	FieldAgencyMentioned = "agency_mentioned"
	// FieldAgencyAny holds the IDs of every agency a measure names, in any role.
	FieldAgencyAny = "agency_any"
	// FieldReportYear is the keyword field holding the year the measure's
	// report describes (corpus.Report.Year), apart from the measure's period.
	FieldReportYear = "report_year"
	// FieldYear is the keyword field holding the years the measure's period covers.
	FieldYear = "year"
	// FieldStatus is the keyword field holding the measure's status.
	FieldStatus = "status"
	// FieldOrder is the numeric field giving the document order across the archive.
	FieldOrder = "order"
)

// Analysis names the bleve analyzers a mapping uses for its text fields.
type Analysis struct {
	// Text analyses the title and narrative fields (the "exact" variant).
	Text string
	// Folded analyses the *_folded fields, for text typed without diacritics.
	Folded string
	// Pairs and FoldedPairs analyse the pair fields: the Text or Folded
	// analysis, then each pair of adjacent terms joined by a space (a gap
	// left by a stop word is "_"). MappingFor defines them from Text and
	// Folded under fixed names, whatever these fields say; Open reads them
	// back (empty for an index without pair fields).
	Pairs, FoldedPairs string
	// Family, when not empty, analyses the *_family fields (an index
	// without them leaves it empty).
	Family string
}

// The names under which indexer/az registers its analyzers.
const (
	// AnalyzerAz is the stemmed Azerbaijani analyzer.
	AnalyzerAz = az.AnalyzerName
	// AnalyzerAzFolded is the stemmed, ASCII-folded Azerbaijani analyzer.
	AnalyzerAzFolded = az.FoldedAnalyzerName
	// AnalyzerAzFamily reduces folded stems to their word family's root.
	AnalyzerAzFamily = az.FamilyAnalyzerName
)

// DefaultAnalysis returns Hesabat's Azerbaijani analysis: az for the text
// fields and az_folded for the folded ones.
func DefaultAnalysis() Analysis {
	return Analysis{Text: AnalyzerAz, Folded: AnalyzerAzFolded, Pairs: pairsAnalyzer, FoldedPairs: foldedPairsAnalyzer, Family: AnalyzerAzFamily}
}

// StandardAnalysis returns bleve's standard analyzer for both variants, the
// baseline Hesabat's analyzer is measured against.
func StandardAnalysis() Analysis {
	return Analysis{Text: "standard", Folded: "standard", Pairs: pairsAnalyzer, FoldedPairs: foldedPairsAnalyzer}
}

// Mapping returns the index mapping for measure documents with the default
// Azerbaijani analysis.
func Mapping() (mapping.IndexMapping, error) {
	return MappingFor(DefaultAnalysis())
}

// MappingFor returns the index mapping for measure documents analysed by a.
// Scoring is BM25; documents have no dynamic fields.
func MappingFor(a Analysis) (mapping.IndexMapping, error) {
	if a.Text == "" || a.Folded == "" {
		return nil, fmt.Errorf("indexer: mapping: analysis needs a text and a folded analyzer, got %+v", a)
	}
	m := bleve.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring
	m.DefaultAnalyzer = a.Text
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false

	if err := addPairsAnalyzers(m, a); err != nil {
		return nil, err
	}

	doc := bleve.NewDocumentStaticMapping()
	kw := func(name string) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Name = name
		f.Analyzer = keyword.Name
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}
	text := func(name, analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name = name
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	for _, name := range []string{FieldReport, FieldNumber, FieldSection, FieldAgency, FieldAgencyRecipient, FieldAgencyMentioned, FieldAgencyAny, FieldYear, FieldReportYear, FieldStatus} {
		doc.AddFieldMappingsAt(name, kw(name))
	}
	pairs := func(name, analyzer string) *mapping.FieldMapping {
		f := text(name, analyzer, false)
		f.IncludeTermVectors = false
		return f
	}
	title := []*mapping.FieldMapping{text(FieldTitle, a.Text, true), text(FieldTitleFolded, a.Folded, false),
		pairs(FieldTitlePairs, pairsAnalyzer), pairs(FieldTitleFoldedPairs, foldedPairsAnalyzer)}
	narrative := []*mapping.FieldMapping{text(FieldNarrative, a.Text, true), text(FieldNarrativeFolded, a.Folded, false),
		pairs(FieldNarrativePairs, pairsAnalyzer), pairs(FieldNarrativeFoldedPairs, foldedPairsAnalyzer)}
	if a.Family != "" {
		// Like pair fields: no positions (nothing is highlighted from them).
		title = append(title, pairs(FieldTitleFamily, a.Family))
		narrative = append(narrative, pairs(FieldNarrativeFamily, a.Family))
	}
	doc.AddFieldMappingsAt(FieldTitle, title...)
	doc.AddFieldMappingsAt(FieldNarrative, narrative...)
	order := bleve.NewNumericFieldMapping()
	order.Name = FieldOrder
	order.Store = true
	order.DocValues = true
	order.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldOrder, order)

	m.DefaultMapping = doc
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("indexer: mapping: %w", err)
	}
	return m, nil
}

// The names under which MappingFor defines the pairs analyses in the
// mapping (stored with the index, so an index opens without registering them).
const (
	pairsAnalyzer       = "hesabat_pairs"
	foldedPairsAnalyzer = "hesabat_folded_pairs"
	pairsFilter         = "hesabat_pairs_shingle"
)

// analyzerChain returns the components of an analyzer MappingFor can make a
// pairs analyzer from, and whether it knows the analyzer.
func analyzerChain(name string) (map[string]interface{}, bool) {
	chains := map[string]map[string]interface{}{
		AnalyzerAz: {
			"char_filters":  []interface{}{az.CharFilterName},
			"tokenizer":     az.TokenizerName,
			"token_filters": []interface{}{az.LowercaseName, az.StopName, az.StemmerName},
		},
		AnalyzerAzFolded: {
			"char_filters":  []interface{}{az.CharFilterName},
			"tokenizer":     az.TokenizerName,
			"token_filters": []interface{}{az.LowercaseName, az.FoldName, az.FoldedStopName, az.FoldedStemmerName},
		},
		standard.Name: {
			"tokenizer":     unicode.Name,
			"token_filters": []interface{}{lowercase.Name, en.StopName},
		},
	}
	c, ok := chains[name]
	return c, ok
}

// addPairsAnalyzers defines in m the analyzers of the pair fields: the
// chains of a's text and folded analyzers, then adjacent terms joined in pairs.
func addPairsAnalyzers(m *mapping.IndexMappingImpl, a Analysis) error {
	if err := m.AddCustomTokenFilter(pairsFilter, map[string]interface{}{
		"type":            shingle.Name,
		"min":             2.0,
		"max":             2.0,
		"output_original": false,
		"separator":       " ",
		"filler":          "_",
	}); err != nil {
		return fmt.Errorf("indexer: mapping: %w", err)
	}
	for name, base := range map[string]string{pairsAnalyzer: a.Text, foldedPairsAnalyzer: a.Folded} {
		chain, ok := analyzerChain(base)
		if !ok {
			return fmt.Errorf("indexer: mapping: no pairs analysis for analyzer %q", base)
		}
		filters := append([]interface{}{}, chain["token_filters"].([]interface{})...)
		def := map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     chain["tokenizer"],
			"token_filters": append(filters, pairsFilter),
		}
		if cf, ok := chain["char_filters"]; ok {
			def["char_filters"] = cf
		}
		if err := m.AddCustomAnalyzer(name, def); err != nil {
			return fmt.Errorf("indexer: mapping: %w", err)
		}
	}
	return nil
}
