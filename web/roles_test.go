package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/analytics"
)

func TestAgencyRoles(t *testing.T) {
	r := defaultReport(t)
	ts := newServer(t, Config{}, r)
	total := func(body []byte, id string) int {
		var sums []analytics.AgencySummary
		if err := json.Unmarshal(body, &sums); err != nil {
			t.Fatal(err)
		}
		for _, s := range sums {
			if s.Agency.ID == id {
				return s.Total
			}
		}
		return 0
	}
	tests := []struct {
		name, target string
		cabinet      int // measures counted for the Cabinet of Ministers
	}{
		{"responsible by default", "/api/agencies", 2},
		{"recipient", "/api/agencies?role=recipient", 6},
		{"mentioned", "/api/agencies?role=mentioned", 4},
		{"any role", "/api/agencies?role=any", 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.get(t, tc.target)
			if w.Code != http.StatusOK {
				t.Fatalf("%s: %d", tc.target, w.Code)
			}
			if got := total(w.Body.Bytes(), "cabinet-of-ministers"); got != tc.cabinet {
				t.Errorf("Cabinet counted in %d measures, want %d", got, tc.cabinet)
			}
		})
	}
	if w := ts.get(t, "/api/agencies?role=boss"); w.Code != http.StatusBadRequest {
		t.Errorf("role=boss: %d, want 400", w.Code)
	}
	// the agencies page offers the roles and counts the one asked for
	w := ts.get(t, "/agencies?role=recipient&lang=en")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `aria-current="page">Recipient`) {
		t.Errorf("/agencies?role=recipient: %d, no current role in %.300s", w.Code, w.Body.String())
	}
	// a body found only as mentioned still has a page, with its measures
	w = ts.get(t, "/agencies/birlesmis-milletler-teskilatinin-tehlukesizlik-surasi")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Birləşmiş Millətlər Təşkilatının Təhlükəsizlik Şurası") {
		t.Errorf("page of a body only mentioned: %d", w.Code)
	}
	// the search page has the role switch in the agency facet
	w = ts.get(t, "/?role=recipient&lang=en")
	if !strings.Contains(w.Body.String(), `<option value="recipient" selected>Recipient</option>`) {
		t.Errorf("search page has no selected role option")
	}
}
