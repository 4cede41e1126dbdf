package fetch

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// gowarcMu serialises building records: gowarc v3.1.0's NewRecordBuilder
// calls uuid.EnableRandPool, which writes a package global that record IDs
// read, a data race when records are built concurrently.
var gowarcMu sync.Mutex

// WARCWriter writes every HTTP exchange of a Fetcher as WARC/1.1 records
// (ISO 28500): a request and a response record per exchange, a metadata
// record for a request that got no response. Safe for concurrent use.
type WARCWriter struct {
	mu   sync.Mutex
	w    io.Writer
	gz   bool
	m    gowarc.Marshaler
	err  error
	n    int
	opts []gowarc.WarcRecordOption
	// limit, when positive, bounds the bytes written; written counts them
	// and dropped counts the records left out past the bound.
	limit   int64
	written int64
	dropped int
}

// NewWARCWriter starts a WARC stream on w with a warcinfo record. With gz,
// each record is its own gzip member, as .warc.gz files are.
func NewWARCWriter(w io.Writer, gz bool) (*WARCWriter, error) {
	gowarcMu.Lock()
	defer gowarcMu.Unlock()
	ww := &WARCWriter{
		w: w, gz: gz, m: gowarc.NewMarshaler(),
		opts: []gowarc.WarcRecordOption{
			gowarc.WithAddMissingDigest(true),
			gowarc.WithAddMissingRecordId(true),
			gowarc.WithAddMissingContentLength(true),
		},
	}
	b := gowarc.NewRecordBuilder(gowarc.Warcinfo, ww.opts...)
	b.AddWarcHeaderTime(gowarc.WarcDate, time.Now().UTC())
	b.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
	if _, err := b.WriteString("software: embedarchive fetch\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"); err != nil {
		return nil, fmt.Errorf("fetch: warcinfo: %w", err)
	}
	if err := ww.write(b); err != nil {
		return nil, err
	}
	return ww, nil
}

// Records returns how many records were written.
func (w *WARCWriter) Records() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// Err returns the first write error, if any.
func (w *WARCWriter) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *WARCWriter) write(b gowarc.WarcRecordBuilder) error {
	rec, _, err := b.Build()
	if err != nil {
		return fmt.Errorf("fetch: warc record: %w", err)
	}
	return w.writeRecords(rec)
}

// writeRecords writes records one after another, with nothing between
// them, and closes them. Under a limit, the records are written all or
// none: those that would pass it are dropped and counted.
func (w *WARCWriter) writeRecords(recs ...gowarc.WarcRecord) error {
	return w.writeRecordsCapped(true, recs...)
}

func (w *WARCWriter) writeRecordsCapped(capped bool, recs ...gowarc.WarcRecord) error {
	defer func() {
		for _, r := range recs {
			_ = r.Close()
		}
	}()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	var buf bytes.Buffer
	for _, rec := range recs {
		var out io.Writer = &buf
		var zw *gzip.Writer
		if w.gz {
			zw = gzip.NewWriter(&buf)
			out = zw
		}
		if _, _, err := w.m.Marshal(out, rec, 0); err != nil {
			w.err = fmt.Errorf("fetch: warc write: %w", err)
			return w.err
		}
		if zw != nil {
			if err := zw.Close(); err != nil {
				w.err = fmt.Errorf("fetch: warc gzip: %w", err)
				return w.err
			}
		}
	}
	if capped && w.limit > 0 && w.written+int64(buf.Len()) > w.limit {
		w.dropped += len(recs)
		return nil
	}
	n, err := w.w.Write(buf.Bytes())
	w.written += int64(n)
	if err != nil {
		w.err = fmt.Errorf("fetch: warc write: %w", err)
		return w.err
	}
	w.n += len(recs)
	return nil
}

// Dropped returns how many records were left out past the size bound.
func (w *WARCWriter) Dropped() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.dropped
}

