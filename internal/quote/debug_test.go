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

func TestDebugAttr(t *testing.T) {
	s := os.Getenv("QDEBUG")
	if s == "" {
		t.Skip()
	}
	d := newDoc(s)
	for qi := range d.spans {
		a := d.attribute(qi)
		fmt.Printf("ATT %d %+v sentStart=%v ls=%d ti=%d\n", qi, a, d.sentStart[d.qtok[qi]], d.sentenceStart(d.qtok[qi]), d.qtok[qi])
	}
	for i, tk := range d.toks {
		fmt.Printf("%d:%q ", i, tk.text)
	}
	fmt.Println()
}
