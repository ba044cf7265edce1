package web

import (
	"sync"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// chartCache keeps the standard charts of the reports being served: they
// cost tens of milliseconds to build and change only when the reports do.
type chartCache struct {
	mu      sync.Mutex
	reports []*corpus.Report
	charts  []analytics.Chart
	err     error
}

// sameReports reports whether a and b are the same slice (as the searcher
// hands out until its next swap).
func sameReports(a, b []*corpus.Report) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// get returns the standard charts of reports, building them once per set of
// reports. The charts are shared: callers must not modify them. err is
// analytics.Charts' error for the charts that could not be built.
func (cc *chartCache) get(reports []*corpus.Report) ([]analytics.Chart, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.reports == nil || !sameReports(cc.reports, reports) {
		cc.charts, cc.err = analytics.Charts(reports)
		cc.reports = reports
	}
	return cc.charts, cc.err
}

// standardCharts returns the standard charts of the served reports.
func (s *Server) standardCharts() ([]analytics.Chart, error) {
	return s.charts.get(s.cfg.Searcher.Reports())
}

// standardChart returns the standard chart id of the served reports.
func (s *Server) standardChart(id string) (analytics.Chart, error) {
	reports := s.cfg.Searcher.Reports()
	charts, _ := s.charts.get(reports)
	for _, c := range charts {
		if c.ID == id {
			return c, nil
		}
	}
	// Unknown, or not buildable from these reports: analytics says which.
	return analytics.ChartByID(reports, id)
}
