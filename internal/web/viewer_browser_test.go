package web

import (
	"flag"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var screenshots = flag.String("screenshots", "", "folder to write the browser test's screenshots to")

// browserTools finds Chromium and chromedriver: $CHROMIUM and $CHROMEDRIVER,
// else Debian's /usr/bin/chromium and /usr/bin/chromedriver, else $PATH.
// Without them the test skips, except under CI=true, where it fails.
func browserTools(t *testing.T) (browser, driver string) {
	t.Helper()
	find := func(env string, names ...string) string {
		if p := os.Getenv(env); p != "" {
			names = []string{p}
		}
		for _, n := range names {
			if p, err := exec.LookPath(n); err == nil {
				return p
			}
		}
		return ""
	}
	browser = find("CHROMIUM", "/usr/bin/chromium", "chromium", "chromium-browser")
	driver = find("CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver")
	if browser == "" || driver == "" {
		msg := "headless Chromium test needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver; `make test` installs them)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return browser, driver
}

// TestViewerInChromium drives the viewer, served over the real embedded
// store, in headless Chromium: search, an article, its posts, and a post
// whose archived text carries script.
func TestViewerInChromium(t *testing.T) {
	browser, driver := browserTools(t)
	start := time.Now()
	svc, blobs := seedStore(t)
	srv := httptest.NewServer(NewHandler(svc, WithLogger(quietLogger()), WithBlobs(blobs)))
	defer srv.Close()
	wd := startWebDriver(t, driver, browser)
	shot := func(name string) {
		if *screenshots != "" {
			wd.screenshot(filepath.Join(*screenshots, name+".png"))
		}
	}

	t.Run("search by author", func(t *testing.T) {
		wd.t = t
		wd.navigate(srv.URL + "/")
		if got := wd.text(wd.one("h1")); got != "Search the archive" {
			t.Fatalf("home h1 = %q", got)
		}
		shot("home")
		wd.click(wd.one(`#by option[value="author"]`))
		wd.typeInto(wd.one("#q"), "twitter:@NayibBukele")
		wd.click(wd.one("#search-submit"))
		wd.waitURL(func(u string) bool { return strings.Contains(u, "/posts?") })
		if got := wd.text(wd.one("h1")); got != "Posts by @nayibbukele on X/Twitter" {
			t.Errorf("list h1 = %q", got)
		}
		shot("posts-by-author")
		links := wd.find("a.post-link")
		if len(links) != 1 {
			t.Fatalf("%d posts listed, want 1", len(links))
		}
		wd.click(links[0])
		wd.waitURL(func(u string) bool { return strings.Contains(u, "/post?") })
		badge := wd.one("#edited-badge")
		if !wd.displayed(badge) || wd.text(badge) != "Edited since first archived" {
			t.Errorf("edited badge: shown %v, text %q", wd.displayed(badge), wd.text(badge))
		}
		first, now := wd.text(wd.one("#first blockquote")), wd.text(wd.one("#now blockquote"))
		if first != "Oopsie, too late. 🤭" || now != "Oopsie, too late. 🤭 (edited)" {
			t.Errorf("first archived %q, now %q", first, now)
		}
		if rows := wd.find("#snapshots tbody tr"); len(rows) != 3 {
			t.Errorf("%d snapshot rows, want 3", len(rows))
		}
		shot("post-edited")
	})

	t.Run("a refused search stays on the form", func(t *testing.T) {
		wd.t = t
		wd.navigate(srv.URL + "/")
		wd.click(wd.one(`#by option[value="author"]`))
		wd.typeInto(wd.one("#q"), "nayibbukele")
		wd.click(wd.one("#search-submit"))
		wd.waitURL(func(u string) bool { return strings.Contains(u, "/search?") })
		msg := wd.one("#search-error")
		if !wd.displayed(msg) || !strings.Contains(wd.text(msg), "must be platform:handle") {
			t.Errorf("search error %q", wd.text(msg))
		}
	})

	t.Run("article and its deleted post", func(t *testing.T) {
		wd.t = t
		wd.navigate(srv.URL + "/")
		wd.click(wd.one(`#by option[value="article"]`))
		wd.typeInto(wd.one("#q"), "s3://articles/2024/bukele.html")
		wd.click(wd.one("#search-submit"))
		wd.waitURL(func(u string) bool { return strings.Contains(u, "/article?") })
		if got := wd.text(wd.one("h1")); got != "Bukele mocks ruling <b>on</b> Twitter" {
			t.Errorf("article h1 = %q (markup in a title must show as text)", got)
		}
		if n := len(wd.find("#embeds > li")); n != 3 {
			t.Errorf("%d embeds shown, want 3", n)
		}
		speakers := wd.find("#quotes .speaker")
		if len(speakers) != 2 || wd.text(speakers[0]) != "Nayib Bukele" {
			t.Fatalf("quote speakers: %d", len(speakers))
		}
		tie := wd.one("#quotes .tied-post")
		if got := wd.text(tie); got != "https://twitter.com/nayibbukele/status/1760000000000000001" {
			t.Errorf("quote tied to %q", got)
		}
		shot("article")
		wd.click(wd.one(`#embeds a[href="/post?key=instagram%3aC3abcDEF"]`))
		wd.waitURL(func(u string) bool { return strings.Contains(u, "/post?key=instagram") })
		badge := wd.one("#deleted-badge")
		if !wd.displayed(badge) || wd.text(badge) != "Deleted" {
			t.Errorf("deleted badge %q", wd.text(badge))
		}
		if got := wd.text(wd.one("#last-live")); got != "last seen live 2024-03-02 10:00:00 UTC" {
			t.Errorf("last live %q", got)
		}
		if got := wd.text(wd.one("#now .gone")); got != "The platform no longer shows this post." {
			t.Errorf("now %q", got)
		}
		shot("post-deleted")
	})

	t.Run("hostile archived text does not run", func(t *testing.T) {
		wd.t = t
		wd.navigate(srv.URL + "/post?" + url.Values{"key": {"twitter:1760000000000000666"}}.Encode())
		var got struct {
			Title   string `json:"title"`
			Pwned   string `json:"pwned"`
			Scripts int    `json:"scripts"`
			Images  int    `json:"images"`
		}
		wd.script(`return {title: document.title, pwned: typeof window.pwned, scripts: document.scripts.length, images: document.images.length};`, &got)
		if got.Title != "Post by @evil on X/Twitter · embedarchive" || got.Pwned != "undefined" || got.Scripts != 0 || got.Images != 0 {
			t.Errorf("page state after hostile text: %+v", got)
		}
		if text := wd.text(wd.one("#first blockquote")); !strings.HasPrefix(text, `<script>document.title="pwned"`) {
			t.Errorf("hostile text not shown as text: %q", text)
		}
		shot("post-hostile")
	})

	t.Run("pages are labelled and in one language", func(t *testing.T) {
		wd.t = t
		for _, path := range []string{"/", "/article?id=" + url.QueryEscape("s3://articles/2024/bukele.html"), "/posts?status=deleted"} {
			wd.navigate(srv.URL + path)
			var got struct {
				Lang      string `json:"lang"`
				Unlabeled int    `json:"unlabeled"`
				H1        int    `json:"h1"`
				Main      int    `json:"main"`
			}
			wd.script(`return {lang: document.documentElement.lang,
				unlabeled: [...document.querySelectorAll('input,select,textarea')].filter(e => e.labels.length === 0).length,
				h1: document.querySelectorAll('h1').length, main: document.querySelectorAll('main').length};`, &got)
			if got.Lang != "en" || got.Unlabeled != 0 || got.H1 != 1 || got.Main != 1 {
				t.Errorf("%s: %+v, want lang en, every field labelled, one h1, one main", path, got)
			}
		}
	})
	t.Logf("browser test took %v", time.Since(start).Round(time.Millisecond))
}
