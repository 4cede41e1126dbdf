package embed

import (
	"net/url"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Telegram: t.me/<channel>/<id> (also telegram.me, t.me/s/<channel>/<id>
// and the widget's ?embed=1 form). The post id is the message number, as
// the URL spells it; message numbers count per channel, so the post's key
// (archive.PostRef.Key) qualifies it with the channel from the URL.
var telegramRecognizer = recognizer{
	platform: archive.Telegram,
	hosts:    []string{"t.me", "telegram.me", "telegram.dog"},
	parse:    parseTelegram,
}

var telegramReserved = map[string]bool{"share": true, "joinchat": true, "addstickers": true, "proxy": true, "socks": true, "iv": true, "c": true}

func parseTelegram(_ string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	if len(seg) >= 3 && seg[0] == "s" {
		seg = seg[1:]
	}
	if len(seg) != 2 {
		return no()
	}
	return telegramPost(seg[0], seg[1])
}

// telegramPost builds the reference for message id in channel.
func telegramPost(channel, id string) (archive.PostRef, bool) {
	if telegramReserved[channel] || !isToken(channel, 3, 64, "") || !isDigits(id, 1, 12) {
		return no()
	}
	return ref(archive.Telegram, id, "https://t.me/"+channel+"/"+id)
}
