package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/embedarchive/embedarchive/internal/appconfig"
	"github.com/embedarchive/embedarchive/internal/dynamo"
	"github.com/embedarchive/embedarchive/internal/samtemplate"
)

// setupCommand is `embedarchive setup [--json] [--template template.yaml]`.
func setupCommand() command {
	return command{
		summary: "create the table and buckets on the configured AWS endpoint, from template.yaml",
		run:     runSetup,
	}
}

// setupResult is what setup did, for --json.
type setupResult struct {
	Endpoint string          `json:"endpoint,omitempty"`
	Table    setupResource   `json:"table"`
	Buckets  []setupResource `json:"buckets"`
}

type setupResource struct {
	Logical string `json:"logical"`
	Name    string `json:"name,omitempty"`
	// Action is "created", "exists" or "skipped".
	Action string `json:"action"`
	Note   string `json:"note,omitempty"`
}

// defaultTableName is the template's TableName default.
const defaultTableName = "embedarchive"

func runSetup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("setup", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print what was done as one JSON object")
	tplPath := fl.String("template", "template.yaml", "the SAM template that defines the table and buckets")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: embedarchive setup [--json] [--template template.yaml]")
		fmt.Fprintln(stderr, "\nCreates, where missing, the DynamoDB table ARCHIVE_TABLE (default")
		fmt.Fprintln(stderr, defaultTableName+") with the indexes template.yaml's ArchiveTable defines, and the")
		fmt.Fprintln(stderr, "buckets ARTICLE_BUCKET and SNAPSHOT_BUCKET, on the endpoint the AWS SDK is")
		fmt.Fprintln(stderr, "configured for (AWS_ENDPOINT_URL, e.g. a local moto_server). Running it again")
		fmt.Fprintln(stderr, "changes nothing.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		fl.Usage()
		return fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	tpl, err := samtemplate.Load(*tplPath)
	if err != nil {
		return fmt.Errorf("%w (run setup from the repository, or give --template)", err)
	}
	cfg := appconfig.FromEnv()
	if cfg.Table == "" {
		cfg.Table = defaultTableName
	}
	awsCfg, err := appconfig.AWS(ctx)
	if err != nil {
		return err
	}
	res := setupResult{}
	if awsCfg.BaseEndpoint != nil {
		res.Endpoint = *awsCfg.BaseEndpoint
	}

	in, err := tpl.Table("ArchiveTable", cfg.Table)
	if err != nil {
		return err
	}
	created, err := dynamo.EnsureTable(ctx, appconfig.DynamoDB(awsCfg), in)
	if err != nil {
		return err
	}
	res.Table = setupResource{Logical: "ArchiveTable", Name: cfg.Table, Action: action(created),
		Note: fmt.Sprintf("%d indexes", len(in.GlobalSecondaryIndexes))}

	client := appconfig.S3(awsCfg)
	for _, b := range []struct{ logical, env, name string }{
		{"ArticleBucket", appconfig.EnvArticleBucket, cfg.ArticleBucket},
		{"SnapshotBucket", appconfig.EnvSnapshotBucket, cfg.SnapshotBucket},
	} {
		def, err := tpl.Bucket(b.logical)
		if err != nil {
			return err
		}
		if b.name == "" {
			res.Buckets = append(res.Buckets, setupResource{Logical: b.logical, Action: "skipped", Note: b.env + " is unset"})
			continue
		}
		created, err := ensureBucket(ctx, client, awsCfg.Region, b.name, def.Versioning)
		if err != nil {
			return err
		}
		res.Buckets = append(res.Buckets, setupResource{Logical: b.logical, Name: b.name, Action: action(created)})
	}

	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	if res.Endpoint != "" {
		fmt.Fprintf(stdout, "endpoint %s\n", res.Endpoint)
	}
	for _, r := range append([]setupResource{res.Table}, res.Buckets...) {
		line := fmt.Sprintf("%-15s %-8s %s", r.Logical, r.Action, r.Name)
		if r.Note != "" {
			line += " (" + r.Note + ")"
		}
		fmt.Fprintln(stdout, line)
	}
	return nil
}

func action(created bool) string {
	if created {
		return "created"
	}
	return "exists"
}

// ensureBucket creates a bucket unless this account already owns it, and
// turns versioning on when the template does.
func ensureBucket(ctx context.Context, client *s3.Client, region, name string, versioning bool) (bool, error) {
	in := &s3.CreateBucketInput{Bucket: &name}
	if region != "" && region != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
	}
	// In us-east-1, S3 answers CreateBucket on a bucket one owns with
	// success, so ask first.
	created := false
	if _, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: &name}); err != nil {
		var nf *s3types.NotFound
		if !errors.As(err, &nf) {
			return false, fmt.Errorf("bucket %s: %w", name, err)
		}
		created = true
		if _, err := client.CreateBucket(ctx, in); err != nil {
			var owned *s3types.BucketAlreadyOwnedByYou
			var exists *s3types.BucketAlreadyExists
			switch {
			case errors.As(err, &owned):
				created = false
			case errors.As(err, &exists):
				return false, fmt.Errorf("bucket %s belongs to another account: %w", name, err)
			default:
				return false, fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
	}
	if versioning {
		_, err := client.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: &name,
			VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}})
		if err != nil {
			return created, fmt.Errorf("bucket %s versioning: %w", name, err)
		}
	}
	return created, nil
}
