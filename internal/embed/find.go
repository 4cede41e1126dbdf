package embed

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
)

// hit is one sighting of a post: the embed as seen, and the outermost node
// of the markup that showed it (nil for a link or a text article).
type hit struct {
	node  *html.Node
	embed archive.Embed
}

// Scan reads doc once and returns the posts it embeds or links (as Find
// does) and the outermost nodes of their markup (as Containers does). The
// extractor calls it so that the page is walked once for both.
func Scan(doc *article.Doc) ([]archive.Embed, []*html.Node) {
	hits := scanDoc(doc)
	return embedsOf(hits), containersOf(doc, hits)
}

// Find returns the posts doc embeds or links: one archive.Embed per post
// per kind ("embed" for markup that shows the post, "link" for a plain
// hyperlink in the article's text), in the order the page first shows
// them. When a post is seen several times, the sightings are merged: the
// first markup form wins and missing author, text and date are filled in
// from later ones. It never returns nil.
func Find(doc *article.Doc) []archive.Embed { return embedsOf(scanDoc(doc)) }

// Containers returns the outermost nodes of the embed markup in doc's HTML,
// in document order: each blockquote, iframe, AMP component, XFBML div,
// widget script, WordPress embed figure, bare-URL paragraph (or text node)
// and data-* carrier that showed at least one post. None is inside
// another. Text that belongs to an embedded post lies inside one of these
// nodes, so a reader of the article's own text can leave those subtrees
// out. Plain links are not containers. It returns nil for text and
// Markdown articles.
func Containers(doc *article.Doc) []*html.Node { return containersOf(doc, scanDoc(doc)) }

func embedsOf(hits []hit) []archive.Embed {
	out := make([]archive.Embed, 0, len(hits))
	index := map[string]int{}
	for _, h := range hits {
		e := h.embed
		k := string(e.Kind) + "|" + e.Key()
		if i, ok := index[k]; ok {
			merge(&out[i], e)
			continue
		}
		index[k] = len(out)
		out = append(out, e)
	}
	for i := range out {
		// An id that encodes time is exact; markup dates are often a day.
		if t := DateFromID(out[i].PostRef); !t.IsZero() {
			out[i].PublishedAt = t
		}
		if out[i].AuthorHandle == "" {
			out[i].AuthorHandle = handleFromURL(out[i].PostRef)
		}
	}
	return out
}

func containersOf(doc *article.Doc, hits []hit) []*html.Node {
	if doc == nil || doc.HTML == nil {
		return nil
	}
	var out []*html.Node
	seen := map[*html.Node]bool{}
	for _, h := range hits {
		if h.node == nil || h.embed.Kind != archive.KindEmbed || seen[h.node] {
			continue
		}
		seen[h.node] = true
		out = append(out, h.node)
	}
	return out
}

func merge(dst *archive.Embed, src archive.Embed) {
	if dst.AuthorName == "" {
		dst.AuthorName = src.AuthorName
	}
	if dst.AuthorHandle == "" {
		dst.AuthorHandle = src.AuthorHandle
	}
	if dst.Text == "" {
		dst.Text = src.Text
	}
	if dst.PublishedAt.IsZero() {
		dst.PublishedAt = src.PublishedAt
	}
	// Prefer the URL that names the author over a bare id form.
	if strings.Contains(dst.URL, "/i/status/") || strings.Contains(dst.URL, "/@_/") {
		if !strings.Contains(src.URL, "/i/status/") && !strings.Contains(src.URL, "/@_/") {
			dst.URL = src.URL
		}
	}
}

// scanDoc collects every sighting in doc, in document order.
func scanDoc(doc *article.Doc) []hit {
	if doc == nil {
		return nil
	}
	if doc.HTML == nil {
		return scanText(doc.Text, doc.Type == article.Markdown)
	}
	s := &scanner{}
	for _, n := range doc.HTML.Nodes {
		s.walk(n, 0)
	}
	return s.hits
}

// scanner walks one parsed document.
type scanner struct {
	hits []hit
	// fragments counts escaped-markup fragments parsed and fragmentWork
	// their parser work (article.Nesting), to bound it.
	fragments, fragmentWork int
	// nested is >0 while walking a fragment parsed from an attribute.
	nested int
}

const (
	maxWalkDepth = 2 * article.MaxDepth
	maxFragments = 200
)

func (s *scanner) add(node *html.Node, r archive.PostRef, kind archive.EmbedKind, markup string) *archive.Embed {
	s.hits = append(s.hits, hit{node: node, embed: archive.Embed{PostRef: r, Kind: kind, Markup: markup}})
	return &s.hits[len(s.hits)-1].embed
}

