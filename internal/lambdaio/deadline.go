package lambdaio

import (
	"context"
	"time"
)

// Budget shares an invocation's time between units of work: each unit gets
// at most PerItem, never past the invocation's deadline less Reserve, and
// no unit starts with less than MinStart left.
type Budget struct {
	// PerItem caps one unit of work; zero means no cap but the deadline.
	PerItem time.Duration
	// Reserve is kept back before the deadline to report results.
	Reserve time.Duration
	// MinStart is the least time worth starting a unit with.
	MinStart time.Duration
}

// Start returns a context for one unit of work and true, or false when too
// little time is left to start one.
func (b Budget) Start(ctx context.Context) (context.Context, context.CancelFunc, bool) {
	if ctx.Err() != nil {
		return ctx, func() {}, false
	}
	deadline, ok := ctx.Deadline()
	if ok {
		deadline = deadline.Add(-b.Reserve)
		if time.Until(deadline) < max(b.MinStart, time.Millisecond) {
			return ctx, func() {}, false
		}
	}
	if b.PerItem > 0 {
		if own := time.Now().Add(b.PerItem); !ok || own.Before(deadline) {
			deadline, ok = own, true
		}
	}
	if !ok {
		ctx, cancel := context.WithCancel(ctx)
		return ctx, cancel, true
	}
	ctx, cancel := context.WithDeadline(ctx, deadline)
	return ctx, cancel, true
}
