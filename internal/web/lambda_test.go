package web

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/embedarchive/embedarchive/internal/lambdaio"
)

// TestThroughAPIGatewayEvents serves the repository's sample HTTP API v2
// events (events/api-*.json, the ones `sam local invoke` and the local
// runner use) through lambdaio's adapter, as QueryFunction does, over the
// seeded embedded store. Each names a route and parameters the API must
// accept: the answer is 200 or, for records the seed lacks, 404, never a
// 400 or a 5xx.
func TestThroughAPIGatewayEvents(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "events", "api-*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no events/api-*.json (err %v)", err)
	}
	svc, blobs := seedStore(t)
	h := &lambdaio.HTTPHandler{Handler: NewHandler(svc, WithLogger(quietLogger()), WithBlobs(blobs)), Log: quietLogger()}
	invoke := func(t *testing.T, ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPResponse {
		t.Helper()
		resp, err := h.Invoke(context.Background(), ev)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	var template events.APIGatewayV2HTTPRequest
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var ev events.APIGatewayV2HTTPRequest
			if err := json.Unmarshal(raw, &ev); err != nil {
				t.Fatal(err)
			}
			template = ev
			resp := invoke(t, ev)
			if resp.StatusCode != 200 && resp.StatusCode != 404 {
				t.Fatalf("%s?%s: %d %s", ev.RawPath, ev.RawQueryString, resp.StatusCode, resp.Body)
			}
			if resp.IsBase64Encoded || resp.Headers["Content-Security-Policy"] == "" {
				t.Errorf("response headers %v, base64 %v", resp.Headers, resp.IsBase64Encoded)
			}
			if strings.HasPrefix(ev.RawPath, "/api/") && !json.Valid([]byte(resp.Body)) {
				t.Errorf("API answer is not JSON: %s", resp.Body)
			}
		})
	}
	t.Run("seeded post", func(t *testing.T) {
		ev := template
		ev.RawPath, ev.RequestContext.HTTP.Path = "/api/posts", "/api/posts"
		ev.RequestContext.HTTP.Method = "GET"
		ev.RawQueryString = "url=https%3A%2F%2Fwww.instagram.com%2Fp%2FC3abcDEF%2F"
		resp := invoke(t, ev)
		if resp.StatusCode != 200 || !strings.Contains(resp.Body, `"status":"deleted"`) {
			t.Errorf("%d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("stylesheet", func(t *testing.T) {
		ev := template
		ev.RawPath, ev.RequestContext.HTTP.Path = "/static/style.css", "/static/style.css"
		ev.RequestContext.HTTP.Method = "GET"
		ev.RawQueryString = ""
		resp := invoke(t, ev)
		if resp.StatusCode != 200 || resp.IsBase64Encoded || !strings.Contains(resp.Body, ".badge") {
			t.Errorf("%d base64 %v", resp.StatusCode, resp.IsBase64Encoded)
		}
	})
}
