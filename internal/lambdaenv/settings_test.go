package lambdaenv

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		check   func(t *testing.T, s Settings)
		wantErr string // substring naming the variable
	}{
		{name: "defaults", env: nil, check: func(t *testing.T, s Settings) {
			if s.FetchBudget != 25*time.Second || s.FetchSources != nil || s.ArchiveParallel != 2 || s.RecheckAfter != 24*time.Hour {
				t.Errorf("defaults %+v", s)
			}
		}},
		{name: "set", env: map[string]string{EnvFetchBudget: "90s", EnvFetchSources: "page, oembed", EnvArchiveParallel: "4",
			EnvRecheckBudget: "2m", EnvRecheckLimit: "50", EnvRecheckAfter: "1h"}, check: func(t *testing.T, s Settings) {
			if s.FetchBudget != 90*time.Second || !slices.Equal(s.FetchSources, []string{"page", "oembed"}) || s.ArchiveParallel != 4 ||
				s.RecheckBudget != 2*time.Minute || s.RecheckLimit != 50 || s.RecheckAfter != time.Hour {
				t.Errorf("got %+v", s)
			}
		}},
		{name: "no network sources", env: map[string]string{EnvFetchSources: "none"}, check: func(t *testing.T, s Settings) {
			if s.FetchSources == nil || len(s.FetchSources) != 0 {
				t.Errorf("sources %#v, want empty and not nil", s.FetchSources)
			}
		}},
		{name: "bad budget", env: map[string]string{EnvFetchBudget: "90"}, wantErr: EnvFetchBudget},
		{name: "negative budget", env: map[string]string{EnvRecheckBudget: "-1s"}, wantErr: EnvRecheckBudget},
		{name: "bad source", env: map[string]string{EnvFetchSources: "oembed,wayback"}, wantErr: EnvFetchSources},
		{name: "parallel out of range", env: map[string]string{EnvArchiveParallel: "0"}, wantErr: EnvArchiveParallel},
		{name: "limit not a number", env: map[string]string{EnvRecheckLimit: "lots"}, wantErr: EnvRecheckLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Read(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s)
		})
	}
}
