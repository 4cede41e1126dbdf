package quote

import (
	"golang.org/x/net/html"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
)

// Extract returns an article's body text and the attributed quotations in
// it, each tied to the post of the same article it comes from where one
// matches. For HTML the body is built from the article's body paragraphs
// (see htmlBody), leaving out containers, the outermost nodes of embed
// markup (as embed.Scan returns them); for text and Markdown it is
// doc.Text. Quote offsets count code points into body, end exclusive. It
// never returns a nil slice.
func Extract(doc *article.Doc, embeds []archive.Embed, containers []*html.Node) (string, []archive.Quote) {
	var b body
	if doc.HTML != nil {
		b = htmlBody(doc, containers)
	} else {
		b = textBody(doc)
	}
	rs := b.runes
	if rs == nil {
		rs = []rune(b.text)
	}
	d := newDocRunes(b.text, rs)
	found := d.quotes()
	tie(d, found, b, embeds)
	out := make([]archive.Quote, len(found))
	for i, f := range found {
		out[i] = f.Quote
	}
	return b.text, out
}
