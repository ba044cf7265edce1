package corpus

// The languages a report's names and an interface's labels come in, as
// codes: every package that takes a language takes one of these.
const (
	// LangAZ is Azerbaijani, the language of the reports and the default.
	LangAZ = "az"
	// LangEN is English.
	LangEN = "en"
)

// NameIn returns the agency's name in lang: its English name for LangEN
// when it has one, else its Azerbaijani name, else its ID.
func (a Agency) NameIn(lang string) string {
	if lang == LangEN && a.NameEN != "" {
		return a.NameEN
	}
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}