// noteTruncation ends a bounded WARC that left records out with a
// metadata record saying how many, written past the bound (it is small).
func (w *WARCWriter) noteTruncation() error {
	dropped := w.Dropped()
	if dropped == 0 {
		return nil
	}
	gowarcMu.Lock()
	defer gowarcMu.Unlock()
	b := gowarc.NewRecordBuilder(gowarc.Metadata, w.opts...)
	b.AddWarcHeader(gowarc.WarcTargetURI, "urn:embedarchive:warc-truncated")
	b.AddWarcHeaderTime(gowarc.WarcDate, time.Now().UTC())
	b.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
	if _, err := fmt.Fprintf(b, "warc-truncated: %d records left out past the %d-byte bound\r\n", dropped, w.limit); err != nil {
		return fmt.Errorf("fetch: warc truncation record: %w", err)
	}
	rec, _, err := b.Build()
	if err != nil {
		return fmt.Errorf("fetch: warc truncation record: %w", err)
	}
	return w.writeRecordsCapped(false, rec)
}

// exchange records one request and its response (wire bytes as received,
// content-coding intact). Nil-safe; failures are logged, never returned:
// the WARC is a by-product, the snapshot is the result.
func (w *WARCWriter) exchange(req *http.Request, resp *http.Response, wire []byte, truncated bool, remote string, at time.Time) {
	if w == nil {
		return
	}
	gowarcMu.Lock()
	defer gowarcMu.Unlock()
	target := req.URL.String()
	reqB := gowarc.NewRecordBuilder(gowarc.Request, w.opts...)
	reqB.AddWarcHeader(gowarc.WarcTargetURI, target)
	reqB.AddWarcHeaderTime(gowarc.WarcDate, at)
	reqB.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
	var rb strings.Builder
	fmt.Fprintf(&rb, "GET %s HTTP/1.1\r\nHost: %s\r\n", req.URL.RequestURI(), req.URL.Host)
	writeHeaders(&rb, req.Header)
	rb.WriteString("\r\n")
	if _, err := reqB.WriteString(rb.String()); err != nil {
		slog.Warn("warc request record", "url", target, "err", err)
		return
	}

	reqRec, _, err := reqB.Build()
	if err != nil {
		slog.Warn("warc request record", "url", target, "err", err)
		return
	}

	respB := gowarc.NewRecordBuilder(gowarc.Response, w.opts...)
	respB.AddWarcHeader(gowarc.WarcConcurrentTo, reqRec.WarcHeader().Get(gowarc.WarcRecordID))
	respB.AddWarcHeader(gowarc.WarcTargetURI, target)
	respB.AddWarcHeaderTime(gowarc.WarcDate, at)
	respB.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	if host, _, err := net.SplitHostPort(remote); err == nil {
		respB.AddWarcHeader(gowarc.WarcIPAddress, host)
	}
	if truncated {
		respB.AddWarcHeader(gowarc.WarcTruncated, "length")
	}
	var hb strings.Builder
	fmt.Fprintf(&hb, "HTTP/1.1 %s\r\n", resp.Status)
	writeHeaders(&hb, resp.Header)
	hb.WriteString("\r\n")
	_, err = respB.WriteString(hb.String())
	if err == nil {
		_, err = respB.Write(wire)
	}
	var respRec gowarc.WarcRecord
	if err == nil {
		respRec, _, err = respB.Build()
	}
	if err != nil {
		_ = reqRec.Close()
		slog.Warn("warc response record", "url", target, "err", err)
		return
	}
	if err := w.writeRecords(reqRec, respRec); err != nil {
		slog.Warn("warc write", "url", target, "err", err)
	}
}

// failure records a request that got no response (refused by the policy,
// timed out, connection failed) as a metadata record.
func (w *WARCWriter) failure(target string, at time.Time, cause error) {
	if w == nil {
		return
	}
	gowarcMu.Lock()
	defer gowarcMu.Unlock()
	b := gowarc.NewRecordBuilder(gowarc.Metadata, w.opts...)
	b.AddWarcHeader(gowarc.WarcTargetURI, target)
	b.AddWarcHeaderTime(gowarc.WarcDate, at)
	b.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
	reason := strings.ReplaceAll(cause.Error(), "\n", " ")
	if _, err := b.WriteString("fetch-error: " + reason + "\r\n"); err != nil {
		return
	}
	if err := w.write(b); err != nil {
		slog.Warn("warc write", "url", target, "err", err)
	}
}

func writeHeaders(sb *strings.Builder, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			if k == "Authorization" || k == "Cookie" || k == "Set-Cookie" {
				v = "[redacted]"
			}
			fmt.Fprintf(sb, "%s: %s\r\n", k, strings.NewReplacer("\r", " ", "\n", " ").Replace(v))
		}
	}
}
