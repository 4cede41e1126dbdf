package quote

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugText(t *testing.T) {
	s := os.Getenv("QDEBUG")
	if s == "" {
		t.Skip()
	}
	if b, err := os.ReadFile(s); err == nil {
		s = string(b)
	}
	d := newDoc(s)
	for _, sp := range d.spans {
		fmt.Printf("SPAN %q\n", string(d.rs[sp.open:sp.close+1]))
	}
	for _, q := range FindText(s) {
		fmt.Printf("Q %q spk=%q mention=%q cue=%q\n", q.Text, q.Speaker, q.SpeakerMention, q.Cue)
	}
}
