package metrics

import (
	"bufio"
	"bytes"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// emfDoc is the part of an EMF document CloudWatch reads.
type emfDoc struct {
	AWS struct {
		Timestamp         int64 `json:"Timestamp"`
		CloudWatchMetrics []struct {
			Namespace  string     `json:"Namespace"`
			Dimensions [][]string `json:"Dimensions"`
			Metrics    []struct {
				Name string `json:"Name"`
				Unit string `json:"Unit"`
			} `json:"Metrics"`
		} `json:"CloudWatchMetrics"`
	} `json:"_aws"`
}

// decode parses each line as an EMF document, checks what CloudWatch
// requires of it (every dimension and metric it declares is a member of
// the root) and returns the root members.
func decode(t *testing.T, out []byte) []map[string]any {
	t.Helper()
	var roots []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var doc emfDoc
		var root map[string]any
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if err := json.Unmarshal(sc.Bytes(), &root); err != nil {
			t.Fatal(err)
		}
		if doc.AWS.Timestamp == 0 || len(doc.AWS.CloudWatchMetrics) != 1 {
			t.Fatalf("bad _aws metadata in %s", sc.Text())
		}
		d := doc.AWS.CloudWatchMetrics[0]
		if d.Namespace != Namespace {
			t.Errorf("namespace %q", d.Namespace)
		}
		for _, set := range d.Dimensions {
			for _, dim := range set {
				if _, ok := root[dim].(string); !ok {
					t.Errorf("dimension %s is not a string member of %s", dim, sc.Text())
				}
			}
		}
		for _, m := range d.Metrics {
			if _, ok := root[m.Name].(float64); !ok {
				t.Errorf("metric %s is not a number member of %s", m.Name, sc.Text())
			}
			if m.Unit != "Count" {
				t.Errorf("metric %s unit %q", m.Name, m.Unit)
			}
		}
		roots = append(roots, root)
	}
	return roots
}

func TestFlush(t *testing.T) {
	var buf bytes.Buffer
	r := New(&buf, "archive")
	r.now = func() time.Time { return time.Unix(1764200000, 0) }
	r.Add(ArticlesProcessed, 2)
	r.Add(ArticlesProcessed, 1)
	r.Add(PostsArchived, 7)
	r.Add(ArticlesFailed, 0) // zero counts are not reported
	r.AddFetch(archive.StatusLive, 5)
	r.AddFetch(archive.StatusDeleted, 1)
	r.AddFetch(archive.StatusLive, 1)
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	docs := decode(t, buf.Bytes())
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want 3:\n%s", len(docs), buf.String())
	}
	tests := []struct {
		name   string
		doc    map[string]any
		member string
		want   float64
	}{
		{"articles", docs[0], ArticlesProcessed, 3},
		{"posts", docs[0], PostsArchived, 7},
		{"deleted fetches", docs[1], FetchOutcomes, 1},
		{"live fetches", docs[2], FetchOutcomes, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.doc[tt.member]; got != tt.want {
				t.Errorf("%s = %v, want %v", tt.member, got, tt.want)
			}
			if tt.doc["Function"] != "archive" {
				t.Errorf("Function = %v", tt.doc["Function"])
			}
		})
	}
	if _, ok := docs[0][ArticlesFailed]; ok {
		t.Error("zero count reported")
	}
	if docs[1]["Status"] != "deleted" || docs[2]["Status"] != "live" {
		t.Errorf("statuses %v, %v", docs[1]["Status"], docs[2]["Status"])
	}

	buf.Reset()
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("second flush wrote %q; counts were not reset", buf.String())
	}
}

func TestConcurrentAdds(t *testing.T) {
	var buf bytes.Buffer
	r := New(&buf, "recheck")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				r.Add(PostsRechecked, 1)
				r.AddFetch(archive.StatusError, 1)
			}
		})
	}
	wg.Wait()
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	docs := decode(t, buf.Bytes())
	if len(docs) != 2 || docs[0][PostsRechecked] != 800.0 || docs[1][FetchOutcomes] != 800.0 {
		t.Errorf("got %s", buf.String())
	}
}

func TestNilRecorder(t *testing.T) {
	var r *Recorder
	r.Add(ArticlesProcessed, 1)
	r.AddFetch(archive.StatusLive, 1)
	if err := r.Flush(); err != nil {
		t.Error(err)
	}
}
