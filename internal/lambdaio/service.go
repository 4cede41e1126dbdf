package lambdaio

import (
	"context"
	"fmt"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// ObjectReader reads an uploaded object's bytes.
type ObjectReader interface {
	// ReadObject returns the object's bytes (the given version, when not
	// empty). Returns NotFound if it is gone, TooLarge past the reader's
	// cap.
	ReadObject(ctx context.Context, bucket, key, version string) ([]byte, error)
}

// ArticleArchiver archives an article's bytes (archive.Service implements
// it).
type ArticleArchiver interface {
	ArchiveArticle(ctx context.Context, ref archive.ArticleRef, body []byte) (*archive.Archived, error)
}

// ServiceArchiver is the Archiver the archive function runs: it reads the
// object and hands its bytes to the service.
func ServiceArchiver(r ObjectReader, svc ArticleArchiver) Archiver {
	return ArchiverFunc(func(ctx context.Context, obj Object) (Archived, error) {
		version := obj.VersionID
		if version == "null" { // an unversioned bucket's events say "null"
			version = ""
		}
		body, err := r.ReadObject(ctx, obj.Bucket, obj.Key, version)
		if err != nil {
			return Archived{}, fmt.Errorf("read %s: %w", obj.ID(), err)
		}
		ref := archive.ArticleRef{ID: obj.ID(), Version: version}
		if ref.Version == "" {
			ref.Version = obj.ETag
		}
		res, err := svc.ArchiveArticle(ctx, ref, body)
		var out Archived
		if res != nil && !res.Unchanged {
			out.Posts = len(res.Posts)
			out.Fetches = map[archive.Status]int{}
			for _, p := range res.Posts {
				out.Fetches[p.Status]++
			}
		}
		return out, err
	})
}
