package corpus

import (
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hesabat/hesabat/aztext"
)

// DefaultName is the file name of the embedded default report.
const DefaultName = "ogp-nap-2021-report.az.txt"

//go:embed data/ogp-nap-2021-report.az.txt
var defaultText string

// DefaultText returns the embedded default report as written.
func DefaultText() string { return defaultText }

// Default parses the embedded default report, the Anti-Corruption
// Commission's report on the 2021 implementation of the Open Government
// National Action Plan 2020─2022. Its Source is "embedded:" + DefaultName.
func Default() (*Report, error) {
	r, err := Parse(DefaultName, []byte(defaultText))
	if err != nil {
		return nil, err
	}
	r.Source = "embedded:" + DefaultName
	return r, nil
}

// Parse parses a report in the plain-text layout: header lines, then
// numbered sections ("1. Title"), each with numbered measures: a line with
// the number ("1.7"), title lines, a period line ("2020─2022" or "2020") and
// narrative lines. name is used in errors, as the Source and, through
// IDFromName, for the report's ID. Bad input gives a *ParseError that
// matches ErrInvalid.
func Parse(name string, data []byte) (*Report, error) {
	r, _, err := parse(name, data, false)
	if err != nil {
		return nil, err
	}
	r.detach()
	return r, nil
}

// detach copies the strings a parsed report slices from its source text, so
// that the text (the whole file) is not kept alive by a title or a period.
func (r *Report) detach() {
	r.Title, r.Issuer, r.PlanPeriod = strings.Clone(r.Title), strings.Clone(r.Issuer), strings.Clone(r.PlanPeriod)
	for i := range r.Header {
		r.Header[i] = strings.Clone(r.Header[i])
	}
	for i := range r.Sections {
		r.Sections[i].Title = strings.Clone(r.Sections[i].Title)
	}
	for i := range r.Measures {
		m := &r.Measures[i]
		m.Number, m.Title, m.Period = strings.Clone(m.Number), strings.Clone(m.Title), strings.Clone(m.Period)
		for j := range m.Notes {
			m.Notes[j] = strings.Clone(m.Notes[j])
		}
		for j := range m.Refs {
			m.Refs[j] = strings.Clone(m.Refs[j])
		}
		for j := range m.Narrative {
			b := &m.Narrative[j]
			b.Marker, b.Text = strings.Clone(b.Marker), strings.Clone(b.Text)
		}
	}
}

// maxLines bounds the lines of a report (the shipped one has 582).
const maxLines = 1 << 18

// roleKind says which part of a report a source line ended up in.
type roleKind int

const (
	roleBlank roleKind = iota
	roleHeader
	roleSection
	roleNumber
	roleTitle
	rolePeriod
	roleNarrative
)

// lineRole records where one source line went, so that tests can prove no
// line is dropped or used twice.
type lineRole struct {
	kind    roleKind
	section int // index into Report.Sections (roleSection)
	measure int // index into Report.Measures (roleNumber, roleTitle, rolePeriod, roleNarrative)
	block   int // index into Measure.Narrative (roleNarrative)
}

var (
	measureRe = regexp.MustCompile(`^(\d{1,3})\.(\d{1,3})\.?$`)
	sectionRe = regexp.MustCompile(`^(\d{1,3})\.[\s\x{00A0}\x{2007}\x{202F}]+(\S.*)$`)
	periodRe  = regexp.MustCompile(`^(\d{4})(?:[\s\x{00A0}]*[-‐‑‒–—―─][\s\x{00A0}]*(\d{4}))?$`)
	itemRe    = regexp.MustCompile(`^(?:([·•▪◦●○■□‣⁃∙])[\s\x{00A0}]*|([-–—─])[\s\x{00A0}]+|(\d{1,2}[.)])[\s\x{00A0}]+)(\S.*)$`)
	refRe     = regexp.MustCompile(`(?i)(?:^|[^\p{L}])bax(?:ın|ınız)?[\s:]+(?:(?:cavab|bənd|bəndə|bəndinə)[\s:]*)?(\d{1,3}\.\d{1,3})`)
	rangeRe   = regexp.MustCompile(`(\d{4})[\s\x{00A0}]*[-‐‑‒–—―─][\s\x{00A0}]*(\d{4})`)
	yearRe    = regexp.MustCompile(`(\d{4})-c[iıuü] il(?:i)?[\s\x{00A0}]+(?:ərzində|üzrə|dövründə)`)
)

