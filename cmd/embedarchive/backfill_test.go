package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/embedarchive/embedarchive/internal/awstest"
	"github.com/embedarchive/embedarchive/internal/lambdaio"
)

// interrupting sends through next and cancels the run after n batches, as
// a ^C would.
type interrupting struct {
	next    batchSender
	n       int
	cancel  context.CancelFunc
	batches []int
}

func (s *interrupting) SendMessageBatch(ctx context.Context, in *sqs.SendMessageBatchInput, opts ...func(*sqs.Options)) (*sqs.SendMessageBatchOutput, error) {
	out, err := s.next.SendMessageBatch(ctx, in, opts...)
	s.batches = append(s.batches, len(in.Entries))
	if len(s.batches) == s.n {
		s.cancel()
	}
	return out, err
}

func TestBackfillResumes(t *testing.T) {
	cfg := awstest.Config(t)
	ctx := t.Context()
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	sqsc := sqs.NewFromConfig(cfg)
	bucket := awstest.Name(t, "backfill")
	if _, err := s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	q, err := sqsc.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(awstest.Name(t, "backfill"))})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	put := func(key string) {
		if _, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader("<p>x</p>")}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 23 {
		key := fmt.Sprintf("articles/%02d story é+%d.html", i, i)
		put(key)
		want = append(want, key)
	}
	put("articles/folder/")   // a folder marker: skipped
	put("drafts/unpublished") // outside the prefix
	slices.Sort(want)

	state := filepath.Join(t.TempDir(), "state.json")
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	send := &interrupting{next: sqsc, n: 1, cancel: cancel}
	b := &backfill{s3: s3c, sqs: send, queue: *q.QueueUrl, region: cfg.Region, state: state, out: &bytes.Buffer{}, quiet: true}
	n, err := b.run(runCtx, bucket, "articles/")
	if !errors.Is(err, context.Canceled) || n != 10 {
		t.Fatalf("interrupted run: sent %d, err %v; want 10 and canceled", n, err)
	}
	if st := b.load(bucket, "articles/"); st.Sent != 10 || st.LastKey != want[9] {
		t.Fatalf("state after interruption: %+v", st)
	}

	// The second run goes through the command, as a user would resume.
	t.Setenv("AWS_ENDPOINT_URL", awstest.Endpoint(t))
	var stdout, stderr bytes.Buffer
	err = runBackfill(ctx, []string{"s3://" + bucket + "/articles/", "--queue", *q.QueueUrl, "--state", state}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("resume: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "enqueued 13 articles") || !strings.Contains(stderr.String(), "resuming after") {
		t.Errorf("resume said %q / %q", stdout.String(), stderr.String())
	}

	var got []string
	for {
		out, err := sqsc.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Messages) == 0 {
			break
		}
		for _, m := range out.Messages {
			objs, err := lambdaio.ParseS3([]byte(aws.ToString(m.Body)))
			if err != nil || len(objs) != 1 || objs[0].Bucket != bucket {
				t.Fatalf("message %s: %+v, %v", aws.ToString(m.Body), objs, err)
			}
			got = append(got, objs[0].Key)
			if _, err := sqsc.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: q.QueueUrl, ReceiptHandle: m.ReceiptHandle}); err != nil {
				t.Fatal(err)
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("queue holds %d keys:\n%q\nwant %d:\n%q", len(got), got, len(want), want)
	}
}

func TestParseS3URL(t *testing.T) {
	tests := []struct {
		in             string
		bucket, prefix string
		ok             bool
	}{
		{"s3://articles/2026/", "articles", "2026/", true},
		{"s3://articles", "articles", "", true},
		{"https://articles/x", "", "", false},
		{"articles/x", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			b, p, err := parseS3URL(tt.in)
			if (err == nil) != tt.ok || b != tt.bucket || p != tt.prefix {
				t.Errorf("parseS3URL(%q) = %q, %q, %v", tt.in, b, p, err)
			}
		})
	}
}
