package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// SortTimeLayout formats times in storage keys: fixed width, UTC, so that
// byte order is time order.
const SortTimeLayout = "2006-01-02T15:04:05.000Z"

// SortTime formats t for a storage key.
func SortTime(t time.Time) string { return t.UTC().Format(SortTimeLayout) }

// BlobKey is where Blobs keep a body whose sha256 hex digest is digest.
func BlobKey(digest string) string {
	if len(digest) < 2 {
		return "sha256/" + digest
	}
	return "sha256/" + digest[:2] + "/" + digest
}

// Digest returns the sha256 hex digest of b.
func Digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// SnapshotID identifies a snapshot by its content, so that storing the same
// capture twice keeps one copy: the source and the body's digest, or for a
// snapshot without a body (a markup snapshot, a failed fetch) a digest of
// what it records.
func SnapshotID(s Snapshot) string {
	if s.SHA256 != "" {
		return s.Source + "#" + s.SHA256
	}
	var b strings.Builder
	for _, f := range []string{s.Source, string(s.Status), s.Reason, strconv.Itoa(s.HTTPStatus),
		s.Text, s.AuthorName, s.AuthorHandle, SortTime(s.PublishedAt), strings.Join(s.MediaURLs, " ")} {
		b.WriteString(f)
		b.WriteByte(0)
	}
	return s.Source + "#" + Digest([]byte(b.String()))
}

// PostDate is the date a post is listed under: when it was published, or
// when it was first archived if its publication date is unknown.
func PostDate(p Post) time.Time {
	if !p.PublishedAt.IsZero() {
		return p.PublishedAt
	}
	return p.FirstArchived
}

// NormalizeSpeaker folds a speaker's name for matching: lower case, inner
// spaces collapsed.
func NormalizeSpeaker(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// NormalizeHandle folds an author handle: no leading @, lower case.
func NormalizeHandle(h string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(h), "@"))
}

// settled reports whether a status is an answer about the post rather than
// a failure to get one.
func settled(s Status) bool {
	return s == StatusLive || s == StatusDeleted || s == StatusUnavailable
}

// sourceRank orders snapshot sources by how much they say about a post.
func sourceRank(src string) int {
	switch src {
	case SourcePage:
		return 3
	case SourceOEmbed:
		return 2
	case SourceMarkup:
		return 1
	}
	return 0
}

// MergeCapture folds capture c, taken at at, into old (nil for a post seen
// for the first time) and returns the new post record and the snapshots of c
// that have (keyed by SnapshotID) are not already kept. have may be nil.
//
// Rules: FirstArchived is kept; LastArchived is at; author, text and date
// are filled from the most telling live snapshot when unknown; a transient
// failure (error, blocked) never overwrites a settled status; Edited is set
// once a live snapshot's text differs from an earlier one from the same
// source; NextCheck is nextCheck; WARC is c's when it has one.
func MergeCapture(old *Post, have map[string]Snapshot, c Capture, at, nextCheck time.Time) (Post, []Snapshot) {
	var p Post
	if old != nil {
		p = *old
	} else {
		p = Post{PostRef: c.Post, FirstArchived: at, Status: c.Status}
	}
	if p.URL == "" {
		p.URL = c.Post.URL
	}
	p.LastArchived = at
	p.NextCheck = nextCheck
	if c.WARC != "" {
		p.WARC = c.WARC
	}
	if old == nil || settled(c.Status) || !settled(p.Status) {
		if c.Status != "" {
			p.Status = c.Status
		}
	}

	// The most telling snapshots first: live before the rest, then page,
	// oembed, markup.
	best := make([]Snapshot, len(c.Snapshots))
	copy(best, c.Snapshots)
	for i := 1; i < len(best); i++ {
		for j := i; j > 0 && better(best[j], best[j-1]); j-- {
			best[j], best[j-1] = best[j-1], best[j]
		}
	}
	for _, s := range best {
		if s.Status != StatusLive && s.Source != SourceMarkup {
			continue
		}
		if p.AuthorName == "" {
			p.AuthorName = s.AuthorName
		}
		if p.AuthorHandle == "" {
			p.AuthorHandle = s.AuthorHandle
		}
		if p.Text == "" {
			p.Text = s.Text
		}
		if p.PublishedAt.IsZero() {
			p.PublishedAt = s.PublishedAt
		}
	}
	for _, s := range best {
		if s.Status == StatusLive && s.SHA256 != "" && s.Source != SourceMarkup {
			p.LatestDigest = s.SHA256
			break
		}
	}

	var fresh []Snapshot
	seen := map[string]bool{}
	for _, s := range c.Snapshots {
		id := SnapshotID(s)
		if _, ok := have[id]; ok || seen[id] {
			continue
		}
		seen[id] = true
		if s.Status == StatusLive && s.Text != "" {
			for _, h := range have {
				if h.Source == s.Source && h.Status == StatusLive && h.Text != "" && foldText(h.Text) != foldText(s.Text) {
					p.Edited = true
				}
			}
		}
		s.Post = p.PostRef
		fresh = append(fresh, s)
	}
	return p, fresh
}

func better(a, b Snapshot) bool {
	if (a.Status == StatusLive) != (b.Status == StatusLive) {
		return a.Status == StatusLive
	}
	return sourceRank(a.Source) > sourceRank(b.Source)
}

// foldText compares post texts without caring about spacing or case.
func foldText(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}

// AuthorKey is the "platform:handle" an Author query selects a post by.
func AuthorKey(p Platform, handle string) string {
	return string(p) + ":" + NormalizeHandle(handle)
}

// NormalizeAuthor folds an Author selector ("twitter:@NayibBukele") to the
// AuthorKey form.
func NormalizeAuthor(q string) string {
	plat, handle, _ := strings.Cut(q, ":")
	return AuthorKey(Platform(strings.ToLower(plat)), handle)
}