// parser holds the state of one Parse call.
type parser struct {
	file  string
	lines []string
	roles []lineRole // nil unless recording for tests
	rep   *Report

	title []string // title lines of the current measure
	text  []string // lines of the current narrative block

	state      int // stateHeader, stateTitle, stateNarrative
	cur        int // index of the current measure
	seen       map[string]int
	secHasMeas bool // the current section has a measure
	prevBlank  bool
	lastText   string // trimmed text of the previous narrative line
}

const (
	stateHeader = iota
	stateSection
	stateTitle
	stateNarrative
)

// parse parses a report; with record it also returns where each line went.
func parse(name string, data []byte, record bool) (*Report, []lineRole, error) {
	id, err := IDFromName(name)
	if err != nil {
		return nil, nil, err
	}
	text, err := prepare(name, data)
	if err != nil {
		return nil, nil, err
	}
	p := &parser{
		file:  name,
		lines: strings.Split(text, "\n"),
		rep:   &Report{ID: id, Source: name},
		seen:  map[string]int{},
		cur:   -1,
	}
	if len(p.lines) > maxLines {
		return nil, nil, &ParseError{File: name, Line: maxLines + 1, Msg: fmt.Sprintf("more than %d lines", maxLines), Err: ErrTooLarge}
	}
	if record {
		p.roles = make([]lineRole, len(p.lines))
	}
	if err := p.run(); err != nil {
		return nil, nil, err
	}
	if err := p.finish(); err != nil {
		return nil, nil, err
	}
	return p.rep, p.roles, nil
}

func (p *parser) role(i int, r lineRole) {
	if p.roles != nil {
		p.roles[i] = r
	}
}

// prepare checks the encoding and returns the text with line ends unified,
// a byte-order mark removed and NFC applied.
func prepare(name string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", errorf(name, 1, "empty report")
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line := 1 + strings.Count(string(data[:off]), "\n")
		return "", errorf(name, line, "not UTF-8: invalid byte 0x%02x at offset %d", data[off], off)
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	line := 1
	blank := true
	for _, r := range text {
		switch {
		case r == '\n':
			line++
			continue
		case r == '\t':
			continue
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\uFFFE' || r == '\uFFFF':
			return "", errorf(name, line, "control character %U (binary data?)", r)
		}
		if !unicode.IsSpace(r) {
			blank = false
		}
	}
	if blank {
		return "", errorf(name, 1, "empty report: only blank lines")
	}
	return aztext.NFC(text), nil
}

func (p *parser) run() error {
	for i := 0; i < len(p.lines); i++ {
		raw := p.lines[i]
		t := strings.TrimSpace(raw)
		ln := i + 1
		if t == "" {
			p.role(i, lineRole{kind: roleBlank})
			p.prevBlank = true
			continue
		}
		if m := measureRe.FindStringSubmatch(t); m != nil {
			if err := p.startMeasure(ln, m[1], m[2]); err != nil {
				return err
			}
			p.role(i, lineRole{kind: roleNumber, measure: p.cur})
			p.prevBlank = false
			continue
		}
		if num, title, extra, ok := p.sectionAt(i); ok {
			if err := p.startSection(ln, num, title); err != nil {
				return err
			}
			for _, j := range append([]int{i}, extra...) {
				p.role(j, lineRole{kind: roleSection, section: len(p.rep.Sections) - 1})
			}
			if len(extra) > 0 {
				i = extra[len(extra)-1]
			}
			p.prevBlank = false
			continue
		}
		switch p.state {
		case stateHeader:
			p.rep.Header = append(p.rep.Header, t)
			p.role(i, lineRole{kind: roleHeader})
		case stateSection:
			s := p.rep.Sections[len(p.rep.Sections)-1]
			return errorf(p.file, ln, "section %d (line %d) must be followed by a measure number like \"%d.1\", not by text", s.Number, s.Line, s.Number)
		case stateTitle:
			m := &p.rep.Measures[p.cur]
			if from, to, ok := period(t); ok {
				if len(p.title) == 0 {
					return errorf(p.file, ln, "measure %s has no title before its period line", m.Number)
				}
				m.Title = strings.Join(p.title, " ")
				p.title = p.title[:0]
				m.Period = t
				m.Years = years(from, to)
				p.role(i, lineRole{kind: rolePeriod, measure: p.cur})
				p.state = stateNarrative
				p.lastText = ""
				break
			}
			p.title = append(p.title, t)
			p.role(i, lineRole{kind: roleTitle, measure: p.cur})
		case stateNarrative:
			p.narrative(ln, raw, t)
			p.role(i, lineRole{kind: roleNarrative, measure: p.cur, block: len(p.rep.Measures[p.cur].Narrative) - 1})
		}
		p.prevBlank = false
	}
	return nil
}

