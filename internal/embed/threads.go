package embed

import (
	"net/url"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Threads: threads.net or threads.com /@<user>/post/<code> (optionally
// /embed), and the short /t/<code>.
var threadsRecognizer = recognizer{
	platform: archive.Threads,
	hosts:    []string{"threads.net", "threads.com"},
	parse:    parseThreads,
}

func parseThreads(_ string, seg []string, _ *url.URL) (archive.PostRef, bool) {
	switch {
	case len(seg) >= 3 && strings.HasPrefix(seg[0], "@") && seg[1] == "post":
		if isToken(seg[2], 5, 64, "-") && isToken(seg[0][1:], 1, 60, ".") {
			return ref(archive.Threads, seg[2], "https://www.threads.net/"+seg[0]+"/post/"+seg[2])
		}
	case len(seg) >= 2 && seg[0] == "t":
		if isToken(seg[1], 5, 64, "-") {
			return ref(archive.Threads, seg[1], "https://www.threads.net/t/"+seg[1])
		}
	}
	return no()
}
