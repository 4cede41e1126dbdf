package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/sharedtest"
)

// corpusDir is ../shared/corpus/oembed; the test skips when it is absent.
func corpusDir(t testing.TB) string {
	t.Helper()
	return sharedtest.Dir(t, "corpus", "oembed")
}

// readCorpus reads one corpus file in place.
func readCorpus(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir(t), name))
	if err != nil {
		t.Fatalf("corpus %s: %v", name, err)
	}
	return b
}

// readCorpusOr reads a corpus file when ../shared is there, else a
// hand-written stand-in from testdata, so that the safety tests run on a
// fresh clone too.
func readCorpusOr(t testing.TB, name, fallback string) []byte {
	t.Helper()
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "oembed", name)); err == nil {
		return b
	}
	t.Logf("../shared/corpus/oembed/%s absent: using testdata/%s", name, fallback)
	b, err := os.ReadFile(filepath.Join("testdata", fallback))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serveFile answers with a corpus file and a content type.
func serveFile(t testing.TB, name, ctype string) http.HandlerFunc {
	body := readCorpus(t, name)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		_, _ = w.Write(body)
	}
}

// startServer starts an httptest server on addr ("127.0.0.1:0" or another
// loopback address) and stops it when the test ends.
func startServer(t testing.TB, addr string, h http.Handler) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen %s: %v", addr, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// countingListener accepts and counts connections on 127.0.0.1, and closes
// them at once. A blocked address must see zero.
type countingListener struct {
	ln    net.Listener
	count atomic.Int64
	wg    sync.WaitGroup
}

func newCountingListener(t testing.TB) *countingListener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &countingListener{ln: ln}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			c.count.Add(1)
			conn.Close()
		}
	}()
	t.Cleanup(func() { ln.Close(); c.wg.Wait() })
	return c
}

func (c *countingListener) port() int { return c.ln.Addr().(*net.TCPAddr).Port }

// providersFile writes a providers.json mapping URL schemes to endpoints.
func providersFile(t testing.TB, entries map[string]string) string {
	t.Helper()
	type ep struct {
		Schemes []string `json:"schemes"`
		URL     string   `json:"url"`
	}
	type prov struct {
		Name      string `json:"provider_name"`
		URL       string `json:"provider_url"`
		Endpoints []ep   `json:"endpoints"`
	}
	var ps []prov
	for scheme, url := range entries {
		ps = append(ps, prov{Name: "test " + scheme, URL: url, Endpoints: []ep{{Schemes: []string{scheme}, URL: url}}})
	}
	b, err := json.MarshalIndent(ps, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "providers.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// mapResolver answers some names from a table and the rest from the
// system resolver, the hook a test uses to make a name resolve privately.
type mapResolver map[string][]netip.Addr

func (m mapResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	if a, ok := m[strings.ToLower(host)]; ok {
		return a, nil
	}
	return net.DefaultResolver.LookupNetIP(ctx, network, host)
}

// gzipZeros is a gzip stream of n zero bytes.
func gzipZeros(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, len(chunk))
		if _, err := zw.Write(chunk[:k]); err != nil {
			t.Fatal(err)
		}
		n -= k
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hang blocks until the client goes away or the test's server closes.
func hang(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(30 * time.Second):
	}
}

// drip sends a byte every 50 ms, forever.
func drip(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	w.Header().Set("Content-Length", "100000")
	w.WriteHeader(http.StatusOK)
	fl, _ := w.(http.Flusher)
	for i := 0; i < 100000; i++ {
		if _, err := w.Write([]byte("a")); err != nil {
			return
		}
		if fl != nil {
			fl.Flush()
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// bigBody sends size bytes: head, then padding.
func bigBody(ctype string, head []byte, size int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Length", fmt.Sprint(size))
		if _, err := w.Write(head); err != nil {
			return
		}
		pad := bytes.Repeat([]byte(" "), 64<<10)
		for n := len(head); n < size; n += len(pad) {
			if _, err := w.Write(pad[:min(len(pad), size-n)]); err != nil {
				return
			}
		}
	}
}
