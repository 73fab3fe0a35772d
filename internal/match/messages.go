package match

import (
	"github.com/landcat/landcat/internal/i18n"
)

// messages are the matcher's sentences and terms in every language of
// i18n.Languages: messages_<lang>.go, checked against English by
// Messages().Check() in the tests.
var messages = i18n.NewCatalogue(map[string]i18n.Texts{
	"vi": messagesVI, "en": messagesEN, "ko": messagesKO, "ja": messagesJA, "zh": messagesZH,
})

// Messages returns the catalogue of the matcher's sentences, for checks.
func Messages() *i18n.Catalogue { return messages }

// printerFor returns the printer of a Request.Lang: "" (and any unknown
// code, which ParseRequest's callers refuse) means English.
func printerFor(lang string) i18n.Printer {
	l, ok := i18n.Parse(lang)
	if !ok {
		l = i18n.EN
	}
	return messages.Printer(l)
}
