package chart

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/hesabat/hesabat/analytics"
)

// hostile is report text that would run script if it reached a page unescaped.
const hostile = `</script><script>window.__pwned=1</script><!-- "quoted" 'single' & <img src=x onerror=alert(1)> ` + "\u2028" + `end`

// hostileAt returns appeals() with hostile text in one place, named by where.
func hostileAt(where string) analytics.Chart {
	c := appeals()
	h := analytics.Text{AZ: hostile, EN: hostile}
	switch where {
	case "title":
		c.Title = h
	case "subtitle":
		c.Subtitle = h
	case "x label":
		c.XLabel = h
	case "y label":
		c.YLabel = h
	case "category":
		c.Categories[0] = h
	case "series name":
		c.Series[0].Name = h
	case "series unit":
		c.Series[0].Unit = hostile
	case "series stack":
		c.Kind = analytics.KindStackedBar
		c.Series[0].Stack = hostile
	case "chart id":
		c.ID = hostile
	case "source measure":
		c.Sources = []analytics.Source{{Measure: "r/" + hostile, Figure: hostile, Sentence: hostile}}
	}
	return c
}

var places = []string{"title", "subtitle", "x label", "y label", "category", "series name", "series unit", "series stack", "chart id", "source measure"}

// scriptElements parses page as HTML the way a browser does and returns the
// text of every <script> element and the names of all elements.
func scriptElements(t *testing.T, page string, fragment bool) (scripts []string, elements []string) {
	t.Helper()
	var nodes []*html.Node
	if fragment {
		body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
		var err error
		nodes, err = html.ParseFragment(strings.NewReader(page), body)
		if err != nil {
			t.Fatal(err)
		}
	} else {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		nodes = []*html.Node{doc}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			elements = append(elements, n.Data)
			if n.Data == "script" {
				var b strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					b.WriteString(c.Data)
				}
				scripts = append(scripts, b.String())
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return scripts, elements
}

var optionLiteral = regexp.MustCompile(`(?m)^  var option = (.*);$`)

// checkScript asserts that a script element holds our code only: it cannot
// be ended early, and its option literal decodes to JSON with the hostile
// text intact as a string.
func checkScript(t *testing.T, where, script string, wantIntact bool) {
	t.Helper()
	lower := strings.ToLower(script)
	for _, bad := range []string{"</script", "<script", "<!--", "-->", "<img", "\u2028"} {
		if strings.Contains(lower, bad) {
			t.Errorf("%s: script contains %q", where, bad)
		}
	}
	m := optionLiteral.FindStringSubmatch(script)
	if m == nil {
		t.Fatalf("%s: no option literal in script:\n%s", where, script)
	}
	var opt map[string]any
	if err := json.Unmarshal([]byte(m[1]), &opt); err != nil {
		t.Fatalf("%s: option literal is not JSON: %v", where, err)
	}
	if wantIntact && !containsString(opt, hostile) {
		t.Errorf("%s: hostile text not found intact in the option (escaped twice or dropped?)", where)
	}
}

// containsString reports whether v holds a string equal to s, at any depth.
func containsString(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return v == s
	case []any:
		for _, e := range v {
			if containsString(e, s) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if containsString(e, s) {
				return true
			}
		}
	}
	return false
}

func TestFragmentKeepsReportTextAsText(t *testing.T) {
	for _, where := range places {
		for _, kind := range []string{analytics.KindBar, analytics.KindPie} {
			t.Run(where+"/"+kind, func(t *testing.T) {
				c := hostileAt(where)
				if where != "series stack" {
					c.Kind = kind
				}
				out, err := Fragment(c, "en", Options{})
				if err != nil {
					t.Fatal(err)
				}
				scripts, elements := scriptElements(t, string(out), true)
				if len(scripts) != 1 {
					t.Fatalf("%d script elements, want 1: %v", len(scripts), elements)
				}
				if strings.Join(elements, " ") != "div p script" {
					t.Errorf("elements = %v, want [div p script] (the chart, its description, its script)", elements)
				}
				// Pies have no axes; ids, units and sources don't go into the option as text.
				intact := !(kind == analytics.KindPie && strings.HasSuffix(where, " label"))
				switch where {
				case "chart id", "series unit", "source measure":
					intact = false
				}
				checkScript(t, where, scripts[0], intact)
			})
		}
	}
}

