package web

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestExportSearch(t *testing.T) {
	ts := newServer(t, Config{}, defaultReport(t))
	get := func(t *testing.T, path string) *httptest.ResponseRecorder {
		t.Helper()
		rec := httptest.NewRecorder()
		ts.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	var total int
	{
		rec := get(t, "/api/search?q=m%C3%BCraci%C9%99t&size=1")
		var res struct{ Total int }
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.Total <= 8 {
			t.Fatalf("the query should match more than one page: total %d, %v", res.Total, err)
		}
		total = res.Total
	}
	tests := []struct {
		name, path string
		rows       int  // data rows
		note       bool // the capped note
	}{
		{"whole result set", "/export/search.csv?q=m%C3%BCraci%C9%99t", total, false},
		{"capped with a note", "/export/search.csv?q=m%C3%BCraci%C9%99t&max=5", 5, true},
		{"English note", "/export/search.csv?q=m%C3%BCraci%C9%99t&max=3&lang=en", 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, tt.path)
			body := rec.Body.String()
			if rec.Code != http.StatusOK || !strings.HasPrefix(body, "\ufeff") {
				t.Fatalf("status %d, starts %q: want 200 and a UTF-8 BOM", rec.Code, body[:min(10, len(body))])
			}
			r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
			r.FieldsPerRecord = -1
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			rows := len(recs) - 1
			hasNote := rows > 0 && len(recs[rows]) == 1
			if hasNote {
				rows--
			}
			if rows != tt.rows || hasNote != tt.note {
				t.Errorf("%d rows, note %v; want %d rows, note %v", rows, hasNote, tt.rows, tt.note)
			}
			if strings.Contains(tt.path, "lang=en") && !strings.Contains(body, "Note: only the first 3 of") {
				t.Errorf("the note is not in English: %q", recs[len(recs)-1])
			}
		})
	}
	t.Run("JSON", func(t *testing.T) {
		rec := get(t, "/export/search.json?q=m%C3%BCraci%C9%99t&max=7")
		var out struct {
			Total, Exported int
			Truncated       bool
			Note            string
			Hits            []struct{ ID string }
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, rec.Body.String())
		}
		if out.Total != total || out.Exported != 7 || len(out.Hits) != 7 || !out.Truncated || out.Note == "" {
			t.Errorf("total %d exported %d hits %d truncated %v note %q", out.Total, out.Exported, len(out.Hits), out.Truncated, out.Note)
		}
	})
	t.Run("bad max", func(t *testing.T) {
		if rec := get(t, "/export/search.csv?max=0"); rec.Code != http.StatusBadRequest {
			t.Errorf("max=0: status %d, want 400", rec.Code)
		}
	})
}
