package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe to write from the server goroutine
// while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServe archives the sample article offline with the archive command,
// then serves the store and asks the API and the viewer about it.
func TestServe(t *testing.T) {
	t.Setenv("ARCHIVE_TABLE", "")
	t.Setenv("SNAPSHOT_BUCKET", "")
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	sample, err := filepath.Abs(filepath.Join("..", "..", "examples", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := runArchive(context.Background(), []string{"--offline", "--quiet", "--db", db, sample}, &out, &errOut); err != nil {
		t.Fatalf("archive: %v\n%s", err, errOut.String())
	}
	articleID := "file://" + filepath.ToSlash(sample)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	errc := make(chan error, 1)
	go func() {
		errc <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--db", db}, &stdout, &stderr)
	}()
	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == ""; {
		select {
		case err := <-errc:
			t.Fatalf("serve ended early: %v\n%s", err, stderr.String())
		default:
		}
		base = urlRE.FindString(stdout.String())
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no address: %q", stdout.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"healthz", 200, `{"status":"ok"}`},
		{"api/articles", 200, `"id":"` + articleID + `"`},
		{"api/articles?id=" + url.QueryEscape(articleID), 200, `"quotes":[{`},
		{"article?id=" + url.QueryEscape(articleID), 200, `<h2 id="embeds-h">Posts in this article`},
		{"api/posts?platform=twitter", 200, `"platform":"twitter"`},
		{"api/posts?key=twitter:1", 404, `"message":"not found"`},
		{"api/posts?url=https%3A%2F%2Fexample.com%2F", 400, `"status":400`},
		{"", 200, `<h2 id="recent-h">Recently archived articles</h2>`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := http.Get(base + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.body) {
				t.Errorf("GET /%s = %d %s, want %d with %s", tt.path, resp.StatusCode, b, tt.status, tt.body)
			}
			if strings.HasPrefix(tt.path, "api/") && !json.Valid(b) {
				t.Errorf("not JSON: %s", b)
			}
		})
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("serve after interrupt: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on interrupt")
	}
}
