package chart

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/hesabat/hesabat/analytics"
)

// The option of a chart is built in small steps: go-echarts draws the
// series and axes (seriesOption), the result becomes plain maps (plain),
// and each of the following sets one concern on them: colours and value
// labels (styleSeries), the axes (styleAxes), the legend (styleLegend), the
// title and the rest (finish). The page's script (templates/fragment.html)
// then sizes the chart to its content: it wraps titles, legend and labels to
// the width it is drawn at and grows the height to fit them.

// labelColor is the colour of value labels drawn outside bars and points
// (on the page's white): the page's body text.
const labelColor = "#1b1b1b"

// option builds the option object for c.
func option(c analytics.Chart, s settings) (map[string]any, error) {
	if err := Validate(c); err != nil {
		return nil, err
	}
	cats := texts(c.Categories, s.lang)
	out, err := plain(c.ID, seriesOption(c, cats, s))
	if err != nil {
		return nil, err
	}
	styleSeries(out, c)
	if c.Kind != kindPie {
		styleAxes(out, c, s.lang)
	}
	styleLegend(out, c)
	finish(out, c, s)
	return out, nil
}

// texts picks every label in lang.
func texts(ts []analytics.Text, lang string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = pick(t, lang)
	}
	return out
}

// seriesOption draws c's series (and for bars and lines its axes) with go-echarts.
func seriesOption(c analytics.Chart, cats []string, s settings) map[string]any {
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: s.elementID, Renderer: s.renderer, AssetsHost: "/"}),
		charts.WithTitleOpts(opts.Title{Title: pick(c.Title, s.lang), Subtitle: pick(c.Subtitle, s.lang), Left: "8", Top: "4"}),
	}
	switch c.Kind {
	case kindPie:
		p := charts.NewPie()
		p.SetGlobalOptions(global...)
		for i, ser := range c.Series {
			data := make([]opts.PieData, len(cats))
			for j, v := range ser.Values {
				data[j] = opts.PieData{Name: cats[j], Value: v}
			}
			n := len(c.Series)
			center := []string{fmt.Sprintf("%.4g%%", 100*(2*float64(i)+1)/(2*float64(n))), "50%"}
			p.AddSeries(pick(ser.Name, s.lang), data,
				charts.WithPieChartOpts(opts.PieChart{Radius: fmt.Sprintf("%d%%", min(60, 140/(n+1))), Center: center}))
		}
		p.Validate()
		return p.JSON()
	case kindLine:
		l := charts.NewLine()
		l.SetGlobalOptions(append(global,
			charts.WithXAxisOpts(opts.XAxis{Type: "category"}), charts.WithYAxisOpts(opts.YAxis{Type: "value"}))...)
		l.SetXAxis(cats)
		for _, ser := range c.Series {
			data := make([]opts.LineData, len(ser.Values))
			for j, v := range ser.Values {
				data[j] = opts.LineData{Value: v}
			}
			l.AddSeries(pick(ser.Name, s.lang), data)
		}
		l.Validate()
		return l.JSON()
	default:
		b := charts.NewBar()
		horizontal := sideways(c.Kind, cats)
		if horizontal {
			// XYReversal below moves the categories to the y axis.
			b.SetGlobalOptions(append(global,
				charts.WithXAxisOpts(opts.XAxis{Type: "value"}), charts.WithYAxisOpts(opts.YAxis{Type: "category"}))...)
		} else {
			b.SetGlobalOptions(append(global,
				charts.WithXAxisOpts(opts.XAxis{Type: "category"}), charts.WithYAxisOpts(opts.YAxis{Type: "value"}))...)
		}
		b.SetXAxis(cats)
		for _, ser := range c.Series {
			data := make([]opts.BarData, len(ser.Values))
			for j, v := range ser.Values {
				data[j] = opts.BarData{Value: v}
			}
			b.AddSeries(pick(ser.Name, s.lang), data, charts.WithBarChartOpts(opts.BarChart{Stack: stackOf(c, ser)}))
		}
		if horizontal {
			b.XYReversal()
		}
		b.Validate()
		return b.JSON()
	}
}

