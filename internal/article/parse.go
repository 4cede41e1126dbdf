package article

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Type is the kind of document an article is.
type Type string

// The article types.
const (
	HTML     Type = "html"
	Text     Type = "text"
	Markdown Type = "markdown"
)

// MaxBytes caps an article's raw size. The largest real news pages are a
// few megabytes; past this cap Parse fails with kind TooLarge before doing
// any work, so a 50 MB page costs nothing but a clear error.
const MaxBytes = 16 << 20

// MaxDepth caps how deeply an HTML article's elements may nest. Real pages
// stay under a hundred (the dev corpus peaks at 34); the HTML parser's work grows with the square of
// the depth, so deeper markup fails with kind Invalid before it is parsed.
const MaxDepth = 512

// MaxWork caps the HTML parser's work an article may imply: the sum, over
// its tags, of the nesting depth each sits at, which is what the parser's
// scope checks cost. Real pages need well under a million (the dev corpus peaks at
// 76,000); markup built to make the parser crawl (hundreds of thousands of
// tags hundreds deep) fails with kind Invalid instead of taking seconds.
const MaxWork = 10_000_000

// Doc is one parsed article. Every later stage (embeds, quotes) reads this
// one parse.
type Doc struct {
	// Source names the input: a file path or an s3://bucket/key URL.
	Source string
	Type   Type
	// HTML is the parsed document for HTML articles, nil otherwise. It is
	// parsed with scripting disabled, so the content of <noscript> is
	// elements, not text; readers of body text should skip <noscript>,
	// <script>, <style> and <template>.
	HTML *goquery.Document
	// Text is the decoded UTF-8 input for text and Markdown articles, empty
	// for HTML.
	Text         string
	Title        string
	CanonicalURL string
	PublishedAt  time.Time
}

// Parse reads raw as the article named source. source's extension (.html,
// .htm, .txt, .md, .markdown) decides the type when it has one; otherwise
// the content does. The charset comes from a byte-order mark, a <meta>
// declaration, or UTF-8 validity, falling back to windows-1252; the result
// is always valid UTF-8.
//
// Returns an error of kind Invalid for empty or binary input and for HTML
// nested deeper than MaxDepth, TooLarge for input over MaxBytes.
func Parse(source string, raw []byte) (*Doc, error) {
	const op = "article.parse"
	if len(raw) > MaxBytes {
		return nil, archive.Errorf(op, archive.TooLarge, "%s: %d bytes is over the %d byte cap", source, len(raw), MaxBytes)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, archive.Errorf(op, archive.Invalid, "%s: empty input", source)
	}
	if isBinary(raw) {
		return nil, archive.Errorf(op, archive.Invalid, "%s: binary input (%s), not an article", source, http.DetectContentType(raw))
	}
	d := &Doc{Source: source, Type: detectType(source, raw)}
	if d.Type != HTML {
		d.Text = decodeText(raw)
		d.Title = textTitle(d.Text, d.Type)
		return d, nil
	}
	text := decodeHTML(raw)
	switch depth, work := nesting(text); {
	case depth > MaxDepth:
		return nil, archive.Errorf(op, archive.Invalid, "%s: markup nested %d deep, over the limit of %d", source, depth, MaxDepth)
	case work > MaxWork:
		return nil, archive.Errorf(op, archive.Invalid, "%s: markup too deeply nested for its size (parser work over %d)", source, MaxWork)
	}
	root, err := html.ParseWithOptions(strings.NewReader(text), html.ParseOptionEnableScripting(false))
	if err != nil {
		return nil, archive.E(op, archive.Invalid, fmt.Errorf("%s: parse html: %w", source, err))
	}
	d.HTML = goquery.NewDocumentFromNode(root)
	readMeta(d)
	return d, nil
}

// isBinary reports whether raw is not text: a known binary signature, or
// control bytes a text file does not hold. UTF-16 with a byte-order mark is
// text.
func isBinary(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return false
	}
	ct := http.DetectContentType(raw)
	if !strings.HasPrefix(ct, "text/") && !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "application/xml") {
		return true
	}
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	return bytes.IndexByte(head, 0) >= 0
}

func detectType(source string, raw []byte) Type {
	ext := strings.ToLower(path.Ext(source))
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp":
		return HTML
	case ".txt", ".text":
		return Text
	case ".md", ".markdown", ".mdown", ".mkd":
		return Markdown
	}
	if strings.HasPrefix(http.DetectContentType(raw), "text/html") {
		return HTML
	}
	head := raw
	if len(head) > 4096 {
		head = head[:4096]
	}
	lower := bytes.ToLower(head)
	for _, tag := range []string{"<html", "<body", "<div", "<p>", "<article", "<blockquote", "<iframe"} {
		if bytes.Contains(lower, []byte(tag)) {
			return HTML
		}
	}
	if bytes.HasPrefix(bytes.TrimSpace(head), []byte("# ")) || bytes.Contains(head, []byte("](http")) {
		return Markdown
	}
	return Text
}

// metaCharset finds a charset declaration past the first 1024 bytes the
// standard prescan reads: many pages put theirs after a long script.
// An XML declaration's encoding counts too.
var metaCharset = regexp.MustCompile(`(?i)(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])\s*([a-z0-9_:.\-]+)`)

// decodeHTML returns raw as UTF-8: by BOM or a <meta> declaration in the
// first 1024 bytes (the HTML standard's prescan), else by a declaration in
// the first 64 KiB, else UTF-8 when the bytes are valid UTF-8, else
// windows-1252.
func decodeHTML(raw []byte) string {
	enc, name, certain := charset.DetermineEncoding(raw, "text/html")
	if !certain {
		head := raw
		if len(head) > 64<<10 {
			head = head[:64<<10]
		}
		if m := metaCharset.FindSubmatch(head); m != nil {
			if e, n := charset.Lookup(string(m[1])); e != nil && !strings.HasPrefix(n, "utf-16") {
				return decodeWith(raw, e, n)
			}
		}
		if utf8.Valid(raw) {
			return decodeWith(raw, nil, "utf-8")
		}
	}
	return decodeWith(raw, enc, name)
}

// decodeText returns a text file as UTF-8: by BOM, else UTF-8 when valid,
// else windows-1252.
func decodeText(raw []byte) string {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(raw[3:]), "\uFFFD")
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeWith(raw, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "utf-16le")
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeWith(raw, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "utf-16be")
	case utf8.Valid(raw):
		return string(raw)
	}
	return decodeWith(raw, charmap.Windows1252, "windows-1252")
}

func decodeWith(raw []byte, enc encoding.Encoding, name string) string {
	if name == "utf-8" || enc == nil {
		return validUTF8(string(bytes.TrimPrefix(raw, []byte{0xEF, 0xBB, 0xBF})))
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return validUTF8(string(raw))
	}
	return validUTF8(string(out))
}

// validUTF8 replaces invalid sequences with U+FFFD, copying only when
// there are some.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// textTitle is a text article's first line of more than one word, without
// Markdown's heading marks: a lone token ("img", a leftover image
// placeholder) is not a title. Failing that, its first non-empty line.
func textTitle(s string, t Type) string {
	fallback := ""
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(line)
		if t == Markdown {
			line = strings.TrimSpace(strings.TrimLeft(line, "#"))
		}
		if line != "" && fallback == "" {
			fallback = line
		}
		if strings.ContainsAny(line, " \t") {
			if len(line) > 300 {
				line = line[:300]
				line = strings.ToValidUTF8(line, "")
			}
			return line
		}
	}
	if len(fallback) > 300 {
		fallback = strings.ToValidUTF8(fallback[:300], "")
	}
	return fallback
}
