package archive

import (
	"context"
	"encoding/json"
	"time"
)

// Extraction is what an article yields without touching the network: its
// metadata, its body text, the posts it embeds or links and the quotes it
// attributes. Its JSON form is the `embedarchive extract --json` contract.
type Extraction struct {
	// Source names the input: a file path or an s3://bucket/key URL.
	Source       string    `json:"source"`
	Title        string    `json:"title"`
	CanonicalURL string    `json:"canonical_url"`
	PublishedAt  time.Time `json:"published_at,omitzero"`
	// Body is the article's plain text; quote offsets index it.
	Body   string  `json:"body"`
	Embeds []Embed `json:"embeds"`
	Quotes []Quote `json:"quotes"`
}

// Extractor reads an article's raw bytes.
type Extractor interface {
	// Extract returns what the article shows. It never touches the network.
	// Returns an error of kind Invalid for input that is not an article
	// (binary, empty), TooLarge past its size cap.
	Extract(ctx context.Context, source string, raw []byte) (*Extraction, error)
}

// MarshalJSON writes every field of the contract, published_at included:
// null when the article gives no date.
func (x Extraction) MarshalJSON() ([]byte, error) {
	type plain Extraction
	var published *time.Time
	if !x.PublishedAt.IsZero() {
		published = &x.PublishedAt
	}
	return json.Marshal(struct {
		plain
		PublishedAt *time.Time `json:"published_at"`
	}{plain(x), published})
}
