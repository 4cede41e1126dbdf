package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
	"github.com/embedarchive/embedarchive/internal/extract"
)

// extractCommand is `embedarchive extract [--json] FILE...`.
func extractCommand() command {
	return command{
		summary: "print the posts and quotes articles show (no network, no store)",
		run:     runExtract,
	}
}

// extractFailure is the --json line for a file that could not be read.
type extractFailure struct {
	Source string `json:"source"`
	Error  string `json:"error"`
	Kind   string `json:"error_kind"`
}

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "one JSON object per file, one per line (the extract contract)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: embedarchive extract [--json] FILE...")
		fmt.Fprintln(stderr, "\nA file that cannot be read is reported on stderr (and, with --json, as a")
		fmt.Fprintln(stderr, `line {"source","error","error_kind"}); the others are still extracted and`)
		fmt.Fprintln(stderr, "the exit status is 1.")
		fs.PrintDefaults()
	}
	// Flags may come before or after the files.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) == 0 {
		fs.Usage()
		return errors.New("no files given")
	}
	x := extract.New()
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		ex, err := extractFile(ctx, x, path)
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "embedarchive extract: %v\n", err)
			if *asJSON {
				if err := enc.Encode(extractFailure{Source: path, Error: err.Error(), Kind: archive.KindOf(err).String()}); err != nil {
					return err
				}
			}
			continue
		}
		if *asJSON {
			if err := enc.Encode(ex); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			continue
		}
		printExtraction(stdout, ex)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed", failed, len(files))
	}
	return nil
}

// extractFile reads path, refusing files over the article size cap before
// reading them whole.
func extractFile(ctx context.Context, x *extract.Extractor, path string) (*archive.Extraction, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, article.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return x.Extract(ctx, path, raw)
}

// printExtraction writes an extraction as a table a person can read.
func printExtraction(w io.Writer, ex *archive.Extraction) {
	fmt.Fprintf(w, "%s\n", ex.Source)
	if ex.Title != "" {
		fmt.Fprintf(w, "  title:      %s\n", ex.Title)
	}
	if ex.CanonicalURL != "" {
		fmt.Fprintf(w, "  canonical:  %s\n", ex.CanonicalURL)
	}
	if !ex.PublishedAt.IsZero() {
		fmt.Fprintf(w, "  published:  %s\n", ex.PublishedAt.Format(time.RFC3339))
	}
	fmt.Fprintf(w, "  posts:      %d    quotes: %d\n\n", len(ex.Embeds), len(ex.Quotes))
	if len(ex.Embeds) > 0 {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  KIND\tPLATFORM\tMARKUP\tDATE\tAUTHOR\tURL\tTEXT")
		for _, e := range ex.Embeds {
			date := ""
			if !e.PublishedAt.IsZero() {
				date = e.PublishedAt.Format("2006-01-02")
			}
			author := e.AuthorName
			if e.AuthorHandle != "" {
				author = strings.TrimSpace(author + " @" + e.AuthorHandle)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Kind, e.Platform, e.Markup, date, clip(author, 30), e.URL, clip(e.Text, 50))
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	for _, q := range ex.Quotes {
		fmt.Fprintf(w, "  quote: %q  (%s)\n", clip(q.Text, 80), q.Speaker)
	}
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
