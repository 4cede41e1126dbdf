package fetch

import (
	"fmt"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Environment variables the fetcher reads (ConfigFromEnv).
const (
	// EnvProviders names a file in the oembed.com providers.json format
	// whose endpoints add to or override the built-in ones.
	EnvProviders = "EMBEDARCHIVE_PROVIDERS"
	// EnvAllowNetworks lists CIDRs (comma-separated) the fetcher may reach
	// although they are private, loopback or otherwise special. Empty by
	// default.
	EnvAllowNetworks = "EMBEDARCHIVE_ALLOW_NETWORKS"
	// EnvMetaToken is the Meta app token ("app-id|client-token") used for
	// the Instagram, Facebook and Threads oEmbed endpoints.
	EnvMetaToken = "EMBEDARCHIVE_META_TOKEN"
)

// DefaultUserAgent names the archiver to the platforms it fetches from.
const DefaultUserAgent = "embedarchive/1.0 (+https://github.com/embedarchive/embedarchive; archiver of posts embedded in news articles)"

// Options configures a Fetcher. The zero value of every field means its
// default.
type Options struct {
	// ProvidersFile is a providers.json file whose endpoints take
	// precedence over the built-in ones.
	ProvidersFile string
	// AllowNetworks are prefixes the address policy lets through although
	// they are special-purpose (tests allow 127.0.0.0/8).
	AllowNetworks []netip.Prefix
	// MetaToken authorises Meta's oEmbed endpoints (Instagram, Facebook,
	// Threads). Without it those posts get an "unavailable" oEmbed snapshot
	// with reason "credentials".
	MetaToken string
	// UserAgent is sent with every request. Default DefaultUserAgent.
	UserAgent string

	// Budget bounds one Fetch call (all posts of one article), within the
	// caller's context deadline. Default 25s.
	Budget time.Duration
	// RequestTimeout bounds one HTTP attempt including its body. Default 10s.
	RequestTimeout time.Duration
	// MaxBody caps the bytes read of one response body, and the bytes
	// decoded from a compressed one. Default 5 MiB.
	MaxBody int64
	// MaxRedirects bounds the redirects followed per request. Default 5.
	MaxRedirects int
	// MaxRetries bounds the retries of one request after 429, 5xx or a
	// failed connection. Zero means the default, 2; negative means none.
	MaxRetries int
	// RetryBase is the first backoff delay; later ones double, with full
	// jitter. Default 250ms.
	RetryBase time.Duration
	// MaxRetryAfter is the longest Retry-After the fetcher waits for; a
	// longer one ends the request with status error. Default 5s.
	MaxRetryAfter time.Duration
	// PerHostConcurrency bounds the requests in flight to one host.
	// Default 4.
	PerHostConcurrency int
	// PerHostRate is the sustained requests per second to one host, with a
	// burst of PerHostConcurrency. Default 5.
	PerHostRate float64
	// MaxInFlight bounds the requests in flight over all hosts, and so the
	// memory bodies take (each up to MaxBody, twice when compressed).
	// Default 16.
	MaxInFlight int
	// Concurrency bounds the posts fetched at once (the per-host limits
	// still apply). Default 16.
	Concurrency int

	// Sources are the network sources fetched per post, of
	// archive.SourceOEmbed and archive.SourcePage: nil means both, an
	// empty non-nil slice none (offline: markup only). The markup
	// snapshot is always taken.
	Sources []string

	// Resolver looks host names up; default net.DefaultResolver. Tests set
	// it to make a name resolve to a private address.
	Resolver Resolver
	// WARC, when set, receives request and response records of every
	// exchange.
	WARC *WARCWriter
	// MaxWARC bounds the WARC that FetchWARC builds in memory for one
	// call (gzip per record); records past it are left out and a final
	// record says how many. Default 16 MiB.
	MaxWARC int64
}

// ConfigFromEnv reads the fetcher's configuration from the environment, so
// the CLI and the Lambda functions wire it the same way. It fails on a
// malformed EMBEDARCHIVE_ALLOW_NETWORKS.
func ConfigFromEnv() (Options, error) {
	return configFrom(os.Getenv)
}

func configFrom(getenv func(string) string) (Options, error) {
	nets, err := ParseNetworks(getenv(EnvAllowNetworks))
	if err != nil {
		return Options{}, err
	}
	return Options{
		ProvidersFile: strings.TrimSpace(getenv(EnvProviders)),
		AllowNetworks: nets,
		MetaToken:     strings.TrimSpace(getenv(EnvMetaToken)),
	}, nil
}

// ParseNetworks parses a comma-separated list of CIDRs (a bare address
// means just that address).
func ParseNetworks(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, archive.Errorf("fetch: config", archive.Invalid, "%s: %q is not a CIDR or address", EnvAllowNetworks, f)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, archive.E("fetch: config", archive.Invalid, fmt.Errorf("%s: %q is not a CIDR: %w", EnvAllowNetworks, f, err))
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Budget <= 0 {
		o.Budget = 25 * time.Second
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 10 * time.Second
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 5 << 20
	}
	if o.MaxWARC <= 0 {
		o.MaxWARC = 16 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.MaxRetries < 0 {
		o.MaxRetries = 0
	} else if o.MaxRetries == 0 {
		o.MaxRetries = 2
	}
	if o.RetryBase <= 0 {
		o.RetryBase = 250 * time.Millisecond
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 5 * time.Second
	}
	if o.PerHostConcurrency <= 0 {
		o.PerHostConcurrency = 4
	}
	if o.PerHostRate <= 0 {
		o.PerHostRate = 5
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = 16
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 16
	}
	return o
}
