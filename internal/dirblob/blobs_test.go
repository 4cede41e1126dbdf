package dirblob_test

import (
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/dirblob"
	"github.com/embedarchive/embedarchive/internal/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunBlobs(t, func(t *testing.T) archive.Blobs { return dirblob.New(t.TempDir()) })
}

func TestRejectsPathsOutsideRoot(t *testing.T) {
	b := dirblob.New(t.TempDir())
	for _, key := range []string{"../../etc/passwd", "sha256/ab/../../x", ""} {
		if _, err := b.Get(t.Context(), key); archive.KindOf(err) != archive.Invalid {
			t.Errorf("Get(%q): %v, want kind Invalid", key, err)
		}
	}
}
