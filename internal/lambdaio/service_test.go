package lambdaio

import (
	"context"
	"errors"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
)

type objects map[string][]byte

func (o objects) ReadObject(ctx context.Context, bucket, key, version string) ([]byte, error) {
	b, ok := o[bucket+"/"+key+"@"+version]
	if !ok {
		return nil, archive.Errorf("test.read", archive.NotFound, "no %s/%s@%s", bucket, key, version)
	}
	return b, nil
}

type service struct {
	refs []archive.ArticleRef
	res  *archive.Archived
	err  error
}

func (s *service) ArchiveArticle(ctx context.Context, ref archive.ArticleRef, body []byte) (*archive.Archived, error) {
	s.refs = append(s.refs, ref)
	return s.res, s.err
}

func TestServiceArchiver(t *testing.T) {
	store := objects{"b/a.html@": []byte("<p>a</p>"), "b/v.html@v7": []byte("<p>v</p>")}
	two := &archive.Archived{Posts: []archive.Post{{Status: archive.StatusLive}, {Status: archive.StatusDeleted}}}
	tests := []struct {
		name        string
		obj         Object
		svc         *service
		wantRef     archive.ArticleRef
		wantPosts   int
		wantKind    archive.Kind
		wantErr     bool
		wantNoCalls bool
	}{
		{"unversioned: ETag is the version", Object{Bucket: "b", Key: "a.html", VersionID: "null", ETag: "e1"}, &service{res: two},
			archive.ArticleRef{ID: "s3://b/a.html", Version: "e1"}, 2, archive.Other, false, false},
		{"versioned", Object{Bucket: "b", Key: "v.html", VersionID: "v7", ETag: "e2"}, &service{res: two},
			archive.ArticleRef{ID: "s3://b/v.html", Version: "v7"}, 2, archive.Other, false, false},
		{"unchanged counts nothing", Object{Bucket: "b", Key: "a.html"}, &service{res: &archive.Archived{Unchanged: true, Posts: two.Posts}},
			archive.ArticleRef{ID: "s3://b/a.html"}, 0, archive.Other, false, false},
		{"object gone is final", Object{Bucket: "b", Key: "gone.html"}, &service{},
			archive.ArticleRef{}, 0, archive.NotFound, true, true},
		{"service error kept", Object{Bucket: "b", Key: "a.html"}, &service{res: two, err: archive.E("dynamo", archive.Throttled, errors.New("x"))},
			archive.ArticleRef{ID: "s3://b/a.html"}, 2, archive.Throttled, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ServiceArchiver(store, tt.svc).ArchiveObject(context.Background(), tt.obj)
			if (err != nil) != tt.wantErr || archive.KindOf(err) != tt.wantKind {
				t.Fatalf("err = %v (kind %v), want kind %v", err, archive.KindOf(err), tt.wantKind)
			}
			if tt.wantNoCalls {
				if len(tt.svc.refs) != 0 {
					t.Errorf("service called with %v", tt.svc.refs)
				}
				return
			}
			if len(tt.svc.refs) != 1 || tt.svc.refs[0] != tt.wantRef {
				t.Errorf("refs %v, want %v", tt.svc.refs, tt.wantRef)
			}
			if got.Posts != tt.wantPosts {
				t.Errorf("posts %d, want %d", got.Posts, tt.wantPosts)
			}
			if tt.wantPosts == 2 && (got.Fetches[archive.StatusLive] != 1 || got.Fetches[archive.StatusDeleted] != 1) {
				t.Errorf("fetches %v", got.Fetches)
			}
		})
	}
}
