package lambdaio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/metrics"
)

type rechecker struct {
	res  *archive.Rechecked
	err  error
	opts archive.RecheckOptions
}

func (r *rechecker) Recheck(ctx context.Context, o archive.RecheckOptions) (*archive.Rechecked, error) {
	r.opts = o
	return r.res, r.err
}

func TestRecheckHandler(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(eventsDir, "schedule.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ev events.EventBridgeEvent
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		rc         *rechecker
		wantErr    bool
		wantMetric string
	}{
		{"counts", &rechecker{res: &archive.Rechecked{Checked: 4, Changed: 1, Fetches: map[archive.Status]int{archive.StatusLive: 3, archive.StatusDeleted: 1}}}, false, `"PostsRechecked":4`},
		{"failure hides its cause", &rechecker{res: &archive.Rechecked{}, err: archive.E("dynamo.query", archive.Throttled, errors.New("ProvisionedThroughputExceeded: secret"))}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			h := &RecheckHandler{Rechecker: tt.rc, Options: archive.RecheckOptions{Limit: 7}, Log: quiet(), Metrics: metrics.New(&out, "recheck")}
			res, err := h.Invoke(context.Background(), ev)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("error leaks its cause: %v", err)
			}
			if res != tt.rc.res || tt.rc.opts.Limit != 7 {
				t.Errorf("result %v, options %+v", res, tt.rc.opts)
			}
			if !strings.Contains(out.String(), tt.wantMetric) {
				t.Errorf("metrics %s lack %s", out.String(), tt.wantMetric)
			}
		})
	}
}
