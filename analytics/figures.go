package analytics

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
)

// The units ExtractFigures gives figures.
const (
	UnitCount     = "count"
	UnitPercent   = "percent"
	UnitDate      = "date"       // Value is YYYYMMDD, e.g. 20210908
	UnitMonth     = "month"      // Value is YYYYMM, e.g. 202112
	UnitYear      = "year"       // Value is the year
	UnitYearRange = "year_range" // Value is the first year of the range
	UnitSpeed     = "mbit_per_s"
	UnitMoney     = "money" // Counts names the currency
)

// The qualifiers ExtractFigures gives figures.
const (
	QualMoreThan = "more_than" // "150-dən artıq", "3.1 milyondan çox"
	QualUpTo     = "up_to"     // "73%-dək"
	QualAbout    = "about"     // "20-ə yaxın"
	QualOf       = "of"        // a part of a whole: "4438-i", "117 məhkəmənin 77-də"
	QualTotal    = "total"     // "cəmi 5131", "ümumilikdə 1044"
	QualShare    = "share"     // a percentage given beside a count: "870 (61%)"
)

// figSpan is a figure with its byte span in the sentence it was read from.
type figSpan struct {
	corpus.Figure
	start, end int
}

var (
	// reNumber finds a number as written: digits with dots ("21.10.2020",
	// "3.1"), an optional range ("13─17"), percent sign and a hyphenated suffix.
	reNumber = regexp.MustCompile(`\d+(?:\.\d+)*(?:\s*[─–-]\s*\d+)?%?(?:[-‐]\p{L}+)?`)
	reParts  = regexp.MustCompile(`^(\d+(?:\.\d+)*)(?:\s*[─–-]\s*(\d+))?(%)?(?:[-‐](\p{L}+))?$`)
)

// monthOf returns the month (1–12) a folded word names, or 0. Inflected
// forms ("sentyabrın", "iyulun") and the typo "dekabrn" count.
func monthOf(w string) int {
	monthStems := [12]string{"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"}
	for i, m := range monthStems {
		if w == m {
			return i + 1
		}
		if strings.HasPrefix(w, m) {
			rest := w[len(m):]
			switch rest {
			case "in", "un", "n", "da", "dan", "a", "dek", "den", "e":
				return i + 1
			}
		}
	}
	return 0
}

// ExtractFigures returns the figures a sentence states, in order: counts with
// what they count ("5131 müraciət"), parts of wholes ("4438-i ilkin",
// "117 məhkəmənin 77-də"), percentages ("73%-dək"), approximate amounts
// ("3.1 milyondan çox", "150-dən artıq"), dates ("21.10.2020-ci il",
// "2021-ci il sentyabrın 8-də") and years. Numbers that name things — decree
// and law numbers ("404 nömrəli", "918-VQD"), article and clause numbers
// ("20.2-ci maddə"), numbers in quoted names ("161 – Qaynar xətt"), standards
// ("İSO 37001") and references to measures ("Bax cavab 5.2") — are not
// figures. year is the year assumed for dates written without one; measure
// becomes each figure's Measure.
func ExtractFigures(sentence, measure string, year int) []corpus.Figure {
	spans := extractSpans(sentence, year)
	out := make([]corpus.Figure, len(spans))
	for i, s := range spans {
		s.Measure = measure
		out[i] = s.Figure
	}
	return out
}

// extractSpans is ExtractFigures keeping each figure's span in the
// sentence. Each number the sentence writes is offered to figurePatterns in
// order; the first that takes it decides (a figure, or none).
func extractSpans(sentence string, year int) []figSpan {
	return extractWith(figurePatterns, sentence, year)
}

// extractWith is extractSpans with the given patterns.
func extractWith(patterns []figurePattern, sentence string, year int) []figSpan {
	sc := &figScan{sentence: sentence, ctxYear: year, lastDate: -1}
	for _, loc := range reNumber.FindAllStringIndex(sentence, -1) {
		n, ok := sc.number(loc[0], loc[1])
		if !ok {
			continue
		}
		for _, p := range patterns {
			if p.match(sc, &n) {
				break
			}
		}
	}
	postPercent(sc.out, sentence)
	return sc.out
}

