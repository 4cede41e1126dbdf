package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/schollz/progressbar/v3"

	"github.com/embedarchive/embedarchive/internal/appconfig"
	"github.com/embedarchive/embedarchive/internal/lambdaio"
)

// backfillCommand is `embedarchive backfill s3://bucket/prefix --queue URL`.
func backfillCommand() command {
	return command{
		summary: "enqueue articles already in S3 for ArchiveFunction, as S3 events",
		run:     runBackfill,
	}
}

// sqsBatchMax is the most entries one SendMessageBatch takes.
const sqsBatchMax = 10

func runBackfill(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backfill", flag.ContinueOnError)
	fs.SetOutput(stderr)
	queue := fs.String("queue", "", "URL of the SQS queue ArchiveFunction consumes (required)")
	state := fs.String("state", "", "file that records progress, for resuming (default: in the user cache directory)")
	restart := fs.Bool("restart", false, "ignore recorded progress and start from the first key")
	quiet := fs.Bool("quiet", false, "no progress bar")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: embedarchive backfill [flags] s3://bucket/prefix --queue URL")
		fmt.Fprintln(stderr, "\nSends one S3 ObjectCreated event per object under the prefix, ten per")
		fmt.Fprintln(stderr, "SendMessageBatch. Interrupted, it resumes after the last batch sent when")
		fmt.Fprintln(stderr, "run again with the same arguments. Archiving is idempotent: a resent")
		fmt.Fprintln(stderr, "article changes nothing.")
		fs.PrintDefaults()
	}
	// Flags may follow the positional argument, as in the usage line.
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(pos) != 1 || *queue == "" {
		fs.Usage()
		return errors.New("want one s3://bucket/prefix and --queue")
	}
	bucket, prefix, err := parseS3URL(pos[0])
	if err != nil {
		return err
	}
	cfg, err := appconfig.AWS(ctx)
	if err != nil {
		return err
	}
	statePath := *state
	if statePath == "" {
		if statePath, err = defaultStatePath(bucket, prefix, *queue); err != nil {
			return err
		}
	}
	b := &backfill{
		s3:     appconfig.S3(cfg),
		sqs:    sqs.NewFromConfig(cfg),
		queue:  *queue,
		region: cfg.Region,
		state:  statePath,
		out:    stderr,
		quiet:  *quiet,
	}
	if *restart {
		if err := os.Remove(statePath); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("backfill: %w", err)
		}
	}
	n, err := b.run(ctx, bucket, prefix)
	fmt.Fprintf(stdout, "enqueued %d articles from s3://%s/%s\n", n, bucket, prefix)
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("interrupted; run the same command again to resume (progress in %s)", statePath)
	}
	return err
}

// parseS3URL splits s3://bucket/prefix.
func parseS3URL(s string) (bucket, prefix string, err error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return "", "", fmt.Errorf("backfill: %q is not an s3://bucket/prefix URL", s)
	}
	return u.Host, strings.TrimPrefix(u.Path, "/"), nil
}

// defaultStatePath names the progress file after what is being backfilled.
func defaultStatePath(bucket, prefix, queue string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("backfill: no cache directory, give --state: %w", err)
	}
	sum := sha256.Sum256([]byte(bucket + "\x00" + prefix + "\x00" + queue))
	return filepath.Join(dir, "embedarchive", "backfill-"+hex.EncodeToString(sum[:8])+".json"), nil
}

// The clients backfill needs, as small interfaces.
type (
	objectLister interface {
		ListObjectsV2(ctx context.Context, in *s3.ListObjectsV2Input, opts ...func(*s3.Options)) (*s3.ListObjectsV2Output, error)
	}
	batchSender interface {
		SendMessageBatch(ctx context.Context, in *sqs.SendMessageBatchInput, opts ...func(*sqs.Options)) (*sqs.SendMessageBatchOutput, error)
	}
)

type backfill struct {
	s3     objectLister
	sqs    batchSender
	queue  string
	region string
	state  string
	out    io.Writer
	quiet  bool
	now    func() time.Time
}

// backfillState is the progress file: the last key whose message was sent.
type backfillState struct {
	Bucket  string `json:"bucket"`
	Prefix  string `json:"prefix"`
	Queue   string `json:"queue"`
	LastKey string `json:"last_key"`
	Sent    int    `json:"sent"`
}

