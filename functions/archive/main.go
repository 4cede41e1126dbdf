// Command archive is ArchiveFunction: it archives the articles that S3
// notifications report, delivered directly or through SQS (with partial
// batch failures). It only wires: configuration, clients and adapters are
// built once, before lambda.Start; a bad configuration exits first.
package main

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/embedarchive/embedarchive/internal/lambdaenv"
	"github.com/embedarchive/embedarchive/internal/lambdaio"
	"github.com/embedarchive/embedarchive/internal/metrics"
)

func main() {
	log := lambdacontext.NewLogger()
	slog.SetDefault(log)
	app, err := lambdaenv.Open(context.Background(), os.Getenv)
	if err != nil {
		log.Error("bad configuration", "error", err)
		os.Exit(1)
	}
	h := &lambdaio.ArchiveHandler{
		Archiver: lambdaio.ServiceArchiver(app.Articles, app.Service),
		Log:      log,
		Metrics:  metrics.New(os.Stdout, "archive"),
		// An article gets its fetch budget and time to store what it
		// fetched; none starts without that much time left.
		Budget: lambdaio.Budget{
			PerItem:  app.Settings.FetchBudget + 20*time.Second,
			Reserve:  2 * time.Second,
			MinStart: app.Settings.FetchBudget / 2,
		},
		Parallel: app.Settings.ArchiveParallel,
	}
	log.Info("archive function ready", "store", app.Config.Describe(),
		"fetch_budget", app.Settings.FetchBudget.String(), "parallel", app.Settings.ArchiveParallel)
	lambda.Start(h.Invoke)
}
