package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// langCookie remembers the language a visitor chose with ?lang=.
const langCookie = "hesabat_lang"

// words holds the interface text in each language, by key. Templates read
// it as .T.key; TestWordsComplete checks both languages have every key.
var words = map[string]map[string]string{
	corpus.LangAZ: {
		"site":                "Hesabat",
		"tagline":             "Dövlət hesabatlarında axtarış və analitika",
		"skip":                "Məzmuna keç",
		"nav_search":          "Axtarış",
		"nav_agencies":        "Qurumlar",
		"nav_measures":        "Tədbirlər",
		"breadcrumb":          "Yer",
		"builder_title":       "Qrafik qurucusu",
		"builder_intro":       "Dəyərləri yazın və ya tədbirin rəqəmlərindən, axtarışın süzgəclərindən başlayın. Qrafik bütünlüklə ünvanındadır: ünvanı paylaşın, saytınıza yerləşdirin və ya yükləyin.",
		"builder_chart_title": "Qrafikin başlığı",
		"builder_type":        "Qrafikin növü",
		"builder_bar":         "Sütun",
		"builder_line":        "Xətt",
		"builder_pie":         "Dairə",
		"builder_unit":        "Vahid",
		"builder_count":       "Say",
		"builder_percent":     "Faiz",
		"builder_rows":        "Dəyərlər",
		"builder_label":       "Ad",
		"builder_value":       "Dəyər",
		"builder_hint":        "Boş sətirlər nəzərə alınmır; ən azı iki dəyər lazımdır.",
		"builder_submit":      "Qrafiki qur",
		"builder_share":       "Bu qrafikin ünvanı",
		"builder_open":        "Qrafik qurucusunda dəyişdir",
		"builder_untitled":    "Adsız qrafik",
		"builder_err_type":    "Qrafikin növü %q deyil: sütun, xətt və ya dairə seçin.",
		"builder_err_unit":    "Vahid %q deyil: say və ya faiz seçin.",
		"builder_err_title":   "Başlıq ən çoxu %d simvol ola bilər.",
		"builder_err_rows":    "Ən çoxu %d dəyər ola bilər.",
		"builder_err_pair":    "%d-ci sətirdə həm ad, həm dəyər lazımdır.",
		"builder_err_value":   "%d-ci sətirdəki dəyər (%q) rəqəm deyil.",
		"builder_err_label":   "%d-ci sətirdəki ad ən çoxu %d simvol ola bilər.",
		"builder_err_few":     "Qrafik üçün ən azı iki dəyər yazın.",
		"chart_these":         "Bu rəqəmlərin qrafikini qur",
		"unit_money":          "manat",
		"export_capped":       "Qeyd: %[2]d nəticədən yalnız ilk %[1]d-i ixrac olunub; axtarışı daraldın.",
		"export_all":          "Bütün nəticələr",
		"sort_label":          "Sıralama",
		"sort_relevance":      "uyğunluğa görə",
		"sort_number":         "nömrəyə görə",
		"sort_status":         "icra vəziyyətinə görə",
		"size_label":          "Səhifədə",
		"sort_too_many":       "%d-dən çox nəticəni sıralamaq olmur; nəticələr uyğunluğa görədir. Axtarışı daraldın.",
		"this_page":           "bu səhifə",
		"charts_using":        "Bu tədbirin rəqəmləri olan qrafiklər",
		"measures_title":      "Bütün tədbirlər",
		"measures_intro":      "Hesabatların bütün tədbirləri bölmələr üzrə, icra vəziyyəti ilə.",
		"not_found_text":      "Bu ünvanda səhifə yoxdur. Keçid köhnəlmiş ola bilər və ya ünvanda hərf səhvi var.",
		"not_found_next":      "Buradan davam edin:",
		"nav_dashboard":       "Qrafiklər",
		"nav_lang":            "English",
		"nav_lang_label":      "Dil",
		"query_label":         "Açar sözlər",
		"query_hint":          "Məsələn: müraciət, bələdiyyələrin internetə çıxışı, \"qaynar xətt\", -məhkəmə",
		"search_button":       "Axtar",
		"suggestions":         "Təkliflər",
		"suggest_terms":       "Sözlər",
		"suggest_measures":    "Tədbirlər",
		"suggest_count":       "%d təklif var; oxlarla seçin",
		"filters":             "Süzgəclər",
		"apply":               "Tətbiq et",
		"clear":               "Süzgəcləri sıfırla",
		"facet_section":       "Bölmə",
		"facet_agency":        "Qurum",
		"facet_year":          "İl",
		"facet_status":        "İcra vəziyyəti",
		"facet_report":        "Hesabat",
		"results":             "nəticə",
		"results_for":         "sorğusu üzrə",
		"took":                "Axtarış müddəti",
		"ms":                  "ms",
		"no_results":          "Heç nə tapılmadı. Başqa sözlərlə və ya daha az süzgəclə yoxlayın.",
		"as_json":             "JSON kimi",
		"as_csv":              "CSV kimi",
		"facet_chart":         "Bu axtarışın qrafiki",
		"prev":                "Əvvəlki",
		"next":                "Növbəti",
		"page":                "Səhifə",
		"pagination":          "Səhifələr",
		"measure":             "Tədbir",
		"section":             "Bölmə",
		"period":              "İcra müddəti",
		"agencies":            "Qurumlar",
		"status":              "İcra vəziyyəti",
		"evidence":            "Əsas",
		"figures":             "Rəqəmlər",
		"refs":                "İstinadlar",
		"related":             "Əlaqəli tədbirlər",
		"narrative":           "İcra barədə məlumat",
		"notes":               "Qeydlər",
		"source_line":         "Mənbə sətri",
		"report":              "Hesabat",
		"as_json_measure":     "Bu tədbir JSON kimi",
		"agencies_title":      "Qurumlar: tədbirlər və icra vəziyyəti",
		"agency":              "Qurum",
		"total":               "Cəmi",
		"measures":            "Tədbirlər",
		"scorecard":           "Qiymət kartı",
		"by_status":           "Tədbirlər icra vəziyyətinə görə",
		"mentioned_in":        "Qeyd olunduğu cümlə",
		"abbrev":              "Qısaltmalar",
		"dashboard_title":     "Qrafiklər",
		"dashboard_intro":     "Hər qrafikin rəqəmləri hesabatın mətnindən götürülüb; mənbə cümlələri qrafik səhifəsindədir.",
		"embed":               "Saytınıza yerləşdirin",
		"embed_label":         "Yerləşdirmə kodu",
		"copy":                "Kopyala",
		"embed_size":          "Ölçü",
		"size_full":           "Səhifənin eni",
		"size_small":          "Kiçik",
		"size_medium":         "Orta",
		"size_large":          "Böyük",
		"embed_note":          "Çərçivənin ölçüsü",
		"copy_embed":          "Yerləşdirmə kodunu kopyala",
		"copied":              "Kopyalandı",
		"downloads":           "Yüklə",
		"download_png":        "PNG",
		"download_svg":        "SVG",
		"download_csv":        "CSV",
		"download_json":       "JSON",
		"download_hint":       "PNG və SVG şəkillərində başlıq, mənbə və tarix olur.",
		"open_chart":          "Qrafik səhifəsi",
		"sources":             "Mənbələr",
		"chart_data":          "Məlumat cədvəli",
		"not_found":           "Səhifə tapılmadı",
		"error":               "Xəta",
		"back_home":           "Axtarışa qayıt",
		"status_badge":        "Vəziyyət",
		"score":               "Uyğunluq",
		"no_js":               "Qrafiklər üçün JavaScript lazımdır; məlumatlar aşağıdakı cədvəldədir.",
		"footer":              "Hesabat — açıq mənbəli axtarış və analitika. Məlumatlar hesabatların mətnindəndir.",
		"api":                 "API",
		"upload_done":         "Hesabat yükləndi",
		"none":                "yoxdur",
		"measure_count":       "tədbir",
		"search_in_agency":    "Bu qurumun tədbirlərində axtar",
		"chart_by":            "Qrafik üzrə",
		"back_to_search":      "Axtarışa qayıt",
		"role":                "Rolu",
		"role_responsible":    "İcraçı",
		"role_recipient":      "Ünvanlanan",
		"role_mentioned":      "Adı çəkilən",
		"role_any":            "Hər hansı rolda",
		"facet_report_year":   "Hesabat ili",
		"then_now":            "Əvvəl və indi: icra vəziyyəti və rəqəmlər",
		"did_you_mean":        "Bəlkə bunu nəzərdə tutursunuz:",
		"search_help":         "Axtarış qaydaları",
		"relaxed_none":        "Heç bir tədbirdə bütün %[1]d söz yoxdur; %[1]d sözdən ən azı %[2]d sözə uyğun gələn nəticələr göstərilir.",
		"relaxed_some":        "Bütün %[2]d sözə uyğun gələn %[1]d tədbirdən sonra %[2]d sözdən ən azı %[3]d sözə uyğun gələnlər göstərilir.",
		"searched_as":         "Azərbaycan dilində axtarıldı:",
		"help_title":          "Axtarış qaydaları",
	},
	corpus.LangEN: {
		"site":                "Hesabat",
		"tagline":             "Search and analytics for public reports",
		"skip":                "Skip to content",
		"nav_search":          "Search",
		"nav_agencies":        "Agencies",
		"nav_measures":        "Measures",
		"breadcrumb":          "Breadcrumb",
		"builder_title":       "Chart builder",
		"builder_intro":       "Type in values, or start from a measure's figures or a search's filters. The whole chart is in its address: share it, embed it or download it.",
		"builder_chart_title": "Chart title",
		"builder_type":        "Chart type",
		"builder_bar":         "Bar",
		"builder_line":        "Line",
		"builder_pie":         "Pie",
		"builder_unit":        "Unit",
		"builder_count":       "Count",
		"builder_percent":     "Percent",
		"builder_rows":        "Values",
		"builder_label":       "Label",
		"builder_value":       "Value",
		"builder_hint":        "Empty rows are skipped; at least two values are needed.",
		"builder_submit":      "Build the chart",
		"builder_share":       "This chart's address",
		"builder_open":        "Change it in the chart builder",
		"builder_untitled":    "Untitled chart",
		"builder_err_type":    "Chart type %q is not one of bar, line, pie.",
		"builder_err_unit":    "Unit %q is not count or percent.",
		"builder_err_title":   "The title can have at most %d characters.",
		"builder_err_rows":    "At most %d values.",
		"builder_err_pair":    "Row %d needs both a label and a value.",
		"builder_err_value":   "The value in row %d (%q) is not a number.",
		"builder_err_label":   "The label in row %d can have at most %d characters.",
		"builder_err_few":     "Type at least two values for a chart.",
		"chart_these":         "Chart these figures",
		"unit_money":          "manat",
		"export_capped":       "Note: only the first %[1]d of %[2]d results were exported; narrow the search.",
		"export_all":          "All results",
		"sort_label":          "Sort",
		"sort_relevance":      "by relevance",
		"sort_number":         "by number",
		"sort_status":         "by status",
		"size_label":          "Per page",
		"sort_too_many":       "More than %d results cannot be sorted; they are listed by relevance. Narrow the search.",
		"this_page":           "this page",
		"charts_using":        "Charts with this measure's figures",
		"measures_title":      "All measures",
		"measures_intro":      "Every measure of the reports, by section, with its status.",
		"not_found_text":      "There is no page at this address. The link may be out of date, or the address mistyped.",
		"not_found_next":      "Carry on from here:",
		"nav_dashboard":       "Charts",
		"nav_lang":            "Azərbaycanca",
		"nav_lang_label":      "Language",
		"query_label":         "Keywords",
		"query_hint":          "For example: müraciət, municipal internet access, \"qaynar xətt\", -məhkəmə",
		"search_button":       "Search",
		"suggestions":         "Suggestions",
		"suggest_terms":       "Words",
		"suggest_measures":    "Measures",
		"suggest_count":       "%d suggestions; use the arrow keys",
		"filters":             "Filters",
		"apply":               "Apply",
		"clear":               "Clear filters",
		"facet_section":       "Section",
		"facet_agency":        "Agency",
		"facet_year":          "Year",
		"facet_status":        "Status",
		"facet_report":        "Report",
		"results":             "results",
		"results_for":         "for",
		"took":                "Search time",
		"ms":                  "ms",
		"no_results":          "Nothing found. Try other words or fewer filters.",
		"as_json":             "as JSON",
		"as_csv":              "as CSV",
		"facet_chart":         "Chart of this search",
		"prev":                "Previous",
		"next":                "Next",
		"page":                "Page",
		"pagination":          "Pages",
		"measure":             "Measure",
		"section":             "Section",
		"period":              "Period",
		"agencies":            "Agencies",
		"status":              "Status",
		"evidence":            "Evidence",
		"figures":             "Figures",
		"refs":                "Cross-references",
		"related":             "Related measures",
		"narrative":           "Reported progress",
		"notes":               "Notes",
		"source_line":         "Source line",
		"report":              "Report",
		"as_json_measure":     "This measure as JSON",
		"agencies_title":      "Agencies: measures and their status",
		"agency":              "Agency",
		"total":               "Total",
		"measures":            "Measures",
		"scorecard":           "Scorecard",
		"by_status":           "Measures by status",
		"mentioned_in":        "Named in",
		"abbrev":              "Abbreviations",
		"dashboard_title":     "Charts",
		"dashboard_intro":     "Every number in these charts comes from the report text; the source sentences are on each chart's page.",
		"embed":               "Embed on your site",
		"embed_label":         "Embed code",
		"copy":                "Copy",
		"embed_size":          "Size",
		"size_full":           "Page width",
		"size_small":          "Small",
		"size_medium":         "Medium",
		"size_large":          "Large",
		"embed_note":          "Frame size",
		"copy_embed":          "Copy embed code",
		"copied":              "Copied",
		"downloads":           "Download",
		"download_png":        "PNG",
		"download_svg":        "SVG",
		"download_csv":        "CSV",
		"download_json":       "JSON",
		"download_hint":       "PNG and SVG images carry the title, source and date.",
		"open_chart":          "Chart page",
		"sources":             "Sources",
		"chart_data":          "Data table",
		"not_found":           "Page not found",
		"error":               "Error",
		"back_home":           "Back to search",
		"status_badge":        "Status",
		"score":               "Relevance",
		"no_js":               "Charts need JavaScript; the data is in the table below.",
		"footer":              "Hesabat — open-source search and analytics. Data comes from the reports' text.",
		"api":                 "API",
		"upload_done":         "Report uploaded",
		"none":                "none",
		"measure_count":       "measures",
		"search_in_agency":    "Search this agency's measures",
		"chart_by":            "Chart by",
		"back_to_search":      "Back to the search",
		"role":                "Role",
		"role_responsible":    "Responsible",
		"role_recipient":      "Recipient",
		"role_mentioned":      "Mentioned",
		"role_any":            "Any role",
		"facet_report_year":   "Report year",
		"then_now":            "Then and now: status and figures",
		"did_you_mean":        "Did you mean:",
		"search_help":         "How to search",
		"relaxed_none":        "No measure matches all %[1]d words; showing results that match at least %[2]d of %[1]d words.",
		"relaxed_some":        "%[1]d measures match all %[2]d words; after them come results that match at least %[3]d of %[2]d words.",
		"searched_as":         "Searched in Azerbaijani as:",
		"help_title":          "How to search",
	},
}