func TestEmbedPageKeepsReportTextAsText(t *testing.T) {
	for _, where := range places {
		t.Run(where, func(t *testing.T) {
			out, err := EmbedPage(hostileAt(where), "az", Options{})
			if err != nil {
				t.Fatal(err)
			}
			page := string(out)
			scripts, elements := scriptElements(t, page, false)
			// One script loads ECharts, one draws the chart; nothing else.
			if len(scripts) != 2 || scripts[0] != "" {
				t.Fatalf("scripts = %q, want the ECharts loader and one chart script", scripts)
			}
			switch where {
			case "chart id", "series unit", "source measure":
				checkScript(t, where, scripts[1], false)
			default:
				checkScript(t, where, scripts[1], true)
			}
			for _, e := range elements {
				switch e {
				case "html", "head", "meta", "title", "style", "script", "body", "div", "p", "a",
					"main", "h1", "button", "details", "summary", "table", "thead", "tbody", "tr", "th", "td":
				default:
					t.Errorf("unexpected element <%s> in embed page", e)
				}
			}
			doc, _ := html.Parse(strings.NewReader(page))
			var title string
			var find func(*html.Node)
			find = func(n *html.Node) {
				if n.Type == html.ElementNode && n.Data == "title" && n.FirstChild != nil {
					title = n.FirstChild.Data
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					find(c)
				}
			}
			find(doc)
			if where == "title" && title != hostile {
				t.Errorf("page <title> = %q, want the report text as text", title)
			}
			for _, href := range hrefs(doc) {
				if !strings.HasPrefix(href, "/charts/") && !strings.HasPrefix(href, "/measures/") {
					t.Errorf("link %q leaves the site's paths", href)
				}
			}
		})
	}
}

func hrefs(n *html.Node) []string {
	var out []string
	if n.Type == html.ElementNode && n.Data == "a" {
		for _, a := range n.Attr {
			if a.Key == "href" {
				out = append(out, a.Val)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, hrefs(c)...)
	}
	return out
}

// FuzzFragmentKeepsTextInert feeds arbitrary report text to every place a
// chart shows text: the output must stay one <div> and one <script>, the
// script must not contain anything that ends it or opens an HTML comment,
// and the text must come back intact from the option JSON.
func FuzzFragmentKeepsTextInert(f *testing.F) {
	for _, seed := range []string{
		hostile,
		"</SCRIPT ><script>",
		"<!--<script>",
		"\u2028\u2029",
		`\u003c/script\u003e`,
		"]]></x>&amp;&lt;",
		"Maliyyə Nazirliyinin 5131 müraciət",
	} {
		f.Add(seed, seed+" 2", "ilkin")
	}
	f.Fuzz(func(t *testing.T, title, category, series string) {
		c := appeals()
		c.Title.AZ, c.Categories[0].AZ, c.Series[0].Name.AZ = title, category, series
		out, err := Fragment(c, "az", Options{})
		if err != nil {
			t.Fatal(err)
		}
		scripts, elements := scriptElements(t, string(out), true)
		if len(scripts) != 1 || strings.Join(elements, " ") != "div p script" {
			t.Fatalf("elements = %v", elements)
		}
		lower := strings.ToLower(scripts[0])
		for _, bad := range []string{"</script", "<!--", "<script"} {
			if strings.Contains(lower, bad) {
				t.Fatalf("script contains %q", bad)
			}
		}
		m := optionLiteral.FindStringSubmatch(scripts[0])
		if m == nil {
			t.Fatal("no option literal")
		}
		var opt map[string]any
		if err := json.Unmarshal([]byte(m[1]), &opt); err != nil {
			t.Fatalf("option literal is not JSON: %v", err)
		}
		for _, s := range []string{title, category, series} {
			if s != "" && utf8.ValidString(s) && !containsString(opt, s) {
				t.Errorf("%q did not come back intact from the option", s)
			}
		}
	})
}
