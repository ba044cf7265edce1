package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// hitView is a search hit as the search page shows it.
type hitView struct {
	search.Hit
	URL         string
	StatusLabel string
	// Snippets are the search package's snippets: report text it escaped,
	// with matches in <mark>.
	Snippets []template.HTML
}

// facetValueView is one checkbox of the facet sidebar.
type facetValueView struct {
	search.FacetValue
	// InputID is the checkbox's element id.
	InputID string
}

// facetView is one facet of the sidebar.
type facetView struct {
	Name   string
	Label  string
	Values []facetValueView
	// Roles are the roles the agency facet can count bodies in, for the
	// agency facet only.
	Roles []roleOption
}

// roleOption is a role a body can be counted in, as the agency facet and
// the agencies page offer it.
type roleOption struct {
	Value    string
	Label    string
	Selected bool
	URL      string
}

// roleOptions returns the roles of search.Roles, selected the one of
// role ("" is responsible), each with the URL of base with it set.
func roleOptions(role, lang, base string, params url.Values) []roleOption {
	if role == "" {
		role = search.RoleResponsible
	}
	var out []roleOption
	for _, r := range search.Roles() {
		v := cloneValues(params)
		v.Del("from")
		v.Set("role", r)
		if r == search.RoleResponsible {
			v.Del("role")
		}
		out = append(out, roleOption{Value: r, Label: words[lang]["role_"+r], Selected: r == role, URL: base + "?" + v.Encode()})
	}
	return out
}

// chip is a selected filter shown above the results, with a link removing it.
type chip struct {
	Label     string
	RemoveURL string
}

// pageLink is one link of the pagination.
type pageLink struct {
	N       int
	URL     string
	Current bool
}

// searchPage is the data of the search page.
type searchPage struct {
	Query    string
	Lang     string
	Size     int
	Err      string
	Result   *search.Result
	Hits     []hitView
	Facets   []facetView
	Chips    []chip
	ClearURL string
	First    int
	Last     int
	Prev     string
	Next     string
	Pages    []pageLink
	JSONURL  string
	CSVURL   string
	ChartURL string
	// ExportCSVURL and ExportJSONURL download every match, not one page.
	ExportCSVURL  string
	ExportJSONURL string
	// Sort is the order of the results; Sorts and Sizes the choices;
	// SortNote says why a search was left in relevance order.
	Sort     string
	Sorts    []option
	Sizes    []option
	SortNote string
	// MultiReport is set when more than one report is served.
	MultiReport bool
	// Notes say how the query was searched (relaxed, mapped to Azerbaijani).
	Notes []string
	// SearchedURL searches the mapped query in the Azerbaijani interface.
	SearchedURL string
	// DidYouMeanURL searches Result.DidYouMean.
	DidYouMeanURL string
	// HelpURL is the query syntax help page.
	HelpURL string
}

// searchParams returns the URL's query with lang set to the interface
// language, so that the search and its links use one language.
func searchParams(u *url.URL, lang string) url.Values {
	v := u.Query()
	v.Set("lang", lang)
	return v
}

// searchPage answers "/": the query box, the facet sidebar and a page of hits.
func (s *Server) searchPage(c *gin.Context) {
	lang := chooseLang(c)
	b := s.newBase(c, lang, "", "search")
	b.T = words[lang]
	params := searchParams(c.Request.URL, lang)
	p := searchPage{Query: params.Get("q"), Lang: lang, HelpURL: "/help/search?lang=" + lang}
	req, err := search.ParseRequest(params)
	if err != nil {
		p.Err = publicMessage(err, http.StatusBadRequest)
		s.render(c, statusOf(err), "search", view{base: b, Page: p})
		return
	}
	res, err := s.search(c.Request.Context(), req)
	if err != nil {
		if st := statusOf(err); st == http.StatusBadRequest {
			p.Err = publicMessage(err, st)
			s.render(c, st, "search", view{base: b, Page: p})
			return
		}
		s.fail(c, err)
		return
	}
	if p.Query != "" {
		b.Title = p.Query
	}
	p.Size = req.Size
	p.Result = res
	if infos, err := s.cfg.Searcher.Reports(); err == nil {
		p.MultiReport = len(infos) > 1 // hits then say which report they are from
	}
	p.queryNotes(res, params, lang)
	hits := s.orderHits(c, params, &p, req, res)
	for _, h := range hits {
		hv := hitView{Hit: h, URL: measureURL(h.Report, h.Number), StatusLabel: statusLabel(corpus.Status(h.Status), lang)}
		if p.Query != "" {
			// The measure page marks the words searched for.
			hv.URL += "?" + url.Values{"hl": {p.Query}}.Encode()
		}
		for _, sn := range h.Snippets {
			hv.Snippets = append(hv.Snippets, template.HTML(sn)) // escaped by package search
		}
		p.Hits = append(p.Hits, hv)
	}
	p.addFacets(res, params, req)
	clear := url.Values{"lang": {lang}}
	if p.Query != "" {
		clear.Set("q", p.Query)
	}
	p.ClearURL = "/?" + clear.Encode()
	p.JSONURL = "/api/search?" + params.Encode()
	p.CSVURL = "/api/search.csv?" + params.Encode()
	chartParams := url.Values{}
	for k, vs := range params {
		if k != "from" && k != "size" {
			chartParams[k] = vs
		}
	}
	p.ChartURL = "/charts/search?" + chartParams.Encode()
	p.ExportCSVURL = "/export/search.csv?" + chartParams.Encode()
	p.ExportJSONURL = "/export/search.json?" + chartParams.Encode()
	p.paginate(params, req, len(hits))
	s.render(c, http.StatusOK, "search", view{base: b, Page: p})
}

