package embed

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// LinkedIn: /feed/update/urn:li:activity:<id>/ (also share: and ugcPost:),
// the player /embed/feed/update/urn:li:...:<id>, and /posts/<user>_<slug>-activity-<id>-<xx>.
// The id is the urn's number.
var linkedinRecognizer = recognizer{
	platform: archive.LinkedIn,
	hosts:    []string{"linkedin.com"},
	parse:    parseLinkedIn,
}

var linkedinPostSlug = regexp.MustCompile(`-(activity|share|ugcPost)-(\d{10,25})(-|$)`)

func parseLinkedIn(_ string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	if len(seg) >= 1 && seg[0] == "embed" {
		seg = seg[1:]
	}
	switch {
	case len(seg) >= 3 && seg[0] == "feed" && seg[1] == "update":
		parts := strings.Split(seg[2], ":")
		if len(parts) == 4 && parts[0] == "urn" && parts[1] == "li" && isDigits(parts[3], 5, 25) {
			switch parts[2] {
			case "activity", "share", "ugcPost":
				return ref(archive.LinkedIn, parts[3], "https://www.linkedin.com/feed/update/"+seg[2]+"/")
			}
		}
	case len(seg) >= 2 && seg[0] == "posts":
		if m := linkedinPostSlug.FindStringSubmatch(seg[1]); m != nil {
			return ref(archive.LinkedIn, m[2], "https://www.linkedin.com/feed/update/urn:li:"+m[1]+":"+m[2]+"/")
		}
	}
	return no()
}
