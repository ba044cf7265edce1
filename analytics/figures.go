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

// extractSpans is ExtractFigures keeping each figure's span in the sentence.
func extractSpans(sentence string, year int) []figSpan {
	var out []figSpan
	locs := reNumber.FindAllStringIndex(sentence, -1)
	consumed := 0 // byte offset up to which the sentence has been read
	ctxYear := year
	lastDate := -1 // index in out of the last date, for "11-də, 18-də və 30-da"
	whole := ""    // what the parts of a whole count, once a "N X-in M-i" is seen
	for _, loc := range locs {
		start, end := loc[0], loc[1]
		if start < consumed {
			continue
		}
		if start > 0 {
			r, _ := utf8.DecodeLastRuneInString(sentence[:start])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '/' {
				continue // part of a word or code: "PL/TM", "161.az"
			}
		}
		p := reParts.FindStringSubmatch(sentence[start:end])
		if p == nil {
			continue
		}
		num, rangeEnd, pct, suffix := p[1], p[2], p[3] != "", p[4]
		after := sentence[end:]
		before := sentence[:start]
		if r, _ := utf8.DecodeRuneInString(after); r == '/' || r == '.' && len(after) > 1 && unicode.IsLetter(firstRune(after[1:])) {
			continue // "1/1-06", "161.az"
		}
		if isUpperWord(suffix) {
			continue // law numbers: "918-VQD"
		}
		if quotedBefore(before) || codeBefore(before) || refBefore(before) {
			continue
		}
		words := nextWords(after, 4)
		if len(words) > 0 && (words[0] == "nomreli" || words[0] == "sayli") {
			continue
		}
		if len(words) > 2 && words[0] == "ve" && words[2] == "nomreli" {
			continue // "479 və 480 nömrəli"
		}
		f := figSpan{start: start, end: end}
		f.Sentence = sentence
		sfx := aztext.LowerFold(suffix)

		// dd.mm.yyyy
		if d := strings.Split(num, "."); len(d) == 3 && len(d[2]) == 4 {
			dd, _ := strconv.Atoi(d[0])
			mm, _ := strconv.Atoi(d[1])
			yy, _ := strconv.Atoi(d[2])
			if validDate(yy, mm, dd) {
				f.end = extendYearWords(sentence, end)
				f.Text = sentence[start:f.end]
				f.Unit, f.Value = UnitDate, float64(yy*10000+mm*100+dd)
				ctxYear = yy
				out = append(out, f)
				lastDate = len(out) - 1
				consumed = f.end
			}
			continue
		}
		if strings.Count(num, ".") > 1 {
			continue
		}
		val, err := strconv.ParseFloat(num, 64)
		if err != nil {
			continue
		}
		ordinal := isOrdinalSuffix(sfx)
		// years: "2021-ci il", "2020─2021-ci illərdə"
		if ordinal && !strings.Contains(num, ".") && val >= 1900 && val <= 2100 && len(words) > 0 && strings.HasPrefix(words[0], "il") {
			yy := int(val)
			ctxYear = yy
			wEnd := extendYearWords(sentence, end)
			if rangeEnd != "" {
				f.end = wEnd
				f.Text = sentence[start:f.end]
				f.Unit, f.Value = UnitYearRange, val
				out = append(out, f)
				consumed = f.end
				continue
			}
			// "2021-ci il sentyabrın 8-də", "2021-ci il 22 iyun", "2021-ci ilin dekabr ayı"
			if d, dEnd, ok := dateAfterYear(sentence, wEnd, yy); ok {
				f.end = dEnd
				f.Text = sentence[start:dEnd]
				f.Unit, f.Value = UnitDate, float64(d)
				out = append(out, f)
				lastDate = len(out) - 1
				consumed = dEnd
				continue
			}
			if m, mEnd, ok := monthAfterYear(sentence, wEnd); ok {
				f.end = mEnd
				f.Text = sentence[start:mEnd]
				f.Unit, f.Value = UnitMonth, float64(yy*100+m)
				out = append(out, f)
				consumed = mEnd
				continue
			}
			f.end = wEnd
			f.Text = sentence[start:wEnd]
			f.Unit, f.Value = UnitYear, val
			out = append(out, f)
			consumed = wEnd
			continue
		}
		if ordinal {
			continue // "20.2-ci maddə", "3-cü rüb"
		}
		// "21 oktyabr 2020-ci il"
		if !pct && !strings.Contains(num, ".") && val >= 1 && val <= 31 && len(words) > 0 && monthOf(words[0]) > 0 && suffix == "" {
			if yy, yEnd, ok := yearAfterDayMonth(sentence, end); ok {
				m := monthOf(words[0])
				if validDate(yy, m, int(val)) {
					f.end = yEnd
					f.Text = sentence[start:yEnd]
					f.Unit, f.Value = UnitDate, float64(yy*10000+m*100+int(val))
					ctxYear = yy
					out = append(out, f)
					lastDate = len(out) - 1
					consumed = yEnd
					continue
				}
			}
		}
		// "sentyabrın 8-də", "iyulun 13─17-də" (year from context)
		if !pct && val >= 1 && val <= 31 {
			if pw := prevWord(before); monthOf(pw) > 0 && ctxYear > 0 {
				m := monthOf(pw)
				if validDate(ctxYear, m, int(val)) {
					if ms := start - len(lastWordRaw(before)); ms >= consumed {
						f.start = ms
					}
					f.Text = strings.TrimSpace(sentence[f.start:end])
					f.Unit, f.Value = UnitDate, float64(ctxYear*10000+m*100+int(val))
					out = append(out, f)
					lastDate = len(out) - 1
					consumed = end
					continue
				}
			}
			// "11-də, 18-də və 30-da": days continuing the last date
			if lastDate >= 0 && (sfx == "de" || sfx == "da") && continuesList(sentence[out[lastDate].end:start]) {
				base := int(out[lastDate].Value)
				d := base/100*100 + int(val)
				if validDate(d/10000, d/100%100, int(val)) {
					f.Text = sentence[start:end]
					f.Unit, f.Value = UnitDate, float64(d)
					out = append(out, f)
					lastDate = len(out) - 1
					consumed = end
					continue
				}
			}
		}
		if rangeEnd != "" {
			continue // numeric ranges other than days and years are not figures
		}

		// counts and percentages
		f.Text = sentence[start:end]
		f.Unit = UnitCount
		if pct {
			f.Unit = UnitPercent
		}
		rest := after
		// multipliers: "3.1 milyondan çox", "200 mindən çox"
		if len(words) > 0 {
			for _, mul := range []struct {
				stem   string
				factor float64
			}{{"milyard", 1e9}, {"milyon", 1e6}, {"min", 1e3}} {
				w := words[0]
				if w == mul.stem || (strings.HasPrefix(w, mul.stem) && isCaseSuffix(w[len(mul.stem):])) {
					val *= mul.factor
					f.end = end + wordEnd(after, 1)
					rest = sentence[f.end:]
					if strings.HasPrefix(w[len(mul.stem):], "d") {
						sfx = "den"
					}
					words = nextWords(rest, 4)
					break
				}
			}
		}
		f.Value = val
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
		case (sfx == "de" || sfx == "da") && genitiveWholeBefore(before):
			f.Qualifier = QualOf
		}
		if f.Qualifier == "" && sfx == "" && len(words) > 1 && isAblative(ablativeOf(words[0])) && (words[1] == "artiq" || words[1] == "cox") {
			f.Qualifier = QualMoreThan // "90 nəfərdən artıq", "22 növdən çox"
		}
		if f.Qualifier == "" {
			if pw := prevWord(before); pw == "cemi" || pw == "umumilikde" {
				f.Qualifier = QualTotal
			}
		}
		f.Text = strings.TrimSpace(sentence[start:f.end])
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
			case genitiveWholeBefore(before) && len(out) > 0 && out[len(out)-1].Unit == UnitCount:
				whole = out[len(out)-1].Counts // "5131 müraciətin 4265-i"
				f.Counts = whole
			case whole != "":
				f.Counts = whole // "…, 392-si …, 474-ü isə …"
			}
		}
		out = append(out, f)
		consumed = f.end
	}
	postPercent(out, sentence)
	return out
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
