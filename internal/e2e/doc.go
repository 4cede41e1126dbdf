// Package e2e holds the end-to-end test of the serverless path: an article
// uploaded to moto's S3, moto's S3 -> SQS notification, the built
// ArchiveFunction and QueryFunction bootstraps under aws-lambda-rie, and
// moto's DynamoDB. It has no code of its own; see e2e_test.go.
package e2e
