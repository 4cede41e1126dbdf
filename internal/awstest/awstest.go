// Package awstest points tests at the private moto_server that
// scripts/with-moto.sh starts for `make test` (EMBEDARCHIVE_TEST_AWS_ENDPOINT).
// Without it, tests that need AWS skip with a message, except under CI=true,
// where they fail so that CI cannot skip them silently.
package awstest

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// EnvEndpoint names the variable scripts/with-moto.sh exports.
const EnvEndpoint = "EMBEDARCHIVE_TEST_AWS_ENDPOINT"

// Endpoint returns the moto endpoint, or skips the test (fails it when
// CI=true) if there is none.
func Endpoint(tb testing.TB) string {
	tb.Helper()
	ep := os.Getenv(EnvEndpoint)
	if ep == "" {
		msg := EnvEndpoint + " is unset: run the tests with scripts/with-moto.sh (make test) to include the AWS tests"
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return ep
}

// Config returns an AWS config aimed at the moto endpoint, with dummy
// credentials when none are set. opts are applied after.
func Config(tb testing.TB, opts ...func(*config.LoadOptions) error) aws.Config {
	tb.Helper()
	ep := Endpoint(tb)
	base := []func(*config.LoadOptions) error{config.WithBaseEndpoint(ep)}
	if os.Getenv("AWS_REGION") == "" {
		base = append(base, config.WithRegion("us-east-1"))
	}
	if os.Getenv("AWS_ACCESS_KEY_ID") == "" {
		base = append(base, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")))
	}
	cfg, err := config.LoadDefaultConfig(tb.Context(), append(base, opts...)...)
	if err != nil {
		tb.Fatalf("awstest: load config: %v", err)
	}
	return cfg
}

// Name returns a fresh name for a table or bucket, unique per call, valid
// for both: lower case letters, digits and dashes, under 63 characters.
func Name(tb testing.TB, prefix string) string {
	tb.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatal(err)
	}
	clean := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, prefix)
	if len(clean) > 40 {
		clean = clean[:40]
	}
	return strings.Trim(clean, "-") + "-" + hex.EncodeToString(b[:])
}
