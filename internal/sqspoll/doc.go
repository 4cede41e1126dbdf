// Package sqspoll is a local stand-in for Lambda's SQS event source
// mapping: it receives batches from a queue, hands each to a function as
// an SQS event, and deletes the messages the function did not report as
// batch item failures (ReportBatchItemFailures), leaving those to be
// delivered again. `embedarchive invoke --queue` uses it to drain the
// local stack's queue into a function under aws-lambda-rie.
package sqspoll
