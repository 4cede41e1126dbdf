package dynamo

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// mapErr gives DynamoDB's signals their archive kinds.
func mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if archive.KindOf(err) != archive.Other {
		return err
	}
	var (
		ccf *types.ConditionalCheckFailedException
		tc  *types.TransactionCanceledException
		rnf *types.ResourceNotFoundException
		api smithy.APIError
		ne  net.Error
	)
	switch {
	case errors.As(err, &ccf), errors.As(err, &tc):
		return archive.E(op, archive.Conflict, err)
	case errors.As(err, &rnf):
		// A missing table is a deployment fault, not a missing record.
		return archive.E(op, archive.Unavailable, fmt.Errorf("%w (does the table exist? embedarchive setup creates it)", err))
	case errors.As(err, &api):
		switch api.ErrorCode() {
		case "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded", "LimitExceededException":
			return archive.E(op, archive.Throttled, err)
		case "ValidationException":
			return archive.E(op, archive.Invalid, err)
		case "InternalServerError", "ServiceUnavailable":
			return archive.E(op, archive.Unavailable, err)
		}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne):
		return archive.E(op, archive.Unavailable, err)
	}
	return archive.E(op, archive.Other, err)
}

func isConditionFailed(err error) bool {
	var ccf *types.ConditionalCheckFailedException
	return errors.As(err, &ccf)
}
