package corpus_test

import (
	"errors"
	"fmt"

	"github.com/hesabat/hesabat/corpus"
)

func ExampleParse() {
	text := "Nümunə Komitəsinin 2021-ci il ərzində gördüyü işlər barədə\n" +
		"\t1. Şəffaflıq tədbirləri\n" +
		"\t1.1\n" +
		"\tAçıq məlumatların dərci\n" +
		"\t2020─2022\n" +
		"\t2021-ci ildə 12 məlumat toplusu\n" +
		"dərc edilmişdir.\n" +
		"\t1.2.\n" +
		"\tPortalın yaradılması\n" +
		"\t2021\n" +
		"\tBax cavab 1.1\n"
	r, err := corpus.Parse("numune.az.txt", []byte(text))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ID, r.Year, r.Issuer)
	for _, m := range r.Measures {
		fmt.Println(m.ID(), m.Period, m.Years, m.Refs, m.Narrative[0].Text)
	}
	// Output:
	// numune 2021 Nümunə Komitəsi
	// numune/1.1 2020─2022 [2020 2021 2022] [] 2021-ci ildə 12 məlumat toplusu dərc edilmişdir.
	// numune/1.2 2021 [2021] [1.1] Bax cavab 1.1
}

func ExampleDefault() {
	r, err := corpus.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ID, len(r.Sections), len(r.Measures), r.PlanPeriod, r.Year)
	fmt.Println(r.Issuer)
	// Output:
	// ogp-nap-2021-report 9 64 2020─2022 2021
	// Azərbaycan Respublikasının Korrupsiyaya qarşı mübarizə üzrə Komissiyası
}

func ExampleParseError() {
	_, err := corpus.Parse("bad.txt", []byte("1. Bölmə\n1.1\nTədbir\n"))
	var pe *corpus.ParseError
	fmt.Println(errors.Is(err, corpus.ErrInvalid), errors.As(err, &pe), pe.Line)
	fmt.Println(err)
	// Output:
	// true true 2
	// corpus: bad.txt:2: measure 1.1 has no period line (like "2020─2022" or "2020") before line 4
}

func ExampleIDFromName() {
	id, _ := corpus.IDFromName("reports/ogp-nap-2021-report.az.docx")
	fmt.Println(id)
	// Output: ogp-nap-2021-report
}
