package appconfig

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/bolt"
	"github.com/embedarchive/embedarchive/internal/dirblob"
	"github.com/embedarchive/embedarchive/internal/dynamo"
	"github.com/embedarchive/embedarchive/internal/embed"
	"github.com/embedarchive/embedarchive/internal/extract"
	"github.com/embedarchive/embedarchive/internal/fetch"
	"github.com/embedarchive/embedarchive/internal/s3blob"
)

// Environment variables this package reads (besides the AWS SDK's own).
const (
	EnvTable          = "ARCHIVE_TABLE"
	EnvSnapshotBucket = "SNAPSHOT_BUCKET"
	EnvArticleBucket  = "ARTICLE_BUCKET"
	// EnvSnapshotPrefix is the key prefix of bodies in the snapshot bucket
	// (default none).
	EnvSnapshotPrefix = "SNAPSHOT_PREFIX"
)

// Config says which adapters to build.
type Config struct {
	// Table is the DynamoDB table; empty selects the bolt store at DB.
	Table string
	// SnapshotBucket is the S3 bucket for raw bodies; empty selects the
	// folder BlobDir.
	SnapshotBucket string
	SnapshotPrefix string
	// ArticleBucket is where articles are uploaded (setup, backfill).
	ArticleBucket string
	// DB is the bolt file; empty means bolt.DefaultPath().
	DB string
	// BlobDir is the local body folder; empty means blobs/ beside DB.
	BlobDir string
}

// FromEnv reads the Config from the environment.
func FromEnv() Config {
	return Config{
		Table:          os.Getenv(EnvTable),
		SnapshotBucket: os.Getenv(EnvSnapshotBucket),
		SnapshotPrefix: os.Getenv(EnvSnapshotPrefix),
		ArticleBucket:  os.Getenv(EnvArticleBucket),
		DB:             bolt.DefaultPath(),
	}
}

// UsesAWS reports whether the config needs AWS clients.
func (c Config) UsesAWS() bool { return c.Table != "" || c.SnapshotBucket != "" }

func (c Config) db() string {
	if c.DB == "" {
		return bolt.DefaultPath()
	}
	return c.DB
}

func (c Config) blobDir() string {
	if c.BlobDir != "" {
		return c.BlobDir
	}
	return filepath.Join(filepath.Dir(c.db()), "blobs")
}

// Describe says in one line where the store and bodies live.
func (c Config) Describe() string {
	store := "bolt " + c.db()
	if c.Table != "" {
		store = "dynamodb table " + c.Table
	}
	blobs := "folder " + c.blobDir()
	if c.SnapshotBucket != "" {
		blobs = "s3://" + c.SnapshotBucket + "/" + c.SnapshotPrefix
	}
	return store + ", bodies in " + blobs
}

// AWS loads the SDK's default configuration: region, endpoints
// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3...)
// and the credential chain.
func AWS(ctx context.Context) (aws.Config, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return aws.Config{}, fmt.Errorf("appconfig: aws config: %w", err)
	}
	return cfg, nil
}

// S3 returns an S3 client; against a custom endpoint (a local emulator)
// it addresses buckets by path, since bucket host names will not resolve.
func S3(cfg aws.Config) *s3.Client {
	custom := cfg.BaseEndpoint != nil || os.Getenv("AWS_ENDPOINT_URL_S3") != ""
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = custom
		o.DisableLogOutputChecksumValidationSkipped = true
	})
}

// DynamoDB returns a DynamoDB client.
func DynamoDB(cfg aws.Config) *dynamodb.Client { return dynamodb.NewFromConfig(cfg) }

// Backend is an open Store and Blobs.
type Backend struct {
	Store archive.Store
	Blobs archive.Blobs
	// AWS is the loaded SDK config, when the backend uses AWS.
	AWS     *aws.Config
	closers []func() error
}

// Close releases what Open acquired (the bolt file lock).
func (b *Backend) Close() error {
	var err error
	for _, c := range b.closers {
		err = errors.Join(err, c())
	}
	return err
}

// Open builds the Store and Blobs c selects.
func Open(ctx context.Context, c Config) (*Backend, error) {
	b := &Backend{}
	if c.UsesAWS() {
		cfg, err := AWS(ctx)
		if err != nil {
			return nil, err
		}
		b.AWS = &cfg
	}
	if c.Table != "" {
		b.Store = dynamo.New(DynamoDB(*b.AWS), c.Table)
	} else {
		s, err := bolt.Open(c.db())
		if err != nil {
			return nil, err
		}
		b.Store = s
		b.closers = append(b.closers, s.Close)
	}
	if c.SnapshotBucket != "" {
		b.Blobs = s3blob.New(S3(*b.AWS), c.SnapshotBucket, c.SnapshotPrefix)
	} else {
		b.Blobs = dirblob.New(c.blobDir())
	}
	return b, nil
}

// FetchOptions adjust the fetcher Service builds.
type FetchOptions struct {
	// Budget bounds each article's fetches; zero keeps the fetcher's
	// default.
	Budget time.Duration
	// Offline keeps only what articles show (markup snapshots): no
	// network at all.
	Offline bool
}

// Service returns the Service over b with the real extractor and a
// fetcher configured from the environment (fetch.ConfigFromEnv) and o.
func Service(b *Backend, o FetchOptions) (*archive.Service, error) {
	opts, err := fetch.ConfigFromEnv()
	if err != nil {
		return nil, err
	}
	if o.Budget > 0 {
		opts.Budget = o.Budget
	}
	if o.Offline {
		opts.Sources = []string{}
	}
	f, err := fetch.New(opts)
	if err != nil {
		return nil, err
	}
	return &archive.Service{
		Extractor:   extract.New(),
		Fetcher:     f,
		Store:       b.Store,
		Blobs:       b.Blobs,
		ResolvePost: embed.ParseURL,
	}, nil
}
