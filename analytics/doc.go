// Package analytics derives agencies, statuses, figures and chart series from
// parsed reports. It is plain data: no index, no HTTP, no chart rendering.
//
// Annotate fills each corpus.Measure with the bodies it names (found through
// the Gazetteer, embedded from data/agencies.json: add a body there to grow
// it), its implementation status with the sentence that decided it, and the
// figures its narrative states (ExtractFigures). Agencies and Figures
// summarise annotated reports; Charts and ChartByID build the standard
// charts, each number traced to its sentence in Chart.Sources.
//
// Nothing is hard-coded: chart numbers are read from the report text, found
// by the words around them, and a chart whose sentence is missing is an
// error (ErrNotFound) naming what was looked for, never a zero.
package analytics
