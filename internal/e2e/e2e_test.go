package e2e_test

import (
	"archive/zip"
	"bytes"
	"context"
	"debug/buildinfo"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/awstest"
	"github.com/embedarchive/embedarchive/internal/dynamo"
	"github.com/embedarchive/embedarchive/internal/lambdaio"
	"github.com/embedarchive/embedarchive/internal/rie"
	"github.com/embedarchive/embedarchive/internal/samtemplate"
)

const repo = "../.."

// articleKey has a space and a non-ASCII character, so that the key
// arrives URL-encoded in the notification.
const articleKey = "articles/harbour night ferry édition.html"

func requireRIE(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath(rie.Binary); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not on PATH; make test installs it", rie.Binary)
		}
		t.Skipf("%s not on PATH; run make lambda-rie", rie.Binary)
	}
}

// build runs the Makefile's SAM build targets, as `sam build` does, for
// this machine's architecture, and returns each bootstrap's path.
func build(t *testing.T, fns ...string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, fn := range fns {
		art := filepath.Join(dir, fn)
		out[fn] = filepath.Join(art, "bootstrap")
		wg.Go(func() {
			cmd := exec.Command("make", "--no-print-directory", "-s", "build-"+fn, "ARCH="+runtime.GOARCH, "ARTIFACTS_DIR="+art)
			cmd.Dir = repo
			b, err := cmd.CombinedOutput()
			if err != nil {
				mu.Lock()
				t.Errorf("make build-%s: %v\n%s", fn, err, b)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	for fn, path := range out {
		t.Logf("%s: bootstrap %d bytes, zipped %d bytes", fn, size(t, path), zipSize(t, path))
		checkBuild(t, fn, path)
	}
	return out
}

// checkBuild reads the build settings Go records in the binary: the
// Makefile's flags, as `sam build` runs them.
func checkBuild(t *testing.T, fn, path string) {
	t.Helper()
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", fn, err)
	}
	got := map[string]string{}
	for _, s := range info.Settings {
		got[s.Key] = s.Value
	}
	want := map[string]string{"-tags": "lambda.norpc", "-trimpath": "true", "CGO_ENABLED": "0", "GOOS": "linux", "GOARCH": runtime.GOARCH}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s built with %s=%q, want %q", fn, k, got[k], v)
		}
	}
	if info.Path != "github.com/embedarchive/embedarchive/functions/"+strings.ToLower(strings.TrimSuffix(fn, "Function")) {
		t.Errorf("%s is %s", fn, info.Path)
	}
}

func size(t *testing.T, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// zipSize is the size of the deployment package sam would upload.
func zipSize(t *testing.T, path string) int {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "bootstrap", Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(w, f); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// stack is the AWS side, in moto.
type stack struct {
	table, articles, snapshots, queueURL, queueARN string
}

func setUp(t *testing.T, ctx context.Context, ddb *dynamodb.Client, s3c *s3.Client, sqsc *sqs.Client) stack {
	t.Helper()
	st := stack{
		table:     awstest.Name(t, "e2e"),
		articles:  awstest.Name(t, "e2e-articles"),
		snapshots: awstest.Name(t, "e2e-snapshots"),
	}
	tpl, err := samtemplate.Load(filepath.Join(repo, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := tpl.Table("ArchiveTable", st.table)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dynamo.EnsureTable(ctx, ddb, in); err != nil {
		t.Fatal(err)
	}
	for _, b := range []string{st.articles, st.snapshots} {
		if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatal(err)
		}
	}
	q, err := sqsc.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(awstest.Name(t, "e2e"))})
	if err != nil {
		t.Fatal(err)
	}
	st.queueURL = *q.QueueUrl
	attrs, err := sqsc.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl,
		AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatal(err)
	}
	st.queueARN = attrs.Attributes[string(sqstypes.QueueAttributeNameQueueArn)]
	_, err = s3c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{
		Bucket: aws.String(st.articles),
		NotificationConfiguration: &s3types.NotificationConfiguration{QueueConfigurations: []s3types.QueueConfiguration{{
			QueueArn: aws.String(st.queueARN),
			Events:   []s3types.Event{s3types.EventS3ObjectCreated},
			Filter: &s3types.NotificationConfigurationFilter{Key: &s3types.S3KeyFilter{FilterRules: []s3types.FilterRule{
				{Name: s3types.FilterRuleNamePrefix, Value: aws.String("articles/")}}}},
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// receive takes messages off the queue until one reports an upload, and
// returns them as the SQS event Lambda's event source mapping would send.
func receive(t *testing.T, ctx context.Context, sqsc *sqs.Client, st stack) events.SQSEvent {
	t.Helper()
	var ev events.SQSEvent
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		out, err := sqsc.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(st.queueURL),
			MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 600})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range out.Messages {
			ev.Records = append(ev.Records, events.SQSMessage{
				MessageId: aws.ToString(m.MessageId), ReceiptHandle: aws.ToString(m.ReceiptHandle),
				Body: aws.ToString(m.Body), Md5OfBody: aws.ToString(m.MD5OfBody),
				Attributes:  map[string]string{"ApproximateReceiveCount": "1"},
				EventSource: "aws:sqs", EventSourceARN: st.queueARN, AWSRegion: "us-east-1",
			})
		}
		for _, r := range ev.Records {
			if strings.Contains(r.Body, "ObjectCreated") {
				return ev
			}
		}
	}
	t.Fatalf("no upload notification reached the queue; got %d messages", len(ev.Records))
	return ev
}

// items returns every item of the table, as comparable strings.
func items(t *testing.T, ctx context.Context, ddb *dynamodb.Client, table string) []string {
	t.Helper()
	var out []string
	p := dynamodb.NewScanPaginator(ddb, &dynamodb.ScanInput{TableName: aws.String(table)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			out = append(out, fmt.Sprint(flatten(it)))
		}
	}
	slices.Sort(out)
	return out
}

func flatten(it map[string]ddbtypes.AttributeValue) map[string]any {
	m := map[string]any{}
	for k, v := range it {
		switch v := v.(type) {
		case *ddbtypes.AttributeValueMemberS:
			m[k] = v.Value
		case *ddbtypes.AttributeValueMemberN:
			m[k] = v.Value
		case *ddbtypes.AttributeValueMemberB:
			m[k] = string(v.Value)
		default:
			m[k] = fmt.Sprintf("%T%v", v, v)
		}
	}
	return m
}

func countObjects(t *testing.T, ctx context.Context, s3c *s3.Client, bucket string) int {
	t.Helper()
	out, err := s3c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.Contents)
}

// invokeSQS sends one SQS event and returns the failed message ids.
func invokeSQS(t *testing.T, ctx context.Context, fn *rie.Function, ev events.SQSEvent) []string {
	t.Helper()
	raw, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	out, err := fn.Invoke(ctx, raw)
	if err != nil {
		t.Fatalf("ArchiveFunction: %v\n%s", err, fn.Logs())
	}
	var resp events.SQSEventResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("ArchiveFunction answered %s: %v", out, err)
	}
	var failed []string
	for _, f := range resp.BatchItemFailures {
		failed = append(failed, f.ItemIdentifier)
	}
	return failed
}

// apiRequest is an HTTP API v2 request for path?query, from events/.
func apiRequest(t *testing.T, path string, query url.Values) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repo, "events", "api-article.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	ev.RawPath, ev.RequestContext.HTTP.Path = path, path
	ev.RawQueryString = query.Encode()
	ev.QueryStringParameters = map[string]string{}
	for k := range query {
		ev.QueryStringParameters[k] = query.Get(k)
	}
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// oembed stands in for every platform's oEmbed endpoint, on loopback: the
// functions are pointed at it with a providers file, and fetch nothing
// else (FETCH_SOURCES=oembed), so the test reaches no other address. It
// answers each post with its text, or 404 once the post is deleted.
type oembed struct {
	mu       sync.Mutex
	texts    map[string]string // post id -> text
	gone     map[string]bool
	requests int
}

func (o *oembed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.requests++
	post := r.URL.Query().Get("url")
	for id, text := range o.texts {
		if !strings.Contains(post, id) {
			continue
		}
		if o.gone[id] {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"version": "1.0", "type": "rich", "title": text, "author_name": "Someone"})
		return
	}
	http.NotFound(w, r)
}

