package web

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/hesabat/hesabat/search"
)

// maxPooledJSON is the largest encoding buffer kept for reuse; a larger one
// (a page of 100 hits over a big archive) is left to the garbage collector.
const maxPooledJSON = 1 << 20

// appendSearchJSON appends r to dst as JSON, byte for byte what
// encoding/json.Marshal writes for it (HTML-sensitive characters escaped as
// \u003c, \u003e and \u0026), without reflection. TestSearchJSONMatchesMarshal
// pins the equivalence, so a field added to search.Result fails it until it
// is written here too. Like Marshal it refuses a NaN or infinite number.
func appendSearchJSON(dst []byte, r *search.Result) ([]byte, error) {
	var err error
	dst = append(dst, `{"query":`...)
	dst = appendJSONString(dst, r.Query)
	dst = append(dst, `,"total":`...)
	dst = strconv.AppendUint(dst, r.Total, 10)
	dst = append(dst, `,"took_ms":`...)
	if dst, err = appendJSONFloat(dst, r.TookMS); err != nil {
		return dst, err
	}
	dst = append(dst, `,"hits":`...)
	if r.Hits == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range r.Hits {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = appendHitJSON(dst, &r.Hits[i]); err != nil {
				return dst, err
			}
		}
		dst = append(dst, ']')
	}
	f := &r.Facets
	dst = append(dst, `,"facets":{"section":`...)
	dst = appendFacetValuesJSON(dst, f.Section)
	dst = append(dst, `,"agency":`...)
	dst = appendFacetValuesJSON(dst, f.Agency)
	dst = append(dst, `,"year":`...)
	dst = appendFacetValuesJSON(dst, f.Year)
	dst = append(dst, `,"status":`...)
	dst = appendFacetValuesJSON(dst, f.Status)
	dst = append(dst, `,"report":`...)
	dst = appendFacetValuesJSON(dst, f.Report)
	dst = append(dst, `,"report_year":`...)
	dst = appendFacetValuesJSON(dst, f.ReportYear)
	dst = append(dst, '}')
	if x := r.Relaxed; x != nil {
		dst = append(dst, `,"relaxed":{"words":`...)
		dst = strconv.AppendInt(dst, int64(x.Words), 10)
		dst = append(dst, `,"min_matched":`...)
		dst = strconv.AppendInt(dst, int64(x.MinMatched), 10)
		dst = append(dst, `,"all_words":`...)
		dst = strconv.AppendUint(dst, x.AllWords, 10)
		dst = append(dst, '}')
	}
	if r.Searched != "" {
		dst = append(dst, `,"searched":`...)
		dst = appendJSONString(dst, r.Searched)
	}
	if r.DidYouMean != "" {
		dst = append(dst, `,"did_you_mean":`...)
		dst = appendJSONString(dst, r.DidYouMean)
	}
	dst = append(dst, '}')
	return dst, nil
}

// appendHitJSON appends one hit as JSON.
func appendHitJSON(dst []byte, h *search.Hit) ([]byte, error) {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, h.ID)
	dst = append(dst, `,"report":`...)
	dst = appendJSONString(dst, h.Report)
	dst = append(dst, `,"report_label":`...)
	dst = appendJSONString(dst, h.ReportLabel)
	dst = append(dst, `,"number":`...)
	dst = appendJSONString(dst, h.Number)
	dst = append(dst, `,"section":`...)
	dst = strconv.AppendInt(dst, int64(h.Section), 10)
	dst = append(dst, `,"title":`...)
	dst = appendJSONString(dst, h.Title)
	dst = append(dst, `,"period":`...)
	dst = appendJSONString(dst, h.Period)
	dst = append(dst, `,"years":`...)
	if h.Years == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, y := range h.Years {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = strconv.AppendInt(dst, int64(y), 10)
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"agencies":`...)
	if h.Agencies == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, a := range h.Agencies {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"id":`...)
			dst = appendJSONString(dst, a.ID)
			dst = append(dst, `,"name":`...)
			dst = appendJSONString(dst, a.Name)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"status":`...)
	dst = appendJSONString(dst, h.Status)
	dst = append(dst, `,"score":`...)
	var err error
	if dst, err = appendJSONFloat(dst, h.Score); err != nil {
		return dst, err
	}
	dst = append(dst, `,"snippets":`...)
	dst = appendJSONStrings(dst, h.Snippets)
	return append(dst, '}'), nil
}

// appendFacetValuesJSON appends the values of one facet as a JSON array.
func appendFacetValuesJSON(dst []byte, vs []search.FacetValue) []byte {
	if vs == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, v := range vs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"value":`...)
		dst = appendJSONString(dst, v.Value)
		dst = append(dst, `,"label":`...)
		dst = appendJSONString(dst, v.Label)
		dst = append(dst, `,"count":`...)
		dst = strconv.AppendInt(dst, int64(v.Count), 10)
		if v.Selected {
			dst = append(dst, `,"selected":true}`...)
		} else {
			dst = append(dst, `,"selected":false}`...)
		}
	}
	return append(dst, ']')
}

// appendJSONStrings appends ss as a JSON array of strings (null if nil).
func appendJSONStrings(dst []byte, ss []string) []byte {
	if ss == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

// appendJSONFloat appends f as encoding/json writes a float64: like
// strconv's shortest 'f' form, in exponent form below 1e-6 and from 1e21.
func appendJSONFloat(dst []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, fmt.Errorf("web: json: unsupported value %v", f)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, nil
}

// jsonSafe has a '1' at each ASCII byte encoding/json writes as it is in a
// string when it escapes HTML: printable, but not " \ < > &.
const jsonSafe = "00000000000000000000000000000000" + // 0x00–0x1f
	"11011101111111111111111111110101" + // ' ' – '?'
	"11111111111111111111111111110111" + // '@' – '_'
	"11111111111111111111111111111111" // '`' – DEL

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it with HTML escaping on: control characters, < > &, U+2028 and
// U+2029 as \u escapes, each byte of invalid UTF-8 as \ufffd.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonSafe[b] == '1' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		// Two-byte characters (every Azerbaijani letter) are always valid
		// and never escaped.
		if 0xC2 <= b && b <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			start = i + size
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			start = i + size
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
