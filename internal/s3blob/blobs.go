package s3blob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Blobs keeps bodies in bucket under prefix + archive.BlobKey(digest).
type Blobs struct {
	client *s3.Client
	bucket string
	prefix string
}

var _ archive.Blobs = (*Blobs)(nil)

// New returns Blobs in bucket, with keys under prefix (e.g. "snapshots/";
// may be empty).
func New(client *s3.Client, bucket, prefix string) *Blobs {
	return &Blobs{client: client, bucket: bucket, prefix: prefix}
}

// Put uploads body unless an object with its digest exists.
func (b *Blobs) Put(ctx context.Context, body []byte, contentType string) (string, error) {
	key := archive.BlobKey(archive.Digest(body))
	_, err := b.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + key)})
	if err == nil {
		return key, nil
	}
	if archive.KindOf(mapErr("s3blob.Put", err)) != archive.NotFound {
		return "", mapErr("s3blob.Put", fmt.Errorf("head %s: %w", key, err))
	}
	in := &s3.PutObjectInput{
		Bucket: &b.bucket, Key: aws.String(b.prefix + key), Body: bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))),
	}
	if contentType != "" {
		in.ContentType = aws.String(contentType)
	}
	if _, err := b.client.PutObject(ctx, in); err != nil {
		return "", mapErr("s3blob.Put", fmt.Errorf("put %s: %w", key, err))
	}
	return key, nil
}

// Get downloads the body under key. Returns NotFound if there is none.
func (b *Blobs) Get(ctx context.Context, key string) ([]byte, error) {
	out, err := b.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &b.bucket, Key: aws.String(b.prefix + key)})
	if err != nil {
		return nil, mapErr("s3blob.Get", fmt.Errorf("get %s: %w", key, err))
	}
	defer out.Body.Close()
	body, err := io.ReadAll(out.Body)
	if err != nil {
		return nil, archive.E("s3blob.Get", archive.Unavailable, fmt.Errorf("read %s: %w", key, err))
	}
	return body, nil
}

// mapErr gives S3's signals their archive kinds.
func mapErr(op string, err error) error {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "NoSuchKey", "NotFound", "NoSuchBucket":
			return archive.E(op, archive.NotFound, err)
		case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded":
			return archive.E(op, archive.Throttled, err)
		case "PreconditionFailed", "ConditionalRequestConflict":
			return archive.E(op, archive.Conflict, err)
		}
	}
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		switch code := re.HTTPStatusCode(); {
		case code == http.StatusNotFound:
			return archive.E(op, archive.NotFound, err)
		case code == http.StatusServiceUnavailable || code == http.StatusTooManyRequests:
			return archive.E(op, archive.Throttled, err)
		case code >= 500:
			return archive.E(op, archive.Unavailable, err)
		}
		return archive.E(op, archive.Other, err)
	}
	if errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "connection refused") {
		return archive.E(op, archive.Unavailable, err)
	}
	return archive.E(op, archive.Other, err)
}
