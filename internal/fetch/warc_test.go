package fetch

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/nlnwa/gowarc/v3"
)

// TestWARCRecordsEveryExchange fetches two posts (one answered, one
// refused by the policy) through a WARCWriter and reads the stream back
// with gowarc's reader: warcinfo, then request/response pairs whose
// payloads are the bytes served, and a metadata record for the refusal.
func TestWARCRecordsEveryExchange(t *testing.T) {
	for _, gz := range []bool{false, true} {
		name := "plain"
		if gz {
			name = "gzip"
		}
		t.Run(name, func(t *testing.T) {
			page := []byte(`<html><head><meta property="og:description" content="hello from the page"><meta property="og:title" content="Someone (@someone)"></head></html>`)
			mux := http.NewServeMux()
			var ua atomic.Value
			mux.HandleFunc("/post/1", func(w http.ResponseWriter, r *http.Request) {
				ua.Store(r.Header.Get("User-Agent"))
				w.Header().Set("Content-Type", "text/html")
				_, _ = w.Write(page)
			})
			mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/post/1", http.StatusMovedPermanently)
			})
			srv := startServer(t, "127.0.0.1:0", mux)

			var buf bytes.Buffer
			ww, err := NewWARCWriter(&buf, gz)
			if err != nil {
				t.Fatal(err)
			}
			f, err := New(Options{
				AllowNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
				WARC:          ww, RequestTimeout: 2 * time.Second,
				Resolver: mapResolver{"private.test": {netip.MustParseAddr("10.0.0.1")}},
			})
			if err != nil {
				t.Fatal(err)
			}
			caps := f.Fetch(context.Background(), []archive.Embed{
				{PostRef: archive.PostRef{Platform: archive.LinkedIn, ID: "1", URL: srv.URL + "/moved"}},
				{PostRef: archive.PostRef{Platform: archive.LinkedIn, ID: "2", URL: "http://private.test/"}},
			})
			if caps[0].Status != archive.StatusLive || caps[1].Status != archive.StatusBlocked {
				t.Fatalf("statuses %s / %s, want live / blocked", caps[0].Status, caps[1].Status)
			}
			if err := ww.Err(); err != nil {
				t.Fatal(err)
			}
			if got, _ := ua.Load().(string); !strings.HasPrefix(got, "embedarchive/") {
				t.Errorf("User-Agent %q does not name the archiver", got)
			}

			r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(buf.Bytes()), 0, gowarc.WithStrictValidation())
			if err != nil {
				t.Fatal(err)
			}
			var types []string
			var payload []byte
			for rec, err := range r.Records() {
				if err != nil {
					t.Fatalf("reading back record %d: %v", len(types), err)
				}
				wr := rec.WarcRecord
				types = append(types, wr.Type().String()+" "+wr.WarcHeader().Get(gowarc.WarcTargetURI))
				if wr.Type() == gowarc.Response && strings.HasSuffix(wr.WarcHeader().Get(gowarc.WarcTargetURI), "/post/1") {
					hb, ok := wr.Block().(gowarc.HttpResponseBlock)
					if !ok {
						t.Fatalf("response block is %T", wr.Block())
					}
					pr, err := hb.PayloadBytes()
					if err != nil {
						t.Fatal(err)
					}
					payload, _ = io.ReadAll(pr)
					if ip := wr.WarcHeader().Get(gowarc.WarcIPAddress); ip != "127.0.0.1" {
						t.Errorf("WARC-IP-Address %q, want 127.0.0.1", ip)
					}
				}
				_ = rec.Close()
			}
			want := []string{
				"warcinfo ",
				"request " + srv.URL + "/moved", "response " + srv.URL + "/moved",
				"request " + srv.URL + "/post/1", "response " + srv.URL + "/post/1",
				"metadata http://private.test/",
			}
			// Posts are fetched in parallel: the metadata record may come
			// anywhere after warcinfo, but each request is followed by its
			// response.
			for i, ty := range types {
				if strings.HasPrefix(ty, "request ") && (i+1 >= len(types) || types[i+1] != "response "+strings.TrimPrefix(ty, "request ")) {
					t.Errorf("record %d %q is not followed by its response", i, ty)
				}
			}
			slices.Sort(types)
			slices.Sort(want)
			if strings.Join(types, "\n") != strings.Join(want, "\n") {
				t.Errorf("records:\n%s\nwant:\n%s", strings.Join(types, "\n"), strings.Join(want, "\n"))
			}
			if !bytes.Equal(payload, page) {
				t.Errorf("response payload %q, want the page served", payload)
			}
			if ww.Records() != len(want) {
				t.Errorf("Records() = %d, want %d", ww.Records(), len(want))
			}
		})
	}
}

