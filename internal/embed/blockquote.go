package embed

import (
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// blockquoteClasses maps the class each platform's official embed code
// puts on its blockquote to the platform. A class matches as a whole token,
// so "twitter-tweet twitter-tweet-rendered tw-align-center" matches and a
// share button's "twitter-tweet-btn" does not.
var blockquoteClasses = map[string]archive.Platform{
	"twitter-tweet":         archive.Twitter,
	"twitter-video":         archive.Twitter,
	"instagram-media":       archive.Instagram,
	"tiktok-embed":          archive.TikTok,
	"fb-xfbml-parse-ignore": archive.Facebook,
	"bluesky-embed":         archive.Bluesky,
	"mastodon-embed":        archive.Mastodon,
	"text-post-media":       archive.Threads,
	"threads-embed":         archive.Threads,
	"reddit-embed-bq":       archive.Reddit,
	"reddit-card":           archive.Reddit,
	"truthsocial-embed":     archive.TruthSocial,
	"linkedin-embed":        archive.LinkedIn,
	"telegram-post":         archive.Telegram,
}

// embedClass returns the platform whose embed class n carries, or "".
func embedClass(n *html.Node) archive.Platform {
	v := getAttr(n, "class")
	if v == "" {
		return ""
	}
	for _, c := range strings.Fields(v) {
		if p, ok := blockquoteClasses[c]; ok {
			return p
		}
	}
	return ""
}

// blockquoteURLAttrs are the attributes embed blockquotes name their post
// in, in order of trust.
var blockquoteURLAttrs = []string{
	"data-instgrm-permalink", "data-embed-url", "data-text-post-permalink",
	"data-href", "data-url", "cite",
}

// blockquote recognises a platform's embed blockquote, rendered or not,
// and reads what it shows of the post: text, author and date.
func (s *scanner) blockquote(n *html.Node) bool {
	platform := embedClass(n)
	if hasClass(n, "embedly-card") {
		// Embedly's card shows whichever post its link names.
		for _, a := range hrefs(n) {
			if r, ok := ParseURL(getAttr(a, "href")); ok {
				e := s.add(n, r, archive.KindEmbed, "blockquote")
				e.AuthorHandle = handleFromURL(r)
				return true
			}
		}
		return false
	}
	if platform == "" && n.Data != "blockquote" {
		return false
	}
	r, ok := blockquoteRef(n, platform)
	if !ok {
		return false
	}
	e := s.add(n, r, archive.KindEmbed, "blockquote") // the embed code's form, rendered or not
	fillFromBlockquote(e, n)
	return true
}

// blockquoteRef finds the post a blockquote shows: from its attributes,
// else, for a blockquote with a platform's class, from its links (the last
// one for X/Twitter, Bluesky and Mastodon, whose byline ends with the
// post's link; the first for the others). A classless blockquote counts
// only when its attributes name a post.
func blockquoteRef(n *html.Node, platform archive.Platform) (archive.PostRef, bool) {
	if uri := getAttr(n, "data-bluesky-uri"); uri != "" {
		if r, ok := blueskyATURI(uri); ok {
			return r, true
		}
	}
	for _, a := range blockquoteURLAttrs {
		if r, ok := ParseURL(getAttr(n, a)); ok && (platform == "" || r.Platform == platform) {
			return r, true
		}
	}
	if platform == archive.TikTok {
		if id := getAttr(n, "data-video-id"); isDigits(id, 10, 22) {
			return tiktokRef(id)
		}
	}
	if platform == "" {
		return no()
	}
	var found []archive.PostRef
	for _, a := range hrefs(n) {
		if r, ok := ParseURL(getAttr(a, "href")); ok && r.Platform == platform {
			found = append(found, r)
		}
	}
	if len(found) == 0 {
		return no()
	}
	switch platform {
	case archive.Twitter, archive.Bluesky, archive.Mastodon, archive.TruthSocial:
		return found[len(found)-1], true
	}
	return found[0], true
}

// blueskyATURI reads at://<did>/app.bsky.feed.post/<rkey>.
func blueskyATURI(uri string) (archive.PostRef, bool) {
	rest, ok := strings.CutPrefix(uri, "at://")
	if !ok {
		return no()
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[1] != "app.bsky.feed.post" {
		return no()
	}
	return blueskyRef(parts[0], parts[2])
}

// byline matches "— Name (@handle)" as X/Twitter and Bluesky embed code
// write it, and Instagram's "A post shared by Name (@handle)".
var byline = regexp.MustCompile(`(?:[—–]|&mdash;|^-|\s-|A post shared by|Ein Beitrag geteilt von|Une publication partagée par|Una publicación compartida por)\s*([^()\n]{0,100}?)\s*\(\s*@([A-Za-z0-9_.\-]+(?:@[A-Za-z0-9_.\-]+)?)\s*\)`)

// fillFromBlockquote reads what an embed blockquote shows of its post.
func fillFromBlockquote(e *archive.Embed, n *html.Node) {
	all := textOf(n, 64<<10)
	if m := byline.FindStringSubmatch(all); m != nil {
		e.AuthorName = collapse(m[1])
		e.AuthorHandle = m[2]
	}
	switch e.Platform {
	case archive.Facebook:
		fillFacebook(e, n)
		return
	case archive.Instagram:
		e.Text = instagramCaption(n)
	case archive.TikTok:
		for _, a := range hrefs(n) {
			if t := getAttr(a, "title"); strings.HasPrefix(t, "@") && e.AuthorHandle == "" {
				e.AuthorHandle = strings.TrimPrefix(t, "@")
			}
		}
		e.Text = firstParagraph(n)
	case archive.Reddit:
		// "<a>Title</a> by <a>u/name</a> in <a>r/sub</a>": the post's title
		// and its author.
		for i, a := range hrefs(n) {
			t := collapse(textOf(a, 1<<12))
			if i == 0 {
				e.Text = t
			}
			if h, ok := strings.CutPrefix(t, "u/"); ok && e.AuthorHandle == "" {
				e.AuthorHandle = h
			}
		}
	default:
		e.Text = firstParagraph(n)
	}
	if e.AuthorHandle == "" {
		e.AuthorHandle = handleFromURL(e.PostRef)
	}
	if t := timeIn(n); !t.IsZero() {
		e.PublishedAt = t
	} else if links := hrefs(n); len(links) > 0 {
		if t, ok := parseShownDate(textOf(links[len(links)-1], 200)); ok {
			e.PublishedAt = t
		}
	}
}

// firstParagraph is the text of n's first <p> with text, or n's own text
// before any byline when it has no paragraphs.
func firstParagraph(n *html.Node) string {
	var p *html.Node
	var rec func(*html.Node, int)
	rec = func(c *html.Node, depth int) {
		if p != nil || depth > maxWalkDepth {
			return
		}
		if c.Type == html.ElementNode && c.Data == "p" && strings.TrimSpace(textOf(c, 1<<16)) != "" {
			p = c
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			rec(k, depth+1)
		}
	}
	rec(n, 0)
	if p != nil {
		return collapse(textOf(p, 1<<16))
	}
	t := textOf(n, 1<<16)
	if loc := byline.FindStringIndex(t); loc != nil {
		t = t[:loc[0]]
	}
	t = collapse(t)
	// Embed code whose script has not run shows only its own boilerplate.
	for _, b := range []string{"Post by ", "View on ", "View this post", "A post shared by", "Posted by "} {
		if strings.HasPrefix(t, b) {
			return ""
		}
	}
	return t
}

// instagramCaption is the caption an Instagram blockquote shows: the text
// of its first paragraph that is not the embed's own boilerplate.
func instagramCaption(n *html.Node) string {
	var out string
	var rec func(*html.Node, int)
	rec = func(c *html.Node, depth int) {
		if out != "" || depth > maxWalkDepth {
			return
		}
		if c.Type == html.ElementNode && c.Data == "p" {
			t := collapse(textOf(c, 1<<16))
			if t != "" && !strings.HasPrefix(t, "A post shared by") && !strings.Contains(t, "View this post on Instagram") &&
				!byline.MatchString(t) {
				out = t
			}
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			rec(k, depth+1)
		}
	}
	rec(n, 0)
	return out
}

// timeIn returns the datetime of the first <time datetime> under n.
func timeIn(n *html.Node) time.Time {
	var out time.Time
	var rec func(*html.Node, int)
	rec = func(c *html.Node, depth int) {
		if !out.IsZero() || depth > maxWalkDepth {
			return
		}
		if c.Type == html.ElementNode && c.Data == "time" {
			if t, ok := parseShownDate(getAttr(c, "datetime")); ok {
				out = t
				return
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			rec(k, depth+1)
		}
	}
	rec(n, 0)
	return out
}

var shownDateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "January 2, 2006 at 3:04 PM",
	"Monday, January 2, 2006", "Monday, 2 January 2006",
}

// parseShownDate reads a date as embed markup shows it ("November 18,
// 2019") or as a datetime attribute holds it.
func parseShownDate(s string) (time.Time, bool) {
	s = collapse(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range shownDateLayouts {
		if t, err := time.Parse(l, s); err == nil && t.After(earliestPost) && t.Before(latestPost) {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// handleFromURL is the author's handle when the canonical URL names it.
func handleFromURL(r archive.PostRef) string {
	switch r.Platform {
	case archive.Twitter:
		if rest, ok := strings.CutPrefix(r.URL, "https://x.com/"); ok {
			if h, _, ok := strings.Cut(rest, "/"); ok && h != "i" {
				return h
			}
		}
	case archive.TikTok, archive.Threads, archive.TruthSocial, archive.Mastodon:
		if i := strings.Index(r.URL, "/@"); i >= 0 {
			h, _, _ := strings.Cut(r.URL[i+2:], "/")
			if h != "_" {
				return h
			}
		}
	case archive.Bluesky:
		if rest, ok := strings.CutPrefix(r.URL, "https://bsky.app/profile/"); ok {
			if h, _, ok := strings.Cut(rest, "/"); ok && !strings.HasPrefix(h, "did:") {
				return h
			}
		}
	}
	return ""
}

// fillFacebook reads Facebook's embed blockquote, whose byline is written
// in the page's language ("Posted by <a>Name</a> on <a>date</a>",
// "Publiée par ... sur ..."): the link to the post carries the date, the
// link before it the author; the post's text is the first paragraph that
// is not the byline.
func fillFacebook(e *archive.Embed, n *html.Node) {
	links := hrefs(n)
	for i := len(links) - 1; i >= 0; i-- {
		r, ok := ParseURL(getAttr(links[i], "href"))
		if !ok || r.ID != e.ID {
			continue
		}
		if t, ok := parseShownDate(textOf(links[i], 200)); ok {
			e.PublishedAt = t
		}
		if i > 0 {
			if _, isPost := ParseURL(getAttr(links[i-1], "href")); !isPost {
				e.AuthorName = collapse(textOf(links[i-1], 400))
			}
		}
		break
	}
	var rec func(*html.Node, int)
	rec = func(c *html.Node, depth int) {
		if e.Text != "" || depth > maxWalkDepth {
			return
		}
		if c.Type == html.ElementNode && c.Data == "p" {
			for _, a := range hrefs(c) {
				if r, ok := ParseURL(getAttr(a, "href")); ok && r.ID == e.ID {
					return // the byline
				}
			}
			e.Text = collapse(textOf(c, 1<<16))
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			rec(k, depth+1)
		}
	}
	rec(n, 0)
}
