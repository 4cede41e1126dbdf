package article

import (
	"encoding/json"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// maxJSONLD bounds one JSON-LD script decoded for metadata.
const maxJSONLD = 1 << 20

// pageMeta is what one walk over the document collects for metadata.
type pageMeta struct {
	meta      map[string]string // lower-cased property/name/itemprop -> first non-empty content
	title, h1 string
	canonical string
	timeAttr  string // <time pubdate datetime> or [itemprop=datePublished] datetime
	ld        ldMeta
}

// readMeta fills d's title, canonical URL and publication time from, in
// order of preference, Open Graph and article meta tags, JSON-LD
// (NewsArticle and kin, including @graph), other common meta names, and
// finally <title>, <link rel=canonical> and <time pubdate>. It walks the
// document once.
func readMeta(d *Doc) {
	m := &pageMeta{meta: map[string]string{}}
	for _, n := range d.HTML.Nodes {
		m.walk(n, 0)
	}
	d.Title = first(m.meta["og:title"], m.ld.headline, m.meta["twitter:title"], m.title, m.h1)
	d.CanonicalURL = first(absURL(m.canonical), absURL(m.meta["og:url"]), absURL(m.ld.url))
	for _, s := range []string{
		m.meta["article:published_time"], m.ld.published, m.meta["og:published_time"],
		m.meta["datepublished"], m.meta["publish-date"], m.meta["publishdate"], m.meta["pubdate"],
		m.meta["parsely-pub-date"], m.meta["sailthru.date"], m.meta["dc.date.issued"], m.meta["dc.date"],
		m.meta["dcterms.created"], m.meta["published_at"], m.meta["date"], m.timeAttr, m.ld.anyPublished,
	} {
		if t, ok := ParseTime(s); ok {
			d.PublishedAt = t
			break
		}
	}
}

func (m *pageMeta) walk(n *html.Node, depth int) {
	if depth > 2*MaxDepth {
		return
	}
	if n.Type == html.ElementNode {
		switch n.Data {
		case "meta":
			content := clean(first(attrOf(n, "content"), attrOf(n, "value")))
			if content == "" {
				return
			}
			for _, a := range []string{"property", "name", "itemprop"} {
				if k := strings.ToLower(attrOf(n, a)); k != "" {
					if _, seen := m.meta[k]; !seen {
						m.meta[k] = content
					}
				}
			}
			return
		case "title":
			if m.title == "" && n.FirstChild != nil {
				m.title = clean(n.FirstChild.Data)
			}
			return
		case "h1":
			if m.h1 == "" {
				m.h1 = clean(textContent(n))
			}
			return
		case "link":
			if m.canonical == "" {
				for _, rel := range strings.Fields(strings.ToLower(attrOf(n, "rel"))) {
					if rel == "canonical" {
						m.canonical = attrOf(n, "href")
					}
				}
			}
			return
		case "script":
			if strings.EqualFold(attrOf(n, "type"), "application/ld+json") && n.FirstChild != nil &&
				(m.ld.headline == "" || m.ld.published == "") && len(n.FirstChild.Data) <= maxJSONLD {
				var v any
				if json.Unmarshal([]byte(unwrapCDATA(n.FirstChild.Data)), &v) == nil {
					walkLD(v, &m.ld, 0)
				}
			}
			return
		case "time":
			if m.timeAttr == "" && (hasAttr(n, "pubdate") || attrOf(n, "itemprop") == "datePublished") {
				m.timeAttr = attrOf(n, "datetime")
			}
		default:
			if m.timeAttr == "" && attrOf(n, "itemprop") == "datePublished" {
				m.timeAttr = first(attrOf(n, "datetime"), attrOf(n, "content"))
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		m.walk(c, depth+1)
	}
}

// unwrapCDATA removes the <![CDATA[ ... ]]> wrapper (also commented out
// with //) some pages put around JSON-LD.
func unwrapCDATA(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "//")
	if rest, ok := strings.CutPrefix(s, "<![CDATA["); ok {
		s = strings.TrimSpace(rest)
		s = strings.TrimSuffix(s, "]]>")
		s = strings.TrimSpace(s)
		s = strings.TrimSuffix(s, "//")
	}
	return strings.TrimSpace(s)
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// textContent is n's text, bounded.
func textContent(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node, int)
	rec = func(c *html.Node, depth int) {
		if b.Len() > 4096 || depth > 2*MaxDepth {
			return
		}
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			rec(k, depth+1)
		}
	}
	rec(n, 0)
	return b.String()
}

// ldMeta is what JSON-LD says of the article; anyPublished is the first
// datePublished of an object of any type, a last resort.
type ldMeta struct{ headline, url, published, anyPublished string }

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
		if s, ok := x["datePublished"].(string); ok && m.anyPublished == "" {
			m.anyPublished = s
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
	"2006-01-02 15:04:05 -07:00",
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
