package embed

import (
	"net/url"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Instagram: /p/<shortcode>/, /reel/<code>/, /reels/<code>/, /tv/<code>/,
// the newer /<user>/p/<code>/, and the embed iframe /p/<code>/embed.
var instagramRecognizer = recognizer{
	platform: archive.Instagram,
	hosts:    []string{"instagram.com", "instagr.am"},
	parse:    parseInstagram,
}

var instagramKinds = map[string]string{"p": "p", "reel": "reel", "reels": "reel", "tv": "tv"}

func parseInstagram(_ string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	for i := 0; i+1 < len(seg) && i < 2; i++ {
		kind, ok := instagramKinds[seg[i]]
		if !ok {
			continue
		}
		if i == 1 && !isToken(seg[0], 1, 30, ".") {
			return no()
		}
		code := seg[i+1]
		if !isToken(code, 5, 64, "-") {
			return no()
		}
		return ref(archive.Instagram, code, "https://www.instagram.com/"+kind+"/"+code+"/")
	}
	return no()
}
