package catalog_test

import (
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
)

func TestCheckText(t *testing.T) {
	cases := []struct {
		name, body string
		want       []catalog.Problem // messages: a prefix
	}{
		{"clean", `{"a":"Lô \u00f4 ok","b":["\\u0000 is text"]}`, nil},
		{"surrogate pair", `{"a":"\ud83d\ude00"}`, nil},
		{"NUL escape", `{"properties":{"name_vi":"a\u0000b"}}`, []catalog.Problem{{Pointer: "/properties/name_vi", Message: `must not contain the NUL character (\u0000)`}}},
		{"raw NUL", "{\"a\":\"x\x00\"}", []catalog.Problem{{Pointer: "/a", Message: "must not contain the NUL"}}},
		{"invalid byte", "{\"a\":{\"b\":\"ok\xffno\"}}", []catalog.Problem{{Pointer: "/a/b", Message: "is not valid UTF-8 (byte 0xff at offset 13)"}}},
		{"lone high surrogate", `{"a":"\ud800"}`, []catalog.Problem{{Pointer: "/a", Message: `contains \ud800, half of a UTF-16 surrogate pair, which is not a character`}}},
		{"high then not low", `{"a":"\ud800\u0041"}`, []catalog.Problem{{Pointer: "/a", Message: `contains \ud800`}}},
		{"lone low surrogate", `{"a":"x\uDC00"}`, []catalog.Problem{{Pointer: "/a", Message: `contains \udc00`}}},
		{"array index", `{"a":["ok","\u0000"]}`, []catalog.Problem{{Pointer: "/a/1", Message: "must not contain the NUL"}}},
		{"escaped pointer", `{"a/b":{"c~d":"\u0000"}}`, []catalog.Problem{{Pointer: "/a~1b/c~0d", Message: "must not contain the NUL"}}},
		{"member name", `{"properties":{"na\u0000me":1}}`, []catalog.Problem{{Pointer: "/properties/na\uFFFDme", Message: "the member name must not contain the NUL"}}},
		{"member name and value", "{\"k\xfe\":\"\\ud800\"}", []catalog.Problem{
			{Pointer: "/k\uFFFD", Message: "the member name is not valid UTF-8 (byte 0xfe at offset 3)"},
			{Pointer: "/k\uFFFD", Message: `contains \ud800`}}},
		{"outside any string", "{\"a\":1}\xff", []catalog.Problem{{Pointer: "", Message: "the body is not valid UTF-8 (byte 0xff at offset 7)"}}},
		{"top-level string", "\"\xc3\"", []catalog.Problem{{Pointer: "", Message: "the body is not valid UTF-8 (byte 0xc3 at offset 1)"}}},
		{"truncated escape", `{"a":"\ud8`, nil},
		{"backslash at the end", "{\"\x9b0000\\", []catalog.Problem{{Pointer: "/\uFFFD0000\\", Message: "the member name is not valid UTF-8 (byte 0x9b at offset 2)"}}},
		{"syntax error first", "{\"a\" 1, \"b\":\"\\u0000\"}", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := catalog.CheckText([]byte(c.body))
			if len(got) != len(c.want) {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
			for i, w := range c.want {
				if got[i].Pointer != w.Pointer || !strings.HasPrefix(got[i].Message, w.Message) {
					t.Errorf("problem %d = %+v, want %+v", i, got[i], w)
				}
			}
		})
	}
}

func TestCheckTextCapsProblems(t *testing.T) {
	body := `{"a":[` + strings.Repeat(`"\u0000",`, 150) + `"x"]}`
	got := catalog.CheckText([]byte(body))
	if len(got) != catalog.MaxProblems+1 {
		t.Fatalf("got %d problems, want %d", len(got), catalog.MaxProblems+1)
	}
	if last := got[len(got)-1]; last.Pointer != "/a/100" || last.Message != "and 50 more strings that landcat cannot store are not listed" {
		t.Errorf("last problem %+v", last)
	}
}
