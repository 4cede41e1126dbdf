package archive_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/bolt"
)

// scripted is a Fetcher whose answers the test sets per post key: a live
// page with a text, or a status. Like the real one, it adds a markup
// snapshot to every capture.
type scripted struct {
	mu      sync.Mutex
	answers map[string]archive.Snapshot
	block   bool // wait for ctx, then fail like a timeout
	asked   []string
}

func (f *scripted) Fetch(ctx context.Context, posts []archive.Embed) []archive.Capture {
	out := make([]archive.Capture, len(posts))
	for i, e := range posts {
		f.mu.Lock()
		f.asked = append(f.asked, e.Key())
		a, ok := f.answers[e.Key()]
		f.mu.Unlock()
		markup := archive.Snapshot{Source: archive.SourceMarkup, Status: archive.StatusLive, Text: e.Text}
		if f.block {
			<-ctx.Done()
			a, ok = archive.Snapshot{Source: archive.SourcePage, Status: archive.StatusError, Reason: "timeout"}, true
		}
		if !ok {
			a = archive.Snapshot{Source: archive.SourcePage, Status: archive.StatusError, Reason: "unscripted"}
		}
		if a.Status == archive.StatusLive {
			a.Body = []byte("<p>" + a.Text + "</p>")
		}
		out[i] = archive.Capture{Post: e.PostRef, Status: a.Status, Snapshots: []archive.Snapshot{markup, a}}
	}
	return out
}

func live(text string) archive.Snapshot {
	return archive.Snapshot{Source: archive.SourcePage, Status: archive.StatusLive, HTTPStatus: 200, Text: text}
}

func gone() archive.Snapshot {
	return archive.Snapshot{Source: archive.SourcePage, Status: archive.StatusDeleted, HTTPStatus: 404}
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// seed archives three live posts at clk's time through the Service.
func seed(t *testing.T, svc *archive.Service, f *scripted) []archive.PostRef {
	t.Helper()
	refs := []archive.PostRef{
		{Platform: archive.Twitter, ID: "1", URL: "https://x.com/a/status/1"},
		{Platform: archive.Twitter, ID: "2", URL: "https://x.com/a/status/2"},
		{Platform: archive.Bluesky, ID: "b.example/3", URL: "https://bsky.app/profile/b.example/post/3"},
	}
	for _, r := range refs {
		f.answers[r.Key()] = live("first words of " + r.ID)
		caps := f.Fetch(t.Context(), []archive.Embed{{PostRef: r, Kind: archive.KindEmbed, Text: "as shown"}})
		if _, err := svc.RecordCapture(t.Context(), caps[0], svc.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return refs
}

func newService(t *testing.T) (*archive.Service, *scripted, *clock) {
	t.Helper()
	st, err := bolt.Open(filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &scripted{answers: map[string]archive.Snapshot{}}
	clk := &clock{t: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &archive.Service{Fetcher: f, Store: st, RecheckAfter: time.Hour, Now: clk.now, Log: log}, f, clk
}

func TestRecheck(t *testing.T) {
	svc, f, clk := newService(t)
	refs := seed(t, svc, f)
	ctx := t.Context()

	clk.t = clk.t.Add(30 * time.Minute)
	got, err := svc.Recheck(ctx, archive.RecheckOptions{})
	if err != nil || got.Checked != 0 || got.More {
		t.Fatalf("before anything is due: %+v, %v", got, err)
	}

	clk.t = clk.t.Add(time.Hour)
	f.answers[refs[0].Key()] = live("edited words of 1")
	f.answers[refs[1].Key()] = gone()
	// refs[2] answers as before.
	f.asked = nil
	first, err := svc.Recheck(ctx, archive.RecheckOptions{Limit: 2, Batch: 1})
	if err != nil {
		t.Fatal(err)
	}
	if first.Checked != 2 || !first.More {
		t.Fatalf("first bounded run: %+v; want 2 checked and more to do", first)
	}
	second, err := svc.Recheck(ctx, archive.RecheckOptions{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if second.Checked != 1 || second.More {
		t.Fatalf("second run: %+v; want the one left, and no more", second)
	}
	if len(f.asked) != 3 {
		t.Errorf("fetched %v; each due post once across the two runs", f.asked)
	}
	total := archive.Rechecked{Checked: first.Checked + second.Checked, Changed: first.Changed + second.Changed,
		Deleted: first.Deleted + second.Deleted, Edited: first.Edited + second.Edited}
	if total.Checked != 3 || total.Changed != 2 || total.Deleted != 1 || total.Edited != 1 {
		t.Errorf("totals %+v; want 3 checked, 2 changed (1 deleted, 1 edited)", total)
	}

	tests := []struct {
		ref        archive.PostRef
		wantStatus archive.Status
		wantEdited bool
		wantSnaps  int // page snapshots kept; markup snapshots from the seed: 1
	}{
		{refs[0], archive.StatusLive, true, 2 + 1},
		{refs[1], archive.StatusDeleted, false, 2 + 1},
		{refs[2], archive.StatusLive, false, 1 + 1},
	}
	for _, tt := range tests {
		t.Run(tt.ref.Key(), func(t *testing.T) {
			pv, err := svc.Store.Post(ctx, tt.ref.Key())
			if err != nil {
				t.Fatal(err)
			}
			if pv.Post.Status != tt.wantStatus || pv.Post.Edited != tt.wantEdited {
				t.Errorf("status %s edited %v; want %s %v", pv.Post.Status, pv.Post.Edited, tt.wantStatus, tt.wantEdited)
			}
			if len(pv.Snapshots) != tt.wantSnaps {
				t.Errorf("%d snapshots, want %d", len(pv.Snapshots), tt.wantSnaps)
			}
			if want := clk.t.Add(time.Hour); !pv.Post.NextCheck.Equal(want) {
				t.Errorf("next check %v, want %v", pv.Post.NextCheck, want)
			}
		})
	}

	again, err := svc.Recheck(ctx, archive.RecheckOptions{})
	if err != nil || again.Checked != 0 || again.More {
		t.Errorf("third run right after: %+v, %v; nothing should be due", again, err)
	}
}

// TestRecheckDeadline checks that a run cut short by its deadline records
// nothing it did not finish, so those posts stay due for the next run.
func TestRecheckDeadline(t *testing.T) {
	svc, f, clk := newService(t)
	refs := seed(t, svc, f)
	clk.t = clk.t.Add(2 * time.Hour)
	f.block = true
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	got, err := svc.Recheck(ctx, archive.RecheckOptions{Reserve: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took >= 300*time.Millisecond {
		t.Errorf("ran %v, past its deadline", took)
	}
	if got.Checked != 0 || !got.More {
		t.Errorf("cut-short run: %+v; want nothing recorded and more to do", got)
	}
	due, _, err := svc.Store.DuePosts(t.Context(), clk.t, 10, "")
	if err != nil || len(due) != len(refs) {
		t.Errorf("%d posts due after the cut-short run, want %d (%v)", len(due), len(refs), err)
	}
}
