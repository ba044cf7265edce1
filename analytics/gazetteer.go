package analytics

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
)

//go:embed data/agencies.json
var agenciesJSON string // a string, so it cannot be changed

// ErrGazetteer reports gazetteer data that cannot be used.
var ErrGazetteer = errors.New("analytics: bad gazetteer")

// GazetteerEntry is one body of the gazetteer as the data file describes it.
type GazetteerEntry struct {
	// ID, Name, NameEN and Abbrev become the corpus.Agency.
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	NameEN string   `json:"name_en"`
	Abbrev []string `json:"abbrev,omitempty"`
	// Parent is the ID of the entry this body is part of or attached to.
	Parent string `json:"parent,omitempty"`
	// Aliases are full names matched anywhere, in any inflection
	// ("Maliyyə Nazirliyi" matches "Maliyyə Nazirliyinin").
	Aliases []string `json:"aliases"`
	// Refs are short forms ("Nazirlik", "Dövlət Agentliyi") that refer back
	// to the body when it is named elsewhere in the same measure.
	Refs []string `json:"refs,omitempty"`
	// DefaultRefs are the Refs that name the body even when the measure does
	// not name it in full ("Komissiya" is the report's own Commission).
	DefaultRefs []string `json:"default_refs,omitempty"`
}

// Gazetteer is the list of bodies reports name, with the names and short
// forms they are found by. It is read-only once built and safe for
// concurrent use.
type Gazetteer struct {
	entries []GazetteerEntry
	byID    map[string]int
	aliases []pattern // full names and abbreviations, longest first
	refs    []pattern // short forms, longest first
	// byFirst indexes aliases by the first byte of their first word (folded
	// for names, as written for abbreviations), keeping their order.
	byFirst map[byte][]int
	// heads are the head nouns that end the names of bodies the gazetteer
	// does not list.
	heads []headNoun
}

// pattern is one name to look for: its words as folded stems.
type pattern struct {
	entry   int
	words   []string // folded stems
	upper   []bool   // the word is written with a capital
	abbrev  bool     // match the single word exactly, case-sensitively
	raw     string   // the name as written in the data
	deflt   bool     // a ref that needs no antecedent
	refForm string   // the folded ref, to group refs
	// lastFold is the last word of the name as written, folded: a mention
	// ending in it is in the nominative.
	lastFold string
}

// DefaultGazetteer returns the gazetteer embedded in the binary
// (analytics/data/agencies.json). Each call builds a new one.
func DefaultGazetteer() (*Gazetteer, error) {
	return ParseGazetteer([]byte(agenciesJSON))
}

// ParseGazetteer builds a gazetteer from JSON data: an array of entries as
// GazetteerEntry describes. IDs must be unique and non-empty and every entry
// needs a name and at least one alias or abbreviation.
func ParseGazetteer(data []byte) (*Gazetteer, error) {
	var entries []GazetteerEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrGazetteer, err)
	}
	return NewGazetteer(entries)
}