// cloneValues returns a deep copy of v.
func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// without returns v without the value val of key and without from (a
// changed filter starts at the first page).
func without(v url.Values, key, val string) url.Values {
	out := cloneValues(v)
	out.Del("from")
	var keep []string
	for _, x := range out[key] {
		if x != val {
			keep = append(keep, x)
		}
	}
	if len(keep) == 0 {
		out.Del(key)
	} else {
		out[key] = keep
	}
	return out
}

// option is one choice of a <select>.
type option struct {
	Value, Label string
	Selected     bool
}

// orderHits returns the hits of the page in the order ?sort= asks for, and
// fills the page's sort and page-size choices. Sorting by number or status
// sorts every match (up to sortMax), not only the page's.
func (s *Server) orderHits(c *gin.Context, params url.Values, p *searchPage, req search.Request, res *search.Result) []search.Hit {
	lang := p.Lang
	p.Sort = params.Get("sort")
	if p.Sort != sortNumber && p.Sort != sortStatus {
		p.Sort = sortRelevance
	}
	for _, o := range []string{sortRelevance, sortNumber, sortStatus} {
		p.Sorts = append(p.Sorts, option{Value: o, Label: words[lang]["sort_"+o], Selected: o == p.Sort})
	}
	for _, n := range pageSizes {
		v := strconv.Itoa(n)
		p.Sizes = append(p.Sizes, option{Value: v, Label: v, Selected: n == req.Size})
	}
	if p.Sort == sortRelevance {
		return res.Hits
	}
	hits, ok, err := s.sortedPage(c.Request.Context(), params, p.Sort, req.From, req.Size)
	if err != nil || !ok {
		p.SortNote = fmt.Sprintf(words[lang]["sort_too_many"], sortMax)
		p.Sort = sortRelevance
		return res.Hits
	}
	return hits
}

// addFacets fills the facet sidebar and the chips of the selected values.
func (p *searchPage) addFacets(res *search.Result, params url.Values, req search.Request) {
	lang := p.Lang
	facets := []struct {
		name   string
		values []search.FacetValue
	}{
		{"section", res.Facets.Section},
		{"agency", res.Facets.Agency},
		{"year", res.Facets.Year},
		{"status", res.Facets.Status},
		{"report", res.Facets.Report},
		{"report_year", res.Facets.ReportYear},
	}
	for _, f := range facets {
		fv := facetView{Name: f.name, Label: words[lang]["facet_"+f.name]}
		for i, v := range f.values {
			fv.Values = append(fv.Values, facetValueView{FacetValue: v, InputID: "f-" + f.name + "-" + strconv.Itoa(i)})
			if v.Selected {
				p.Chips = append(p.Chips, chip{Label: fv.Label + ": " + v.Label, RemoveURL: "/?" + without(params, f.name, v.Value).Encode()})
			}
		}
		if f.name == "agency" {
			fv.Roles = roleOptions(req.Role, lang, "/", params)
		}
		if len(fv.Values) > 0 || f.name == "agency" {
			p.Facets = append(p.Facets, fv)
		}
	}
}

// paginate fills the page's range (First–Last of n hits shown) and the
// pagination links.
func (p *searchPage) paginate(params url.Values, req search.Request, n int) {
	total := int(p.Result.Total)
	if n > 0 {
		p.First = req.From + 1
		p.Last = req.From + n
	}
	pageURL := func(from int) string {
		v := cloneValues(params)
		if from == 0 {
			v.Del("from")
		} else {
			v.Set("from", strconv.Itoa(from))
		}
		return "/?" + v.Encode()
	}
	if req.From > 0 {
		p.Prev = pageURL(max(0, req.From-req.Size))
	}
	if req.From+req.Size < total && req.From+req.Size <= search.MaxFrom {
		p.Next = pageURL(req.From + req.Size)
	}
	if total > req.Size {
		cur := req.From / req.Size
		last := (total - 1) / req.Size
		for n := max(0, cur-4); n <= min(last, cur+4); n++ {
			from := n * req.Size
			if from > search.MaxFrom {
				break
			}
			p.Pages = append(p.Pages, pageLink{N: n + 1, URL: pageURL(from), Current: n == cur})
		}
	}
}

// queryNotes sets the page's notes on how res was searched and the links
// to the query searched in Azerbaijani and to the suggested query.
func (p *searchPage) queryNotes(res *search.Result, params url.Values, lang string) {
	t := words[lang]
	if r := res.Relaxed; r != nil {
		if r.AllWords == 0 {
			p.Notes = append(p.Notes, fmt.Sprintf(t["relaxed_none"], r.Words, r.MinMatched))
		} else {
			p.Notes = append(p.Notes, fmt.Sprintf(t["relaxed_some"], r.AllWords, r.Words, r.MinMatched))
		}
	}
	if res.Searched != "" {
		v := url.Values{"q": {res.Searched}, "lang": {corpus.LangAZ}}
		p.SearchedURL = "/?" + v.Encode()
	}
	if res.DidYouMean != "" {
		v := cloneValues(params)
		v.Set("q", res.DidYouMean)
		v.Del("from")
		p.DidYouMeanURL = "/?" + v.Encode()
	}
}
