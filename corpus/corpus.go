// Package corpus defines Hesabat's domain types (Report, Section, Measure,
// Agency, Figure), parses reports from plain text and .docx files, and embeds
// the default report. It imports the standard library and aztext (for NFC,
// casing and folding) only.
package corpus

// Report is one published progress report: a header, numbered sections and
// the numbered measures of an action plan with their narratives.
type Report struct {
	// ID identifies the report across an archive, e.g. "ogp-nap-2021-report".
	ID string `json:"id"`
	// Title is the report's heading as written (header lines joined).
	Title string `json:"title"`
	// Issuer is the body that published the report.
	Issuer string `json:"issuer"`
	// PlanPeriod is the action plan's period as written, e.g. "2020─2022".
	PlanPeriod string `json:"plan_period"`
	// PlanYears lists the years PlanPeriod covers.
	PlanYears []int `json:"plan_years"`
	// Year is the year whose implementation the report describes.
	Year int `json:"year"`
	// Source is the file the report was read from ("embedded:…" for the default).
	Source string `json:"source"`
	// Header holds the header lines before the first section, as written.
	Header []string `json:"header"`
	// Sections are the report's sections in document order.
	Sections []Section `json:"sections"`
	// Measures are the report's measures in document order.
	Measures []Measure `json:"measures"`
}

// Section is a numbered section of a report, grouping measures.
type Section struct {
	// Number is the section number, 1-based.
	Number int `json:"number"`
	// Title is the section heading as written, without its number.
	Title string `json:"title"`
	// Line is the 1-based source line of the heading.
	Line int `json:"line"`
}

// BlockKind tells a paragraph of narrative from an item of a list.
type BlockKind string

// The kinds of narrative block.
const (
	BlockParagraph BlockKind = "paragraph"
	BlockItem      BlockKind = "item"
)

// Block is one paragraph or list item of a measure's narrative.
type Block struct {
	Kind BlockKind `json:"kind"`
	// Marker is the list marker as written ("1.", "·"), empty for paragraphs.
	Marker string `json:"marker,omitempty"`
	// Text is the block's text with broken lines joined.
	Text string `json:"text"`
	// Line is the 1-based source line where the block starts.
	Line int `json:"line"`
}

// Status is how far a measure's implementation has come, as the narrative says.
type Status string

// The statuses a measure can have.
const (
	StatusUnknown        Status = "unknown"
	StatusCompleted      Status = "completed"
	StatusInProgress     Status = "in_progress"
	StatusNotImplemented Status = "not_implemented"
	StatusRecommendation Status = "recommendation"
)

// Measure is one numbered measure of an action plan with its reported progress.
type Measure struct {
	// Report is the ID of the report the measure belongs to.
	Report string `json:"report"`
	// Number is the measure number as normalised, e.g. "1.7" (written "8.1." → "8.1").
	Number string `json:"number"`
	// Section is the number of the section the measure belongs to.
	Section int `json:"section"`
	// Title is the measure's title as written, lines joined.
	Title string `json:"title"`
	// Notes are bracketed notes carried by the title, e.g. "(bundan sonra ─ Komissiya)".
	Notes []string `json:"notes,omitempty"`
	// Period is the implementation period as written, e.g. "2020─2022".
	Period string `json:"period"`
	// Years are the years Period covers, e.g. [2020 2021 2022].
	Years []int `json:"years"`
	// Narrative is the reported progress: paragraphs and list items.
	Narrative []Block `json:"narrative"`
	// Refs are numbers of other measures the narrative refers to ("Bax cavab 5.2" → "5.2").
	Refs []string `json:"refs,omitempty"`
	// Line is the 1-based source line of the measure number.
	Line int `json:"line"`

	// Agencies are the bodies the measure names; filled by analytics.
	Agencies []AgencyMention `json:"agencies,omitempty"`
	// Status is the implementation status; filled by analytics.
	Status Status `json:"status,omitempty"`
	// StatusEvidence is the sentence that decided Status; filled by analytics.
	StatusEvidence string `json:"status_evidence,omitempty"`
	// Figures are the numbers the narrative reports; filled by analytics.
	Figures []Figure `json:"figures,omitempty"`
}

// ID returns the measure's archive-wide identifier "<report>/<number>".
func (m *Measure) ID() string { return m.Report + "/" + m.Number }

// Agency is a government body or organisation that reports name.
type Agency struct {
	// ID is a stable slug, e.g. "ministry-of-finance".
	ID string `json:"id"`
	// Name is the Azerbaijani name.
	Name string `json:"name"`
	// NameEN is the English name.
	NameEN string `json:"name_en"`
	// Abbrev lists abbreviations and short names, e.g. "ASAN", "DVX".
	Abbrev []string `json:"abbrev,omitempty"`
	// Parent is the ID of the body this one is part of or attached to
	// ("… yanında"), empty for none or unknown.
	Parent string `json:"parent,omitempty"`
}

// AgencyMention is an agency named in a measure, with the sentence naming it.
type AgencyMention struct {
	Agency
	// Text is the matched text as written, e.g. "Maliyyə Nazirliyinin".
	Text string `json:"text"`
	// Sentence is the sentence containing the mention (for a body named
	// more than once, the one that decided Role).
	Sentence string `json:"sentence"`
	// Role is what the measure says the body did: it did the work, was
	// sent something, or is only named (see NormRole for an empty one).
	Role Role `json:"role,omitempty"`
}

// Role is the part a body plays in a measure.
type Role string

// The roles a body can have in a measure.
const (
	// RoleResponsible: the body did the work ("… tərəfindən hazırlanmışdır",
	// the subject of the verb).
	RoleResponsible Role = "responsible"
	// RoleRecipient: the body was sent or given something ("… Nazirlər
	// Kabinetinə təqdim olunmuşdur").
	RoleRecipient Role = "recipient"
	// RoleMentioned: the body is only named.
	RoleMentioned Role = "mentioned"
)

// Roles lists the roles, strongest first.
func Roles() []Role { return []Role{RoleResponsible, RoleRecipient, RoleMentioned} }

// NormRole maps an empty role to RoleResponsible (a mention annotated
// before roles existed counts as it did then: the body is the measure's)
// and an unrecognised one to RoleMentioned.
func NormRole(r Role) Role {
	switch r {
	case "":
		return RoleResponsible
	case RoleResponsible, RoleRecipient:
		return r
	}
	return RoleMentioned
}

// Figure is a number the report gives, with what it counts and its sentence.
type Figure struct {
	// Measure is the ID ("<report>/<number>") of the measure that states it.
	Measure string `json:"measure"`
	// Text is the figure as written, e.g. "73%-dək", "4438-i", "3.1 milyondan çox".
	Text string `json:"text"`
	// Value is the numeric value (73, 4438, 3100000).
	Value float64 `json:"value"`
	// Unit is "count", "percent", "date", "year", "money" or similar.
	Unit string `json:"unit"`
	// Counts says what the number counts, e.g. "müraciət", "bələdiyyə".
	Counts string `json:"counts,omitempty"`
	// Qualifier is "more_than", "up_to", "of" etc. where the text says so.
	Qualifier string `json:"qualifier,omitempty"`
	// Sentence is the sentence that states the figure.
	Sentence string `json:"sentence"`
}
