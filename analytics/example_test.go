package analytics_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

func ExampleAnnotate() {
	r, err := corpus.Default()
	if err != nil {
		log.Fatal(err)
	}
	if err := analytics.Annotate(r); err != nil {
		log.Fatal(err)
	}
	for _, m := range r.Measures {
		if m.Number != "2.1" {
			continue
		}
		fmt.Println(m.Status)
		fmt.Println(m.StatusEvidence)
		for _, a := range m.Agencies {
			fmt.Printf("%s (%s): %q\n", a.NameEN, a.ID, a.Text)
		}
	}
	// Output:
	// completed
	// Bənd Maliyyə Nazirliyi tərəfindən tam icra edilmişdir.
	// National Assembly (Milli Majlis) (milli-majlis): "Milli Məclisinə"
	// Ministry of Finance (ministry-of-finance): "Maliyyə Nazirliyi"
}

func ExampleChartByID() {
	r, err := corpus.Default()
	if err != nil {
		log.Fatal(err)
	}
	c, err := analytics.ChartByID([]*corpus.Report{r}, analytics.ChartECourtRollout)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Title.EN, "-", c.Subtitle.EN)
	os.Stdout.Write(c.CSV())
	fmt.Println(c.Sources[0].Measure, c.Sources[0].Figure)
	// Output:
	// Roll-out of the “E-Court” system - In use in 77 of 117 courts
	// category_az,category_en,Məhkəmələr / Courts
	// Sistem tətbiq edilən məhkəmələr,Courts using the system,77
	// Bütün məhkəmələr,All courts,117
	// ogp-nap-2021-report/4.8 77-də
}

func ExampleExtractFigures() {
	s := "2021-ci il ərzində “161 – Qaynar xətt” əlaqə mərkəzinə cəmi 5131 müraciət daxil olmuşdur ki, onlardan 4438-i ilkin, 693-ü isə təkrar müraciətdir."
	for _, f := range analytics.ExtractFigures(s, "ogp-nap-2021-report/1.7", 2021) {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%-12s %6v %-6s %-6s %s", f.Text, f.Value, f.Unit, f.Qualifier, f.Counts)))
	}
	// Output:
	// 2021-ci il     2021 year
	// 5131           5131 count  total  müraciət
	// 4438-i         4438 count  of     ilkin
	// 693-ü           693 count  of     təkrar
}

func ExampleGazetteer_Match() {
	g, err := analytics.DefaultGazetteer()
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range g.Match("Sənəd layihəsi Ədliyyə Naziliyi tərəfindən hazırlanmışdır.", "Layihə Nazirliyin saytında yerləşdirilib.") {
		fmt.Println(m.ID, m.Text)
	}
	// Output:
	// ministry-of-justice Ədliyyə Naziliyi
}

func ExampleAgencies() {
	r, err := corpus.Default()
	if err != nil {
		log.Fatal(err)
	}
	if err := analytics.Annotate(r); err != nil {
		log.Fatal(err)
	}
	// Responsible bodies, by default: those that did the work.
	for _, s := range analytics.Agencies([]*corpus.Report{r})[:3] {
		fmt.Println(s.Agency.ID, s.Total, s.Counts["in_progress"])
	}
	// The Cabinet is mostly the body things are submitted to.
	for _, s := range analytics.AgenciesWithRoles([]*corpus.Report{r}) {
		if s.Agency.ID == "cabinet-of-ministers" {
			fmt.Println(s.Agency.ID, s.Total, s.Roles)
		}
	}
	// Output:
	// asan 11 10
	// ministry-of-finance 9 7
	// ministry-of-justice 6 2
	// cabinet-of-ministers 12 map[mentioned:4 recipient:6 responsible:2]
}
