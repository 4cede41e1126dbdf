package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/embedarchive/embedarchive/internal/appconfig"
	"github.com/embedarchive/embedarchive/internal/rie"
	"github.com/embedarchive/embedarchive/internal/sqspoll"
)

// invokeCommand is `embedarchive invoke FUNCTION EVENT`, a Docker-free
// `sam local invoke`.
func invokeCommand() command {
	return command{
		summary: "run a built Lambda function under aws-lambda-rie with an event (like sam local invoke)",
		run:     runInvoke,
	}
}

// passThrough are the caller's variables a local function also gets, as
// SAM passes credentials and region: the AWS SDK's, embedarchive's own,
// and the functions' settings (internal/appconfig, internal/lambdaenv),
// so that FETCH_SOURCES=none, say, reaches a function whose template does
// not name it.
var passThrough = []string{"AWS_", "EMBEDARCHIVE_", "ARCHIVE_", "SNAPSHOT_", "ARTICLE_", "FETCH_", "RECHECK_"}

func runInvoke(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	// The function's own log lines reach stderr from the emulator's output
	// copier while this command prints there too.
	stderr = &lockedWriter{w: stderr}
	fs := flag.NewFlagSet("invoke", flag.ContinueOnError)
	fs.SetOutput(stderr)
	template := fs.String("template", "template.yaml", "the SAM template")
	bootstrap := fs.String("bootstrap", "", "the built function (default .local/FUNCTION/bootstrap, as make local-invoke builds it)")
	envVars := fs.String("env-vars", "", "a JSON file of variables, in sam local invoke --env-vars format")
	queue := fs.String("queue", "", "instead of an EVENT, drain this SQS queue into the function, as Lambda's event source mapping would")
	batch := fs.Int("batch-size", 10, "with --queue: most messages per invocation (1..10)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: embedarchive invoke [flags] FUNCTION EVENT.json")
		fmt.Fprintln(stderr, "       embedarchive invoke [flags] --queue URL FUNCTION")
		fmt.Fprintln(stderr, "\nRuns FUNCTION's bootstrap under aws-lambda-rie with the template's")
		fmt.Fprintln(stderr, "environment (your AWS_* and EMBEDARCHIVE_* variables pass through; a")
		fmt.Fprintln(stderr, "variable you set wins over the template), sends the event, and prints")
		fmt.Fprintln(stderr, "the response. Logs and the init time go to stderr. With --queue, it")
		fmt.Fprintln(stderr, "receives batches until the queue is empty, invokes the function with each,")
		fmt.Fprintln(stderr, "and deletes the messages it did not report as batch item failures.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	var event []byte
	switch {
	case *queue != "" && fs.NArg() == 1:
	case *queue == "" && fs.NArg() == 2:
		var err error
		if event, err = os.ReadFile(fs.Arg(1)); err != nil {
			return err
		}
		if !json.Valid(event) {
			return fmt.Errorf("%s is not JSON", fs.Arg(1))
		}
	default:
		fs.Usage()
		return errors.New("want FUNCTION and EVENT, or --queue URL and FUNCTION")
	}
	fn := fs.Arg(0)
	var err error
	overrides := map[string]string{}
	if *envVars != "" {
		if overrides, err = readEnvVars(*envVars, fn); err != nil {
			return err
		}
	}
	spec, err := rie.FromTemplate(*template, fn, func(k string) (string, bool) {
		if v, ok := overrides[k]; ok {
			return v, true
		}
		return os.LookupEnv(k)
	})
	if err != nil {
		return err
	}
	env := spec.Environ()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, inSpec := spec.Env[k]; inSpec {
			continue
		}
		for _, p := range passThrough {
			if strings.HasPrefix(k, p) {
				env = append(env, kv)
			}
		}
	}
	if *bootstrap == "" {
		*bootstrap = filepath.Join(".local", fn, "bootstrap")
	}
	f, err := rie.Start(ctx, rie.Options{Bootstrap: *bootstrap, Env: env, Timeout: spec.Timeout, Output: stderr})
	if err != nil {
		return err
	}
	defer f.Close()
	if *queue != "" {
		return drain(ctx, f, *queue, int32(*batch), stdout, stderr)
	}
	out, err := f.Invoke(ctx, event)
	if d, ok := f.InitDuration(); ok {
		fmt.Fprintf(stderr, "init: %v\n", d.Round(100_000))
	}
	if len(out) > 0 {
		fmt.Fprintf(stdout, "%s\n", out)
	}
	return err
}

// readEnvVars reads a `sam local invoke --env-vars` file: variables for
// every function under "Parameters", then fn's own.
func readEnvVars(path, fn string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var file map[string]map[string]string
	if err := json.Unmarshal(raw, &file); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]string{}
	for _, section := range []string{"Parameters", fn} {
		for k, v := range file[section] {
			out[k] = v
		}
	}
	return out, nil
}

// drain hands the queue's messages to f, batch by batch.
func drain(ctx context.Context, f *rie.Function, queue string, batch int32, stdout, stderr io.Writer) error {
	cfg, err := appconfig.AWS(ctx)
	if err != nil {
		return err
	}
	client := sqs.NewFromConfig(cfg)
	attrs, err := client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(queue),
		AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	if err != nil {
		return fmt.Errorf("queue %s: %w", queue, err)
	}
	p := &sqspoll.Poller{API: client, QueueURL: queue, Region: cfg.Region, BatchSize: batch,
		QueueARN: attrs.Attributes[string(sqstypes.QueueAttributeNameQueueArn)]}
	st, err := p.Drain(ctx, func(ctx context.Context, event []byte) ([]byte, error) {
		out, err := f.Invoke(ctx, event)
		if err != nil {
			fmt.Fprintf(stderr, "invocation failed: %v\n", err)
		}
		return out, err
	})
	if d, ok := f.InitDuration(); ok {
		fmt.Fprintf(stderr, "init: %v\n", d.Round(100_000))
	}
	fmt.Fprintf(stdout, "%d invocations, %d messages: %d deleted, %d left to retry\n", st.Batches, st.Received, st.Deleted, st.Failed)
	return err
}

// lockedWriter serialises writes to w from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
