package corpus

import (
	"path/filepath"
	"strings"

	"github.com/hesabat/hesabat/aztext"
)

// maxIDLen bounds the length of a report ID.
const maxIDLen = 100

// IDFromName derives a report ID from a file name: the base name without the
// extensions ".txt"/".docx"/".pdf" and a language tag (".az", ".en"), lowercased,
// Azerbaijani letters folded to ASCII (ə→e, ş→s…) and every other run of
// characters outside [a-z0-9] turned into one "-".
// "ogp-nap-2021-report.az.txt" → "ogp-nap-2021-report".
func IDFromName(name string) (string, error) {
	base := filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	for {
		ext := strings.ToLower(filepath.Ext(base))
		if ext != ".txt" && ext != ".docx" && ext != ".pdf" {
			break
		}
		base = base[:len(base)-len(ext)]
	}
	if ext := filepath.Ext(base); len(ext) == 3 || len(ext) == 4 {
		tag := ext[1:]
		if strings.IndexFunc(tag, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 && len(base) > len(ext) {
			base = base[:len(base)-len(ext)]
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range aztext.LowerFold(base) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	id := b.String()
	if len(id) > maxIDLen {
		id = strings.TrimRight(id[:maxIDLen], "-")
	}
	if id == "" {
		return "", errorf(name, 0, "cannot derive a report id from the file name (want letters or digits, e.g. \"ogp-nap-2021-report.az.txt\")")
	}
	return id, nil
}
