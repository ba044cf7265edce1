package corpus

import "strings"

// CSVCell returns s ready for a CSV cell that people open in a spreadsheet:
// text a spreadsheet would run as a formula (starting with = + - @, a tab or a
// carriage return) gets a leading apostrophe. Every CSV export of report text
// goes through it.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
