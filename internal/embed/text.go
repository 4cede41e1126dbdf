package embed

import (
	"regexp"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// textURL matches an http(s) URL in plain text or Markdown.
var textURL = regexp.MustCompile(`https?://[^\s<>"'\)\]\x60]+`)

// scanText finds posts in a text or Markdown article, where they appear as
// URLs. A post URL alone on its line (bare, or <url> in Markdown) is an
// embed, as WordPress and similar systems treat it; one inside a sentence
// or a Markdown link is a link.
func scanText(text string, markdown bool) []hit {
	var hits []hit
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
			if !ok {
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
