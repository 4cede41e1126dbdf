// Package appconfig builds the archive.Service and its adapters from the
// environment, so that the CLI and the Lambda functions wire it the same
// way: ARCHIVE_TABLE selects DynamoDB and SNAPSHOT_BUCKET selects S3;
// without them the embedded bolt store and a local folder are used. AWS
// settings follow the SDK's own conventions (AWS_REGION, AWS_ENDPOINT_URL
// and its per-service variants, the credential chain).
package appconfig
