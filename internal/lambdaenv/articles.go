package lambdaenv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/lambdaio"
)

// Articles reads uploaded articles from S3, at most Max+1 bytes of each:
// enough for the extractor to see that an article is over its cap (and
// record it as failed) without downloading all of a huge object.
type Articles struct {
	Client *s3.Client
	Max    int64
}

var _ lambdaio.ObjectReader = (*Articles)(nil)

// ReadObject gets the object (the given version, if any).
func (a *Articles) ReadObject(ctx context.Context, bucket, key, version string) ([]byte, error) {
	const op = "lambdaenv.ReadObject"
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if version != "" {
		in.VersionId = aws.String(version)
	}
	if a.Max > 0 {
		in.Range = aws.String(fmt.Sprintf("bytes=0-%d", a.Max))
	}
	out, err := a.Client.GetObject(ctx, in)
	if err != nil {
		return nil, archive.E(op, kindOf(err), fmt.Errorf("get s3://%s/%s: %w", bucket, key, err))
	}
	defer out.Body.Close()
	r := io.Reader(out.Body)
	if a.Max > 0 {
		r = io.LimitReader(r, a.Max+1)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, archive.E(op, archive.Unavailable, fmt.Errorf("read s3://%s/%s: %w", bucket, key, err))
	}
	return body, nil
}

// kindOf gives S3's signals their archive kinds.
func kindOf(err error) archive.Kind {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "NoSuchKey", "NoSuchVersion", "NotFound", "NoSuchBucket":
			return archive.NotFound
		case "InvalidRange":
			return archive.Invalid // an empty object
		case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded":
			return archive.Throttled
		case "AccessDenied":
			return archive.Other
		}
	}
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		switch code := re.HTTPStatusCode(); {
		case code == http.StatusNotFound:
			return archive.NotFound
		case code == http.StatusServiceUnavailable || code == http.StatusTooManyRequests:
			return archive.Throttled
		case code >= 500:
			return archive.Unavailable
		}
		return archive.Other
	}
	return archive.Unavailable
}
