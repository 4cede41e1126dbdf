package article

import (
	"strings"
	"testing"
	"time"
)

func TestParseHTMLMetadata(t *testing.T) {
	tests := []struct {
		name                  string
		source, raw           string
		title, canonical, pub string
	}{
		{
			name:   "open graph and article meta",
			source: "a.html",
			raw: `<html><head><title>Site | Story</title><meta property="og:title" content="Story">
<link rel="canonical" href="https://news.example/story"><meta property="article:published_time" content="2024-11-20T18:30:00Z"></head><body><p>x</p></body></html>`,
			title: "Story", canonical: "https://news.example/story", pub: "2024-11-20T18:30:00Z",
		},
		{
			name:   "json-ld graph",
			source: "b.html",
			raw: `<html><head><title>T</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},
{"@type":"NewsArticle","headline":"From LD","datePublished":"2023-05-01T08:00:00+02:00","url":"https://ld.example/a"}]}</script></head><body></body></html>`,
			title: "From LD", canonical: "https://ld.example/a", pub: "2023-05-01T06:00:00Z",
		},
		{
			name:   "meta value attribute and a spaced zone",
			source: "d.html",
			raw:    `<meta value="2026-03-24 15:41:34 +01:00" name="article:published_time"><title>V</title>`,
			title:  "V", pub: "2026-03-24T14:41:34Z",
		},
		{
			name:   "json-ld in CDATA, any type's datePublished as a last resort",
			source: "e.html",
			raw: `<title>C</title><script type="application/ld+json"><![CDATA[
[{"@type":"VideoObject","name":"x"},{"@type":"WebPage","datePublished":"2020-12-17T13:03:05.000Z"}]
]]></script>`,
			title: "C", pub: "2020-12-17T13:03:05Z",
		},
		{
			name:   "title element only",
			source: "c.htm",
			raw:    `<title> Plain   title </title><p>body</p>`,
			title:  "Plain title",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.source, []byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if d.Type != HTML || d.HTML == nil {
				t.Fatalf("type %s, HTML %v", d.Type, d.HTML)
			}
			if d.Title != tt.title || d.CanonicalURL != tt.canonical {
				t.Errorf("title %q canonical %q, want %q %q", d.Title, d.CanonicalURL, tt.title, tt.canonical)
			}
			var pub string
			if !d.PublishedAt.IsZero() {
				pub = d.PublishedAt.UTC().Format(time.RFC3339)
			}
			if pub != tt.pub {
				t.Errorf("published %q, want %q", pub, tt.pub)
			}
		})
	}
}

func TestParseTypesAndCharsets(t *testing.T) {
	tests := []struct {
		name, source string
		raw          []byte
		typ          Type
		contains     string
	}{
		{"text by extension", "a.txt", []byte("Title line\n\nhttps://x.com/a/status/1\n"), Text, "Title line"},
		{"markdown by extension", "a.md", []byte("# Heading\n\nSee [this](https://x.com/a/status/1).\n"), Markdown, "Heading"},
		{"html sniffed", "s3://bucket/key", []byte("<!DOCTYPE html><html><body><p>hi</p></body></html>"), HTML, ""},
		{"windows-1252 text", "a.txt", []byte("caf\xe9 \x93quoted\x94"), Text, "café “quoted”"},
		{"windows-1252 html by meta", "a.html", []byte("<meta charset=\"windows-1252\"><title>caf\xe9</title>"), HTML, ""},
		{"iso-8859-2 html by meta", "a.html", []byte("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\"><title>\xa3\xf3d\xbc</title>"), HTML, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.source, tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			if d.Type != tt.typ {
				t.Fatalf("type %s, want %s", d.Type, tt.typ)
			}
			if tt.contains != "" && !contains(d.Text, tt.contains) {
				t.Errorf("text %q does not contain %q", d.Text, tt.contains)
			}
		})
	}
	d, _ := Parse("a.html", []byte("<meta charset=\"windows-1252\"><title>caf\xe9</title>"))
	if d.Title != "café" {
		t.Errorf("windows-1252 title %q, want café", d.Title)
	}
	d, _ = Parse("a.html", []byte("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\"><title>\xa3\xf3d\xbc</title>"))
	if d.Title != "Łódź" {
		t.Errorf("iso-8859-2 title %q, want Łódź", d.Title)
	}
	// A declaration past the first 1024 bytes, and one in an XML declaration.
	late := "<html><head>" + strings.Repeat("<!-- padding -->", 100) + "<meta charset=\"iso-8859-2\"><title>\xa3\xf3d\xbc</title>"
	xml := "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html><head><title>\xa3\xf3d\xbc</title>"
	utf8Late := "<html><head>" + strings.Repeat("<!-- padding -->", 100) + "<title>Łódź</title>"
	for name, raw := range map[string]string{"late meta": late, "xml declaration": xml, "utf-8 after 1 KiB of ASCII": utf8Late} {
		if d, _ := Parse("a.html", []byte(raw)); d == nil || d.Title != "Łódź" {
			t.Errorf("%s: title %v, want Łódź", name, d)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestTextTitle(t *testing.T) {
	tests := []struct {
		name, text string
		typ        Type
		want       string
	}{
		{"first line", "Harbour city keeps its ferry\n\nBody.", Text, "Harbour city keeps its ferry"},
		{"lone token before the headline", "img\n\nVenezuelan migrants deported\n\nBody.", Text, "Venezuelan migrants deported"},
		{"markdown heading", "## Ferry saved\n\nBody.", Markdown, "Ferry saved"},
		{"only single tokens", "\n\nimg\nphoto\n", Text, "img"},
		{"empty", "\n \n", Text, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textTitle(tt.text, tt.typ); got != tt.want {
				t.Errorf("textTitle(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
