package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// EnsureTable creates the table described by in unless a table of that
// name exists, and waits until it is active. It reports whether it created
// the table.
func EnsureTable(ctx context.Context, client *dynamodb.Client, in *dynamodb.CreateTableInput) (bool, error) {
	created := true
	if _, err := client.CreateTable(ctx, in); err != nil {
		var inUse *types.ResourceInUseException
		if !errors.As(err, &inUse) {
			return false, mapErr("dynamo.EnsureTable", fmt.Errorf("dynamo: create table %s: %w", *in.TableName, err))
		}
		created = false
	}
	w := dynamodb.NewTableExistsWaiter(client, func(o *dynamodb.TableExistsWaiterOptions) {
		o.MinDelay = 200 * time.Millisecond
		o.MaxDelay = 2 * time.Second
	})
	if err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: in.TableName}, 2*time.Minute); err != nil {
		return created, mapErr("dynamo.EnsureTable", fmt.Errorf("dynamo: wait for table %s: %w", *in.TableName, err))
	}
	return created, nil
}
