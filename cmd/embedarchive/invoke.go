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

	"github.com/embedarchive/embedarchive/internal/rie"
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
	fs := flag.NewFlagSet("invoke", flag.ContinueOnError)
	fs.SetOutput(stderr)
	template := fs.String("template", "template.yaml", "the SAM template")
	bootstrap := fs.String("bootstrap", "", "the built function (default .local/FUNCTION/bootstrap, as make local-invoke builds it)")
	envVars := fs.String("env-vars", "", "a JSON file of variables, in sam local invoke --env-vars format")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: embedarchive invoke [flags] FUNCTION EVENT.json")
		fmt.Fprintln(stderr, "\nRuns FUNCTION's bootstrap under aws-lambda-rie with the template's")
		fmt.Fprintln(stderr, "environment (your AWS_* and EMBEDARCHIVE_* variables pass through; a")
		fmt.Fprintln(stderr, "variable you set wins over the template), sends the event, and prints")
		fmt.Fprintln(stderr, "the response. Logs and the init time go to stderr.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return errors.New("want FUNCTION and EVENT")
	}
	fn, eventPath := fs.Arg(0), fs.Arg(1)
	event, err := os.ReadFile(eventPath)
	if err != nil {
		return err
	}
	if !json.Valid(event) {
		return fmt.Errorf("%s is not JSON", eventPath)
	}
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
