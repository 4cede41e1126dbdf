package embed

import (
	"net/url"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// TikTok: /@<user>/video/<id> (and /photo/<id>), the players /embed/v2/<id>,
// /embed/<id> and /player/v1/<id>, and the old m.tiktok.com/v/<id>.html.
var tiktokRecognizer = recognizer{
	platform: archive.TikTok,
	hosts:    []string{"tiktok.com"},
	parse:    parseTikTok,
}

func parseTikTok(_ string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	switch {
	case len(seg) >= 3 && strings.HasPrefix(seg[0], "@") && (seg[1] == "video" || seg[1] == "photo"):
		if isDigits(seg[2], 10, 22) && isToken(seg[0][1:], 1, 60, ".") {
			return ref(archive.TikTok, seg[2], "https://www.tiktok.com/"+seg[0]+"/"+seg[1]+"/"+seg[2])
		}
	case len(seg) >= 3 && seg[0] == "embed" && seg[1] == "v2",
		len(seg) >= 3 && seg[0] == "player" && seg[1] == "v1":
		if isDigits(seg[2], 10, 22) {
			return tiktokRef(seg[2])
		}
	case len(seg) >= 2 && seg[0] == "embed":
		if isDigits(seg[1], 10, 22) {
			return tiktokRef(seg[1])
		}
	case len(seg) >= 2 && seg[0] == "v":
		id := strings.TrimSuffix(seg[1], ".html")
		if isDigits(id, 10, 22) {
			return tiktokRef(id)
		}
	}
	return no()
}

// tiktokRef is a post whose author the URL does not name; TikTok resolves
// any user segment to the video.
func tiktokRef(id string) (archive.PostRef, bool) {
	return ref(archive.TikTok, id, "https://www.tiktok.com/@_/video/"+id)
}
