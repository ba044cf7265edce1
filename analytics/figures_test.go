package analytics

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hesabat/hesabat/aztext"
	"github.com/hesabat/hesabat/corpus"
)

// fig renders a figure compactly for comparison.
func fig(f corpus.Figure) string {
	s := fmt.Sprintf("%s=%s %s", f.Text, num(f.Value), f.Unit)
	if f.Qualifier != "" {
		s += " " + f.Qualifier
	}
	if f.Counts != "" {
		s += " [" + f.Counts + "]"
	}
	return s
}

func TestExtractFigures(t *testing.T) {
	tests := []struct {
		name     string
		sentence string
		want     []string
	}{
		{"total appeals", "əlaqə mərkəzinə cəmi 5131 müraciət daxil olmuşdur.", []string{"5131=5131 count total [müraciət]"}},
		{"initial and repeat", "onlardan 4438-i ilkin, 693-ü isə təkrar müraciətdir.", []string{"4438-i=4438 count of [ilkin]", "693-ü=693 count of [təkrar]"}},
		{"parts of a whole", "Daxil olmuş 5131 müraciətin 4265-i göndərilmiş, 392-si Prokurorluğun qurumlarında, 474-ü isə Baş İdarəsində araşdırılmışdır.",
			[]string{"5131=5131 count [müraciət]", "4265-i=4265 count of [müraciət]", "392-si=392 count of [müraciət]", "474-ü=474 count of [müraciət]"}},
		{"percent up to with count", "bələdiyyələrin sayı 73%-dək (ümumilikdə 1044 bələdiyyə), internetə çıxışı olanların sayı isə 70%-dək (ümumilikdə 1002 bələdiyyə) artmışdır.",
			[]string{"73%-dək=73 percent up_to [bələdiyyə]", "1044=1044 count total [bələdiyyə]", "70%-dək=70 percent up_to [bələdiyyə]", "1002=1002 count total [bələdiyyə]"}},
		{"n of m courts", "Hazırda 117 məhkəmənin 77-də bu sistem tətbiq edilir.", []string{"117=117 count [məhkəmə]", "77-də=77 count of [məhkəmə]"}},
		{"services", "ümumilikdə 399 xidmətin qiymətləndirilməsi", []string{"399=399 count total [xidmət]"}},
		{"count with share", "2021-ci il ərzində 870 (61%) bələdiyyə üzrə aktların", []string{"2021-ci il=2021 year", "870=870 count [bələdiyyə]", "61%=61 percent share [bələdiyyə]"}},
		{"more than millions", "bu 3.1 milyondan  çox vətəndaşın xidmətdən istifadə etməsinə", []string{"3.1 milyondan  çox=3100000 count more_than [vətəndaş]"}},
		{"more than thousands", "hazırda 200 mindən çox istifadəçisi olan", []string{"200 mindən çox=200000 count more_than [istifadəçi]"}},
		{"more than, suffix on number", "qurumların 150-dən artıq nümayəndəsinin iştirakı", []string{"150-dən artıq=150 count more_than [nümayəndə]"}},
		{"more than, suffix on noun", "90 nəfərdən artıq nümayəndəsi iştirak etmişdir", []string{"90=90 count more_than [nəfər]"}},
		{"about", "20-ə yaxın məlumat yerləşdirilmişdir", []string{"20-ə yaxın=20 count about [məlumat]"}},
		{"attributive", "13 dövlət qurumunun ümumilikdə 260 əməkdaşı üçün", []string{"13=13 count [dövlət qurum]", "260=260 count total [əməkdaş]"}},
		{"dotted date", "21.10.2020-ci il tarixli məktubla", []string{"21.10.2020-ci il=20201021 date"}},
		{"year month day", "2021-ci il sentyabrın 8-də Nazirliyin", []string{"2021-ci il sentyabrın 8-də=20210908 date"}},
		{"year day month", "Prezidentinin 2021-ci il 22 iyun tarixli 1376 nömrəli Fərmanının", []string{"2021-ci il 22 iyun=20210622 date"}},
		{"day month year", "Nazirlər Kabinetinin 21 oktyabr 2020-ci il tarixli 404 nömrəli Qərarı", []string{"21 oktyabr 2020-ci il=20201021 date"}},
		{"list of days", "2021-ci il iyunun 11-də, 18-də və 30-da vebinar keçirilmişdir.", []string{"2021-ci il iyunun 11-də=20210611 date", "18-də=20210618 date", "30-da=20210630 date"}},
		{"day without year takes the context", "Oktyabrın 20-də videotəlim keçirilmişdir.", []string{"Oktyabrın 20-də=20211020 date"}},
		{"day range", "2020-ci il sentyabrın 7─18-də proqramda", []string{"2020-ci il sentyabrın 7─18-də=20200907 date"}},
		{"month", "2021-ci ilin dekabr ayı ərzində", []string{"2021-ci ilin dekabr ayı=202112 month"}},
		{"typo in month", "2021-ci il dekabrn 17-də", []string{"2021-ci il dekabrn 17-də=20211217 date"}},
		{"year range", "2020─2021-ci illərdə qiymətləndirilmə", []string{"2020─2021-ci illərdə=2020 year_range"}},
		{"law and decree numbers are not figures", "15.12.2017-ci il tarixli 918-VQD nömrəli Qanunla, 479 və 480 nömrəli qərarları", []string{"15.12.2017-ci il=20171215 date"}},
		{"articles and ordinals are not figures", "Qanununun 20.2-ci və 20.7-ci maddələrinə, 3-cü rübü", nil},
		{"quoted names are not figures", "“161 – Qaynar xətt” əlaqə mərkəzinə, “916” vahid qaynar xətt, 161.az portalı", nil},
		{"standards are not figures", "İSO 37001 və CETS 198 standartları", nil},
		{"references are not figures", "Bax cavab 5.2", nil},
		{"speed", "1 ədəd 3 Mbit/s sürətli ADSL qoşulması", []string{"1=1 count [ədəd]", "3=3 mbit_per_s [mbit]"}},
		{"comma stops counts", "sayı 57, rayon", []string{"57=57 count"}},
		{"money", "layihəyə 2.5 milyon manat ayrılıb, 300 mindən çox manat", []string{"2.5 milyon=2500000 money [manat]", "300 mindən çox=300000 money more_than [manat]"}},
		{"no numbers", "Komissiya tövsiyə edir.", nil},
		{"invalid date", "31.02.2021-ci il", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range ExtractFigures(tc.sentence, "r/1.1", 2021) {
				got = append(got, fig(f))
				if f.Measure != "r/1.1" || f.Sentence != tc.sentence {
					t.Errorf("figure %q: measure %q, sentence %q", f.Text, f.Measure, f.Sentence)
				}
				if !strings.Contains(tc.sentence, f.Text) {
					t.Errorf("figure text %q is not in the sentence", f.Text)
				}
			}
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestCountsStem checks that what a figure counts is stemmed by aztext's
// stemmer as the figures want it: case, possessive and plural endings off,
// derivations and known words kept.
func TestCountsStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"müraciətin", "müraciət"}, {"məhkəmənin", "məhkəmə"}, {"qurumunun", "qurum"}, {"bələdiyyələrin", "bələdiyyə"},
		{"ilkin", "ilkin"}, {"bələdiyyə", "bələdiyyə"}, {"tövsiyə", "tövsiyə"}, {"xidməti", "xidmət"}, {"nəfərdən", "nəfər"},
		{"istifadəçisi", "istifadəçi"}, {"dildə", "dil"}, {"təkrar", "təkrar"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := aztext.NewStemmer(false).Stem(tc.in); got != tc.want {
				t.Errorf("Stem(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"two", "Birinci cümlədir. İkinci cümlə.", []string{"Birinci cümlədir.", "İkinci cümlə."}},
		{"abbreviation", "göstəricilər və s. ilə yanaşı, əsas parametrlər.", []string{"göstəricilər və s. ilə yanaşı, əsas parametrlər."}},
		{"date", "21.10.2020-ci il tarixli məktub. 2021-ci ildə davam etdi.", []string{"21.10.2020-ci il tarixli məktub.", "2021-ci ildə davam etdi."}},
		{"quote after stop", "“Mərkəz” yaradıldı.” Sonra “Portal” açıldı.", []string{"“Mərkəz” yaradıldı.”", "Sonra “Portal” açıldı."}},
		{"empty", "  ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentences(tc.text)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func FuzzExtractFigures(f *testing.F) {
	for _, s := range []string{
		"cəmi 5131 müraciət daxil olmuşdur ki, onlardan 4438-i ilkin, 693-ü isə təkrar müraciətdir.",
		"73%-dək (ümumilikdə 1044 bələdiyyə)", "117 məhkəmənin 77-də", "870 (61%) bələdiyyə", "3.1 milyondan  çox vətəndaşın",
		"2021-ci il iyunun 11-də, 18-də və 30-da", "21.10.2020-ci il", "2020─2021-ci illərdə", "“161 – Qaynar xətt”", "918-VQD nömrəli",
		"9999999999999999999999-i", "1.2.3.4.5", "%-", "-ci il 31-də", "2021-ci il fevralın 30-da",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		figs := extractSpans(s, 2021)
		prevEnd := 0
		for _, fs := range figs {
			if fs.start < 0 || fs.end > len(s) || fs.start >= fs.end {
				t.Fatalf("bad span [%d,%d) in %q", fs.start, fs.end, s)
			}
			if fs.start < prevEnd {
				t.Fatalf("overlapping figures in %q", s)
			}
			prevEnd = fs.end
			if !strings.Contains(s, fs.Text) || fs.Text == "" {
				t.Fatalf("figure text %q not in %q", fs.Text, s)
			}
			if !utf8.ValidString(fs.Text) && utf8.ValidString(s) {
				t.Fatalf("figure text %q is not valid UTF-8", fs.Text)
			}
			if fs.Value != fs.Value { // NaN
				t.Fatalf("NaN value in %q", s)
			}
			if fs.Unit == UnitDate {
				d := int(fs.Value)
				if !validDate(d/10000, d/100%100, d%100) {
					t.Fatalf("invalid date %v from %q", fs.Value, s)
				}
			}
		}
	})
}
