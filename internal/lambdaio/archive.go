package lambdaio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/aws/aws-lambda-go/events"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/metrics"
)

// Archived is what archiving one object produced, for the metrics.
type Archived struct {
	Posts   int                    // posts captured and stored
	Fetches map[archive.Status]int // fetch outcomes by status
}

// Archiver archives one uploaded object.
type Archiver interface {
	// ArchiveObject archives obj. Archiving an object already archived
	// changes nothing. An error of kind Invalid, TooLarge or NotFound is
	// final (trying again cannot help); any other error asks for a retry.
	ArchiveObject(ctx context.Context, obj Object) (Archived, error)
}

// ArchiverFunc adapts a function to Archiver.
type ArchiverFunc func(ctx context.Context, obj Object) (Archived, error)

// ArchiveObject calls f.
func (f ArchiverFunc) ArchiveObject(ctx context.Context, obj Object) (Archived, error) {
	return f(ctx, obj)
}

// ArchiveHandler serves ArchiveFunction: it takes S3 notifications, sent
// directly or carried by SQS messages, and archives each object created.
type ArchiveHandler struct {
	Archiver Archiver
	Log      *slog.Logger
	Metrics  *metrics.Recorder // may be nil
	Budget   Budget
	// Parallel is how many SQS messages are worked on at once; below 1
	// means 1.
	Parallel int
}

// Invoke is the Lambda handler. For an SQS batch it returns the messages
// to retry as partial batch failures (the event source mapping must have
// ReportBatchItemFailures); for a direct S3 notification it returns an
// error when an object should be retried.
func (h *ArchiveHandler) Invoke(ctx context.Context, raw json.RawMessage) (*events.SQSEventResponse, error) {
	defer func() {
		if err := h.Metrics.Flush(); err != nil {
			h.Log.WarnContext(ctx, "metrics flush failed", "error", err)
		}
	}()
	var probe struct {
		Records []struct {
			EventSource string `json:"eventSource"`
		} `json:"Records"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, fmt.Errorf("lambdaio: event is not JSON: %w", err)
	}
	if len(probe.Records) > 0 && probe.Records[0].EventSource == "aws:sqs" {
		var ev events.SQSEvent
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, fmt.Errorf("lambdaio: SQS event: %w", err)
		}
		resp := h.sqs(ctx, ev)
		return &resp, nil
	}
	return nil, h.s3(ctx, raw)
}

// s3 handles a notification S3 sent straight to the function.
func (h *ArchiveHandler) s3(ctx context.Context, raw []byte) error {
	objs, err := ParseS3(raw)
	if err != nil {
		h.Log.ErrorContext(ctx, "event dropped", "error", err)
		h.Metrics.Add(metrics.ArticlesFailed, 1)
		return nil // retrying a malformed event cannot help
	}
	var retry []string
	for _, obj := range objs {
		if !h.object(ctx, obj) {
			retry = append(retry, obj.ID())
		}
	}
	if len(retry) > 0 {
		return fmt.Errorf("lambdaio: %d of %d objects to retry: %v", len(retry), len(objs), retry)
	}
	return nil
}

// sqs handles a batch of SQS messages, each carrying an S3 notification.
func (h *ArchiveHandler) sqs(ctx context.Context, ev events.SQSEvent) events.SQSEventResponse {
	var (
		mu       sync.Mutex
		failures []events.SQSBatchItemFailure
		wg       sync.WaitGroup
		sem      = make(chan struct{}, max(h.Parallel, 1))
	)
	for _, msg := range ev.Records {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if !h.message(ctx, msg) {
				mu.Lock()
				failures = append(failures, events.SQSBatchItemFailure{ItemIdentifier: msg.MessageId})
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return events.SQSEventResponse{BatchItemFailures: failures}
}

// message archives the objects one SQS message reports; false asks SQS to
// deliver it again.
func (h *ArchiveHandler) message(ctx context.Context, msg events.SQSMessage) bool {
	objs, err := ParseS3([]byte(msg.Body))
	if err != nil {
		h.Log.ErrorContext(ctx, "message dropped", "message_id", msg.MessageId, "error", err)
		h.Metrics.Add(metrics.ArticlesFailed, 1)
		return true // a malformed message will not improve
	}
	if len(objs) == 0 {
		h.Log.DebugContext(ctx, "message ignored", "message_id", msg.MessageId)
	}
	ok := true
	for _, obj := range objs {
		ok = h.object(ctx, obj) && ok
	}
	return ok
}

// object archives one object; false means it should be tried again.
func (h *ArchiveHandler) object(ctx context.Context, obj Object) bool {
	log := h.Log.With("article", obj.ID(), "version", obj.VersionID)
	octx, cancel, ok := h.Budget.Start(ctx)
	if !ok {
		log.WarnContext(ctx, "not started: invocation deadline near")
		return false
	}
	defer cancel()
	res, err := h.Archiver.ArchiveObject(octx, obj)
	h.Metrics.Add(metrics.PostsArchived, res.Posts)
	for status, n := range res.Fetches {
		h.Metrics.AddFetch(status, n)
	}
	if err == nil {
		h.Metrics.Add(metrics.ArticlesProcessed, 1)
		log.InfoContext(ctx, "upload handled", "posts", res.Posts)
		return true
	}
	h.Metrics.Add(metrics.ArticlesFailed, 1)
	if Final(err) {
		log.ErrorContext(ctx, "article dropped", "kind", archive.KindOf(err).String(), "error", err)
		return true
	}
	log.WarnContext(ctx, "article to retry", "kind", archive.KindOf(err).String(), "error", err)
	return false
}

// Final reports whether err is one that retrying cannot mend: the input is
// invalid, too large or gone.
func Final(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	switch archive.KindOf(err) {
	case archive.Invalid, archive.TooLarge, archive.NotFound:
		return true
	}
	return false
}
