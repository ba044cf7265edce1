package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// cmdSearch searches the reports from the command line: the persistent index
// at --index, or an in-memory index of --corpus (default: the embedded
// report). It prints the hits as text (number, title, snippets) or, with
// --json, the Result exactly as GET /api/search returns it.
func cmdSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "search", "QUERY...")
	asJSON := fs.Bool("json", false, "print the result as JSON (the /api/search shape)")
	indexPath := fs.String("index", "", "search the persistent index at `PATH` (built by \"hesabat index\"); default: index the reports in memory")
	var src corpusSource
	fs.StringVar(&src.path, "corpus", "", "the reports to search: a .txt/.docx/.pdf file or a directory of them (`PATH`); default: those stored in --index, else the embedded report")
	addCorpusFlags(fs, &src)
	from := fs.Int("from", 0, "skip the first `N` hits")
	size := fs.Int("size", search.DefaultSize, "print at most `N` hits (1–100)")
	lang := fs.String("lang", corpus.LangAZ, "language of agency names and labels: az or en")
	filters := map[string]*stringList{}
	for _, name := range []string{"section", "agency", "year", "status", "report"} {
		l := &stringList{}
		filters[name] = l
		fs.Var(l, name, "only measures with this "+name+" (repeatable: values are OR-ed, filters AND-ed)")
	}
	fs.Lookup("agency").Usage = "only measures naming this agency: its id, or its name in any case or inflection (\"Nazirlər Kabinetinə\"), or its abbreviation (repeatable)"
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	agencies := *filters["agency"]
	delete(filters, "agency") // names are resolved to ids below, with the reports at hand
	v := url.Values{}
	v.Set("q", strings.Join(fs.Args(), " "))
	v.Set("from", strconv.Itoa(*from))
	v.Set("size", strconv.Itoa(*size))
	v.Set("lang", *lang)
	for name, l := range filters {
		for _, val := range *l {
			v.Add(name, val)
		}
	}
	req, err := search.ParseRequest(v)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	s, _, err := openSearcher(ctx, e, *indexPath, src, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if req.Agencies, err = resolveAgencies(ctx, s, agencies); err != nil {
		return err
	}
	res, err := s.Search(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		return nil
	}
	return writeResultText(e.stdout, res)
}

// writeResultText prints a result for a terminal: a count line, then per hit
// its ID, title, period and status, and its snippets with matches in [brackets].
func writeResultText(w io.Writer, res *search.Result) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s (%.1f ms)\n", plural(int(res.Total), "result"), res.TookMS)
	for _, h := range res.Hits {
		fmt.Fprintf(&sb, "\n%s  %s\n", h.ID, h.Title)
		fmt.Fprintf(&sb, "    period %s, status %s", h.Period, h.Status)
		if len(h.Agencies) > 0 {
			names := make([]string, len(h.Agencies))
			for i, a := range h.Agencies {
				names[i] = a.Name
			}
			fmt.Fprintf(&sb, ", %s", strings.Join(names, "; "))
		}
		sb.WriteByte('\n')
		for _, sn := range h.Snippets {
			fmt.Fprintf(&sb, "    %s\n", snippetText(sn))
		}
	}
	if _, err := io.WriteString(w, sb.String()); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// snippetText turns an HTML snippet into plain text, matches in [brackets],
// on one line.
func snippetText(s string) string {
	s = strings.NewReplacer("<mark>", "[", "</mark>", "]").Replace(s)
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}
