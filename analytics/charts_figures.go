package analytics

import (
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
)

// located is a sentence of a measure with the figures it states.
type located struct {
	measure *corpus.Measure
	year    int
	text    string
	folded  string
	figs    []figSpan
}

// clauseBefore returns the folded text between figure k-1 (or the sentence
// start) and figure k: the words that introduce figure k.
func (l *located) clauseBefore(k int) string {
	start := 0
	if k > 0 {
		start = l.figs[k-1].end
	}
	return aztext.LowerFold(l.text[start:l.figs[k].start])
}

// clauseAfter returns the folded text between figure k and the next figure
// (or the sentence end): the words that say what figure k is.
func (l *located) clauseAfter(k int) string {
	end := len(l.text)
	if k+1 < len(l.figs) {
		end = l.figs[k+1].start
	}
	return aztext.LowerFold(l.text[l.figs[k].end:end])
}

// source returns the source entry of figure k.
func (l *located) source(k int) Source {
	// Copies: a source must not keep the report it quotes alive.
	return Source{Measure: l.measure.ID(), Figure: strings.Clone(l.figs[k].Text), Sentence: strings.Clone(l.text)}
}

// eachSentence calls fn for every narrative sentence of the reports, in
// order, until fn returns true.
func eachSentence(reports iter.Seq[*corpus.Report], fn func(l *located) bool) {
	for r := range reports {
		if r == nil {
			continue
		}
		for i := range r.Measures {
			for _, l := range measureSentences(&r.Measures[i], r.Year) {
				if fn(l) {
					return
				}
			}
		}
	}
}

// measureSentences returns the narrative sentences of one measure with
// their figures; year is the year assumed for dates written without one.
func measureSentences(m *corpus.Measure, year int) []*located {
	var out []*located
	for _, b := range m.Narrative {
		for _, s := range sentences(aztext.NFC(b.Text)) {
			out = append(out, &located{measure: m, year: year, text: s, folded: collapseSpace(aztext.LowerFold(s)), figs: extractSpans(s, year)})
		}
	}
	return out
}

// countsIs reports whether a figure counts the given (folded) thing.
func countsIs(f figSpan, stemFolded string) bool {
	return strings.HasPrefix(aztext.LowerFold(f.Counts), stemFolded)
}

// notFound builds the error for a chart whose sentence is missing.
func notFound(chart, what string) error {
	return fmt.Errorf("analytics: chart %s: %s: %w", chart, what, ErrNotFound)
}

