package archive

import "time"

// Query selects what was archived. Exactly one selector among Article,
// Post, Author, Speaker, Platform and Status is normally set; Since and
// Until narrow by date, Limit and Cursor paginate.
type Query struct {
	Article string `json:"article,omitempty"` // an Article.ID
	Post    string `json:"post,omitempty"`    // a post URL or "platform:id" key
	// Author is "platform:handle", e.g. "twitter:nayibbukele".
	Author   string    `json:"author,omitempty"`
	Speaker  string    `json:"speaker,omitempty"`
	Platform Platform  `json:"platform,omitempty"`
	Status   Status    `json:"status,omitempty"`
	Since    time.Time `json:"since,omitzero"`
	Until    time.Time `json:"until,omitzero"`
	Limit    int       `json:"limit,omitempty"`
	// Cursor is the opaque NextCursor of a previous Result.
	Cursor string `json:"cursor,omitempty"`
}

// ArticleView is an article with its embed edges and quotes.
type ArticleView struct {
	Article Article `json:"article"`
	Embeds  []Embed `json:"embeds"`
	Quotes  []Quote `json:"quotes"`
}

// PostView is a post with its snapshots, newest first, and the articles
// that show it.
type PostView struct {
	Post      Post       `json:"post"`
	Snapshots []Snapshot `json:"snapshots,omitempty"`
	Articles  []string   `json:"articles,omitempty"`
}

// QuoteView is a quote with the article it appears in.
type QuoteView struct {
	Article string `json:"article"`
	Quote
}

// Result is one page of answers to a Query.
type Result struct {
	Articles   []ArticleView `json:"articles,omitempty"`
	Posts      []PostView    `json:"posts,omitempty"`
	Quotes     []QuoteView   `json:"quotes,omitempty"`
	NextCursor string        `json:"next_cursor,omitempty"`
}
