package suggest

import "testing"

func TestClosest(t *testing.T) {
	cands := []string{"TimeZoneChange", "UserPresent", "UserAway", "InternetAvailable"}
	cases := []struct{ word, want, reason string }{
		{"timezonechange", "TimeZoneChange", "case-insensitive match wins"},
		{"UserPresnt", "UserPresent", "one deletion"},
		{"UsrAway", "UserAway", "one insertion"},
		{"Completely", "", "nothing close"},
		{"", "", "empty word has no suggestion within limit"},
	}
	for _, c := range cases {
		if got := Closest(c.word, cands); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q (%s)", c.word, got, c.want, c.reason)
		}
	}
	if h := Hint("UserPresnt", cands); h != ` (did you mean "UserPresent"?)` {
		t.Errorf("Hint = %q", h)
	}
	if h := Hint("UserPresent", cands); h != "" {
		t.Errorf("Hint of an exact word = %q, want empty", h)
	}
}
