// Package analytics derives agencies, statuses, figures and chart series from
// parsed reports. It is plain data: no index, no HTTP, no chart rendering.
package analytics
