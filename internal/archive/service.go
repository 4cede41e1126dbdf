package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// ArticleRef names an article to archive.
type ArticleRef struct {
	// ID is "s3://bucket/key" or "file:///abs/path" (see Article.ID).
	ID string
	// Version is the S3 version id or ETag, when known.
	Version string
}

// Service archives articles: it extracts what an article shows, fetches the
// posts it shows, keeps their raw bodies in Blobs and records everything in
// a Store. The same Service runs in the CLI and in the Lambda functions.
type Service struct {
	Extractor Extractor
	Fetcher   Fetcher
	Store     Store
	Blobs     Blobs
	// ResolvePost turns a post URL into its reference for Query's Post
	// selector; nil accepts only "platform:id" keys.
	ResolvePost func(url string) (PostRef, bool)
	// RecheckAfter is how long after a capture a post is due for a
	// recheck; zero means DefaultRecheckAfter, negative means never.
	RecheckAfter time.Duration
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Log receives progress; nil means slog.Default().
	Log *slog.Logger
}

// DefaultRecheckAfter is the default delay before a post is rechecked.
const DefaultRecheckAfter = 24 * time.Hour

// Caps that keep stored items small; raw bodies go to Blobs whole.
const (
	maxStoredText  = 32 << 10
	maxStoredMedia = 64
	conflictTries  = 5
)

// Archived is the outcome of archiving one article.
type Archived struct {
	Article Article `json:"article"`
	// Unchanged: the same bytes were already archived completely (or
	// already failed); nothing was written.
	Unchanged bool    `json:"unchanged,omitempty"`
	Embeds    []Embed `json:"embeds"`
	Quotes    []Quote `json:"quotes"`
	// Posts holds the stored record of each distinct post the article shows.
	Posts []Post `json:"posts"`
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Service) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// NextCheck returns when a post captured at at is due for a recheck, or the
// zero time when rechecks are off.
func (s *Service) NextCheck(at time.Time) time.Time {
	switch {
	case s.RecheckAfter < 0:
		return time.Time{}
	case s.RecheckAfter == 0:
		return at.Add(DefaultRecheckAfter)
	}
	return at.Add(s.RecheckAfter)
}