// figScan is the state of reading one sentence's figures, carried from
// number to number.
type figScan struct {
	sentence string
	out      []figSpan
	consumed int    // byte offset up to which the sentence has been read
	ctxYear  int    // the year of dates written without one
	lastDate int    // index in out of the last date, for "11-də, 18-də və 30-da"
	whole    string // what the parts of a whole count, once a "N X-in M-i" is seen
}

// figNumber is one number of the sentence with what the patterns look at.
type figNumber struct {
	start, end    int
	num, rangeEnd string // "3.1", and "17" of "13─17"
	pct           bool
	suffix, sfx   string   // the hyphenated suffix as written, and folded
	before, after string   // the sentence around the number
	words         []string // up to four folded words after it
	val           float64  // set by the "not a plain number" pattern
}

// number reads the number at sentence[start:end], or says there is none
// there: it starts inside what was read, or is not a number as written.
func (sc *figScan) number(start, end int) (figNumber, bool) {
	if start < sc.consumed {
		return figNumber{}, false
	}
	p := reParts.FindStringSubmatch(sc.sentence[start:end])
	if p == nil {
		return figNumber{}, false
	}
	n := figNumber{start: start, end: end, num: p[1], rangeEnd: p[2], pct: p[3] != "", suffix: p[4],
		before: sc.sentence[:start], after: sc.sentence[end:]}
	n.sfx = aztext.LowerFold(n.suffix)
	n.words = nextWords(n.after, 4)
	return n, true
}

// figurePattern is one kind of number the recogniser knows: match reports
// whether the number is of that kind, and if so has recorded its figure
// (or decided it is none).
type figurePattern struct {
	name  string
	match func(sc *figScan, n *figNumber) bool
}

// figurePatterns are the kinds of number, tried in order: first those that
// are not figures, then dates and years, then counts and percentages, which
// take every number left. TestFigurePatterns has a row for each.
var figurePatterns = []figurePattern{
	{"part of a word or code", partOfWord},
	{"law number", func(_ *figScan, n *figNumber) bool { return isUpperWord(n.suffix) }},
	{"quoted name, code or reference", func(_ *figScan, n *figNumber) bool {
		return quotedBefore(n.before) || codeBefore(n.before) || refBefore(n.before)
	}},
	{"numbered document", numberedDocument},
	{"dotted date", dottedDate},
	{"not a plain number", notPlainNumber},
	{"year range", yearRange},
	{"date after a year", dateAfterAYear},
	{"month after a year", monthAfterAYear},
	{"year", plainYear},
	{"ordinal", func(_ *figScan, n *figNumber) bool { return isOrdinalSuffix(n.sfx) }},
	{"day month year", dayMonthYear},
	{"day after a month", dayAfterMonth},
	{"day continuing a list of dates", dayInList},
	{"numeric range", func(_ *figScan, n *figNumber) bool { return n.rangeEnd != "" }},
	{"count or percentage", countOrPercent},
}

// add records a figure of n spanning sentence[start:end] (the span may
// reach beyond the number) and reads on after it; a date becomes the last
// date.
func (sc *figScan) add(n *figNumber, start, end int, unit string, value float64) {
	f := figSpan{start: start, end: end}
	f.Sentence = sc.sentence
	f.Text = sc.sentence[start:end]
	f.Unit, f.Value = unit, value
	sc.out = append(sc.out, f)
	if unit == UnitDate {
		sc.lastDate = len(sc.out) - 1
	}
	sc.consumed = end
}

