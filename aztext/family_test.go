package aztext

import "testing"

func TestFamily(t *testing.T) {
	cases := []struct{ name, word, want string }{
		{"verb from a noun: -laşdır", "elektronlaşdırılması", "elektron"},
		{"the root itself", "elektron", "elektron"},
		{"-lılıq", "hesabatlılıq", "hesabat"},
		{"-lıq", "şəffaflığın", "seffaf"},
		{"-çılıq", "iştirakçılıq", "istirak"},
		{"-ləndir", "qiymətləndirilməsi", "qiymet"},
		{"-ləşdir", "sadələşdirilməsi", "sade"},
		{"-çı", "xidmətçi", "xidmet"},
		{"too short a root is kept whole", "bilik", "bilik"},
		{"no derivational ending", "bələdiyyələrin", "belediyye"},
	}
	s := NewStemmer(true)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Family(s.Stem(LowerFold(c.word))); got != c.want {
				t.Errorf("Family(Stem(%q)) = %q, want %q", c.word, got, c.want)
			}
		})
	}
}
