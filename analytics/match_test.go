package analytics

import (
	"errors"
	"strings"
	"testing"
)

func defaultGazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatalf("DefaultGazetteer: %v", err)
	}
	return g
}

func TestMatch(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		name  string
		texts []string
		want  []string // "id«text»" in order of first mention
	}{
		{"genitive", []string{"Maliyyə Nazirliyinin saytında yerləşdirilir."}, []string{"ministry-of-finance«Maliyyə Nazirliyinin»"}},
		{"q/ğ alternation", []string{"Azərbaycan Respublikası Baş Prokurorluğu nəzdində."}, []string{"prosecutor-general«Baş Prokurorluğu»"}},
		{"locative", []string{"Görüş Baş Prokurorluqda keçirilib."}, []string{"prosecutor-general«Baş Prokurorluqda»"}},
		{"lowercase source, folded", []string{"MALİYYƏ NAZİRLİYİ tərəfindən."}, []string{"ministry-of-finance«MALİYYƏ NAZİRLİYİ»"}},
		{"ascii typing", []string{"Maliyye Nazirliyinin saytinda."}, []string{"ministry-of-finance«Maliyye Nazirliyinin»"}},
		{"back-reference after", []string{"Bənd Maliyyə Nazirliyi tərəfindən icra edilib.", "Məlumat Nazirliyin saytında yerləşdirilib."}, []string{"ministry-of-finance«Maliyyə Nazirliyi»"}},
		{"back-reference before the full name", []string{"Kitab Nazirliyin saytında yerləşdirilib. Sonra Maliyyə Nazirliyində görüş olub."}, []string{"ministry-of-finance«Nazirliyin»"}},
		{"nearest ministry wins", []string{"Ədliyyə Nazirliyi və Maliyyə Nazirliyi birgə işləyib. Nazirlik tərəfindən hesabat verilib."}, []string{"ministry-of-justice«Ədliyyə Nazirliyi»", "ministry-of-finance«Nazirlik»"}}, // the mention that made it responsible
		{"short form with no antecedent is dropped", []string{"Nazirliyin saytında yerləşdirilib."}, nil},
		{"Dövlət Agentliyi on its own is ASAN", []string{"Dövlət Agentliyi tərəfindən sistem yaradılıb."}, []string{"asan«Dövlət Agentliyi»"}},
		{"Agentliyə refers to the NGO agency", []string{"Qeyri-Hökumət Təşkilatlarına Dövlət Dəstəyi Agentliyinin strukturu yenidir. Agentliyə aid bəndlər icra edilməyib."}, []string{"ngo-support-agency«Qeyri-Hökumət Təşkilatlarına Dövlət Dəstəyi Agentliyinin»"}},
		{"typo Naziliyi", []string{"Sənəd Ədliyyə Naziliyi tərəfindən hazırlanmışdır."}, []string{"ministry-of-justice«Ədliyyə Naziliyi»"}},
		{"typo needs the capital", []string{"Sənəd ədliyyə naziliyi tərəfindən."}, nil},
		{"Nazirlər Kabineti is not a ministry", []string{"Layihə Nazirlər Kabinetinə təqdim olunub."}, []string{"cabinet-of-ministers«Nazirlər Kabinetinə»"}},
		{"Commission alone is the Anti-Corruption Commission", []string{"Komissiya tövsiyə edir."}, []string{"anti-corruption-commission«Komissiya»"}},
		{"Intergovernmental Commission kept apart", []string{"Birgə Hökumətlərarası Komissiyanın IX iclası keçirilib."}, []string{"intergovernmental-commission«Birgə Hökumətlərarası Komissiyanın»"}},
		{"Business Environment Commission kept apart", []string{"Biznes mühiti və beynəlxalq reytinqlər üzrə Komissiyanın İşçi qrupu."}, []string{"business-environment-commission«Biznes mühiti və beynəlxalq reytinqlər üzrə Komissiyanın»"}},
		{"Directorate is not the Commission", []string{"Baş prokuroru yanında Korrupsiyaya qarşı Mübarizə Baş İdarəsində araşdırılmışdır."}, []string{"anti-corruption-directorate«Baş prokuroru yanında Korrupsiyaya qarşı Mübarizə Baş İdarəsində»"}},
		{"common nouns are not bodies", []string{"nazirlik, komitə və təşkilatlara göndərilmiş, dövlət komissiyaları yaradılmışdır."}, nil},
		{"Chamber of Auditors is not the Chamber of Accounts", []string{"Auditorlar Palatasının birgə təşkilatçılığı ilə."}, []string{"chamber-of-auditors«Auditorlar Palatasının»"}},
		{"abbreviation", []string{"Maliyyə Monitorinq Xidməti (MMX) arasında."}, []string{"financial-monitoring-service«Maliyyə Monitorinq Xidməti»"}},
		{"plural is not a short form", []string{"Maliyyə Monitorinqi Xidməti və Dövlət Xidmətlərinin Elektron Reyestri."}, []string{"financial-monitoring-service«Maliyyə Monitorinqi Xidməti»"}},
		{"list of ministries", []string{"Azərbaycan Respublikasının İqtisadiyyat, Kənd Təsərrüfatı, Energetika nazirlikləri üzvdür."},
			[]string{"ministry-of-economy«İqtisadiyyat»", "ministry-of-agriculture«Kənd Təsərrüfatı»", "ministry-of-energy«Energetika nazirlikləri»"}},
		{"names split by a comma do not match", []string{"Maliyyə, Nazirliyi."}, nil},
		{"empty", []string{""}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range g.Match(tc.texts...) {
				got = append(got, m.ID+"«"+m.Text+"»")
				if !strings.Contains(m.Sentence, m.Text) {
					t.Errorf("sentence %q does not contain %q", m.Sentence, m.Text)
				}
				if m.Name == "" || m.NameEN == "" {
					t.Errorf("mention without the agency's names: %+v", m)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestGazetteer(t *testing.T) {
	g := defaultGazetteer(t)
	ags := g.Agencies()
	if len(ags) < 40 {
		t.Fatalf("%d agencies, want at least 40", len(ags))
	}
	seen := map[string]bool{}
	for _, a := range ags {
		if seen[a.ID] {
			t.Errorf("duplicate id %s", a.ID)
		}
		seen[a.ID] = true
		got, ok := g.Lookup(a.ID)
		if !ok || got.Name != a.Name || got.NameEN != a.NameEN {
			t.Errorf("Lookup(%s) = %+v, %v", a.ID, got, ok)
		}
	}
	for _, id := range []string{"ministry-of-finance", "ministry-of-justice", "ministry-of-economy", "prosecutor-general", "asan",
		"financial-monitoring-service", "state-tax-service", "chamber-of-accounts", "supreme-court", "state-examination-centre",
		"ministry-of-digital-development", "ngo-support-agency", "anti-corruption-commission", "cabinet-of-ministers", "milli-majlis"} {
		if !seen[id] {
			t.Errorf("gazetteer lacks %s", id)
		}
	}
	if a, _ := g.Lookup("asan"); len(a.Abbrev) == 0 || a.Abbrev[0] != "ASAN" {
		t.Errorf("asan abbreviations = %v", a.Abbrev)
	}
	if _, ok := g.Lookup("no-such-body"); ok {
		t.Error("Lookup of an unknown id succeeded")
	}
	// the returned slices are copies
	ags[0].Abbrev = append(ags[0].Abbrev, "X")
	ags[0].Name = "changed"
	if again := g.Agencies(); again[0].Name == "changed" {
		t.Error("Agencies exposes the gazetteer's state")
	}
}

func TestParseGazetteerErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"not json", `{`, "unexpected end"},
		{"no id", `[{"name":"X","aliases":["X"]}]`, "no id"},
		{"no name", `[{"id":"x","aliases":["X"]}]`, "no name"},
		{"no alias", `[{"id":"x","name":"X"}]`, "no alias"},
		{"duplicate", `[{"id":"x","name":"X","aliases":["X"]},{"id":"x","name":"Y","aliases":["Y"]}]`, "duplicate id"},
		{"empty alias", `[{"id":"x","name":"X","aliases":["  "]}]`, "no words"},
		{"abbrev with space", `[{"id":"x","name":"X","abbrev":["A B"]}]`, "one word"},
		{"default ref not a ref", `[{"id":"x","name":"X","aliases":["X"],"default_refs":["Y"]}]`, "not among its refs"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseGazetteer([]byte(tc.data))
			if !errors.Is(err, ErrGazetteer) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want ErrGazetteer with %q", err, tc.want)
			}
		})
	}
	g, err := ParseGazetteer([]byte(`[{"id":"palace","name":"Saray","name_en":"Palace","aliases":["Böyük Saray"],"refs":["Saray"]}]`))
	if err != nil {
		t.Fatal(err)
	}
	if m := g.Match("Böyük Sarayda görüş olub. Sarayın saytında."); len(m) != 1 || m[0].ID != "palace" {
		t.Errorf("a grown gazetteer should match its new body: %+v", m)
	}
}

func TestFuzzyPrefix(t *testing.T) {
	tests := []struct {
		name, stem, word string
		want             bool
	}{
		{"missing letter", "nazirli", "naziliyi", true},
		{"exact", "nazirli", "nazirliyin", true},
		{"swapped letters", "nazirli", "naizrliyi", true},
		{"two edits", "nazirli", "naziyi", false},
		{"other first letter", "nazirli", "mazirliyi", false},
		{"plural of Nazirlər", "nazirli", "nazirler", true},
		{"too short", "nazirli", "naz", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fuzzyPrefix(tc.stem, tc.word); got != tc.want {
				t.Errorf("fuzzyPrefix(%q, %q) = %v, want %v", tc.stem, tc.word, got, tc.want)
			}
		})
	}
}