// num formats a value for a subtitle.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// hotlineChart: appeals to the "161 – Qaynar xətt" hotline, total = initial +
// repeat, and where they went.
func hotlineChart(reports iter.Seq[*corpus.Report]) (Chart, error) {
	// sentence A: the total with initial and repeat appeals; sentence B, in
	// the same measure: where the appeals went. The first A with a B wins.
	var a, b *located
	var total, initial, repeat int
	var sent, pros, dir = -1, -1, -1
	firstA := "" // the measure of the first sentence A, for the error
	eachSentence(reports, func(l *located) bool {
		if !strings.Contains(l.folded, "qaynar xett") {
			return false
		}
		t, in, re := -1, -1, -1
		for k, f := range l.figs {
			switch {
			case f.Unit != UnitCount:
			case f.Qualifier == QualTotal && countsIs(f, "muraciet"):
				t = k
			case f.Qualifier == QualOf && countsIs(f, "ilkin"):
				in = k
			case f.Qualifier == QualOf && countsIs(f, "tekrar"):
				re = k
			}
		}
		if t < 0 || in < 0 || re < 0 {
			return false
		}
		if firstA == "" {
			firstA = l.measure.ID()
		}
		for _, lb := range measureSentences(l.measure, l.year) {
			if s, p, d, ok := hotlineDestinations(lb); ok {
				b, sent, pros, dir = lb, s, p, d
				a, total, initial, repeat = l, t, in, re
				return true
			}
		}
		return false
	})
	if firstA == "" {
		return Chart{}, notFound(ChartHotlineAppeals, `the sentence giving the "Qaynar xətt" hotline's total appeals ("cəmi N müraciət") with initial ("N-i ilkin") and repeat ("N-ü təkrar") appeals`)
	}
	if b == nil {
		return Chart{}, notFound(ChartHotlineAppeals, fmt.Sprintf(`in measure %s, the sentence saying how many appeals were sent on ("N-i … göndərilmiş"), examined by the Prosecutor's Office ("N-si Prokurorluğun …") and by the Anti-Corruption Directorate ("N-ü … Baş İdarəsində")`, firstA))
	}
	tv := a.figs[total].Value
	c := Chart{
		ID:       ChartHotlineAppeals,
		Title:    Text{AZ: "“161 – Qaynar xətt”ə daxil olmuş müraciətlər", EN: "Appeals to the “161 Hotline”"},
		Subtitle: Text{AZ: "Cəmi " + num(tv) + " müraciət: növünə və baxıldığı yerə görə", EN: num(tv) + " appeals in total, by type and by where they were handled"},
		Kind:     KindStackedBar,
		XLabel:   Text{AZ: "Bölgü", EN: "Breakdown"},
		YLabel:   Text{AZ: "Müraciətlərin sayı", EN: "Number of appeals"},
		Categories: []Text{
			{AZ: "Cəmi", EN: "Total"},
			{AZ: "Növünə görə", EN: "By type"},
			{AZ: "Baxıldığı yerə görə", EN: "By where handled"},
		},
		Series: []Series{
			{Name: Text{AZ: "Cəmi müraciət", EN: "All appeals"}, Values: []float64{tv, 0, 0}, Unit: UnitCount, Stack: "appeals"},
			{Name: Text{AZ: "İlkin", EN: "Initial"}, Values: []float64{0, a.figs[initial].Value, 0}, Unit: UnitCount, Stack: "appeals"},
			{Name: Text{AZ: "Təkrar", EN: "Repeat"}, Values: []float64{0, a.figs[repeat].Value, 0}, Unit: UnitCount, Stack: "appeals"},
			{Name: Text{AZ: "Aidiyyəti üzrə nazirlik, komitə və təşkilatlara göndərilib", EN: "Sent to the ministries, committees and organisations concerned"}, Values: []float64{0, 0, b.figs[sent].Value}, Unit: UnitCount, Stack: "appeals"},
			{Name: Text{AZ: "Prokurorluğun struktur qurumlarında araşdırılıb", EN: "Examined by units of the Prosecutor's Office"}, Values: []float64{0, 0, b.figs[pros].Value}, Unit: UnitCount, Stack: "appeals"},
			{Name: Text{AZ: "Korrupsiyaya qarşı Mübarizə Baş İdarəsində araşdırılıb", EN: "Examined by the Anti-Corruption Directorate"}, Values: []float64{0, 0, b.figs[dir].Value}, Unit: UnitCount, Stack: "appeals"},
		},
		Sources: []Source{a.source(total), a.source(initial), a.source(repeat), b.source(sent), b.source(pros), b.source(dir)},
	}
	return c, nil
}

// hotlineDestinations finds in lb the appeals sent on (s), examined by the
// Prosecutor's Office (p) and by the Anti-Corruption Directorate (d), as
// indexes into lb.figs; ok is false unless all three are there.
func hotlineDestinations(lb *located) (s, p, d int, ok bool) {
	s, p, d = -1, -1, -1
	for k, f := range lb.figs {
		if f.Qualifier != QualOf || !countsIs(f, "muraciet") {
			continue
		}
		c := lb.clauseAfter(k)
		switch {
		case strings.Contains(c, "bas idare") || strings.Contains(c, "korrupsiyaya qarsi mubarize"):
			d = k
		case strings.Contains(c, "prokurorlug"):
			p = k
		case strings.Contains(c, "gonder"):
			s = k
		}
	}
	return s, p, d, s >= 0 && p >= 0 && d >= 0
}

