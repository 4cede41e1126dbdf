package fetch

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/embedarchive/embedarchive/internal/archive"
)

const acceptJSON = "application/json, text/javascript;q=0.5"

// fetchOEmbed captures a post's oEmbed answer. Posts with no endpoint get
// no snapshot (ok false); Meta posts without a token get an "unavailable"
// snapshot with reason "credentials" and no request.
func (f *Fetcher) fetchOEmbed(ctx context.Context, post archive.PostRef) (archive.Snapshot, bool) {
	ep, ok := f.providers.lookup(post)
	if !ok {
		return archive.Snapshot{}, false
	}
	reqURL := ep.requestURL(post.URL)
	if ep.needsMeta && f.opts.MetaToken == "" {
		return archive.Snapshot{
			Post: post, Source: archive.SourceOEmbed, RequestURL: reqURL,
			FetchedAt: time.Now().UTC(), Status: archive.StatusUnavailable, Reason: "credentials",
		}, true
	}
	var hdr http.Header
	if metaPlatforms[post.Platform] && f.opts.MetaToken != "" {
		// In a header, not the query: the request URL is recorded. Sent to
		// a providers-file endpoint too (a proxy may pass it on), never to
		// a host a redirect leads to.
		hdr = http.Header{"Authorization": {"Bearer " + f.opts.MetaToken}}
	}
	ex := f.client.get(ctx, reqURL, acceptJSON, hdr)
	s := newSnapshot(post, archive.SourceOEmbed, ex)
	st, reason, ok := classify(ex)
	if !ok {
		s.Status, s.Reason = st, reason
		return s, true
	}
	if wall := loginWall(post.Platform, ex.FinalURL); wall != "" {
		s.Status, s.Reason = archive.StatusUnavailable, wall
		return s, true
	}
	if mt := mediaType(ex.Header.Get("Content-Type")); !isJSONType(mt) {
		s.Status, s.Reason = archive.StatusError, fmt.Sprintf("unexpected content-type %q for oEmbed", mt)
		return s, true
	}
	fields, err := parseOEmbed(post.Platform, ex.Body)
	if err != nil {
		s.Status, s.Reason = archive.StatusError, err.Error()
		if ex.Truncated {
			s.Reason += " (body truncated at the size cap)"
		}
		return s, true
	}
	fields.apply(&s)
	s.Status = archive.StatusLive
	return s, true
}

// extracted are the fields a source yields about a post.
type extracted struct {
	Text, AuthorName, AuthorHandle, Lang string
	PublishedAt                          time.Time
	Media                                []string
}

// Caps on extracted fields: a hostile page must not make a snapshot too
// big to store. The raw body keeps everything.
const (
	maxTextRunes  = 20000
	maxFieldRunes = 300
	maxMedia      = 20
	maxURLLen     = 2048
)

func (x extracted) apply(s *archive.Snapshot) {
	s.Text = clip(strings.TrimSpace(x.Text), maxTextRunes)
	s.AuthorName = clip(strings.TrimSpace(x.AuthorName), maxFieldRunes)
	s.AuthorHandle = clip(strings.TrimPrefix(strings.TrimSpace(x.AuthorHandle), "@"), maxFieldRunes)
	s.Lang = clip(strings.TrimSpace(x.Lang), 35)
	s.PublishedAt = x.PublishedAt
	seen := map[string]bool{}
	for _, m := range x.Media {
		m = strings.TrimSpace(m)
		if len(s.MediaURLs) >= maxMedia || m == "" || seen[m] || len(m) > maxURLLen {
			continue
		}
		// Only absolute http(s) URLs: a viewer may link them.
		if u, err := url.Parse(m); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			continue
		}
		seen[m] = true
		s.MediaURLs = append(s.MediaURLs, m)
	}
}

// clip cuts s to at most n runes.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// parseOEmbed reads an oEmbed JSON answer. Anything that is not a JSON
// object with oEmbed fields is an error (garbage).
func parseOEmbed(p archive.Platform, body []byte) (extracted, error) {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return extracted{}, fmt.Errorf("invalid oEmbed JSON: %v", err)
	}
	str := func(k string) string {
		if v, ok := m[k].(string); ok {
			return v
		}
		return ""
	}
	if str("type") == "" && str("version") == "" && str("html") == "" && str("title") == "" {
		if e := str("error"); e != "" {
			return extracted{}, fmt.Errorf("oEmbed error: %.200s", e)
		}
		return extracted{}, fmt.Errorf("not an oEmbed answer: no type, version, html or title")
	}
	x := extracted{AuthorName: str("author_name"), AuthorHandle: handleFromURL(p, str("author_url"))}
	if p == archive.Reddit && x.AuthorHandle == "" {
		x.AuthorHandle = x.AuthorName // reddit's author_name is the user name
	}
	if t := str("thumbnail_url"); t != "" {
		x.Media = append(x.Media, t)
	}
	if str("type") == "photo" && str("url") != "" {
		x.Media = append(x.Media, str("url"))
	}
	if h := str("html"); h != "" {
		x.fromEmbedHTML(p, h)
	}
	if x.Text == "" {
		x.Text = str("title")
		if d := str("description"); d != "" && p == archive.Vimeo {
			x.Text = strings.TrimSpace(x.Text + "\n\n" + d)
		}
	}
	return x, nil
}

// fromEmbedHTML reads the text, language, date and handle that a platform's
// embed blockquote carries (X/Twitter, Bluesky, TikTok, Instagram...).
func (x *extracted) fromEmbedHTML(p archive.Platform, h string) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(h))
	if err != nil {
		return
	}
	bq := doc.Find("blockquote").First()
	if bq.Length() == 0 {
		return
	}
	para := bq.Find("p").First()
	if p == archive.Instagram {
		return // its blockquote holds boilerplate ("A post shared by..."), not the caption
	}
	if para.Length() > 0 {
		x.Text = collapse(para.Text())
		x.Lang, _ = para.Attr("lang")
	}
	switch p {
	case archive.Twitter, archive.Bluesky:
		links := bq.ChildrenFiltered("a")
		if links.Length() > 0 {
			x.PublishedAt = parseHumanDate(links.Last().Text())
		}
		// "&mdash; Name (@handle)"
		tail := bq.Clone()
		tail.Find("p").Remove()
		t := tail.Text()
		if i := strings.Index(t, "(@"); i >= 0 {
			if j := strings.Index(t[i:], ")"); j > 0 && x.AuthorHandle == "" {
				x.AuthorHandle = t[i+2 : i+j]
			}
		}
	}
}

var humanDateLayouts = []string{
	"January 2, 2006 at 3:04 PM",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
}

func parseHumanDate(s string) time.Time {
	s = collapse(s)
	for _, l := range humanDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// handleFromURL reads an account handle from a profile URL:
// twitter.com/NAME, tiktok.com/@NAME, youtube.com/@NAME or /user/NAME,
// bsky.app/profile/NAME, mastodon.social/@NAME.
func handleFromURL(p archive.Platform, raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if len(segs) == 0 {
		return ""
	}
	switch {
	case len(segs) >= 2 && (segs[0] == "user" || segs[0] == "profile" || segs[0] == "c" || segs[0] == "u"):
		return strings.TrimPrefix(segs[1], "@")
	case p == archive.Vimeo || p == archive.Reddit:
		return segs[len(segs)-1]
	}
	return strings.TrimPrefix(segs[0], "@")
}

// collapse folds runs of white space to one space and trims.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
