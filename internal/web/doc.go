// Package web owns the HTTP face of the archive: a JSON API and a
// server-rendered HTML viewer over what embedarchive archived.
//
// NewHandler serves both from one http.Handler over a Querier (the
// archive.Service satisfies it). The same handler runs in the QueryFunction
// (API Gateway HTTP API, through internal/lambdaio) and under
// `embedarchive serve`.
//
// Routes (GET and HEAD only):
//
//	/healthz                       liveness: {"status":"ok"}
//	/api/articles?id=ID            one article with its embeds and quotes
//	/api/posts?url=URL | key=platform:id
//	/api/posts?author=platform:handle | platform=P | status=S
//	/api/quotes?speaker=NAME
//	/raw?key=BLOBKEY               a snapshot's raw body, as an attachment
//	/                              the viewer: search form
//	/article?id=  /post?url=|key=  /posts?...  /quotes?speaker=
//
// List routes take since and until (RFC 3339 or YYYY-MM-DD; a date-only
// until covers that whole day), limit (1..500) and cursor (the next_cursor
// of the previous page).
//
// Errors are domain kinds mapped to statuses at this edge: NotFound 404,
// Invalid 400, TooLarge 413, Throttled and Unavailable 503 with
// Retry-After, anything else 500. A client sees a generic message and a
// request id; the cause goes to the log only.
//
// Archived text is hostile. Templates escape everything (html/template);
// no HTML from a post is ever rendered as HTML; pages carry a strict
// Content-Security-Policy that allows no script at all.
package web
