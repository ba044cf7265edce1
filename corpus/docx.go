package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// wordNS is the namespace of WordprocessingML elements.
const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// mcNS is the markup-compatibility namespace: Word repeats text boxes in
// mc:Fallback, which must not be read twice.
const mcNS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

// docxText returns the text of a .docx: one line per Word paragraph, with
// line breaks inside a paragraph kept as line breaks and tabs as tabs.
// Paragraphs numbered by Word (w:numPr) get their number or bullet written
// out ("1.", "2.3.", "·"), as the plain-text layout has them.
func (l Limits) docxText(name string, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", errorf(name, 0, "not a .docx: %v", err)
	}
	if len(zr.File) > l.MaxZipEntries {
		return "", tooLarge(name, "archive has %d entries, over the limit of %d", len(zr.File), l.MaxZipEntries)
	}
	var doc, numbering *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			doc = f
		case "word/numbering.xml":
			numbering = f
		}
	}
	if doc == nil {
		return "", errorf(name, 0, "not a .docx: no word/document.xml in the archive")
	}
	num := &numberer{}
	if numbering != nil {
		if err := l.readPart(name, numbering, func(r io.Reader) error { return l.readNumbering(name, r, num) }); err != nil {
			return "", err
		}
	}
	var text string
	err = l.readPart(name, doc, func(r io.Reader) error {
		var err error
		text, err = l.wordText(name, r, num)
		return err
	})
	return text, err
}

// readPart calls read with the inflated content of an archive entry, at most
// l.MaxXMLSize bytes of it, whatever size the entry declares.
func (l Limits) readPart(name string, f *zip.File, read func(io.Reader) error) error {
	if f.UncompressedSize64 > uint64(l.MaxXMLSize) {
		return tooLarge(name, "%s declares %d bytes uncompressed, over the limit of %d", f.Name, f.UncompressedSize64, l.MaxXMLSize)
	}
	rc, err := f.Open()
	if err != nil {
		return errorf(name, 0, "%s: %v", f.Name, err)
	}
	defer rc.Close()
	// The declared size may lie (a zip bomb): count what is really inflated.
	lr := &io.LimitedReader{R: rc, N: l.MaxXMLSize + 1}
	err = read(lr)
	if lr.N <= 0 {
		return tooLarge(name, "%s inflates to over %d bytes", f.Name, l.MaxXMLSize)
	}
	if err != nil {
		return err
	}
	// Read the rest so that the archive's checksum is verified.
	if _, err := io.Copy(io.Discard, lr); err != nil {
		return errorf(name, 0, "%s is corrupt (%v)", f.Name, err)
	}
	if lr.N <= 0 {
		return tooLarge(name, "%s inflates to over %d bytes", f.Name, l.MaxXMLSize)
	}
	return nil
}

// walkXML calls fn with each token of an XML part, enforcing l.MaxXMLDepth.
func (l Limits) walkXML(name, part string, r io.Reader, fn func(xml.Token)) error {
	dec := xml.NewDecoder(r)
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
			return errorf(name, 0, "%s is corrupt or inflates to more than its declared size (%v)", part, err)
		}
		if err != nil {
			return errorf(name, 0, "%s: %v", part, err)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
			if depth > l.MaxXMLDepth {
				return tooLarge(name, "%s nests elements deeper than %d", part, l.MaxXMLDepth)
			}
		case xml.EndElement:
			depth--
		}
		fn(tok)
	}
}

