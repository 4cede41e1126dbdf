package quote

import (
	"fmt"
	"github.com/embedarchive/embedarchive/internal/article"
	"golang.org/x/net/html"
	"os"
	"strings"
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

func TestDebugBoiler(t *testing.T) {
	p := os.Getenv("QPAGE")
	if p == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(p)
	doc, err := article.Parse(p, raw)
	if err != nil {
		t.Fatal(err)
	}
	var rec func(n *html.Node, depth int)
	rec = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode && (skippedTags[n.Data] || isBoilerplate(n)) {
			l := len(textOfNode(n))
			if l > 500 {
				fmt.Printf("SKIP <%s class=%q id=%q role=%q> depth=%d text=%d\n", n.Data, attr(n, "class"), attr(n, "id"), attr(n, "role"), depth, l)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, depth+1)
		}
	}
	for _, n := range doc.HTML.Nodes {
		rec(n, 0)
	}
}

func textOfNode(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	s := ""
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s += textOfNode(c)
	}
	return s
}

func TestDebugLines(t *testing.T) {
	p := os.Getenv("QLINES")
	if p == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(p)
	for _, line := range strings.Split(string(raw), "\n") {
		if line == "" {
			continue
		}
		fmt.Printf("%s\n", line)
		for _, q := range FindText(line) {
			fmt.Printf("   -> %q | spk=%q | mention=%q | cue=%q\n", q.Text, q.Speaker, q.SpeakerMention, q.Cue)
		}
	}
}