// statusLabel names st in lang, as analytics labels it.
func statusLabel(st corpus.Status, lang string) string {
	t := analytics.StatusLabel(st)
	if lang == corpus.LangEN {
		return t.EN
	}
	return t.AZ
}

// pick returns t in lang.
func pick(t analytics.Text, lang string) string {
	if lang == corpus.LangEN && t.EN != "" {
		return t.EN
	}
	return t.AZ
}

// chooseLang returns the request's interface language: ?lang= when it names
// a language (and remembers it in a cookie), else the cookie, else the
// best match of the browser's Accept-Language, else Azerbaijani. Every link
// of a page carries its language (linksWithLang), so the cookie and the
// header only decide for a bare URL.
func chooseLang(c *gin.Context) string {
	if q, ok := c.GetQuery("lang"); ok {
		switch q {
		case corpus.LangAZ, corpus.LangEN:
			if isEmbed(c.Request.URL.Path) {
				// An embed on another site must not change the visitor's
				// language on this one.
				return q
			}
			http.SetCookie(c.Writer, &http.Cookie{
				Name: langCookie, Value: q, Path: "/",
				MaxAge: int((365 * 24 * time.Hour).Seconds()), HttpOnly: true,
				SameSite: http.SameSiteLaxMode, Secure: c.Request.TLS != nil,
			})
			return q
		}
	}
	if v, err := c.Cookie(langCookie); err == nil && (v == corpus.LangAZ || v == corpus.LangEN) {
		return v
	}
	return acceptLang(c.GetHeader("Accept-Language"))
}

// langMatcher matches a browser's preferred languages against the interface
// languages. It is never modified after init; Azerbaijani comes first, so
// it is the answer when nothing matches.
var langMatcher = language.NewMatcher([]language.Tag{language.Azerbaijani, language.English})

// acceptLang returns the interface language that best fits an
// Accept-Language header: English for "en-GB,en;q=0.9", Azerbaijani for
// "az", for "ru, az;q=0.5", for languages neither matches, and for none.
func acceptLang(header string) string {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return corpus.LangAZ
	}
	_, i, conf := langMatcher.Match(tags...)
	if i == 1 && conf != language.No {
		return corpus.LangEN
	}
	return corpus.LangAZ
}

// withLang returns u's path and query with lang set to lang.
func withLang(u *url.URL, lang string) string {
	q := u.Query()
	q.Set("lang", lang)
	return u.Path + "?" + q.Encode()
}
