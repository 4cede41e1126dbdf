package lambdaenv

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Environment variables the functions read, besides appconfig's
// (ARCHIVE_TABLE, SNAPSHOT_BUCKET...) and the fetcher's (EMBEDARCHIVE_*).
const (
	// EnvFetchBudget bounds the fetches of one article (a Go duration).
	EnvFetchBudget = "FETCH_BUDGET"
	// EnvFetchSources lists the network sources fetched per post,
	// comma-separated, of "oembed" and "page"; "none" captures only what
	// the article's markup shows. Default both.
	EnvFetchSources = "FETCH_SOURCES"
	// EnvArchiveParallel is how many SQS messages ArchiveFunction works
	// on at once.
	EnvArchiveParallel = "ARCHIVE_PARALLEL"
	// EnvRecheckBudget bounds one recheck run, within the invocation's
	// deadline; EnvRecheckLimit caps the posts it fetches.
	EnvRecheckBudget = "RECHECK_BUDGET"
	EnvRecheckLimit  = "RECHECK_LIMIT"
	// EnvRecheckAfter is how long after a capture a post is due for a
	// recheck (default archive.DefaultRecheckAfter).
	EnvRecheckAfter = "RECHECK_AFTER"
)

// Settings are the functions' own settings.
type Settings struct {
	FetchBudget     time.Duration
	FetchSources    []string // nil: every source; empty: none
	ArchiveParallel int
	RecheckBudget   time.Duration
	RecheckLimit    int
	RecheckAfter    time.Duration
}

// Read parses the settings with getenv (os.Getenv). Unset variables take
// their defaults; a malformed one is an error that names it.
func Read(getenv func(string) string) (Settings, error) {
	s := Settings{
		FetchBudget:     25 * time.Second,
		ArchiveParallel: 2,
		RecheckBudget:   4 * time.Minute,
		RecheckLimit:    archive.DefaultRecheckLimit,
		RecheckAfter:    archive.DefaultRecheckAfter,
	}
	var err error
	if s.FetchBudget, err = duration(getenv, EnvFetchBudget, s.FetchBudget); err != nil {
		return s, err
	}
	if s.RecheckBudget, err = duration(getenv, EnvRecheckBudget, s.RecheckBudget); err != nil {
		return s, err
	}
	if s.RecheckAfter, err = duration(getenv, EnvRecheckAfter, s.RecheckAfter); err != nil {
		return s, err
	}
	if s.ArchiveParallel, err = count(getenv, EnvArchiveParallel, s.ArchiveParallel, 1, 10); err != nil {
		return s, err
	}
	if s.RecheckLimit, err = count(getenv, EnvRecheckLimit, s.RecheckLimit, 1, 10000); err != nil {
		return s, err
	}
	if v := strings.TrimSpace(getenv(EnvFetchSources)); v != "" {
		s.FetchSources = []string{}
		if v != "none" {
			for _, src := range strings.Split(v, ",") {
				src = strings.TrimSpace(src)
				if src != archive.SourceOEmbed && src != archive.SourcePage {
					return s, fmt.Errorf("%s: unknown source %q (want oembed, page or none)", EnvFetchSources, src)
				}
				s.FetchSources = append(s.FetchSources, src)
			}
		}
	}
	return s, nil
}

func duration(getenv func(string) string, name string, def time.Duration) (time.Duration, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: %q is not a positive duration (e.g. 90s)", name, v)
	}
	return d, nil
}

func count(getenv func(string) string, name string, def, lo, hi int) (int, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s: %q is not a number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}
