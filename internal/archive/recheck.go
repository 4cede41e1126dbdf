package archive

import (
	"context"
	"fmt"
	"time"
)

// RecheckOptions bound one recheck run.
type RecheckOptions struct {
	// Limit is the most posts one run fetches; zero means
	// DefaultRecheckLimit.
	Limit int
	// Batch is how many posts are fetched together; zero means
	// DefaultRecheckBatch.
	Batch int
	// Reserve is the time kept back before ctx's deadline to record what
	// was fetched; no batch starts with less than twice that left. Zero
	// means DefaultRecheckReserve.
	Reserve time.Duration
}

// Recheck defaults.
const (
	DefaultRecheckLimit   = 200
	DefaultRecheckBatch   = 20
	DefaultRecheckReserve = 5 * time.Second
)

// Rechecked is what one recheck run did.
type Rechecked struct {
	// Checked counts posts fetched again and recorded.
	Checked int `json:"checked"`
	// Changed counts posts whose status, latest body or edited flag
	// changed; Deleted and Edited count those newly deleted or edited.
	Changed int `json:"changed"`
	Deleted int `json:"deleted"`
	Edited  int `json:"edited"`
	// Failed counts posts whose capture could not be recorded; they stay
	// due.
	Failed int `json:"failed"`
	// Fetches counts the recorded captures by status.
	Fetches map[Status]int `json:"fetches"`
	// More: posts were still due when the run stopped (at its limit or
	// near its deadline); the next run goes on with them.
	More bool `json:"more"`
}

// Recheck fetches again the posts that are due (NextCheck not after now),
// earliest first, and records what it finds: a changed body or text is a
// new snapshot and may mark the post edited, a 404 marks it deleted. Each
// recorded post gets its next check, so it is not due again this run; a
// run is bounded by the options and by ctx's deadline, and the next run
// resumes with whatever is still due. The markup snapshot the fetcher adds
// is dropped: a recheck sees the post, not the article.
//
// Errors from listing due posts are returned; a post that cannot be
// recorded counts as Failed and the run goes on.
func (s *Service) Recheck(ctx context.Context, o RecheckOptions) (*Rechecked, error) {
	const op = "archive.Recheck"
	limit := o.Limit
	if limit <= 0 {
		limit = DefaultRecheckLimit
	}
	batch := o.Batch
	if batch <= 0 {
		batch = DefaultRecheckBatch
	}
	reserve := o.Reserve
	if reserve <= 0 {
		reserve = DefaultRecheckReserve
	}
	now := s.now()
	out := &Rechecked{Fetches: map[Status]int{}}
	cursor := ""
	seen := 0
	for {
		if seen >= limit {
			// One more look says whether anything is left.
			more, _, err := s.Store.DuePosts(ctx, now, 1, cursor)
			out.More = err == nil && len(more) > 0
			break
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < 2*reserve {
			out.More = true
			break
		}
		if ctx.Err() != nil {
			out.More = true
			break
		}
		posts, next, err := s.Store.DuePosts(ctx, now, min(batch, limit-seen), cursor)
		if err != nil {
			return out, E(op, KindOf(err), fmt.Errorf("list due posts: %w", err))
		}
		if len(posts) == 0 {
			break
		}
		seen += len(posts)
		if stopped := s.recheckBatch(ctx, posts, reserve, out); stopped {
			out.More = true
			break
		}
		if next == "" {
			break
		}
		cursor = next
	}
	s.log().InfoContext(ctx, "recheck done", "checked", out.Checked, "changed", out.Changed,
		"deleted", out.Deleted, "edited", out.Edited, "failed", out.Failed, "more", out.More)
	return out, nil
}

// recheckBatch fetches and records one batch of due posts. It returns true
// when the deadline cut the fetch short; the posts not recorded stay due.
func (s *Service) recheckBatch(ctx context.Context, posts []Post, reserve time.Duration, out *Rechecked) bool {
	fctx, cancel := ctx, context.CancelFunc(func() {})
	if dl, ok := ctx.Deadline(); ok {
		fctx, cancel = context.WithDeadline(ctx, dl.Add(-reserve))
	}
	defer cancel()
	embeds := make([]Embed, len(posts))
	for i, p := range posts {
		embeds[i] = Embed{PostRef: p.PostRef, Kind: KindEmbed}
	}
	caps, warc, err := s.fetch(ctx, fctx, embeds)
	if err != nil {
		s.log().WarnContext(ctx, "recheck warc not kept", "posts", len(embeds), "error", err)
	}
	cut := fctx.Err() != nil
	for i, c := range caps {
		if i >= len(posts) {
			break
		}
		old := posts[i]
		c.Post = old.PostRef
		c.WARC = warc
		c.Snapshots = withoutMarkup(c.Snapshots)
		if len(c.Snapshots) == 0 || (cut && !settled(c.Status)) {
			// Nothing learnt, or cut short by our own deadline: leave it due.
			continue
		}
		p, err := s.RecordCapture(ctx, c, s.now())
		if err != nil {
			out.Failed++
			s.log().WarnContext(ctx, "recheck not recorded", "post", old.Key(), "error", err)
			continue
		}
		out.Checked++
		out.Fetches[c.Status]++
		changed := p.Status != old.Status || p.LatestDigest != old.LatestDigest || p.Edited != old.Edited
		if changed {
			out.Changed++
			s.log().InfoContext(ctx, "post changed", "post", old.Key(),
				"status", p.Status, "was", old.Status, "edited", p.Edited)
		}
		if p.Status == StatusDeleted && old.Status != StatusDeleted {
			out.Deleted++
		}
		if p.Edited && !old.Edited {
			out.Edited++
		}
	}
	return cut
}

func withoutMarkup(snaps []Snapshot) []Snapshot {
	out := make([]Snapshot, 0, len(snaps))
	for _, s := range snaps {
		if s.Source != SourceMarkup {
			out = append(out, s)
		}
	}
	return out
}