func (p *parser) startMeasure(ln int, major, minor string) error {
	a, _ := strconv.Atoi(major)
	b, _ := strconv.Atoi(minor)
	num := fmt.Sprintf("%d.%d", a, b)
	if err := p.endMeasure(ln); err != nil {
		return err
	}
	if len(p.rep.Sections) == 0 {
		return errorf(p.file, ln, "measure %s comes before the first section heading", num)
	}
	sec := p.rep.Sections[len(p.rep.Sections)-1]
	if a != sec.Number {
		return errorf(p.file, ln, "measure %s is under section %d (line %d)", num, sec.Number, sec.Line)
	}
	if first, dup := p.seen[num]; dup {
		return errorf(p.file, ln, "duplicate measure %s (first at line %d)", num, first)
	}
	p.seen[num] = ln
	p.rep.Measures = append(p.rep.Measures, Measure{Report: p.rep.ID, Number: num, Section: sec.Number, Line: ln})
	p.cur = len(p.rep.Measures) - 1
	p.title = p.title[:0]
	p.state = stateTitle
	p.secHasMeas = true
	return nil
}

// endMeasure completes the current measure, if any, and checks that it got
// its period line.
func (p *parser) endMeasure(ln int) error {
	if p.state == stateNarrative {
		p.flushBlock()
	}
	if p.state == stateTitle {
		m := p.rep.Measures[p.cur]
		return errorf(p.file, m.Line, "measure %s has no period line (like \"2020─2022\" or \"2020\") before line %d", m.Number, ln)
	}
	return nil
}

func (p *parser) startSection(ln, num int, title string) error {
	if err := p.endMeasure(ln); err != nil {
		return err
	}
	if err := p.endSection(); err != nil {
		return err
	}
	if n := len(p.rep.Sections); n > 0 && num <= p.rep.Sections[n-1].Number {
		prev := p.rep.Sections[n-1]
		return errorf(p.file, ln, "section %d follows section %d (line %d): section numbers must increase", num, prev.Number, prev.Line)
	}
	p.rep.Sections = append(p.rep.Sections, Section{Number: num, Title: title, Line: ln})
	p.secHasMeas = false
	p.state = stateSection
	p.cur = -1
	return nil
}

func (p *parser) endSection() error {
	if n := len(p.rep.Sections); n > 0 && !p.secHasMeas {
		s := p.rep.Sections[n-1]
		return errorf(p.file, s.Line, "section %d has no measures", s.Number)
	}
	return nil
}

// sectionAt reports whether line i is a section heading, with its number,
// its title and the indexes of continuation lines of the title.
func (p *parser) sectionAt(i int) (num int, title string, extra []int, ok bool) {
	t := strings.TrimSpace(p.lines[i])
	m := sectionRe.FindStringSubmatch(t)
	if m == nil {
		return 0, "", nil, false
	}
	num, _ = strconv.Atoi(m[1])
	title = m[2]
	// Strong evidence: the next measure number (within a few lines) is num.N.
	var cont []int
	for j, seen := i+1, 0; j < len(p.lines) && seen < 4; j++ {
		u := strings.TrimSpace(p.lines[j])
		if u == "" {
			continue
		}
		seen++
		if mm := measureRe.FindStringSubmatch(u); mm != nil {
			if a, _ := strconv.Atoi(mm[1]); a == num {
				for _, c := range cont {
					title += " " + strings.TrimSpace(p.lines[c])
				}
				return num, title, cont, true
			}
			break
		}
		if sectionRe.MatchString(u) || itemRe.MatchString(u) || periodRe.MatchString(u) {
			break
		}
		cont = append(cont, j)
	}
	// Weak evidence: the number is the next section's, and the line does not
	// continue a numbered list. Such a heading has no measure after it, which
	// startSection/finish report as an error.
	next := 1
	if n := len(p.rep.Sections); n > 0 {
		next = p.rep.Sections[n-1].Number + 1
	}
	if num != next {
		return 0, "", nil, false
	}
	if p.state == stateNarrative && p.cur >= 0 && p.continuesList(num) {
		return 0, "", nil, false
	}
	if p.state == stateTitle {
		return 0, "", nil, false
	}
	return num, title, nil, true
}

