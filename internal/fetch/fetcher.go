package fetch

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Fetcher captures posts from their markup, oEmbed and own page. It
// implements archive.Fetcher and is safe for concurrent use.
type Fetcher struct {
	opts      Options
	client    *client
	providers *providers
}

var (
	_ archive.Fetcher     = (*Fetcher)(nil)
	_ archive.WARCFetcher = (*Fetcher)(nil)
)

// New builds a Fetcher. It fails on a bad providers file or an unknown
// source.
func New(o Options) (*Fetcher, error) {
	o = o.withDefaults()
	for _, s := range o.Sources {
		if s != archive.SourceOEmbed && s != archive.SourcePage {
			return nil, archive.Errorf("fetch: new", archive.Invalid, "unknown source %q (want %q or %q)", s, archive.SourceOEmbed, archive.SourcePage)
		}
	}
	prov, err := loadProviders(o.ProvidersFile)
	if err != nil {
		return nil, err
	}
	return &Fetcher{opts: o, client: newClient(o), providers: prov}, nil
}

// Fetch captures every post in parallel, at most Concurrency at a time and
// within the per-host limits, under one budget (Options.Budget within
// ctx's deadline). It returns one Capture per post, in order; a failure is
// a snapshot status, never a lost post.
func (f *Fetcher) Fetch(ctx context.Context, posts []archive.Embed) []archive.Capture {
	ctx, cancel := context.WithTimeout(ctx, f.opts.Budget)
	defer cancel()
	out := make([]archive.Capture, len(posts))
	sem := make(chan struct{}, f.opts.Concurrency)
	var wg sync.WaitGroup
	for i, e := range posts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
			}
			out[i] = f.FetchPost(ctx, e)
		}()
	}
	wg.Wait()
	return out
}

// FetchWARC is Fetch that also records this call's exchanges (and only
// them) as a WARC/1.1 file in memory, gzip per record, bounded by
// Options.MaxWARC: records past the bound are left out and a final
// metadata record says how many (truncation is also logged). It returns a
// nil WARC when no request was made. An error concerns the WARC only.
func (f *Fetcher) FetchWARC(ctx context.Context, posts []archive.Embed) ([]archive.Capture, []byte, error) {
	var buf bytes.Buffer
	ww, err := NewWARCWriter(&buf, true)
	if err != nil {
		return f.Fetch(ctx, posts), nil, err
	}
	ww.limit = f.opts.MaxWARC
	caps := f.Fetch(context.WithValue(ctx, warcKey{}, ww), posts)
	if ww.Records() <= 1 && ww.Dropped() == 0 {
		return caps, nil, ww.Err() // the warcinfo record alone: no request made
	}
	if d := ww.Dropped(); d > 0 {
		slog.WarnContext(ctx, "warc truncated", "dropped_records", d, "max_bytes", f.opts.MaxWARC)
		if err := ww.noteTruncation(); err != nil {
			return caps, nil, err
		}
	}
	if err := ww.Err(); err != nil {
		return caps, nil, err
	}
	return caps, buf.Bytes(), nil
}

// FetchPost captures one post: its markup snapshot, then its oEmbed answer
// and its page, fetched in parallel.
func (f *Fetcher) FetchPost(ctx context.Context, e archive.Embed) archive.Capture {
	c := archive.Capture{Post: e.PostRef}
	c.Snapshots = append(c.Snapshots, markupSnapshot(e, time.Now().UTC()))

	var oe, pg archive.Snapshot
	var wg sync.WaitGroup
	if f.wants(archive.SourceOEmbed) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer f.recoverInto(&oe, e.PostRef, archive.SourceOEmbed)
			oe, _ = f.fetchOEmbed(ctx, e.PostRef)
		}()
	}
	if f.wants(archive.SourcePage) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer f.recoverInto(&pg, e.PostRef, archive.SourcePage)
			pg = f.fetchPage(ctx, e.PostRef)
		}()
	}
	wg.Wait()
	for _, s := range []archive.Snapshot{oe, pg} {
		if s.Source != "" {
			c.Snapshots = append(c.Snapshots, s)
		}
	}
	c.Status = summarise(c.Snapshots)
	slog.Debug("fetched post", "post", e.Key(), "status", c.Status)
	return c
}

func (f *Fetcher) wants(source string) bool {
	if f.opts.Sources == nil {
		return true
	}
	for _, s := range f.opts.Sources {
		if s == source {
			return true
		}
	}
	return false
}

// recoverInto turns a panic while capturing one source into an error
// snapshot, so one bad page never loses the article's other posts.
func (f *Fetcher) recoverInto(s *archive.Snapshot, post archive.PostRef, source string) {
	if r := recover(); r != nil {
		slog.Error("fetch panic", "post", post.Key(), "source", source, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		*s = archive.Snapshot{
			Post: post, Source: source, FetchedAt: time.Now().UTC(),
			Status: archive.StatusError, Reason: "internal error while capturing",
		}
	}
}
