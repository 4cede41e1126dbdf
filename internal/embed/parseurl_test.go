package embed

import (
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		raw      string
		platform archive.Platform
		id       string
		url      string
	}{
		// X/Twitter
		{"https://twitter.com/jack/status/20", archive.Twitter, "20", "https://x.com/jack/status/20"},
		{"https://x.com/NASA/status/1196540095848996871?s=20", archive.Twitter, "1196540095848996871", "https://x.com/NASA/status/1196540095848996871"},
		{"https://mobile.twitter.com/NASA/status/1196540095848996871/photo/1", archive.Twitter, "1196540095848996871", "https://x.com/NASA/status/1196540095848996871"},
		{"https://twitter.com/i/web/status/1196540095848996871", archive.Twitter, "1196540095848996871", "https://x.com/i/status/1196540095848996871"},
		{"http://twitter.com/#!/jack/status/20", archive.Twitter, "20", "https://x.com/jack/status/20"},
		{"https://platform.twitter.com/embed/Tweet.html?dnt=false&id=1196540095848996871", archive.Twitter, "1196540095848996871", "https://x.com/i/status/1196540095848996871"},
		// Instagram
		{"https://www.instagram.com/p/B1mHd6sHGXK/?utm_source=ig_embed", archive.Instagram, "B1mHd6sHGXK", "https://www.instagram.com/p/B1mHd6sHGXK/"},
		{"https://instagram.com/reel/C9xYz12AbCd/", archive.Instagram, "C9xYz12AbCd", "https://www.instagram.com/reel/C9xYz12AbCd/"},
		{"https://www.instagram.com/tv/CI4vzvdnMGG", archive.Instagram, "CI4vzvdnMGG", "https://www.instagram.com/tv/CI4vzvdnMGG/"},
		{"https://www.instagram.com/p/CI4vzvdnMGG/embed/captioned/?cr=1", archive.Instagram, "CI4vzvdnMGG", "https://www.instagram.com/p/CI4vzvdnMGG/"},
		{"https://www.instagram.com/someuser/p/CI4vzvdnMGG/", archive.Instagram, "CI4vzvdnMGG", "https://www.instagram.com/p/CI4vzvdnMGG/"},
		// TikTok
		{"https://www.tiktok.com/@scout2015/video/6718335390845095173", archive.TikTok, "6718335390845095173", "https://www.tiktok.com/@scout2015/video/6718335390845095173"},
		{"https://www.tiktok.com/embed/v2/6718335390845095173?lang=en", archive.TikTok, "6718335390845095173", "https://www.tiktok.com/@_/video/6718335390845095173"},
		// Facebook
		{"https://www.facebook.com/CHCoteBasque/posts/1920722881385983:0", archive.Facebook, "1920722881385983", "https://www.facebook.com/CHCoteBasque/posts/1920722881385983"},
		{"https://www.facebook.com/zuck/posts/pfbid02abcDEF123ghiJKL456", archive.Facebook, "pfbid02abcDEF123ghiJKL456", "https://www.facebook.com/zuck/posts/pfbid02abcDEF123ghiJKL456"},
		{"https://www.facebook.com/elespectadorcom/videos/1321262654994930/", archive.Facebook, "1321262654994930", "https://www.facebook.com/elespectadorcom/videos/1321262654994930/"},
		{"https://www.facebook.com/permalink.php?story_fbid=10157&id=4", archive.Facebook, "10157", "https://www.facebook.com/permalink.php?story_fbid=10157&id=4"},
		{"https://www.facebook.com/watch/?v=1321262654994930", archive.Facebook, "1321262654994930", "https://www.facebook.com/watch/?v=1321262654994930"},
		{"https://fb.watch/abcD12EfG/", archive.Facebook, "abcD12EfG", "https://fb.watch/abcD12EfG/"},
		{"https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fwanyu.claire%2Fposts%2F155510659249821&width=500", archive.Facebook, "155510659249821", "https://www.facebook.com/wanyu.claire/posts/155510659249821"},
		{"https://www.facebook.com/plugins/video.php?height=314&href=https%3A%2F%2Fwww.facebook.com%2Felespectadorcom%2Fvideos%2F1321262654994930%2F", archive.Facebook, "1321262654994930", "https://www.facebook.com/elespectadorcom/videos/1321262654994930/"},
		{"https://www.facebook.com/unialesznoks/photos/pcb.3485430601537621/3485430308204317", archive.Facebook, "3485430308204317", "https://www.facebook.com/unialesznoks/photos/3485430308204317/"},
		{"https://www.facebook.com/photo.php?fbid=10207393772231779&set=a.1332832050135", archive.Facebook, "10207393772231779", "https://www.facebook.com/photo.php?fbid=10207393772231779"},
		// YouTube
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", archive.YouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		{"https://youtu.be/dQw4w9WgXcQ", archive.YouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		{"https://www.youtube.com/shorts/dQw4w9WgXcQ", archive.YouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		{"//www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0", archive.YouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		{"https://m.youtube.com/watch?v=dQw4w9WgXcQ", archive.YouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		// Bluesky
		{"https://bsky.app/profile/jay.bsky.team/post/3mdvfzll4622m", archive.Bluesky, "3mdvfzll4622m", "https://bsky.app/profile/jay.bsky.team/post/3mdvfzll4622m"},
		{"https://embed.bsky.app/embed/did:plc:rikaz5hycjwrgofhc3ugrqlq/app.bsky.feed.post/3mdvlqnojdk2f?id=1", archive.Bluesky, "3mdvlqnojdk2f", "https://bsky.app/profile/did:plc:rikaz5hycjwrgofhc3ugrqlq/post/3mdvlqnojdk2f"},
		// Mastodon, any instance
		{"https://mastodon.social/@Gargron/113512345678901234", archive.Mastodon, "113512345678901234", "https://mastodon.social/@Gargron/113512345678901234"},
		{"https://hachyderm.io/@kris/109331234567890123/embed", archive.Mastodon, "109331234567890123", "https://hachyderm.io/@kris/109331234567890123"},
		{"https://fosstodon.org/users/kev/statuses/109331234567890123", archive.Mastodon, "109331234567890123", "https://fosstodon.org/@kev/109331234567890123"},
		// Threads
		{"https://www.threads.net/@zuck/post/CuXFPIeLLod", archive.Threads, "CuXFPIeLLod", "https://www.threads.net/@zuck/post/CuXFPIeLLod"},
		{"https://www.threads.com/@zuck/post/CuXFPIeLLod/embed", archive.Threads, "CuXFPIeLLod", "https://www.threads.net/@zuck/post/CuXFPIeLLod"},
		// Reddit
		{"https://www.reddit.com/r/golang/comments/1gx2abc/some_title/", archive.Reddit, "1gx2abc", "https://www.reddit.com/r/golang/comments/1gx2abc/"},
		{"https://old.reddit.com/r/golang/comments/1gx2abc/some_title/lz9k2xq/", archive.Reddit, "lz9k2xq", "https://www.reddit.com/r/golang/comments/1gx2abc/some_title/lz9k2xq/"},
		{"https://redd.it/1gx2abc", archive.Reddit, "1gx2abc", "https://www.reddit.com/comments/1gx2abc/"},
		// LinkedIn
		{"https://www.linkedin.com/feed/update/urn:li:activity:7012345678901234567/", archive.LinkedIn, "7012345678901234567", "https://www.linkedin.com/feed/update/urn:li:activity:7012345678901234567/"},
		{"https://www.linkedin.com/embed/feed/update/urn:li:share:7012345678901234567", archive.LinkedIn, "7012345678901234567", "https://www.linkedin.com/feed/update/urn:li:share:7012345678901234567/"},
		{"https://www.linkedin.com/posts/jane-doe_some-words-activity-7012345678901234567-AbCd", archive.LinkedIn, "7012345678901234567", "https://www.linkedin.com/feed/update/urn:li:activity:7012345678901234567/"},
		// Telegram
		{"https://t.me/durov/43", archive.Telegram, "43", "https://t.me/durov/43"},
		{"https://t.me/s/durov/43?embed=1", archive.Telegram, "43", "https://t.me/durov/43"},
		// Vimeo
		{"https://vimeo.com/76979871", archive.Vimeo, "76979871", "https://vimeo.com/76979871"},
		{"https://player.vimeo.com/video/76979871?h=abc", archive.Vimeo, "76979871", "https://vimeo.com/76979871"},
		{"https://vimeo.com/channels/staffpicks/76979871", archive.Vimeo, "76979871", "https://vimeo.com/76979871"},
		// Truth Social
		{"https://truthsocial.com/@realDonaldTrump/113512345678901234", archive.TruthSocial, "113512345678901234", "https://truthsocial.com/@realDonaldTrump/113512345678901234"},
		{"https://truthsocial.com/@realDonaldTrump/posts/113512345678901234", archive.TruthSocial, "113512345678901234", "https://truthsocial.com/@realDonaldTrump/113512345678901234"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, ok := ParseURL(tt.raw)
			if !ok {
				t.Fatalf("ParseURL(%q) not recognised", tt.raw)
			}
			want := archive.PostRef{Platform: tt.platform, ID: tt.id, URL: tt.url}
			if got != want {
				t.Errorf("ParseURL(%q) = %+v, want %+v", tt.raw, got, want)
			}
		})
	}
}

