package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
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

func TestServe(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	errc := make(chan error, 1)
	go func() {
		errc <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "archive.db")}, &stdout, &stderr)
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
		{"api/articles", 200, `{"articles":[]}`},
		{"api/posts?key=twitter:1", 404, `"message":"not found"`},
		{"api/posts?url=https%3A%2F%2Fexample.com%2F", 400, `"status":400`},
		{"", 200, "<h1>Search the archive</h1>"},
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
