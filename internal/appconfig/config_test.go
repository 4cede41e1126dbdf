package appconfig_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/embedarchive/embedarchive/internal/appconfig"
	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/awstest"
	"github.com/embedarchive/embedarchive/internal/bolt"
	"github.com/embedarchive/embedarchive/internal/dirblob"
	"github.com/embedarchive/embedarchive/internal/dynamo"
	"github.com/embedarchive/embedarchive/internal/s3blob"
)

func TestOpenLocalByDefault(t *testing.T) {
	db := filepath.Join(t.TempDir(), "archive.db")
	t.Setenv(appconfig.EnvTable, "")
	t.Setenv(appconfig.EnvSnapshotBucket, "")
	t.Setenv(bolt.EnvPath, db)
	c := appconfig.FromEnv()
	if c.UsesAWS() || c.DB != db {
		t.Fatalf("config = %+v", c)
	}
	b, err := appconfig.Open(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, ok := b.Store.(*bolt.Store); !ok {
		t.Errorf("store is %T, want *bolt.Store", b.Store)
	}
	blobs, ok := b.Blobs.(*dirblob.Blobs)
	if !ok || blobs.Root() != filepath.Join(filepath.Dir(db), "blobs") {
		t.Errorf("blobs = %T %v, want a dirblob beside the store", b.Blobs, b.Blobs)
	}
	if _, err := appconfig.Service(b, appconfig.FetchOptions{Offline: true}); err != nil {
		t.Fatal(err)
	}
}

func TestOpenAWSFromEnv(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL", awstest.Endpoint(t))
	t.Setenv(appconfig.EnvTable, "some-table")
	t.Setenv(appconfig.EnvSnapshotBucket, "some-bucket")
	c := appconfig.FromEnv()
	if !strings.Contains(c.Describe(), "dynamodb table some-table") || !strings.Contains(c.Describe(), "s3://some-bucket/") {
		t.Errorf("Describe = %q", c.Describe())
	}
	b, err := appconfig.Open(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, ok := b.Store.(*dynamo.Store); !ok {
		t.Errorf("store is %T, want *dynamo.Store", b.Store)
	}
	if _, ok := b.Blobs.(*s3blob.Blobs); !ok {
		t.Errorf("blobs are %T, want *s3blob.Blobs", b.Blobs)
	}
	// The endpoint from AWS_ENDPOINT_URL is used: the table does not exist
	// there, which the store reports as Unavailable.
	if _, err := b.Store.Article(t.Context(), "file:///x"); archive.KindOf(err) != archive.Unavailable {
		t.Errorf("Article on a missing table: %v, want kind Unavailable", err)
	}
}
