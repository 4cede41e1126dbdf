// Package s3blob is archive.Blobs in an S3 bucket (aws-sdk-go-v2): each
// body is one object named by its sha256, written once.
package s3blob
