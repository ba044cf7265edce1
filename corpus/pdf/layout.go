package pdf

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// digitsRe matches runs of digits, which page numbers change from page to page.
var digitsRe = regexp.MustCompile(`\d+`)

// edgeLines is how many lines at the top and at the bottom of a page may be
// a running header or footer.
const edgeLines = 3

// markRunning marks the running headers and footers of a document of two
// or more pages: a line among the first or last edgeLines of its page
// whose text recurs at the same height on at least half of the pages, or
// whose text recurs there with a number that counts the pages ("Səhifə 3 /
// 29", "- 3 -", "3") on at least half of the pages and three or more.
func markRunning(lines []line) {
	byPage := map[int][]int{}
	for i, l := range lines {
		byPage[l.page] = append(byPage[l.page], i)
	}
	if len(byPage) < 2 {
		return
	}
	var cands []int
	for _, idx := range byPage {
		if len(idx) > 2*edgeLines {
			idx = append(append([]int(nil), idx[:edgeLines]...), idx[len(idx)-edgeLines:]...)
		}
		cands = append(cands, idx...)
	}
	// Candidates by their text with digits masked.
	groups := map[string][]int{}
	for _, i := range cands {
		k := digitsRe.ReplaceAllString(lines[i].text, "#")
		groups[k] = append(groups[k], i)
	}
	half := (len(byPage) + 1) / 2
	for k, g := range groups {
		for _, i := range g {
			same, counted := 0, map[int]map[int]bool{}
			for _, j := range g {
				if math.Abs(lines[i].y-lines[j].y) > 2 {
					continue
				}
				if lines[j].text == lines[i].text {
					same++
				}
				if strings.Contains(k, "#") {
					for n, num := range digitsRe.FindAllString(lines[j].text, -1) {
						v, _ := strconv.Atoi(num)
						if counted[n] == nil {
							counted[n] = map[int]bool{}
						}
						counted[n][v-lines[j].page] = true
					}
				}
			}
			if same >= max(2, half) || pageCounter(counted, g, lines, i, max(3, half)) {
				lines[i].header = true
			}
		}
	}
}

// pageCounter reports whether the lines of group g at the height of line i
// carry, in one position, a number that is the page number plus one offset
// on at least need of them.
func pageCounter(offsets map[int]map[int]bool, g []int, lines []line, i, need int) bool {
	for n := range offsets {
		count := map[int]int{}
		for _, j := range g {
			if math.Abs(lines[i].y-lines[j].y) > 2 {
				continue
			}
			nums := digitsRe.FindAllString(lines[j].text, -1)
			if n < len(nums) {
				v, _ := strconv.Atoi(nums[n])
				count[v-lines[j].page]++
			}
		}
		for _, c := range count {
			if c >= need {
				return true
			}
		}
	}
	return false
}

// paragraphs joins the lines that are not running headers into paragraphs
// and returns them one per line with a blank line between, and the page of
// each output line. A paragraph ends where the gap to the next line is
// wider than the line pitch of its font size, where the size changes, and
// at a page break after a line that does not reach the right margin.
func paragraphs(all []line) (string, []int) {
	var lines []line
	for _, l := range all {
		if !l.header {
			lines = append(lines, l)
		}
	}
	pitch := linePitches(lines)
	right := 0.0 // the right margin: where the longest lines end
	for _, l := range lines {
		right = max(right, l.x1)
	}
	vocab := vocabulary(lines)
	var out []string
	var pages []int
	var cur strings.Builder
	flush := func(page int) {
		if cur.Len() == 0 {
			return
		}
		if len(out) > 0 {
			out = append(out, "")
			pages = append(pages, page)
		}
		out = append(out, cur.String())
		pages = append(pages, page)
		cur.Reset()
	}
	for i, l := range lines {
		if i > 0 && startsParagraph(lines[i-1], l, pitch, right) {
			flush(lines[i-1].page)
		}
		if cur.Len() == 0 {
			cur.WriteString(l.text)
			continue
		}
		prev := cur.String()
		cur.Reset()
		cur.WriteString(joinLines(prev, l.text, vocab))
	}
	if len(lines) > 0 {
		flush(lines[len(lines)-1].page)
	}
	return strings.Join(out, "\n") + "\n", pages
}

