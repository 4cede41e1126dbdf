package fetch

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// latencyHosts starts three stand-in hosts (a.test, b.test, c.test, all on
// 127.0.0.1) that answer a post page after delay, and returns ten posts
// spread over them and a resolver for the names.
func latencyHosts(tb testing.TB, delay time.Duration) ([]archive.Embed, Resolver) {
	tb.Helper()
	page := []byte(`<html lang="en"><head><meta property="og:title" content="Someone (@someone)"><meta property="og:description" content="a post"></head><body></body></html>`)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(delay)
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write(page)
	})
	res := mapResolver{}
	var ports []int
	for _, name := range []string{"a.test", "b.test", "c.test"} {
		srv := startServer(tb, "127.0.0.1:0", h)
		res[name] = []netip.Addr{netip.MustParseAddr("127.0.0.1")}
		ports = append(ports, srv.Listener.Addr().(*net.TCPAddr).Port)
	}
	names := []string{"a.test", "b.test", "c.test"}
	var posts []archive.Embed
	for i := range 10 {
		u := fmt.Sprintf("http://%s:%d/post/%d", names[i%3], ports[i%3], i)
		posts = append(posts, archive.Embed{PostRef: archive.PostRef{Platform: archive.LinkedIn, ID: fmt.Sprint(i), URL: u}})
	}
	return posts, res
}

// timeFetch times one Fetch of posts with a fresh fetcher (fresh per-host
// rate limiters) at the given post concurrency.
func timeFetch(tb testing.TB, posts []archive.Embed, res Resolver, concurrency int) time.Duration {
	tb.Helper()
	f, err := New(Options{
		AllowNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")},
		Resolver:      res,
		Concurrency:   concurrency,
	})
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	caps := f.Fetch(context.Background(), posts)
	d := time.Since(start)
	for _, c := range caps {
		if c.Status != archive.StatusLive {
			tb.Fatalf("%s: %s (%s)", c.Post.URL, c.Status, describe(c.Snapshots))
		}
	}
	return d
}

// BenchmarkTenPostsThreeHosts: 10 posts on 3 hosts, 100 ms of latency
// each, fetched in parallel within the default per-host limits, against
// the same posts fetched one at a time in the same run.
func BenchmarkTenPostsThreeHosts(b *testing.B) {
	const delay = 100 * time.Millisecond
	posts, res := latencyHosts(b, delay)
	var par, seq time.Duration
	for b.Loop() {
		par += timeFetch(b, posts, res, 0)
		seq += timeFetch(b, posts, res, 1)
	}
	n := float64(b.N)
	b.ReportMetric(float64(par.Milliseconds())/n, "ms-parallel/op")
	b.ReportMetric(float64(seq.Milliseconds())/n, "ms-sequential/op")
	b.ReportMetric(float64(par)/float64(seq), "parallel/sequential")
	b.ReportMetric(float64(par)/float64(delay)/n, "latencies/op")
}

// TestParallelFetchTakesAboutOneLatency is the benchmark's claim as a test:
// ten posts on three hosts at 100 ms each take well under half the time of
// fetching them one by one, and under three latencies.
func TestParallelFetchTakesAboutOneLatency(t *testing.T) {
	const delay = 100 * time.Millisecond
	posts, res := latencyHosts(t, delay)
	par := timeFetch(t, posts, res, 0)
	seq := timeFetch(t, posts, res, 1)
	t.Logf("parallel %v, sequential %v, ratio %.2f", par, seq, float64(par)/float64(seq))
	if seq < 10*delay {
		t.Fatalf("sequential took %v, less than 10 latencies: the latency is not injected", seq)
	}
	if par > 4*delay || float64(par) > 0.5*float64(seq) {
		t.Errorf("parallel took %v (sequential %v); want about one latency", par, seq)
	}
}
