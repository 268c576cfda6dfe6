package position

import "testing"

func TestFormat(t *testing.T) {
	cases := []struct {
		file      string
		line, col int
		want      string
	}{
		{"a.yaml", 3, 7, "a.yaml:3:7: bad"},
		{"a.yaml", 3, 0, "a.yaml:3: bad"},
		{"a.yaml", 0, 7, "a.yaml: bad"},
		{"", 3, 7, "3:7: bad"},
		{"", 0, 0, "bad"},
	}
	for _, c := range cases {
		if got := Format(c.file, c.line, c.col, "bad"); got != c.want {
			t.Errorf("Format(%q, %d, %d) = %q, want %q", c.file, c.line, c.col, got, c.want)
		}
	}
}
