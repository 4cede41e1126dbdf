package fetch

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/embedarchive/embedarchive/internal/archive"
)

// platformFields reads what a platform's own markup says about a post:
// Telegram's widget, legacy twitter.com permalinks, Reddit's shreddit-post,
// Mastodon's status page.
func platformFields(p archive.Platform, doc *goquery.Document) extracted {
	var x extracted
	switch p {
	case archive.Telegram:
		msg := doc.Find(".tgme_widget_message").First()
		if msg.Length() == 0 {
			break
		}
		text := msg.Find(".tgme_widget_message_text").First()
		x.Text = blockText(text)
		x.Lang, _ = text.Attr("lang")
		x.AuthorName = collapse(msg.Find(".tgme_widget_message_owner_name").First().Text())
		if post, ok := msg.Attr("data-post"); ok {
			x.AuthorHandle, _, _ = strings.Cut(post, "/")
		}
		if dt, ok := msg.Find(".tgme_widget_message_date time").First().Attr("datetime"); ok {
			x.PublishedAt = parseTime(dt)
		}
		msg.Find(".tgme_widget_message_photo_wrap, .tgme_widget_message_video_thumb").Each(func(_ int, s *goquery.Selection) {
			if st, ok := s.Attr("style"); ok {
				if m := cssURL.FindStringSubmatch(st); m != nil {
					x.Media = append(x.Media, m[1])
				}
			}
		})
	case archive.Twitter:
		tw := doc.Find(".permalink-tweet").First()
		if tw.Length() == 0 {
			break
		}
		text := tw.Find(".js-tweet-text, .tweet-text").First()
		x.Text = collapse(text.Text())
		x.Lang, _ = text.Attr("lang")
		x.AuthorName, _ = tw.Attr("data-name")
		x.AuthorHandle, _ = tw.Attr("data-screen-name")
		if ts, ok := tw.Find("._timestamp[data-time]").First().Attr("data-time"); ok {
			if n, err := strconv.ParseInt(ts, 10, 64); err == nil {
				x.PublishedAt = time.Unix(n, 0).UTC()
			}
		}
		tw.Find(".AdaptiveMedia-photoContainer img[src]").Each(func(_ int, s *goquery.Selection) {
			src, _ := s.Attr("src")
			x.Media = append(x.Media, src)
		})
	case archive.Reddit:
		sp := doc.Find("shreddit-post").First()
		if sp.Length() == 0 {
			break
		}
		title, _ := sp.Attr("post-title")
		body := collapse(sp.Find(`[slot="text-body"]`).First().Text())
		x.Text = strings.TrimSpace(title + "\n\n" + body)
		x.AuthorHandle, _ = sp.Attr("author")
		if ts, ok := sp.Attr("created-timestamp"); ok {
			x.PublishedAt = parseTime(ts)
		}
	case archive.Mastodon, archive.TruthSocial:
		st := doc.Find(".detailed-status, .h-entry").First()
		if st.Length() == 0 {
			break
		}
		x.Text = blockText(st.Find(".status__content, .e-content").First())
		x.AuthorName = collapse(st.Find(".display-name__html, .p-name").First().Text())
		if dt, ok := st.Find("time[datetime], data.dt-published[value]").First().Attr("datetime"); ok {
			x.PublishedAt = parseTime(dt)
		}
	}
	return x
}

var cssURL = regexp.MustCompile(`url\(['"]?([^'")]+)['"]?\)`)

// blockText is an element's text with <br> as newlines and runs of spaces
// folded.
func blockText(s *goquery.Selection) string {
	if s.Length() == 0 {
		return ""
	}
	c := s.Clone()
	c.Find("br").ReplaceWithHtml("\n")
	lines := strings.Split(c.Text(), "\n")
	for i, l := range lines {
		lines[i] = collapse(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// rawMarkers are byte strings in a page's raw body (inline JSON the page's
// script reads) that say what became of the post.
var rawMarkers = map[archive.Platform][]struct {
	marker string
	status archive.Status
	why    string
}{
	archive.YouTube: {
		{`"playabilityStatus":{"status":"ERROR"`, archive.StatusDeleted, "platform notice: video unavailable"},
		{`"playabilityStatus":{"status":"LOGIN_REQUIRED"`, archive.StatusUnavailable, "login or age gate"},
		{`"playabilityStatus":{"status":"AGE_CHECK_REQUIRED"`, archive.StatusUnavailable, "age gate"},
		{`"playabilityStatus":{"status":"UNPLAYABLE"`, archive.StatusUnavailable, "unplayable here (geo or rights restriction)"},
	},
}

// rawTombstone looks for a platform's raw markers in body.
func rawTombstone(p archive.Platform, body []byte) (archive.Status, string) {
	for _, m := range rawMarkers[p] {
		if bytes.Contains(body, []byte(m.marker)) {
			return m.status, m.why
		}
	}
	return "", ""
}

// tombstones are the phrases platforms show in place of a removed post.
var tombstones = map[archive.Platform][]struct {
	selector, phrase string
	status           archive.Status
}{
	archive.Twitter: {
		{"body", "this tweet was deleted", archive.StatusDeleted},
		{"body", "this post was deleted", archive.StatusDeleted},
		{"body", "this page doesn’t exist", archive.StatusDeleted},
		{"body", "this page doesn't exist", archive.StatusDeleted},
		{"body", "account suspended", archive.StatusUnavailable},
		{"body", "these posts are protected", archive.StatusUnavailable},
	},
	archive.Instagram: {
		{"body", "sorry, this page isn't available", archive.StatusDeleted},
		{"body", "this content isn't available", archive.StatusDeleted},
	},
	archive.Telegram: {
		{".tgme_widget_message_error", "post not found", archive.StatusDeleted},
		{".tgme_widget_message_error", "", archive.StatusUnavailable},
	},
	archive.TikTok: {
		{"body", "video currently unavailable", archive.StatusDeleted},
		{"body", "couldn't find this video", archive.StatusDeleted},
	},
	archive.YouTube: {
		{"title", "video unavailable", archive.StatusDeleted},
		{"body", "sign in to confirm your age", archive.StatusUnavailable},
	},
	archive.Bluesky: {
		{"body", "post not found", archive.StatusDeleted},
	},
	archive.Facebook: {
		{"body", "this content isn't available", archive.StatusDeleted},
	},
	archive.Reddit: {
		{"shreddit-post[removed], shreddit-post[is-deleted]", "", archive.StatusDeleted},
	},
}

// tombstone recognises a page that shows a platform's "removed" or gate
// notice instead of the post. Phrases are only looked for in short pages'
// text or in the named element, so a post quoting the phrase is not fooled
// by a long page's comments.
func tombstone(p archive.Platform, doc *goquery.Document) (archive.Status, string) {
	for _, t := range tombstones[p] {
		sel := doc.Find(t.selector)
		if sel.Length() == 0 {
			continue
		}
		if t.phrase == "" {
			return t.status, "platform notice: " + truncate(collapse(sel.First().Text()), 120)
		}
		txt := strings.ToLower(collapse(sel.First().Text()))
		if t.selector == "body" && len(txt) > 4000 {
			// Long pages carry the post; a tombstone page is short.
			continue
		}
		if strings.Contains(txt, t.phrase) {
			return t.status, "platform notice: " + t.phrase
		}
	}
	return "", ""
}

func truncate(s string, n int) string {
	if c := clip(s, n); c != s {
		return c + "…"
	}
	return s
}
