// Command echo is a Lambda function for the rie tests: it answers an event
// with the event, the ECHO variable and its remaining time, fails on
// "fail" and sleeps on {"sleep":ms}.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	echo := os.Getenv("ECHO")
	lambda.Start(func(ctx context.Context, raw json.RawMessage) (any, error) {
		if string(raw) == `"fail"` {
			return nil, errors.New("asked to fail")
		}
		var in struct{ Sleep int }
		_ = json.Unmarshal(raw, &in)
		time.Sleep(time.Duration(in.Sleep) * time.Millisecond)
		dl, _ := ctx.Deadline()
		return map[string]any{"event": raw, "echo": echo, "left_ms": time.Until(dl).Milliseconds()}, nil
	})
}
