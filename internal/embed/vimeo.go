package embed

import (
	"net/url"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Vimeo: vimeo.com/<id> (optionally /<unlisted hash>),
// vimeo.com/channels/<c>/<id>, vimeo.com/groups/<g>/videos/<id>, and the
// player player.vimeo.com/video/<id>. Only numeric ids name a video.
var vimeoRecognizer = recognizer{
	platform: archive.Vimeo,
	hosts:    []string{"vimeo.com"},
	parse:    parseVimeo,
}

func parseVimeo(host string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	var id string
	switch {
	case host == "player.vimeo.com":
		if len(seg) >= 2 && seg[0] == "video" {
			id = seg[1]
		}
	case len(seg) >= 1 && isDigits(seg[0], 1, 12):
		id = seg[0]
	case len(seg) >= 3 && seg[0] == "channels":
		id = seg[2]
	case len(seg) >= 4 && seg[0] == "groups" && seg[2] == "videos":
		id = seg[3]
	case len(seg) >= 2 && seg[0] == "video":
		id = seg[1]
	}
	if !isDigits(id, 1, 12) {
		return no()
	}
	return ref(archive.Vimeo, id, "https://vimeo.com/"+id)
}
