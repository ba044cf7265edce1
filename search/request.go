package search

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hesabat/hesabat/corpus"
)

// Sentinel errors of package search, checked with errors.Is.
var (
	// ErrInvalid means a request parameter is invalid; the message says which and why.
	ErrInvalid = errors.New("invalid request")
	// ErrNotFound means a report or measure does not exist.
	ErrNotFound = errors.New("not found")
	// ErrClosed means the Searcher was closed.
	ErrClosed = errors.New("searcher closed")
)

// Limits on requests.
const (
	// DefaultSize is the number of hits returned when a request does not say.
	DefaultSize = 10
	// MaxSize is the largest number of hits one request may ask for.
	MaxSize = 100
	// MaxFrom is the largest offset into the hits a request may ask for.
	MaxFrom = 10000
	// MaxQueryRunes is the longest query accepted, in characters.
	MaxQueryRunes = 500
	// MaxQueryClauses is the most words and phrases a query may have. With
	// fuzziness at most 2 and a fixed first letter per typo-tolerant word, it
	// bounds how many terms one request can expand to.
	MaxQueryClauses = 32
	// MaxFilterValues is the most values one filter parameter may repeat.
	MaxFilterValues = 50
)

// Request is one search: a query, facet filters and a page of hits.
// Values within one filter are OR-ed, different filters are AND-ed.
type Request struct {
	// Query is the user's query as typed; empty lists every measure.
	Query string `json:"query"`
	// Sections filters by section number.
	Sections []int `json:"section,omitempty"`
	// Agencies filters by agency ID.
	Agencies []string `json:"agency,omitempty"`
	// Years filters by a year the measure's period covers.
	Years []int `json:"year,omitempty"`
	// Statuses filters by implementation status.
	Statuses []corpus.Status `json:"status,omitempty"`
	// Reports filters by report ID.
	Reports []string `json:"report,omitempty"`
	// ReportYears filters by the year the measure's report describes.
	ReportYears []int `json:"report_year,omitempty"`
	// Role is the role in which the agency facet and filter count a body:
	// RoleResponsible (the default, also for ""), RoleRecipient,
	// RoleMentioned or RoleAny.
	Role string `json:"role,omitempty"`
	// From is the offset of the first hit returned.
	From int `json:"from"`
	// Size is the number of hits returned; 0 means DefaultSize.
	Size int `json:"size"`
	// Lang is the language of labels and agency names: "az" (default) or "en".
	Lang string `json:"lang,omitempty"`
}

var (
	slugRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	reportRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)
)

// The roles the agency facet and filter can count bodies in.
const (
	RoleResponsible = string(corpus.RoleResponsible)
	RoleRecipient   = string(corpus.RoleRecipient)
	RoleMentioned   = string(corpus.RoleMentioned)
	// RoleAny counts a body named in any role.
	RoleAny = "any"
)

// Roles lists the values Request.Role accepts, the default first.
func Roles() []string { return []string{RoleResponsible, RoleRecipient, RoleMentioned, RoleAny} }

// agencyFacet returns the name of the facet that counts bodies in role.
func agencyFacet(role string) string {
	switch role {
	case RoleRecipient, RoleMentioned, RoleAny:
		return "agency_" + role
	}
	return "agency"
}

// knownStatuses returns the statuses a status filter accepts, in facet order.
func knownStatuses() []corpus.Status {
	return []corpus.Status{
		corpus.StatusCompleted, corpus.StatusInProgress, corpus.StatusNotImplemented,
		corpus.StatusRecommendation, corpus.StatusUnknown,
	}
}

