// Package quote owns attributed quotations: it builds an article's body
// text (from HTML, leaving out navigation, captions and embedded posts),
// finds the direct quotations in it with their speaker, cue and exact
// span, resolves pronoun and surname mentions to the named speaker, and
// ties quotes to the posts the article embeds or links.
//
// It works with focused heuristics over quote marks, speech cues and
// capitalised names; it needs no model and no network. Offsets count
// Unicode code points into the body, end exclusive.
package quote
