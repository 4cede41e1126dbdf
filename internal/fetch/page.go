package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"

	"github.com/embedarchive/embedarchive/internal/archive"
)

const acceptHTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

// pageURL is the page fetched for a post: the post's own URL, except
// Telegram, whose t.me/<channel>/<id>?embed=1 widget page carries the text
// and date.
func pageURL(post archive.PostRef) string {
	if post.Platform != archive.Telegram {
		return post.URL
	}
	u, err := url.Parse(post.URL)
	if err != nil {
		return post.URL
	}
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if len(segs) >= 3 && segs[0] == "s" {
		segs = segs[1:]
	}
	if len(segs) >= 2 {
		u.Path = "/" + segs[0] + "/" + segs[1]
	}
	q := url.Values{}
	q.Set("embed", "1")
	u.RawQuery = q.Encode()
	return u.String()
}

// fetchPage captures the post's own page and reads it with goquery.
func (f *Fetcher) fetchPage(ctx context.Context, post archive.PostRef) archive.Snapshot {
	ex := f.client.get(ctx, pageURL(post), acceptHTML, nil)
	s := newSnapshot(post, archive.SourcePage, ex)
	st, reason, ok := classify(ex)
	if !ok {
		s.Status, s.Reason = st, reason
		return s
	}
	mt := mediaType(ex.Header.Get("Content-Type"))
	if mt == "" {
		mt = mediaType(http.DetectContentType(ex.Body))
	}
	if !isHTMLType(mt) {
		s.Status, s.Reason = archive.StatusError, fmt.Sprintf("unexpected content-type %q for a post page", mt)
		return s
	}
	if wall := loginWall(post.Platform, ex.FinalURL); wall != "" {
		s.Status, s.Reason = archive.StatusUnavailable, wall
		return s
	}
	// Decode to UTF-8 from the Content-Type charset, a <meta charset> or
	// a BOM; UTF-8 when none says.
	r, err := charset.NewReader(bytes.NewReader(ex.Body), ex.Header.Get("Content-Type"))
	if err != nil {
		r = bytes.NewReader(ex.Body)
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		s.Status, s.Reason = archive.StatusError, "unparsable HTML: "+err.Error()
		return s
	}
	if st, why := rawTombstone(post.Platform, ex.Body); st != "" {
		s.Status, s.Reason = st, why
		return s
	}
	if st, why := tombstone(post.Platform, doc); st != "" {
		s.Status, s.Reason = st, why
		return s
	}
	x := parsePage(post.Platform, doc)
	x.apply(&s)
	if s.Text == "" && s.AuthorName == "" && s.AuthorHandle == "" {
		s.Status, s.Reason = archive.StatusUnavailable, "page shows no post content (script-only page or wall)"
		return s
	}
	s.Status = archive.StatusLive
	return s
}

// loginWall recognises a redirect to a platform's login or consent page.
func loginWall(p archive.Platform, finalURL string) string {
	u, err := url.Parse(finalURL)
	if err != nil {
		return ""
	}
	path := strings.ToLower(u.Path)
	switch {
	case strings.Contains(path, "/accounts/login"), strings.HasPrefix(path, "/login"),
		strings.Contains(path, "/i/flow/login"), strings.HasPrefix(path, "/checkpoint"):
		return "login wall"
	case strings.Contains(path, "/over18"), strings.Contains(u.RawQuery, "age_gate"):
		return "age gate"
	case strings.HasPrefix(strings.ToLower(u.Host), "consent."):
		return "consent wall"
	}
	return ""
}

// meta reads a <meta> by property or name, from content= or value= (some
// pages, e.g. bsky.app, use value=).
func meta(doc *goquery.Document, keys ...string) string {
	for _, k := range keys {
		var v string
		doc.Find("meta").EachWithBreak(func(_ int, m *goquery.Selection) bool {
			p, _ := m.Attr("property")
			n, _ := m.Attr("name")
			if !strings.EqualFold(p, k) && !strings.EqualFold(n, k) {
				return true
			}
			c, ok := m.Attr("content")
			if !ok {
				c, _ = m.Attr("value")
			}
			v = strings.TrimSpace(c)
			return v == ""
		})
		if v != "" {
			return v
		}
	}
	return ""
}

// ldPost is the part of a JSON-LD object the fetcher reads.
type ldPost struct {
	Type          any             `json:"@type"`
	Text          string          `json:"text"`
	ArticleBody   string          `json:"articleBody"`
	Description   string          `json:"description"`
	Headline      string          `json:"headline"`
	Name          string          `json:"name"`
	DatePublished string          `json:"datePublished"`
	UploadDate    string          `json:"uploadDate"`
	InLanguage    any             `json:"inLanguage"`
	Author        json.RawMessage `json:"author"`
	Image         json.RawMessage `json:"image"`
	Thumbnail     json.RawMessage `json:"thumbnailUrl"`
	Graph         []ldPost        `json:"@graph"`
}

type ldPerson struct {
	Name          string `json:"name"`
	AlternateName string `json:"alternateName"`
	URL           string `json:"url"`
}

var ldPostTypes = map[string]bool{
	"socialmediaposting": true, "discussionforumposting": true, "videoobject": true,
	"imageobject": true, "blogposting": true, "article": true, "newsarticle": true,
	"comment": true,
}

func (l ldPost) isPost() bool {
	switch t := l.Type.(type) {
	case string:
		return ldPostTypes[strings.ToLower(t)]
	case []any:
		for _, v := range t {
			if s, ok := v.(string); ok && ldPostTypes[strings.ToLower(s)] {
				return true
			}
		}
	}
	return false
}

