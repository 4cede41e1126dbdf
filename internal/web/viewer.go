package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/embedarchive/embedarchive/internal/archive"
)

//go:embed templates/*.html static/*
var assets embed.FS

func staticFS() fs.FS {
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// maxEmbedLookups caps the post lookups an article page makes to show each
// embedded post's status.
const maxEmbedLookups = 100

// pages holds one template set per page, each with the shared layout.
type pages struct {
	byName map[string]*template.Template
}

var templateFuncs = template.FuncMap{
	"ts":           formatTime,
	"iso":          func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) },
	"badgeClass":   badgeClass,
	"excerpt":      excerpt,
	"percent":      func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
	"statusLabel":  statusLabel,
	"sourceLabel":  sourceLabel,
	"platformName": platformName,
}

// platformName spells a platform the way it spells itself.
func platformName(p archive.Platform) string {
	switch p {
	case archive.Twitter:
		return "X/Twitter"
	case archive.TikTok:
		return "TikTok"
	case archive.YouTube:
		return "YouTube"
	case archive.LinkedIn:
		return "LinkedIn"
	case archive.TruthSocial:
		return "Truth Social"
	case "":
		return ""
	}
	return strings.ToUpper(string(p[:1])) + string(p[1:])
}

// sourceLabel names where a snapshot came from, in a reader's words.
func sourceLabel(src string) string {
	switch src {
	case archive.SourceMarkup:
		return "article markup"
	case archive.SourceOEmbed:
		return "oEmbed"
	case archive.SourcePage:
		return "post page"
	}
	return src
}

func mustParsePages() *pages {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range []string{"home", "article", "articles", "post", "posts", "quotes", "error"} {
		t := template.Must(template.New(name).Funcs(templateFuncs).ParseFS(assets, "templates/layout.html", "templates/"+name+".html"))
		p.byName[name] = t
	}
	return p
}

// view is what every page template gets: the page's title and its data.
type view struct {
	Title     string
	RequestID string
	Data      any
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 rather than half a page.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	var buf bytes.Buffer
	err := h.pages.byName[name].ExecuteTemplate(&buf, "layout", view{Title: title, RequestID: requestID(r.Context()), Data: data})
	if err != nil {
		h.log.ErrorContext(r.Context(), "web: render", "request_id", requestID(r.Context()), "page", name, "err", err)
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString("<!doctype html><title>internal error</title><p>internal error</p>")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type errorData struct {
	Status  int
	Message string
}

func (h *handler) renderError(w http.ResponseWriter, r *http.Request, p problem) {
	h.render(w, r, p.Status, "error", http.StatusText(p.Status), errorData{Status: p.Status, Message: p.Message})
}

func (h *handler) pageUnknown(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		h.renderError(w, r, problem{Status: http.StatusMethodNotAllowed, Message: "method not allowed; the viewer is read-only"})
		return
	}
	h.fail(w, r, archive.Errorf("web", archive.NotFound, "no page %s", r.URL.Path))
}

// searchForm is the home page's form, as submitted.
type searchForm struct {
	By, Q, Since, Until string
}

type option struct {
	Value, Label string
	Selected     bool
}

type homeData struct {
	Form      searchForm
	By        []option
	Error     string
	Platforms []archive.Platform
	Statuses  []archive.Status
	Recent    []archive.ArticleView
}

// recentOnHome is how many recently archived articles the home page lists.
const recentOnHome = 10

var searchKinds = []option{
	{Value: "post", Label: "Post URL or platform:id"},
	{Value: "article", Label: "Article id"},
	{Value: "author", Label: "Author (platform:handle)"},
	{Value: "speaker", Label: "Speaker name"},
	{Value: "platform", Label: "Platform"},
	{Value: "status", Label: "Post status"},
}

var allStatuses = []archive.Status{archive.StatusLive, archive.StatusDeleted, archive.StatusUnavailable, archive.StatusBlocked, archive.StatusError}

func (h *handler) homeView(f searchForm, msg string) homeData {
	d := homeData{Form: f, Error: msg, Platforms: archive.Platforms, Statuses: allStatuses}
	for _, o := range searchKinds {
		o.Selected = o.Value == f.By
		d.By = append(d.By, o)
	}
	return d
}

func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	d := h.homeView(searchForm{By: "post"}, "")
	// The search form works without the list: a failed query only hides it.
	if res, err := h.query(r.Context(), archive.Query{Limit: recentOnHome}); err != nil {
		h.log.WarnContext(r.Context(), "web: recent articles", "request_id", requestID(r.Context()), "err", err)
	} else {
		d.Recent = res.Articles
	}
	h.render(w, r, http.StatusOK, "home", "Search the archive", d)
}

