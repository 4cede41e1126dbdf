package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// The baseline for the handler benchmarks: the store lookup and the JSON
// encoding of one post, with no HTTP and no handler. Ratios against it say
// what the handler and the templates add.
func BenchmarkBaselineQueryAndEncode(b *testing.B) {
	svc, _ := seedStore(b)
	ctx := context.Background()
	for b.Loop() {
		res, err := svc.Query(ctx, archive.Query{Post: "twitter:1760000000000000001"})
		if err != nil {
			b.Fatal(err)
		}
		if err := json.NewEncoder(io.Discard).Encode(postsBody{Posts: res.Posts}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAPIPost is the whole API request for one post through the
// handler: parameters, query, JSON, headers, access log (discarded).
func BenchmarkAPIPost(b *testing.B) {
	benchGet(b, "/api/posts?key=twitter:1760000000000000001")
}

// BenchmarkViewerPost is the post page rendered through html/template.
func BenchmarkViewerPost(b *testing.B) {
	benchGet(b, "/post?key=twitter:1760000000000000001")
}

// BenchmarkViewerArticle is the article page, which also looks up each
// embedded post's status (here three).
func BenchmarkViewerArticle(b *testing.B) {
	benchGet(b, "/article?id=s3%3A%2F%2Farticles%2F2024%2Fbukele.html")
}

func benchGet(b *testing.B, path string) {
	svc, blobs := seedStore(b)
	h := NewHandler(svc, WithLogger(quietLogger()), WithBlobs(blobs))
	req := httptest.NewRequest("GET", path, nil)
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, rec.Code)
		}
	}
}