// ParseRequest reads a Request from URL query parameters: q, section, agency,
// year, status, report, report_year (filters repeatable), role, from, size and lang. Unknown
// parameters are ignored. Errors satisfy errors.Is(err, ErrInvalid) and say
// which parameter is wrong.
func ParseRequest(v url.Values) (Request, error) {
	var r Request
	if qs := v["q"]; len(qs) > 1 {
		return r, invalid("q: given %d times, want at most once", len(qs))
	}
	r.Query = v.Get("q")
	from, err := intParam(v, "from", 0, 0, MaxFrom)
	if err != nil {
		return r, err
	}
	size, err := intParam(v, "size", DefaultSize, 1, MaxSize)
	if err != nil {
		return r, err
	}
	r.From, r.Size = from, size
	r.Lang = corpus.LangAZ
	if ls := v["lang"]; len(ls) > 0 {
		if len(ls) > 1 {
			return r, invalid("lang: given %d times, want at most once", len(ls))
		}
		r.Lang = ls[0]
	}
	for _, s := range v["section"] {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 999 {
			return r, invalid("section: %q is not a section number (1–999)", s)
		}
		r.Sections = append(r.Sections, n)
	}
	for _, s := range v["year"] {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1900 || n > 2200 {
			return r, invalid("year: %q is not a year (1900–2200)", s)
		}
		r.Years = append(r.Years, n)
	}
	for _, s := range v["report_year"] {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1900 || n > 2200 {
			return r, invalid("report_year: %q is not a year (1900–2200)", s)
		}
		r.ReportYears = append(r.ReportYears, n)
	}
	for _, s := range v["status"] {
		r.Statuses = append(r.Statuses, corpus.Status(strings.TrimSpace(s)))
	}
	for _, s := range v["agency"] {
		r.Agencies = append(r.Agencies, strings.TrimSpace(s))
	}
	for _, s := range v["report"] {
		r.Reports = append(r.Reports, strings.TrimSpace(s))
	}
	if rs := v["role"]; len(rs) > 0 {
		if len(rs) > 1 {
			return r, invalid("role: given %d times, want at most once", len(rs))
		}
		r.Role = strings.TrimSpace(rs[0])
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	return r.normalized(), nil
}

// Validate checks a Request built in code the way ParseRequest checks one
// from a URL. Errors satisfy errors.Is(err, ErrInvalid).
func (r Request) Validate() error {
	if !utf8.ValidString(r.Query) {
		return invalid("q: not valid UTF-8")
	}
	if n := utf8.RuneCountInString(r.Query); n > MaxQueryRunes {
		return invalid("q: %d characters, at most %d allowed", n, MaxQueryRunes)
	}
	if strings.ContainsRune(r.Query, 0) {
		return invalid("q: contains a NUL character")
	}
	if n := len(parseQuery(r.Query).clauses); n > MaxQueryClauses {
		return invalid("q: %d words and phrases, at most %d allowed", n, MaxQueryClauses)
	}
	if r.From < 0 || r.From > MaxFrom {
		return invalid("from: %d out of range 0–%d", r.From, MaxFrom)
	}
	if r.Size < 0 || r.Size > MaxSize {
		return invalid("size: %d out of range 1–%d", r.Size, MaxSize)
	}
	switch r.Lang {
	case "", corpus.LangAZ, corpus.LangEN:
	default:
		return invalid("lang: %q, want %q or %q", r.Lang, corpus.LangAZ, corpus.LangEN)
	}
	for _, f := range [...]struct {
		name string
		n    int
	}{
		{"section", len(r.Sections)}, {"agency", len(r.Agencies)}, {"year", len(r.Years)},
		{"status", len(r.Statuses)}, {"report", len(r.Reports)}, {"report_year", len(r.ReportYears)},
	} {
		if f.n > MaxFilterValues {
			return invalid("%s: %d values, at most %d allowed", f.name, f.n, MaxFilterValues)
		}
	}
	for _, n := range r.Sections {
		if n < 1 || n > 999 {
			return invalid("section: %d is not a section number (1–999)", n)
		}
	}
	for _, n := range r.Years {
		if n < 1900 || n > 2200 {
			return invalid("year: %d is not a year (1900–2200)", n)
		}
	}
	for _, n := range r.ReportYears {
		if n < 1900 || n > 2200 {
			return invalid("report_year: %d is not a year (1900–2200)", n)
		}
	}
	for _, s := range r.Statuses {
		if !knownStatus(s) {
			return invalid("status: %q, want one of %s", s, statusList())
		}
	}
	for _, a := range r.Agencies {
		if !slugRE.MatchString(a) {
			return invalid("agency: %q is not an agency id (lowercase letters, digits and '-')", a)
		}
	}
	for _, id := range r.Reports {
		if !reportRE.MatchString(id) {
			return invalid("report: %q is not a report id", id)
		}
	}
	if r.Role != "" && !slices.Contains(Roles(), r.Role) {
		return invalid("role: %q, want one of %s", r.Role, strings.Join(Roles(), ", "))
	}
	return nil
}

// normalized returns r with a default size and language and duplicate filter values removed.
func (r Request) normalized() Request {
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Lang == "" {
		r.Lang = corpus.LangAZ
	}
	r.Sections = dedup(r.Sections)
	r.Years = dedup(r.Years)
	r.Statuses = dedup(r.Statuses)
	r.Agencies = dedup(r.Agencies)
	r.Reports = dedup(r.Reports)
	r.ReportYears = dedup(r.ReportYears)
	return r
}

func dedup[T comparable](xs []T) []T {
	if len(xs) < 2 {
		return xs
	}
	seen := make(map[T]bool, len(xs))
	out := make([]T, 0, len(xs))
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	vs := v[name]
	if len(vs) == 0 {
		return def, nil
	}
	if len(vs) > 1 {
		return 0, invalid("%s: given %d times, want at most once", name, len(vs))
	}
	n, err := strconv.Atoi(strings.TrimSpace(vs[0]))
	if err != nil {
		return 0, invalid("%s: %q is not an integer", name, vs[0])
	}
	if n < lo || n > hi {
		return 0, invalid("%s: %d out of range %d–%d", name, n, lo, hi)
	}
	return n, nil
}

func knownStatus(s corpus.Status) bool {
	for _, k := range knownStatuses() {
		if s == k {
			return true
		}
	}
	return false
}

func statusList() string {
	names := make([]string, len(knownStatuses()))
	for i, s := range knownStatuses() {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("search: %w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}
