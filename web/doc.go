// Package web serves Hesabat over HTTP with gin: HTML pages, the JSON API,
// charts rendered with go-echarts, and the embedded templates and assets.
package web
