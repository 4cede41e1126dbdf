package lambdaio

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// echo answers with what it was asked, so a test sees the request the
// adapter built.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	switch r.URL.Path {
	case "/png":
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte{0x89, 'P', 'N', 'G', 0, 1, 2})
		return
	case "/panic":
		panic("secret internal detail")
	case "/cookie":
		http.SetCookie(w, &http.Cookie{Name: "a", Value: "1"})
		http.SetCookie(w, &http.Cookie{Name: "b", Value: "2"})
		w.WriteHeader(http.StatusNoContent)
		return
	case "/missing":
		http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Add("X-Multi", "1")
	w.Header().Add("X-Multi", "2")
	fmt.Fprintf(w, "%s %s|%s|q=%s|host=%s|remote=%s|cookie=%s|accept=%s|body=%s",
		r.Method, r.URL.Path, r.URL.EscapedPath(), r.URL.Query().Get("q"), r.Host, r.RemoteAddr,
		r.Header.Get("Cookie"), r.Header.Get("Accept"), body)
})

func request(method, rawPath, rawQuery string) events.APIGatewayV2HTTPRequest {
	var ev events.APIGatewayV2HTTPRequest
	ev.Version = "2.0"
	ev.RouteKey = "GET /{proxy+}"
	ev.RawPath = rawPath
	ev.RawQueryString = rawQuery
	ev.Headers = map[string]string{"accept": "application/json", "host": "abc.execute-api.us-east-1.amazonaws.com"}
	ev.RequestContext.HTTP.Method = method
	ev.RequestContext.HTTP.Path = rawPath
	ev.RequestContext.HTTP.Protocol = "HTTP/1.1"
	ev.RequestContext.HTTP.SourceIP = "192.0.2.7"
	ev.RequestContext.DomainName = "abc.execute-api.us-east-1.amazonaws.com"
	return ev
}

func TestHTTPHandler(t *testing.T) {
	h := &HTTPHandler{Handler: echo, Log: quiet()}
	withCookies := request("GET", "/api/articles", "q=caf%C3%A9+noir")
	withCookies.Cookies = []string{"s=1", "t=2"}
	post := request("POST", "/api/x", "")
	post.Body = base64.StdEncoding.EncodeToString([]byte("raw\x00bytes"))
	post.IsBase64Encoded = true
	tests := []struct {
		name       string
		ev         events.APIGatewayV2HTTPRequest
		wantStatus int
		wantBody   string // substring of the decoded body
		wantB64    bool
		check      func(t *testing.T, r events.APIGatewayV2HTTPResponse)
	}{
		{
			name: "query, cookies, host", ev: withCookies, wantStatus: 200,
			wantBody: "GET /api/articles|/api/articles|q=café noir|host=abc.execute-api.us-east-1.amazonaws.com|remote=192.0.2.7|cookie=s=1; t=2|accept=application/json|body=",
			check: func(t *testing.T, r events.APIGatewayV2HTTPResponse) {
				if r.Headers["X-Multi"] != "1, 2" {
					t.Errorf("X-Multi = %q", r.Headers["X-Multi"])
				}
			},
		},
		{
			name: "escaped path keeps its raw form", ev: request("GET", "/api/posts/https%3A%2F%2Fx.com%2Fa%2Fstatus%2F1", ""), wantStatus: 200,
			wantBody: "GET /api/posts/https://x.com/a/status/1|/api/posts/https%3A%2F%2Fx.com%2Fa%2Fstatus%2F1|",
		},
		{name: "base64 request body", ev: post, wantStatus: 200, wantBody: "POST /api/x|/api/x|q=|", check: func(t *testing.T, r events.APIGatewayV2HTTPResponse) {
			if !strings.HasSuffix(r.Body, "body=raw\x00bytes") {
				t.Errorf("body %q", r.Body)
			}
		}},
		{name: "binary response is base64", ev: request("GET", "/png", ""), wantStatus: 200, wantBody: "\x89PNG", wantB64: true},
		{name: "handler status passes", ev: request("GET", "/missing", ""), wantStatus: 404, wantBody: "not found"},
		{name: "cookies set", ev: request("GET", "/cookie", ""), wantStatus: 204, check: func(t *testing.T, r events.APIGatewayV2HTTPResponse) {
			if strings.Join(r.Cookies, " ") != "a=1 b=2" {
				t.Errorf("cookies %q", r.Cookies)
			}
		}},
		{name: "panic is a bare 500", ev: request("GET", "/panic", ""), wantStatus: 500, check: func(t *testing.T, r events.APIGatewayV2HTTPResponse) {
			if strings.Contains(r.Body, "secret") {
				t.Errorf("panic text reached the client: %q", r.Body)
			}
		}},
		{name: "no method is a 400", ev: events.APIGatewayV2HTTPRequest{RawPath: "/"}, wantStatus: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := h.Invoke(context.Background(), tt.ev)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d (body %q)", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			body := resp.Body
			if resp.IsBase64Encoded != tt.wantB64 {
				t.Errorf("base64 = %v, want %v", resp.IsBase64Encoded, tt.wantB64)
			}
			if resp.IsBase64Encoded {
				b, err := base64.StdEncoding.DecodeString(body)
				if err != nil {
					t.Fatal(err)
				}
				body = string(b)
			}
			if !strings.Contains(body, tt.wantBody) {
				t.Errorf("body %q lacks %q", body, tt.wantBody)
			}
			if tt.check != nil {
				tt.check(t, resp)
			}
		})
	}
}

func TestIsText(t *testing.T) {
	tests := map[string]bool{
		"text/html; charset=utf-8": true, "application/json": true, "application/problem+json": true,
		"image/svg+xml": true, "image/png": false, "text/plain; charset=iso-8859-1": false, "": false,
		"application/octet-stream": false, "application/warc": false,
	}
	for ct, want := range tests {
		t.Run(ct, func(t *testing.T) {
			if got := isText(ct); got != want {
				t.Errorf("isText(%q) = %v", ct, got)
			}
		})
	}
}
