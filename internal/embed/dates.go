package embed

import (
	"strconv"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Bounds for a derived date: anything outside is a misread id, not a time.
var (
	earliestPost = time.Date(2006, 1, 1, 0, 0, 0, 0, time.UTC)
	latestPost   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// twitterEpoch is the X snowflake epoch, in Unix milliseconds.
const twitterEpoch = 1288834974657

// DateFromID returns the time a post was made as its id encodes it, for
// the platforms whose ids carry it: X/Twitter snowflakes (milliseconds
// since 2010-11-04 in the bits above 22), TikTok ids (Unix seconds in the
// bits above 32), Mastodon and Truth Social ids (Unix milliseconds in the
// bits above 16) and Bluesky TIDs (microseconds in the first 53 of 64
// bits, base32-sortable). It returns the zero time for other platforms and
// for ids that predate their platform's scheme.
func DateFromID(r archive.PostRef) time.Time {
	var t time.Time
	switch r.Platform {
	case archive.Twitter:
		n, err := strconv.ParseUint(r.ID, 10, 64)
		if err != nil || n < 1<<32 { // ids before snowflakes (Nov 2010) are counters
			return time.Time{}
		}
		t = time.UnixMilli(int64(n>>22) + twitterEpoch)
	case archive.TikTok:
		n, err := strconv.ParseUint(r.ID, 10, 64)
		if err != nil {
			return time.Time{}
		}
		t = time.Unix(int64(n>>32), 0)
	case archive.Mastodon, archive.TruthSocial:
		n, err := strconv.ParseUint(r.ID, 10, 64)
		if err != nil || n < 1<<40 { // pre-2017 ids are counters
			return time.Time{}
		}
		t = time.UnixMilli(int64(n >> 16))
	case archive.Bluesky:
		n, ok := decodeTID(r.ID)
		if !ok {
			return time.Time{}
		}
		t = time.UnixMicro(int64(n >> 10))
	default:
		return time.Time{}
	}
	if t.Before(earliestPost) || t.After(latestPost) {
		return time.Time{}
	}
	return t.UTC()
}

const tidAlphabet = "234567abcdefghijklmnopqrstuvwxyz"

// decodeTID decodes a 13-character Bluesky timestamp identifier.
func decodeTID(s string) (uint64, bool) {
	if len(s) != 13 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		v := -1
		for j := 0; j < len(tidAlphabet); j++ {
			if tidAlphabet[j] == s[i] {
				v = j
				break
			}
		}
		if v < 0 || (i == 0 && v >= 8) { // 65 bits of room; the top two are 0
			return 0, false
		}
		n = n<<5 | uint64(v)
	}
	return n, true
}
