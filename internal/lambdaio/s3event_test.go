package lambdaio

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/embedarchive/embedarchive/internal/archive"
)

func TestParseS3(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		name     string
		body     string
		want     []Object // Bucket, Key and EventTime are compared
		wantKind archive.Kind
	}{
		{
			name: "sample event: plus is a space, percent-encoded UTF-8",
			body: read(filepath.Join("..", "..", "events", "s3-put.json")),
			want: []Object{{Bucket: "embedarchive-articles", Key: "articles/harbour night ferry édition.html",
				EventTime: time.Date(2026, 11, 20, 18, 31, 2, 123e6, time.UTC)}},
		},
		{
			name: "moto: event time without a zone",
			body: read(filepath.Join("testdata", "moto-s3-put.json")),
			want: []Object{{Bucket: "articles", Key: "articles/café night.html",
				EventTime: time.Date(2026, 11, 27, 4, 20, 11, 512345000, time.UTC)}},
		},
		{
			name: "a literal plus is %2B",
			body: `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:CompleteMultipartUpload","eventTime":"garbage","s3":{"bucket":{"name":"b"},"object":{"key":"a%2Bb+c.txt"}}}]}`,
			want: []Object{{Bucket: "b", Key: "a+b c.txt"}},
		},
		{
			name: "test event",
			body: `{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-27T04:00:00.000Z","Bucket":"articles","RequestId":"X","HostId":"Y"}`,
		},
		{
			name: "deletions and other events are skipped",
			body: `{"Records":[
				{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"gone.html"}}},
				{"eventSource":"aws:s3","eventName":"ObjectRestore:Completed","s3":{"bucket":{"name":"b"},"object":{"key":"cold.html"}}},
				{"eventSource":"aws:s3","eventName":"ObjectCreated:Copy","s3":{"bucket":{"name":"b"},"object":{"key":"new.html"}}}]}`,
			want: []Object{{Bucket: "b", Key: "new.html"}},
		},
		{
			name: "through SNS",
			body: `{"Type":"Notification","MessageId":"m1","TopicArn":"arn:aws:sns:us-east-1:123456789012:uploads","Subject":"Amazon S3 Notification","Message":"{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"sns+%C3%A9.html\"}}}]}"}`,
			want: []Object{{Bucket: "b", Key: "sns é.html"}},
		},
		{name: "test event through SNS", body: `{"Type":"Notification","Message":"{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}"}`},
		{name: "not JSON", body: `<xml/>`, wantKind: archive.Invalid},
		{name: "no records", body: `{"hello":"world"}`, wantKind: archive.Invalid},
		{name: "another source", body: `{"Records":[{"eventSource":"aws:dynamodb","eventName":"INSERT"}]}`, wantKind: archive.Invalid},
		{name: "bad escape", body: `{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"100%"}}}]}`, wantKind: archive.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseS3([]byte(tt.body))
			if tt.wantKind != archive.Other {
				if archive.KindOf(err) != tt.wantKind {
					t.Fatalf("err = %v, want kind %v", err, tt.wantKind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d objects %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Bucket != w.Bucket || g.Key != w.Key || !g.EventTime.Equal(w.EventTime) {
					t.Errorf("object %d = %q %q %v, want %q %q %v", i, g.Bucket, g.Key, g.EventTime, w.Bucket, w.Key, w.EventTime)
				}
			}
		})
	}
}

func TestKeyRoundTrip(t *testing.T) {
	for _, key := range []string{"articles/a b.html", "articles/édition+1.html", "articles/100%.txt", "日本語/記事.md"} {
		t.Run(key, func(t *testing.T) {
			got, err := DecodeKey(EncodeKey(key))
			if err != nil || got != key {
				t.Errorf("DecodeKey(EncodeKey(%q)) = %q, %v", key, got, err)
			}
		})
	}
}

func TestObjectFields(t *testing.T) {
	objs, err := ParseS3([]byte(`{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"k","size":42,"eTag":"\"abc\"","versionId":"v1"}}}]}`))
	if err != nil || len(objs) != 1 {
		t.Fatal(objs, err)
	}
	o := objs[0]
	if o.ID() != "s3://b/k" || o.ETag != "abc" || o.VersionID != "v1" || o.Size != 42 || o.EventName != "ObjectCreated:Put" {
		t.Errorf("got %+v", o)
	}
}

func TestNewS3EventRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 27, 5, 0, 0, 0, time.UTC)
	in := []Object{
		{Bucket: "articles", Key: "articles/a b+c é.html", Size: 10, ETag: "e1"},
		{Bucket: "articles", Key: "articles/100%.md", VersionID: "v2"},
	}
	raw, err := NewS3Event("eu-west-1", at, in...)
	if err != nil {
		t.Fatal(err)
	}
	var ev events.S3Event
	if err := strict(raw, &ev); err != nil {
		t.Fatalf("not an aws-lambda-go S3Event: %v\n%s", err, raw)
	}
	got, err := ParseS3(raw)
	if err != nil || len(got) != len(in) {
		t.Fatalf("ParseS3 = %+v, %v", got, err)
	}
	for i := range in {
		w := in[i]
		w.EventName, w.EventTime = "ObjectCreated:Put", at
		if got[i] != w {
			t.Errorf("object %d = %+v, want %+v", i, got[i], w)
		}
	}
}
