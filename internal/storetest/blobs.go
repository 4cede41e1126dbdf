package storetest

import (
	"bytes"
	"sync"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// RunBlobs runs the conformance suite for archive.Blobs against blobs made
// by newBlobs.
func RunBlobs(t *testing.T, newBlobs func(t *testing.T) archive.Blobs) {
	t.Run("PutGet", func(t *testing.T) {
		b := newBlobs(t)
		body := []byte("<html>a post</html>")
		key := get(b.Put(ctx(t), body, "text/html"))(t)
		if want := archive.BlobKey(archive.Digest(body)); key != want {
			t.Errorf("key = %q, want %q", key, want)
		}
		again := get(b.Put(ctx(t), body, "text/html"))(t)
		if again != key {
			t.Errorf("second Put key = %q, want %q", again, key)
		}
		got := get(b.Get(ctx(t), key))(t)
		if !bytes.Equal(got, body) {
			t.Errorf("Get = %q, want %q", got, body)
		}
	})
	t.Run("EmptyAndBinary", func(t *testing.T) {
		b := newBlobs(t)
		for _, body := range [][]byte{{}, {0, 1, 2, 255, 254}, bytes.Repeat([]byte("x"), 1<<20)} {
			key := get(b.Put(ctx(t), body, ""))(t)
			if got := get(b.Get(ctx(t), key))(t); !bytes.Equal(got, body) {
				t.Errorf("round trip of %d bytes returned %d bytes", len(body), len(got))
			}
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		b := newBlobs(t)
		_, err := b.Get(ctx(t), archive.BlobKey(archive.Digest([]byte("never stored"))))
		wantKind(t, "Get of a missing blob", err, archive.NotFound)
	})
	t.Run("ConcurrentPut", func(t *testing.T) {
		b := newBlobs(t)
		body := []byte("same bytes from many writers")
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				_, err := b.Put(ctx(t), body, "text/plain")
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := get(b.Get(ctx(t), archive.BlobKey(archive.Digest(body))))(t); !bytes.Equal(got, body) {
			t.Errorf("after concurrent puts Get = %q", got)
		}
	})
}