// startsParagraph reports whether l starts a paragraph after prev: the
// font size changes; the first word of l would have fitted at the end of
// prev (so prev ended its paragraph; words are taken as 0.6 em a letter,
// with an em to spare); on the same page, the gap between them is wider
// than the line pitch of their size; across a page break, prev does not
// reach the right margin.
func startsParagraph(prev, l line, pitch map[float64]float64, right float64) bool {
	if math.Abs(prev.size-l.size) > 0.5 {
		return true
	}
	word := float64(utf8.RuneCountInString(firstField(l.text))) * 0.6 * l.size
	if prev.x1+word+1.3*l.size < right {
		return true
	}
	if prev.page != l.page {
		return prev.x1 < right-2*prev.size
	}
	p, ok := pitch[sizeKey(l.size)]
	if !ok {
		p = 1.2 * l.size
	}
	gap := prev.y - l.y
	return gap > 1.25*p || gap < 0
}

// firstField returns the text up to the first space.
func firstField(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// sizeKey rounds a font size to half a point.
func sizeKey(s float64) float64 { return math.Round(s*2) / 2 }

// linePitches returns, per font size, the distance between the baselines
// of consecutive lines inside a paragraph: the smallest gap between lines
// of that size on a page (at least 0.9 times the size, so that sub- and
// superscripts do not count) that occurs at least twice. Sizes without one
// are left out (startsParagraph then assumes 1.2 times the size).
func linePitches(lines []line) map[float64]float64 {
	gaps := map[float64][]float64{}
	for i := 1; i < len(lines); i++ {
		a, b := lines[i-1], lines[i]
		k := sizeKey(a.size)
		if a.page != b.page || k != sizeKey(b.size) || a.y-b.y < 0.9*a.size {
			continue
		}
		gaps[k] = append(gaps[k], a.y-b.y)
	}
	out := map[float64]float64{}
	for k, g := range gaps {
		sort.Float64s(g)
		for i := 0; i+1 < len(g); i++ {
			if g[i+1]-g[i] <= 0.5 {
				out[k] = g[i]
				break
			}
		}
	}
	return out
}

// vocabulary counts the words of the document, lowercased, with the
// hyphens inside them, for deciding how a hyphen at a line end is undone.
func vocabulary(lines []line) map[string]int {
	v := map[string]int{}
	for _, l := range lines {
		for _, w := range strings.Fields(l.text) {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if w != "" {
				v[strings.ToLower(w)]++
			}
		}
	}
	return v
}

// joinLines joins the next line of a paragraph to the text before it. A
// hyphenation hyphen at the end (U+2010 or a soft hyphen, as Chromium and
// Word print them) goes away; an ASCII hyphen after a letter goes away only
// when the document writes the joined word without one elsewhere and never
// with one; other line ends get a space, except after a hyphen or a dash
// that follows a letter or digit directly ("2020─" + "2022").
func joinLines(prev, next string, vocab map[string]int) string {
	last, size := utf8.DecodeLastRuneInString(prev)
	if size == 0 {
		return next
	}
	before, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-size])
	first, _ := utf8.DecodeRuneInString(next)
	wordBefore := unicode.IsLetter(before) || unicode.IsDigit(before)
	switch {
	case (last == '\u2010' || last == '\u00ad') && unicode.IsLetter(before) && unicode.IsLetter(first):
		return prev[:len(prev)-size] + next
	case last == '-' && unicode.IsLetter(before) && unicode.IsLetter(first):
		head := lastWord(prev[:len(prev)-size])
		tail := firstWord(next)
		joined, hyphened := strings.ToLower(head+tail), strings.ToLower(head+"-"+tail)
		if vocab[joined] > 0 && vocab[hyphened] == 0 {
			return prev[:len(prev)-size] + next
		}
		return prev + next
	case strings.ContainsRune("-‐‑‒–—―─", last) && wordBefore:
		return prev + next
	}
	return prev + " " + next
}

// lastWord returns the letters at the end of s.
func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[i+1:]
}

// firstWord returns the letters at the start of s.
func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return s[:i]
	}
	return s
}
