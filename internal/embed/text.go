package embed

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
)

// textURL matches an http(s) URL in plain text or Markdown.
var textURL = regexp.MustCompile(`https?://[^\s<>"'\)\]\x60]+`)

// scanText finds posts in a text or Markdown article, where they appear as
// URLs. A post URL alone on its line (bare, or <url> in Markdown) is an
// embed, as WordPress and similar systems treat it; one inside a sentence
// or a Markdown link is a link.
//
// Markdown allows raw HTML, and text articles sometimes carry pasted embed
// code: when the text holds embed markup, it is scanned like a page too, and
// the posts it embeds are not reported again as links from their own URLs.
func scanText(text string, markdown bool) []hit {
	var hits []hit
	embedded := map[string]bool{}
	for _, h := range scanRawHTML(text) {
		if h.embed.Kind == archive.KindEmbed {
			h.node = nil // not a node of any Doc
			hits = append(hits, h)
			embedded[h.embed.Key()] = true
		}
	}
	for line := range strings.SplitSeq(text, "\n") {
		if !strings.Contains(line, "://") {
			continue
		}
		trimmed := strings.TrimSpace(line)
		if markdown {
			trimmed = strings.TrimSuffix(strings.TrimPrefix(trimmed, "<"), ">")
		}
		for _, u := range textURL.FindAllString(line, 50) {
			u = strings.TrimRight(u, ".,;:!?*_~")
			r, ok := ParseURL(u)
			if !ok || embedded[r.Key()] {
				continue
			}
			kind, markup := archive.KindLink, "link"
			if trimmed == u {
				kind, markup = archive.KindEmbed, "url"
			}
			hits = append(hits, hit{embed: archive.Embed{PostRef: r, Kind: kind, Markup: markup}})
		}
	}
	return hits
}

// scanRawHTML scans embed markup inside a text or Markdown article, under
// the same caps as a page.
func scanRawHTML(text string) []hit {
	lower := strings.ToLower(text)
	marked := false
	for _, m := range escapedMarkers {
		if strings.Contains(lower, m) {
			marked = true
			break
		}
	}
	if !marked {
		return nil
	}
	if depth, work := article.Nesting(text); depth > article.MaxDepth || work > article.MaxWork {
		return nil
	}
	root, err := html.ParseWithOptions(strings.NewReader(text), html.ParseOptionEnableScripting(false))
	if err != nil {
		return nil
	}
	s := &scanner{}
	s.walk(root, 0)
	return s.hits
}
