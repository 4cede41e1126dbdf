package lambdaio

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/metrics"
)

// Rechecker runs one bounded recheck of the posts that are due
// (archive.Service implements it).
type Rechecker interface {
	Recheck(ctx context.Context, o archive.RecheckOptions) (*archive.Rechecked, error)
}

// RecheckHandler serves RecheckFunction on its schedule.
type RecheckHandler struct {
	Rechecker Rechecker
	Options   archive.RecheckOptions
	Log       *slog.Logger
	Metrics   *metrics.Recorder // may be nil
}

// Invoke is the Lambda handler: one bounded run per scheduled event. What
// it leaves due, the next run picks up.
func (h *RecheckHandler) Invoke(ctx context.Context, ev events.EventBridgeEvent) (*archive.Rechecked, error) {
	defer func() {
		if err := h.Metrics.Flush(); err != nil {
			h.Log.WarnContext(ctx, "metrics flush failed", "error", err)
		}
	}()
	res, err := h.Rechecker.Recheck(ctx, h.Options)
	if res != nil {
		h.Metrics.Add(metrics.PostsRechecked, res.Checked)
		for status, n := range res.Fetches {
			h.Metrics.AddFetch(status, n)
		}
	}
	if err != nil {
		h.Log.ErrorContext(ctx, "recheck failed", "event", ev.ID, "kind", archive.KindOf(err).String(), "error", err)
		return res, fmt.Errorf("recheck failed (%s)", archive.KindOf(err))
	}
	h.Log.InfoContext(ctx, "recheck run", "event", ev.ID, "checked", res.Checked, "changed", res.Changed, "more", res.More)
	return res, nil
}
