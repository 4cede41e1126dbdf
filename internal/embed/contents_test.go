package embed

import (
	"testing"
	"time"
)

// TestContents checks what Find reads of a post from its embed markup:
// text, author name and handle, and date (from the markup, or the id).
func TestContents(t *testing.T) {
	tests := []struct {
		name, html               string
		text, authorName, handle string
		published                string // RFC 3339, "" for none
	}{
		{"tweet: text, byline, snowflake date",
			`<blockquote class="twitter-tweet"><p lang="en" dir="ltr">The council has spoken.<br>See you at 23:40.</p>&mdash; Mayor Tom Reyes (@MayorTomReyes) <a href="https://twitter.com/MayorTomReyes/status/1861234567890123776">November 26, 2024</a></blockquote>`,
			"The council has spoken. See you at 23:40.", "Mayor Tom Reyes", "MayorTomReyes", "2024-11-26T02:24:35.708Z"},
		{"pre-snowflake tweet: the date the markup shows",
			`<blockquote class="twitter-tweet"><p>just setting up my twttr</p>&mdash; jack (@jack) <a href="https://twitter.com/jack/status/20">March 21, 2006</a></blockquote>`,
			"just setting up my twttr", "jack", "jack", "2006-03-21T00:00:00Z"},
		{"instagram: caption, byline, time element",
			`<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink="https://www.instagram.com/p/C9xYz12AbCd/"><div><p><a href="https://www.instagram.com/p/C9xYz12AbCd/">Last crossing of the year</a></p><p>A post shared by <a href="https://www.instagram.com/ferrycrew/">Ferry Crew</a> (@ferrycrew) on <time style="" datetime="2024-11-26T21:03:25+00:00">Nov 26, 2024 at 1:03pm PST</time></p></div></blockquote>`,
			"Last crossing of the year", "Ferry Crew", "ferrycrew", "2024-11-26T21:03:25Z"},
		{"bluesky: text, byline, TID date",
			`<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbqta5lnck2i"><p lang="en">Night services look expensive.</p>&mdash; Transit Notes (<a href="https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur">@transitnotes.bsky.social</a>) <a href="https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3lbqta5lnck2i">November 21, 2024</a></blockquote>`,
			"Night services look expensive.", "Transit Notes", "transitnotes.bsky.social", "2024-11-25T05:49:36.586Z"},
		{"facebook: text, author, localized byline",
			`<div class="fb-post" data-href="https://www.facebook.com/CHExample/posts/1920722881385983"><blockquote cite="https://www.facebook.com/CHExample/posts/1920722881385983:0" class="fb-xfbml-parse-ignore"><p>Appel aux dons</p><p>Publiée par <a href="https://www.facebook.com/CHExample/">Centre Hospitalier</a> sur&nbsp;<a href="https://www.facebook.com/CHExample/posts/1920722881385983:0">Jeudi 26 mars 2020</a></p></blockquote></div>`,
			"Appel aux dons", "Centre Hospitalier", "", ""},
		{"facebook: English byline date",
			`<blockquote cite="https://www.facebook.com/harbourcity/posts/1234567890123456" class="fb-xfbml-parse-ignore"><p>Ferry stays.</p>Posted by <a href="https://www.facebook.com/harbourcity">Harbour City</a> on&nbsp;<a href="https://www.facebook.com/harbourcity/posts/1234567890123456">Tuesday, November 26, 2024</a></blockquote>`,
			"Ferry stays.", "Harbour City", "", "2024-11-26T00:00:00Z"},
		{"mastodon link: date from the id",
			`<iframe src="https://mastodon.social/@harbourferry/113512345678901234/embed"></iframe>`,
			"", "", "harbourferry", "2024-11-20T00:02:18.703Z"},
		{"threads: boilerplate is not text",
			`<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.net/@harbourcity/post/DCxYzAbCdEf"><a href="https://www.threads.net/@harbourcity/post/DCxYzAbCdEf"><div>Post by @harbourcity</div><div>View on Threads</div></a></blockquote>`,
			"", "", "harbourcity", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := Find(parse(t, "c.html", "<html><body>"+tt.html+"</body></html>"))
			if len(es) != 1 {
				t.Fatalf("%d embeds, want 1: %+v", len(es), es)
			}
			e := es[0]
			if e.Text != tt.text || e.AuthorName != tt.authorName || e.AuthorHandle != tt.handle {
				t.Errorf("text %q author %q handle %q, want %q %q %q", e.Text, e.AuthorName, e.AuthorHandle, tt.text, tt.authorName, tt.handle)
			}
			var got string
			if !e.PublishedAt.IsZero() {
				got = e.PublishedAt.UTC().Format(time.RFC3339Nano)
			}
			if got != tt.published {
				t.Errorf("published %q, want %q", got, tt.published)
			}
		})
	}
}

func TestDateFromID(t *testing.T) {
	tests := []struct {
		platform, id, want string
	}{
		{"twitter", "1196540095848996871", "2019-11-18T21:26:04.147Z"},
		{"twitter", "20", ""},
		{"tiktok", "7441234567890123456", "2024-11-25T15:10:34Z"},
		{"mastodon", "113512345678901234", "2024-11-20T00:02:18.703Z"},
		{"truthsocial", "113512345678901234", "2024-11-20T00:02:18.703Z"},
		{"mastodon", "12345", ""},
		{"bluesky", "3mdvfzll4622m", "2026-02-02T17:53:11.76Z"},
		{"bluesky", "notatid", ""},
		{"youtube", "dQw4w9WgXcQ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.platform+"/"+tt.id, func(t *testing.T) {
			r, _ := ParseURL(map[string]string{
				"twitter": "https://x.com/a/status/", "tiktok": "https://www.tiktok.com/@a/video/",
				"mastodon": "https://mastodon.social/@a/", "truthsocial": "https://truthsocial.com/@a/",
				"bluesky": "https://bsky.app/profile/a.bsky.social/post/", "youtube": "https://youtu.be/",
			}[tt.platform] + tt.id)
			if r.ID == "" {
				r.ID = tt.id
			}
			var got string
			if d := DateFromID(r); !d.IsZero() {
				got = d.Format(time.RFC3339Nano)
			}
			if got != tt.want {
				t.Errorf("DateFromID(%s:%s) = %q, want %q", tt.platform, tt.id, got, tt.want)
			}
		})
	}
}
