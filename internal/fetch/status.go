package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// keptHeaders are the response headers a snapshot records.
var keptHeaders = []string{
	"Content-Type", "Content-Length", "Content-Encoding", "Last-Modified",
	"ETag", "Date", "Server", "Retry-After", "Location", "X-Robots-Tag",
}

// newSnapshot fills a snapshot's request facts from an exchange: URLs,
// status, kept headers, the body and its digest.
func newSnapshot(post archive.PostRef, source string, ex *exchange) archive.Snapshot {
	s := archive.Snapshot{
		Post:       post,
		Source:     source,
		RequestURL: ex.RequestURL,
		FinalURL:   ex.FinalURL,
		HTTPStatus: ex.Status,
		FetchedAt:  ex.FetchedAt,
		Truncated:  ex.Truncated,
	}
	if ex.Header != nil {
		s.Headers = map[string]string{}
		for _, k := range keptHeaders {
			if v := ex.Header.Get(k); v != "" {
				s.Headers[k] = v
			}
		}
	}
	if ex.Status != 0 {
		s.Body = ex.Body
		sum := sha256.Sum256(ex.Body)
		s.SHA256 = hex.EncodeToString(sum[:])
	}
	return s
}

// classify turns an exchange's transport outcome and HTTP status into a
// snapshot status. ok means a 2xx answer whose content decides.
func classify(ex *exchange) (status archive.Status, reason string, ok bool) {
	if ex.Err != nil {
		var be *BlockedError
		var tr errTooManyRedirects
		var dnsErr *net.DNSError
		switch {
		case errors.As(ex.Err, &be):
			return archive.StatusBlocked, be.Error(), false
		case errors.As(ex.Err, &tr):
			return archive.StatusError, "redirect loop: " + tr.Error(), false
		case errors.Is(ex.Err, errBomb):
			return archive.StatusError, "decompression bomb: body decodes to over the size cap", false
		case isTimeout(ex.Err):
			return archive.StatusError, "timeout", false
		case errors.As(ex.Err, &dnsErr):
			return archive.StatusError, "dns: " + dnsErr.Err + ": " + dnsErr.Name, false
		}
		return archive.StatusError, "transport: " + shortErr(ex.Err), false
	}
	code := ex.Status
	switch {
	case code >= 200 && code < 300:
		return "", "", true
	case code == http.StatusNotFound || code == http.StatusGone:
		return archive.StatusDeleted, fmt.Sprintf("http %d", code), false
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return archive.StatusUnavailable, fmt.Sprintf("http %d: login wall or forbidden", code), false
	case code == http.StatusUnavailableForLegalReasons:
		return archive.StatusUnavailable, "http 451: legal or geo restriction", false
	case code == http.StatusTooManyRequests:
		r := "rate limited (http 429)"
		if ra := ex.Header.Get("Retry-After"); ra != "" {
			r += ", retry after " + ra
		}
		return archive.StatusError, r, false
	case code >= 500:
		r := fmt.Sprintf("server error (http %d)", code)
		if ra := ex.Header.Get("Retry-After"); ra != "" {
			r += ", retry after " + ra
		}
		return archive.StatusError, r, false
	}
	return archive.StatusError, fmt.Sprintf("unexpected http %d", code), false
}

func shortErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && len(s)-i > 8 {
		s = s[i+2:]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// statusRank orders non-live statuses by how telling they are.
var statusRank = map[archive.Status]int{
	archive.StatusDeleted:     4,
	archive.StatusUnavailable: 3,
	archive.StatusBlocked:     2,
	archive.StatusError:       1,
}

// summarise is a capture's status: live if any network source is live,
// else the most telling of the others. The markup snapshot shows what the
// article showed, not what the post is now, so when nothing else was tried
// (offline) the post's current state is unknown: unavailable, never live.
func summarise(snaps []archive.Snapshot) archive.Status {
	best := archive.Status("")
	for _, s := range snaps {
		if s.Source == archive.SourceMarkup {
			continue
		}
		if s.Status == archive.StatusLive {
			return archive.StatusLive
		}
		if best == "" || statusRank[s.Status] > statusRank[best] {
			best = s.Status
		}
	}
	if best == "" {
		return archive.StatusUnavailable
	}
	return best
}
