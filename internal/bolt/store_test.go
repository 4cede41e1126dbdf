package bolt_test

import (
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/bolt"
	"github.com/embedarchive/embedarchive/internal/fetch"
	"github.com/embedarchive/embedarchive/internal/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunStore(t, newStore)
}

// TestServiceWARC archives posts fetched by the real fetcher from a
// loopback stand-in and checks the WARC kept of them.
func TestServiceWARC(t *testing.T) {
	storetest.RunServiceWARC(t, newStore, func(t *testing.T) archive.Fetcher {
		f, err := fetch.New(fetch.Options{Sources: []string{archive.SourcePage},
			AllowNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
		if err != nil {
			t.Fatal(err)
		}
		return f
	})
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