// municipalCoverageChart: municipalities with computers, with internet
// access, and submitting acts through the portal, as shares and counts.
func municipalCoverageChart(reports iter.Seq[*corpus.Report]) (Chart, error) {
	type pair struct {
		l        *located
		pct, cnt int
	}
	var comp, inet, portal *pair
	eachSentence(reports, func(l *located) bool {
		for k, f := range l.figs {
			if f.Unit != UnitPercent || !countsIs(f, "belediyye") {
				continue
			}
			// "… 73%-dək (ümumilikdə 1044 bələdiyyə)": the count follows the share
			if k+1 < len(l.figs) && l.figs[k+1].Unit == UnitCount && countsIs(l.figs[k+1], "belediyye") && f.Qualifier != QualShare {
				intro := l.clauseBefore(k)
				switch {
				case strings.Contains(intro, "internet"): // checked first: it may follow the computers' clause
					if inet == nil {
						inet = &pair{l, k, k + 1}
					}
				case comp == nil && strings.Contains(intro, "komputer"):
					comp = &pair{l, k, k + 1}
				}
			}
			// "870 (61%) bələdiyyə üzrə aktların portal vasitəsilə …": the share follows the count
			if f.Qualifier == QualShare && k > 0 && portal == nil && strings.Contains(l.folded, "portal") {
				portal = &pair{l, k, k - 1}
			}
		}
		return comp != nil && inet != nil && portal != nil
	})
	var missing []string
	if comp == nil {
		missing = append(missing, `municipalities with computers ("kompüter … bələdiyyələrin sayı N%-dək (ümumilikdə N bələdiyyə)")`)
	}
	if inet == nil {
		missing = append(missing, `municipalities with internet access ("internetə çıxışı olanların sayı N%-dək (ümumilikdə N bələdiyyə)")`)
	}
	if portal == nil {
		missing = append(missing, `municipalities using the portal ("N (N%) bələdiyyə … portal")`)
	}
	if len(missing) > 0 {
		return Chart{}, notFound(ChartMunicipalCoverage, strings.Join(missing, "; "))
	}
	ps := []*pair{comp, inet, portal}
	// One unit per axis: the chart draws the shares; each category names
	// its count, which the sources quote too.
	c := Chart{
		ID:       ChartMunicipalCoverage,
		Title:    Text{AZ: "Bələdiyyələrin rəqəmsal əhatəsi", EN: "Digital coverage of municipalities"},
		Subtitle: Text{AZ: "Kompüter, internet və portaldan istifadə: bələdiyyələrin payı, %", EN: "Computers, internet access and portal use: share of municipalities, %"},
		Kind:     KindBar,
		XLabel:   Text{AZ: "Göstərici", EN: "Indicator"},
		YLabel:   Text{AZ: "Bələdiyyələrin payı, %", EN: "Share of municipalities, %"},
		Series: []Series{
			{Name: Text{AZ: "Bələdiyyələrin payı, %", EN: "Share of municipalities, %"}, Unit: UnitPercent},
		},
	}
	names := []Text{
		{AZ: "Kompüter avadanlığı ilə təmin olunub", EN: "Equipped with computers"},
		{AZ: "İnternetə çıxışı var", EN: "With internet access"},
		{AZ: "Aktları portal vasitəsilə təqdim edir", EN: "Submitting acts through the portal"},
	}
	for i, p := range ps {
		n := num(p.l.figs[p.cnt].Value)
		c.Categories = append(c.Categories, Text{AZ: names[i].AZ + " (" + n + " bələdiyyə)", EN: names[i].EN + " (" + n + " municipalities)"})
		c.Series[0].Values = append(c.Series[0].Values, p.l.figs[p.pct].Value)
		c.Sources = append(c.Sources, p.l.source(p.pct), p.l.source(p.cnt))
	}
	return c, nil
}

