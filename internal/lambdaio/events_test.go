package lambdaio

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// eventsDir holds the sample events for `sam local invoke` and
// `make local-invoke`.
var eventsDir = filepath.Join("..", "..", "events")

// strict decodes b into v, refusing fields v has no place for, so that a
// sample event with a misspelt field fails.
func strict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// TestSampleEvents proves that every file in events/ unmarshals into the
// aws-lambda-go type of the event it stands for, and that the handlers
// read it as intended.
func TestSampleEvents(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(eventsDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample events in %s: %v", eventsDir, err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case name == "s3-put.json":
				var ev events.S3Event
				if err := strict(b, &ev); err != nil {
					t.Fatal(err)
				}
				checkS3Event(t, ev)
				objs, err := ParseS3(b)
				if err != nil || len(objs) != 1 || objs[0].Key != ev.Records[0].S3.Object.URLDecodedKey {
					t.Errorf("ParseS3 = %+v, %v", objs, err)
				}
			case name == "sqs-s3.json":
				checkSQSEvent(t, b)
			case strings.HasPrefix(name, "api-"):
				var ev events.APIGatewayV2HTTPRequest
				if err := strict(b, &ev); err != nil {
					t.Fatal(err)
				}
				checkAPIEvent(t, ev)
			case name == "schedule.json":
				var ev events.EventBridgeEvent
				if err := strict(b, &ev); err != nil {
					t.Fatal(err)
				}
				if ev.DetailType != "Scheduled Event" || ev.Source != "aws.events" || ev.Time.IsZero() {
					t.Errorf("not a scheduled event: %+v", ev)
				}
			case name == "env.json":
				checkEnv(t, b)
			default:
				t.Errorf("no check for %s: add one", name)
			}
		})
	}
}

func checkS3Event(t *testing.T, ev events.S3Event) {
	t.Helper()
	if len(ev.Records) == 0 {
		t.Fatal("no records")
	}
	key := ev.Records[0].S3.Object.URLDecodedKey
	if !strings.Contains(key, " ") || !strings.ContainsFunc(key, func(r rune) bool { return r > 127 }) {
		t.Errorf("key %q should have a space and a non-ASCII character", key)
	}
	if strings.Contains(key, "+") || strings.Contains(key, "%") {
		t.Errorf("key %q is not decoded", key)
	}
}

func checkSQSEvent(t *testing.T, b []byte) {
	t.Helper()
	var ev events.SQSEvent
	if err := strict(b, &ev); err != nil {
		t.Fatal(err)
	}
	var tests, puts int
	for _, m := range ev.Records {
		if m.EventSource != "aws:sqs" || m.MessageId == "" {
			t.Errorf("record %+v is not an SQS message", m)
		}
		var te events.S3TestEvent
		if strict([]byte(m.Body), &te) == nil && te.Event == "s3:TestEvent" {
			tests++
			continue
		}
		var s3 events.S3Event
		if err := strict([]byte(m.Body), &s3); err != nil {
			t.Errorf("message %s: %v", m.MessageId, err)
			continue
		}
		checkS3Event(t, s3)
		puts++
	}
	if tests != 1 || puts == 0 {
		t.Errorf("%d test events and %d uploads; want one test event among uploads", tests, puts)
	}
	rec := &recorder{}
	resp, err := (&ArchiveHandler{Archiver: rec, Log: quiet()}).Invoke(context.Background(), b)
	if err != nil || len(resp.BatchItemFailures) != 0 {
		t.Fatalf("handler: %+v, %v", resp, err)
	}
	if len(rec.seen) != puts {
		t.Errorf("handler archived %q; want the %d uploads", rec.seen, puts)
	}
}

func checkAPIEvent(t *testing.T, ev events.APIGatewayV2HTTPRequest) {
	t.Helper()
	if ev.Version != "2.0" || ev.RequestContext.HTTP.Method != http.MethodGet {
		t.Errorf("not a v2 GET: %+v", ev)
	}
	if ev.RequestContext.Authorizer == nil || ev.RequestContext.Authorizer.IAM == nil {
		t.Error("no IAM authorizer context; the API uses AWS_IAM")
	}
	req, err := NewRequest(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	if req.URL.Path != ev.RawPath {
		t.Errorf("path %q, want %q", req.URL.Path, ev.RawPath)
	}
	for k, v := range ev.QueryStringParameters {
		if got := req.URL.Query().Get(k); got != v {
			t.Errorf("query %s = %q, want %q", k, got, v)
		}
	}
}

// checkEnv checks env.json against `sam local invoke --env-vars`: an
// object per function of the template, each of string values.
func checkEnv(t *testing.T, b []byte) {
	t.Helper()
	var env map[string]map[string]string
	if err := strict(b, &env); err != nil {
		t.Fatal(err)
	}
	tmpl, err := os.ReadFile(filepath.Join("..", "..", "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range []string{"ArchiveFunction", "QueryFunction", "RecheckFunction"} {
		if !bytes.Contains(tmpl, []byte("\n  "+fn+":\n")) {
			t.Errorf("template.yaml has no %s", fn)
		}
		vars, ok := env[fn]
		if !ok {
			t.Errorf("env.json has no %s", fn)
			continue
		}
		for _, v := range []string{"ARCHIVE_TABLE", "SNAPSHOT_BUCKET"} {
			if vars[v] == "" {
				t.Errorf("%s: %s unset", fn, v)
			}
		}
	}
	for fn := range env {
		if !slices.Contains([]string{"ArchiveFunction", "QueryFunction", "RecheckFunction", "Parameters"}, fn) {
			t.Errorf("env.json names %s, which the template does not define", fn)
		}
	}
}
