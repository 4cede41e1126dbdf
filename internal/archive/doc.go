// Package archive is the domain of embedarchive: articles, the social posts
// they embed or link, the quotes they attribute, and the snapshots that keep
// what each post said when it was archived.
//
// It owns the types every other package speaks, the small interfaces the
// domain needs from the outside world (an Extractor, a Fetcher, a Store, a
// Blobs), the error kinds adapters translate their backends' signals into,
// and the Service that orchestrates them. It imports only the standard
// library; adapters live in their own packages and main packages wire them.
package archive
