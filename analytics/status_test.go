package analytics

import (
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

func TestMeasureStatus(t *testing.T) {
	tests := []struct {
		name     string
		sents    []string
		want     corpus.Status
		evidence int // index of the evidence sentence, -1 for none
	}{
		{"fully implemented", []string{"Bənd Maliyyə Nazirliyi tərəfindən tam icra edilmişdir.", "Belə ki, məlumat yerləşdirilmişdir."}, corpus.StatusCompleted, 0},
		{"fully carried out", []string{"Bəndin icrası tam həyata keçirilmişdir."}, corpus.StatusCompleted, 0},
		{"item implemented in 2020", []string{"Bənd 2020-ci ildə icra edilmişdir."}, corpus.StatusCompleted, 0},
		{"continues", []string{"Sənəd hazırlanmışdır.", "Tədbirlərin görülməsi davam etdirilir."}, corpus.StatusInProgress, 1},
		{"being done", []string{"Texniki işlər icra edilməkdədir:"}, corpus.StatusInProgress, 0},
		{"will be done", []string{"Tədbirlər həyata keçiriləcəkdir."}, corpus.StatusInProgress, 0},
		{"not implemented", []string{"Agentliyə aid olan bəndlər icra edilməyib."}, corpus.StatusNotImplemented, 0},
		{"not carried out", []string{"Hesabatların açıqlanması həyata keçirilməmişdir."}, corpus.StatusNotImplemented, 0},
		{"Commission recommends", []string{"İşlər görülür.", "Komissiya bəndin icrasının yekunlaşdırılmasını tövsiyə edir."}, corpus.StatusRecommendation, 1},
		{"Commission recommends, typo", []string{"Komissiya bu sahənin diqqətdə saxlanılmasını tövsiyyə edir."}, corpus.StatusRecommendation, 0},
		{"Commission notes", []string{"Bəndin icrası tam həyata keçirilmişdir.", "Komissiya qeyd edir ki, işlər təkmilləşdirilməlidir."}, corpus.StatusRecommendation, 1},
		{"recommendations without the Commission", []string{"Təklif və tövsiyələr hazırlanır."}, corpus.StatusInProgress, 0},
		{"submitted to the Commission is not its recommendation", []string{"Hesabat Komissiyaya təqdim edilmişdir."}, corpus.StatusUnknown, -1},
		{"deadline ended decides nothing", []string{"Bəndin icra müddəti 2020-ci ildə yekunlaşmışdır."}, corpus.StatusUnknown, -1},
		{"actions without a verdict", []string{"Metodologiya hazırlanmışdır və saytda yerləşdirilmişdir."}, corpus.StatusUnknown, -1},
		{"no narrative", nil, corpus.StatusUnknown, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ev := measureStatus(tc.sents)
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