// jsonLD returns the first posting-like JSON-LD object on the page.
func jsonLD(doc *goquery.Document) (ldPost, bool) {
	var found ldPost
	var ok bool
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		raw := []byte(strings.TrimSpace(s.Text()))
		var cands []ldPost
		var one ldPost
		if err := json.Unmarshal(raw, &one); err == nil {
			cands = append(append(cands, one), one.Graph...)
		} else {
			_ = json.Unmarshal(raw, &cands)
		}
		for _, c := range cands {
			if c.isPost() {
				found, ok = c, true
				return false
			}
		}
		return true
	})
	return found, ok
}

func (l ldPost) author() ldPerson {
	var p ldPerson
	if len(l.Author) == 0 {
		return p
	}
	if json.Unmarshal(l.Author, &p) == nil {
		return p
	}
	var ps []ldPerson
	if json.Unmarshal(l.Author, &ps) == nil && len(ps) > 0 {
		return ps[0]
	}
	var name string
	if json.Unmarshal(l.Author, &name) == nil {
		p.Name = name
	}
	return p
}

func ldURLs(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}
	}
	var ss []string
	if json.Unmarshal(raw, &ss) == nil {
		return ss
	}
	var o struct {
		URL string `json:"url"`
	}
	if json.Unmarshal(raw, &o) == nil && o.URL != "" {
		return []string{o.URL}
	}
	return nil
}

// parsePage reads a post page: platform selectors first, then JSON-LD,
// then OpenGraph and Twitter-card meta.
func parsePage(p archive.Platform, doc *goquery.Document) extracted {
	x := platformFields(p, doc)
	if ld, ok := jsonLD(doc); ok {
		a := ld.author()
		setIf(&x.Text, unescapeHTML(firstNonEmpty(ld.Text, ld.ArticleBody, ld.Description, ld.Headline)))
		setIf(&x.AuthorName, a.Name)
		setIf(&x.AuthorHandle, firstNonEmpty(strings.TrimPrefix(a.AlternateName, "@"), handleFromURL(p, a.URL)))
		if x.PublishedAt.IsZero() {
			x.PublishedAt = parseTime(firstNonEmpty(ld.DatePublished, ld.UploadDate))
		}
		if l, ok := ld.InLanguage.(string); ok {
			setIf(&x.Lang, l)
		}
		x.Media = append(x.Media, ldURLs(ld.Image)...)
		x.Media = append(x.Media, ldURLs(ld.Thumbnail)...)
	}
	setIf(&x.Text, cleanOGText(meta(doc, "og:description", "twitter:description", "description")))
	title := meta(doc, "og:title", "twitter:title")
	if name, text := quotedTitle(title); text != "" {
		// 'Name on X: "text"' (X/Twitter's og:title on some pages)
		setIf(&x.Text, text)
		setIf(&x.AuthorName, name)
	}
	if name, handle := authorFromTitle(title); name != "" || handle != "" {
		setIf(&x.AuthorName, name)
		setIf(&x.AuthorHandle, handle)
	}
	if x.PublishedAt.IsZero() {
		x.PublishedAt = parseTime(meta(doc, "article:published_time", "og:published_time", "datePublished"))
	}
	if x.PublishedAt.IsZero() && strings.EqualFold(meta(doc, "twitter:label1"), "Posted At") {
		x.PublishedAt = parseTime(meta(doc, "twitter:value1"))
	}
	for _, k := range []string{"og:image", "og:video", "twitter:image"} {
		if v := meta(doc, k); v != "" && strings.HasPrefix(v, "http") {
			x.Media = append(x.Media, v)
		}
	}
	if x.Lang == "" {
		x.Lang, _ = doc.Find("html").First().Attr("lang")
	}
	return x
}

// authorFromTitle reads "Name (@handle)", "Name (@handle) on X", "Name on
// Twitter", "Name on TikTok" and "@handle on Bluesky" titles.
func authorFromTitle(t string) (name, handle string) {
	t = strings.TrimSpace(t)
	suffixed := false
	for _, suf := range []string{" on X", " on Twitter", " en Twitter", " on TikTok", " on Bluesky", " on Instagram", " on Threads"} {
		if strings.HasSuffix(t, suf) {
			t, suffixed = strings.TrimSpace(strings.TrimSuffix(t, suf)), true
			break
		}
	}
	if t == "" || strings.Contains(t, ":") || len(t) > 120 {
		return "", ""
	}
	if i := strings.Index(t, "(@"); i >= 0 {
		if j := strings.Index(t[i:], ")"); j > 0 {
			return strings.TrimSpace(t[:i]), t[i+2 : i+j]
		}
	}
	if strings.HasPrefix(t, "@") && !strings.Contains(t, " ") {
		return "", t[1:]
	}
	if suffixed {
		return t, ""
	}
	return "", ""
}

// quotedTitle reads 'Name on X: "text"' and 'Name on Twitter: "text"'.
func quotedTitle(t string) (name, text string) {
	for _, sep := range []string{" on X: \"", " on Twitter: \""} {
		if i := strings.Index(t, sep); i > 0 {
			rest := strings.TrimSuffix(strings.TrimSpace(t[i+len(sep):]), " / X")
			return strings.TrimSpace(t[:i]), strings.TrimSpace(strings.TrimSuffix(rest, "\""))
		}
	}
	return "", ""
}

// cleanOGText strips the quotes X/Twitter puts around og:description.
func cleanOGText(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "“") && strings.HasSuffix(s, "”") {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "“"), "”")
	}
	return strings.TrimSpace(s)
}

func unescapeHTML(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<p>" + s + "</p>"))
	if err != nil {
		return s
	}
	return doc.Find("p").Text()
}

func setIf(dst *string, v string) {
	if *dst == "" {
		*dst = strings.TrimSpace(v)
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

var timeLayouts = []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02"}

func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
