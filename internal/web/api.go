package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// The JSON bodies. The list a route answers with is always present, empty
// rather than absent; next_cursor appears when there is a next page.
type (
	articlesBody struct {
		Articles   []archive.ArticleView `json:"articles"`
		NextCursor string                `json:"next_cursor,omitempty"`
	}
	postsBody struct {
		Posts      []archive.PostView `json:"posts"`
		NextCursor string             `json:"next_cursor,omitempty"`
	}
	quotesBody struct {
		Quotes     []archive.QuoteView `json:"quotes"`
		NextCursor string              `json:"next_cursor,omitempty"`
	}
	errorBody struct {
		Error struct {
			Status    int    `json:"status"`
			Message   string `json:"message"`
			RequestID string `json:"request_id"`
		} `json:"error"`
	}
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"status":500,"message":"internal error"}}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail answers a failed request: JSON on API routes, an HTML page on the
// viewer's.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := classify(err)
	h.logFailure(r, p, err)
	if p.RetryAfter != "" {
		w.Header().Set("Retry-After", p.RetryAfter)
	}
	if isAPIPath(r.URL.Path) {
		var body errorBody
		body.Error.Status = p.Status
		body.Error.Message = p.Message
		body.Error.RequestID = requestID(r.Context())
		writeJSON(w, p.Status, body)
		return
	}
	h.renderError(w, r, p)
}

func isAPIPath(p string) bool {
	return strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/raw"
}

func (h *handler) apiArticles(w http.ResponseWriter, r *http.Request) {
	q, err := articlesQuery(r.URL.RawQuery, h.pageSize)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.query(r.Context(), q)
	if err == nil && q.Article != "" && len(res.Articles) == 0 {
		err = archive.Errorf("web.articles", archive.NotFound, "article %q: empty result", q.Article)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	arts := res.Articles
	if arts == nil {
		arts = []archive.ArticleView{}
	}
	writeJSON(w, http.StatusOK, articlesBody{Articles: arts, NextCursor: res.NextCursor})
}

func (h *handler) apiPosts(w http.ResponseWriter, r *http.Request) {
	q, err := postsQuery(r.URL.RawQuery, h.pageSize)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.query(r.Context(), q)
	if err == nil && q.Post != "" && len(res.Posts) == 0 {
		err = archive.Errorf("web.posts", archive.NotFound, "post %q: empty result", q.Post)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	posts := res.Posts
	if posts == nil {
		posts = []archive.PostView{}
	}
	writeJSON(w, http.StatusOK, postsBody{Posts: posts, NextCursor: res.NextCursor})
}

func (h *handler) apiQuotes(w http.ResponseWriter, r *http.Request) {
	q, err := quotesQuery(r.URL.RawQuery, h.pageSize)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.query(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	quotes := res.Quotes
	if quotes == nil {
		quotes = []archive.QuoteView{}
	}
	writeJSON(w, http.StatusOK, quotesBody{Quotes: quotes, NextCursor: res.NextCursor})
}

// apiUnknown answers API paths no route serves, and methods other than GET
// and HEAD on any API path.
func (h *handler) apiUnknown(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		var body errorBody
		body.Error.Status = http.StatusMethodNotAllowed
		body.Error.Message = "method not allowed; the API is read-only"
		body.Error.RequestID = requestID(r.Context())
		writeJSON(w, http.StatusMethodNotAllowed, body)
		return
	}
	h.fail(w, r, archive.Errorf("web", archive.NotFound, "no route %s", r.URL.Path))
}

// raw serves a snapshot's raw body as an attachment, never as a page: the
// bytes are what a platform sent and may be hostile HTML. The response
// carries its sha256 so a fact-checker can check it against the snapshot.
func (h *handler) raw(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(r.URL.RawQuery, "key")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	key := p.get("key")
	if !validBlobKey(key) {
		h.fail(w, r, badParam("key", "required: a snapshot's blob_key"))
		return
	}
	if h.blobs == nil {
		h.fail(w, r, archive.Errorf("web.raw", archive.NotFound, "no blob store configured"))
		return
	}
	ctx, cancel := contextWithTimeout(r, h.timeout)
	defer cancel()
	body, err := h.blobs.Get(ctx, key)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	sum := sha256.Sum256(body)
	hd := w.Header()
	hd.Set("Content-Type", "application/octet-stream")
	hd.Set("Content-Disposition", `attachment; filename="`+hex.EncodeToString(sum[:8])+blobExt(body)+`"`)
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	hd.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":")
	hd.Set("X-Content-Sha256", hex.EncodeToString(sum[:]))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// blobExt names a blob's download: ".warc.gz" or ".warc" for a WARC file
// (an archive run's fetches), ".bin" for anything else.
func blobExt(body []byte) string {
	if bytes.HasPrefix(body, []byte("WARC/")) {
		return ".warc"
	}
	if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		return ".bin"
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return ".bin"
	}
	head := make([]byte, 5)
	if _, err := io.ReadFull(zr, head); err != nil || string(head) != "WARC/" {
		return ".bin"
	}
	return ".warc.gz"
}

// validBlobKey accepts the keys the blob stores write: relative, printable
// ASCII, no parent references.
func validBlobKey(k string) bool {
	if k == "" || len(k) > 512 || strings.HasPrefix(k, "/") || strings.Contains(k, "..") {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}