// stackOf returns the stack a bar series is drawn in ("" for side by side).
func stackOf(c analytics.Chart, ser analytics.Series) string {
	if ser.Stack == "" && c.Kind == kindStackedBar {
		return "total"
	}
	return ser.Stack
}

// plain turns a go-echarts option into plain maps and slices (a JSON round
// trip), so that the steps below can set what go-echarts has no field for.
func plain(id string, obj map[string]any) (map[string]any, error) {
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("chart: chart %q: encode option: %w", id, err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("chart: chart %q: decode option: %w", id, err)
	}
	return out, nil
}

// seriesColor returns the colour of series i of c: its status's colour, or
// the next colour of the palette.
func seriesColor(c analytics.Chart, i int) string {
	if st := c.Series[i].Status; st != "" {
		return StatusColor(st)
	}
	p := SeriesColors()
	return p[i%len(p)]
}

// styleSeries colours the series (by status where they count one) and
// places their value labels where they can be read: inside stacked bars in
// the text colour with the most contrast on the fill, elsewhere beside the
// bar or point in the body text colour.
func styleSeries(out map[string]any, c analytics.Chart) {
	series, _ := out["series"].([]any)
	for i, x := range series {
		m, ok := x.(map[string]any)
		if !ok || i >= len(c.Series) {
			continue
		}
		color := seriesColor(c, i)
		label := map[string]any{"show": true, "color": labelColor, "fontSize": 12}
		switch m["type"] {
		case "pie":
			m["data"] = colorPie(m["data"], c)
			label["formatter"] = "{c}"
			m["avoidLabelOverlap"] = true
		case "bar":
			m["itemStyle"] = map[string]any{"color": color}
			m["barMaxWidth"] = 64 // few categories: bars, not walls
			label["position"] = "top"
			if isHorizontal(out) {
				label["position"] = "right"
			}
			if stackOf(c, c.Series[i]) != "" {
				label["position"] = "inside"
				label["color"] = TextOn(color)
			}
		case "line":
			m["itemStyle"] = map[string]any{"color": color}
			m["lineStyle"] = map[string]any{"color": color, "width": 2}
			label["position"] = "top"
		}
		m["label"] = label
	}
}

// colorPie colours each slice of a pie: by the category's status where the
// chart has them, else with the palette in order.
func colorPie(data any, c analytics.Chart) any {
	items, _ := data.([]any)
	p := SeriesColors()
	for j, x := range items {
		d, ok := x.(map[string]any)
		if !ok {
			continue
		}
		color := p[j%len(p)]
		if j < len(c.CategoryStatus) {
			color = StatusColor(c.CategoryStatus[j])
		}
		d["itemStyle"] = map[string]any{"color": color}
	}
	return items
}

// isHorizontal reports whether an option draws its categories on the
// vertical axis (sideways bars).
func isHorizontal(out map[string]any) bool {
	ax := firstAxis(out, "yAxis")
	return ax != nil && ax["type"] == "category"
}

// styleAxes names the axes after what they show (XLabel the categories,
// YLabel the values, whichever way they are drawn), gives count axes whole
// steps and percent axes a 0–100 % scale, and lets category labels wrap
// instead of being cut or dropped. The page's script sets the label widths
// for the width the chart is drawn at.
func styleAxes(out map[string]any, c analytics.Chart, lang string) {
	catKey, valKey := "xAxis", "yAxis"
	if isHorizontal(out) {
		catKey, valKey = "yAxis", "xAxis"
	}
	cat, val := firstAxis(out, catKey), firstAxis(out, valKey)
	if cat == nil || val == nil {
		return
	}
	cat["name"] = pick(c.XLabel, lang)
	cat["axisLabel"] = map[string]any{"interval": 0, "overflow": "break", "width": 96, "lineHeight": 15, "hideOverlap": false, "color": labelColor}
	cat["nameTextStyle"] = map[string]any{"color": labelColor, "fontWeight": "bold"}
	val["name"] = pick(c.YLabel, lang)
	val["nameTextStyle"] = map[string]any{"color": labelColor, "fontWeight": "bold"}
	valLabel := map[string]any{"color": labelColor}
	switch c.Series[0].Unit {
	case analytics.UnitPercent:
		val["max"] = 100
		valLabel["formatter"] = "{value}%"
	default:
		val["minInterval"] = 1 // counts: no 0.5 steps
	}
	val["axisLabel"] = valLabel
	if catKey == "yAxis" {
		cat["inverse"] = true // the first category on top
		cat["nameLocation"] = "start"
		val["nameLocation"] = "middle"
		val["nameGap"] = 28
	} else {
		cat["nameLocation"] = "middle"
		cat["nameGap"] = 32
		val["nameLocation"] = "end"
		// The name sits above the axis's top end: start it there, so that
		// it is not cut at the chart's left edge.
		val["nameTextStyle"].(map[string]any)["align"] = "left"
	}
}

