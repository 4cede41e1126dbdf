package metrics

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Namespace is the CloudWatch namespace every embedarchive metric lives in.
const Namespace = "embedarchive"

// Metric names.
const (
	// ArticlesProcessed counts articles an invocation finished with,
	// whatever their status.
	ArticlesProcessed = "ArticlesProcessed"
	// ArticlesFailed counts articles that failed and will be retried, or
	// were dropped as unreadable.
	ArticlesFailed = "ArticlesFailed"
	// PostsArchived counts posts captured and stored.
	PostsArchived = "PostsArchived"
	// PostsRechecked counts posts a recheck fetched again.
	PostsRechecked = "PostsRechecked"
	// FetchOutcomes counts fetched posts by the Status dimension (live,
	// deleted, unavailable, blocked, error): for ArchiveFunction the status
	// each post's record holds after the fetch (a transient failure does
	// not overwrite a settled status), for RecheckFunction each capture's.
	FetchOutcomes = "FetchOutcomes"
)

// Recorder adds up counts during an invocation; Flush writes them as EMF
// documents and starts again from zero. It is safe for concurrent use.
type Recorder struct {
	w        io.Writer
	function string
	now      func() time.Time

	mu      sync.Mutex
	counts  map[string]float64
	fetches map[archive.Status]float64
}

// New returns a Recorder that writes to w (a function's stdout) with the
// dimension Function=function.
func New(w io.Writer, function string) *Recorder {
	return &Recorder{w: w, function: function, now: time.Now,
		counts: map[string]float64{}, fetches: map[archive.Status]float64{}}
}

// Add adds n to the count named name. A nil Recorder ignores it.
func (r *Recorder) Add(name string, n int) {
	if r == nil || n == 0 {
		return
	}
	r.mu.Lock()
	r.counts[name] += float64(n)
	r.mu.Unlock()
}

// AddFetch adds n fetches that ended with status.
func (r *Recorder) AddFetch(status archive.Status, n int) {
	if r == nil || n == 0 {
		return
	}
	r.mu.Lock()
	r.fetches[status] += float64(n)
	r.mu.Unlock()
}

// Flush writes one EMF document for the plain counts and one per fetch
// status, one JSON object per line, then resets the counts. It writes
// nothing when nothing was counted.
func (r *Recorder) Flush() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	counts, fetches := r.counts, r.fetches
	r.counts, r.fetches = map[string]float64{}, map[archive.Status]float64{}
	r.mu.Unlock()

	ts := r.now().UnixMilli()
	var docs []map[string]any
	if len(counts) > 0 {
		doc := document(ts, []string{"Function"}, slices.Sorted(maps.Keys(counts)))
		doc["Function"] = r.function
		for name, v := range counts {
			doc[name] = v
		}
		docs = append(docs, doc)
	}
	for _, status := range slices.Sorted(maps.Keys(fetches)) {
		doc := document(ts, []string{"Function", "Status"}, []string{FetchOutcomes})
		doc["Function"] = r.function
		doc["Status"] = string(status)
		doc[FetchOutcomes] = fetches[status]
		docs = append(docs, doc)
	}
	for _, doc := range docs {
		line, err := json.Marshal(doc)
		if err != nil {
			return fmt.Errorf("metrics: encode: %w", err)
		}
		if _, err := r.w.Write(append(line, '\n')); err != nil {
			return fmt.Errorf("metrics: write: %w", err)
		}
	}
	return nil
}

// document builds the _aws metadata of an EMF document that declares names
// as Count metrics over one dimension set.
func document(ts int64, dims []string, names []string) map[string]any {
	metrics := make([]map[string]string, len(names))
	for i, n := range names {
		metrics[i] = map[string]string{"Name": n, "Unit": "Count"}
	}
	return map[string]any{
		"_aws": map[string]any{
			"Timestamp": ts,
			"CloudWatchMetrics": []map[string]any{{
				"Namespace":  Namespace,
				"Dimensions": [][]string{dims},
				"Metrics":    metrics,
			}},
		},
	}
}
