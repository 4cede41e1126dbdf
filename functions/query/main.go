// Command query is QueryFunction: the JSON API and the HTML viewer
// (internal/web) behind an API Gateway HTTP API (payload format 2.0). It
// only wires; a bad configuration exits before lambda.Start.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/embedarchive/embedarchive/internal/lambdaenv"
	"github.com/embedarchive/embedarchive/internal/lambdaio"
	"github.com/embedarchive/embedarchive/internal/web"
)

func main() {
	log := lambdacontext.NewLogger()
	slog.SetDefault(log)
	app, err := lambdaenv.Open(context.Background(), os.Getenv)
	if err != nil {
		log.Error("bad configuration", "error", err)
		os.Exit(1)
	}
	h := &lambdaio.HTTPHandler{
		Handler: web.NewHandler(app.Service, web.WithLogger(log), web.WithBlobs(app.Backend.Blobs)),
		Log:     log,
	}
	log.Info("query function ready", "store", app.Config.Describe())
	lambda.Start(h.Invoke)
}
