package web

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/embedarchive/embedarchive/internal/archive"
)

const (
	maxLimit      = 500
	maxParamBytes = 2048
)

// The parameters each kind of lookup accepts, besides the list parameters.
var (
	listParams    = []string{"since", "until", "limit", "cursor"}
	postSelectors = []string{"url", "key", "author", "platform", "status"}
)

// params reads a request's query string strictly: every parameter must be
// known, given at most once, valid UTF-8 and of sane length. Empty values
// count as absent, so a form's blank fields do no harm.
type params struct {
	v url.Values
}

func readParams(raw string, allowed ...string) (params, error) {
	v, err := url.ParseQuery(raw)
	if err != nil {
		return params{}, badParam("query", "the query string is malformed")
	}
	ok := make(map[string]bool, len(allowed))
	for _, a := range allowed {
		ok[a] = true
	}
	names := make([]string, 0, len(v))
	for k := range v {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !ok[k] {
			return params{}, badParam(safeName(k), fmt.Sprintf("unknown parameter; this route takes %s", strings.Join(allowed, ", ")))
		}
		vals := v[k]
		if len(vals) > 1 {
			return params{}, badParam(k, "given more than once")
		}
		if len(vals[0]) > maxParamBytes {
			return params{}, badParam(k, fmt.Sprintf("longer than %d bytes", maxParamBytes))
		}
		if !utf8.ValidString(vals[0]) {
			return params{}, badParam(k, "not valid UTF-8")
		}
	}
	return params{v: v}, nil
}

// safeName quotes an unknown parameter name so that echoing it back is
// harmless and short.
func safeName(s string) string {
	if len(s) > 40 {
		s = s[:40]
	}
	return strconv.Quote(s)
}

func (p params) get(name string) string { return strings.TrimSpace(p.v.Get(name)) }

// list reads since, until, limit and cursor into q.
func (p params) list(q *archive.Query, defaultLimit int) error {
	var err error
	if s := p.get("since"); s != "" {
		if q.Since, err = parseTime(s); err != nil {
			return badParam("since", err.Error())
		}
	}
	if s := p.get("until"); s != "" {
		if q.Until, err = parseTime(s); err != nil {
			return badParam("until", err.Error())
		}
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Until.After(q.Since) {
		return badParam("until", "must be after since")
	}
	q.Limit = defaultLimit
	if s := p.get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return badParam("limit", fmt.Sprintf("must be a whole number from 1 to %d", maxLimit))
		}
		q.Limit = n
	}
	q.Cursor = p.get("cursor")
	return nil
}

// parseTime accepts what the CLI's --since and --until accept: RFC 3339,
// or UTC 2006-01-02T15:04, 2006-01-02 or 2006-01. Since is inclusive and
// until exclusive, as the store applies them: until=2024-02-01 ends with
// January.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", time.DateOnly, "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("want a date (2024-01-31), a month (2024-01) or an RFC 3339 time (2024-01-31T12:00:00Z)")
}

// articleQuery: id=ID, one article.
func articleQuery(raw string) (archive.Query, error) {
	p, err := readParams(raw, "id")
	if err != nil {
		return archive.Query{}, err
	}
	id := p.get("id")
	if id == "" {
		return archive.Query{}, badParam("id", "required: the article's id, e.g. s3://bucket/key or file:///path")
	}
	return archive.Query{Article: id}, nil
}

// articlesQuery: one article by id, or with no id the articles archived
// most recently (since and until bound when they were archived).
func articlesQuery(raw string, defaultLimit int) (archive.Query, error) {
	p, err := readParams(raw, append([]string{"id"}, listParams...)...)
	if err != nil {
		return archive.Query{}, err
	}
	if id := p.get("id"); id != "" {
		for _, l := range listParams {
			if p.get(l) != "" {
				return archive.Query{}, badParam(l, "does not go with id: give an id, or list parameters")
			}
		}
		return archive.Query{Article: id}, nil
	}
	var q archive.Query
	if err := p.list(&q, defaultLimit); err != nil {
		return archive.Query{}, err
	}
	return q, nil
}

