// Command recheck is RecheckFunction: on its schedule it fetches again the
// archived posts that are due and records edits and deletions, one
// bounded run per event. It only wires; a bad configuration exits before
// lambda.Start.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/embedarchive/embedarchive/internal/archive"
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
	h := &lambdaio.RecheckHandler{
		Rechecker: lambdaenv.Bounded(app.Service, app.Settings.RecheckBudget),
		Options:   archive.RecheckOptions{Limit: app.Settings.RecheckLimit},
		Log:       log,
		Metrics:   metrics.New(os.Stdout, "recheck"),
	}
	log.Info("recheck function ready", "store", app.Config.Describe(),
		"budget", app.Settings.RecheckBudget.String(), "limit", app.Settings.RecheckLimit)
	lambda.Start(h.Invoke)
}
