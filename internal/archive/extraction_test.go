package archive

import (
	"encoding/json"
	"testing"
	"time"
)

func TestExtractionJSONHasEveryContractField(t *testing.T) {
	tests := []struct {
		name      string
		x         Extraction
		published any
	}{
		{"date unknown", Extraction{Source: "a.txt", Embeds: []Embed{}, Quotes: []Quote{}}, nil},
		{"date known", Extraction{Source: "a.html", PublishedAt: time.Date(2025, 3, 16, 12, 0, 0, 0, time.UTC), Embeds: []Embed{}, Quotes: []Quote{}}, "2025-03-16T12:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.x)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"source", "title", "canonical_url", "published_at", "body", "embeds", "quotes"} {
				if _, ok := m[k]; !ok {
					t.Errorf("%s: no %q field", b, k)
				}
			}
			if m["published_at"] != tt.published {
				t.Errorf("published_at = %v, want %v", m["published_at"], tt.published)
			}
			var back Extraction
			if err := json.Unmarshal(b, &back); err != nil || !back.PublishedAt.Equal(tt.x.PublishedAt) {
				t.Errorf("round trip: %v, published %v", err, back.PublishedAt)
			}
		})
	}
}
