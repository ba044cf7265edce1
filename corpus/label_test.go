package corpus

import (
	"strings"
	"testing"
)

func TestReportLabel(t *testing.T) {
	shipped, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, title string
		wantLabel   string
		wantPlan    string
	}{
		{"shipped", shipped.Title, "Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı 2020–2022 · 2021", "Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı"},
		{"another year", strings.Replace(shipped.Title, "2021-ci il ərzində", "2022-ci il ərzində", 1), "Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı 2020–2022 · 2022", "Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı"},
		{"no quotes, no year", "Şəffaflıq planı haqqında məlumat", "Şəffaflıq planı haqqında məlumat", "Şəffaflıq planı haqqında məlumat"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse("x.az.txt", []byte(tc.title+"\n\t1. Bölmə\n\n\t1.1\n\tTədbir\n\t2020\n\n\tMətn.\n"))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Label(); got != tc.wantLabel {
				t.Errorf("Label = %q, want %q", got, tc.wantLabel)
			}
			if got := r.Plan(); got != tc.wantPlan {
				t.Errorf("Plan = %q, want %q", got, tc.wantPlan)
			}
		})
	}
	a, _ := Parse("a.az.txt", []byte(shipped.Title+"\n\t1. Bölmə\n\n\t1.1\n\tTədbir\n\t2020\n\n\tMətn.\n"))
	b, _ := Parse("b.az.txt", []byte(strings.Replace(shipped.Title, "2021-ci il", "2022-ci il", 1)+"\n\t1. Bölmə\n\n\t1.1\n\tTədbir\n\t2020\n\n\tMətn.\n"))
	if a.PlanKey() != b.PlanKey() || a.Label() == b.Label() {
		t.Errorf("two years of one plan: keys %q, %q (want equal), labels %q, %q (want different)", a.PlanKey(), b.PlanKey(), a.Label(), b.Label())
	}
	long := &Report{ID: "x", Title: "“" + strings.Repeat("çox uzun ad ", 30) + "”", Year: 2021}
	if n := len([]rune(long.Label())); n > maxLabelRunes {
		t.Errorf("label of %d characters, want at most %d", n, maxLabelRunes)
	}
}
