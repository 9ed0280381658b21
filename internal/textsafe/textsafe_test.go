package textsafe

import "testing"

func TestWordAndText(t *testing.T) {
	for _, c := range []struct{ in, word, text string }{
		{"read", "read", "read"},
		{"", `""`, ""},
		{"a b", `"a b"`, "a b"},
		{"\x1b[2J", `"\x1b[2J"`, `"\x1b[2J"`},
		{"x\xff", `"x\xff"`, `"x\xff"`},
		{"\u009b31m", `"\u009b31m"`, `"\u009b31m"`},
		{"line\nforged", `"line\nforged"`, `"line\nforged"`},
	} {
		if got := Word(c.in); got != c.word {
			t.Errorf("Word(%q) = %s, want %s", c.in, got, c.word)
		}
		if got := Text(c.in); got != c.text {
			t.Errorf("Text(%q) = %s, want %s", c.in, got, c.text)
		}
	}
}
