package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
	"github.com/hesabat/hesabat/search"
)

// agencyForms is an agency of the served reports with the folded forms it
// is known by: its ID, names, abbreviations and every inflected form the
// reports write it in ("Nazirlər Kabinetinə").
type agencyForms struct {
	agency corpus.Agency
	forms  map[string]bool
}

// knownAgencies collects the agencies the served reports name, by ID.
func knownAgencies(ctx context.Context, s *search.Searcher) (map[string]*agencyForms, error) {
	known := map[string]*agencyForms{}
	err := s.EachReport(ctx, func(r *corpus.Report) error {
		for _, m := range r.Measures {
			for _, a := range m.Agencies {
				k := known[a.ID]
				if k == nil {
					k = &agencyForms{agency: a.Agency, forms: map[string]bool{}}
					for _, f := range append([]string{a.ID, a.Name, a.NameEN}, a.Abbrev...) {
						if f != "" {
							k.forms[normName(f)] = true
						}
					}
					known[a.ID] = k
				}
				k.forms[normName(a.Text)] = true
			}
		}
		return nil
	})
	return known, err
}

// normName folds a name for matching: Azerbaijani lowercase, ASCII letters,
// words separated by single spaces ("Nazirlər  Kabineti" → "nazirler kabineti").
func normName(s string) string {
	return strings.Join(strings.FieldsFunc(aztext.LowerFold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}), " ")
}

// resolveAgencies turns the values of --agency into agency IDs: an ID, or a
// name, English name, abbreviation or any inflected form of one, in any
// case, with or without Azerbaijani letters. A value that names no agency
// of the served reports, or several, is an error that suggests close ones.
func resolveAgencies(ctx context.Context, s *search.Searcher, vals []string) ([]string, error) {
	if len(vals) == 0 {
		return nil, nil
	}
	known, err := knownAgencies(ctx, s)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, v := range vals {
		id, err := resolveAgency(known, v)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// resolveAgency returns the ID of the agency v names (see resolveAgencies).
func resolveAgency(known map[string]*agencyForms, v string) (string, error) {
	if _, ok := known[v]; ok {
		return v, nil
	}
	q := normName(v)
	var exact, inflected []string
	for id, k := range known {
		switch {
		case k.forms[q]:
			exact = append(exact, id)
		case inflectionOf(q, normName(k.agency.Name)):
			inflected = append(inflected, id)
		}
	}
	matches := exact
	if len(matches) == 0 {
		matches = inflected
	}
	sort.Strings(matches)
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return "", fmt.Errorf("%w: --agency %q names no agency of the reports%s", errUsage, v, suggest(known, q))
	default:
		return "", fmt.Errorf("%w: --agency %q names several agencies: %s; pass one of their ids", errUsage, v, describe(known, matches))
	}
}

// inflectionOf reports whether q is name with case or possessive endings on
// its words ("nazirler kabinetine" of "nazirler kabineti", "maliyye
// nazirliyinin" of "maliyye nazirliyi"): word for word, each word of q
// starts with the name's word less at most its last two letters (k→y:
// "nazirlik" → "nazirliyi").
func inflectionOf(q, name string) bool {
	qw, nw := strings.Fields(q), strings.Fields(name)
	if len(qw) != len(nw) || len(qw) == 0 {
		return false
	}
	for i := range qw {
		stem := nw[i]
		if len(stem) > 4 {
			stem = stem[:len(stem)-2]
		}
		if !strings.HasPrefix(qw[i], stem) {
			return false
		}
	}
	return true
}

// suggest lists up to three agencies whose ID or name is closest to q.
func suggest(known map[string]*agencyForms, q string) string {
	type cand struct {
		id   string
		dist int
	}
	var cs []cand
	for id, k := range known {
		best := -1
		for f := range k.forms {
			d := editDistance(q, f)
			if strings.Contains(f, q) && len(q) >= 3 {
				d = min(d, len(f)-len(q), 2)
			}
			if q == initials(f) {
				d = 0 // "nk" for "nazirler kabineti"
			}
			if best < 0 || d < best {
				best = d
			}
		}
		cs = append(cs, cand{id, best})
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].dist != cs[j].dist {
			return cs[i].dist < cs[j].dist
		}
		return cs[i].id < cs[j].id
	})
	var ids []string
	for _, c := range cs {
		if len(ids) == 3 || c.dist > max(3, len(q)/2) {
			break
		}
		ids = append(ids, c.id)
	}
	if len(ids) == 0 {
		return " (the agency facet of \"hesabat search --json\" lists them)"
	}
	return "; did you mean " + describe(known, ids) + "?"
}

// describe lists agencies as "id (Name)".
func describe(known map[string]*agencyForms, ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s (%s)", id, known[id].agency.Name)
	}
	return strings.Join(parts, ", ")
}

// editDistance is the Levenshtein distance between a and b, in bytes (both
// are folded to ASCII letters).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// initials returns the first letters of the words of a folded name.
func initials(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		b.WriteByte(w[0])
	}
	return b.String()
}