// NewGazetteer builds a gazetteer from entries, checking them as
// ParseGazetteer does.
func NewGazetteer(entries []GazetteerEntry) (*Gazetteer, error) {
	g := &Gazetteer{entries: append([]GazetteerEntry(nil), entries...), byID: map[string]int{}, heads: headNouns()}
	for i, e := range g.entries {
		switch {
		case strings.TrimSpace(e.ID) == "":
			return nil, fmt.Errorf("%w: entry %d has no id", ErrGazetteer, i+1)
		case strings.TrimSpace(e.Name) == "":
			return nil, fmt.Errorf("%w: entry %q has no name", ErrGazetteer, e.ID)
		case len(e.Aliases) == 0 && len(e.Abbrev) == 0:
			return nil, fmt.Errorf("%w: entry %q has no alias or abbreviation", ErrGazetteer, e.ID)
		}
		if _, dup := g.byID[e.ID]; dup {
			return nil, fmt.Errorf("%w: duplicate id %q", ErrGazetteer, e.ID)
		}
		g.byID[e.ID] = i
		for _, a := range e.Aliases {
			p, err := newPattern(i, a)
			if err != nil {
				return nil, fmt.Errorf("%w: entry %q alias %q: %w", ErrGazetteer, e.ID, a, err)
			}
			g.aliases = append(g.aliases, p)
		}
		for _, a := range e.Abbrev {
			if strings.TrimSpace(a) == "" || strings.ContainsAny(a, " \t") {
				return nil, fmt.Errorf("%w: entry %q: abbreviation %q must be one word", ErrGazetteer, e.ID, a)
			}
			g.aliases = append(g.aliases, pattern{entry: i, words: []string{a}, abbrev: true, raw: a})
		}
		for _, r := range e.Refs {
			p, err := newPattern(i, r)
			if err != nil {
				return nil, fmt.Errorf("%w: entry %q ref %q: %w", ErrGazetteer, e.ID, r, err)
			}
			p.refForm = strings.Join(p.words, " ")
			for _, d := range e.DefaultRefs {
				if d == r {
					p.deflt = true
				}
			}
			g.refs = append(g.refs, p)
		}
		for _, d := range e.DefaultRefs {
			found := false
			for _, r := range e.Refs {
				found = found || r == d
			}
			if !found {
				return nil, fmt.Errorf("%w: entry %q: default ref %q is not among its refs", ErrGazetteer, e.ID, d)
			}
		}
	}
	for _, e := range g.entries {
		if _, ok := g.byID[e.Parent]; e.Parent != "" && (!ok || e.Parent == e.ID) {
			return nil, fmt.Errorf("%w: entry %q: parent %q is not another entry", ErrGazetteer, e.ID, e.Parent)
		}
	}
	sort.SliceStable(g.aliases, func(i, j int) bool { return len(g.aliases[i].words) > len(g.aliases[j].words) })
	sort.SliceStable(g.refs, func(i, j int) bool { return len(g.refs[i].words) > len(g.refs[j].words) })
	g.byFirst = map[byte][]int{}
	for i, p := range g.aliases {
		c := p.words[0][0]
		g.byFirst[c] = append(g.byFirst[c], i)
	}
	return g, nil
}

// newPattern turns a name into the folded stems it is matched by: the
// possessive ending of the last word goes ("Nazirliyi" → "nazirli") and a
// final q or k, which alternates with ğ and y ("Prokurorluq" → "prokurorlu"
// matches "Prokurorluğu").
func newPattern(entry int, name string) (pattern, error) {
	toks := tokenize(aztext.NFC(name))
	if len(toks) == 0 {
		return pattern{}, errors.New("no words")
	}
	p := pattern{entry: entry, raw: name, lastFold: toks[len(toks)-1].fold}
	for i, t := range toks {
		w := t.fold
		if i == len(toks)-1 && len(toks) > 1 && len(w) > 5 {
			for _, suf := range []string{"yi", "si", "i", "u"} {
				if strings.HasSuffix(w, suf) {
					w = strings.TrimSuffix(w, suf)
					break
				}
			}
		}
		if len(w) > 4 && (strings.HasSuffix(w, "q") || strings.HasSuffix(w, "k")) {
			w = w[:len(w)-1]
		}
		p.words = append(p.words, w)
		p.upper = append(p.upper, t.upper)
	}
	return p, nil
}

// Agencies returns every body of the gazetteer, in the data file's order.
func (g *Gazetteer) Agencies() []corpus.Agency {
	out := make([]corpus.Agency, len(g.entries))
	for i := range g.entries {
		out[i] = g.agency(i)
	}
	return out
}

// Lookup returns the body with the given ID.
func (g *Gazetteer) Lookup(id string) (corpus.Agency, bool) {
	i, ok := g.byID[id]
	if !ok {
		return corpus.Agency{}, false
	}
	return g.agency(i), true
}

// Entries returns a copy of the gazetteer's entries.
func (g *Gazetteer) Entries() []GazetteerEntry {
	return append([]GazetteerEntry(nil), g.entries...)
}

func (g *Gazetteer) agency(i int) corpus.Agency {
	e := g.entries[i]
	return corpus.Agency{ID: e.ID, Name: e.Name, NameEN: e.NameEN, Abbrev: append([]string(nil), e.Abbrev...), Parent: e.Parent}
}