// wordText extracts the paragraphs of a WordprocessingML document.
func (l Limits) wordText(name string, r io.Reader, num *numberer) (string, error) {
	var out, para strings.Builder
	inText, fallback, sawBody := 0, 0, false
	numID, ilvl := "", 0
	// run is the length of the run of non-space bytes at the end of para;
	// a run over l.MaxWordBytes stops the text there (longWord).
	run, longWord := 0, false
	// guard stops the XML decoder itself at a far longer run of raw bytes,
	// so a 30 MB word is refused after reading about guardRunFactor times
	// the limit instead of after decoding all of it into one token.
	var guard *runGuard
	if l.MaxWordBytes > 0 {
		guard = &runGuard{r: r, max: guardRunFactor * l.MaxWordBytes}
		r = guard
	}
	err := l.walkXML(name, "word/document.xml", r, func(tok xml.Token) {
		if longWord {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == mcNS && t.Name.Local == "Fallback" || fallback > 0 {
				fallback++
				return
			}
			if t.Name.Space != wordNS {
				return
			}
			switch t.Name.Local {
			case "body":
				sawBody = true
			case "p":
				numID, ilvl = "", 0
			case "numId":
				numID = attr(t, "val")
			case "ilvl":
				ilvl, _ = strconv.Atoi(attr(t, "val"))
			case "t":
				inText++
			case "tab":
				para.WriteByte('\t')
			case "br", "cr":
				para.WriteByte('\n')
			case "noBreakHyphen":
				para.WriteByte('-')
			}
		case xml.EndElement:
			if fallback > 0 {
				fallback--
				return
			}
			if t.Name.Space != wordNS {
				return
			}
			switch t.Name.Local {
			case "t":
				inText--
			case "p":
				flushWordPara(&out, &para, num, numID, ilvl)
				numID, ilvl = "", 0
			}
		case xml.CharData:
			if inText > 0 && fallback == 0 {
				run = wordRun(t, run)
				if l.MaxWordBytes > 0 && run > l.MaxWordBytes {
					longWord = true
					return
				}
				para.Write(t)
			}
		}
	})
	if longWord || guard != nil && guard.tripped {
		return "", tooLarge(name, "word/document.xml holds a word over %d bytes", l.MaxWordBytes)
	}
	if err != nil {
		return "", err
	}
	if !sawBody {
		return "", errorf(name, 0, "word/document.xml has no w:body: not a Word document")
	}
	return out.String(), nil
}

// flushWordPara writes the finished paragraph para to out, led by its list
// marker from num when it has one and is not blank, and resets para.
func flushWordPara(out, para *strings.Builder, num *numberer, numID string, ilvl int) {
	if m := num.next(numID, ilvl); m != "" && strings.TrimSpace(para.String()) != "" {
		out.WriteString(m)
		out.WriteByte(' ')
	}
	out.WriteString(para.String())
	out.WriteByte('\n')
	para.Reset()
}

// wordRun returns the length of the run of non-space bytes at the end of
// text written after a run of run such bytes.
func wordRun(text []byte, run int) int {
	for _, c := range text {
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			run = 0
		default:
			run++
		}
	}
	return run
}