// ArchiveArticle archives one article: extract, fetch every post it shows,
// keep raw bodies, record captures, then record the article. It is
// idempotent: bytes already archived completely are not processed again,
// and stores keep one copy of each snapshot.
//
// A post that could not be fetched leaves the article incomplete (Status
// ArticleIncomplete, nil error); archiving it again completes it. A store
// that failed while recording posts leaves it incomplete too and returns
// the store's error (Throttled, Unavailable...) with the result, so that a
// caller retries. An article that is not one (kind Invalid or TooLarge) is
// recorded as failed and its error returned.
func (s *Service) ArchiveArticle(ctx context.Context, ref ArticleRef, body []byte) (*Archived, error) {
	const op = "archive.ArchiveArticle"
	if ref.ID == "" {
		return nil, Errorf(op, Invalid, "empty article id")
	}
	sum := Digest(body)
	prev, err := s.Store.Article(ctx, ref.ID)
	if err != nil && KindOf(err) != NotFound {
		return nil, E(op, Other, fmt.Errorf("read %s: %w", ref.ID, err))
	}
	if prev != nil && prev.Article.SHA256 == sum {
		switch prev.Article.Status {
		case ArticleComplete:
			return s.unchanged(ctx, prev)
		case ArticleFailed:
			out := &Archived{Article: prev.Article, Unchanged: true}
			return out, Errorf(op, Invalid, "%s: %s", ref.ID, prev.Article.Reason)
		}
	}

	at := s.now()
	x, err := s.Extractor.Extract(ctx, ref.ID, body)
	if err != nil {
		k := KindOf(err)
		if k != Invalid && k != TooLarge {
			return nil, E(op, k, fmt.Errorf("extract %s: %w", ref.ID, err))
		}
		a := Article{ID: ref.ID, Version: ref.Version, SHA256: sum, ProcessedAt: at, Status: ArticleFailed, Reason: err.Error()}
		if perr := s.putArticle(ctx, ArticleView{Article: a, Embeds: []Embed{}, Quotes: []Quote{}}); perr != nil {
			return nil, perr
		}
		return &Archived{Article: a}, E(op, k, err)
	}

	posts := distinctPosts(x.Embeds)
	caps, warc, warcErr := s.fetch(ctx, ctx, posts)
	if len(caps) != len(posts) {
		return nil, Errorf(op, Other, "fetcher returned %d captures for %d posts", len(caps), len(posts))
	}
	var (
		missing  []string
		storeErr error
		stored   = make([]Post, 0, len(caps))
	)
	if warcErr != nil {
		if ctx.Err() != nil {
			return nil, E(op, Unavailable, ctx.Err())
		}
		missing = append(missing, "warc: not kept")
		storeErr = errors.Join(storeErr, warcErr)
	}
	next := s.NextCheck(at)
	for i, c := range caps {
		if c.Post.Key() != posts[i].Key() || c.Post.ID == "" {
			c.Post = posts[i].PostRef
		}
		c.WARC = warc
		if err := s.keepBodies(ctx, &c); err != nil {
			missing = append(missing, c.Post.Key()+": body not kept")
			storeErr = errors.Join(storeErr, err)
			continue
		}
		p, err := s.recordCapture(ctx, c, at, next)
		if err != nil {
			if ctx.Err() != nil {
				return nil, E(op, Unavailable, ctx.Err())
			}
			missing = append(missing, c.Post.Key()+": not recorded")
			storeErr = errors.Join(storeErr, err)
			continue
		}
		stored = append(stored, *p)
		if !settled(c.Status) {
			missing = append(missing, fmt.Sprintf("%s: %s", c.Post.Key(), c.Status))
		}
	}

	a := Article{
		ID: ref.ID, Version: ref.Version, SHA256: sum,
		Title: x.Title, CanonicalURL: x.CanonicalURL, PublishedAt: x.PublishedAt,
		ProcessedAt: at, Status: ArticleComplete, QuoteCount: len(x.Quotes), WARC: warc,
	}
	for _, e := range x.Embeds {
		if e.Kind == KindLink {
			a.LinkCount++
		} else {
			a.EmbedCount++
		}
	}
	if len(missing) > 0 {
		a.Status = ArticleIncomplete
		a.Reason = strings.Join(missing, "; ")
	}
	v := ArticleView{Article: a, Embeds: nonNil(x.Embeds), Quotes: nonNil(x.Quotes)}
	if err := s.putArticle(ctx, v); err != nil {
		return nil, err
	}
	s.log().InfoContext(ctx, "article archived", "article", a.ID, "status", a.Status,
		"embeds", a.EmbedCount, "links", a.LinkCount, "quotes", a.QuoteCount, "posts", len(stored))
	out := &Archived{Article: a, Embeds: v.Embeds, Quotes: v.Quotes, Posts: stored}
	if storeErr != nil {
		return out, E(op, KindOf(storeErr), storeErr)
	}
	return out, nil
}

// fetch captures posts, through the Fetcher's FetchWARC when it has one,
// and keeps the WARC of the exchanges in Blobs. It returns the captures and
// the WARC's blob key: "" when no WARC was recorded or it could not be
// kept. The fetches run under fctx, the WARC is kept under ctx. The error
// is the Blobs' when putting the WARC failed; a WARC the fetcher could not
// write is logged and left out.
func (s *Service) fetch(ctx, fctx context.Context, posts []Embed) ([]Capture, string, error) {
	wf, ok := s.Fetcher.(WARCFetcher)
	if !ok || s.Blobs == nil || len(posts) == 0 {
		return s.Fetcher.Fetch(fctx, posts), "", nil
	}
	caps, warc, err := wf.FetchWARC(fctx, posts)
	if err != nil {
		s.log().WarnContext(ctx, "warc not recorded", "posts", len(posts), "error", err)
	}
	if len(warc) == 0 {
		return caps, "", nil
	}
	key, err := s.Blobs.Put(ctx, warc, WARCContentType)
	if err != nil {
		return caps, "", fmt.Errorf("keep warc of %d posts: %w", len(posts), err)
	}
	s.log().DebugContext(ctx, "warc kept", "key", key, "bytes", len(warc))
	return caps, key, nil
}

// RecordCapture keeps a capture's raw bodies and records it, for callers
// (a recheck) that fetched a post themselves.
func (s *Service) RecordCapture(ctx context.Context, c Capture, at time.Time) (*Post, error) {
	if err := s.keepBodies(ctx, &c); err != nil {
		return nil, err
	}
	return s.recordCapture(ctx, c, at, s.NextCheck(at))
}

