// Package embed finds the social posts an article embeds or links, from its
// markup alone and without the network.
//
// It owns two things: recognising a post URL on each of the thirteen
// platforms (ParseURL, one file per platform plus the registry in
// registry.go), and walking an article's one parsed document for the forms
// real pages use to show a post (Find, Containers): official blockquotes,
// iframes (rendered, lazy, inside <noscript>), AMP components, XFBML divs,
// Telegram widget scripts, WordPress embed blocks and bare URLs, and embed
// markup kept HTML-escaped in data-* attributes. Where a platform encodes
// time in its ids (X snowflakes, TikTok, Mastodon and Truth Social ids,
// Bluesky TIDs) the post's date is derived from the id (dates.go).
//
// Containers is the contract with the quote reader: it returns the
// outermost nodes of embed markup, so the text of embedded posts can be
// left out of the article's body and each embed located in it. Plain links
// are not containers. Scan returns both from one walk of the page, as the extractor needs them.
package embed