// continuesList reports whether the current measure's narrative holds a
// numbered item num-1, so that "num." is the list's next item.
func (p *parser) continuesList(num int) bool {
	nar := p.rep.Measures[p.cur].Narrative
	for k := len(nar) - 1; k >= 0; k-- {
		b := nar[k]
		if b.Kind != BlockItem {
			continue
		}
		n, err := strconv.Atoi(strings.TrimRight(b.Marker, ".)"))
		if err != nil {
			continue
		}
		return n == num-1
	}
	return false
}

// narrative adds a narrative line: a new list item, a new paragraph, or the
// continuation of a sentence broken across lines.
func (p *parser) narrative(ln int, raw, t string) {
	m := &p.rep.Measures[p.cur]
	defer func() { p.lastText = t }()
	if mm := itemRe.FindStringSubmatch(t); mm != nil {
		p.flushBlock()
		marker := mm[1] + mm[2] + mm[3]
		m.Narrative = append(m.Narrative, Block{Kind: BlockItem, Marker: marker, Text: mm[4], Line: ln})
		p.text = append(p.text, mm[4])
		return
	}
	indented := raw != strings.TrimLeftFunc(raw, unicode.IsSpace)
	first, _ := utf8.DecodeRuneInString(t)
	_, _, yearLike := period(t)
	_, _, afterYear := period(p.lastText)
	// A period-like line inside a narrative (a bare "2020") is a paragraph
	// of its own: it neither joins the line before nor the line after.
	if len(m.Narrative) == 0 || p.prevBlank || endsSentence(p.lastText) || yearLike || afterYear ||
		(indented && !unicode.IsLower(first) && !unicode.IsDigit(first)) {
		p.flushBlock()
		m.Narrative = append(m.Narrative, Block{Kind: BlockParagraph, Text: t, Line: ln})
		p.text = append(p.text, t)
		return
	}
	p.text = append(p.text, t)
}

// flushBlock sets the text of the current measure's last block from its
// lines, joined once (joining line by line would be quadratic).
func (p *parser) flushBlock() {
	if len(p.text) == 0 {
		return
	}
	nar := p.rep.Measures[p.cur].Narrative
	nar[len(nar)-1].Text = strings.Join(p.text, " ")
	p.text = p.text[:0]
}

// endsSentence reports whether s ends with sentence punctuation, perhaps
// followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]`, r)
	})
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".;:!?…", r)
}

// period parses a period line: "2020", "2020─2022", "2020-2022", "2020 – 2022".
func period(t string) (from, to int, ok bool) {
	m := periodRe.FindStringSubmatch(t)
	if m == nil {
		return 0, 0, false
	}
	from, _ = strconv.Atoi(m[1])
	to = from
	if m[2] != "" {
		to, _ = strconv.Atoi(m[2])
	}
	if from < 1900 || to > 2199 || to < from || to-from > 50 {
		return 0, 0, false
	}
	return from, to, true
}

func years(from, to int) []int {
	ys := make([]int, 0, to-from+1)
	for y := from; y <= to; y++ {
		ys = append(ys, y)
	}
	return ys
}

// finish checks the whole report and fills the fields derived from it.
func (p *parser) finish() error {
	end := len(p.lines)
	if err := p.endMeasure(end); err != nil {
		return err
	}
	if len(p.rep.Measures) == 0 {
		return errorf(p.file, end, "no measures found (want section headings like \"1. Title\" followed by measure numbers like \"1.1\")")
	}
	if err := p.endSection(); err != nil {
		return err
	}
	for i := range p.rep.Measures {
		m := &p.rep.Measures[i]
		m.Notes = notes(m.Title)
		if m.Narrative == nil {
			m.Narrative = []Block{} // JSON [] rather than null
		}
		for _, b := range m.Narrative {
			if !containsBax(b.Text) {
				continue // the regexp is slow; most blocks have no reference
			}
			for _, sub := range refRe.FindAllStringSubmatch(b.Text, -1) {
				ref := normNumber(sub[1])
				if _, ok := p.seen[ref]; !ok {
					return errorf(p.file, b.Line, "measure %s refers to measure %s, which the report does not have", m.Number, ref)
				}
				if ref != m.Number && !contains(m.Refs, ref) {
					m.Refs = append(m.Refs, ref)
				}
			}
		}
	}
	r := p.rep
	if r.Header == nil {
		r.Header = []string{}
	}
	r.PlanYears = []int{}
	r.Title = unspace(strings.Join(r.Header, " "))
	r.Issuer = issuer(r.Header)
	if m := rangeRe.FindStringSubmatch(r.Title); m != nil {
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		if from <= to && to-from <= 50 {
			r.PlanPeriod = m[0]
			r.PlanYears = years(from, to)
		}
	}
	if m := yearRe.FindStringSubmatch(r.Title); m != nil {
		r.Year, _ = strconv.Atoi(m[1])
	}
	return nil
}

