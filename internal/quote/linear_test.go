package quote

import (
	"strings"
	"testing"
	"time"
)

// TestLinearTime: texts built to make a careless pairing of marks or a
// search back to the sentence's start quadratic finish quickly.
func TestLinearTime(t *testing.T) {
	tests := map[string]string{
		"elisions in one paragraph": strings.Repeat("rock 'n roll 'til dawn ", 10000),
		"openers never closed":      strings.Repeat("“a ", 60000),
		"nested openers":            "“" + strings.Repeat("“ a ", 30000),
		"one sentence of quotes":    strings.Repeat("\" a \"b ", 30000),
		"names and pronouns":        strings.Repeat("Donald Trump met Trump. “We win big today,” he said. ", 4000),
		"one long paragraph":        strings.Repeat("word ", 60000) + "“end of it all here,” he said.",
		"single marks never closed": strings.Repeat("‘a ", 60000),
		"guillemets never closed":   strings.Repeat("« a ", 40000),
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			qs := FindText(text)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%d bytes took %v", len(text), d)
			}
			checkOffsets(t, text, qs)
		})
	}
}
