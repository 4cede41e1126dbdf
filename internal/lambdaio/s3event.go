package lambdaio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Object is one object creation an S3 notification reports, with its key
// decoded.
type Object struct {
	Bucket    string
	Key       string // decoded: "articles/night ferry é.html"
	VersionID string
	ETag      string
	Size      int64
	EventName string
	EventTime time.Time // zero when the event's time did not parse
}

// ID names the object the way archive.Article.ID does: "s3://bucket/key".
func (o Object) ID() string { return "s3://" + o.Bucket + "/" + o.Key }

// s3Notification is the wire form of an S3 event notification. It is its
// own type, not events.S3Event, so that a time stamp without a zone (moto's)
// or an oddly escaped key costs one record, not the whole event.
type s3Notification struct {
	Records []s3Record `json:"Records"`
	// A test event, sent when a notification is configured, has no
	// Records but these.
	Service string `json:"Service"`
	Event   string `json:"Event"`
	// An S3 notification fanned out through SNS arrives wrapped.
	Type    string `json:"Type"`
	Message string `json:"Message"`
}

type s3Record struct {
	EventSource string `json:"eventSource"`
	EventName   string `json:"eventName"`
	EventTime   string `json:"eventTime"`
	S3          struct {
		Bucket struct {
			Name string `json:"name"`
		} `json:"bucket"`
		Object struct {
			Key       string `json:"key"`
			Size      int64  `json:"size"`
			VersionID string `json:"versionId"`
			ETag      string `json:"eTag"`
		} `json:"object"`
	} `json:"s3"`
}

// ParseS3 reads an S3 event notification, as S3 sends it to Lambda or as
// the body of an SQS message (directly or wrapped by SNS), and returns the
// objects it reports created.
// An s3:TestEvent, and records that are not object creations, yield no
// objects and no error. A body that is not an S3 notification, or a record
// whose key cannot be decoded, is an error of kind Invalid.
func ParseS3(body []byte) ([]Object, error) {
	const op = "lambdaio.parse_s3"
	var n s3Notification
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&n); err != nil {
		return nil, archive.E(op, archive.Invalid, fmt.Errorf("not an S3 notification: %w", err))
	}
	if n.Type == "Notification" && n.Message != "" && n.Records == nil {
		return ParseS3([]byte(n.Message))
	}
	if n.Event == "s3:TestEvent" {
		return nil, nil
	}
	if n.Records == nil {
		return nil, archive.Errorf(op, archive.Invalid, "not an S3 notification: no Records")
	}
	var objs []Object
	for i, r := range n.Records {
		if r.EventSource != "" && r.EventSource != "aws:s3" {
			return nil, archive.Errorf(op, archive.Invalid, "record %d: event source %q is not aws:s3", i, r.EventSource)
		}
		if !strings.HasPrefix(r.EventName, "ObjectCreated:") {
			continue
		}
		key, err := DecodeKey(r.S3.Object.Key)
		if err != nil {
			return nil, archive.E(op, archive.Invalid, fmt.Errorf("record %d: %w", i, err))
		}
		if r.S3.Bucket.Name == "" || key == "" {
			return nil, archive.Errorf(op, archive.Invalid, "record %d: no bucket or key", i)
		}
		objs = append(objs, Object{
			Bucket:    r.S3.Bucket.Name,
			Key:       key,
			VersionID: r.S3.Object.VersionID,
			ETag:      strings.Trim(r.S3.Object.ETag, `"`),
			Size:      r.S3.Object.Size,
			EventName: r.EventName,
			EventTime: parseEventTime(r.EventTime),
		})
	}
	return objs, nil
}

// DecodeKey decodes an object key as S3 notifications encode it: form
// encoding, '+' for a space and %XX for other bytes ("my+article%C3%A9.html"
// is "my articleé.html").
func DecodeKey(raw string) (string, error) {
	key, err := url.QueryUnescape(raw)
	if err != nil {
		return "", fmt.Errorf("decode key %q: %w", raw, err)
	}
	return key, nil
}

// EncodeKey is DecodeKey's inverse, for building S3-shaped events.
func EncodeKey(key string) string { return url.QueryEscape(key) }

// eventTimeLayouts are the forms S3 and its emulators write eventTime in:
// AWS's RFC 3339 with milliseconds and Z, and moto's with no zone (UTC).
var eventTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
}

func parseEventTime(s string) time.Time {
	for _, layout := range eventTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// NewS3Event builds the S3 event notification S3 would send for objs
// created at at: what `embedarchive backfill` enqueues for articles that
// were uploaded before the notification existed. Keys are encoded as S3
// encodes them.
func NewS3Event(region string, at time.Time, objs ...Object) ([]byte, error) {
	type bucket struct {
		Name string `json:"name"`
		ARN  string `json:"arn"`
	}
	type object struct {
		Key       string `json:"key"`
		Size      int64  `json:"size"`
		ETag      string `json:"eTag,omitempty"`
		VersionID string `json:"versionId,omitempty"`
	}
	type entity struct {
		SchemaVersion   string `json:"s3SchemaVersion"`
		ConfigurationID string `json:"configurationId"`
		Bucket          bucket `json:"bucket"`
		Object          object `json:"object"`
	}
	type record struct {
		EventVersion string `json:"eventVersion"`
		EventSource  string `json:"eventSource"`
		AWSRegion    string `json:"awsRegion"`
		EventTime    string `json:"eventTime"`
		EventName    string `json:"eventName"`
		S3           entity `json:"s3"`
	}
	recs := make([]record, len(objs))
	for i, o := range objs {
		name := o.EventName
		if name == "" {
			name = "ObjectCreated:Put"
		}
		recs[i] = record{
			EventVersion: "2.1", EventSource: "aws:s3", AWSRegion: region,
			EventTime: at.UTC().Format("2006-01-02T15:04:05.000Z"), EventName: name,
			S3: entity{SchemaVersion: "1.0", ConfigurationID: "embedarchive-backfill",
				Bucket: bucket{Name: o.Bucket, ARN: "arn:aws:s3:::" + o.Bucket},
				Object: object{Key: EncodeKey(o.Key), Size: o.Size, ETag: o.ETag, VersionID: o.VersionID}},
		}
	}
	b, err := json.Marshal(map[string][]record{"Records": recs})
	if err != nil {
		return nil, fmt.Errorf("lambdaio: build S3 event: %w", err)
	}
	return b, nil
}
