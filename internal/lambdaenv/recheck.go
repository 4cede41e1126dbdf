package lambdaenv

import (
	"context"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/lambdaio"
)

// Bounded runs r's recheck for at most budget, within the invocation's
// own deadline.
func Bounded(r lambdaio.Rechecker, budget time.Duration) lambdaio.Rechecker {
	return boundedRechecker{r, budget}
}

type boundedRechecker struct {
	r      lambdaio.Rechecker
	budget time.Duration
}

func (b boundedRechecker) Recheck(ctx context.Context, o archive.RecheckOptions) (*archive.Rechecked, error) {
	ctx, cancel := context.WithTimeout(ctx, b.budget)
	defer cancel()
	return b.r.Recheck(ctx, o)
}
