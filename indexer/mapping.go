package indexer

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
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
	// FieldAgency is the keyword field holding the IDs of the agencies a measure names.
	FieldAgency = "agency"
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
}

// The names under which indexer/az registers its analyzers.
const (
	// AnalyzerAz is the stemmed Azerbaijani analyzer.
	AnalyzerAz = az.AnalyzerName
	// AnalyzerAzFolded is the stemmed, ASCII-folded Azerbaijani analyzer.
	AnalyzerAzFolded = az.FoldedAnalyzerName
)

// DefaultAnalysis returns Hesabat's Azerbaijani analysis: az for the text
// fields and az_folded for the folded ones.
func DefaultAnalysis() Analysis {
	return Analysis{Text: AnalyzerAz, Folded: AnalyzerAzFolded}
}

// StandardAnalysis returns bleve's standard analyzer for both variants, the
// baseline Hesabat's analyzer is measured against.
func StandardAnalysis() Analysis {
	return Analysis{Text: "standard", Folded: "standard"}
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
	for _, name := range []string{FieldReport, FieldNumber, FieldSection, FieldAgency, FieldYear, FieldStatus} {
		doc.AddFieldMappingsAt(name, kw(name))
	}
	doc.AddFieldMappingsAt(FieldTitle, text(FieldTitle, a.Text, true), text(FieldTitleFolded, a.Folded, false))
	doc.AddFieldMappingsAt(FieldNarrative, text(FieldNarrative, a.Text, true), text(FieldNarrativeFolded, a.Folded, false))
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
