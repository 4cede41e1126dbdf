package archive

import (
	"context"
	"time"
)

// Store keeps articles, posts, snapshots and the edges between them. Every
// implementation passes the conformance suite in internal/storetest and
// states `var _ archive.Store = (*Store)(nil)`.
//
// Errors carry kinds: NotFound for what was never stored, Invalid for a bad
// query or cursor, Conflict when a concurrent writer won and the call is
// worth repeating, Throttled or Unavailable when the backend asks to retry.
type Store interface {
	// Article returns the article's current version with its embed edges and quotes. Returns NotFound if it was never stored.
	Article(ctx context.Context, id string) (*ArticleView, error)
	// PutArticle makes v the article's current version: its edges, quotes and back-links replace the previous version's, and unchanged items are not rewritten. Returns Conflict if a concurrent PutArticle on the same article won; repeating it is safe.
	PutArticle(ctx context.Context, v ArticleView) error
	// Post returns the post (key "platform:id") with its snapshots, newest first, and the IDs of the articles that show it. Returns NotFound if no capture of it was recorded.
	Post(ctx context.Context, key string) (*PostView, error)
	// RecordCapture stores the capture's snapshots the post does not already have (same SnapshotID) and folds the capture into the post record with MergeCapture, creating it if needed. Recording the same capture again adds no snapshot.
	RecordCapture(ctx context.Context, c Capture, at, nextCheck time.Time) (*Post, error)
	// Query answers q (see Query for the selectors and QueryOrder for the order). Returns Invalid for a bad cursor, NotFound when an Article or Post selector names nothing stored.
	Query(ctx context.Context, q Query) (*Result, error)
	// DuePosts returns up to limit posts whose NextCheck is set and not after before, earliest first, and the cursor of the next page ("" when there is none).
	DuePosts(ctx context.Context, before time.Time, limit int, cursor string) ([]Post, string, error)
}

// Blobs keeps raw bodies, content-addressed by sha256, so stored items stay
// small.
type Blobs interface {
	// Put stores body and returns its key, BlobKey(sha256(body)); storing the same bytes again writes nothing.
	Put(ctx context.Context, body []byte, contentType string) (key string, err error)
	// Get returns the bytes stored under key. Returns NotFound if there are none.
	Get(ctx context.Context, key string) ([]byte, error)
}

// Closer is the optional capability of a Store or Blobs that holds a
// resource (a file lock, a connection) to release when done.
type Closer interface {
	Close() error
}

// Every Store returns query results in the same order:
//
//   - Article: the one article, with edges in extraction order and quotes by offset.
//   - Post: the one post, snapshots newest first, articles by ID.
//   - Author, Platform, Status: posts by PostDate, newest first, then by key.
//   - Speaker: quotes by article ID, then by offset in the article.
//   - no selector: articles by ProcessedAt, newest first, then by ID.
//
// Since (inclusive) and Until (exclusive) bound PostDate for post queries and
// ProcessedAt for the article list. A Result's NextCursor is empty on the
// last page; a non-empty cursor may lead to an empty page.

// DefaultLimit and MaxLimit bound a Query's page size.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// PageLimit returns the page size a Store uses for a requested limit.
func PageLimit(limit int) int {
	switch {
	case limit <= 0:
		return DefaultLimit
	case limit > MaxLimit:
		return MaxLimit
	}
	return limit
}
