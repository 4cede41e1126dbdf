package extract

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestExtractJSONShape(t *testing.T) {
	tests := []struct {
		name, source, raw string
		wantEmbeds        int
	}{
		{"html without posts", "a.html", "<html><head><title>T</title></head><body><p>Nothing here.</p></body></html>", 0},
		{"text with a post url", "a.txt", "Title\n\nhttps://x.com/a/status/1196540095848996871\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := New().Extract(context.Background(), tt.source, []byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(ex)
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			for _, f := range []string{`"source":`, `"title":`, `"canonical_url":`, `"body":`, `"embeds":[`, `"quotes":[]`} {
				if !strings.Contains(s, f) {
					t.Errorf("JSON %s lacks %s", s, f)
				}
			}
			if len(ex.Embeds) != tt.wantEmbeds {
				t.Errorf("%d embeds, want %d", len(ex.Embeds), tt.wantEmbeds)
			}
		})
	}
}
