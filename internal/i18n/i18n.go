// Package i18n holds what every human sentence landcat writes needs to be
// written in its reader's language: the languages, catalogues of messages
// with named placeholders ("{value}", "{limit}"), and the formatting of
// numbers, quantities with units, dates and lists in each language.
//
// Catalogues belong to the packages that write the sentences (the matcher
// keeps its own); this package knows no message. It depends on the
// standard library only.
package i18n

// Languages are the languages landcat publishes names and sentences in;
// the first is the default.
var Languages = []string{"vi", "en", "ko", "ja", "zh"}

// Lang is one of Languages, by position.
type Lang uint8

// The languages.
const (
	VI Lang = iota // Vietnamese, the default
	EN             // English
	KO             // Korean
	JA             // Japanese
	ZH             // Chinese (simplified)

	numLangs = 5
)

// Default is the language of a reader who states none.
const Default = VI

// Parse returns the language named by a code of Languages.
func Parse(code string) (Lang, bool) {
	for i, l := range Languages {
		if l == code {
			return Lang(i), true
		}
	}
	return Default, false
}

// String returns the language's code ("vi").
func (l Lang) String() string {
	if int(l) < len(Languages) {
		return Languages[l]
	}
	return "?"
}
