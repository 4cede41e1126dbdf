package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
	"github.com/embedarchive/embedarchive/internal/embed"
	"github.com/embedarchive/embedarchive/internal/sharedtest"
)

func extractFile(t testing.TB, path string) (string, []archive.Embed, []archive.Quote) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := article.Parse(path, raw)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	embeds, containers := embed.Scan(doc)
	body, quotes := Extract(doc, embeds, containers)
	return body, embeds, quotes
}

func findQuote(qs []archive.Quote, holds string) *archive.Quote {
	for i := range qs {
		if strings.Contains(qs[i].Text, holds) {
			return &qs[i]
		}
	}
	return nil
}

// TestTies: a quote is tied to the post it comes from, by its text (an
// embedded post) or by being a link to the post itself.
func TestTies(t *testing.T) {
	tests := []struct {
		name, file string
		holds      string // the quote
		speaker    string
		post       string // want PostURL ("" = not tied)
	}{
		{"embedded post matches the quote's words", "seed-embedded.html", "Oopsie, too late.", "Nayib Bukele", "https://x.com/nayibbukele/status/1901245427216978290"},
		{"a quote with no post stays untied", "seed-embedded.html", "We asked the government", "Lee Gelernt", ""},
		{"the quote is a link to the post", "linked-post.html", "What??", "the account", "https://x.com/SpaceflightNow/status/1750000000000000001"},
		{"a link near a quote does not tie it", "linked-post.html", "We are working on it", "Maria Lopez", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _, qs := extractFile(t, filepath.Join("testdata", tt.file))
			checkOffsets(t, body, qs)
			q := findQuote(qs, tt.holds)
			if q == nil {
				t.Fatalf("no quote holding %q in%s", tt.holds, show(qs))
			}
			if q.Speaker != tt.speaker {
				t.Errorf("speaker %q, want %q", q.Speaker, tt.speaker)
			}
			if q.PostURL != tt.post {
				t.Errorf("post %q, want %q", q.PostURL, tt.post)
			}
			if tt.post != "" && (q.MatchScore < tieThreshold || q.MatchScore > 1) {
				t.Errorf("match score %v out of range", q.MatchScore)
			}
			if tt.post == "" && q.MatchScore != 0 {
				t.Errorf("untied quote has match score %v", q.MatchScore)
			}
		})
	}
}

// TestTieMarkdownLink: in Markdown, a quotation written as a link to a
// post is tied to it.
func TestTieMarkdownLink(t *testing.T) {
	body := "The launch slipped again.\n\n“[What??](https://x.com/SpaceflightNow/status/1750000000000000001)” questioned the account.\n"
	doc := &article.Doc{Source: "a.md", Type: article.Markdown, Text: body}
	embeds, containers := embed.Scan(doc)
	_, qs := Extract(doc, embeds, containers)
	q := findQuote(qs, "What??")
	if q == nil {
		t.Fatalf("no quote in%s", show(qs))
	}
	if q.PostURL != "https://x.com/SpaceflightNow/status/1750000000000000001" || q.MatchScore != 1 {
		t.Errorf("tied to %q (%v), want the linked post", q.PostURL, q.MatchScore)
	}
	if q.Speaker != "the account" {
		t.Errorf("speaker %q, want the account", q.Speaker)
	}
}

// TestTieBreakByAuthor: when two posts say the same thing, the one whose
// author is the quote's speaker wins.
func TestTieBreakByAuthor(t *testing.T) {
	body := "Bukele answered the ruling on social media. “Oopsie, too late,” Bukele wrote."
	doc := &article.Doc{Source: "a.txt", Type: article.Text, Text: body}
	embeds := []archive.Embed{
		{PostRef: archive.PostRef{Platform: archive.Twitter, ID: "1", URL: "https://x.com/fan/status/1"}, Kind: archive.KindEmbed, AuthorName: "A Fan", AuthorHandle: "fan", Text: "Oopsie… too late!! 😂"},
		{PostRef: archive.PostRef{Platform: archive.Twitter, ID: "2", URL: "https://x.com/nayibbukele/status/2"}, Kind: archive.KindEmbed, AuthorName: "Nayib Bukele", AuthorHandle: "nayibbukele", Text: "Oopsie… Too late 😂😂"},
	}
	_, qs := Extract(doc, embeds, nil)
	q := findQuote(qs, "Oopsie")
	if q == nil {
		t.Fatalf("no quote in%s", show(qs))
	}
	if q.PostURL != "https://x.com/nayibbukele/status/2" {
		t.Errorf("tied to %q, want Bukele's own post", q.PostURL)
	}
	// Known in the text by surname only, the speaker takes the full name
	// of the post's author; the mention stays as written.
	if q.Speaker != "Nayib Bukele" || q.SpeakerMention != "Bukele" {
		t.Errorf("speaker %q (mention %q), want Nayib Bukele (mention Bukele)", q.Speaker, q.SpeakerMention)
	}
}

