package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/hesabat/hesabat/corpus"
)

// The palette is Okabe and Ito's "Color Universal Design" set
// (https://jfly.uni-koeln.de/color/), which people with the common forms of
// colour blindness can tell apart. Status badges on the pages, the status
// series of charts, their legends and the PNG/SVG exports all take their
// colours from StatusColor, so a status has one colour everywhere; every
// status also carries its name as text (badge text, legend, data table), so
// colour is never the only cue.

// The Okabe-Ito colours.
const (
	okabeOrange        = "#E69F00"
	okabeSkyBlue       = "#56B4E9"
	okabeBluishGreen   = "#009E73"
	okabeYellow        = "#F0E442"
	okabeBlue          = "#0072B2"
	okabeVermillion    = "#D55E00"
	okabeReddishPurple = "#CC79A7"
	// neutralGrey is not Okabe-Ito's: it marks "unknown", which is no status.
	neutralGrey = "#BBBBBB"
)

// StatusColor returns the fill colour of an implementation status (and of
// its badge); an empty or unrecognised status gets the colour of "unknown".
func StatusColor(s corpus.Status) string {
	switch s {
	case corpus.StatusCompleted:
		return okabeBluishGreen
	case corpus.StatusInProgress:
		return okabeOrange
	case corpus.StatusNotImplemented:
		return okabeVermillion
	case corpus.StatusRecommendation:
		return okabeReddishPurple
	default:
		return neutralGrey
	}
}

// SeriesColors returns the colours of series that are not statuses, in the
// order they are used.
func SeriesColors() []string {
	return []string{okabeBlue, okabeOrange, okabeBluishGreen, okabeVermillion, okabeReddishPurple, okabeSkyBlue, okabeYellow, "#000000"}
}

// TextOn returns the text colour, black or white, with the higher contrast
// on the background colour bg ("#RRGGBB"); for every palette colour that
// contrast is at least 4.5:1 (WCAG AA for normal text).
func TextOn(bg string) string {
	if Contrast(bg, "#000000") >= Contrast(bg, "#FFFFFF") {
		return "#000000"
	}
	return "#FFFFFF"
}

// Contrast returns the WCAG 2 contrast ratio of two "#RRGGBB" colours
// (1 to 21); an unparsable colour counts as black.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG 2 relative luminance of a "#RRGGBB" colour.
func luminance(hex string) float64 {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		return 0
	}
	ch := func(shift uint) float64 {
		c := float64((v>>shift)&0xff) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(16) + 0.7152*ch(8) + 0.0722*ch(0)
}

// StatusCSS returns CSS custom properties for every status, for a :root
// rule: --status-<status> is the badge's background (StatusColor) and
// --status-<status>-fg its text colour (TextOn).
func StatusCSS(statuses []corpus.Status) string {
	var b strings.Builder
	for _, s := range statuses {
		c := StatusColor(s)
		fmt.Fprintf(&b, "--status-%s: %s; --status-%s-fg: %s; ", s, c, s, TextOn(c))
	}
	return strings.TrimSpace(b.String())
}