// walk visits n and its subtree. An element recognised as embed markup is
// not descended into (its inner links belong to the post); a WordPress
// embed block is searched for the markup inside it; <noscript> content is
// markup like the rest (the page is parsed with scripting off).
func (s *scanner) walk(n *html.Node, depth int) {
	if depth > maxWalkDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		s.bareURLs(n)
		return
	case html.ElementNode:
		if skipElement(n) {
			return
		}
		if s.element(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.walk(c, depth+1)
	}
}

// skipElement reports elements whose content is never article markup:
// scripts (but see telegramScript), styles, and the page's chrome.
func skipElement(n *html.Node) bool {
	switch n.Data {
	case "style", "head", "title", "textarea", "svg", "math", "select", "button":
		return true
	case "script":
		return getAttr(n, "data-telegram-post") == ""
	}
	return false
}

// element recognises n as embed markup or a link and records it; it
// returns true when n's subtree has been handled.
func (s *scanner) element(n *html.Node) bool {
	name := n.Data
	switch {
	case name == "blockquote":
		if s.blockquote(n) {
			return true
		}
	case name == "iframe" || name == "embed" || name == "object" || name == "amp-iframe" || name == "video":
		if s.iframe(n) {
			return true
		}
	case strings.HasPrefix(name, "amp-"):
		if s.amp(n) {
			return true
		}
	case name == "script":
		s.telegramScript(n)
		return true
	case name == "fb:post" || name == "fb:video":
		if r, ok := ParseURL(getAttr(n, "href")); ok && r.Platform == archive.Facebook {
			s.add(n, r, archive.KindEmbed, "xfbml")
			return true
		}
	case name == "a":
		s.link(n)
		return true
	}
	if id := firstAttr(n, "data-tweet-id", "data-tweetid"); isDigits(id, 1, 20) {
		// A tweet widgets.js rendered (an iframe, or a <twitter-widget> or
		// div keeping only the id).
		r, _ := twitterRef("", id)
		markup := "iframe"
		if name == "blockquote" {
			markup = "blockquote"
		}
		s.add(n, r, archive.KindEmbed, markup)
		return true
	}
	if name == "lite-youtube" || name == "lite-vimeo" {
		id := firstAttr(n, "videoid", "data-videoid")
		raw := "https://www.youtube.com/watch?v=" + id
		if name == "lite-vimeo" {
			raw = "https://vimeo.com/" + id
		}
		if r, ok := ParseURL(raw); ok {
			s.add(n, r, archive.KindEmbed, "iframe")
			return true
		}
	}
	if s.deferredPlayer(n) {
		return true
	}
	if name != "iframe" && name != "a" && (embedClass(n) != "" || hasClass(n, "embedly-card")) {
		// A wrapper that carries the embed code's class (div.twitter-tweet,
		// div.tiktok-embed...) is read like the blockquote.
		if s.blockquote(n) {
			return true
		}
	}
	if hasClass(n, "fb-post") || hasClass(n, "fb-video") {
		if r, ok := ParseURL(firstAttr(n, "data-href", "data-src", "cite")); ok && r.Platform == archive.Facebook {
			e := s.add(n, r, archive.KindEmbed, "xfbml")
			if bq := firstElement(n, "blockquote"); bq != nil {
				fillFromBlockquote(e, bq)
			}
			return true
		}
	}
	if hasClass(n, "wp-block-embed") && (name == "figure" || name == "div") {
		return s.wpBlock(n)
	}
	if s.escapedMarkup(n) {
		return true
	}
	return false
}

// markupName names the form a post was found in.
func markupName(n *html.Node) string {
	switch {
	case n.Data == "blockquote":
		return "blockquote"
	case n.Data == "iframe" || n.Data == "embed" || n.Data == "object" || n.Data == "video":
		return "iframe"
	case strings.HasPrefix(n.Data, "amp-"):
		return "amp"
	case n.Data == "script":
		return "script"
	}
	return "div"
}

// iframe recognises a player iframe by its source, live or deferred
// (data-src, data-lazy-src and similar).
func (s *scanner) iframe(n *html.Node) bool {
	for _, a := range n.Attr {
		k := strings.ToLower(a.Key)
		if k != "src" && k != "data" && k != "href" && !(strings.HasPrefix(k, "data-") && (strings.Contains(k, "src") || strings.Contains(k, "url") || strings.Contains(k, "href"))) {
			continue
		}
		if r, ok := ParseURL(a.Val); ok {
			s.add(n, r, archive.KindEmbed, markupName(n))
			return true
		}
	}
	if id := getAttr(n, "data-tweet-id"); isDigits(id, 1, 20) {
		r, _ := twitterRef("", id)
		s.add(n, r, archive.KindEmbed, "iframe")
		return true
	}
	return false
}

