package archive

import (
	"fmt"
	"strings"
)

// Platform names a social platform whose posts embedarchive recognises.
// The string values are part of the extract --json contract.
type Platform string

// The platforms embedarchive recognises.
const (
	Twitter     Platform = "twitter"
	Instagram   Platform = "instagram"
	TikTok      Platform = "tiktok"
	Facebook    Platform = "facebook"
	YouTube     Platform = "youtube"
	Bluesky     Platform = "bluesky"
	Mastodon    Platform = "mastodon"
	Threads     Platform = "threads"
	Reddit      Platform = "reddit"
	LinkedIn    Platform = "linkedin"
	Telegram    Platform = "telegram"
	Vimeo       Platform = "vimeo"
	TruthSocial Platform = "truthsocial"
)

// Platforms lists every recognised platform, in a stable order.
var Platforms = []Platform{
	Twitter, Instagram, TikTok, Facebook, YouTube, Bluesky, Mastodon,
	Threads, Reddit, LinkedIn, Telegram, Vimeo, TruthSocial,
}

// Valid reports whether p is one of the recognised platforms.
func (p Platform) Valid() bool {
	for _, q := range Platforms {
		if p == q {
			return true
		}
	}
	return false
}

// PostRef identifies one post on one platform.
type PostRef struct {
	Platform Platform `json:"platform"`
	// ID is the post's id as its canonical URL spells it: a tweet's status
	// id, an Instagram shortcode, a YouTube video id, a Bluesky record key.
	// Telegram's message numbers are unique only per channel; Key
	// qualifies them.
	ID string `json:"post_id"`
	// URL is the post's canonical URL.
	URL string `json:"url"`
}

// Key returns the post's stable storage key, "platform:id". It is what
// back-links, quote ties and de-duplication compare. Telegram message
// numbers count per channel, so a Telegram key is "telegram:channel/id",
// the channel taken from the canonical URL (https://t.me/channel/id).
func (r PostRef) Key() string {
	if r.Platform == Telegram {
		if rest, ok := strings.CutPrefix(r.URL, "https://t.me/"); ok {
			if channel, id, ok := strings.Cut(rest, "/"); ok && id == r.ID && channel != "" {
				return fmt.Sprintf("%s:%s/%s", r.Platform, channel, r.ID)
			}
		}
	}
	return fmt.Sprintf("%s:%s", r.Platform, r.ID)
}
