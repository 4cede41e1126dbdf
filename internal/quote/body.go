package quote

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
	"github.com/embedarchive/embedarchive/internal/embed"
)

// link is a hyperlink to a post in the body: its text at [start, end).
type link struct {
	start, end int
	ref        archive.PostRef
}

// body is an article's text as quotes are found in, with where its post
// links and embeds are.
type body struct {
	text  string
	runes []rune // text's runes, when at hand
	links []link
}

// skippedTags hold no article text.
var skippedTags = setOf(`script style noscript template head nav footer aside header form button
select option svg iframe figcaption input textarea label object embed video audio canvas map
dialog menu picture source track math`)

// blockTags break paragraphs.
var blockTags = setOf(`p div h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tbody thead tr td th
section article main figure dl dt dd hr br address center details summary`)

// boilerplate names, as whole tokens of a class or id, parts of a page
// that are not the article's text.
var boilerplate = setOf(`nav navbar navigation menu footer header related share sharing social
comments comment newsletter subscribe subscription promo advert advertisement ad ads sidebar
breadcrumb breadcrumbs caption captions credit credits cookie cookies popup modal signup
recommended recommendations trending tags byline outbrain taboola masthead toolbar skip
paywall disclaimer copyright sponsored teaser teasers more-stories read-more readmore`)

var boilerRoles = setOf(`navigation banner contentinfo complementary search menu menubar dialog`)

// htmlBody builds the body of an HTML article: the text of its body
// paragraphs, one paragraph per block separated by blank lines, leaving out
// navigation, headers and footers, related links, captions and the markup
// of embedded posts (containers, as embed.Scan returns them).
func htmlBody(doc *article.Doc, containers []*html.Node) body {
	b := &bodyBuilder{skip: map[*html.Node]bool{}, buf: make([]rune, 0, 8192), classes: map[string]bool{}}
	for _, n := range containers {
		b.skip[n] = true
	}
	for _, n := range doc.HTML.Nodes {
		b.walk(n, 0)
	}
	b.endBlock()
	return body{text: string(b.buf), runes: b.buf, links: b.links}
}

type bodyBuilder struct {
	buf   []rune
	skip  map[*html.Node]bool
	links []link
	// classes caches boilerValue by attribute value.
	classes map[string]bool
	// open links, by index into links, whose start is not set yet (-1).
	open []int
	// the current block: where it starts in buf, how many of its runes are
	// link text, whether a space or paragraph break is pending.
	blockStart int
	linkRunes  int
	space      bool
	breakNext  bool
}

func (b *bodyBuilder) walk(n *html.Node, depth int) {
	if depth > 2*article.MaxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		b.text(n.Data)
		return
	case html.ElementNode:
		if len(b.skip) > 0 && b.skip[n] {
			b.endBlock()
			return
		}
		skipped, block := tagKind(n)
		if skipped || (block || n.DataAtom == atom.Span) && b.isBoilerplate(n) {
			if block || n.DataAtom == atom.Header || n.DataAtom == atom.Footer || n.DataAtom == atom.Nav || n.DataAtom == atom.Aside {
				b.endBlock()
			}
			return
		}
		if block {
			b.endBlock()
		}
		switch n.DataAtom {
		case atom.Br:
			return
		case atom.Q:
			// <q> is a quotation whose marks the browser draws
			b.text("“")
			b.children(n, depth)
			b.glue("”")
			return
		case atom.A:
			if r, ok := embed.ParseURL(attr(n, "href")); ok {
				b.links = append(b.links, link{start: -1, ref: r})
				idx := len(b.links) - 1
				b.open = append(b.open, idx)
				b.children(n, depth)
				b.open = b.open[:len(b.open)-1]
				l := &b.links[idx]
				if l.start < 0 {
					b.links = b.links[:idx]
				} else {
					l.end = len(b.buf)
					b.linkRunes += l.end - l.start
				}
				return
			}
			before := len(b.buf)
			b.children(n, depth)
			b.linkRunes += len(b.buf) - before
			return
		}
		b.children(n, depth)
		if block {
			b.endBlock()
		}
		return
	}
	b.children(n, depth)
}

// tagKind says whether an element holds no article text (skipped) and
// whether it breaks paragraphs (block). Known tags are told by their atom;
// others (custom elements) by name.
func tagKind(n *html.Node) (skipped, block bool) {
	if n.DataAtom != 0 {
		k := atomKinds[n.DataAtom]
		return k&kindSkipped != 0, k&kindBlock != 0
	}
	return skippedTags[n.Data], blockTags[n.Data]
}

const (
	kindSkipped = 1 << iota
	kindBlock
)

