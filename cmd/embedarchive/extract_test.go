package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.html")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "note.txt")
	if err := os.WriteFile(text, []byte("Note\n\nhttps://x.com/a/status/1196540095848996871\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sample := filepath.Join("..", "..", "examples", "article.html")

	t.Run("json (flag after a file): one line per file, failures as error lines, exit 1", func(t *testing.T) {
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{"extract", sample, "--json", empty, filepath.Join(dir, "missing.html"), text}, &out, &errb)
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 4 {
			t.Fatalf("%d lines, want 4:\n%s", len(lines), out.String())
		}
		var first map[string]any
		if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"source", "title", "canonical_url", "published_at", "body", "embeds", "quotes"} {
			if _, ok := first[k]; !ok {
				t.Errorf("first object lacks %q", k)
			}
		}
		embeds, _ := first["embeds"].([]any)
		if len(embeds) < 4 {
			t.Errorf("%d embeds in the sample, want at least 4", len(embeds))
		}
		for i, want := range []string{"invalid", "error"} {
			var f map[string]string
			if err := json.Unmarshal([]byte(lines[i+1]), &f); err != nil {
				t.Fatal(err)
			}
			if f["error"] == "" || f["error_kind"] != want {
				t.Errorf("line %d = %v, want an error of kind %s", i+2, f, want)
			}
		}
		var last map[string]any
		if err := json.Unmarshal([]byte(lines[3]), &last); err != nil || last["embeds"] == nil {
			t.Errorf("the file after the failures was not extracted: %s", lines[3])
		}
		if !strings.Contains(errb.String(), "empty.html") || !strings.Contains(errb.String(), "missing.html") {
			t.Errorf("stderr does not name the failed files: %s", errb.String())
		}
	})

	t.Run("table", func(t *testing.T) {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{"extract", sample}, &out, &errb); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		for _, want := range []string{"Harbour city votes", "KIND", "twitter", "instagram", "youtube", "bluesky", "link"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("table lacks %q:\n%s", want, out.String())
			}
		}
	})

	t.Run("no files", func(t *testing.T) {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{"extract"}, &out, &errb); code == 0 {
			t.Error("exit 0 without files")
		}
	})
}
