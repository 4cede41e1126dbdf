package archive

import "time"

// Article statuses.
const (
	// ArticleComplete: every post was fetched and everything was stored.
	ArticleComplete = "complete"
	// ArticleIncomplete: some fetch or write failed; archiving it again
	// completes it.
	ArticleIncomplete = "incomplete"
	// ArticleFailed: the article itself could not be read (invalid, too
	// large); Reason says why.
	ArticleFailed = "failed"
)

// Article is the stored record of one version of one article.
type Article struct {
	// ID names the article: "s3://bucket/key" or "file:///abs/path".
	ID           string    `json:"id"`
	Version      string    `json:"version,omitempty"` // S3 version id or ETag, when known
	SHA256       string    `json:"sha256"`
	Title        string    `json:"title,omitempty"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	PublishedAt  time.Time `json:"published_at,omitzero"`
	ProcessedAt  time.Time `json:"processed_at"`
	Status       string    `json:"status"`
	Reason       string    `json:"reason,omitempty"`
	EmbedCount   int       `json:"embed_count"`
	LinkCount    int       `json:"link_count"`
	QuoteCount   int       `json:"quote_count"`
	// WARC is the blob key of the WARC file (ISO 28500, gzip per record)
	// holding the HTTP exchanges of the run that archived this version;
	// empty when that run recorded none.
	WARC string `json:"warc,omitempty"`
}

// Post is the stored record of one post, shared by every article that shows
// it.
type Post struct {
	PostRef
	AuthorName    string    `json:"author_name,omitempty"`
	AuthorHandle  string    `json:"author_handle,omitempty"`
	Text          string    `json:"text,omitempty"`
	PublishedAt   time.Time `json:"published_at,omitzero"`
	FirstArchived time.Time `json:"first_archived"`
	LastArchived  time.Time `json:"last_archived"`
	Status        Status    `json:"status"`
	// LatestDigest is the sha256 of the latest snapshot's body.
	LatestDigest string `json:"latest_digest,omitempty"`
	// Edited is set once a later snapshot's text differs from the first.
	Edited bool `json:"edited,omitempty"`
	// NextCheck is when a recheck is due.
	NextCheck time.Time `json:"next_check,omitzero"`
	// WARC is the blob key of the WARC file holding the latest fetch of
	// this post (an archive run's or a recheck's), when it recorded one.
	WARC string `json:"warc,omitempty"`
}
