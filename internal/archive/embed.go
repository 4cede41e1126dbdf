package archive

import "time"

// EmbedKind says how an article shows a post.
type EmbedKind string

const (
	// KindEmbed is markup that shows the post (a blockquote, an iframe, an
	// AMP component, a widget script...).
	KindEmbed EmbedKind = "embed"
	// KindLink is a plain hyperlink to the post in the article's text.
	KindLink EmbedKind = "link"
)

// Embed is one post an article embeds or links, with what the article's own
// markup shows of it. It needs no network to build. An extractor reports one
// Embed per post per kind, however many times the page repeats it.
type Embed struct {
	PostRef
	Kind EmbedKind `json:"kind"`
	// Markup names the form the post was found in: "blockquote", "iframe",
	// "amp", "script", "xfbml", "wp-block", "url", "link"...
	Markup       string    `json:"markup"`
	AuthorName   string    `json:"author_name,omitempty"`
	AuthorHandle string    `json:"author_handle,omitempty"`
	Text         string    `json:"text,omitempty"`
	PublishedAt  time.Time `json:"published_at,omitzero"`
}
