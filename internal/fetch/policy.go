package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"code.dny.dev/ssrf"
)

// Resolver looks up a host's addresses; *net.Resolver satisfies it.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// BlockedError is the address policy refusing a destination. Fetches that
// end in one get status "blocked".
type BlockedError struct {
	// Target is what was refused: an address, a host or a URL.
	Target string
	// Why is a short explanation.
	Why string
}

func (e *BlockedError) Error() string { return fmt.Sprintf("%s not allowed: %s", e.Target, e.Why) }

// policy decides which addresses and URLs the fetcher may reach.
type policy struct {
	allow    []netip.Prefix
	guard    *ssrf.Guardian
	resolver Resolver
	dialer   *net.Dialer
}

func newPolicy(allow []netip.Prefix, r Resolver) *policy {
	if r == nil {
		r = net.DefaultResolver
	}
	p := &policy{
		allow: allow,
		// Public destinations: outside every IANA special-purpose range
		// (IPv6: inside global unicast only); ports are checked apart.
		guard:    ssrf.New(ssrf.WithAnyPort()),
		resolver: r,
	}
	p.dialer = &net.Dialer{
		Timeout:   10 * time.Second,
		KeepAlive: 30 * time.Second,
		// Checked again at connect time, on the address actually dialled.
		Control: p.control,
	}
	return p
}

// checkAddr reports whether the address may be connected to.
func (p *policy) checkAddr(ap netip.AddrPort) error {
	a := ap.Addr().Unmap().WithZone("")
	for _, pr := range p.allow {
		if pr.Contains(a) {
			return nil
		}
	}
	if err := p.guard.SafeAddr(a); err != nil {
		why := "special-purpose address"
		switch {
		case a.IsLoopback():
			why = "loopback"
		case a.IsPrivate():
			why = "private network"
		case a.IsLinkLocalUnicast():
			why = "link-local"
		case a.IsMulticast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast():
			why = "multicast"
		case a.Is4() && netip.MustParsePrefix("100.64.0.0/10").Contains(a):
			why = "shared address space (CGNAT)"
		case a.IsUnspecified():
			why = "unspecified address"
		}
		return &BlockedError{Target: ap.Addr().String(), Why: why}
	}
	if port := ap.Port(); port != 80 && port != 443 {
		return &BlockedError{Target: ap.String(), Why: fmt.Sprintf("port %d (public hosts: 80 and 443 only)", port)}
	}
	return nil
}

func (p *policy) control(network, address string, _ syscall.RawConn) error {
	if network != "tcp4" && network != "tcp6" {
		return &BlockedError{Target: address, Why: "network " + network}
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &BlockedError{Target: address, Why: "unparsable address"}
	}
	return p.checkAddr(ap)
}

// checkURL refuses schemes other than http and https, user info, and IP
// literals the policy refuses (before any connection).
func (p *policy) checkURL(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return &BlockedError{Target: u.Redacted(), Why: "scheme " + u.Scheme}
	}
	if u.User != nil {
		return &BlockedError{Target: u.Redacted(), Why: "user info in URL"}
	}
	if u.Hostname() == "" {
		return &BlockedError{Target: u.Redacted(), Why: "no host"}
	}
	if a, err := netip.ParseAddr(u.Hostname()); err == nil {
		return p.checkAddr(netip.AddrPortFrom(a, portOf(u)))
	}
	return nil
}

func portOf(u *url.URL) uint16 {
	if ps := u.Port(); ps != "" {
		var n uint16
		_, _ = fmt.Sscanf(ps, "%d", &n)
		return n
	}
	if strings.EqualFold(u.Scheme, "http") {
		return 80
	}
	return 443
}

// dialContext resolves the host itself, refuses it unless some address is
// allowed, and dials only allowed addresses (the dialer's Control checks
// each again), so a DNS answer cannot swap in a private address between
// the check and the connection.
func (p *policy) dialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, portStr, err := net.SplitHostPort(address)
	if err != nil {
		return nil, fmt.Errorf("fetch: dial %s: %w", address, err)
	}
	ap, err := netip.ParseAddrPort(net.JoinHostPort("0.0.0.0", portStr))
	if err != nil {
		return nil, fmt.Errorf("fetch: dial %s: bad port", address)
	}
	port := ap.Port()
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		addrs, err = p.resolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, fmt.Errorf("fetch: resolve %s: %w", host, err)
		}
	}
	var firstBlock error
	var lastErr error
	for _, a := range addrs {
		dst := netip.AddrPortFrom(a.Unmap(), port)
		if err := p.checkAddr(dst); err != nil {
			if firstBlock == nil {
				var be *BlockedError
				if errors.As(err, &be) {
					be.Target = host + " (" + a.String() + ")"
				}
				firstBlock = err
			}
			continue
		}
		nw := "tcp4"
		if dst.Addr().Is6() {
			nw = "tcp6"
		}
		conn, err := p.dialer.DialContext(ctx, nw, dst.String())
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	if lastErr != nil {
		return nil, lastErr
	}
	if firstBlock != nil {
		return nil, firstBlock
	}
	return nil, fmt.Errorf("fetch: resolve %s: no addresses", host)
}