// deferredAttrs hold a player's address on placeholders that lazy
// loaders and consent walls turn into iframes.
var deferredAttrs = []string{"data-src", "data-lazy-src", "data-iframe-src", "data-embed-src", "data-iframe", "data-embed-url", "data-player-src"}

// deferredPlayer recognises a placeholder element (not an iframe) whose
// data attribute holds a platform's player or embed address, such as
// <div class="lazy-embed" data-src="https://www.youtube.com/embed/ID">. Only
// player addresses count, not plain post URLs, so share widgets carrying a
// post's URL are not mistaken for embeds.
func (s *scanner) deferredPlayer(n *html.Node) bool {
	for _, k := range deferredAttrs {
		v := getAttr(n, k)
		if v == "" || !isPlayerURL(v) {
			continue
		}
		if r, ok := ParseURL(v); ok {
			s.add(n, r, archive.KindEmbed, "iframe")
			return true
		}
	}
	return false
}

// isPlayerURL reports whether raw looks like a platform's embeddable player
// rather than a page: an /embed path, a player. or embed. host, or a
// plugin.
func isPlayerURL(raw string) bool {
	l := strings.ToLower(raw)
	return strings.Contains(l, "/embed") || strings.Contains(l, "://player.") || strings.Contains(l, "://embed.") ||
		strings.Contains(l, "/plugins/") || strings.Contains(l, "embed=") || strings.Contains(l, "platform.twitter.com")
}

// telegramScript recognises Telegram's post widget:
// <script src="https://telegram.org/js/telegram-widget.js" data-telegram-post="channel/123">.
// The discussion and login widgets name no post.
func (s *scanner) telegramScript(n *html.Node) {
	v := getAttr(n, "data-telegram-post")
	channel, id, ok := strings.Cut(v, "/")
	if !ok {
		return
	}
	if r, ok := telegramPost(channel, id); ok {
		s.add(n, r, archive.KindEmbed, "script")
	}
}

// link records a plain hyperlink to a post, outside embed markup and the
// page's navigation, share and footer chrome.
func (s *scanner) link(n *html.Node) {
	r, ok := ParseURL(getAttr(n, "href"))
	if !ok || inChrome(n) {
		return
	}
	s.add(nil, r, archive.KindLink, "link")
}

// inChrome reports whether n sits in navigation, a footer, a sidebar or a
// share/follow widget rather than the article's text.
func inChrome(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		switch p.Data {
		case "nav", "footer", "aside", "header":
			return true
		}
		if role := getAttr(p, "role"); role == "navigation" || role == "banner" || role == "contentinfo" {
			return true
		}
	}
	return false
}

// wpBlock handles a WordPress embed block: the rendered markup inside it
// when there is some, else the bare URL WordPress left in its wrapper.
// The block itself is the container.
func (s *scanner) wpBlock(n *html.Node) bool {
	before := len(s.hits)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.walk(c, 1)
	}
	found := false
	for i := before; i < len(s.hits); i++ {
		if s.hits[i].embed.Kind == archive.KindEmbed {
			s.hits[i].node = n
			if s.hits[i].embed.Markup == "url" {
				s.hits[i].embed.Markup = "wp-block"
			}
			found = true
		}
	}
	if found {
		return true
	}
	// Drop the links and look for the URL in the text.
	s.hits = s.hits[:before]
	for _, u := range strings.Fields(textOf(n, 64<<10)) {
		if r, ok := ParseURL(u); ok {
			s.add(n, r, archive.KindEmbed, "wp-block")
			return true
		}
	}
	if r, ok := ParseURL(firstAttr(n, "data-url", "data-href", "cite")); ok {
		s.add(n, r, archive.KindEmbed, "wp-block")
		return true
	}
	return true
}

