package embed

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
)

func parse(t testing.TB, source, s string) *article.Doc {
	t.Helper()
	d, err := article.Parse(source, []byte(s))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return d
}

// keys renders embeds as "kind platform:id markup" for comparison.
func keys(es []archive.Embed) string {
	var out []string
	for _, e := range es {
		out = append(out, string(e.Kind)+" "+e.Key()+" "+e.Markup)
	}
	return strings.Join(out, "\n")
}

func TestFindForms(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"twitter blockquote with extra classes",
			`<blockquote class="tw-align-center twitter-tweet" data-lang="en"><p>Hi</p>&mdash; A (@a) <a href="https://twitter.com/a/status/1196540095848996871?ref_src=twsrc">November 18, 2019</a></blockquote>`,
			[]string{"embed twitter:1196540095848996871 blockquote"}},
		{"share button class is not a tweet",
			`<a class="twitter-tweet-btn" href="https://twitter.com/intent/tweet?url=x">Tweet</a>`, nil},
		{"rendered tweet beside its blockquote counts once",
			`<div class="twitter-tweet twitter-tweet-rendered"><iframe id="twitter-widget-0" data-tweet-id="1196540095848996871"></iframe></div>
<blockquote class="twitter-tweet"><a href="https://twitter.com/a/status/1196540095848996871">d</a></blockquote>`,
			[]string{"embed twitter:1196540095848996871 iframe"}},
		{"lazy youtube iframe and noscript copy",
			`<iframe data-src="https://www.youtube.com/embed/BItSgrSYAXA"></iframe><noscript><iframe src="https://www.youtube.com/embed/BItSgrSYAXA"></iframe></noscript>`,
			[]string{"embed youtube:BItSgrSYAXA iframe"}},
		{"facebook xfbml and plugin iframe",
			`<div class="fb-post" data-href="https://www.facebook.com/a/posts/1920722881385983"></div>
<iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fb%2Fvideos%2F1321262654994930%2F"></iframe>`,
			[]string{"embed facebook:1920722881385983 xfbml", "embed facebook:1321262654994930 iframe"}},
		{"facebook page plugin is not a post",
			`<div class="fb-page" data-href="https://www.facebook.com/telegraph"></div><amp-facebook-page data-href="https://www.facebook.com/telegraph"></amp-facebook-page>`, nil},
		{"amp components",
			`<amp-twitter data-tweetid="1196540095848996871"></amp-twitter><amp-instagram data-shortcode="B1mHd6sHGXK"></amp-instagram><amp-youtube data-videoid="2EHEkGiMLo4"></amp-youtube>`,
			[]string{"embed twitter:1196540095848996871 amp", "embed instagram:B1mHd6sHGXK amp", "embed youtube:2EHEkGiMLo4 amp"}},
		{"telegram posts of two channels with the same number are two posts",
			`<script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="durov/43"></script><script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="harbournews/43"></script>`,
			[]string{"embed telegram:durov/43 script", "embed telegram:harbournews/43 script"}},
		{"telegram widget, not the discussion widget",
			`<script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="durov/43"></script><script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-discussion="durov/43"></script>`,
			[]string{"embed telegram:durov/43 script"}},
		{"text inside script is not an embed",
			`<script>var s = '<blockquote class="twitter-tweet"><a href="https://twitter.com/a/status/1196540095848996871">x</a></blockquote>';</script>`, nil},
		{"plain link is a link, and once per kind",
			`<p>As <a href="https://twitter.com/a/status/1196540095848996871">she wrote</a>.</p><blockquote class="twitter-tweet"><a href="https://twitter.com/a/status/1196540095848996871">d</a></blockquote>`,
			[]string{"link twitter:1196540095848996871 link", "embed twitter:1196540095848996871 blockquote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keys(Find(parse(t, "t.html", "<html><body>"+tt.html+"</body></html>")))
			if want := strings.Join(tt.want, "\n"); got != want {
				t.Errorf("Find:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestContainers(t *testing.T) {
	d := parse(t, "c.html", `<html><body><p>Intro <a href="https://twitter.com/a/status/1">link</a></p>
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"><blockquote class="twitter-tweet"><p>Tweet text</p><a href="https://twitter.com/a/status/1196540095848996871">d</a></blockquote></div></figure>
<iframe src="https://player.vimeo.com/video/76979871"></iframe></body></html>`)
	cs := Containers(d)
	var names []string
	for _, n := range cs {
		names = append(names, n.Data)
		if n.Type != html.ElementNode {
			t.Errorf("container %v is not an element", n)
		}
	}
	if got := strings.Join(names, ","); got != "figure,iframe" {
		t.Errorf("Containers = %s, want figure,iframe (outermost only, links excluded)", got)
	}
}
