package bolt_test

import (
	"path/filepath"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/bolt"
	"github.com/embedarchive/embedarchive/internal/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunStore(t, newStore)
}

func newStore(t *testing.T) archive.Store {
	s, err := bolt.Open(filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenLockedFileIsUnavailable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "archive.db")
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := bolt.Open(path); archive.KindOf(err) != archive.Unavailable {
		t.Errorf("second Open of a held file: %v, want kind Unavailable", err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv(bolt.EnvPath, "")
	t.Setenv("XDG_DATA_HOME", "/data")
	if got, want := bolt.DefaultPath(), "/data/embedarchive/archive.db"; got != want {
		t.Errorf("DefaultPath = %q, want %q", got, want)
	}
	t.Setenv(bolt.EnvPath, "/tmp/x.db")
	if got := bolt.DefaultPath(); got != "/tmp/x.db" {
		t.Errorf("DefaultPath with %s = %q", bolt.EnvPath, got)
	}
}