func (s *Service) recordCapture(ctx context.Context, c Capture, at, next time.Time) (*Post, error) {
	var err error
	for range conflictTries {
		var p *Post
		if p, err = s.Store.RecordCapture(ctx, c, at, next); err == nil {
			return p, nil
		}
		if KindOf(err) != Conflict {
			break
		}
	}
	return nil, E("archive.RecordCapture", KindOf(err), fmt.Errorf("%s: %w", c.Post.Key(), err))
}

func (s *Service) putArticle(ctx context.Context, v ArticleView) error {
	var err error
	for range conflictTries {
		if err = s.Store.PutArticle(ctx, v); err == nil || KindOf(err) != Conflict {
			break
		}
	}
	if err != nil {
		return E("archive.PutArticle", KindOf(err), fmt.Errorf("%s: %w", v.Article.ID, err))
	}
	return nil
}

// keepBodies stores each snapshot's raw body in Blobs and notes its key and
// digest, and the capture's WARC on its network snapshots; it trims the
// fields that stay in the Store.
func (s *Service) keepBodies(ctx context.Context, c *Capture) error {
	snaps := make([]Snapshot, len(c.Snapshots))
	copy(snaps, c.Snapshots)
	for i := range snaps {
		sn := &snaps[i]
		if sn.WARC == "" && sn.Source != SourceMarkup {
			sn.WARC = c.WARC
		}
		if len(sn.Body) > 0 {
			if sn.SHA256 == "" {
				sn.SHA256 = Digest(sn.Body)
			}
			if sn.BlobKey == "" && s.Blobs != nil {
				key, err := s.Blobs.Put(ctx, sn.Body, sn.Headers["Content-Type"])
				if err != nil {
					return fmt.Errorf("keep body of %s: %w", c.Post.Key(), err)
				}
				sn.BlobKey = key
			}
		}
		if len(sn.Text) > maxStoredText {
			sn.Text = clip(sn.Text, maxStoredText)
		}
		if len(sn.MediaURLs) > maxStoredMedia {
			sn.MediaURLs = sn.MediaURLs[:maxStoredMedia]
		}
	}
	c.Snapshots = snaps
	return nil
}

func (s *Service) unchanged(ctx context.Context, v *ArticleView) (*Archived, error) {
	out := &Archived{Article: v.Article, Unchanged: true, Embeds: v.Embeds, Quotes: v.Quotes}
	for _, e := range distinctPosts(v.Embeds) {
		pv, err := s.Store.Post(ctx, e.Key())
		if err != nil {
			if KindOf(err) == NotFound {
				continue
			}
			return nil, E("archive.ArchiveArticle", KindOf(err), err)
		}
		out.Posts = append(out.Posts, pv.Post)
	}
	return out, nil
}

// Query answers q from the Store, after resolving a post URL to its key
// and checking the selectors.
func (s *Service) Query(ctx context.Context, q Query) (*Result, error) {
	const op = "archive.Query"
	if q.Post != "" && strings.Contains(q.Post, "://") {
		if s.ResolvePost == nil {
			return nil, Errorf(op, Invalid, "post %q: give a platform:id key", q.Post)
		}
		ref, ok := s.ResolvePost(q.Post)
		if !ok {
			return nil, Errorf(op, Invalid, "%q is not a post URL", q.Post)
		}
		q.Post = ref.Key()
	}
	if q.Author != "" {
		plat, handle, ok := strings.Cut(q.Author, ":")
		if !ok || handle == "" || !Platform(plat).Valid() {
			return nil, Errorf(op, Invalid, "author %q: want platform:handle", q.Author)
		}
		q.Author = NormalizeAuthor(q.Author)
	}
	if q.Platform != "" && !q.Platform.Valid() {
		return nil, Errorf(op, Invalid, "unknown platform %q", q.Platform)
	}
	switch q.Status {
	case "", StatusLive, StatusDeleted, StatusUnavailable, StatusBlocked, StatusError:
	default:
		return nil, Errorf(op, Invalid, "unknown status %q", q.Status)
	}
	if q.Limit < 0 {
		return nil, Errorf(op, Invalid, "negative limit")
	}
	return s.Store.Query(ctx, q)
}

// distinctPosts returns one embed per post, in first-seen order, preferring
// the embed (which carries what the markup shows) over a plain link.
func distinctPosts(embeds []Embed) []Embed {
	idx := map[string]int{}
	var out []Embed
	for _, e := range embeds {
		k := e.Key()
		if i, ok := idx[k]; ok {
			if out[i].Kind == KindLink && e.Kind != KindLink {
				out[i] = e
			}
			continue
		}
		idx[k] = len(out)
		out = append(out, e)
	}
	return out
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