func TestFullerSpeaker(t *testing.T) {
	tests := []struct {
		speaker, author, want string
	}{
		{"Reyes", "Mayor Tom Reyes", "Tom Reyes"},
		{"reyes", "Tom Reyes", "Tom Reyes"},
		{"Reyes", "Transit Notes", "Reyes"},
		{"Tom Reyes", "Mayor Thomas Reyes", "Tom Reyes"},
		{"Reyes", "Reyes", "Reyes"},
		{"", "Tom Reyes", ""},
	}
	for _, tt := range tests {
		t.Run(tt.speaker+"/"+tt.author, func(t *testing.T) {
			if got := fullerSpeaker(tt.speaker, archive.Embed{AuthorName: tt.author}); got != tt.want {
				t.Errorf("fullerSpeaker(%q, %q) = %q, want %q", tt.speaker, tt.author, got, tt.want)
			}
		})
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		quote, post string
		min, max    float64
	}{
		{"Oopsie, too late.", "Oopsie… Too late 😂😂", 1, 1},
		{"We will never give up on our people", "We will never give up on our people! #Venezuela https://t.co/x", 1, 1},
		{"We will never give up on our peple", "We will never give up on our people!", 0.9, 0.99},
		{"the country is doing great", "Today I signed a bill. The country is doing great! Thank you all.", 1, 1},
		{"Oopsie, too late.", "The weather in Madrid is lovely today", 0, 0.3},
		{"What??", "What is going on with the launch schedule today", 0, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.quote, func(t *testing.T) {
			s := similarity(normalizeForMatch(tt.quote), normalizeForMatch(tt.post))
			if s < tt.min || s > tt.max {
				t.Errorf("similarity(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.quote, tt.post, s, tt.min, tt.max)
			}
		})
	}
}

// TestHTMLBody: the body holds the article's paragraphs and leaves out
// navigation, bylines, captions, related links, footers and the text of
// embedded posts.
func TestHTMLBody(t *testing.T) {
	body, _, _ := extractFile(t, filepath.Join("testdata", "seed-embedded.html"))
	for _, in := range []string{"Bukele, a close ally of Trump", "posting:\n\n“Oopsie, too late.”", "said Lee Gelernt"} {
		if !strings.Contains(body, in) {
			t.Errorf("body lacks %q:\n%s", in, body)
		}
	}
	for _, out := range []string{"Home", "By A. Reporter", "Photo: Handout", "Oopsie… Too late", "Related", "All rights reserved", "widgets.js"} {
		if strings.Contains(body, out) {
			t.Errorf("body holds %q:\n%s", out, body)
		}
	}
}

// TestHTMLQElement: <q> gets the marks a browser draws, so its quotation
// is found.
func TestHTMLQElement(t *testing.T) {
	raw := []byte(`<html><body><article><p><q>We will not back down</q>, the mayor said on Monday.</p></article></body></html>`)
	doc, err := article.Parse("q.html", raw)
	if err != nil {
		t.Fatal(err)
	}
	embeds, containers := embed.Scan(doc)
	body, qs := Extract(doc, embeds, containers)
	checkOffsets(t, body, qs)
	q := findQuote(qs, "We will not back down")
	if q == nil || q.Text != "“We will not back down”" || q.Speaker != "the mayor" {
		t.Errorf("body %q: quotes%s", body, show(qs))
	}
}

// TestCorpusPages: on real news pages with embedded posts, extraction
// never fails and every offset is right.
func TestCorpusPages(t *testing.T) {
	dir := sharedtest.Dir(t, "corpus", "pages")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(files) == 0 {
		t.Fatalf("no pages in %s", dir)
	}
	total := 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			body, _, qs := extractFile(t, f)
			checkOffsets(t, body, qs)
			total += len(qs)
		})
	}
	if total == 0 {
		t.Error("no quotes at all across the corpus pages")
	}
}
