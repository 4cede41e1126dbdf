package fetch

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Built-in oEmbed endpoints, as each platform documents them. Mastodon
// (and Truth Social, which runs Mastodon) answer at https://<instance>/api/oembed.
var builtinEndpoints = map[archive.Platform]string{
	archive.Twitter:   "https://publish.twitter.com/oembed",
	archive.TikTok:    "https://www.tiktok.com/oembed",
	archive.YouTube:   "https://www.youtube.com/oembed",
	archive.Bluesky:   "https://embed.bsky.app/oembed",
	archive.Reddit:    "https://www.reddit.com/oembed",
	archive.Vimeo:     "https://vimeo.com/api/oembed.json",
	archive.Instagram: "https://graph.facebook.com/v22.0/instagram_oembed",
	archive.Facebook:  "https://graph.facebook.com/v22.0/oembed_post",
	archive.Threads:   "https://graph.threads.net/v1.0/oembed",
}

// facebookVideoEndpoint answers for Facebook videos; oembed_post for the
// rest.
const facebookVideoEndpoint = "https://graph.facebook.com/v22.0/oembed_video"

func isFacebookVideo(u string) bool {
	l := strings.ToLower(u)
	return strings.Contains(l, "/videos/") || strings.Contains(l, "/watch") ||
		strings.Contains(l, "fb.watch/") || strings.Contains(l, "/reel/")
}

// metaPlatforms need an app token for their oEmbed endpoints.
var metaPlatforms = map[archive.Platform]bool{
	archive.Instagram: true, archive.Facebook: true, archive.Threads: true,
}

// providerFile is the oembed.com providers.json format.
type providerFile []struct {
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	Endpoints    []struct {
		Schemes []string `json:"schemes"`
		URL     string   `json:"url"`
	} `json:"endpoints"`
}

// override is one endpoint from a providers file.
type override struct {
	name    string // lower-cased provider_name
	schemes []string
	url     string
}

// providers chooses the oEmbed endpoint for a post.
type providers struct {
	overrides []override
}

// loadProviders reads a providers.json file; "" means none.
func loadProviders(path string) (*providers, error) {
	p := &providers{}
	if path == "" {
		return p, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, archive.E("fetch: providers", archive.Invalid, fmt.Errorf("read %s: %w", path, err))
	}
	var f providerFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, archive.E("fetch: providers", archive.Invalid, fmt.Errorf("parse %s: %w", path, err))
	}
	for _, pr := range f {
		for _, ep := range pr.Endpoints {
			if ep.URL == "" {
				continue
			}
			u, err := url.Parse(strings.ReplaceAll(ep.URL, "{format}", "json"))
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return nil, archive.Errorf("fetch: providers", archive.Invalid, "%s: provider %q: bad endpoint url %q", path, pr.ProviderName, ep.URL)
			}
			p.overrides = append(p.overrides, override{
				name:    strings.ToLower(strings.TrimSpace(pr.ProviderName)),
				schemes: ep.Schemes,
				url:     u.String(),
			})
		}
	}
	return p, nil
}

// endpoint is where a post's oEmbed is asked for.
type endpoint struct {
	url string
	// needsMeta: the built-in Meta endpoint, which wants an app token (a
	// providers-file endpoint for a Meta platform is used without one).
	needsMeta bool
}

// lookup returns the oEmbed endpoint for post: a providers-file endpoint
// whose schemes match the post's URL, else one without schemes whose
// provider_name is the platform's name, else the built-in one.
func (p *providers) lookup(post archive.PostRef) (endpoint, bool) {
	for _, o := range p.overrides {
		for _, s := range o.schemes {
			if globMatch(s, post.URL) {
				return endpoint{url: o.url}, true
			}
		}
	}
	for _, o := range p.overrides {
		if len(o.schemes) == 0 && o.name == string(post.Platform) {
			return endpoint{url: o.url}, true
		}
	}
	switch post.Platform {
	case archive.Mastodon, archive.TruthSocial:
		u, err := url.Parse(post.URL)
		if err != nil || u.Host == "" {
			return endpoint{}, false
		}
		return endpoint{url: (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/api/oembed"}).String()}, true
	}
	if post.Platform == archive.Facebook && isFacebookVideo(post.URL) {
		return endpoint{url: facebookVideoEndpoint, needsMeta: true}, true
	}
	if e, ok := builtinEndpoints[post.Platform]; ok {
		return endpoint{url: e, needsMeta: metaPlatforms[post.Platform]}, true
	}
	return endpoint{}, false
}

// requestURL is the endpoint asked about postURL, in JSON.
func (e endpoint) requestURL(postURL string) string {
	u, err := url.Parse(e.url)
	if err != nil {
		return e.url
	}
	q := u.Query()
	q.Set("url", postURL)
	if !strings.HasSuffix(u.Path, ".json") {
		q.Set("format", "json")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// globMatch matches s against an oEmbed scheme pattern, where * stands for
// any run of characters. The scheme and host compare case-insensitively.
func globMatch(pattern, s string) bool {
	pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i, part := range parts[1:] {
		last := i == len(parts)-2
		if last {
			return strings.HasSuffix(s, part)
		}
		j := strings.Index(s, part)
		if j < 0 {
			return false
		}
		s = s[j+len(part):]
	}
	return true
}