// readWARC reads a WARC file back with gowarc's strict validation and
// returns each record as "type target-uri", and the text of metadata
// records.
func readWARC(t *testing.T, b []byte) (types []string, meta string) {
	t.Helper()
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(b), 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatalf("reading back record %d: %v", len(types), err)
		}
		wr := rec.WarcRecord
		types = append(types, wr.Type().String()+" "+wr.WarcHeader().Get(gowarc.WarcTargetURI))
		if wr.Type() == gowarc.Metadata {
			rd, err := wr.Block().RawBytes()
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(rd)
			meta += string(body)
		}
		_ = rec.Close()
	}
	return types, meta
}

// TestFetchWARC checks the per-call WARC: only this call's exchanges, read
// back strictly; bounded, with what was left out said in a final record;
// none when no request is made.
func TestFetchWARC(t *testing.T) {
	big := make([]byte, 64<<10) // random: gzip cannot shrink it under the bound
	_, _ = rand.NewChaCha8([32]byte{1}).Read(big)
	mux := http.NewServeMux()
	mux.HandleFunc("/post/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<html><head><meta property="og:description" content="post ` + r.URL.Path + `"></head></html>`))
	})
	mux.HandleFunc("/big/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write(big)
	})
	srv := startServer(t, "127.0.0.1:0", mux)
	newFetcher := func(t *testing.T, o Options) *Fetcher {
		o.AllowNetworks = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		o.RequestTimeout = 2 * time.Second
		if o.Sources == nil {
			o.Sources = []string{archive.SourcePage}
		}
		f, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	post := func(id, path string) archive.Embed {
		return archive.Embed{PostRef: archive.PostRef{Platform: archive.LinkedIn, ID: id, URL: srv.URL + path}}
	}

	t.Run("exchanges", func(t *testing.T) {
		f := newFetcher(t, Options{})
		caps, warc, err := f.FetchWARC(t.Context(), []archive.Embed{post("1", "/post/1"), post("2", "/post/2")})
		if err != nil || len(caps) != 2 || caps[0].Status != archive.StatusLive {
			t.Fatalf("FetchWARC: %d captures (%v), %v", len(caps), caps, err)
		}
		if len(warc) < 2 || warc[0] != 0x1f || warc[1] != 0x8b {
			t.Fatalf("WARC is not gzip: % x", warc[:min(len(warc), 4)])
		}
		types, _ := readWARC(t, warc)
		slices.Sort(types)
		want := []string{"request " + srv.URL + "/post/1", "request " + srv.URL + "/post/2",
			"response " + srv.URL + "/post/1", "response " + srv.URL + "/post/2", "warcinfo "}
		if !slices.Equal(types, want) {
			t.Errorf("records %q, want %q", types, want)
		}
	})
	t.Run("bounded", func(t *testing.T) {
		f := newFetcher(t, Options{MaxWARC: 4 << 10})
		_, warc, err := f.FetchWARC(t.Context(), []archive.Embed{post("1", "/post/1"), post("3", "/big/3")})
		if err != nil {
			t.Fatal(err)
		}
		types, meta := readWARC(t, warc)
		if slices.Contains(types, "response "+srv.URL+"/big/3") {
			t.Errorf("the response past the bound was kept: %q", types)
		}
		if !slices.Contains(types, "response "+srv.URL+"/post/1") {
			t.Errorf("the response within the bound was left out: %q", types)
		}
		if !strings.Contains(meta, "warc-truncated: 2 records left out") {
			t.Errorf("truncation not recorded; metadata %q, records %q", meta, types)
		}
		if len(warc) > 4<<10+2<<10 {
			t.Errorf("bounded WARC is %d bytes", len(warc))
		}
	})
	t.Run("no request", func(t *testing.T) {
		f := newFetcher(t, Options{Sources: []string{}})
		caps, warc, err := f.FetchWARC(t.Context(), []archive.Embed{post("1", "/post/1")})
		if err != nil || len(caps) != 1 || warc != nil {
			t.Errorf("offline FetchWARC: %d captures, %d WARC bytes, %v; want 1, none, nil", len(caps), len(warc), err)
		}
	})
}