// eCourtChart: courts using the "Elektron məhkəmə" system out of all courts.
func eCourtChart(reports iter.Seq[*corpus.Report]) (Chart, error) {
	var l0 *located
	var part, whole int
	eachSentence(reports, func(l *located) bool {
		if !measureMentions(l.measure, "elektron mehkeme") {
			return false
		}
		for k, f := range l.figs {
			if k > 0 && f.Qualifier == QualOf && countsIs(f, "mehkeme") && countsIs(l.figs[k-1], "mehkeme") {
				l0, part, whole = l, k, k-1
				return true
			}
		}
		return false
	})
	if l0 == nil {
		return Chart{}, notFound(ChartECourtRollout, `in a measure on the "Elektron məhkəmə" system, the sentence giving the courts using it ("N məhkəmənin M-də")`)
	}
	p, w := l0.figs[part].Value, l0.figs[whole].Value
	return Chart{
		ID:       ChartECourtRollout,
		Title:    Text{AZ: "“Elektron məhkəmə” sisteminin tətbiqi", EN: "Roll-out of the “E-Court” system"},
		Subtitle: Text{AZ: num(w) + " məhkəmənin " + num(p) + "-də tətbiq edilir", EN: "In use in " + num(p) + " of " + num(w) + " courts"},
		Kind:     KindBar,
		XLabel:   Text{AZ: "Məhkəmələr", EN: "Courts"},
		YLabel:   Text{AZ: "Məhkəmələrin sayı", EN: "Number of courts"},
		Categories: []Text{
			{AZ: "Sistem tətbiq edilən məhkəmələr", EN: "Courts using the system"},
			{AZ: "Bütün məhkəmələr", EN: "All courts"},
		},
		Series:  []Series{{Name: Text{AZ: "Məhkəmələr", EN: "Courts"}, Values: []float64{p, w}, Unit: UnitCount}},
		Sources: []Source{l0.source(part), l0.source(whole)},
	}, nil
}

// measureMentions reports whether a measure's title or narrative contains
// the folded phrase.
func measureMentions(m *corpus.Measure, phrase string) bool {
	if strings.Contains(collapseSpace(aztext.LowerFold(m.Title)), phrase) {
		return true
	}
	for _, b := range m.Narrative {
		if strings.Contains(collapseSpace(aztext.LowerFold(b.Text)), phrase) {
			return true
		}
	}
	return false
}