type articlesData struct {
	Heading  string
	Articles []archive.ArticleView
	NextURL  string
	FirstURL string
}

// articles lists the articles archived most recently.
func (h *handler) articles(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(r.URL.RawQuery, listParams...)
	var q archive.Query
	if err == nil {
		err = p.list(&q, h.pageSize)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.query(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	heading := "Archived articles" + dateRange(q)
	d := articlesData{Heading: heading, Articles: res.Articles}
	d.NextURL, d.FirstURL = pageLinks(r, res.NextCursor)
	h.render(w, r, http.StatusOK, "articles", heading, d)
}

// search turns the home form into the page that answers it. A query that
// would be refused comes back to the form with the reason.
func (h *handler) search(w http.ResponseWriter, r *http.Request) {
	p, err := readParams(r.URL.RawQuery, "by", "q", "since", "until")
	if err != nil {
		h.render(w, r, http.StatusBadRequest, "home", "Search the archive", h.homeView(searchForm{By: "post"}, classify(err).Message))
		return
	}
	f := searchForm{By: p.get("by"), Q: p.get("q"), Since: p.get("since"), Until: p.get("until")}
	target, err := searchTarget(f)
	if err == nil {
		_, err = parseTarget(target)
	}
	if err != nil {
		h.render(w, r, http.StatusBadRequest, "home", "Search the archive", h.homeView(f, classify(err).Message))
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func searchTarget(f searchForm) (string, error) {
	if f.Q == "" && f.By != "platform" && f.By != "status" {
		return "", badParam("q", "type what to look for")
	}
	v := url.Values{}
	list := func() {
		if f.Since != "" {
			v.Set("since", f.Since)
		}
		if f.Until != "" {
			v.Set("until", f.Until)
		}
	}
	var path string
	switch f.By {
	case "post":
		path = "/post"
		if strings.Contains(f.Q, "://") {
			v.Set("url", f.Q)
		} else {
			v.Set("key", f.Q)
		}
	case "article":
		path = "/article"
		v.Set("id", f.Q)
	case "author":
		path = "/posts"
		v.Set("author", f.Q)
		list()
	case "speaker":
		path = "/quotes"
		v.Set("speaker", f.Q)
		list()
	case "platform", "status":
		path = "/posts"
		v.Set(f.By, f.Q)
		list()
	default:
		return "", badParam("by", "choose what to search by")
	}
	return path + "?" + v.Encode(), nil
}

// parseTarget checks a viewer URL the way its page will.
func parseTarget(target string) (archive.Query, error) {
	path, raw, _ := strings.Cut(target, "?")
	switch path {
	case "/post":
		return postQuery(raw)
	case "/article":
		return articleQuery(raw)
	case "/posts":
		return postsQuery(raw, 0)
	case "/quotes":
		return quotesQuery(raw, 0)
	}
	return archive.Query{}, fmt.Errorf("web: no page %s", path)
}

// embedRow is one post an article shows, with what became of it.
type embedRow struct {
	archive.Embed
	Status   archive.Status
	Edited   bool
	Archived bool
	// Fetched: some snapshot came from the platform, not only from the
	// article's markup, so Status says what the platform answered.
	Fetched bool
}

type articleData struct {
	View   archive.ArticleView
	Embeds []embedRow
	// WARCURL downloads the WARC of the run that archived this version,
	// when there is one and a blob store to serve it.
	WARCURL string
}

// rawURL is the /raw link that downloads the blob under key.
func rawURL(key string) string { return "/raw?" + url.Values{"key": {key}}.Encode() }

func (h *handler) article(w http.ResponseWriter, r *http.Request) {
	q, err := articleQuery(r.URL.RawQuery)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.query(r.Context(), q)
	if err == nil && len(res.Articles) == 0 {
		err = archive.Errorf("web.article", archive.NotFound, "article %q: empty result", q.Article)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	av := res.Articles[0]
	d := articleData{View: av}
	if h.blobs != nil && av.Article.WARC != "" {
		d.WARCURL = rawURL(av.Article.WARC)
	}
	lookups := 0
	for _, e := range av.Embeds {
		row := embedRow{Embed: e}
		if lookups < maxEmbedLookups {
			lookups++
			pr, err := h.query(r.Context(), archive.Query{Post: e.Key(), Limit: 1})
			switch {
			case err == nil && len(pr.Posts) > 0:
				row.Archived = true
				row.Status = pr.Posts[0].Post.Status
				row.Edited = pr.Posts[0].Post.Edited
				row.Fetched = fetchedOnce(pr.Posts[0].Snapshots)
			case err != nil && archive.KindOf(err) != archive.NotFound:
				h.log.WarnContext(r.Context(), "web: embed status lookup", "request_id", requestID(r.Context()), "post", e.Key(), "err", err)
				lookups = maxEmbedLookups // stop asking a struggling store
			}
		}
		d.Embeds = append(d.Embeds, row)
	}
	title := av.Article.Title
	if title == "" {
		title = av.Article.ID
	}
	h.render(w, r, http.StatusOK, "article", title, d)
}

// snapRow is one snapshot as the post page lists it.
type snapRow struct {
	archive.Snapshot
	RawURL string
	// WARCURL downloads the WARC of the fetch that took the snapshot.
	WARCURL string
}

type postData struct {
	View      archive.PostView
	Snapshots []snapRow
	// First is the earliest live snapshot with text that the platform
	// answered, else the earliest with text: the post as first archived.
	// Latest is the newest snapshot the platform answered, of any status:
	// the post now; nil when it was never fetched.
	First, Latest *archive.Snapshot
	// Shown is what the article's markup showed of the post, when it
	// differs from First.
	Shown *archive.Snapshot
	// LastLive is when a platform last showed the post, for a post that is
	// gone now.
	LastLive time.Time
	Deleted  bool
	Edited   bool
	// Fetched: some snapshot came from the platform (see embedRow).
	Fetched bool
}

func fetchedOnce(snaps []archive.Snapshot) bool {
	for _, s := range snaps {
		if s.Source != archive.SourceMarkup {
			return true
		}
	}
	return false
}

func (h *handler) post(w http.ResponseWriter, r *http.Request) {
	q, err := postQuery(r.URL.RawQuery)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.query(r.Context(), q)
	if err == nil && len(res.Posts) == 0 {
		err = archive.Errorf("web.post", archive.NotFound, "post %q: empty result", q.Post)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := buildPostData(res.Posts[0], h.blobs != nil)
	title := "Post " + d.View.Post.Key()
	if n := d.View.Post.AuthorHandle; n != "" {
		title = "Post by @" + n + " on " + platformName(d.View.Post.Platform)
	}
	h.render(w, r, http.StatusOK, "post", title, d)
}

// buildPostData orders a post's snapshots newest first and picks out the
// post as first archived and as it is now. Both prefer what the platform
// answered (oEmbed, the post page) over what the article's markup showed,
// which is only a fallback when nothing was fetched.
func buildPostData(pv archive.PostView, raw bool) postData {
	d := postData{View: pv, Deleted: pv.Post.Status == archive.StatusDeleted, Edited: pv.Post.Edited, Fetched: fetchedOnce(pv.Snapshots)}
	snaps := slices.Clone(pv.Snapshots)
	slices.SortStableFunc(snaps, func(a, b archive.Snapshot) int { return b.FetchedAt.Compare(a.FetchedAt) })
	for i := range snaps {
		row := snapRow{Snapshot: snaps[i]}
		if raw && snaps[i].BlobKey != "" {
			row.RawURL = rawURL(snaps[i].BlobKey)
		}
		if raw && snaps[i].WARC != "" {
			row.WARCURL = rawURL(snaps[i].WARC)
		}
		d.Snapshots = append(d.Snapshots, row)
	}
	fetched := func(s archive.Snapshot) bool { return s.Source != archive.SourceMarkup }
	for i := range snaps {
		if fetched(snaps[i]) {
			d.Latest = &snaps[i]
			break
		}
	}
	for i := len(snaps) - 1; i >= 0; i-- {
		if fetched(snaps[i]) && snaps[i].Status == archive.StatusLive && snaps[i].Text != "" {
			d.First = &snaps[i]
			break
		}
	}
	for i := len(snaps) - 1; i >= 0 && d.First == nil; i-- {
		if snaps[i].Text != "" {
			d.First = &snaps[i]
		}
	}
	for i := range snaps {
		if snaps[i].Status == archive.StatusLive && fetched(snaps[i]) {
			d.LastLive = snaps[i].FetchedAt
			break
		}
	}
	for i := range snaps {
		if !fetched(snaps[i]) && snaps[i].Text != "" {
			if d.First == nil || (d.First != &snaps[i] && foldSpace(d.First.Text) != foldSpace(snaps[i].Text)) {
				d.Shown = &snaps[i]
			}
			break
		}
	}
	return d
}

func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

type postsData struct {
	Heading  string
	Posts    []archive.PostView
	NextURL  string
	FirstURL string
}

func (h *handler) posts(w http.ResponseWriter, r *http.Request) {
	q, err := postsQuery(r.URL.RawQuery, h.pageSize)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if q.Post != "" { // one post: its own page says more
		param := "key"
		if strings.Contains(q.Post, "://") {
			param = "url"
		}
		http.Redirect(w, r, "/post?"+url.Values{param: {q.Post}}.Encode(), http.StatusSeeOther)
		return
	}
	res, err := h.query(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	heading := postsHeading(q)
	d := postsData{Heading: heading, Posts: res.Posts}
	d.NextURL, d.FirstURL = pageLinks(r, res.NextCursor)
	h.render(w, r, http.StatusOK, "posts", heading, d)
}

func postsHeading(q archive.Query) string {
	var s string
	switch {
	case q.Author != "":
		plat, handle, _ := strings.Cut(q.Author, ":")
		s = "Posts by @" + handle + " on " + platformName(archive.Platform(plat))
	case q.Platform != "":
		s = "Posts on " + platformName(q.Platform)
	case q.Status != "":
		s = statusLabel(q.Status) + " posts"
	default:
		s = "Posts"
	}
	return s + dateRange(q)
}

// dateRange says in words which dates a list covers: since is
// inclusive, until exclusive.
func dateRange(q archive.Query) string {
	var parts []string
	if !q.Since.IsZero() {
		parts = append(parts, "since "+formatBound(q.Since))
	}
	if !q.Until.IsZero() {
		parts = append(parts, "before "+formatBound(q.Until))
	}
	if len(parts) == 0 {
		return ""
	}
	return ", " + strings.Join(parts, ", ")
}

func formatBound(t time.Time) string {
	t = t.UTC()
	if t.Equal(t.Truncate(24 * time.Hour)) {
		return t.Format(time.DateOnly)
	}
	return formatTime(t)
}

type quotesData struct {
	Heading  string
	Quotes   []archive.QuoteView
	NextURL  string
	FirstURL string
}

func (h *handler) quotes(w http.ResponseWriter, r *http.Request) {
	q, err := quotesQuery(r.URL.RawQuery, h.pageSize)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.query(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	heading := "Quotes from " + q.Speaker + dateRange(q)
	d := quotesData{Heading: heading, Quotes: res.Quotes}
	d.NextURL, d.FirstURL = pageLinks(r, res.NextCursor)
	h.render(w, r, http.StatusOK, "quotes", heading, d)
}

// pageLinks returns the URL of the next page (when there is one) and of the
// first page (when this is not it).
func pageLinks(r *http.Request, next string) (nextURL, firstURL string) {
	v := r.URL.Query()
	for k, vals := range v {
		if len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			v.Del(k)
		}
	}
	cur := v.Get("cursor")
	if next != "" {
		v.Set("cursor", next)
		nextURL = r.URL.Path + "?" + v.Encode()
	}
	if cur != "" {
		v.Del("cursor")
		firstURL = r.URL.Path + "?" + v.Encode()
	}
	return nextURL, firstURL
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

func badgeClass(s archive.Status) string {
	if validStatus(s) {
		return "badge badge-" + string(s)
	}
	return "badge badge-other"
}

func statusLabel(s archive.Status) string {
	switch s {
	case archive.StatusLive:
		return "Live"
	case archive.StatusDeleted:
		return "Deleted"
	case archive.StatusUnavailable:
		return "Unavailable"
	case archive.StatusBlocked:
		return "Blocked"
	case archive.StatusError:
		return "Error"
	case "":
		return "Unknown"
	}
	return "Other"
}

// excerpt shortens s to at most n runes, on a word boundary where one is
// near.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n]
	cut := len(rs)
	for i := len(rs) - 1; i > n*3/4; i-- {
		if rs[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimSpace(string(rs[:cut])) + "…"
}
