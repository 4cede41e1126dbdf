package lambdaenv

import (
	"context"
	"fmt"

	"github.com/embedarchive/embedarchive/internal/appconfig"
	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
	"github.com/embedarchive/embedarchive/internal/embed"
	"github.com/embedarchive/embedarchive/internal/extract"
	"github.com/embedarchive/embedarchive/internal/fetch"
)

// App is what a function's main wires into its handler, built once before
// lambda.Start.
type App struct {
	Settings Settings
	Config   appconfig.Config
	Backend  *appconfig.Backend
	Service  *archive.Service
	// Articles reads uploads; nil unless the backend uses AWS.
	Articles *Articles
}

// Open reads the environment and builds the App. A function needs
// DynamoDB and S3: without ARCHIVE_TABLE and SNAPSHOT_BUCKET it is an
// error, not a silent fall-back to a local file.
func Open(ctx context.Context, getenv func(string) string) (*App, error) {
	s, err := Read(getenv)
	if err != nil {
		return nil, err
	}
	cfg := appconfig.FromEnv()
	if cfg.Table == "" || cfg.SnapshotBucket == "" {
		return nil, fmt.Errorf("%s and %s must be set", appconfig.EnvTable, appconfig.EnvSnapshotBucket)
	}
	b, err := appconfig.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	fo, err := fetch.ConfigFromEnv()
	if err != nil {
		return nil, err
	}
	fo.Budget = s.FetchBudget
	fo.Sources = s.FetchSources
	f, err := fetch.New(fo)
	if err != nil {
		return nil, err
	}
	svc := &archive.Service{
		Extractor:    extract.New(),
		Fetcher:      f,
		Store:        b.Store,
		Blobs:        b.Blobs,
		ResolvePost:  embed.ParseURL,
		RecheckAfter: s.RecheckAfter,
	}
	return &App{
		Settings: s, Config: cfg, Backend: b, Service: svc,
		Articles: &Articles{Client: appconfig.S3(*b.AWS), Max: article.MaxBytes},
	}, nil
}