// partOfWord: "PL/TM", "161.az", "1/1-06": a number inside a word or code.
func partOfWord(_ *figScan, n *figNumber) bool {
	if n.start > 0 {
		r, _ := utf8.DecodeLastRuneInString(n.before)
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '/' {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(n.after)
	return r == '/' || r == '.' && len(n.after) > 1 && unicode.IsLetter(firstRune(n.after[1:]))
}

// numberedDocument: "404 nömrəli", "12 saylı", "479 və 480 nömrəli".
func numberedDocument(_ *figScan, n *figNumber) bool {
	w := n.words
	return len(w) > 0 && (w[0] == "nomreli" || w[0] == "sayli") || len(w) > 2 && w[0] == "ve" && w[2] == "nomreli"
}

// dottedDate: "21.10.2020-ci il"; a number of that shape that is no valid
// date is no figure either.
func dottedDate(sc *figScan, n *figNumber) bool {
	d := strings.Split(n.num, ".")
	if len(d) != 3 || len(d[2]) != 4 {
		return false
	}
	dd, _ := strconv.Atoi(d[0])
	mm, _ := strconv.Atoi(d[1])
	yy, _ := strconv.Atoi(d[2])
	if validDate(yy, mm, dd) {
		sc.add(n, n.start, extendYearWords(sc.sentence, n.end), UnitDate, float64(yy*10000+mm*100+dd))
		sc.ctxYear = yy
	}
	return true
}

// notPlainNumber takes numbers with more than one dot; it parses the value
// of the others for the patterns after it.
func notPlainNumber(_ *figScan, n *figNumber) bool {
	if strings.Count(n.num, ".") > 1 {
		return true
	}
	v, err := strconv.ParseFloat(n.num, 64)
	n.val = v
	return err != nil
}

// yearOf returns the year n writes ("2021-ci il", "2020─2021-ci illərdə")
// and the end of its year words, or ok false.
func (sc *figScan) yearOf(n *figNumber) (yy, wEnd int, ok bool) {
	if !isOrdinalSuffix(n.sfx) || strings.Contains(n.num, ".") || n.val < 1900 || n.val > 2100 ||
		len(n.words) == 0 || !strings.HasPrefix(n.words[0], "il") {
		return 0, 0, false
	}
	return int(n.val), extendYearWords(sc.sentence, n.end), true
}

// yearRange: "2020─2021-ci illərdə".
func yearRange(sc *figScan, n *figNumber) bool {
	yy, wEnd, ok := sc.yearOf(n)
	if !ok || n.rangeEnd == "" {
		return false
	}
	sc.ctxYear = yy
	sc.add(n, n.start, wEnd, UnitYearRange, n.val)
	return true
}

// dateAfterAYear: "2021-ci il sentyabrın 8-də", "2021-ci il 22 iyun".
func dateAfterAYear(sc *figScan, n *figNumber) bool {
	yy, wEnd, ok := sc.yearOf(n)
	if !ok {
		return false
	}
	d, dEnd, ok := dateAfterYear(sc.sentence, wEnd, yy)
	if !ok {
		return false
	}
	sc.ctxYear = yy
	sc.add(n, n.start, dEnd, UnitDate, float64(d))
	return true
}

// monthAfterAYear: "2021-ci ilin dekabr ayı".
func monthAfterAYear(sc *figScan, n *figNumber) bool {
	yy, wEnd, ok := sc.yearOf(n)
	if !ok {
		return false
	}
	m, mEnd, ok := monthAfterYear(sc.sentence, wEnd)
	if !ok {
		return false
	}
	sc.ctxYear = yy
	sc.add(n, n.start, mEnd, UnitMonth, float64(yy*100+m))
	return true
}

// plainYear: "2021-ci il".
func plainYear(sc *figScan, n *figNumber) bool {
	yy, wEnd, ok := sc.yearOf(n)
	if !ok {
		return false
	}
	sc.ctxYear = yy
	sc.add(n, n.start, wEnd, UnitYear, n.val)
	return true
}

// isDay reports whether n may be a day of a month.
func isDay(n *figNumber) bool { return !n.pct && n.val >= 1 && n.val <= 31 }

// dayMonthYear: "21 oktyabr 2020-ci il".
func dayMonthYear(sc *figScan, n *figNumber) bool {
	if !isDay(n) || strings.Contains(n.num, ".") || len(n.words) == 0 || n.suffix != "" {
		return false
	}
	m := monthOf(n.words[0])
	if m == 0 {
		return false
	}
	yy, yEnd, ok := yearAfterDayMonth(sc.sentence, n.end)
	if !ok || !validDate(yy, m, int(n.val)) {
		return false
	}
	sc.add(n, n.start, yEnd, UnitDate, float64(yy*10000+m*100+int(n.val)))
	sc.ctxYear = yy
	return true
}

// dayAfterMonth: "sentyabrın 8-də", "iyulun 13─17-də", in the year of the
// context.
func dayAfterMonth(sc *figScan, n *figNumber) bool {
	if !isDay(n) || sc.ctxYear <= 0 {
		return false
	}
	m := monthOf(prevWord(n.before))
	if m == 0 || !validDate(sc.ctxYear, m, int(n.val)) {
		return false
	}
	start := n.start
	if ms := n.start - len(lastWordRaw(n.before)); ms >= sc.consumed {
		start = ms
	}
	sc.add(n, start, n.end, UnitDate, float64(sc.ctxYear*10000+m*100+int(n.val)))
	last := &sc.out[len(sc.out)-1]
	last.Text = strings.TrimSpace(last.Text)
	return true
}

// dayInList: "11-də, 18-də və 30-da", days continuing the last date.
func dayInList(sc *figScan, n *figNumber) bool {
	if !isDay(n) || sc.lastDate < 0 || (n.sfx != "de" && n.sfx != "da") || !continuesList(sc.sentence[sc.out[sc.lastDate].end:n.start]) {
		return false
	}
	d := int(sc.out[sc.lastDate].Value)/100*100 + int(n.val)
	if !validDate(d/10000, d/100%100, int(n.val)) {
		return false
	}
	sc.add(n, n.start, n.end, UnitDate, float64(d))
	return true
}

// countOrPercent takes every number left: a count or a percentage, with
// its multiplier ("3.1 milyon"), qualifier ("-dən artıq", "cəmi") and what
// it counts.
func countOrPercent(sc *figScan, n *figNumber) bool {
	f := figSpan{start: n.start, end: n.end}
	f.Sentence = sc.sentence
	f.Unit = UnitCount
	if n.pct {
		f.Unit = UnitPercent
	}
	rest := multiply(sc.sentence, n, &f)
	rest = qualify(sc.sentence, n, &f, rest)
	f.Text = strings.TrimSpace(sc.sentence[n.start:f.end])
	if strings.HasPrefix(strings.TrimLeft(rest, " "), "Mbit") {
		f.Unit = UnitSpeed
	}
	f.Counts = countsAfter(rest)
	switch aztext.LowerFold(f.Counts) {
	case "manat", "azn", "dollar", "avro", "usd", "eur":
		f.Unit = UnitMoney // "3.1 milyon manat": Counts names the currency
	}
	if f.Qualifier == QualOf {
		switch {
		case genitiveWholeBefore(n.before) && len(sc.out) > 0 && sc.out[len(sc.out)-1].Unit == UnitCount:
			sc.whole = sc.out[len(sc.out)-1].Counts // "5131 müraciətin 4265-i"
			f.Counts = sc.whole
		case sc.whole != "":
			f.Counts = sc.whole // "…, 392-si …, 474-ü isə …"
		}
	}
	sc.out = append(sc.out, f)
	sc.consumed = f.end
	return true
}

// multipliers are the words that multiply the number before them.
var multipliers = []struct {
	stem   string
	factor float64
}{{"milyard", 1e9}, {"milyon", 1e6}, {"min", 1e3}}

// multiply applies a multiplier word after n ("3.1 milyondan çox", "200
// mindən çox") to f's value and span, and returns the sentence after the
// number and its multiplier. A multiplier in the ablative makes n's suffix
// the ablative, and n's words those after the multiplier.
func multiply(sentence string, n *figNumber, f *figSpan) string {
	f.Value = n.val
	if len(n.words) == 0 {
		return n.after
	}
	w := n.words[0]
	for _, mul := range multipliers {
		if w == mul.stem || (strings.HasPrefix(w, mul.stem) && isCaseSuffix(w[len(mul.stem):])) {
			f.Value = n.val * mul.factor
			f.end = n.end + wordEnd(n.after, 1)
			rest := sentence[f.end:]
			if strings.HasPrefix(w[len(mul.stem):], "d") {
				n.sfx = "den"
			}
			n.words = nextWords(rest, 4)
			return rest
		}
	}
	return n.after
}

// qualify gives f its qualifier from n's suffix and the words around it,
// extending its span over a qualifying word, and returns the sentence after
// the span.
func qualify(sentence string, n *figNumber, f *figSpan, rest string) string {
	sfx, words := n.sfx, n.words
	switch {
	case sfx == "dek" || sfx == "dak":
		f.Qualifier = QualUpTo
	case isAblative(sfx) && len(words) > 0 && (words[0] == "artiq" || words[0] == "cox"):
		f.Qualifier = QualMoreThan
		f.end += wordEnd(rest, 1)
		rest = sentence[f.end:]
	case (sfx == "e" || sfx == "a" || sfx == "ye" || sfx == "ya") && len(words) > 0 && words[0] == "yaxin":
		f.Qualifier = QualAbout
		f.end += wordEnd(rest, 1)
		rest = sentence[f.end:]
	case isPossessive(sfx):
		f.Qualifier = QualOf
	case (sfx == "de" || sfx == "da") && genitiveWholeBefore(n.before):
		f.Qualifier = QualOf
	}
	if f.Qualifier == "" && sfx == "" && len(words) > 1 && isAblative(ablativeOf(words[0])) && (words[1] == "artiq" || words[1] == "cox") {
		f.Qualifier = QualMoreThan // "90 nəfərdən artıq", "22 növdən çox"
	}
	if f.Qualifier == "" {
		if pw := prevWord(n.before); pw == "cemi" || pw == "umumilikde" {
			f.Qualifier = QualTotal
		}
	}
	return rest
}

// firstRune returns the first rune of s, or utf8.RuneError for "".
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isUpperWord reports whether w is a non-empty all-uppercase word ("VQD").
func isUpperWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// quotedBefore reports whether the number follows an opening quote: a number
// inside a name ("“161 – Qaynar xətt”", "“916”").
func quotedBefore(before string) bool {
	b := strings.TrimRight(before, " ")
	r, _ := utf8.DecodeLastRuneInString(b)
	return strings.ContainsRune("“\"«„", r)
}

// codeBefore reports whether an all-caps code precedes the number ("İSO 37001", "CETS 198").
func codeBefore(before string) bool {
	toks := tokenize(tail(before, 24))
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	if t.end != len(tail(before, 24)) && strings.TrimSpace(tail(before, 24)[t.end:]) != "" {
		return false
	}
	return len([]rune(t.raw)) >= 2 && isUpperWord(t.raw)
}

// refBefore reports whether the number is a reference to a measure ("Bax cavab 5.2").
func refBefore(before string) bool {
	pw := prevWord(before)
	return pw == "cavab" || pw == "bax" || pw == "bend" || pw == "bendi"
}

// tail returns at most the last n bytes of s, cut at a rune boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// head returns at most the first n bytes of s, cut at a rune boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// nextWords returns the folded words that follow, at most n, stopping at a
// sentence-internal stop (',', ';', ':' or a closing bracket).
func nextWords(after string, n int) []string {
	a := head(after, 160)
	if i := strings.IndexAny(a, ",;:)"); i >= 0 {
		a = a[:i]
	}
	var out []string
	for _, t := range tokenizeN(a, n) {
		if len(out) == n {
			break
		}
		out = append(out, t.fold)
	}
	return out
}

// wordEnd returns the byte offset in s just after its k-th word.
func wordEnd(s string, k int) int {
	toks := tokenize(head(s, 200))
	if len(toks) < k {
		return 0
	}
	return toks[k-1].end
}

// prevWord returns the folded word just before the number, or "".
func prevWord(before string) string {
	b := tail(before, 40)
	if strings.TrimSpace(b) != "" {
		r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(b, " \t"))
		if !unicode.IsLetter(r) {
			return ""
		}
	}
	toks := tokenize(b)
	if len(toks) == 0 {
		return ""
	}
	return toks[len(toks)-1].fold
}

// lastWordRaw returns the last word of before and what follows it.
func lastWordRaw(before string) string {
	b := tail(before, 40)
	toks := tokenize(b)
	if len(toks) == 0 {
		return ""
	}
	return b[toks[len(toks)-1].start:]
}

// validDate reports whether y-m-d is a calendar date in a plausible range.
func validDate(y, m, d int) bool {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	return d <= days[m]
}

// isOrdinalSuffix reports whether a folded suffix makes an ordinal ("-ci", "-cü").
func isOrdinalSuffix(s string) bool { return s == "ci" || s == "cu" }

// isAblative reports whether a folded ending is the ablative ("-dən", "-dan").
func isAblative(s string) bool { return s == "den" || s == "dan" || s == "ten" || s == "tan" }

// ablativeOf returns the ablative ending of a folded word, or "".
func ablativeOf(w string) string {
	for _, e := range []string{"den", "dan", "ten", "tan"} {
		if len(w) > len(e)+1 && strings.HasSuffix(w, e) {
			return e
		}
	}
	return ""
}

// isPossessive reports whether a folded suffix marks a part ("4438-i", "392-si").
func isPossessive(s string) bool {
	switch s {
	case "i", "u", "si", "su", "ni", "nu":
		return true
	}
	return false
}

// isCaseSuffix reports whether a folded ending is a case ending a multiplier word can carry.
func isCaseSuffix(s string) bool {
	switch s {
	case "", "dan", "den", "a", "e", "in", "un", "a qeder", "dek":
		return true
	}
	return false
}

// genitiveWholeBefore reports whether the number follows "<number> <noun in
// the genitive>", the Azerbaijani "of": "117 məhkəmənin 77-də".
func genitiveWholeBefore(before string) bool {
	b := tail(before, 80)
	if strings.TrimRight(b, " ") != strings.TrimRight(b, " ,;") {
		return false
	}
	toks := tokenize(b)
	if len(toks) < 2 {
		return false
	}
	w, n := toks[len(toks)-1], toks[len(toks)-2]
	if !n.digit || w.digit {
		return false
	}
	return strings.HasSuffix(w.fold, "in") || strings.HasSuffix(w.fold, "un")
}

// continuesList reports whether the text between two numbers only joins a
// list: ", " or " və ".
func continuesList(between string) bool {
	b := strings.TrimSpace(aztext.LowerFold(between))
	return b == "," || b == "ve" || b == ", ve"
}

// extendYearWords returns the end of "il…" after a year ("2021-ci il",
// "2020─2021-ci illərdə"), or pos when no such word follows.
func extendYearWords(s string, pos int) int {
	toks := tokenize(head(s[pos:], 40))
	if len(toks) == 0 || !strings.HasPrefix(toks[0].fold, "il") || strings.TrimSpace(s[pos:pos+toks[0].start]) != "" {
		return pos
	}
	return pos + toks[0].end
}

// reDayAfter reads a day after a month name: "8-də", "13─17-də", "1-nə".
var reDayAfter = regexp.MustCompile(`^\s+(\d{1,2})(?:\s*[─–-]\s*\d{1,2})?(?:[-‐]\p{L}+)?`)

// reDayBefore reads a day before a month name: " 22 iyun".
var reDayBefore = regexp.MustCompile(`^\s+(\d{1,2})\s+(\p{L}+)`)

// dateAfterYear reads "sentyabrın 8-də" or "22 iyun" after a year and
// returns the date as YYYYMMDD with the end of what it read.
func dateAfterYear(s string, pos, yy int) (int, int, bool) {
	rest := s[pos:]
	if m := reDayBefore.FindStringSubmatchIndex(rest); m != nil {
		d, _ := strconv.Atoi(rest[m[2]:m[3]])
		mo := monthOf(aztext.LowerFold(rest[m[4]:m[5]]))
		if mo > 0 && validDate(yy, mo, d) {
			return yy*10000 + mo*100 + d, pos + m[5], true
		}
	}
	toks := tokenize(head(rest, 40))
	if len(toks) == 0 || strings.TrimSpace(rest[:toks[0].start]) != "" {
		return 0, 0, false
	}
	mo := monthOf(toks[0].fold)
	if mo == 0 {
		return 0, 0, false
	}
	after := rest[toks[0].end:]
	m := reDayAfter.FindStringSubmatchIndex(after)
	if m == nil {
		return 0, 0, false
	}
	d, _ := strconv.Atoi(after[m[2]:m[3]])
	if !validDate(yy, mo, d) {
		return 0, 0, false
	}
	return yy*10000 + mo*100 + d, pos + toks[0].end + m[1], true
}

// monthAfterYear reads "dekabr ayı" after "2021-ci ilin" and returns the
// month with the end of what it read.
func monthAfterYear(s string, pos int) (int, int, bool) {
	rest := s[pos:]
	toks := tokenize(head(rest, 40))
	if len(toks) < 2 || strings.TrimSpace(rest[:toks[0].start]) != "" {
		return 0, 0, false
	}
	mo := monthOf(toks[0].fold)
	if mo == 0 || !strings.HasPrefix(toks[1].fold, "ay") {
		return 0, 0, false
	}
	return mo, pos + toks[1].end, true
}

// reYearAfter reads " oktyabr 2020-ci il" after a day.
var reYearAfter = regexp.MustCompile(`^\s+\p{L}+\s+(\d{4})[-‐]c\p{L}+`)

// yearAfterDayMonth reads the year of "21 oktyabr 2020-ci il" and returns it
// with the end of what it read.
func yearAfterDayMonth(s string, pos int) (int, int, bool) {
	m := reYearAfter.FindStringSubmatchIndex(s[pos:])
	if m == nil {
		return 0, 0, false
	}
	yy, _ := strconv.Atoi(s[pos+m[2] : pos+m[3]])
	return yy, extendYearWords(s, pos+m[1]), true
}

// isParticle reports whether a folded word is skipped between a number and
// what it counts ("693-ü isə təkrar").
func isParticle(w string) bool {
	switch w {
	case "ise", "da", "de", "umumilikde", "cemi":
		return true
	}
	return false
}

// isAttributive reports whether a folded word needs the next word to say
// what is counted ("13 dövlət qurumunun" counts "dövlət qurumu").
func isAttributive(w string) bool {
	switch w {
	case "dovlet", "merkezi", "yerli", "huquqi", "fiziki", "kommunal":
		return true
	}
	return false
}

// countsAfter returns what a number counts: the next word (after particles
// and a bracketed aside), lowercased with its case ending removed.
func countsAfter(rest string) string {
	r := strings.TrimLeft(rest, " \t")
	if strings.HasPrefix(r, "(") {
		if i := strings.Index(r, ")"); i >= 0 {
			r = strings.TrimLeft(r[i+1:], " \t")
		}
	}
	toks := tokenizeN(head(r, 120), 4)
	for i, t := range toks {
		if strings.TrimSpace(r[:t.start]) != "" && i == 0 {
			return "" // punctuation before the next word
		}
		if i > 0 && strings.ContainsAny(r[toks[i-1].end:t.start], ",;:.()") {
			return ""
		}
		if t.digit {
			return ""
		}
		if isParticle(t.fold) {
			continue
		}
		lower := aztext.Lower(t.raw)
		if isAttributive(t.fold) && i+1 < len(toks) && !toks[i+1].digit && strings.TrimSpace(r[t.end:toks[i+1].start]) == "" {
			return lower + " " + aztext.NewStemmer(false).Stem(aztext.Lower(toks[i+1].raw))
		}
		return aztext.NewStemmer(false).Stem(lower)
	}
	return ""
}

// postPercent gives percentages what they count: "73%-dək (ümumilikdə 1044
// bələdiyyə)" counts what 1044 counts; "870 (61%) bələdiyyə" is a share of 870.
func postPercent(figs []figSpan, sentence string) {
	for i := range figs {
		f := &figs[i]
		if f.Unit != UnitPercent {
			continue
		}
		if i+1 < len(figs) && figs[i+1].Unit == UnitCount {
			between := sentence[f.end:figs[i+1].start]
			if strings.HasPrefix(strings.TrimSpace(between), "(") && !strings.Contains(between, ")") {
				f.Counts = figs[i+1].Counts
				continue
			}
		}
		if i > 0 && figs[i-1].Unit == UnitCount {
			between := sentence[figs[i-1].end:f.start]
			if strings.TrimSpace(between) == "(" {
				f.Counts = figs[i-1].Counts
				if f.Qualifier == "" {
					f.Qualifier = QualShare
				}
			}
		}
	}
}
