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

	"github.com/embedarchive/embedarchive/internal/appconfig"
	"github.com/embedarchive/embedarchive/internal/archive"
)

// queryCommand is `embedarchive query [flags]`.
func queryCommand() command {
	return command{
		summary: "show what was archived: by article, post, author, speaker, platform or status",
		run:     runQuery,
	}
}

func runQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("query", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the result as one JSON object")
	cfg := appconfig.FromEnv()
	fl.StringVar(&cfg.DB, "db", cfg.DB, "embedded store file, when ARCHIVE_TABLE is unset (env EMBEDARCHIVE_DB)")
	var q archive.Query
	fl.StringVar(&q.Article, "article", "", "an article: s3://bucket/key, file:///abs/path or a local file")
	fl.StringVar(&q.Post, "post", "", "a post: its URL or platform:id")
	fl.StringVar(&q.Author, "author", "", "posts by platform:handle, e.g. twitter:nayibbukele")
	fl.StringVar(&q.Speaker, "speaker", "", "quotes attributed to NAME")
	platform := fl.String("platform", "", "posts on a platform (twitter, instagram, youtube...)")
	status := fl.String("status", "", "posts with a status: live, deleted, unavailable, blocked, error")
	since := fl.String("since", "", "from this date (2006-01-02 or RFC 3339), inclusive")
	until := fl.String("until", "", "up to this date, exclusive")
	fl.IntVar(&q.Limit, "limit", archive.DefaultLimit, "results per page")
	fl.StringVar(&q.Cursor, "cursor", "", "the next page, as a previous answer gave it")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: embedarchive query [--json] [selector] [--since DATE] [--until DATE] [--limit N] [--cursor C]")
		fmt.Fprintln(stderr, "\nWithout a selector, lists archived articles, newest first.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		fl.Usage()
		return fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	q.Platform = archive.Platform(strings.ToLower(*platform))
	q.Status = archive.Status(strings.ToLower(*status))
	var err error
	if q.Since, err = parseDate(*since); err != nil {
		return fmt.Errorf("--since: %w", err)
	}
	if q.Until, err = parseDate(*until); err != nil {
		return fmt.Errorf("--until: %w", err)
	}
	if q.Article != "" && !strings.Contains(q.Article, "://") {
		if _, err := os.Stat(q.Article); err == nil {
			if q.Article, err = fileArticleID(q.Article); err != nil {
				return err
			}
		}
	}
	backend, err := appconfig.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer backend.Close()
	svc, err := appconfig.Service(backend, appconfig.FetchOptions{Offline: true})
	if err != nil {
		return err
	}
	res, err := svc.Query(ctx, q)
	if err != nil {
		if archive.KindOf(err) == archive.NotFound {
			return fmt.Errorf("nothing archived matches: %w", err)
		}
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	printResult(stdout, res)
	return nil
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("want 2006-01-02 or RFC 3339")
}

func printResult(w io.Writer, res *archive.Result) {
	empty := true
	for _, v := range res.Articles {
		empty = false
		if len(v.Embeds) == 0 && len(v.Quotes) == 0 && v.Article.EmbedCount+v.Article.LinkCount+v.Article.QuoteCount > 0 {
			a := v.Article
			fmt.Fprintf(w, "%s  %-10s %s  (%d embeds, %d links, %d quotes) %s\n", a.ProcessedAt.Format("2006-01-02 15:04"),
				a.Status, a.ID, a.EmbedCount, a.LinkCount, a.QuoteCount, clip(a.Title, 60))
			continue
		}
		printArticleView(w, v)
	}
	if len(res.Posts) == 1 && (len(res.Posts[0].Snapshots) > 0 || len(res.Posts[0].Articles) > 0) {
		empty = false
		printPostView(w, res.Posts[0])
	} else if len(res.Posts) > 0 {
		empty = false
		posts := make([]archive.Post, len(res.Posts))
		for i, p := range res.Posts {
			posts[i] = p.Post
		}
		printPosts(w, posts)
	}
	if len(res.Quotes) > 0 {
		empty = false
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ARTICLE\tSPEAKER\tQUOTE")
		for _, q := range res.Quotes {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", q.Article, q.Speaker, clip(q.Text, 80))
		}
		tw.Flush()
	}
	if empty {
		fmt.Fprintln(w, "nothing archived matches")
	}
	if res.NextCursor != "" {
		fmt.Fprintf(w, "\nmore: --cursor %s\n", res.NextCursor)
	}
}

func printArticleView(w io.Writer, v archive.ArticleView) {
	a := v.Article
	fmt.Fprintf(w, "%s\n", a.ID)
	fmt.Fprintf(w, "  status:     %s\n", a.Status)
	if a.Reason != "" {
		fmt.Fprintf(w, "  reason:     %s\n", clip(a.Reason, 200))
	}
	if a.Title != "" {
		fmt.Fprintf(w, "  title:      %s\n", a.Title)
	}
	fmt.Fprintf(w, "  processed:  %s\n", a.ProcessedAt.Format(time.RFC3339))
	fmt.Fprintf(w, "  sha256:     %s\n", a.SHA256)
	if a.WARC != "" {
		fmt.Fprintf(w, "  warc:       %s\n", a.WARC)
	}
	if len(v.Embeds) > 0 {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "\n  KIND\tPOST\tMARKUP\tURL")
		for _, e := range v.Embeds {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", e.Kind, e.Key(), e.Markup, e.URL)
		}
		tw.Flush()
	}
	printQuotes(w, v.Quotes)
	fmt.Fprintln(w)
}

func printPostView(w io.Writer, v archive.PostView) {
	p := v.Post
	fmt.Fprintf(w, "%s  %s\n", p.Key(), p.URL)
	status := string(p.Status)
	if p.Edited {
		status += " (edited since first archived)"
	}
	fmt.Fprintf(w, "  status:     %s\n", status)
	if p.AuthorName != "" || p.AuthorHandle != "" {
		fmt.Fprintf(w, "  author:     %s @%s\n", p.AuthorName, p.AuthorHandle)
	}
	if p.Text != "" {
		fmt.Fprintf(w, "  text:       %s\n", clip(p.Text, 200))
	}
	fmt.Fprintf(w, "  archived:   %s .. %s\n", p.FirstArchived.Format(time.RFC3339), p.LastArchived.Format(time.RFC3339))
	if len(v.Snapshots) > 0 {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "\n  FETCHED\tSOURCE\tSTATUS\tHTTP\tSHA256\tREASON")
		for _, s := range v.Snapshots {
			digest := s.SHA256
			if len(digest) > 12 {
				digest = digest[:12]
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%s\t%s\n", s.FetchedAt.Format(time.RFC3339), s.Source, s.Status, s.HTTPStatus, digest, clip(s.Reason, 50))
		}
		tw.Flush()
	}
	if len(v.Articles) > 0 {
		fmt.Fprintf(w, "\n  shown by:\n")
		for _, a := range v.Articles {
			fmt.Fprintf(w, "    %s\n", a)
		}
	}
}
