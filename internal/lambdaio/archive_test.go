package lambdaio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/metrics"
)

// s3Body is an S3 notification for the given keys, encoded as S3 does.
func s3Body(bucket string, keys ...string) string {
	var recs []string
	for _, k := range keys {
		recs = append(recs, `{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","eventTime":"2026-11-27T04:00:00.000Z","s3":{"bucket":{"name":"`+bucket+`"},"object":{"key":"`+EncodeKey(k)+`"}}}`)
	}
	return `{"Records":[` + strings.Join(recs, ",") + `]}`
}

func sqsEvent(bodies ...string) json.RawMessage {
	var ev events.SQSEvent
	for i, b := range bodies {
		ev.Records = append(ev.Records, events.SQSMessage{MessageId: string(rune('a' + i)), Body: b, EventSource: "aws:sqs"})
	}
	raw, _ := json.Marshal(ev)
	return raw
}

// recorder is an Archiver that remembers what it was asked and fails as
// told, keyed by object key.
type recorder struct {
	mu    sync.Mutex
	seen  []string
	fails map[string]error
}

func (r *recorder) ArchiveObject(ctx context.Context, obj Object) (Archived, error) {
	r.mu.Lock()
	r.seen = append(r.seen, obj.Key)
	r.mu.Unlock()
	if err := r.fails[obj.Key]; err != nil {
		return Archived{}, err
	}
	return Archived{Posts: 2, Fetches: map[archive.Status]int{archive.StatusLive: 1, archive.StatusDeleted: 1}}, nil
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestArchiveHandlerSQS(t *testing.T) {
	testEvent := `{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"articles"}`
	tests := []struct {
		name        string
		bodies      []string
		fails       map[string]error
		wantFailed  []string // message ids
		wantSeen    []string
		wantMetrics map[string]float64
	}{
		{
			name:        "test event among uploads",
			bodies:      []string{s3Body("articles", "articles/one é.html"), testEvent, s3Body("articles", "articles/two+three.html")},
			wantSeen:    []string{"articles/one é.html", "articles/two+three.html"},
			wantFailed:  nil,
			wantMetrics: map[string]float64{metrics.ArticlesProcessed: 2, metrics.PostsArchived: 4},
		},
		{
			name:   "retryable failure reports only its message",
			bodies: []string{s3Body("articles", "a.html"), s3Body("articles", "b.html"), s3Body("articles", "c.html")},
			fails: map[string]error{
				"b.html": archive.E("dynamo.put", archive.Throttled, errors.New("slow down")),
				"c.html": archive.E("extract", archive.Invalid, errors.New("binary")),
			},
			wantSeen:    []string{"a.html", "b.html", "c.html"},
			wantFailed:  []string{"b"},
			wantMetrics: map[string]float64{metrics.ArticlesProcessed: 1, metrics.ArticlesFailed: 2},
		},
		{
			name:        "malformed message is dropped, not retried",
			bodies:      []string{"not json", s3Body("articles", "a.html")},
			wantSeen:    []string{"a.html"},
			wantMetrics: map[string]float64{metrics.ArticlesProcessed: 1, metrics.ArticlesFailed: 1},
		},
		{
			name:       "a message with two records fails if either does",
			bodies:     []string{s3Body("articles", "x.html", "y.html")},
			fails:      map[string]error{"y.html": context.DeadlineExceeded},
			wantSeen:   []string{"x.html", "y.html"},
			wantFailed: []string{"a"},
		},
	}
	for _, tt := range tests {
		for _, parallel := range []int{1, 3} {
			t.Run(tt.name, func(t *testing.T) {
				rec := &recorder{fails: tt.fails}
				var out bytes.Buffer
				h := &ArchiveHandler{Archiver: rec, Log: quiet(), Metrics: metrics.New(&out, "archive"), Parallel: parallel}
				resp, err := h.Invoke(context.Background(), sqsEvent(tt.bodies...))
				if err != nil {
					t.Fatal(err)
				}
				var failed []string
				for _, f := range resp.BatchItemFailures {
					failed = append(failed, f.ItemIdentifier)
				}
				slices.Sort(failed)
				if !slices.Equal(failed, tt.wantFailed) {
					t.Errorf("failures = %v, want %v", failed, tt.wantFailed)
				}
				slices.Sort(rec.seen)
				if !slices.Equal(rec.seen, tt.wantSeen) {
					t.Errorf("archived %q, want %q", rec.seen, tt.wantSeen)
				}
				got := map[string]float64{}
				for line := range strings.Lines(out.String()) {
					var doc map[string]any
					if err := json.Unmarshal([]byte(line), &doc); err != nil {
						t.Fatal(err)
					}
					for k, v := range doc {
						if f, ok := v.(float64); ok && k != metrics.FetchOutcomes {
							got[k] += f
						}
					}
				}
				for k, want := range tt.wantMetrics {
					if got[k] != want {
						t.Errorf("metric %s = %v, want %v (all: %v)", k, got[k], want, got)
					}
				}
			})
		}
	}
}

func TestArchiveHandlerS3Direct(t *testing.T) {
	rec := &recorder{fails: map[string]error{"bad.html": archive.E("s3.get", archive.Unavailable, errors.New("reset"))}}
	h := &ArchiveHandler{Archiver: rec, Log: quiet()}
	resp, err := h.Invoke(context.Background(), json.RawMessage(s3Body("articles", "ok.html")))
	if err != nil || resp != nil {
		t.Fatalf("ok upload: resp %v, err %v", resp, err)
	}
	_, err = h.Invoke(context.Background(), json.RawMessage(s3Body("articles", "ok.html", "bad.html")))
	if err == nil || !strings.Contains(err.Error(), "s3://articles/bad.html") {
		t.Fatalf("want an error naming the object to retry, got %v", err)
	}
	if strings.Contains(err.Error(), "reset") {
		t.Errorf("error leaks the cause: %v", err)
	}
}

// TestArchiveHandlerDeadline checks that the handler gives each object its
// share of the invocation's time and starts none it cannot finish.
func TestArchiveHandlerDeadline(t *testing.T) {
	var deadlines []time.Duration
	slow := ArchiverFunc(func(ctx context.Context, obj Object) (Archived, error) {
		d, _ := ctx.Deadline()
		deadlines = append(deadlines, time.Until(d))
		<-ctx.Done()
		return Archived{}, archive.E("fetch", archive.Unavailable, ctx.Err())
	})
	h := &ArchiveHandler{Archiver: slow, Log: quiet(), Budget: Budget{PerItem: 150 * time.Millisecond, Reserve: 100 * time.Millisecond, MinStart: 100 * time.Millisecond}}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	resp, err := h.Invoke(ctx, sqsEvent(s3Body("b", "1"), s3Body("b", "2"), s3Body("b", "3"), s3Body("b", "4"), s3Body("b", "5")))
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took >= 500*time.Millisecond {
		t.Errorf("handler ran %v, into the invocation's deadline", took)
	}
	if len(resp.BatchItemFailures) != 5 {
		t.Errorf("%d failures, want all 5 (timed out or not started)", len(resp.BatchItemFailures))
	}
	if len(deadlines) < 1 || len(deadlines) > 3 {
		t.Errorf("started %d objects, want at most 3 in 400ms at 150ms each", len(deadlines))
	}
	for i, d := range deadlines {
		if d > 150*time.Millisecond {
			t.Errorf("object %d got %v, more than its 150ms share", i, d)
		}
	}
}

func TestBudgetStart(t *testing.T) {
	b := Budget{PerItem: time.Hour, Reserve: time.Second, MinStart: time.Second}
	tests := []struct {
		name      string
		timeout   time.Duration // 0: no deadline
		wantStart bool
		wantMax   time.Duration
	}{
		{"no deadline: per item cap", 0, true, time.Hour},
		{"deadline less reserve", 10 * time.Second, true, 9 * time.Second},
		{"too little left", 1500 * time.Millisecond, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			ictx, cancel, ok := b.Start(ctx)
			defer cancel()
			if ok != tt.wantStart {
				t.Fatalf("start = %v, want %v", ok, tt.wantStart)
			}
			if !ok {
				return
			}
			d, has := ictx.Deadline()
			if !has || time.Until(d) > tt.wantMax || time.Until(d) < tt.wantMax-time.Second {
				t.Errorf("deadline in %v, want about %v", time.Until(d), tt.wantMax)
			}
		})
	}
}

// BenchmarkArchiveBatch measures a batch of ten messages whose archiving
// waits on I/O (5ms each), worked on one at a time (the baseline) and four
// at a time (the template's ARCHIVE_PARALLEL).
func BenchmarkArchiveBatch(b *testing.B) {
	var bodies []string
	for i := range 10 {
		bodies = append(bodies, s3Body("articles", fmt.Sprintf("a%d.html", i)))
	}
	ev := sqsEvent(bodies...)
	io := ArchiverFunc(func(ctx context.Context, obj Object) (Archived, error) {
		time.Sleep(5 * time.Millisecond)
		return Archived{Posts: 1}, nil
	})
	for _, parallel := range []int{1, 4} {
		b.Run(fmt.Sprintf("parallel=%d", parallel), func(b *testing.B) {
			h := &ArchiveHandler{Archiver: io, Log: quiet(), Parallel: parallel}
			for b.Loop() {
				resp, err := h.Invoke(context.Background(), ev)
				if err != nil || len(resp.BatchItemFailures) > 0 {
					b.Fatal(resp, err)
				}
			}
		})
	}
}
