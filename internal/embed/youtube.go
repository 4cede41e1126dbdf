package embed

import (
	"net/url"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// YouTube: watch?v=<id>, /shorts/<id>, /live/<id>, youtu.be/<id>, and the
// players /embed/<id> and /v/<id> on youtube.com and youtube-nocookie.com.
// A video id is 11 characters of [A-Za-z0-9_-].
var youtubeRecognizer = recognizer{
	platform: archive.YouTube,
	hosts:    []string{"youtube.com", "youtu.be", "youtube-nocookie.com"},
	parse:    parseYouTube,
}

func parseYouTube(host string, seg []string, u *url.URL) (archive.PostRef, bool) {
	var id string
	switch {
	case host == "youtu.be":
		if len(seg) >= 1 {
			id = seg[0]
		}
	case len(seg) >= 1 && (seg[0] == "watch" || seg[0] == "watch_popup"):
		id = u.Query().Get("v")
	case len(seg) >= 2 && (seg[0] == "embed" || seg[0] == "shorts" || seg[0] == "live" || seg[0] == "v" || seg[0] == "e"):
		id = seg[1]
	}
	if !isYouTubeID(id) {
		return no()
	}
	return ref(archive.YouTube, id, "https://www.youtube.com/watch?v="+id)
}

// isYouTubeID reports an 11-character video id; "videoseries" and
// "live_stream" are players of a playlist and a channel, not videos.
func isYouTubeID(id string) bool {
	return len(id) == 11 && isToken(id, 11, 11, "-") && id != "videoseries" && id != "live_stream"
}