// run lists the objects after the recorded last key, in key order, a page
// at a time, and sends their events ten at a time, recording progress
// after each batch. It returns how many it sent in this run. The bar's
// total grows as pages are listed.
func (b *backfill) run(ctx context.Context, bucket, prefix string) (int, error) {
	st := b.load(bucket, prefix)
	if st.LastKey != "" {
		fmt.Fprintf(b.out, "resuming after %q (%d sent before)\n", st.LastKey, st.Sent)
	}
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(b.out),
		progressbar.OptionSetVisibility(!b.quiet),
		progressbar.OptionSetDescription("enqueueing"),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(b.out) }),
	)
	defer bar.Exit()
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)}
	if st.LastKey != "" {
		in.StartAfter = aws.String(st.LastKey)
	}
	sent, listed := 0, 0
	p := s3.NewListObjectsV2Paginator(b.s3, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return sent, fmt.Errorf("backfill: list s3://%s/%s: %w", bucket, prefix, err)
		}
		objs := objects(bucket, page.Contents)
		listed += len(objs)
		bar.ChangeMax(listed)
		for len(objs) > 0 {
			if err := ctx.Err(); err != nil {
				return sent, err
			}
			n := min(sqsBatchMax, len(objs))
			if err := b.send(ctx, objs[:n]); err != nil {
				return sent, err
			}
			sent += n
			st.Sent += n
			st.LastKey = objs[n-1].Key
			if err := b.save(st); err != nil {
				return sent, err
			}
			_ = bar.Add(n)
			objs = objs[n:]
		}
	}
	_ = bar.Finish()
	if err := os.Remove(b.state); err != nil && !errors.Is(err, os.ErrNotExist) {
		return sent, fmt.Errorf("backfill: %w", err)
	}
	return sent, nil
}

// objects turns a listing page into objects, skipping folder markers.
func objects(bucket string, contents []s3types.Object) []lambdaio.Object {
	var objs []lambdaio.Object
	for _, o := range contents {
		key := aws.ToString(o.Key)
		if strings.HasSuffix(key, "/") {
			continue
		}
		objs = append(objs, lambdaio.Object{Bucket: bucket, Key: key,
			Size: aws.ToInt64(o.Size), ETag: strings.Trim(aws.ToString(o.ETag), `"`)})
	}
	return objs
}

// send enqueues one batch, retrying the entries SQS refused.
func (b *backfill) send(ctx context.Context, objs []lambdaio.Object) error {
	now := time.Now
	if b.now != nil {
		now = b.now
	}
	pending := map[string]sqstypes.SendMessageBatchRequestEntry{}
	for i, o := range objs {
		body, err := lambdaio.NewS3Event(b.region, now(), o)
		if err != nil {
			return err
		}
		id := strconv.Itoa(i)
		pending[id] = sqstypes.SendMessageBatchRequestEntry{Id: aws.String(id), MessageBody: aws.String(string(body))}
	}
	for attempt := 0; len(pending) > 0; attempt++ {
		if attempt == 5 {
			return fmt.Errorf("backfill: SQS refused %d messages five times", len(pending))
		}
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(attempt*attempt) * 200 * time.Millisecond):
			}
		}
		entries := make([]sqstypes.SendMessageBatchRequestEntry, 0, len(pending))
		for _, e := range pending {
			entries = append(entries, e)
		}
		out, err := b.sqs.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(b.queue), Entries: entries})
		if err != nil {
			return fmt.Errorf("backfill: send to %s: %w", b.queue, err)
		}
		for _, ok := range out.Successful {
			delete(pending, aws.ToString(ok.Id))
		}
		for _, f := range out.Failed {
			if f.SenderFault {
				return fmt.Errorf("backfill: SQS refused a message: %s %s", aws.ToString(f.Code), aws.ToString(f.Message))
			}
		}
	}
	return nil
}

func (b *backfill) load(bucket, prefix string) backfillState {
	fresh := backfillState{Bucket: bucket, Prefix: prefix, Queue: b.queue}
	raw, err := os.ReadFile(b.state)
	if err != nil {
		return fresh
	}
	var st backfillState
	if json.Unmarshal(raw, &st) != nil || st.Bucket != bucket || st.Prefix != prefix || st.Queue != b.queue {
		return fresh
	}
	return st
}

// save writes the progress file atomically.
func (b *backfill) save(st backfillState) error {
	raw, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("backfill: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(b.state), 0o755); err != nil {
		return fmt.Errorf("backfill: %w", err)
	}
	tmp := b.state + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o644); err != nil {
		return fmt.Errorf("backfill: %w", err)
	}
	if err := os.Rename(tmp, b.state); err != nil {
		return fmt.Errorf("backfill: %w", err)
	}
	return nil
}