// postsQuery: exactly one of url, key, author, platform, status, plus the
// list parameters.
func postsQuery(raw string, defaultLimit int) (archive.Query, error) {
	return selectPosts(raw, postSelectors, true, defaultLimit)
}

// postQuery: one post, by url or key.
func postQuery(raw string) (archive.Query, error) {
	return selectPosts(raw, []string{"url", "key"}, false, 0)
}

func selectPosts(raw string, selectors []string, list bool, defaultLimit int) (archive.Query, error) {
	allowed := append([]string{}, selectors...)
	if list {
		allowed = append(allowed, listParams...)
	}
	p, err := readParams(raw, allowed...)
	if err != nil {
		return archive.Query{}, err
	}
	var given []string
	for _, s := range selectors {
		if p.get(s) != "" {
			given = append(given, s)
		}
	}
	switch len(given) {
	case 0:
		return archive.Query{}, badParam("query", "give one of "+strings.Join(selectors, ", "))
	case 1:
	default:
		return archive.Query{}, badParam("query", "give only one of "+strings.Join(selectors, ", ")+" (got "+strings.Join(given, ", ")+")")
	}
	var q archive.Query
	switch sel := given[0]; sel {
	case "url":
		u := p.get("url")
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return archive.Query{}, badParam("url", "must be an http or https URL of a post")
		}
		q.Post = u
	case "key":
		k := p.get("key")
		plat, id, ok := strings.Cut(k, ":")
		if !ok || id == "" || !archive.Platform(strings.ToLower(plat)).Valid() {
			return archive.Query{}, badParam("key", "must be platform:id, e.g. twitter:1234567890 ("+platformList()+")")
		}
		q.Post = strings.ToLower(plat) + ":" + id
	case "author":
		a, err := parseAuthor(p.get("author"))
		if err != nil {
			return archive.Query{}, err
		}
		q.Author = a
	case "platform":
		pl := archive.Platform(strings.ToLower(p.get("platform")))
		if !pl.Valid() {
			return archive.Query{}, badParam("platform", "unknown; one of "+platformList())
		}
		q.Platform = pl
	case "status":
		st := archive.Status(strings.ToLower(p.get("status")))
		if !validStatus(st) {
			return archive.Query{}, badParam("status", "unknown; one of live, deleted, unavailable, blocked, error")
		}
		q.Status = st
	}
	if !list {
		return q, nil
	}
	if err := p.list(&q, defaultLimit); err != nil {
		return archive.Query{}, err
	}
	return q, nil
}

// parseAuthor reads "platform:handle"; a leading @ on the handle is dropped.
func parseAuthor(s string) (string, error) {
	plat, handle, ok := strings.Cut(s, ":")
	handle = strings.TrimPrefix(strings.TrimSpace(handle), "@")
	plat = strings.ToLower(strings.TrimSpace(plat))
	if !ok || handle == "" || !archive.Platform(plat).Valid() {
		return "", badParam("author", "must be platform:handle, e.g. twitter:nayibbukele ("+platformList()+")")
	}
	return archive.NormalizeAuthor(plat + ":" + handle), nil
}

// quotesQuery: speaker=NAME plus the list parameters.
func quotesQuery(raw string, defaultLimit int) (archive.Query, error) {
	p, err := readParams(raw, append([]string{"speaker"}, listParams...)...)
	if err != nil {
		return archive.Query{}, err
	}
	q := archive.Query{Speaker: p.get("speaker")}
	if q.Speaker == "" {
		return archive.Query{}, badParam("speaker", "required: the speaker's name, e.g. Nayib Bukele")
	}
	if err := p.list(&q, defaultLimit); err != nil {
		return archive.Query{}, err
	}
	return q, nil
}

func validStatus(s archive.Status) bool {
	switch s {
	case archive.StatusLive, archive.StatusDeleted, archive.StatusUnavailable, archive.StatusBlocked, archive.StatusError:
		return true
	}
	return false
}

func platformList() string {
	names := make([]string, len(archive.Platforms))
	for i, p := range archive.Platforms {
		names[i] = string(p)
	}
	return strings.Join(names, ", ")
}
