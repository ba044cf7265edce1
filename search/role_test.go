package search_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/search"
)

func TestAgencyRole(t *testing.T) {
	reports := defaultReports(t)
	s := newSearcher(t, reports)
	counts := map[string]int{}
	for _, sum := range analytics.AgenciesWithRoles(reports) {
		if sum.Agency.ID == "cabinet-of-ministers" {
			for role, n := range sum.Roles {
				counts[string(role)] = n
			}
			counts[search.RoleAny] = sum.Total
		}
	}
	tests := []struct {
		name  string
		query string
		role  string // the role whose count the facet must show
	}{
		{"responsible by default", "", search.RoleResponsible},
		{"responsible", "role=responsible", search.RoleResponsible},
		{"recipient", "role=recipient", search.RoleRecipient},
		{"mentioned", "role=mentioned", search.RoleMentioned},
		{"any role", "role=any", search.RoleAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tc.query)
			req, err := search.ParseRequest(v)
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Search(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, f := range res.Facets.Agency {
				if f.Value == "cabinet-of-ministers" {
					got = f.Count
				}
			}
			if got != counts[tc.role] {
				t.Errorf("agency facet counts the Cabinet in %d measures, want %d (%s)", got, counts[tc.role], tc.role)
			}
			v.Set("agency", "cabinet-of-ministers")
			req, _ = search.ParseRequest(v)
			res, err = s.Search(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if int(res.Total) != counts[tc.role] {
				t.Errorf("agency filter finds %d measures, want %d", res.Total, counts[tc.role])
			}
		})
	}
	if counts[search.RoleRecipient] <= counts[search.RoleResponsible] {
		t.Errorf("the Cabinet should be recipient more often than responsible: %v", counts)
	}
	if _, err := search.ParseRequest(url.Values{"role": {"boss"}}); err == nil || !strings.Contains(err.Error(), "role") {
		t.Errorf("role=boss: %v, want an error naming role", err)
	}
}