// styleLegend shows a legend when there is more than one series (or a pie's
// slices to name), all of it: the page's script wraps it onto as many rows
// as it needs and makes room for them; it is never paged.
func styleLegend(out map[string]any, c analytics.Chart) {
	show := len(c.Series) > 1 || c.Kind == kindPie
	out["legend"] = map[string]any{
		"show": show, "type": "plain", "bottom": 4, "left": 8, "right": 8,
		"itemGap": 12, "itemWidth": 18, "itemHeight": 12,
		"textStyle": map[string]any{"color": labelColor, "fontSize": 12, "lineHeight": 15, "overflow": "break"},
	}
}

// finish sets the title's sizes (the page's script wraps it), the tooltip,
// the grid the script adjusts, and turns off ECharts' own aria description
// (which reads made-up sentences with wrong numbers in English): the
// container carries a description written in the page's language instead.
func finish(out map[string]any, c analytics.Chart, s settings) {
	if t, ok := out["title"].(map[string]any); ok {
		t["textStyle"] = map[string]any{"fontSize": 16, "lineHeight": 20, "color": labelColor}
		t["subtextStyle"] = map[string]any{"fontSize": 12, "lineHeight": 16, "color": "#4a4a4a"}
		t["itemGap"] = 8
		if s.hideTitle {
			t["show"] = false
		}
	}
	trigger := "axis"
	if c.Kind == kindPie {
		trigger = "item"
	}
	out["tooltip"] = map[string]any{"show": true, "trigger": trigger, "confine": true}
	if c.Kind != kindPie {
		out["grid"] = map[string]any{"top": 56, "left": 12, "right": 24, "bottom": 16, "containLabel": true}
	}
	out["aria"] = map[string]any{"enabled": false}
	out["color"] = SeriesColors()
	delete(out, "toolbox")
}

// longLabel is the length in characters beyond which category labels don't
// fit under vertical bars.
const longLabel = 24

// sideways reports whether a chart of the kind is drawn with horizontal bars:
// horizontal_bar charts, and bar or stacked_bar charts with a category label
// longer than longLabel characters, which would not fit under the bars.
func sideways(kind string, categories []string) bool {
	switch kind {
	case kindHorizontalBar:
		return true
	case kindBar, kindStackedBar:
		for _, c := range categories {
			if utf8.RuneCountInString(c) > longLabel {
				return true
			}
		}
	}
	return false
}

// firstAxis returns the first axis of the given kind in an option object.
func firstAxis(option map[string]any, key string) map[string]any {
	axes, ok := option[key].([]any)
	if !ok || len(axes) == 0 {
		return nil
	}
	ax, _ := axes[0].(map[string]any)
	return ax
}

// Option returns the ECharts option for c in lang as JSON that is safe to
// write into a <script> element: <, >, &, U+2028 and U+2029 are escaped.
// It is built with go-echarts; the page's script adds what JSON cannot carry
// (value formatting, and the layout that fits the chart to its width).
func Option(c analytics.Chart, lang string, o Options) ([]byte, error) {
	s, err := resolve(c, lang, o)
	if err != nil {
		return nil, err
	}
	obj, err := option(c, s)
	if err != nil {
		return nil, err
	}
	return marshalScriptSafe(obj)
}
