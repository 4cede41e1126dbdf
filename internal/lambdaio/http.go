package lambdaio

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// maxResponse is what a Lambda response may carry (6 MB), less room for
// the envelope and base64's growth.
const maxResponse = 4 << 20

// HTTPHandler serves API Gateway HTTP API (payload format 2.0) requests with
// an http.Handler.
type HTTPHandler struct {
	Handler http.Handler
	Log     *slog.Logger
}

// Invoke is the Lambda handler. It answers every request itself (a 5xx
// rather than a Lambda error), so internal error text never reaches a
// client.
func (h *HTTPHandler) Invoke(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	req, err := NewRequest(ctx, ev)
	if err != nil {
		h.Log.WarnContext(ctx, "bad request", "error", err)
		return plain(http.StatusBadRequest), nil
	}
	w := newResponseWriter()
	if err := h.serve(w, req); err != nil {
		h.Log.ErrorContext(ctx, "handler panicked", "path", req.URL.Path, "error", err)
		return plain(http.StatusInternalServerError), nil
	}
	if w.body.Len() > maxResponse {
		h.Log.ErrorContext(ctx, "response too large", "path", req.URL.Path, "bytes", w.body.Len())
		return plain(http.StatusBadGateway), nil
	}
	return w.response(), nil
}

func (h *HTTPHandler) serve(w http.ResponseWriter, req *http.Request) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	h.Handler.ServeHTTP(w, req)
	return nil
}

// NewRequest builds the net/http request an HTTP API event describes.
func NewRequest(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (*http.Request, error) {
	method := ev.RequestContext.HTTP.Method
	if method == "" {
		return nil, fmt.Errorf("lambdaio: request has no method")
	}
	path := ev.RawPath
	if path == "" {
		path = ev.RequestContext.HTTP.Path
	}
	u := &url.URL{Path: path, RawQuery: ev.RawQueryString}
	if p, err := url.PathUnescape(path); err == nil && p != path {
		u.Path, u.RawPath = p, path
	}
	body := []byte(ev.Body)
	if ev.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(ev.Body)
		if err != nil {
			return nil, fmt.Errorf("lambdaio: request body: %w", err)
		}
		body = b
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("lambdaio: request: %w", err)
	}
	req.URL = u
	req.RequestURI = u.RequestURI()
	for k, v := range ev.Headers {
		// HTTP API joins repeated headers with commas.
		req.Header.Set(k, v)
	}
	if len(ev.Cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(ev.Cookies, "; "))
	}
	req.Host = ev.RequestContext.DomainName
	if h := req.Header.Get("Host"); h != "" {
		req.Host = h
	}
	if req.Host == "" {
		req.Host = "localhost"
	}
	req.RemoteAddr = ev.RequestContext.HTTP.SourceIP
	req.ContentLength = int64(len(body))
	req.Proto = ev.RequestContext.HTTP.Protocol
	if major, minor, ok := http.ParseHTTPVersion(req.Proto); ok {
		req.ProtoMajor, req.ProtoMinor = major, minor
	} else {
		req.Proto, req.ProtoMajor, req.ProtoMinor = "HTTP/1.1", 1, 1
	}
	return req, nil
}

// responseWriter collects what an http.Handler writes.
type responseWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newResponseWriter() *responseWriter { return &responseWriter{header: http.Header{}} }

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *responseWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	if w.header.Get("Content-Type") == "" {
		w.header.Set("Content-Type", http.DetectContentType(p))
	}
	return w.body.Write(p)
}

// response turns what was written into an HTTP API response: text bodies
// as they are, others base64-encoded; Set-Cookie headers as Cookies.
func (w *responseWriter) response() events.APIGatewayV2HTTPResponse {
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	resp := events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: map[string]string{}}
	for k, vs := range w.header {
		if k == "Set-Cookie" {
			resp.Cookies = append(resp.Cookies, vs...)
			continue
		}
		resp.Headers[k] = strings.Join(vs, ", ")
	}
	if isText(w.header.Get("Content-Type")) {
		resp.Body = w.body.String()
	} else if w.body.Len() > 0 {
		resp.Body = base64.StdEncoding.EncodeToString(w.body.Bytes())
		resp.IsBase64Encoded = true
	}
	return resp
}

// isText reports whether a body of this media type can travel as a JSON
// string unchanged.
func isText(contentType string) bool {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"),
		mt == "application/json", strings.HasSuffix(mt, "+json"),
		mt == "application/xml", strings.HasSuffix(mt, "+xml"),
		mt == "application/javascript", mt == "application/x-ndjson",
		mt == "image/svg+xml":
		return true
	}
	return false
}

// plain is a response that says only its status.
func plain(status int) events.APIGatewayV2HTTPResponse {
	return events.APIGatewayV2HTTPResponse{
		StatusCode: status,
		Headers:    map[string]string{"Content-Type": "application/json"},
		Body:       fmt.Sprintf(`{"error":%q}`, strings.ToLower(http.StatusText(status))),
	}
}
