// Package lambdaio translates AWS Lambda events into calls on the archive
// and back: S3 object-created notifications (delivered directly or wrapped
// in SQS messages, with partial batch failures), API Gateway HTTP API
// (payload v2) requests to and from net/http, and scheduled events. It owns
// the event shapes and the invocation deadline; it makes no AWS SDK call.
package lambdaio
