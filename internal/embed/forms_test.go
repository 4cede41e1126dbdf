package embed

import (
	"strings"
	"testing"
)

// TestDocumentedForms feeds one self-written sample of each markup form the
// platforms document (and real pages use) and checks the post it names.
func TestDocumentedForms(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string // "kind platform:id markup"
	}{
		{"tweet blockquote, script not run",
			`<blockquote class="twitter-tweet" data-theme="dark"><p lang="en" dir="ltr">Ferry stays <a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; Port Authority (@portauth) <a href="https://twitter.com/portauth/status/1861234567890123776?ref_src=twsrc%5Etfw">November 26, 2024</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>`,
			[]string{"embed twitter:1861234567890123776 blockquote"}},
		{"twitter-video blockquote",
			`<blockquote class="twitter-video" data-status="hidden"><a href="https://x.com/portauth/status/1861234567890123776">Nov</a></blockquote>`,
			[]string{"embed twitter:1861234567890123776 blockquote"}},
		{"tweet iframe rendered by widgets.js",
			`<div class="twitter-tweet twitter-tweet-rendered" style="display:flex"><iframe id="twitter-widget-3" scrolling="no" src="https://platform.twitter.com/embed/Tweet.html?dnt=true&embedId=twitter-widget-3&frame=false&hideCard=false&id=1861234567890123776&lang=en" data-tweet-id="1861234567890123776"></iframe></div>`,
			[]string{"embed twitter:1861234567890123776 iframe"}},
		{"tweet iframe keeping only data-tweet-id",
			`<iframe id="twitter-widget-0" class="twitter-tweet" data-tweet-id="1861234567890123776" title="Twitter Tweet"></iframe>`,
			[]string{"embed twitter:1861234567890123776 iframe"}},
		{"instagram blockquote",
			`<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink="https://www.instagram.com/reel/C9xYz12AbCd/?utm_source=ig_embed&amp;utm_campaign=loading" data-instgrm-version="14"><div><a href="https://www.instagram.com/reel/C9xYz12AbCd/?utm_source=ig_embed" target="_blank">View this post on Instagram</a></div><p><a href="https://www.instagram.com/reel/C9xYz12AbCd/">A post shared by Ferry Crew (@ferrycrew)</a></p></blockquote><script async src="//www.instagram.com/embed.js"></script>`,
			[]string{"embed instagram:C9xYz12AbCd blockquote"}},
		{"instagram embed iframe",
			`<iframe class="instagram-media instagram-media-rendered" id="instagram-embed-0" src="https://www.instagram.com/p/C9xYz12AbCd/embed/captioned/?cr=1&v=14" data-instgrm-payload-id="instagram-media-payload-0"></iframe>`,
			[]string{"embed instagram:C9xYz12AbCd iframe"}},
		{"tiktok blockquote",
			`<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@harbourcrew/video/7441234567890123456" data-video-id="7441234567890123456" style="max-width: 605px;min-width: 325px;"><section><a target="_blank" title="@harbourcrew" href="https://www.tiktok.com/@harbourcrew?refer=embed">@harbourcrew</a><p>Last crossing of the night</p><a target="_blank" title="♬ original sound" href="https://www.tiktok.com/music/original-sound-1?refer=embed">♬ original sound</a></section></blockquote><script async src="https://www.tiktok.com/embed.js"></script>`,
			[]string{"embed tiktok:7441234567890123456 blockquote"}},
		{"tiktok player iframe",
			`<iframe src="https://www.tiktok.com/embed/v2/7441234567890123456?lang=en-US"></iframe>`,
			[]string{"embed tiktok:7441234567890123456 iframe"}},
		{"facebook xfbml post with its blockquote",
			`<div id="fb-root"></div><script async defer crossorigin="anonymous" src="https://connect.facebook.net/en_US/sdk.js#xfbml=1&version=v19.0"></script>
<div class="fb-post" data-href="https://www.facebook.com/harbourcity/posts/pfbid0abcDEFghiJKLmnoPQRstuVWXyz123" data-width="500" data-show-text="true"><blockquote cite="https://www.facebook.com/harbourcity/posts/pfbid0abcDEFghiJKLmnoPQRstuVWXyz123" class="fb-xfbml-parse-ignore"><p>The night ferry keeps running.</p>Posted by <a href="https://www.facebook.com/harbourcity">Harbour City</a> on&nbsp;<a href="https://www.facebook.com/harbourcity/posts/pfbid0abcDEFghiJKLmnoPQRstuVWXyz123">Tuesday, November 26, 2024</a></blockquote></div>`,
			[]string{"embed facebook:pfbid0abcDEFghiJKLmnoPQRstuVWXyz123 xfbml"}},
		{"old XFBML tag",
			`<fb:post href="https://www.facebook.com/harbourcity/posts/1234567890123456" width="500"></fb:post>`,
			[]string{"embed facebook:1234567890123456 xfbml"}},
		{"facebook xfbml video",
			`<div class="fb-video" data-href="https://www.facebook.com/harbourcity/videos/1234567890123456/" data-width="500" data-show-text="false"></div>`,
			[]string{"embed facebook:1234567890123456 xfbml"}},
		{"facebook plugin iframes with encoded href",
			`<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fharbourcity%2Fposts%2F1234567890123456&show_text=true&width=500"></iframe>
<iframe src="https://www.facebook.com/plugins/video.php?height=314&href=https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D6543210987654321&show_text=false"></iframe>`,
			[]string{"embed facebook:1234567890123456 iframe", "embed facebook:6543210987654321 iframe"}},
		{"youtube and nocookie iframes",
			`<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc" title="YouTube video player" allowfullscreen></iframe>
<iframe src="https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?start=30"></iframe>`,
			[]string{"embed youtube:dQw4w9WgXcQ iframe", "embed youtube:M7lc1UVf-VE iframe"}},
		{"vimeo iframe",
			`<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" width="640" height="360" allow="autoplay; fullscreen"></iframe>`,
			[]string{"embed vimeo:76979871 iframe"}},
		{"linkedin iframe",
			`<iframe src="https://www.linkedin.com/embed/feed/update/urn:li:share:7265432109876543210" height="543" width="504" frameborder="0" allowfullscreen="" title="Embedded post"></iframe>`,
			[]string{"embed linkedin:7265432109876543210 iframe"}},
		{"mastodon iframe and blockquote",
			`<iframe src="https://mastodon.social/@harbourferry/113512345678901234/embed" class="mastodon-embed" style="max-width: 100%; border: 0" width="400" allowfullscreen="allowfullscreen"></iframe><script src="https://mastodon.social/embed.js" async="async"></script>
<blockquote class="mastodon-embed" data-embed-url="https://fosstodon.org/@kev/113598765432109876/embed" style="background: #FCF8FF;"><a href="https://fosstodon.org/@kev/113598765432109876" target="_blank">Post by @kev@fosstodon.org</a></blockquote>`,
			[]string{"embed mastodon:113512345678901234 iframe", "embed mastodon:113598765432109876 blockquote"}},
		{"bluesky blockquote and rendered iframe",
			`<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqta5lnck2i" data-bluesky-cid="bafyrei"><p lang="en">Night services</p>&mdash; Transit Notes (<a href="https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur?ref_src=embed">@transitnotes.bsky.social</a>) <a href="https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3lbqta5lnck2i?ref_src=embed">November 21, 2024 at 9:14 AM</a></blockquote><script async src="https://embed.bsky.app/static/embed.js" charset="utf-8"></script>
<iframe data-bluesky-id="1" src="https://embed.bsky.app/embed/did:plc:aaaabbbbccccddddeeeeffff/app.bsky.feed.post/3lbqzz2lnck2a?id=1" scrolling="no"></iframe>`,
			[]string{"embed bluesky:3lbqta5lnck2i blockquote", "embed bluesky:3lbqzz2lnck2a iframe"}},
		{"threads blockquote",
			`<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.net/@harbourcity/post/DCxYzAbCdEf" data-text-post-version="0" id="ig-tp-DCxYzAbCdEf"><a href="https://www.threads.net/@harbourcity/post/DCxYzAbCdEf" target="_blank">Post by @harbourcity</a></blockquote><script async src="https://www.threads.net/embed.js"></script>`,
			[]string{"embed threads:DCxYzAbCdEf blockquote"}},
		{"reddit blockquote",
			`<blockquote class="reddit-embed-bq" data-embed-height="316"><a href="https://www.reddit.com/r/harbourcity/comments/1gx2abc/night_ferry_saved/">Night ferry saved</a><br> by <a href="https://www.reddit.com/user/ferryfan/">u/ferryfan</a> in <a href="https://www.reddit.com/r/harbourcity/">harbourcity</a></blockquote><script async src="https://embed.reddit.com/widgets.js" charset="UTF-8"></script>`,
			[]string{"embed reddit:1gx2abc blockquote"}},
		{"telegram widget script",
			`<script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="harbourcity/1234" data-width="100%"></script>`,
			[]string{"embed telegram:harbourcity/1234 script"}},
		{"truth social iframe",
			`<iframe src="https://truthsocial.com/@harbourcity/113512345678901234/embed" class="truthsocial-embed" style="max-width: 100%; border: 0" width="600" allowfullscreen="allowfullscreen"></iframe><script src="https://truthsocial.com/embed.js" async="async"></script>`,
			[]string{"embed truthsocial:113512345678901234 iframe"}},
		{"amp components",
			`<amp-twitter width="375" height="472" layout="responsive" data-tweetid="1861234567890123776"></amp-twitter>
<amp-instagram data-shortcode="C9xYz12AbCd" data-captioned width="400" height="400"></amp-instagram>
<amp-youtube data-videoid="dQw4w9WgXcQ" layout="responsive" width="480" height="270"></amp-youtube>
<amp-facebook width="552" height="310" layout="responsive" data-href="https://www.facebook.com/harbourcity/posts/1234567890123456"></amp-facebook>
<amp-facebook width="476" height="316" data-embed-as="video" data-href="https://www.facebook.com/harbourcity/videos/6543210987654321/"></amp-facebook>
<amp-tiktok width="325" height="575" data-src="https://www.tiktok.com/@harbourcrew/video/7441234567890123456"></amp-tiktok>
<amp-vimeo data-videoid="76979871" layout="responsive" width="500" height="281"></amp-vimeo>
<amp-reddit layout="responsive" width="300" height="400" data-embedtype="post" data-src="https://www.reddit.com/r/harbourcity/comments/1gx2abc/night_ferry_saved/"></amp-reddit>`,
			[]string{"embed twitter:1861234567890123776 amp", "embed instagram:C9xYz12AbCd amp", "embed youtube:dQw4w9WgXcQ amp",
				"embed facebook:1234567890123456 amp", "embed facebook:6543210987654321 amp", "embed tiktok:7441234567890123456 amp",
				"embed vimeo:76979871 amp", "embed reddit:1gx2abc amp"}},
		{"amp tiktok by id",
			`<amp-tiktok width="325" height="575" data-src="7441234567890123456"></amp-tiktok>`,
			[]string{"embed tiktok:7441234567890123456 amp"}},
		{"wordpress embed block, rendered",
			`<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper"><blockquote class="twitter-tweet" data-width="550"><p>Ferry</p>&mdash; P (@p) <a href="https://twitter.com/p/status/1861234567890123776">Nov</a></blockquote></div></figure>`,
			[]string{"embed twitter:1861234567890123776 blockquote"}},
		{"wordpress embed block, bare URL",
			`<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=dQw4w9WgXcQ
</div></figure>`,
			[]string{"embed youtube:dQw4w9WgXcQ wp-block"}},
		{"bare post URL on its own line in WordPress content",
			`<div class="entry-content"><p>The mayor posted:</p>
<p>https://twitter.com/portauth/status/1861234567890123776</p>
<p>And the crew answered.</p>
https://www.instagram.com/p/C9xYz12AbCd/
<p>End.</p></div>`,
			[]string{"embed twitter:1861234567890123776 url", "embed instagram:C9xYz12AbCd url"}},
		{"a URL inside a sentence is a link, not an embed",
			`<p>See https://twitter.com/portauth/status/1861234567890123776 for more.</p>`,
			[]string{"link twitter:1861234567890123776 link"}},
		{"lazy iframes",
			`<iframe data-src="https://www.youtube.com/embed/dQw4w9WgXcQ" class="lazyload"></iframe>
<iframe data-lazy-src="https://player.vimeo.com/video/76979871" src="about:blank"></iframe>
<div class="embed-placeholder" data-src="https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"></div>
<lite-youtube videoid="ogfYd705cRs"></lite-youtube>`,
			[]string{"embed youtube:dQw4w9WgXcQ iframe", "embed vimeo:76979871 iframe", "embed youtube:M7lc1UVf-VE iframe", "embed youtube:ogfYd705cRs iframe"}},
		{"noscript copy of a lazy iframe counts once",
			`<iframe data-src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe><noscript><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe></noscript>
<noscript><blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/C9xYz12AbCd/"></blockquote></noscript>`,
			[]string{"embed youtube:dQw4w9WgXcQ iframe", "embed instagram:C9xYz12AbCd blockquote"}},
		{"markup escaped in a data attribute",
			`<div class="consent-wall" data-embed="&lt;blockquote class=&quot;twitter-tweet&quot;&gt;&lt;a href=&quot;https://twitter.com/p/status/1861234567890123776&quot;&gt;Nov&lt;/a&gt;&lt;/blockquote&gt;"><button>Load tweet</button></div>
<div data-oembed-html="&lt;iframe src=&quot;https://www.youtube.com/embed/dQw4w9WgXcQ&quot;&gt;&lt;/iframe&gt;"></div>`,
			[]string{"embed twitter:1861234567890123776 blockquote", "embed youtube:dQw4w9WgXcQ iframe"}},
		{"embed class on a wrapper element",
			`<div class="tiktok-embed" data-video-id="7441234567890123456"></div><div class="twitter-tweet"><p>Hi</p>&mdash; P (@p) <a href="https://twitter.com/p/status/1861234567890123776">Nov</a></div>`,
			[]string{"embed tiktok:7441234567890123456 blockquote", "embed twitter:1861234567890123776 blockquote"}},
		{"embedly card",
			`<blockquote class="embedly-card" data-card-controls="0"><h4><a href="https://www.reddit.com/r/harbourcity/comments/1gx2abc/night_ferry_saved/">Night ferry saved</a></h4><p>r/harbourcity</p></blockquote><script async src="//cdn.embedly.com/widgets/platform.js"></script>`,
			[]string{"embed reddit:1gx2abc blockquote"}},
		{"embed code in an iframe's srcdoc",
			`<iframe srcdoc="&lt;blockquote class=&quot;instagram-media&quot; data-instgrm-permalink=&quot;https://www.instagram.com/p/C9xYz12AbCd/&quot;&gt;&lt;/blockquote&gt;"></iframe>`,
			[]string{"embed instagram:C9xYz12AbCd blockquote"}},
		{"a post shown twice counts once",
			`<blockquote class="twitter-tweet"><a href="https://twitter.com/p/status/1861234567890123776">Nov</a></blockquote>
<div class="twitter-tweet twitter-tweet-rendered"><iframe data-tweet-id="1861234567890123776"></iframe></div>
<script type="application/json">{"embed":"https://twitter.com/p/status/1861234567890123776"}</script>`,
			[]string{"embed twitter:1861234567890123776 blockquote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keys(Find(parse(t, "f.html", "<!doctype html><html><head><title>t</title></head><body><article>"+tt.html+"</article></body></html>")))
			if want := strings.Join(tt.want, "\n"); got != want {
				t.Errorf("Find:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestNotEmbeds feeds markup that mentions platforms without showing a post.
func TestNotEmbeds(t *testing.T) {
	tests := []struct{ name, html string }{
		{"share buttons",
			`<a href="https://twitter.com/intent/tweet?text=Ferry&url=https%3A%2F%2Fnews.example%2Fa" class="twitter-share-button">Tweet</a>
<a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Fa">Share</a>
<a href="https://www.linkedin.com/shareArticle?mini=true&url=https://news.example/a">Share</a>
<a href="https://t.me/share/url?url=https://news.example/a">Telegram</a>
<a href="https://reddit.com/submit?url=https://news.example/a">Reddit</a>
<div class="fb-share-button" data-href="https://news.example/a" data-layout="button_count"></div>
<div class="fb-like" data-href="https://www.facebook.com/harbourcity"></div>`},
		{"follow buttons and profiles",
			`<a href="https://twitter.com/portauth" class="twitter-follow-button">Follow</a><a href="https://www.instagram.com/ferrycrew/">Instagram</a><a href="https://www.youtube.com/@harbourcity">YouTube</a><a href="https://bsky.app/profile/transitnotes.bsky.social">Bluesky</a><a href="https://mastodon.social/@harbourferry">Mastodon</a>`},
		{"page plugins",
			`<div class="fb-page" data-href="https://www.facebook.com/harbourcity" data-tabs="timeline"></div>
<iframe src="https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2Fharbourcity&tabs=timeline"></iframe>
<amp-facebook-page data-href="https://www.facebook.com/harbourcity"></amp-facebook-page>
<amp-facebook-comments data-href="https://news.example/a"></amp-facebook-comments>
<a class="twitter-timeline" href="https://twitter.com/portauth?ref_src=twsrc%5Etfw">Tweets by portauth</a>`},
		{"css rules",
			`<style>blockquote.twitter-tweet{margin:0} .instagram-media{max-width:540px} iframe[src*="youtube.com/embed"]{width:100%}</style>`},
		{"loader scripts with no post",
			`<script async src="https://platform.twitter.com/widgets.js"></script><script async src="https://www.tiktok.com/embed.js"></script><script async src="//www.instagram.com/embed.js"></script><script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-discussion="harbourcity/1234"></script>`},
		{"text in scripts and JSON state",
			`<script>window.__STATE__={"html":"<blockquote class=\"twitter-tweet\"><a href=\"https://twitter.com/p/status/1861234567890123776\"></a></blockquote>","video":"<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>"}</script>
<script type="application/ld+json">{"@type":"VideoObject","embedUrl":"https://www.youtube.com/embed/dQw4w9WgXcQ"}</script>`},
		{"youtube playlist and channel players",
			`<iframe src="https://www.youtube.com/embed/videoseries?list=PL1234567890"></iframe><iframe src="https://www.youtube.com/embed/live_stream?channel=UC123"></iframe>`},
		{"plain quotation blockquote",
			`<blockquote><p>We keep the ferry.</p><footer>— the mayor</footer></blockquote>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, e := range Find(parse(t, "n.html", "<html><body>"+tt.html+"</body></html>")) {
				if e.Kind == "embed" {
					t.Errorf("unexpected embed %s (%s)", e.Key(), e.Markup)
				}
			}
		})
	}
}
