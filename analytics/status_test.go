package analytics

import (
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

func TestMeasureStatus(t *testing.T) {
	ended := statusDates{due: 2020, year: 2021}  // a measure due in 2020, in the 2021 report
	dueNow := statusDates{due: 2021, year: 2021} // due in the report's own year
	runsOn := statusDates{due: 2022, year: 2021} // due after the report's year
	tests := []struct {
		name     string
		sents    []string
		dates    statusDates
		want     corpus.Status
		evidence int // index of the evidence sentence, -1 for none
	}{
		{"fully implemented", []string{"Bənd Maliyyə Nazirliyi tərəfindən tam icra edilmişdir.", "Belə ki, məlumat yerləşdirilmişdir."}, runsOn, corpus.StatusCompleted, 0},
		{"fully carried out", []string{"Bəndin icrası tam həyata keçirilmişdir."}, runsOn, corpus.StatusCompleted, 0},
		{"item implemented in 2020", []string{"Bənd 2020-ci ildə icra edilmişdir."}, runsOn, corpus.StatusCompleted, 0},
		{"continues", []string{"Sənəd hazırlanmışdır.", "Tədbirlərin görülməsi davam etdirilir."}, ended, corpus.StatusInProgress, 1},
		{"being done", []string{"Texniki işlər icra edilməkdədir:"}, ended, corpus.StatusInProgress, 0},
		{"will be done", []string{"Tədbirlər həyata keçiriləcəkdir."}, ended, corpus.StatusInProgress, 0},
		{"not implemented", []string{"Agentliyə aid olan bəndlər icra edilməyib."}, ended, corpus.StatusNotImplemented, 0},
		{"not carried out", []string{"Hesabatların açıqlanması həyata keçirilməmişdir."}, ended, corpus.StatusNotImplemented, 0},
		{"Commission recommends", []string{"İşlər görülür.", "Komissiya bəndin icrasının yekunlaşdırılmasını tövsiyə edir."}, ended, corpus.StatusRecommendation, 1},
		{"Commission recommends, typo", []string{"Komissiya bu sahənin diqqətdə saxlanılmasını tövsiyyə edir."}, ended, corpus.StatusRecommendation, 0},
		{"Commission notes", []string{"Bəndin icrası tam həyata keçirilmişdir.", "Komissiya qeyd edir ki, işlər təkmilləşdirilməlidir."}, ended, corpus.StatusRecommendation, 1},
		{"recommendations without the Commission", []string{"Təklif və tövsiyələr hazırlanır."}, ended, corpus.StatusInProgress, 0},

		// Past-tense results (1.1, 7.1, 3.2, 6.2, 8.2, 1.10 of the 2021 report): completed once the period has ended.
		{"methodology prepared and published, due 2020", []string{"Bu bəndin icrası ilə bağlı beynəlxalq təcrübə nəzərə alınmaqla metodologiya hazırlanmışdır.", "Hazırlanmış metodologiya Azərbaycan Respublikası Baş Prokurorluğunun rəsmi internet səhifəsində yerləşdirilmişdir."}, ended, corpus.StatusCompleted, 0},
		{"deadline ended, then the result", []string{"Bəndin icra müddəti 2020-ci ildə yekunlaşmışdır.", "İctimai şuranın yaradılması üzrə sənəd layihəsi Ədliyyə Naziliyi tərəfindən hazırlanmışdır."}, ended, corpus.StatusCompleted, 1},
		{"plural subject, due in the report's year", []string{"Dövlət Agentliyi Ədliyyə Nazirliyi ilə birgə Açıq Məlumatlar üzrə Konsepsiya layihəsi hazırlanmışlar."}, dueNow, corpus.StatusCompleted, 0},
		{"trainings held, period runs on", []string{"2021-ci il iyunun 11-də “Korrupsiya ilə mübarizə və etik davranış qaydaları” mövzusunda distant vebinar və təlimlər keçirilmişdir."}, runsOn, corpus.StatusInProgress, 0},
		{"took part (etmişlər), period runs on", []string{"Komissiya və Baş Prokurorluq tərəfindən beynəlxalq təşkilatlarla sıx əməkdaşlıq həyata keçirərək tədbirlərdə iştirak etmişlər."}, runsOn, corpus.StatusInProgress, 0},
		{"submitted, period runs on", []string{"Layihələr hazırlanaraq 21.10.2020-ci il tarixli məktubla Nazirlər Kabinetinə təqdim olunmuşdur."}, runsOn, corpus.StatusInProgress, 0},
		{"adopted, due 2020", []string{"Qanun layihəsi Milli Məclis tərəfindən qəbul edilmişdir."}, ended, corpus.StatusCompleted, 0},
		{"created, no period", []string{"Əks-əlaqə modulu yaradılmışdır."}, statusDates{}, corpus.StatusInProgress, 0},
		{"approved, due 2020", []string{"Qaydalar Nazirlər Kabinetinin qərarı ilə təsdiq edilmişdir."}, ended, corpus.StatusCompleted, 0},

		// A routine in the present (2.4, 2.6).
		{"published as a routine", []string{"Hərracların nəticələri Maliyyə Nazirliyinin rəsmi internet səhifəsində hərrac keçirilən tarixdən sonrakı gündən gec olmayaraq yerləşdirilir."}, runsOn, corpus.StatusInProgress, 0},
		{"disclosed as a routine", []string{"Məlumatlar Maliyyə Nazirliyinin saytında “Dövlət büdcəsi” bölməsində açıqlanır."}, runsOn, corpus.StatusInProgress, 0},

		{"submitted to the Commission is not its recommendation", []string{"Hesabat Komissiyaya təqdim edilmişdir."}, runsOn, corpus.StatusInProgress, 0},
		{"deadline ended decides nothing", []string{"Bəndin icra müddəti 2020-ci ildə yekunlaşmışdır."}, ended, corpus.StatusUnknown, -1},
		{"negated past is no result", []string{"Layihə hələ hazırlanmamışdır."}, ended, corpus.StatusUnknown, -1},
		{"a participle is no result", []string{"Hazırlanmış metodologiyanın tətbiqi."}, ended, corpus.StatusUnknown, -1},
		{"no narrative", nil, ended, corpus.StatusUnknown, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ev := measureStatus(tc.sents, tc.dates)
			if got != tc.want {
				t.Errorf("status %s, want %s", got, tc.want)
			}
			wantEv := ""
			if tc.evidence >= 0 {
				wantEv = tc.sents[tc.evidence]
			}
			if ev != wantEv {
				t.Errorf("evidence %q, want %q", ev, wantEv)
			}
		})
	}
}

func TestStatusLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Statuses() {
		l := StatusLabel(s)
		if l.AZ == "" || l.EN == "" || seen[l.EN] {
			t.Errorf("label of %s: %+v", s, l)
		}
		seen[l.EN] = true
	}
	if StatusLabel("") != StatusLabel(corpus.StatusUnknown) {
		t.Error("an empty status should be labelled unknown")
	}
}
