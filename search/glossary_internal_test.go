package search

import (
	"strings"
	"testing"
)

func TestGlossaryTranslate(t *testing.T) {
	g, err := parseGlossary("glossary_en.tsv", glossaryEN)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, q, want string
		mapped        bool
	}{
		{"one word", "procurement", "satınalma OR tender", true},
		{"longest term wins", "public procurement", `"dövlət satınalmaları"`, true},
		{"plural and capitals", "Municipalities", "bələdiyyə", true},
		{"several terms", "municipal internet access", `bələdiyyə "internetə çıxış" OR internet`, true},
		{"function words dropped", "the status of e-services", `vəziyyət OR icra "elektron xidmət"`, true},
		{"unknown words kept", "budget MONEYVAL2", "büdcə MONEYVAL2", true},
		{"exclusion of a term", "budget -debt", "büdcə -borc", true},
		{"exclusion of a term with alternatives", "report -ngo", `hesabat -"qeyri-hökumət təşkilatı" -QHT`, true},
		{"quoted term", `"civil society"`, `"vətəndaş cəmiyyəti"`, true},
		{"OR kept", "ngo OR volunteer", `"qeyri-hökumət təşkilatı" OR QHT OR könüllü`, true},
		{"nothing to map", "korrupsiya riskləri", "korrupsiya riskləri", false},
		{"empty", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, mapped := g.translate(c.q)
			if got != c.want || mapped != c.mapped {
				t.Errorf("translate(%q) = %q, %v; want %q, %v", c.q, got, mapped, c.want, c.mapped)
			}
		})
	}
}

func TestParseGlossaryErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"no tab", "# c\nbudget büdcə\n", "g.tsv:2: want English term"},
		{"empty alternative", "budget\tbüdcə | \n", "g.tsv:1: empty alternative"},
		{"duplicate after plural", "budget\tbüdcə\nbudgets\tbüdcə\n", `g.tsv:2: "budgets" is listed twice`},
		{"no Azerbaijani", "budget\t \n", "g.tsv:1: want English term"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseGlossary("g.tsv", c.src)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

// TestGlossaryWellFormed checks that the shipped glossary is large enough
// to be a vocabulary and that each alternative is one word or phrase.
func TestGlossaryWellFormed(t *testing.T) {
	g, err := parseGlossary("glossary_en.tsv", glossaryEN)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.entries) < 200 {
		t.Errorf("%d entries; the glossary should cover the domain's vocabulary", len(g.entries))
	}
	for en, alts := range g.entries {
		for _, a := range alts {
			pq := parseQuery(a)
			if len(pq.clauses) != 1 {
				t.Errorf("%s → %s: want one word or phrase, got %d clauses", en, a, len(pq.clauses))
			}
		}
	}
}
