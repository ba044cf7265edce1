package pdf

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"

	lpdf "github.com/ledongthuc/pdf"
)

// The PDF library trusts a file's structure: it recurses once per nested
// array or dictionary (a file of a million "[" would overflow the stack,
// which no recover catches) and follows the page tree's /Kids and /Parent
// without noticing a loop. These guards check a file before it is handed on.

// maxNesting bounds the nesting of arrays and dictionaries outside streams.
const maxNesting = 256

// maxTreeDepth bounds the depth of the page tree and of a page's /Parent chain.
const maxTreeDepth = 64

var errTooDeep = errors.New("arrays or dictionaries nested too deeply")

// maxObjects bounds the object numbers a file may declare: the library
// allocates its cross-reference table by the declared /Size and by the
// highest object number, so that a file of a few bytes could ask for
// gigabytes. Real reports have some thousands of objects.
const maxObjects = 1 << 21

// maxColumns bounds a predictor's /Columns, by which the library allocates.
const maxColumns = 1 << 16

// sizesRe finds the numbers by which the library allocates: /Size N, the
// entries of /Index and /W arrays, /Columns N, and the "first count" headers
// of cross-reference table sections.
var sizesRe = regexp.MustCompile(`/(Size|Columns)[\s]*(\d+)|/(Index|W)[\s]*\[([\d\s]*)\]|xref[\r\n]+[\s]*(\d+)[ ]+(\d+)`)

var errTooBig = errors.New("declares more objects than a report has")

// checkSizes returns errTooBig when data declares sizes over maxObjects or
// maxColumns (see sizesRe).
func checkSizes(data []byte) error {
	for _, m := range sizesRe.FindAllSubmatch(data, -1) {
		var nums []string
		switch {
		case m[1] != nil:
			nums = []string{string(m[2])}
			if string(m[1]) == "Columns" {
				if n, err := strconv.Atoi(nums[0]); err != nil || n > maxColumns {
					return errTooBig
				}
				continue
			}
		case m[3] != nil:
			nums = strings.Fields(string(m[4]))
			if string(m[3]) == "W" {
				for _, w := range nums {
					if n, err := strconv.Atoi(w); err != nil || n > 8 {
						return errTooBig
					}
				}
				continue
			}
		default:
			nums = []string{string(m[5]), string(m[6])}
		}
		total := 0
		for _, x := range nums {
			n, err := strconv.Atoi(x)
			if err != nil || n > maxObjects {
				return errTooBig
			}
			total += n
		}
		if total > 2*maxObjects {
			return errTooBig
		}
	}
	return nil
}

// checkNesting returns errTooDeep when arrays and dictionaries in data,
// outside strings, comments and stream contents, nest deeper than maxNesting.
func checkNesting(data []byte) error {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case '(':
			i = skipString(data, i)
		case '[':
			depth++
		case ']':
			depth--
		case '<':
			if i+1 < len(data) && data[i+1] == '<' {
				depth++
				i++
			} else if j := bytes.IndexByte(data[i:], '>'); j >= 0 {
				i += j
			}
		case '>':
			if i+1 < len(data) && data[i+1] == '>' {
				depth--
				i++
			}
		case 's':
			if bytes.HasPrefix(data[i:], []byte("stream")) && (i == 0 || !isRegular(data[i-1])) {
				j := bytes.Index(data[i:], []byte("endstream"))
				if j < 0 {
					return nil
				}
				i += j + len("endstream") - 1
			}
		}
		if depth > maxNesting {
			return errTooDeep
		}
	}
	return nil
}

// skipString returns the index of the ")" that closes the literal string
// opening at data[i] (balanced parentheses, backslash escapes).
func skipString(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

// isRegular reports whether c is a regular character of PDF syntax (not
// white space or a delimiter), which a keyword cannot follow.
func isRegular(c byte) bool {
	return !bytes.ContainsRune([]byte(" \t\r\n\f\x00()<>[]{}/%"), rune(c))
}

var errPageTree = errors.New("the page tree is malformed (a loop, deeper than 64 or far more nodes than pages)")

// pageTree returns the page objects of the document in order, walking the page
// tree from root with bounded depth, at most limit+1 of them, and checks
// that each page's /Parent chain ends.
func pageTree(root lpdf.Value, limit int) ([]lpdf.Value, error) {
	var out []lpdf.Value
	visits := 0 // a tree whose nodes share kids must not take exponential time
	var walk func(v lpdf.Value, depth int) error
	walk = func(v lpdf.Value, depth int) error {
		if visits++; depth > maxTreeDepth || visits > 4*limit+64 {
			return errPageTree
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || kids.Kind() != lpdf.Array {
			if v.Kind() != lpdf.Dict {
				return nil
			}
			p := v
			for n := 0; !p.IsNull(); n++ {
				if n > maxTreeDepth {
					return errPageTree
				}
				p = p.Key("Parent")
			}
			out = append(out, v)
			return nil
		}
		for i := 0; i < kids.Len() && len(out) <= limit; i++ {
			if err := walk(kids.Index(i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	err := walk(root, 0)
	return out, err
}
