package quote

import "testing"

// FuzzFindText: any text, however its marks pair, yields quotes whose
// offsets and mentions are the body's own code points.
func FuzzFindText(f *testing.F) {
	for _, s := range []string{
		"“A,” he said. “B.”",
		"\"x\" '' ‘y’ «z» „w“ ‹v› 「u」",
		"Trump said: \"\n\n\"we\"",
		"“Open\n\n“still open\n\n”",
		"Mr. Smith (D-N.Y.), said: «Hi» — Jane",
		"”’‘“\"'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOffsets(t, s, FindText(s))
	})
}
