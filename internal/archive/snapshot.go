package archive

import (
	"context"
	"time"
)

// Status is what became of a post, or of one attempt to fetch it.
type Status string

const (
	// StatusLive: the post answered and shows content.
	StatusLive Status = "live"
	// StatusDeleted: 404/410 or a platform tombstone.
	StatusDeleted Status = "deleted"
	// StatusUnavailable: a login wall, missing credentials, an age or geo
	// gate. Reason says which.
	StatusUnavailable Status = "unavailable"
	// StatusBlocked: the fetch policy refused the address or scheme.
	StatusBlocked Status = "blocked"
	// StatusError: 5xx, timeout, garbage; worth retrying.
	StatusError Status = "error"
)

// Snapshot sources.
const (
	SourceMarkup = "markup"
	SourceOEmbed = "oembed"
	SourcePage   = "page"
)

// Snapshot is one capture of one post from one source.
type Snapshot struct {
	Post       PostRef           `json:"-"`
	Source     string            `json:"source"`
	RequestURL string            `json:"request_url,omitempty"`
	FinalURL   string            `json:"final_url,omitempty"`
	HTTPStatus int               `json:"http_status,omitempty"`
	Headers    map[string]string `json:"headers,omitempty"`
	FetchedAt  time.Time         `json:"fetched_at"`
	Status     Status            `json:"status"`
	// Reason explains a status other than live ("credentials",
	// "address 127.0.0.1 not allowed", "timeout").
	Reason string `json:"reason,omitempty"`
	// SHA256 is the hex digest of Body, the raw bytes as received (after
	// any truncation, which Truncated records).
	SHA256    string `json:"sha256,omitempty"`
	Body      []byte `json:"-"`
	Truncated bool   `json:"truncated,omitempty"`
	// BlobKey is where the raw body is kept in the blob store, once stored.
	BlobKey string `json:"blob_key,omitempty"`
	// WARC is the blob key of the WARC file of the fetch that first took
	// this snapshot (network sources only). A snapshot already kept keeps
	// the WARC it was first recorded with.
	WARC string `json:"warc,omitempty"`

	Text         string    `json:"text,omitempty"`
	AuthorName   string    `json:"author_name,omitempty"`
	AuthorHandle string    `json:"author_handle,omitempty"`
	PublishedAt  time.Time `json:"published_at,omitzero"`
	MediaURLs    []string  `json:"media_urls,omitempty"`
	Lang         string    `json:"lang,omitempty"`
}

// Capture is everything one fetch of one post produced.
type Capture struct {
	Post PostRef `json:"post"`
	// Status summarises the snapshots: live if any source is live, else
	// the most telling of the others (deleted over unavailable over
	// blocked over error).
	Status    Status     `json:"status"`
	Snapshots []Snapshot `json:"snapshots"`
	// WARC is the blob key of the WARC file holding this capture's HTTP
	// exchanges, once the Service has kept it; empty if none.
	WARC string `json:"warc,omitempty"`
}

// Fetcher captures the current form of posts over the network.
type Fetcher interface {
	// Fetch captures every post, in parallel within the fetcher's limits,
	// under ctx's deadline. It returns one Capture per input, in order.
	// A failed fetch is a snapshot with a non-live status, never a lost
	// post; Fetch itself never fails.
	Fetch(ctx context.Context, posts []Embed) []Capture
}

// WARCContentType is the media type of the WARC files kept in Blobs.
const WARCContentType = "application/warc"

// WARCFetcher is the optional capability of a Fetcher that also records the
// HTTP exchanges of a fetch as a WARC file (ISO 28500), so that archivists
// can replay them. The Service uses it when its Fetcher offers it.
type WARCFetcher interface {
	// FetchWARC is Fetch that also returns the exchanges it made as one
	// WARC file, gzip per record (.warc.gz), bounded in size (records past
	// the bound are left out and the file says so). The WARC is nil when no
	// request was made. An error concerns the WARC only: the captures are
	// complete either way.
	FetchWARC(ctx context.Context, posts []Embed) ([]Capture, []byte, error)
}
