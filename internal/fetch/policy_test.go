package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

func TestPolicyCheckAddr(t *testing.T) {
	deny := newPolicy(nil, nil)
	allowLoop := newPolicy([]netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, nil)
	cases := []struct {
		addr      string
		blocked   bool
		why       string
		allowLoop bool // allowed once 127.0.0.0/8 is allowed
	}{
		{"127.0.0.1:80", true, "loopback", true},
		{"127.9.9.9:443", true, "loopback", true},
		{"[::1]:443", true, "loopback", false},
		{"[::ffff:127.0.0.1]:80", true, "loopback", true},
		{"10.0.0.1:443", true, "private", false},
		{"172.16.5.4:443", true, "private", false},
		{"192.168.1.1:80", true, "private", false},
		{"[::ffff:10.0.0.1]:443", true, "private", false},
		{"[::ffff:192.168.0.1]:443", true, "private", false},
		{"169.254.169.254:80", true, "link-local", false},
		{"[::ffff:169.254.169.254]:80", true, "link-local", false},
		{"[fe80::1]:443", true, "link-local", false},
		{"100.64.0.1:443", true, "CGNAT", false},
		{"[::ffff:100.64.0.1]:443", true, "CGNAT", false},
		{"224.0.0.1:80", true, "multicast", false},
		{"[ff02::1]:443", true, "multicast", false},
		{"[fc00::1]:443", true, "private", false},
		{"[fd12:3456::1]:443", true, "private", false},
		{"0.0.0.0:80", true, "", false},
		{"[64:ff9b::7f00:1]:443", true, "", false}, // NAT64 form of 127.0.0.1
		{"[2002:7f00:1::]:443", true, "", false},   // 6to4 form of 127.0.0.1
		{"198.18.0.1:443", true, "", false},
		{"93.184.215.14:443", false, "", true},
		{"93.184.215.14:80", false, "", true},
		{"93.184.215.14:8080", true, "port 8080", false},
		{"[2606:4700:4700::1111]:443", false, "", true},
	}
	for _, c := range cases {
		t.Run(c.addr, func(t *testing.T) {
			ap := netip.MustParseAddrPort(c.addr)
			err := deny.checkAddr(ap)
			var be *BlockedError
			if got := errors.As(err, &be); got != c.blocked {
				t.Fatalf("blocked=%v (%v), want %v", got, err, c.blocked)
			}
			if c.blocked && !strings.Contains(be.Why, c.why) {
				t.Errorf("reason %q, want it to mention %q", be.Why, c.why)
			}
			if err := allowLoop.checkAddr(ap); (err == nil) != c.allowLoop {
				t.Errorf("with 127.0.0.0/8 allowed: err=%v, want allowed=%v", err, c.allowLoop)
			}
		})
	}
}

func TestPolicyCheckURL(t *testing.T) {
	p := newPolicy(nil, nil)
	cases := []struct {
		url     string
		blocked bool
	}{
		{"https://twitter.com/a/status/1", false},
		{"http://example.org/", false},
		{"ftp://example.org/f", true},
		{"file:///etc/passwd", true},
		{"gopher://example.org/", true},
		{"javascript:alert(1)", true},
		{"https://user:pw@example.org/", true},
		{"http://169.254.169.254/latest/meta-data/", true},
		{"http://[::ffff:a9fe:a9fe]/latest/", true}, // 169.254.169.254, IPv4-mapped
		{"http://127.0.0.1:8080/", true},
		{"http:///nohost", true},
	}
	for _, c := range cases {
		t.Run(c.url, func(t *testing.T) {
			u, err := url.Parse(c.url)
			if err != nil {
				t.Fatal(err)
			}
			err = p.checkURL(u)
			var be *BlockedError
			if got := errors.As(err, &be); got != c.blocked {
				t.Errorf("blocked=%v (%v), want %v", got, err, c.blocked)
			}
		})
	}
}

func TestParseNetworks(t *testing.T) {
	got, err := ParseNetworks(" 127.0.0.0/8, ::1 ,10.1.2.3/16,")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"127.0.0.0/8", "::1/128", "10.1.0.0/16"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if _, err := ParseNetworks("10.0.0.0/33"); err == nil {
		t.Error("10.0.0.0/33: no error")
	}
	if _, err := ParseNetworks("not-a-net"); err == nil {
		t.Error("not-a-net: no error")
	}
	opts, err := configFrom(func(k string) string {
		return map[string]string{EnvAllowNetworks: "127.0.0.0/8", EnvProviders: "/p.json", EnvMetaToken: "1|x"}[k]
	})
	if err != nil || len(opts.AllowNetworks) != 1 || opts.ProvidersFile != "/p.json" || opts.MetaToken != "1|x" {
		t.Errorf("configFrom = %+v, %v", opts, err)
	}
}

// TestBlockedAddressGetsZeroConnections points a fetcher with the default
// policy (nothing allowed) at a listener on 127.0.0.1, by address, by name,
// in IPv4-mapped form and through a name a hostile resolver maps there,
// and counts the connections the listener accepts: there must be none.
func TestBlockedAddressGetsZeroConnections(t *testing.T) {
	trap := newCountingListener(t)
	p := trap.port()
	f, err := New(Options{
		Resolver:       mapResolver{"rebind.test": {netip.MustParseAddr("127.0.0.1")}},
		RequestTimeout: time.Second,
		Budget:         3 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	var posts []archive.Embed
	for _, u := range []string{
		fmt.Sprintf("http://127.0.0.1:%d/x", p),
		fmt.Sprintf("http://localhost:%d/x", p),
		fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/x", p),
		fmt.Sprintf("http://rebind.test:%d/x", p),
		fmt.Sprintf("https://127.0.0.1:%d/x", p),
	} {
		// Mastodon: the oEmbed endpoint is on the post's own host too.
		posts = append(posts, archive.Embed{PostRef: archive.PostRef{Platform: archive.Mastodon, ID: "1", URL: u}})
	}
	caps := f.Fetch(context.Background(), posts)
	for i, c := range caps {
		if c.Status != archive.StatusBlocked {
			t.Errorf("%s: status %q, want blocked (%s)", posts[i].URL, c.Status, describe(c.Snapshots))
		}
		if len(c.Snapshots) != 3 {
			t.Errorf("%s: %d snapshots, want markup, oembed and page", posts[i].URL, len(c.Snapshots))
		}
	}
	if n := trap.count.Load(); n != 0 {
		t.Fatalf("blocked listener accepted %d connections, want 0", n)
	}
	// The same listener, allowed, does get connections: the count can fail.
	g, err := New(Options{AllowNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, RequestTimeout: time.Second, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	g.Fetch(context.Background(), posts[:1])
	if trap.count.Load() == 0 {
		t.Error("allowed listener got no connection: the counter cannot see connections")
	}
}
