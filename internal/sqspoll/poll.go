package sqspoll

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// API is the part of the SQS client the poller uses.
type API interface {
	ReceiveMessage(ctx context.Context, in *sqs.ReceiveMessageInput, opts ...func(*sqs.Options)) (*sqs.ReceiveMessageOutput, error)
	DeleteMessageBatch(ctx context.Context, in *sqs.DeleteMessageBatchInput, opts ...func(*sqs.Options)) (*sqs.DeleteMessageBatchOutput, error)
}

// Invoker runs a function with an event and returns its response.
type Invoker func(ctx context.Context, event []byte) ([]byte, error)

// Poller drains a queue into a function.
type Poller struct {
	API      API
	QueueURL string
	QueueARN string // for the events' eventSourceARN
	Region   string
	// BatchSize is the most messages per event (1..10); zero means 10.
	BatchSize int32
	// VisibilityTimeout hides received messages while the function works
	// (seconds); zero means 60.
	VisibilityTimeout int32
}

// Stats counts what a Drain did.
type Stats struct {
	Batches  int // invocations
	Received int
	Deleted  int
	Failed   int // reported as batch item failures, or in a failed invocation
}

// Drain receives and invokes until a receive comes back empty (or ctx
// ends). A failed invocation leaves its whole batch on the queue, as
// Lambda does.
func (p *Poller) Drain(ctx context.Context, invoke Invoker) (Stats, error) {
	var st Stats
	size := p.BatchSize
	if size <= 0 || size > 10 {
		size = 10
	}
	vis := p.VisibilityTimeout
	if vis <= 0 {
		vis = 60
	}
	for {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		out, err := p.API.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl: aws.String(p.QueueURL), MaxNumberOfMessages: size,
			WaitTimeSeconds: 1, VisibilityTimeout: vis,
			MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameAll},
		})
		if err != nil {
			return st, fmt.Errorf("sqspoll: receive from %s: %w", p.QueueURL, err)
		}
		if len(out.Messages) == 0 {
			return st, nil
		}
		st.Batches++
		st.Received += len(out.Messages)
		ev := p.event(out.Messages)
		raw, err := json.Marshal(ev)
		if err != nil {
			return st, fmt.Errorf("sqspoll: %w", err)
		}
		resp, err := invoke(ctx, raw)
		if err != nil {
			st.Failed += len(out.Messages)
			continue // the batch comes back after its visibility timeout
		}
		failed := map[string]bool{}
		var r events.SQSEventResponse
		if len(resp) > 0 && string(resp) != "null" {
			if err := json.Unmarshal(resp, &r); err != nil {
				return st, fmt.Errorf("sqspoll: function answered %.200s: %w", resp, err)
			}
		}
		for _, f := range r.BatchItemFailures {
			failed[f.ItemIdentifier] = true
		}
		var del []sqstypes.DeleteMessageBatchRequestEntry
		for i, m := range out.Messages {
			if failed[aws.ToString(m.MessageId)] {
				st.Failed++
				continue
			}
			del = append(del, sqstypes.DeleteMessageBatchRequestEntry{Id: aws.String(fmt.Sprint(i)), ReceiptHandle: m.ReceiptHandle})
		}
		if len(del) > 0 {
			dout, err := p.API.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(p.QueueURL), Entries: del})
			if err != nil {
				return st, fmt.Errorf("sqspoll: delete from %s: %w", p.QueueURL, err)
			}
			st.Deleted += len(dout.Successful)
		}
	}
}

// event is the SQS event Lambda would build from msgs.
func (p *Poller) event(msgs []sqstypes.Message) events.SQSEvent {
	var ev events.SQSEvent
	for _, m := range msgs {
		ev.Records = append(ev.Records, events.SQSMessage{
			MessageId:      aws.ToString(m.MessageId),
			ReceiptHandle:  aws.ToString(m.ReceiptHandle),
			Body:           aws.ToString(m.Body),
			Md5OfBody:      aws.ToString(m.MD5OfBody),
			Attributes:     m.Attributes,
			EventSource:    "aws:sqs",
			EventSourceARN: p.QueueARN,
			AWSRegion:      p.Region,
		})
	}
	return ev
}
