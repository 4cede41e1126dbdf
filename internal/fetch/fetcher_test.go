package fetch

import (
	"context"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
)

func TestFetchEdges(t *testing.T) {
	trap := newCountingListener(t)
	allow := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	posts := func(n int) []archive.Embed {
		var out []archive.Embed
		for i := range n {
			out = append(out, archive.Embed{PostRef: archive.PostRef{Platform: archive.Mastodon, ID: fmt.Sprint(i),
				URL: fmt.Sprintf("http://127.0.0.1:%d/@a/%d", trap.port(), i)}, Text: "shown"})
		}
		return out
	}

	t.Run("offline takes only markup", func(t *testing.T) {
		before := trap.count.Load()
		f, err := New(Options{Sources: []string{}, AllowNetworks: allow})
		if err != nil {
			t.Fatal(err)
		}
		caps := f.Fetch(context.Background(), posts(3))
		for _, c := range caps {
			if len(c.Snapshots) != 1 || c.Snapshots[0].Source != archive.SourceMarkup || c.Snapshots[0].Text != "shown" {
				t.Errorf("%s: %s", c.Post.ID, describe(c.Snapshots))
			}
			// Nothing was asked of the platform: what the post is now is
			// unknown, so it is not reported live.
			if c.Status != archive.StatusUnavailable {
				t.Errorf("%s: offline capture status %q, want unavailable", c.Post.ID, c.Status)
			}
		}
		if n := trap.count.Load() - before; n != 0 {
			t.Errorf("offline fetch made %d connections", n)
		}
	})

	t.Run("cancelled context still returns every post", func(t *testing.T) {
		f, err := New(Options{AllowNetworks: allow})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		start := time.Now()
		in := posts(50)
		caps := f.Fetch(ctx, in)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v after cancellation", d)
		}
		if len(caps) != len(in) {
			t.Fatalf("%d captures for %d posts", len(caps), len(in))
		}
		for i, c := range caps {
			if c.Post != in[i].PostRef || c.Status != archive.StatusError || len(c.Snapshots) != 3 {
				t.Errorf("post %d: %v %s %s", i, c.Post, c.Status, describe(c.Snapshots))
			}
		}
	})

	t.Run("unknown source", func(t *testing.T) {
		if _, err := New(Options{Sources: []string{"rss"}}); archive.KindOf(err) != archive.Invalid {
			t.Errorf("err %v, want Invalid", err)
		}
	})

	t.Run("bad allow-networks", func(t *testing.T) {
		t.Setenv(EnvAllowNetworks, "127.0.0.0/8,nonsense")
		if _, err := ConfigFromEnv(); archive.KindOf(err) != archive.Invalid {
			t.Error("no error for a malformed EMBEDARCHIVE_ALLOW_NETWORKS")
		}
	})
}