func (o *oembed) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.requests
}

// providersFile sends every post's oEmbed request to url.
func providersFile(t *testing.T, url string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "providers.json")
	b, _ := json.Marshal([]map[string]any{{
		"provider_name": "e2e", "provider_url": url,
		"endpoints": []map[string]any{{"schemes": []string{"*"}, "url": url + "/oembed"}},
	}})
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// query invokes the QueryFunction with GET path?q and returns the body of
// a 200 answer.
func query(t *testing.T, ctx context.Context, fn *rie.Function, path string, q url.Values) string {
	t.Helper()
	out, err := fn.Invoke(ctx, apiRequest(t, path, q))
	if err != nil {
		t.Fatalf("QueryFunction: %v\n%s", err, fn.Logs())
	}
	var resp events.APIGatewayV2HTTPResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s?%s: status %d: %s", path, q.Encode(), resp.StatusCode, resp.Body)
	}
	return resp.Body
}

func TestArchiveQueryRecheckUnderRIE(t *testing.T) {
	cfg := awstest.Config(t)
	requireRIE(t)
	ctx := t.Context()
	endpoint := awstest.Endpoint(t)
	start := time.Now()

	var bins map[string]string
	built := make(chan struct{})
	go func() { defer close(built); bins = build(t, "ArchiveFunction", "QueryFunction", "RecheckFunction") }()

	ddb := dynamodb.NewFromConfig(cfg)
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	sqsc := sqs.NewFromConfig(cfg)
	st := setUp(t, ctx, ddb, s3c, sqsc)

	// The sample article's posts, as the oEmbed stand-in will show them.
	const tweet, reddit = "1861234567890123776", "1gx2abc"
	platforms := &oembed{gone: map[string]bool{}, texts: map[string]string{
		tweet:                "The council has spoken and the night ferry stays.",
		"C9xYz12AbCd":        "Harbour ferry workers thank the council",
		"dQw4w9WgXcQ":        "Night ferry, a film",
		"3lbqta5lnck2i":      "Night services look expensive per rider and cheap per life.",
		"113512345678901234": "The ferry runs tonight as usual.",
		reddit:               "Council keeps the night ferry",
	}}
	srv := httptest.NewServer(platforms)
	defer srv.Close()

	article, err := os.ReadFile(filepath.Join(repo, "examples", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(st.articles), Key: aws.String(articleKey),
		Body: bytes.NewReader(article), ContentType: aws.String("text/html; charset=utf-8")}); err != nil {
		t.Fatal(err)
	}
	batch := receive(t, ctx, sqsc, st)
	testEvents := 0
	for _, r := range batch.Records {
		if strings.Contains(r.Body, "s3:TestEvent") {
			testEvents++
		}
	}
	t.Logf("queue delivered %d messages, %d of them s3:TestEvent", len(batch.Records), testEvents)

	<-built
	if t.Failed() {
		t.FailNow()
	}
	t.Logf("built in %v", time.Since(start).Round(time.Millisecond))

	// A function without its configuration says so, in JSON, and exits
	// before lambda.Start.
	for fn, boot := range bins {
		cmd := exec.Command(boot)
		cmd.Env = []string{"AWS_LAMBDA_LOG_FORMAT=JSON", "FETCH_BUDGET=soon"}
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), `"message":"bad configuration"`) || !strings.Contains(string(out), "FETCH_BUDGET") {
			t.Errorf("%s without configuration: %v\n%s", fn, err, out)
		}
	}

	env := []string{
		"ARCHIVE_TABLE=" + st.table,
		"SNAPSHOT_BUCKET=" + st.snapshots,
		"ARTICLE_BUCKET=" + st.articles,
		"AWS_ENDPOINT_URL=" + endpoint,
		"AWS_REGION=" + cfg.Region,
		"AWS_ACCESS_KEY_ID=testing",
		"AWS_SECRET_ACCESS_KEY=testing",
		// Every fetch goes to the loopback stand-in and nowhere else.
		"FETCH_SOURCES=oembed",
		"EMBEDARCHIVE_PROVIDERS=" + providersFile(t, srv.URL),
		"EMBEDARCHIVE_ALLOW_NETWORKS=127.0.0.1/32",
		"FETCH_BUDGET=10s",
		"RECHECK_AFTER=1s",
		"RECHECK_BUDGET=20s",
	}
	var logs bytes.Buffer
	archiveFn, err := rie.Start(ctx, rie.Options{Bootstrap: bins["ArchiveFunction"], Env: env, Timeout: 60 * time.Second, Output: &logs})
	if err != nil {
		t.Fatal(err)
	}
	defer archiveFn.Close()

	if failed := invokeSQS(t, ctx, archiveFn, batch); len(failed) > 0 {
		t.Fatalf("batch item failures %v\n%s", failed, archiveFn.Logs())
	}
	if d, ok := archiveFn.InitDuration(); ok {
		t.Logf("ArchiveFunction init under aws-lambda-rie: %v", d)
	}
	for _, r := range batch.Records { // what Lambda does after a successful batch
		if _, err := sqsc.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(st.queueURL), ReceiptHandle: aws.String(r.ReceiptHandle)}); err != nil {
			t.Fatal(err)
		}
	}
	if n := platforms.count(); n != len(platforms.texts) {
		t.Errorf("the oEmbed stand-in got %d requests, want one per post (%d)", n, len(platforms.texts))
	}

	// DynamoDB holds the article, its posts and its quotes.
	id := "s3://" + st.articles + "/" + articleKey
	store := dynamo.New(ddb, st.table)
	v, err := store.Article(ctx, id)
	if err != nil {
		t.Fatalf("article %s: %v\n%s", id, err, archiveFn.Logs())
	}
	if v.Article.Status != archive.ArticleComplete || len(v.Embeds) != 6 || len(v.Quotes) != 6 {
		t.Fatalf("article %+v with %d embeds and %d quotes; want complete, 6 and 6\n%s", v.Article, len(v.Embeds), len(v.Quotes), archiveFn.Logs())
	}
	for _, e := range v.Embeds {
		pv, err := store.Post(ctx, e.Key())
		if err != nil {
			t.Errorf("post %s: %v", e.Key(), err)
			continue
		}
		if pv.Post.Status != archive.StatusLive {
			t.Errorf("post %s is %s, want live", e.Key(), pv.Post.Status)
		}
	}
	// The run's fetches are kept as a .warc.gz in the snapshot bucket,
	// named by the article.
	if v.Article.WARC == "" {
		t.Errorf("article %+v names no WARC", v.Article)
	} else if obj, err := s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(st.snapshots), Key: aws.String(v.Article.WARC)}); err != nil {
		t.Errorf("WARC %s: %v", v.Article.WARC, err)
	} else {
		head := make([]byte, 2)
		_, err := io.ReadFull(obj.Body, head)
		obj.Body.Close()
		if err != nil || head[0] != 0x1f || head[1] != 0x8b {
			t.Errorf("WARC %s is not gzip: % x, %v", v.Article.WARC, head, err)
		}
	}
	before := items(t, ctx, ddb, st.table)
	blobs := countObjects(t, ctx, s3c, st.snapshots)
	t.Logf("DynamoDB holds %d items, the snapshot bucket %d objects", len(before), blobs)
	if blobs == 0 {
		t.Error("no raw body reached the snapshot bucket")
	}
	if !strings.Contains(logs.String(), `"ArticlesProcessed":1`) || !strings.Contains(logs.String(), `"Status":"live"`) {
		t.Errorf("no EMF metrics for the article in the function's output:\n%s", logs.String())
	}

	// The QueryFunction answers the API with them.
	queryFn, err := rie.Start(ctx, rie.Options{Bootstrap: bins["QueryFunction"], Env: env, Timeout: 15 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer queryFn.Close()
	queries := []struct {
		name string
		path string
		q    url.Values
		want []string
	}{
		{"article", "/api/articles", url.Values{"id": {id}}, []string{"Harbour city votes to keep its night ferry", "MayorTomReyes", "nurses get home"}},
		{"post", "/api/posts", url.Values{"key": {"twitter:" + tweet}}, []string{tweet, id, "The council has spoken"}},
		{"speaker", "/api/quotes", url.Values{"speaker": {"Dana Okafor"}}, []string{"Cutting it would have saved very little"}},
		{"author", "/api/posts", url.Values{"author": {"twitter:mayortomreyes"}}, []string{tweet}},
		{"viewer", "/article", url.Values{"id": {id}}, []string{"<html", "Harbour city votes to keep its night ferry", "Dana Okafor"}},
	}
	for _, tt := range queries {
		t.Run(tt.name, func(t *testing.T) {
			body := query(t, ctx, queryFn, tt.path, tt.q)
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("response lacks %q:\n%.2000s", w, body)
				}
			}
		})
	}
	if d, ok := queryFn.InitDuration(); ok {
		t.Logf("QueryFunction init under aws-lambda-rie: %v", d)
	}
	// The sample API events in events/ (which name the deployed bucket)
	// are answered too: found, or not found, never a failure.
	samples, _ := filepath.Glob(filepath.Join(repo, "events", "api-*.json"))
	for _, f := range samples {
		ev, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out, err := queryFn.Invoke(ctx, ev)
		var resp events.APIGatewayV2HTTPResponse
		if err != nil || json.Unmarshal(out, &resp) != nil || (resp.StatusCode != 200 && resp.StatusCode != 404) {
			t.Errorf("%s: %v, status %d: %.500s", filepath.Base(f), err, resp.StatusCode, resp.Body)
		}
	}
	if len(samples) < 7 {
		t.Errorf("only %d sample API events", len(samples))
	}

	// A redelivery of the same messages changes nothing and fetches
	// nothing.
	if failed := invokeSQS(t, ctx, archiveFn, batch); len(failed) > 0 {
		t.Fatalf("redelivery: batch item failures %v", failed)
	}
	after := items(t, ctx, ddb, st.table)
	if len(after) != len(before) {
		t.Errorf("redelivery changed the item count: %d -> %d", len(before), len(after))
	}
	if !slices.Equal(before, after) {
		t.Error("redelivery rewrote items")
	}
	if n := countObjects(t, ctx, s3c, st.snapshots); n != blobs {
		t.Errorf("redelivery changed the snapshot bucket: %d -> %d objects", blobs, n)
	}
	// So does the same upload reported by S3 straight to the function.
	direct, err := lambdaio.NewS3Event(cfg.Region, time.Now(), lambdaio.Object{Bucket: st.articles, Key: articleKey})
	if err != nil {
		t.Fatal(err)
	}
	if out, err := archiveFn.Invoke(ctx, direct); err != nil || string(out) != "null" {
		t.Fatalf("direct S3 event: %s, %v", out, err)
	}
	if after := items(t, ctx, ddb, st.table); !slices.Equal(before, after) {
		t.Error("a direct S3 event for the same upload rewrote items")
	}
	if n := platforms.count(); n != len(platforms.texts) {
		t.Errorf("redelivery fetched again: %d requests", n)
	}

	// The tweet is edited and the Reddit post deleted; once they are due
	// (RECHECK_AFTER=1s), the scheduled RecheckFunction records both.
	platforms.mu.Lock()
	platforms.texts[tweet] = "The council has spoken. The night ferry stays, for now."
	platforms.gone[reddit] = true
	platforms.mu.Unlock()
	time.Sleep(time.Until(v.Article.ProcessedAt.Add(1100 * time.Millisecond)))
	recheckFn, err := rie.Start(ctx, rie.Options{Bootstrap: bins["RecheckFunction"], Env: env, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer recheckFn.Close()
	schedule, err := os.ReadFile(filepath.Join(repo, "events", "schedule.json"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := recheckFn.Invoke(ctx, schedule)
	if err != nil {
		t.Fatalf("RecheckFunction: %v\n%s", err, recheckFn.Logs())
	}
	var run archive.Rechecked
	if err := json.Unmarshal(out, &run); err != nil {
		t.Fatalf("RecheckFunction answered %s: %v", out, err)
	}
	if run.Checked != 6 || run.Edited != 1 || run.Deleted != 1 || run.Changed != 2 || run.More {
		t.Errorf("recheck run %s; want 6 checked, 1 edited, 1 deleted, 2 changed, no more", out)
	}
	if d, ok := recheckFn.InitDuration(); ok {
		t.Logf("RecheckFunction init under aws-lambda-rie: %v", d)
	}
	if body := query(t, ctx, queryFn, "/api/posts", url.Values{"status": {"deleted"}}); !strings.Contains(body, reddit) || strings.Contains(body, tweet) {
		t.Errorf("deleted posts: %.2000s", body)
	}
	if body := query(t, ctx, queryFn, "/api/posts", url.Values{"key": {"twitter:" + tweet}}); !strings.Contains(body, `"edited":true`) || !strings.Contains(body, "for now") {
		t.Errorf("the edited tweet: %.2000s", body)
	}
	if pv, err := store.Post(ctx, "twitter:"+tweet); err != nil {
		t.Errorf("the edited tweet: %v", err)
	} else if pv.Post.WARC == "" || pv.Post.WARC == v.Article.WARC {
		t.Errorf("the edited tweet names WARC %q (the article's %q); want the recheck's own", pv.Post.WARC, v.Article.WARC)
	}
	t.Logf("end to end in %v", time.Since(start).Round(time.Millisecond))
}
