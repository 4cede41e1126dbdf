package embed

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/embedarchive/embedarchive/internal/article"
)

// maxFragmentBytes bounds one piece of embed markup kept HTML-escaped in an
// attribute; article.MaxDepth and article.MaxWork bound its parse.
const maxFragmentBytes = 256 << 10

// escapedMarkers are what an attribute value must contain to be parsed as
// embed markup.
var escapedMarkers = []string{"<blockquote", "<iframe", "<amp-", "<div", "<script", "<figure"}

// escapedMarkup recognises embed markup kept HTML-escaped inside a data-*
// attribute (lazy loaders and consent walls keep it there until they
// inject it) or an iframe's srcdoc. The fragment is parsed and scanned like the page; n is the
// container of whatever it shows.
func (s *scanner) escapedMarkup(n *html.Node) bool {
	if s.nested > 0 {
		return false
	}
	found := false
	for _, a := range n.Attr {
		if !strings.HasPrefix(a.Key, "data-") && a.Key != "srcdoc" || len(a.Val) > maxFragmentBytes || !strings.Contains(a.Val, "<") && !strings.Contains(a.Val, "&lt;") {
			continue
		}
		v := a.Val
		if !strings.Contains(v, "<") {
			v = html.UnescapeString(v) // escaped twice
		}
		lower := strings.ToLower(v)
		marked := false
		for _, m := range escapedMarkers {
			if strings.Contains(lower, m) {
				marked = true
				break
			}
		}
		if !marked || s.fragments >= maxFragments {
			continue
		}
		// The same caps as the page itself, and a budget for all fragments.
		depth, work := article.Nesting(v)
		if depth > article.MaxDepth || s.fragmentWork+work > article.MaxWork {
			continue
		}
		s.fragments++
		s.fragmentWork += work
		ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		nodes, err := html.ParseFragmentWithOptions(strings.NewReader(v), ctx, html.ParseOptionEnableScripting(false))
		if err != nil {
			continue
		}
		before := len(s.hits)
		s.nested++
		for _, c := range nodes {
			s.walk(c, 1)
		}
		s.nested--
		kept := s.hits[:before]
		for _, h := range s.hits[before:] {
			if h.embed.Kind == "embed" {
				h.node = n
				kept = append(kept, h)
			}
		}
		s.hits = kept
		if len(s.hits) > before {
			found = true
		}
	}
	return found
}
