package fetch

import (
	"bytes"
	"context"
	"io"
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