// containsBax reports whether s contains "bax" in any ASCII case, a cheap
// filter before refRe.
func containsBax(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if s[i]|0x20 == 'b' && s[i+1]|0x20 == 'a' && s[i+2]|0x20 == 'x' {
			return true
		}
	}
	return false
}

func normNumber(s string) string {
	a, b, _ := strings.Cut(s, ".")
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	return fmt.Sprintf("%d.%d", x, y)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// notes returns the top-level bracketed parts of a title, brackets included.
func notes(title string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range title {
		switch r {
		case '(':
			if depth == 0 {
				start = i
			}
			depth++
		case ')':
			if depth == 0 {
				continue
			}
			depth--
			if depth == 0 {
				out = append(out, title[start:i+1])
			}
		}
	}
	return out
}

// issuer finds the issuing body in the header: the line in the genitive
// ("…Komissiyasının") before the document-type line ("M Ə L U M A T I",
// "HESABAT"); or else the last header line in the genitive that names an
// institution; or else the start of a header line up to the first
// institution word in the genitive. The genitive ending is removed.
func issuer(header []string) string {
	for i := 1; i < len(header); i++ {
		if isDocType(header[i]) {
			if s, ok := ungenitive(header[i-1]); ok {
				return s
			}
		}
	}
	for i := len(header) - 1; i >= 0; i-- {
		s, ok := ungenitive(header[i])
		if ok && namesInstitution(s) {
			return s
		}
	}
	// "Nümunə Komitəsinin 2021-ci il ərzində …": the line up to the first
	// institution word in the genitive.
	for _, h := range header {
		words := strings.Fields(h)
		for i, w := range words {
			if s, ok := ungenitive(w); ok && namesInstitution(s) {
				return strings.Join(append(words[:i:i], s), " ")
			}
		}
	}
	return ""
}

// isDocType reports whether a header line is a document-type word written in
// capitals, perhaps letter-spaced ("M Ə L U M A T I").
func isDocType(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case unicode.IsUpper(r):
			letters++
		default:
			return false
		}
	}
	return letters >= 4
}

// ungenitive removes the Azerbaijani genitive ending from the last word of s:
// "Komissiyasının" → "Komissiyası", "Bankın" → "Bank".
func ungenitive(s string) (string, bool) {
	s = strings.TrimSpace(s)
	rs := []rune(s)
	n := len(rs)
	if n < 4 || rs[n-1] != 'n' || !strings.ContainsRune("ıiuü", rs[n-2]) {
		return s, false
	}
	if rs[n-3] == 'n' && isVowel(rs[n-4]) {
		return string(rs[:n-3]), true
	}
	if !isVowel(rs[n-3]) && unicode.IsLetter(rs[n-3]) {
		return string(rs[:n-2]), true
	}
	return s, false
}

func isVowel(r rune) bool { return strings.ContainsRune("aeəıioöuüAEƏIİOÖUÜ", r) }

func namesInstitution(s string) bool {
	low := aztext.Lower(s)
	for _, w := range []string{"komissiya", "nazirliy", "agentliy", "palata", "xidmət", "komitə", "şura", "idarə", "aparat", "bank", "fond", "mərkəz", "təşkilat", "prokurorluq", "məhkəmə", "müvəkkil", "administrasiya", "kabinet"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// unspace joins words written letter-spaced for emphasis ("M Ə L U M A T I"
// → "MƏLUMATI"): runs of at least three single letters separated by single
// spaces. Other text is left as written.
func unspace(s string) string {
	fields := strings.Split(s, " ")
	single := func(f string) bool {
		r, n := utf8.DecodeRuneInString(f)
		return n > 0 && n == len(f) && unicode.IsLetter(r)
	}
	out := make([]string, 0, len(fields))
	for i := 0; i < len(fields); {
		j := i
		for j < len(fields) && single(fields[j]) {
			j++
		}
		if j-i >= 3 {
			out = append(out, strings.Join(fields[i:j], ""))
			i = j
			continue
		}
		out = append(out, fields[i])
		i++
	}
	return strings.Join(out, " ")
}
