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
	"github.com/embedarchive/embedarchive/internal/embed"
	"github.com/embedarchive/embedarchive/internal/fetch"
)

// fetchCommand is `embedarchive fetch [--json] POST_URL...`.
func fetchCommand() command {
	return command{
		summary: "fetch posts now and print the snapshots taken (no store)",
		run:     runFetch,
	}
}

// fetchLine is one --json output line: a post and the snapshots taken.
type fetchLine struct {
	URL       string         `json:"url"`
	Platform  string         `json:"platform"`
	PostID    string         `json:"post_id"`
	Status    string         `json:"status"`
	Snapshots []fetchSnapOut `json:"snapshots"`
	Error     string         `json:"error,omitempty"`
}

type fetchSnapOut struct {
	Source       string `json:"source"`
	RequestURL   string `json:"request_url"`
	FinalURL     string `json:"final_url"`
	HTTPStatus   int    `json:"http_status"`
	Status       string `json:"status"`
	Reason       string `json:"reason,omitempty"`
	SHA256       string `json:"sha256"`
	FetchedAt    string `json:"fetched_at"`
	Text         string `json:"text"`
	AuthorName   string `json:"author_name"`
	AuthorHandle string `json:"author_handle"`
	PublishedAt  string `json:"published_at"`
	Truncated    bool   `json:"truncated,omitempty"`
}

func runFetch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "one JSON object per URL, one per line")
	warcPath := fs.String("warc", "", "also write every HTTP exchange as WARC records to `FILE` (gzip per record if it ends in .gz)")
	budget := fs.Duration("timeout", 25*time.Second, "overall time budget for all the URLs")
	sources := fs.String("sources", "oembed,page", "network sources to fetch, of oembed and page")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: embedarchive fetch [--json] [--warc FILE] [--timeout D] [--sources oembed,page] POST_URL...")
		fmt.Fprintln(stderr, "\nFetches each post's oEmbed answer and page now, in parallel, and prints the")
		fmt.Fprintln(stderr, "snapshots taken. Writes nothing to a store. Configuration from the environment:")
		fmt.Fprintf(stderr, "  %s (providers.json overrides), %s (CIDRs allowed\n  although private), %s (Meta oEmbed token).\n", fetch.EnvProviders, fetch.EnvAllowNetworks, fetch.EnvMetaToken)
		fmt.Fprintln(stderr, "A URL that is not a recognised post is reported and the exit status is 1.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no post URLs given")
	}
	opts, err := fetch.ConfigFromEnv()
	if err != nil {
		return err
	}
	opts.Budget = *budget
	opts.Sources = nil
	for _, s := range strings.Split(*sources, ",") {
		if s = strings.TrimSpace(s); s != "" {
			opts.Sources = append(opts.Sources, s)
		}
	}
	if *warcPath != "" {
		fh, err := os.Create(*warcPath)
		if err != nil {
			return fmt.Errorf("warc: %w", err)
		}
		defer fh.Close()
		w, err := fetch.NewWARCWriter(fh, strings.HasSuffix(*warcPath, ".gz"))
		if err != nil {
			return err
		}
		opts.WARC = w
	}
	f, err := fetch.New(opts)
	if err != nil {
		return err
	}

	// Recognise every URL; fetch the recognised ones together.
	type arg struct {
		raw string
		ok  bool
		at  int // index into posts
	}
	var argsOut []arg
	var posts []archive.Embed
	for _, raw := range fs.Args() {
		ref, ok := embed.ParseURL(raw)
		if !ok {
			argsOut = append(argsOut, arg{raw: raw})
			continue
		}
		argsOut = append(argsOut, arg{raw: raw, ok: true, at: len(posts)})
		posts = append(posts, archive.Embed{PostRef: ref, Kind: archive.KindLink, Markup: "url"})
	}
	caps := f.Fetch(ctx, posts)

	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	unrecognised := 0
	for _, a := range argsOut {
		if !a.ok {
			unrecognised++
			fmt.Fprintf(stderr, "embedarchive fetch: %s: not a recognised post URL\n", a.raw)
			if *asJSON {
				if err := enc.Encode(fetchLine{URL: a.raw, Snapshots: []fetchSnapOut{}, Error: "not a recognised post URL"}); err != nil {
					return fmt.Errorf("write: %w", err)
				}
			}
			continue
		}
		line := toFetchLine(a.raw, caps[a.at])
		if *asJSON {
			if err := enc.Encode(line); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			continue
		}
		printFetchLine(stdout, line)
	}
	if opts.WARC != nil {
		if err := opts.WARC.Err(); err != nil {
			return err
		}
	}
	if unrecognised > 0 {
		return fmt.Errorf("%d of %d URLs are not recognised posts", unrecognised, len(argsOut))
	}
	return nil
}

// toFetchLine is the --json contract for one capture. The markup snapshot
// is left out: there is no article whose markup it would show.
func toFetchLine(raw string, c archive.Capture) fetchLine {
	l := fetchLine{URL: raw, Platform: string(c.Post.Platform), PostID: c.Post.ID, Status: string(c.Status), Snapshots: []fetchSnapOut{}}
	for _, s := range c.Snapshots {
		if s.Source == archive.SourceMarkup {
			continue
		}
		o := fetchSnapOut{
			Source: s.Source, RequestURL: s.RequestURL, FinalURL: s.FinalURL, HTTPStatus: s.HTTPStatus,
			Status: string(s.Status), Reason: s.Reason, SHA256: s.SHA256,
			FetchedAt: s.FetchedAt.UTC().Format(time.RFC3339Nano),
			Text:      s.Text, AuthorName: s.AuthorName, AuthorHandle: s.AuthorHandle, Truncated: s.Truncated,
		}
		if !s.PublishedAt.IsZero() {
			o.PublishedAt = s.PublishedAt.UTC().Format(time.RFC3339)
		}
		l.Snapshots = append(l.Snapshots, o)
	}
	// Without network sources the capture's status is the markup's; say
	// what was actually learnt instead.
	if len(l.Snapshots) == 0 {
		l.Status = string(archive.StatusUnavailable)
	}
	return l
}

func printFetchLine(w io.Writer, l fetchLine) {
	fmt.Fprintf(w, "%s  %s:%s  %s\n", l.URL, l.Platform, l.PostID, strings.ToUpper(l.Status))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, s := range l.Snapshots {
		digest := s.SHA256
		if len(digest) > 12 {
			digest = digest[:12]
		}
		http := "-"
		if s.HTTPStatus != 0 {
			http = fmt.Sprint(s.HTTPStatus)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", s.Source, s.Status, http, digest, s.Reason)
	}
	tw.Flush()
	for _, s := range l.Snapshots {
		if s.Text == "" && s.AuthorName == "" && s.AuthorHandle == "" {
			continue
		}
		who := s.AuthorName
		if s.AuthorHandle != "" {
			who = strings.TrimSpace(who + " (@" + s.AuthorHandle + ")")
		}
		text := strings.Join(strings.Fields(s.Text), " ")
		if r := []rune(text); len(r) > 160 {
			text = string(r[:160]) + "…"
		}
		fmt.Fprintf(w, "  %s: %s %q", s.Source, who, text)
		if s.PublishedAt != "" {
			fmt.Fprintf(w, " %s", s.PublishedAt)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}