// atomKinds holds skippedTags and blockTags by atom.
var atomKinds = func() map[atom.Atom]uint8 {
	m := map[atom.Atom]uint8{}
	for t := range skippedTags {
		if a := atom.Lookup([]byte(t)); a != 0 {
			m[a] |= kindSkipped
		}
	}
	for t := range blockTags {
		if a := atom.Lookup([]byte(t)); a != 0 {
			m[a] |= kindBlock
		}
	}
	return m
}()

func (b *bodyBuilder) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c, depth+1)
	}
}

// text appends a text node, collapsing white space.
func (b *bodyBuilder) text(s string) {
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r >= 0x80 && (unicode.IsSpace(r) || r == '\u200b') {
			b.space = true
			continue
		}
		if r == 0 || r == utf8.RuneError {
			continue
		}
		if b.breakNext {
			if len(b.buf) > 0 {
				b.buf = append(b.buf, '\n', '\n')
			}
			b.breakNext = false
			b.space = false
			b.blockStart = len(b.buf)
			b.linkRunes = 0
		} else if b.space && len(b.buf) > b.blockStart {
			b.buf = append(b.buf, ' ')
		}
		b.space = false
		for _, i := range b.open {
			if b.links[i].start < 0 {
				b.links[i].start = len(b.buf)
			}
		}
		b.buf = append(b.buf, r)
	}
}

// glue appends s right after the text before it, with no space between.
func (b *bodyBuilder) glue(s string) {
	space := b.space
	b.space = false
	b.text(s)
	b.space = space
}

// endBlock closes the current paragraph. A paragraph made mostly of link
// text without a quotation mark (a menu, a list of related stories) is
// dropped.
func (b *bodyBuilder) endBlock() {
	n := len(b.buf) - b.blockStart
	if n > 0 && !b.breakNext {
		if b.linkRunes*10 >= n*7 && !hasQuoteMark(b.buf[b.blockStart:]) {
			b.buf = b.buf[:b.blockStart]
			for len(b.links) > 0 && b.links[len(b.links)-1].start >= b.blockStart {
				b.links = b.links[:len(b.links)-1]
			}
			if b.blockStart >= 2 {
				// take back the paragraph break written before it
				b.buf = b.buf[:b.blockStart-2]
				b.blockStart = len(b.buf)
			}
		}
	}
	b.breakNext = true
	b.space = false
	b.linkRunes = 0
}

func hasQuoteMark(rs []rune) bool {
	for _, r := range rs {
		if isDoubleMark(r) || r == '‘' || r == '‹' {
			return true
		}
	}
	return false
}

func (b *bodyBuilder) isBoilerplate(n *html.Node) bool {
	switch n.Data {
	case "html", "body", "main", "article":
		// Page-wide classes ("has-sidebar", "sticky-header") say nothing
		// about these.
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if boilerRoles[strings.ToLower(a.Val)] {
				return true
			}
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "hidden":
			return true
		case "class", "id":
			if a.Val == "" {
				continue
			}
			// pages repeat their class names: decide each value once
			bad, seen := b.classes[a.Val]
			if !seen {
				bad = boilerValue(a.Val)
				b.classes[a.Val] = bad
			}
			if bad {
				return true
			}
		}
	}
	return false
}

// boilerValue: a class or id value with a boilerplate name in it.
func boilerValue(v string) bool {
	for _, name := range strings.Fields(v) {
		if boilerName(strings.ToLower(name)) {
			return true
		}
	}
	return false
}

// boilerName: a class or id such as "related", "site-header",
// "share_buttons" or "footer-links": a boilerplate word first or last. "has-"
// and "with-" names describe a page's layout, not the element.
func boilerName(name string) bool {
	if boilerplate[name] {
		return true
	}
	for _, p := range []string{"has-", "with-", "no-", "is-", "js-", "show-", "hide-"} {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	first := strings.IndexAny(name, "-_")
	if first < 0 {
		return false
	}
	last := strings.LastIndexAny(name, "-_")
	return boilerplate[name[:first]] || boilerplate[name[last+1:]]
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// markdownLink is [text](url) in Markdown.
var markdownLink = regexp.MustCompile(`\[([^\[\]\n]{1,500})\]\((https?://[^)\s]+)\)`)

// textBody is a text or Markdown article's body: the text itself, with its
// Markdown links to posts.
func textBody(doc *article.Doc) body {
	b := body{text: doc.Text}
	if doc.Type != article.Markdown {
		return b
	}
	for _, m := range markdownLink.FindAllStringSubmatchIndex(doc.Text, -1) {
		r, ok := embed.ParseURL(doc.Text[m[4]:m[5]])
		if !ok {
			continue
		}
		start := utf8.RuneCountInString(doc.Text[:m[2]])
		b.links = append(b.links, link{start: start, end: start + utf8.RuneCountInString(doc.Text[m[2]:m[3]]), ref: r})
	}
	return b
}
