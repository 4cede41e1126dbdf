package archive_test

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/bolt"
	"github.com/embedarchive/embedarchive/internal/storetest"
)

// TestService checks the Service's storage claims on the embedded store;
// internal/dynamo runs the same suite against DynamoDB.
func TestService(t *testing.T) {
	storetest.RunService(t, func(t *testing.T) archive.Store {
		s, err := bolt.Open(filepath.Join(t.TempDir(), "archive.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// BenchmarkArchive compares archiving a new article (extract, fetch,
// record every post, put the article) with the re-delivery of an unchanged
// one (one read), on the embedded store. The ratio is what idempotence
// saves per redelivered S3 event.
func BenchmarkArchive(b *testing.B) {
	open := func(b *testing.B) *storetest.Rig {
		s, err := bolt.Open(filepath.Join(b.TempDir(), "archive.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		r := storetest.NewRig(s)
		r.Service.Log = slog.New(slog.DiscardHandler)
		return r
	}
	body := []byte("title Bench\nembed twitter 1 a\nembed instagram C3 b\nembed youtube v9 c\nlink reddit r1\nquote Lee Gelernt | This is not over.\n")
	b.Run("new", func(b *testing.B) {
		r := open(b)
		for i := 0; b.Loop(); i++ {
			if _, err := r.Service.ArchiveArticle(b.Context(), archive.ArticleRef{ID: fmt.Sprintf("file:///bench/%d.html", i)}, body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		r := open(b)
		ref := archive.ArticleRef{ID: "file:///bench/same.html"}
		if _, err := r.Service.ArchiveArticle(b.Context(), ref, body); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			out, err := r.Service.ArchiveArticle(b.Context(), ref, body)
			if err != nil || !out.Unchanged {
				b.Fatalf("%v %v", out, err)
			}
		}
	})
}
