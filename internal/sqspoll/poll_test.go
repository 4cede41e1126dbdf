package sqspoll

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/embedarchive/embedarchive/internal/awstest"
)

func TestDrain(t *testing.T) {
	cfg := awstest.Config(t)
	client := sqs.NewFromConfig(cfg)
	ctx := t.Context()

	// fails answers with a batch item failure for every message whose body
	// is "bad", and fails whole invocations that carry "crash".
	var seen []string
	fn := func(ctx context.Context, raw []byte) ([]byte, error) {
		var ev events.SQSEvent
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, err
		}
		var resp events.SQSEventResponse
		crash := false
		for _, r := range ev.Records {
			if r.EventSource != "aws:sqs" || r.EventSourceARN != "arn:test" {
				t.Errorf("record %+v does not look like Lambda's", r)
			}
			seen = append(seen, r.Body)
			switch r.Body {
			case "bad":
				resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: r.MessageId})
			case "crash":
				crash = true
			}
		}
		if crash {
			return []byte(`{"errorMessage":"boom"}`), errors.New("boom")
		}
		return json.Marshal(resp)
	}
	tests := []struct {
		name        string
		bodies      []string
		batch       int32
		want        Stats
		wantVisible int // left on the queue, in flight
	}{
		{"partial failure", []string{"1", "bad", "2", "3", "4"}, 2, Stats{Batches: 3, Received: 5, Deleted: 4, Failed: 1}, 1},
		{"failed invocation keeps its batch", []string{"1", "crash", "2"}, 10, Stats{Batches: 1, Received: 3, Deleted: 0, Failed: 3}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen = nil
			q, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(awstest.Name(t, "poll"))})
			if err != nil {
				t.Fatal(err)
			}
			for i, b := range tt.bodies {
				if _, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: q.QueueUrl, MessageBody: aws.String(b),
					MessageAttributes: map[string]sqstypes.MessageAttributeValue{"n": {DataType: aws.String("Number"), StringValue: aws.String(strconv.Itoa(i))}}}); err != nil {
					t.Fatal(err)
				}
			}
			p := &Poller{API: client, QueueURL: *q.QueueUrl, QueueARN: "arn:test", Region: cfg.Region, BatchSize: tt.batch}
			st, err := p.Drain(ctx, fn)
			if err != nil {
				t.Fatal(err)
			}
			if st != tt.want {
				t.Errorf("stats %+v, want %+v", st, tt.want)
			}
			got := slices.Clone(seen)
			slices.Sort(got)
			want := slices.Clone(tt.bodies)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("function saw %q, want each of %q once", got, want)
			}
			attrs, err := client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl,
				AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameApproximateNumberOfMessagesNotVisible}})
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := strconv.Atoi(attrs.Attributes[string(sqstypes.QueueAttributeNameApproximateNumberOfMessagesNotVisible)]); n != tt.wantVisible {
				t.Errorf("%d messages in flight after the drain, want %d", n, tt.wantVisible)
			}
		})
	}
}
