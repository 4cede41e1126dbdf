package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// markupRecord is the canonical JSON a markup snapshot's digest covers:
// fixed field order, UTC RFC 3339 time, no HTML escaping.
type markupRecord struct {
	Platform     archive.Platform  `json:"platform"`
	PostID       string            `json:"post_id"`
	URL          string            `json:"url"`
	Kind         archive.EmbedKind `json:"kind"`
	Markup       string            `json:"markup"`
	AuthorName   string            `json:"author_name"`
	AuthorHandle string            `json:"author_handle"`
	Text         string            `json:"text"`
	PublishedAt  string            `json:"published_at"`
}

// MarkupJSON is the canonical JSON of what the article's own markup shows of
// a post; a markup snapshot's SHA256 is its digest.
func MarkupJSON(e archive.Embed) []byte {
	r := markupRecord{
		Platform: e.Platform, PostID: e.ID, URL: e.URL, Kind: e.Kind, Markup: e.Markup,
		AuthorName: e.AuthorName, AuthorHandle: e.AuthorHandle, Text: e.Text,
	}
	if !e.PublishedAt.IsZero() {
		r.PublishedAt = e.PublishedAt.UTC().Format(time.RFC3339)
	}
	b, err := json.Marshal(r)
	if err != nil {
		// Only strings and a string-kinded type: Marshal cannot fail.
		panic(err)
	}
	return b
}

// markupSnapshot turns what the article's markup shows into a snapshot,
// with no network.
func markupSnapshot(e archive.Embed, at time.Time) archive.Snapshot {
	body := MarkupJSON(e)
	sum := sha256.Sum256(body)
	return archive.Snapshot{
		Post:         e.PostRef,
		Source:       archive.SourceMarkup,
		RequestURL:   e.URL,
		FetchedAt:    at,
		Status:       archive.StatusLive,
		SHA256:       hex.EncodeToString(sum[:]),
		Body:         body,
		Headers:      map[string]string{"Content-Type": "application/json"},
		Text:         e.Text,
		AuthorName:   e.AuthorName,
		AuthorHandle: e.AuthorHandle,
		PublishedAt:  e.PublishedAt,
	}
}
