package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Querier answers queries over the archive. archive.Service satisfies it.
type Querier interface {
	// Query answers q with one page of results. Returns an error of kind
	// NotFound when the one article or post asked for does not exist (an
	// empty Result means the same), Invalid for a query it cannot answer.
	Query(ctx context.Context, q archive.Query) (*archive.Result, error)
}

// Blobs reads snapshots' raw bodies. It is optional: without it the raw
// route answers 404 and the viewer shows no download links.
type Blobs interface {
	// Get returns the bytes stored under key (a Snapshot's BlobKey).
	// Returns an error of kind NotFound when there are none.
	Get(ctx context.Context, key string) ([]byte, error)
}

// Option configures NewHandler.
type Option func(*handler)

// WithLogger sets the logger for request and error logs (default
// slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(h *handler) { h.log = l } }

// WithBlobs lets the handler serve snapshots' raw bodies.
func WithBlobs(b Blobs) Option { return func(h *handler) { h.blobs = b } }

// WithPageSize sets how many items a list page holds when the request
// gives no limit (default 50).
func WithPageSize(n int) Option {
	return func(h *handler) {
		if n > 0 && n <= maxLimit {
			h.pageSize = n
		}
	}
}

// WithQueryTimeout bounds each call to the Querier (default 15s). The
// request's own context (a Lambda deadline, a closed connection) still
// applies.
func WithQueryTimeout(d time.Duration) Option {
	return func(h *handler) {
		if d > 0 {
			h.timeout = d
		}
	}
}

type handler struct {
	q        Querier
	blobs    Blobs
	log      *slog.Logger
	pageSize int
	timeout  time.Duration
	pages    *pages
	mux      *http.ServeMux
}

// NewHandler returns the JSON API and the HTML viewer over q.
func NewHandler(q Querier, opts ...Option) http.Handler {
	h := &handler{q: q, log: slog.Default(), pageSize: 50, timeout: 15 * time.Second}
	for _, o := range opts {
		o(h)
	}
	h.pages = mustParsePages()
	m := http.NewServeMux()
	m.HandleFunc("GET /healthz", h.health)
	m.HandleFunc("GET /api/articles", h.apiArticles)
	m.HandleFunc("GET /api/posts", h.apiPosts)
	m.HandleFunc("GET /api/quotes", h.apiQuotes)
	m.HandleFunc("/api/", h.apiUnknown)
	m.HandleFunc("GET /raw", h.raw)
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(staticFS())))
	m.HandleFunc("GET /{$}", h.home)
	m.HandleFunc("GET /search", h.search)
	m.HandleFunc("GET /article", h.article)
	m.HandleFunc("GET /articles", h.articles)
	m.HandleFunc("GET /post", h.post)
	m.HandleFunc("GET /posts", h.posts)
	m.HandleFunc("GET /quotes", h.quotes)
	m.HandleFunc("/", h.pageUnknown)
	h.mux = m
	return h
}

// statusRecorder remembers the status a handler wrote, for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

type ctxKey struct{}

// requestID returns the id ServeHTTP gave this request.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := newRequestID()
	r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, id))
	setSecurityHeaders(w.Header())
	w.Header().Set("X-Request-Id", id)
	rec := &statusRecorder{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			h.log.ErrorContext(r.Context(), "web: panic", "request_id", id, "path", r.URL.Path, "panic", v)
			if rec.status == 0 {
				h.fail(rec, r, archive.Errorf("web", archive.Other, "panic: %v", v))
			}
		}
		h.log.InfoContext(r.Context(), "web: request", "request_id", id, "method", r.Method,
			"path", r.URL.Path, "status", rec.status, "duration_ms", time.Since(start).Milliseconds())
	}()
	h.mux.ServeHTTP(rec, r)
}

// setSecurityHeaders sets what every answer carries. The viewer needs no
// script, so the policy allows none; styles and images come only from this
// origin.
func setSecurityHeaders(hd http.Header) {
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	hd.Set("Cross-Origin-Resource-Policy", "same-origin")
	hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
	hd.Set("Cache-Control", "no-store")
}

// query calls the Querier under the handler's timeout.
func (h *handler) query(ctx context.Context, q archive.Query) (*archive.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	res, err := h.q.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	if res == nil {
		res = &archive.Result{}
	}
	return res, nil
}

// logFailure logs the full cause of a failed request; the client sees only
// what classify allows.
func (h *handler) logFailure(r *http.Request, p problem, err error) {
	lvl := slog.LevelWarn
	if p.Status >= 500 {
		lvl = slog.LevelError
	}
	h.log.Log(r.Context(), lvl, "web: request failed", "request_id", requestID(r.Context()),
		"path", r.URL.Path, "status", p.Status, "kind", archive.KindOf(err).String(), "err", err)
}

func (h *handler) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func contextWithTimeout(r *http.Request, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), d)
}
