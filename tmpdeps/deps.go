package tmpdeps

import (
	_ "github.com/blevesearch/bleve/v2"
	_ "github.com/gin-gonic/gin"
	_ "github.com/go-echarts/go-echarts/v2/charts"
	_ "golang.org/x/text/cases"
	_ "github.com/chromedp/chromedp"
)