// bareURLs records a post URL that stands on its own line in the text,
// which WordPress and similar systems turn into an embed.
func (s *scanner) bareURLs(n *html.Node) {
	if !strings.Contains(n.Data, "://") {
		return
	}
	p := n.Parent
	if p == nil || p.Type != html.ElementNode || p.Data == "a" || p.Data == "code" || p.Data == "pre" || inLink(p) {
		return
	}
	lines := strings.Split(n.Data, "\n")
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.ContainsAny(line, " \t") {
			s.textLinks(line, n)
			continue
		}
		r, ok := ParseURL(line)
		if !ok {
			continue
		}
		// The line must stand alone: between newlines, or between the text
		// node's edges and block boundaries or <br>.
		alone := true
		if i == 0 && !blockEdge(n.PrevSibling, true) {
			alone = false
		}
		if i == len(lines)-1 && !blockEdge(n.NextSibling, false) {
			alone = false
		}
		if !alone {
			s.textLinks(line, n)
			continue
		}
		node := n
		if onlyText(p, n) {
			node = p
		}
		s.add(node, r, archive.KindEmbed, "url")
	}
}

// textLinks records post URLs written out, unlinked, inside a sentence:
// references in the article's text, like hyperlinks.
func (s *scanner) textLinks(line string, n *html.Node) {
	if !strings.Contains(line, "://") || inChrome(n) {
		return
	}
	for _, u := range textURL.FindAllString(line, 50) {
		if r, ok := ParseURL(strings.TrimRight(u, ".,;:!?*_~")); ok {
			s.add(nil, r, archive.KindLink, "link")
		}
	}
}

// blockEdge reports whether sibling (the node before or after a text node)
// ends a line: none at all, a <br>, a block element, or text ending in a
// newline.
func blockEdge(sib *html.Node, before bool) bool {
	for ; sib != nil; sib = next(sib, before) {
		switch sib.Type {
		case html.CommentNode:
			continue
		case html.TextNode:
			t := strings.TrimRight(sib.Data, " \t")
			if strings.TrimSpace(t) == "" && !strings.Contains(t, "\n") {
				continue
			}
			if before {
				return strings.HasSuffix(t, "\n")
			}
			return strings.HasPrefix(strings.TrimLeft(sib.Data, " \t"), "\n")
		case html.ElementNode:
			return isBlock(sib.Data)
		}
		return false
	}
	return true
}

func next(n *html.Node, before bool) *html.Node {
	if before {
		return n.PrevSibling
	}
	return n.NextSibling
}

func isBlock(name string) bool {
	switch name {
	case "br", "p", "div", "figure", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
		"table", "section", "article", "hr", "pre", "iframe", "header", "footer", "aside", "figcaption", "script", "noscript":
		return true
	}
	return false
}

// onlyText reports whether t is the only non-blank content of p.
func onlyText(p, t *html.Node) bool {
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c == t {
			continue
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
			continue
		}
		if c.Type == html.CommentNode || (c.Type == html.ElementNode && c.Data == "br") {
			continue
		}
		return false
	}
	return true
}

func inLink(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "a" {
			return true
		}
	}
	return false
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func firstAttr(n *html.Node, keys ...string) string {
	for _, k := range keys {
		if v := getAttr(n, k); v != "" {
			return v
		}
	}
	return ""
}

// hasClass reports whether n's class list holds class as a whole token.
func hasClass(n *html.Node, class string) bool {
	v := getAttr(n, "class")
	for v != "" {
		i := strings.IndexAny(v, " \t\n\r\f")
		tok := v
		if i >= 0 {
			tok, v = v[:i], v[i+1:]
		} else {
			v = ""
		}
		if tok == class {
			return true
		}
	}
	return false
}

// textOf returns n's text, without scripts and styles, up to max bytes.
func textOf(n *html.Node, max int) string {
	var b strings.Builder
	var rec func(*html.Node, int)
	rec = func(n *html.Node, depth int) {
		if b.Len() >= max || depth > maxWalkDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br", "p", "div", "li":
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, depth+1)
		}
	}
	rec(n, 0)
	s := b.String()
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "")
	}
	return s
}

// firstElement returns the first element named name under n.
func firstElement(n *html.Node, name string) *html.Node {
	var out *html.Node
	var rec func(*html.Node, int)
	rec = func(c *html.Node, depth int) {
		if out != nil || depth > maxWalkDepth {
			return
		}
		if c.Type == html.ElementNode && c.Data == name {
			out = c
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			rec(k, depth+1)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		rec(c, 0)
	}
	return out
}

// collapse joins s's whitespace runs into single spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// hrefs returns the <a> elements under n, in order (at most about 200).
func hrefs(n *html.Node) []*html.Node {
	var out []*html.Node
	var rec func(*html.Node, int)
	rec = func(n *html.Node, depth int) {
		if depth > maxWalkDepth || len(out) > 200 {
			return
		}
		if n.Type == html.ElementNode && n.Data == "a" {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, depth+1)
		}
	}
	rec(n, 0)
	return out
}
