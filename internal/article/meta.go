package article

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// maxJSONLD bounds one JSON-LD script decoded for metadata.
const maxJSONLD = 1 << 20

// readMeta fills d's title, canonical URL and publication time from, in
// order of preference, Open Graph and article meta tags, JSON-LD
// (NewsArticle and kin, including @graph), other common meta names, and
// finally <title>, <link rel=canonical> and <time pubdate>.
func readMeta(d *Doc) {
	doc := d.HTML
	ld := readJSONLD(doc)
	d.Title = first(
		metaContent(doc, "og:title"),
		ld.headline,
		metaContent(doc, "twitter:title"),
		clean(doc.Find("title").First().Text()),
		clean(doc.Find("h1").First().Text()),
	)
	d.CanonicalURL = first(
		absURL(attr(doc.Find(`link[rel~="canonical"]`).First(), "href")),
		absURL(metaContent(doc, "og:url")),
		absURL(ld.url),
	)
	for _, s := range []string{
		metaContent(doc, "article:published_time"),
		ld.published,
		metaContent(doc, "og:published_time"),
		metaContent(doc, "datePublished"),
		metaContent(doc, "publish-date"),
		metaContent(doc, "publishdate"),
		metaContent(doc, "pubdate"),
		metaContent(doc, "parsely-pub-date"),
		metaContent(doc, "sailthru.date"),
		metaContent(doc, "dc.date.issued"),
		metaContent(doc, "dc.date"),
		metaContent(doc, "dcterms.created"),
		metaContent(doc, "date"),
		attr(doc.Find(`time[pubdate]`).First(), "datetime"),
		attr(doc.Find(`[itemprop="datePublished"]`).First(), "datetime"),
	} {
		if t, ok := ParseTime(s); ok {
			d.PublishedAt = t
			break
		}
	}
}

// metaContent returns the content of the first <meta> whose property,
// name or itemprop is key (case-insensitive).
func metaContent(doc *goquery.Document, key string) string {
	var out string
	doc.Find("meta").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		for _, a := range []string{"property", "name", "itemprop"} {
			if v, ok := s.Attr(a); ok && strings.EqualFold(strings.TrimSpace(v), key) {
				if c := clean(attr(s, "content")); c != "" {
					out = c
					return false
				}
			}
		}
		return true
	})
	return out
}

type ldMeta struct{ headline, url, published string }

// readJSONLD reads the first article-like object in the page's JSON-LD.
func readJSONLD(doc *goquery.Document) ldMeta {
	var m ldMeta
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		text := s.Text()
		if len(text) > maxJSONLD {
			return true
		}
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(text)), &v) != nil {
			return true
		}
		walkLD(v, &m, 0)
		return m.headline == "" || m.published == ""
	})
	return m
}

func walkLD(v any, m *ldMeta, depth int) {
	if depth > 6 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkLD(e, m, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			walkLD(g, m, depth+1)
		}
		if !articleType(x["@type"]) {
			return
		}
		if s, ok := x["headline"].(string); ok && m.headline == "" {
			m.headline = clean(s)
		}
		if s, ok := x["datePublished"].(string); ok && m.published == "" {
			m.published = s
		}
		if m.url == "" {
			if s, ok := x["url"].(string); ok {
				m.url = s
			} else if e, ok := x["mainEntityOfPage"].(map[string]any); ok {
				if s, ok := e["@id"].(string); ok {
					m.url = s
				}
			} else if s, ok := x["mainEntityOfPage"].(string); ok {
				m.url = s
			}
		}
	}
}

func articleType(t any) bool {
	switch x := t.(type) {
	case string:
		return strings.Contains(x, "Article") || strings.Contains(x, "Posting") || x == "Report" || x == "VideoObject"
	case []any:
		for _, e := range x {
			if articleType(e) {
				return true
			}
		}
	}
	return false
}

// timeLayouts are the date forms meta tags and JSON-LD use.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"02.01.2006",
}

// ParseTime reads a publication time in the forms pages use (RFC 3339 and
// its relatives, RFC 1123, plain dates). Times without a zone are UTC.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1990 || t.Year() > 2100 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return strings.TrimSpace(v)
}

func absURL(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return s
	}
	return ""
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
