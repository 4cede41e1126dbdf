package web

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestAPIGolden pins the JSON API's answers, field names included, for the
// fixture: what API clients build on. Refresh with go test -run APIGolden
// -update after a deliberate change, and read the diff.
func TestAPIGolden(t *testing.T) {
	tests := []struct{ name, path string }{
		{"article", "/api/articles?id=s3://articles/2024/bukele.html"},
		{"post-deleted", "/api/posts?key=instagram:C3abcDEF"},
		{"posts-page", "/api/posts?platform=twitter&limit=1"},
		{"quotes", "/api/quotes?speaker=Nayib+Bukele"},
		{"error-bad-limit", "/api/posts?platform=twitter&limit=0"},
	}
	h := NewHandler(&fakeQuerier{f: newFixture()}, WithLogger(quietLogger()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			var v any
			if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			if m, ok := v.(map[string]any); ok { // the request id differs on every call
				if e, ok := m["error"].(map[string]any); ok {
					e["request_id"] = "REQUEST-ID"
				}
			}
			got, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tt.name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s answers differently from %s:\n%s", tt.path, path, got)
			}
		})
	}
}
