package lambdaenv

import (
	"bytes"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/awstest"
)

func TestArticlesReadObject(t *testing.T) {
	cfg := awstest.Config(t)
	ctx := t.Context()
	client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	bucket := awstest.Name(t, "articles")
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	put := func(key string, body []byte) {
		t.Helper()
		if _, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)}); err != nil {
			t.Fatal(err)
		}
	}
	small := []byte("<p>small</p>")
	big := bytes.Repeat([]byte("x"), 100)
	put("articles/small é.html", small)
	put("articles/big.html", big)

	r := &Articles{Client: client, Max: 64}
	tests := []struct {
		name     string
		key      string
		want     []byte
		wantKind archive.Kind
	}{
		{"whole", "articles/small é.html", small, archive.Other},
		{"capped at max+1 so the extractor sees it is too large", "articles/big.html", big[:65], archive.Other},
		{"gone", "articles/missing.html", nil, archive.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.ReadObject(ctx, bucket, tt.key, "")
			if archive.KindOf(err) != tt.wantKind || (tt.wantKind == archive.Other && err != nil) {
				t.Fatalf("err = %v, want kind %v", err, tt.wantKind)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("read %d bytes, want %d", len(got), len(tt.want))
			}
		})
	}
}
