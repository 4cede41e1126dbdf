package web

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// hostile is archived text that tries to run script in the viewer.
const hostile = `<script>document.title="pwned";window.pwned=1</script><img src=x onerror="document.title='pwned'">Totally normal tweet`

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture is a small archive: one article embedding three posts (one
// edited and live, one deleted, one with hostile text), with quotes, one
// tied to a post.
type fixture struct {
	articles []archive.ArticleView
	posts    []archive.PostView
}

func newFixture() *fixture {
	processed := mustTime("2024-03-02T10:00:00Z")
	tw := archive.PostRef{Platform: archive.Twitter, ID: "1760000000000000001", URL: "https://twitter.com/nayibbukele/status/1760000000000000001"}
	ig := archive.PostRef{Platform: archive.Instagram, ID: "C3abcDEF", URL: "https://www.instagram.com/p/C3abcDEF/"}
	ev := archive.PostRef{Platform: archive.Twitter, ID: "1760000000000000666", URL: "https://twitter.com/evil/status/1760000000000000666"}
	art := archive.ArticleView{
		Article: archive.Article{
			ID: "s3://articles/2024/bukele.html", SHA256: strings.Repeat("ab", 32),
			Title: "Bukele mocks ruling <b>on</b> Twitter", CanonicalURL: "https://news.example/bukele",
			PublishedAt: mustTime("2024-03-01T08:00:00Z"), ProcessedAt: processed,
			Status: archive.ArticleComplete, EmbedCount: 3, QuoteCount: 2,
		},
		Embeds: []archive.Embed{
			{PostRef: tw, Kind: archive.KindEmbed, Markup: "blockquote", AuthorName: "Nayib Bukele", AuthorHandle: "nayibbukele", Text: "Oopsie, too late. 🤭", PublishedAt: mustTime("2024-02-29T23:00:00Z")},
			{PostRef: ig, Kind: archive.KindEmbed, Markup: "blockquote", AuthorName: "Some Account", AuthorHandle: "someaccount", Text: "A photo caption"},
			{PostRef: ev, Kind: archive.KindLink, Markup: "link", AuthorHandle: "evil", Text: hostile},
		},
		Quotes: []archive.Quote{
			{Text: "Oopsie, too late.", Start: 120, End: 137, Speaker: "Nayib Bukele", SpeakerMention: "Bukele", SpeakerStart: 100, SpeakerEnd: 106, Cue: "posting", PostURL: tw.URL, MatchScore: 0.97},
			{Text: "This is a dark day <script>alert(1)</script>", Start: 200, End: 240, Speaker: "Lee Gelernt", SpeakerMention: "Gelernt", SpeakerStart: 180, SpeakerEnd: 187, Cue: "said"},
		},
	}
	snap := func(ref archive.PostRef, src string, at string, st archive.Status, code int, text string) archive.Snapshot {
		return archive.Snapshot{Post: ref, Source: src, FetchedAt: mustTime(at), Status: st, HTTPStatus: code,
			SHA256: strings.Repeat(string("0123456789abcdef"[len(text)%16]), 64), BlobKey: "snapshots/" + ref.ID + "/" + src, Text: text}
	}
	posts := []archive.PostView{
		{
			Post: archive.Post{PostRef: tw, AuthorName: "Nayib Bukele", AuthorHandle: "nayibbukele", Text: "Oopsie, too late. 🤭 (edited)",
				PublishedAt: mustTime("2024-02-29T23:00:00Z"), FirstArchived: processed, LastArchived: mustTime("2024-03-09T10:00:00Z"),
				Status: archive.StatusLive, Edited: true, LatestDigest: strings.Repeat("c", 64)},
			Snapshots: []archive.Snapshot{
				snap(tw, archive.SourceOEmbed, "2024-03-09T10:00:00Z", archive.StatusLive, 200, "Oopsie, too late. 🤭 (edited)"),
				snap(tw, archive.SourceOEmbed, "2024-03-02T10:00:01Z", archive.StatusLive, 200, "Oopsie, too late. 🤭"),
				snap(tw, archive.SourceMarkup, "2024-03-02T10:00:00Z", archive.StatusLive, 0, "Oopsie, too late. 🤭"),
			},
			Articles: []string{art.Article.ID},
		},
		{
			Post: archive.Post{PostRef: ig, AuthorName: "Some Account", AuthorHandle: "someaccount", Text: "A photo caption",
				PublishedAt: mustTime("2024-02-20T12:00:00Z"), FirstArchived: processed, LastArchived: mustTime("2024-03-09T10:00:00Z"),
				Status: archive.StatusDeleted},
			Snapshots: []archive.Snapshot{
				snap(ig, archive.SourcePage, "2024-03-09T10:00:00Z", archive.StatusDeleted, 404, ""),
				snap(ig, archive.SourcePage, "2024-03-02T10:00:02Z", archive.StatusLive, 200, "A photo caption"),
				snap(ig, archive.SourceMarkup, "2024-03-02T10:00:00Z", archive.StatusLive, 0, "A photo caption, as the article embedded it"),
			},
			Articles: []string{art.Article.ID},
		},
		{
			Post: archive.Post{PostRef: ev, AuthorHandle: "evil", Text: hostile, PublishedAt: mustTime("2024-01-15T00:00:00Z"),
				FirstArchived: processed, LastArchived: processed, Status: archive.StatusUnavailable},
			Snapshots: []archive.Snapshot{
				snap(ev, archive.SourceMarkup, "2024-03-02T10:00:00Z", archive.StatusLive, 0, hostile),
				{Post: ev, Source: archive.SourcePage, FetchedAt: mustTime("2024-03-02T10:00:03Z"), Status: archive.StatusUnavailable, HTTPStatus: 200, Reason: "login wall <b>x</b>"},
			},
			Articles: []string{art.Article.ID},
		},
	}
	return &fixture{articles: []archive.ArticleView{art}, posts: posts}
}

// fakeQuerier answers queries over a fixture the way the contract says:
// NotFound for a missing article or post, pages by an offset cursor. It
// records the queries it was asked.
type fakeQuerier struct {
	f   *fixture
	err error // when set, every query fails with it

	mu   sync.Mutex
	seen []archive.Query
}

func (fq *fakeQuerier) queries() []archive.Query {
	fq.mu.Lock()
	defer fq.mu.Unlock()
	return slices.Clone(fq.seen)
}

func (fq *fakeQuerier) Query(ctx context.Context, q archive.Query) (*archive.Result, error) {
	fq.mu.Lock()
	fq.seen = append(fq.seen, q)
	fq.mu.Unlock()
	if fq.err != nil {
		return nil, fq.err
	}
	if err := ctx.Err(); err != nil {
		return nil, archive.E("fake.query", archive.Unavailable, err)
	}
	switch {
	case q.Article != "":
		for _, a := range fq.f.articles {
			if a.Article.ID == q.Article {
				return &archive.Result{Articles: []archive.ArticleView{a}}, nil
			}
		}
		return nil, archive.Errorf("fake.query", archive.NotFound, "article %s", q.Article)
	case q.Post != "":
		for _, p := range fq.f.posts {
			if p.Post.URL == q.Post || p.Post.Key() == q.Post {
				return &archive.Result{Posts: []archive.PostView{p}}, nil
			}
		}
		return nil, archive.Errorf("fake.query", archive.NotFound, "post %s", q.Post)
	case q.Speaker != "":
		var out []archive.QuoteView
		for _, a := range fq.f.articles {
			for _, qu := range a.Quotes {
				if strings.EqualFold(qu.Speaker, q.Speaker) {
					out = append(out, archive.QuoteView{Article: a.Article.ID, Quote: qu})
				}
			}
		}
		page, next := paginate(out, q)
		return &archive.Result{Quotes: page, NextCursor: next}, nil
	}
	if q.Author == "" && q.Platform == "" && q.Status == "" {
		var arts []archive.ArticleView
		for _, a := range fq.f.articles {
			if (q.Since.IsZero() || !a.Article.ProcessedAt.Before(q.Since)) && (q.Until.IsZero() || a.Article.ProcessedAt.Before(q.Until)) {
				arts = append(arts, archive.ArticleView{Article: a.Article})
			}
		}
		page, next := paginate(arts, q)
		return &archive.Result{Articles: page, NextCursor: next}, nil
	}
	var out []archive.PostView
	for _, p := range fq.f.posts {
		switch {
		case q.Author != "" && !strings.EqualFold(string(p.Post.Platform)+":"+p.Post.AuthorHandle, q.Author):
		case q.Platform != "" && p.Post.Platform != q.Platform:
		case q.Status != "" && p.Post.Status != q.Status:
		case !q.Since.IsZero() && p.Post.PublishedAt.Before(q.Since):
		case !q.Until.IsZero() && !p.Post.PublishedAt.Before(q.Until):
		default:
			out = append(out, p)
		}
	}
	page, next := paginate(out, q)
	return &archive.Result{Posts: page, NextCursor: next}, nil
}

func paginate[T any](all []T, q archive.Query) ([]T, string) {
	start := 0
	if q.Cursor != "" {
		n, err := strconv.Atoi(q.Cursor)
		if err != nil || n < 0 || n > len(all) {
			return nil, ""
		}
		start = n
	}
	end := len(all)
	if q.Limit > 0 && start+q.Limit < end {
		end = start + q.Limit
	}
	next := ""
	if end < len(all) {
		next = strconv.Itoa(end)
	}
	return all[start:end], next
}

// memBlobs serves raw bodies from a map.
type memBlobs map[string][]byte

func (m memBlobs) Get(ctx context.Context, key string) ([]byte, error) {
	b, ok := m[key]
	if !ok {
		return nil, archive.Errorf("mem.get", archive.NotFound, "blob %s", key)
	}
	return b, nil
}