func TestParseURLRejects(t *testing.T) {
	for _, raw := range []string{
		"",
		"not a url",
		"ftp://twitter.com/jack/status/20",
		"javascript:alert(1)",
		"https://twitter.com/jack",
		"https://twitter.com/intent/tweet?text=hi&url=https://example.com",
		"https://twitter.com/share?url=https://example.com",
		"https://twitter.com/hashtag/golang",
		"https://twitter.com/search?q=golang",
		"https://x.com/jack/status/notanumber",
		"https://www.instagram.com/natgeo/",
		"https://www.instagram.com/explore/tags/ferry/",
		"https://www.tiktok.com/@scout2015",
		"https://www.tiktok.com/tag/ferry",
		"https://www.facebook.com/sharer/sharer.php?u=https://example.com",
		"https://www.facebook.com/sharer.php?u=https://example.com",
		"https://www.facebook.com/dialog/share?app_id=1&href=https://example.com",
		"https://www.facebook.com/telegraph.co.uk",
		"https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2Ftelegraph",
		"http://www.facebook.com/plugins/likebox.php?href=http%3A%2F%2Fwww.facebook.com%2Ftelegraph.co.uk",
		"http://www.facebook.com/plugins/like.php?href=http%3A%2F%2Fwww.example.com%2F",
		"https://www.facebook.com/hashtag/ferry",
		"https://www.youtube.com/channel/UC123",
		"https://www.youtube.com/@somechannel",
		"https://www.youtube.com/results?search_query=ferry",
		"https://www.youtube.com/watch?v=tooshort",
		"https://bsky.app/profile/jay.bsky.team",
		"https://bsky.app/search?q=ferry",
		"https://mastodon.social/@Gargron",
		"https://mastodon.social/tags/ferry",
		"https://example.com/@user/notdigits",
		"https://www.threads.net/@zuck",
		"https://www.reddit.com/r/golang/",
		"https://www.reddit.com/user/spez/",
		"https://www.linkedin.com/in/jane-doe/",
		"https://www.linkedin.com/shareArticle?mini=true&url=https://example.com",
		"https://t.me/durov",
		"https://t.me/share/url?url=https://example.com",
		"https://t.me/joinchat/AAAAAE",
		"https://vimeo.com/staffpicks",
		"https://truthsocial.com/@realDonaldTrump",
		"https://example.com/2024/11/20/article.html",
	} {
		t.Run(raw, func(t *testing.T) {
			if got, ok := ParseURL(raw); ok {
				t.Errorf("ParseURL(%q) = %+v, want rejected", raw, got)
			}
		})
	}
}
