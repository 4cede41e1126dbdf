// Package article reads one article's raw bytes into a Doc: it owns the
// size cap, the type detection (HTML, plain text, Markdown), the charset
// decoding to UTF-8, the guard against pathological nesting, the one
// goquery parse every later stage shares, and the article's metadata
// (title, canonical URL, publication time) from meta tags or JSON-LD.
package article
