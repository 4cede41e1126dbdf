package archive_test

import (
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
