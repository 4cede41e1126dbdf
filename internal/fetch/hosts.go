package fetch

import (
	"context"
	"strings"
	"sync"

	"golang.org/x/time/rate"
)

// maxHosts bounds the hosts whose politeness state is kept.
const maxHosts = 4096

// hosts holds the per-host politeness state: a concurrency slot pool and a
// token-bucket rate limiter per host name.
type hosts struct {
	mu    sync.Mutex
	conc  int
	rate  float64
	state map[string]*hostState
}

type hostState struct {
	slots   chan struct{}
	limiter *rate.Limiter
}

func newHosts(concurrency int, perSecond float64) *hosts {
	return &hosts{conc: concurrency, rate: perSecond, state: map[string]*hostState{}}
}

func (h *hosts) get(host string) *hostState {
	host = strings.ToLower(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	s, ok := h.state[host]
	if !ok {
		if len(h.state) >= maxHosts {
			// A long-lived fetcher meets many hosts: forget the idle ones.
			for k, v := range h.state {
				if len(v.slots) == 0 {
					delete(h.state, k)
				}
			}
		}
		s = &hostState{
			slots:   make(chan struct{}, h.conc),
			limiter: rate.NewLimiter(rate.Limit(h.rate), h.conc),
		}
		h.state[host] = s
	}
	return s
}

// acquire waits for a slot and a token for host, and returns the release
// function, or ctx's error.
func (h *hosts) acquire(ctx context.Context, host string) (func(), error) {
	s := h.get(host)
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := s.limiter.Wait(ctx); err != nil {
		<-s.slots
		return nil, err
	}
	return func() { <-s.slots }, nil
}
