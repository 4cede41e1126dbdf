package extract

import (
	"context"

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
	embeds, containers := embed.Scan(doc)

	// internal/quote supplies the body text and the attributed quotes, tied
	// to the posts above where they come from one.
	body, quotes := quote.Extract(doc, embeds, containers)

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