// attr returns the value of the w: attribute local of an element.
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && (a.Name.Space == wordNS || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

// maxListLevel is the deepest list level Word has (levels 0–8).
const maxListLevel = 9

// numLevel is one level of a Word list definition.
type numLevel struct {
	format string // "decimal", "bullet", "lowerLetter", …
	text   string // "%1.", "%1.%2.", the bullet character
	start  int
}

// numberer writes out Word's automatic numbering: list definitions from
// word/numbering.xml and the counters of each list.
type numberer struct {
	abstract map[string]*[maxListLevel]numLevel // abstractNumId → levels
	nums     map[string]string                  // numId → abstractNumId
	counters map[string]*[maxListLevel]int      // numId → counter per level
}

// readNumbering reads the list definitions of word/numbering.xml into n.
func (l Limits) readNumbering(name string, r io.Reader, n *numberer) error {
	n.abstract = map[string]*[maxListLevel]numLevel{}
	n.nums = map[string]string{}
	var cur *[maxListLevel]numLevel
	lvl, numID := -1, ""
	return l.walkXML(name, "word/numbering.xml", r, func(tok xml.Token) {
		t, ok := tok.(xml.StartElement)
		if !ok || t.Name.Space != wordNS {
			return
		}
		switch t.Name.Local {
		case "abstractNum":
			cur = &[maxListLevel]numLevel{}
			for i := range cur {
				cur[i] = numLevel{format: "decimal", start: 1}
			}
			n.abstract[attr(t, "abstractNumId")] = cur
			lvl = -1
		case "lvl":
			lvl, _ = strconv.Atoi(attr(t, "ilvl"))
			if lvl < 0 || lvl >= maxListLevel {
				lvl = -1
			}
		case "start":
			if cur != nil && lvl >= 0 {
				if v, err := strconv.Atoi(attr(t, "val")); err == nil && v >= 0 && v < 1e6 {
					cur[lvl].start = v
				}
			}
		case "numFmt":
			if cur != nil && lvl >= 0 {
				cur[lvl].format = attr(t, "val")
			}
		case "lvlText":
			if cur != nil && lvl >= 0 {
				cur[lvl].text = attr(t, "val")
			}
		case "num":
			numID = attr(t, "numId")
		case "abstractNumId":
			if numID != "" {
				n.nums[numID] = attr(t, "val")
			}
		}
	})
}

// next counts a paragraph of list numID at level ilvl and returns its
// number as written, or "" when the paragraph is not numbered.
func (n *numberer) next(numID string, ilvl int) string {
	if numID == "" || numID == "0" || ilvl < 0 || ilvl >= maxListLevel || n.nums == nil {
		return ""
	}
	levels := n.abstract[n.nums[numID]]
	if levels == nil {
		return ""
	}
	if n.counters == nil {
		n.counters = map[string]*[maxListLevel]int{}
	}
	c := n.counters[numID]
	if c == nil {
		c = &[maxListLevel]int{}
		for i := range c {
			c[i] = levels[i].start - 1
		}
		n.counters[numID] = c
	}
	c[ilvl]++
	for i := ilvl + 1; i < maxListLevel; i++ {
		c[i] = levels[i].start - 1
	}
	lv := levels[ilvl]
	if lv.format == "bullet" {
		return "·"
	}
	if lv.format == "none" {
		return ""
	}
	text := lv.text
	if text == "" {
		text = "%" + strconv.Itoa(ilvl+1) + "."
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			b.WriteString(formatNumber(c[k], levels[k].format))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

// formatNumber writes a list counter in a Word number format.
func formatNumber(v int, format string) string {
	switch format {
	case "lowerLetter", "upperLetter":
		if v < 1 {
			return strconv.Itoa(v)
		}
		s := strings.Repeat(string(rune('a'+(v-1)%26)), (v-1)/26+1)
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		if v < 1 || v > 3999 {
			return strconv.Itoa(v)
		}
		var b strings.Builder
		for _, d := range []struct {
			n int
			s string
		}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
			for ; v >= d.n; v -= d.n {
				b.WriteString(d.s)
			}
		}
		if format == "upperRoman" {
			return strings.ToUpper(b.String())
		}
		return b.String()
	default:
		return strconv.Itoa(v)
	}
}

// guardRunFactor is how many times Limits.MaxWordBytes of raw XML without a
// space or tag delimiter a runGuard lets through: entities make a word's raw
// form longer than its text (at most about 10 bytes per character), and
// attribute values such as drawing paths can be long.
const guardRunFactor = 16

// errLongRun is what a runGuard returns once its run is too long.
var errLongRun = errors.New("run of bytes without a space is too long")

// runGuard passes r through and fails once it has seen more than max
// consecutive bytes that are neither white space nor '<' or '>'.
type runGuard struct {
	r       io.Reader
	max     int
	run     int
	tripped bool
}

// Read reads from the underlying reader, counting runs.
func (g *runGuard) Read(p []byte) (int, error) {
	if g.tripped {
		return 0, errLongRun
	}
	n, err := g.r.Read(p)
	for _, b := range p[:n] {
		switch b {
		case ' ', '\t', '\n', '\r', '<', '>':
			g.run = 0
		default:
			g.run++
			if g.run > g.max {
				g.tripped = true
				return n, errLongRun
			}
		}
	}
	return n, err
}
