// Package extract is the archive.Extractor: it turns one article's raw
// bytes into an archive.Extraction by reading the article once
// (internal/article), finding its posts (internal/embed) and its quotes
// (internal/quote). It touches no network.
package extract