// asanIndexChart: public services evaluated on the "ASAN xidmət" index, by
// kind of body.
func asanIndexChart(reports iter.Seq[*corpus.Report]) (Chart, error) {
	kinds := []struct {
		key  string
		name Text
	}{
		{"merkezi icra", Text{AZ: "Mərkəzi icra hakimiyyəti orqanları", EN: "Central executive bodies"}},
		{"yerli icra", Text{AZ: "Yerli icra hakimiyyəti orqanları", EN: "Local executive bodies"}},
		{"huquqi sex", Text{AZ: "Kommunal xidmət göstərən hüquqi şəxslər", EN: "Utility companies (legal entities)"}},
	}
	var l0 *located
	var total int
	var svc, bodies []int
	eachSentence(reports, func(l *located) bool {
		if !strings.Contains(l.folded, "asan xidmet indeksi") {
			return false
		}
		t := -1
		for k, f := range l.figs {
			if f.Qualifier == QualTotal && countsIs(f, "xidmet") {
				t = k
			}
		}
		if t < 0 {
			return false
		}
		s := make([]int, len(kinds))
		b := make([]int, len(kinds))
		for i := range kinds {
			s[i], b[i] = -1, -1
		}
		for k := 1; k < t; k++ {
			f := l.figs[k]
			if f.Unit != UnitCount || !countsIs(f, "xidmet") || l.figs[k-1].Unit != UnitCount {
				continue
			}
			group := aztext.LowerFold(l.figs[k-1].Counts) + " " + l.clauseBefore(k)
			for i, kd := range kinds {
				if s[i] < 0 && strings.Contains(group, kd.key) {
					s[i], b[i] = k, k-1
					break
				}
			}
		}
		for i := range kinds {
			if s[i] < 0 {
				return false
			}
		}
		l0, total, svc, bodies = l, t, s, b
		return true
	})
	if l0 == nil {
		return Chart{}, notFound(ChartASANIndex, `the sentence on the "ASAN xidmət indeksi" evaluation giving the services of central executive bodies, local executive bodies and utility companies and their total ("ümumilikdə N xidmət")`)
	}
	tv := l0.figs[total].Value
	// One unit per axis: the chart draws the services; each category names
	// its number of bodies, which the sources quote too.
	c := Chart{
		ID:       ChartASANIndex,
		Title:    Text{AZ: "“ASAN xidmət” indeksi üzrə qiymətləndirilən xidmətlər", EN: "Public services evaluated on the “ASAN service” index"},
		Subtitle: Text{AZ: "Ümumilikdə " + num(tv) + " xidmət, qurumların növünə görə", EN: num(tv) + " services in total, by kind of body"},
		Kind:     KindHorizontalBar,
		XLabel:   Text{AZ: "Qurumun növü", EN: "Kind of body"},
		YLabel:   Text{AZ: "Xidmətlərin sayı", EN: "Number of services"},
		Series: []Series{
			{Name: Text{AZ: "Qiymətləndirilən xidmətlər", EN: "Services evaluated"}, Unit: UnitCount},
		},
	}
	for i, kd := range kinds {
		n := num(l0.figs[bodies[i]].Value)
		c.Categories = append(c.Categories, Text{AZ: kd.name.AZ + " (" + n + " qurum)", EN: kd.name.EN + " (" + n + " bodies)"})
		c.Series[0].Values = append(c.Series[0].Values, l0.figs[svc[i]].Value)
		c.Sources = append(c.Sources, l0.source(svc[i]), l0.source(bodies[i]))
	}
	c.Sources = append(c.Sources, l0.source(total))
	return c, nil
}

// agencyScorecardChart: measures naming each body, stacked by status.
func agencyScorecardChart(reports iter.Seq[*corpus.Report]) (Chart, error) {
	var ag agencyCounter
	var sources []Source
	in := interner{}
	for r := range reports {
		if r == nil {
			continue
		}
		ag.add(r)
		for _, m := range r.Measures {
			for _, a := range m.Agencies {
				sources = append(sources, Source{Measure: in.get(m.ID()), Figure: in.get(a.ID), Sentence: in.get(a.Sentence)})
			}
		}
	}
	sums := ag.summaries()
	if len(sums) == 0 {
		return Chart{}, notFound(ChartAgencyScorecard, "no measure names a body (were the reports annotated?)")
	}
	c := Chart{
		ID:       ChartAgencyScorecard,
		Title:    Text{AZ: "Qurumlar üzrə tədbirlər", EN: "Agency scorecard"},
		Subtitle: Text{AZ: "Qurumun adı çəkilən tədbirlərin sayı, icra vəziyyətinə görə", EN: "Measures naming each body, by implementation status"},
		Kind:     KindHorizontalBar,
		XLabel:   Text{AZ: "Qurum", EN: "Body"},
		YLabel:   Text{AZ: "Tədbirlərin sayı", EN: "Number of measures"},
		Series:   statusSeries(len(sums)),
		Sources:  sources,
	}
	for i, s := range sums {
		c.Categories = append(c.Categories, Text{AZ: s.Agency.Name, EN: s.Agency.NameEN})
		for j, st := range Statuses() {
			c.Series[j].Values[i] = float64(s.Counts[st])
		}
	}
	return c, nil
}
