package awstest

import (
	"context"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"
)

// WriteCounter counts the DynamoDB write requests a client sends and the
// items they write. Add it with dynamodb.NewFromConfig(cfg, c.Option).
type WriteCounter struct {
	mu    sync.Mutex
	calls int
	items int
}

// Option installs the counter on a client's middleware stack.
func (c *WriteCounter) Option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("embedarchive-write-counter",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				c.count(in.Parameters)
				return next.HandleInitialize(ctx, in)
			}), middleware.Before)
	})
}

func (c *WriteCounter) count(params any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch v := params.(type) {
	case *dynamodb.PutItemInput, *dynamodb.UpdateItemInput, *dynamodb.DeleteItemInput:
		c.calls++
		c.items++
	case *dynamodb.BatchWriteItemInput:
		c.calls++
		for _, reqs := range v.RequestItems {
			c.items += len(reqs)
		}
	case *dynamodb.TransactWriteItemsInput:
		c.calls++
		c.items += len(v.TransactItems)
	}
}

// Take returns the write requests and items counted since the last Take.
func (c *WriteCounter) Take() (calls, items int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	calls, items = c.calls, c.items
	c.calls, c.items = 0, 0
	return calls, items
}

// CountItems returns how many items table holds (a full scan; for tests).
func CountItems(tb testing.TB, client *dynamodb.Client, table string) int {
	tb.Helper()
	n := 0
	p := dynamodb.NewScanPaginator(client, &dynamodb.ScanInput{TableName: &table, Select: "COUNT"})
	for p.HasMorePages() {
		page, err := p.NextPage(tb.Context())
		if err != nil {
			tb.Fatalf("awstest: scan %s: %v", table, err)
		}
		n += int(page.Count)
	}
	return n
}
