package extract

import (
	"context"
	"strings"

	"golang.org/x/net/html"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
	"github.com/embedarchive/embedarchive/internal/embed"
	"github.com/embedarchive/embedarchive/internal/quote"
)

// Extractor implements archive.Extractor with the article, embed and quote
// packages.
type Extractor struct{}

var _ archive.Extractor = (*Extractor)(nil)

// New returns an Extractor.
func New() *Extractor { return &Extractor{} }

// Extract returns what the article named source shows: metadata, body
// text, posts and quotes. Embeds and Quotes are never nil, so the JSON form
// has [] rather than null. Returns an error of kind Invalid for input that
// is not an article (binary, empty, pathologically nested), TooLarge past
// article.MaxBytes.
func (x *Extractor) Extract(ctx context.Context, source string, raw []byte) (*archive.Extraction, error) {
	if err := ctx.Err(); err != nil {
		return nil, archive.E("extract", archive.Unavailable, err)
	}
	doc, err := article.Parse(source, raw)
	if err != nil {
		return nil, err
	}
	embeds := embed.Find(doc)

	// internal/quote supplies the body text and the attributed quotes, tied
	// to the posts above where they come from one.
	body, quotes := quote.Extract(doc, embeds)

	if embeds == nil {
		embeds = []archive.Embed{}
	}
	if quotes == nil {
		quotes = []archive.Quote{}
	}
	return &archive.Extraction{
		Source:       source,
		Title:        doc.Title,
		CanonicalURL: doc.CanonicalURL,
		PublishedAt:  doc.PublishedAt,
		Body:         body,
		Embeds:       embeds,
		Quotes:       quotes,
	}, nil
}

// plainBody is a stand-in body: the text itself for text and Markdown, and
// for HTML the text of the paragraphs outside embed markup, one per line.
func plainBody(doc *article.Doc) string {
	if doc.HTML == nil {
		return doc.Text
	}
	skip := map[*html.Node]bool{}
	for _, n := range embed.Containers(doc) {
		skip[n] = true
	}
	var paras []string
	var rec func(*html.Node, int)
	rec = func(n *html.Node, depth int) {
		if skip[n] || depth > 2*article.MaxDepth {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "template", "head", "nav", "footer", "aside":
				return
			case "p":
				var b strings.Builder
				text(n, &b, skip, depth)
				if t := strings.Join(strings.Fields(b.String()), " "); t != "" {
					paras = append(paras, t)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, depth+1)
		}
	}
	for _, n := range doc.HTML.Nodes {
		rec(n, 0)
	}
	return strings.Join(paras, "\n\n")
}

func text(n *html.Node, b *strings.Builder, skip map[*html.Node]bool, depth int) {
	if skip[n] || depth > 2*article.MaxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript", "template":
			return
		case "br":
			b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		text(c, b, skip, depth+1)
	}
}
