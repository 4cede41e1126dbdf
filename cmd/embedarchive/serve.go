package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/embedarchive/embedarchive/internal/appconfig"
	"github.com/embedarchive/embedarchive/internal/web"
)

// serveCommand is `embedarchive serve [--addr 127.0.0.1:8080]`: the JSON
// API and the viewer over the embedded store.
func serveCommand() command {
	return command{
		summary: "serve the JSON API and the HTML viewer over the archive",
		run:     runServe,
	}
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (no authentication: keep it on loopback)")
	cfg := appconfig.FromEnv()
	fs.StringVar(&cfg.DB, "db", cfg.DB, "embedded store file, when ARCHIVE_TABLE is unset (env EMBEDARCHIVE_DB)")
	fs.StringVar(&cfg.BlobDir, "blobs", "", "folder of raw snapshot bodies, when SNAPSHOT_BUCKET is unset (default: blobs/ beside the store file)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: embedarchive serve [--addr 127.0.0.1:8080] [--db FILE] [--blobs DIR]")
		fmt.Fprintln(stderr, "\nServes the JSON API (/api/articles, /api/posts, /api/quotes, /healthz)")
		fmt.Fprintln(stderr, "and the HTML viewer (/) over what was archived, until interrupted. The")
		fmt.Fprintln(stderr, "store is the one the other commands use: DynamoDB and S3 when")
		fmt.Fprintln(stderr, "ARCHIVE_TABLE and SNAPSHOT_BUCKET are set, else the embedded store.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	backend, err := appconfig.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer backend.Close()
	svc, err := appconfig.Service(backend, appconfig.FetchOptions{Offline: true})
	if err != nil {
		return err
	}
	svc.Log = log

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		log.Warn("serve: listening beyond loopback; the API and viewer have no authentication", "addr", ln.Addr().String())
	}
	srv := &http.Server{
		Handler:           web.NewHandler(svc, web.WithLogger(log), web.WithBlobs(backend.Blobs)),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	fmt.Fprintf(stdout, "embedarchive: serving %s on http://%s/ (Ctrl-C stops)\n", cfg.Describe(), ln.Addr())

	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
