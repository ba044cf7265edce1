package analytics

import (
	"testing"

	"github.com/hesabat/hesabat/corpus"
)

func BenchmarkAnnotate(b *testing.B) {
	r, err := corpus.Default()
	if err != nil {
		b.Fatal(err)
	}
	g := defaultGazetteer(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := AnnotateWith(r, g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnnotateDefaultGazetteer(b *testing.B) {
	r, err := corpus.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Annotate(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCharts(b *testing.B) {
	r := annotatedDefault(b)
	reps := []*corpus.Report{r}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Charts(reps); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAgencies(b *testing.B) {
	reps := []*corpus.Report{annotatedDefault(b)}
	b.ReportAllocs()
	for b.Loop() {
		Agencies(reps)
	}
}

func BenchmarkExtractFigures(b *testing.B) {
	s := "Daxil olmuş 5131 müraciətin 4265-i nəzarətdə saxlanmaqla aidyyəti üzrə nazirlik, komitə və təşkilatlara göndərilmiş, 392-si Prokurorluğun müvafiq struktur qurumlarında, 474-ü isə Azərbaycan Respublikasının Baş prokuroru yanında Korrupsiyaya qarşı Mübarizə Baş İdarəsində araşdırılmışdır."
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		ExtractFigures(s, "r/1.7", 2021)
	}
}
