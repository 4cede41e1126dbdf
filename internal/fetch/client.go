package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// exchange is the outcome of one logical GET: its redirects followed and
// retries made, the last response's status, headers and body.
type exchange struct {
	RequestURL string
	FinalURL   string
	Status     int
	Header     http.Header
	// Body is the response body with its content-coding removed, capped at
	// MaxBody.
	Body []byte
	// Truncated: the body (as sent or as decoded) was over MaxBody.
	Truncated bool
	// Bomb: a compressed body decoded to over MaxBody at a ratio no honest
	// page has.
	Bomb      bool
	FetchedAt time.Time
	// Err is the transport-level failure, if no usable response came.
	Err error
}

// errTooManyRedirects ends a redirect chain longer than MaxRedirects.
type errTooManyRedirects struct{ n int }

func (e errTooManyRedirects) Error() string { return fmt.Sprintf("stopped after %d redirects", e.n) }

// client is the SSRF-safe, polite HTTP client.
type client struct {
	opts   Options
	policy *policy
	hosts  *hosts
	http   *http.Client
	warc   *WARCWriter
	// inflight holds a slot per request in flight, over all hosts.
	inflight chan struct{}
}

func newClient(o Options) *client {
	p := newPolicy(o.AllowNetworks, o.Resolver)
	tr := &http.Transport{
		// Never a proxy: it would connect on our behalf, unchecked.
		Proxy:                  nil,
		DialContext:            p.dialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		MaxIdleConns:           64,
		MaxIdleConnsPerHost:    o.PerHostConcurrency,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
		// The fetcher asks for gzip itself and decodes it with a cap.
		DisableCompression: true,
	}
	return &client{
		opts:   o,
		policy: p,
		hosts:  newHosts(o.PerHostConcurrency, o.PerHostRate),
		http: &http.Client{
			Transport: tr,
			// Redirects are followed by get, one checked hop at a time.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		warc:     o.WARC,
		inflight: make(chan struct{}, o.MaxInFlight),
	}
}

// get fetches rawURL, following at most MaxRedirects redirects, each hop
// checked by the address policy and recorded in the WARC.
func (c *client) get(ctx context.Context, rawURL, accept string, extra http.Header) *exchange {
	ex := &exchange{RequestURL: rawURL, FetchedAt: time.Now().UTC()}
	u, err := url.Parse(rawURL)
	if err != nil {
		ex.Err = fmt.Errorf("fetch: parse %q: %w", rawURL, err)
		return ex
	}
	origHost := u.Host
	for hop := 0; ; hop++ {
		ex.FinalURL = u.String()
		if err := c.policy.checkURL(u); err != nil {
			ex.Err = err
			return ex
		}
		hdr := extra
		if hop > 0 && !strings.EqualFold(u.Host, origHost) {
			hdr = nil // credentials go to the endpoint's own host only
		}
		h, err := c.do(ctx, u, accept, hdr)
		if h != nil {
			ex.Status, ex.Header, ex.Body = h.status, h.header, h.body
			ex.Truncated, ex.Bomb, ex.FetchedAt = h.truncated, h.bomb, h.at
		}
		if err != nil {
			ex.Err = err
			return ex
		}
		loc := h.header.Get("Location")
		if !isRedirect(h.status) || loc == "" {
			return ex
		}
		if hop >= c.opts.MaxRedirects {
			ex.Err = errTooManyRedirects{n: hop}
			return ex
		}
		next, err := u.Parse(loc)
		if err != nil {
			ex.Err = fmt.Errorf("fetch: bad redirect %q: %w", loc, err)
			return ex
		}
		next.Fragment = ""
		u = next
	}
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// hopResult is one HTTP response read within the caps.
type hopResult struct {
	status    int
	header    http.Header
	body      []byte
	truncated bool
	bomb      bool
	at        time.Time
}

// do sends one request, retrying after 429/503 (honouring Retry-After),
// other 5xx and failed connections, at most MaxRetries times, with jittered
// exponential backoff, and never past ctx's deadline.
func (c *client) do(ctx context.Context, u *url.URL, accept string, extra http.Header) (*hopResult, error) {
	for attempt := 0; ; attempt++ {
		h, err := c.once(ctx, u, accept, extra)
		if attempt >= c.opts.MaxRetries || ctx.Err() != nil {
			return h, err
		}
		wait, retry := c.retryDelay(h, err, attempt)
		if !retry {
			return h, err
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait+50*time.Millisecond {
			return h, err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return h, err
		case <-t.C:
		}
	}
}

// retryDelay says whether a failed attempt is worth repeating and after
// how long.
func (c *client) retryDelay(h *hopResult, err error, attempt int) (time.Duration, bool) {
	backoff := c.opts.RetryBase << attempt
	backoff = backoff/2 + rand.N(backoff/2+1) // jitter in [b/2, b]
	if err != nil {
		var be *BlockedError
		if errors.As(err, &be) || isTimeout(err) {
			return 0, false
		}
		return backoff, true
	}
	switch {
	case h.status == http.StatusTooManyRequests || h.status == http.StatusServiceUnavailable:
		if ra, ok := retryAfter(h.header, time.Now()); ok {
			if ra > c.opts.MaxRetryAfter {
				return 0, false
			}
			return ra + rand.N(c.opts.RetryBase/4+1), true
		}
		return backoff, true
	case h.status == http.StatusInternalServerError || h.status == http.StatusBadGateway ||
		h.status == http.StatusGatewayTimeout:
		return backoff, true
	}
	return 0, false
}

// retryAfter reads a Retry-After header, in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			n = 0
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// once is one attempt: a host slot and a rate token, then the request and
// its capped body under RequestTimeout.
func (c *client) once(ctx context.Context, u *url.URL, accept string, extra http.Header) (*hopResult, error) {
	// Waiting for the host's slot and rate token counts against the
	// overall budget; the request's own timeout starts once it may go.
	release, err := c.hosts.acquire(ctx, u.Hostname())
	if err != nil {
		return nil, fmt.Errorf("fetch: waiting for %s: %w", u.Host, context.DeadlineExceeded)
	}
	defer release()
	select {
	case c.inflight <- struct{}{}:
		defer func() { <-c.inflight }()
	case <-ctx.Done():
		return nil, fmt.Errorf("fetch: waiting to send to %s: %w", u.Host, context.DeadlineExceeded)
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.RequestTimeout)
	defer cancel()

	var remote string
	trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) {
		if i.Conn != nil {
			remote = i.Conn.RemoteAddr().String()
		}
	}}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch: request %s: %w", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", accept)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Accept-Language", "en;q=0.9, *;q=0.5")
	for k, vs := range extra {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	sent := time.Now().UTC()
	resp, err := c.http.Do(req)
	if err != nil {
		c.recorder(ctx).failure(u.String(), sent, err)
		return nil, fmt.Errorf("fetch: get %s: %w", u.Redacted(), err)
	}
	defer resp.Body.Close()

	wire, readErr := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBody+1))
	h := &hopResult{status: resp.StatusCode, header: resp.Header, at: sent}
	if int64(len(wire)) > c.opts.MaxBody {
		wire = wire[:c.opts.MaxBody]
		h.truncated = true
	}
	c.recorder(ctx).exchange(req, resp, wire, h.truncated, remote, sent)
	if readErr != nil {
		return h, fmt.Errorf("fetch: read %s: %w", u.Redacted(), readErr)
	}
	body, trunc, bomb, err := decodeBody(resp.Header.Get("Content-Encoding"), wire, c.opts.MaxBody)
	h.body, h.bomb = body, bomb
	h.truncated = h.truncated || trunc
	if err != nil {
		return h, fmt.Errorf("fetch: decode %s: %w", u.Redacted(), err)
	}
	return h, nil
}

// warcKey is the context key of a per-call WARCWriter (FetchWARC's).
type warcKey struct{}

// recorder returns the WARCWriter that records ctx's exchanges: the
// per-call one FetchWARC set, else Options.WARC (nil: none).
func (c *client) recorder(ctx context.Context) *WARCWriter {
	if w, ok := ctx.Value(warcKey{}).(*WARCWriter); ok {
		return w
	}
	return c.warc
}
