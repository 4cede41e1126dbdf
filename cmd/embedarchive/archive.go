package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/schollz/progressbar/v3"

	"github.com/embedarchive/embedarchive/internal/appconfig"
	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/article"
)

// archiveCommand is `embedarchive archive [flags] FILE|DIR|s3://bucket/prefix...`.
func archiveCommand() command {
	return command{
		summary: "extract, fetch and store the posts and quotes of articles",
		run:     runArchive,
	}
}

// articleExts are the file names a directory walk picks up.
var articleExts = map[string]bool{".html": true, ".htm": true, ".xhtml": true, ".txt": true, ".md": true, ".markdown": true}

// progressAt is the number of articles from which a progress bar is shown.
const progressAt = 5

// archiveLine is the --json line for one article.
type archiveLine struct {
	Source string `json:"source"`
	*archive.Archived
	Error string `json:"error,omitempty"`
	Kind  string `json:"error_kind,omitempty"`
}

func runArchive(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("archive", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "one JSON object per article, one per line")
	cfg := appconfig.FromEnv()
	fl.StringVar(&cfg.DB, "db", cfg.DB, "embedded store file, when ARCHIVE_TABLE is unset (env EMBEDARCHIVE_DB)")
	budget := fl.Duration("fetch-timeout", 20*time.Second, "time budget for fetching one article's posts")
	offline := fl.Bool("offline", false, "fetch nothing: keep only what the articles show")
	quiet := fl.Bool("quiet", false, "no progress bar")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: embedarchive archive [flags] FILE|DIR|s3://bucket/prefix...")
		fmt.Fprintln(stderr, "\nArchives each article: extracts its posts and quotes, fetches every post,")
		fmt.Fprintln(stderr, "keeps raw bodies and records everything in the store (DynamoDB and S3 when")
		fmt.Fprintln(stderr, "ARCHIVE_TABLE and SNAPSHOT_BUCKET are set, else the embedded store).")
		fmt.Fprintln(stderr, "Archiving the same bytes again writes nothing; a post that could not be")
		fmt.Fprintln(stderr, "fetched leaves the article incomplete, and archiving it again completes it.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return errors.New("no articles given")
	}
	backend, err := appconfig.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer backend.Close()
	svc, err := appconfig.Service(backend, appconfig.FetchOptions{Budget: *budget, Offline: *offline})
	if err != nil {
		return err
	}
	svc.Log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srcs, err := listArticles(ctx, backend, fl.Args())
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		return errors.New("no articles found")
	}

	var bar *progressbar.ProgressBar
	if len(srcs) >= progressAt && !*quiet {
		bar = progressbar.NewOptions(len(srcs), progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("archiving"), progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish())
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, src := range srcs {
		if err := ctx.Err(); err != nil {
			return err
		}
		out, err := archiveOne(ctx, svc, backend, src)
		if bar != nil {
			bar.Add(1)
		}
		if err != nil {
			failed++
			if !*asJSON {
				fmt.Fprintf(stderr, "embedarchive archive: %v\n", err)
			}
		}
		switch {
		case *asJSON:
			line := archiveLine{Source: src.name, Archived: out}
			if err != nil {
				line.Error, line.Kind = err.Error(), archive.KindOf(err).String()
			}
			if err := enc.Encode(line); err != nil {
				return fmt.Errorf("write: %w", err)
			}
		case out != nil && len(srcs) == 1:
			printArchived(stdout, out)
		case out != nil:
			printArchivedLine(stdout, out)
		}
	}
	if bar != nil {
		bar.Finish()
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d articles failed", failed, len(srcs))
	}
	return nil
}

// articleSource is one article to archive: a local file or an S3 object.
type articleSource struct {
	name    string // as given or found: a path or s3://bucket/key
	ref     archive.ArticleRef
	path    string
	bucket  string
	key     string
	version string
}

// listArticles expands the arguments: files as given, directories walked
// for article files, s3://bucket/prefix listed.
func listArticles(ctx context.Context, b *appconfig.Backend, args []string) ([]articleSource, error) {
	var out []articleSource
	for _, arg := range args {
		if rest, ok := strings.CutPrefix(arg, "s3://"); ok {
			bucket, prefix, _ := strings.Cut(rest, "/")
			objs, err := listS3(ctx, b, bucket, prefix)
			if err != nil {
				return nil, err
			}
			out = append(out, objs...)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			src, err := fileSource(arg)
			if err != nil {
				return nil, err
			}
			out = append(out, src)
			continue
		}
		var found []articleSource
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != arg {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() && articleExts[strings.ToLower(filepath.Ext(p))] {
				src, err := fileSource(p)
				if err != nil {
					return err
				}
				found = append(found, src)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
		out = append(out, found...)
	}
	return out, nil
}

// fileArticleID is the article ID of a local file: file:///abs/path.
func fileArticleID(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

func fileSource(path string) (articleSource, error) {
	id, err := fileArticleID(path)
	if err != nil {
		return articleSource{}, err
	}
	return articleSource{name: path, ref: archive.ArticleRef{ID: id}, path: path}, nil
}

func listS3(ctx context.Context, b *appconfig.Backend, bucket, prefix string) ([]articleSource, error) {
	client, err := s3Client(ctx, b)
	if err != nil {
		return nil, err
	}
	var out []articleSource
	p := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: &prefix})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list s3://%s/%s: %w", bucket, prefix, err)
		}
		for _, o := range page.Contents {
			k := *o.Key
			if strings.HasSuffix(k, "/") {
				continue
			}
			name := "s3://" + bucket + "/" + k
			out = append(out, articleSource{name: name, ref: archive.ArticleRef{ID: name, Version: strings.Trim(deref(o.ETag), `"`)},
				bucket: bucket, key: k})
		}
	}
	return out, nil
}

func s3Client(ctx context.Context, b *appconfig.Backend) (*s3.Client, error) {
	if b.AWS != nil {
		return appconfig.S3(*b.AWS), nil
	}
	cfg, err := appconfig.AWS(ctx)
	if err != nil {
		return nil, err
	}
	b.AWS = &cfg
	return appconfig.S3(cfg), nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// archiveOne reads one article, capped at the article size limit, and
// archives it.
func archiveOne(ctx context.Context, svc *archive.Service, b *appconfig.Backend, src articleSource) (*archive.Archived, error) {
	var rc io.ReadCloser
	if src.path != "" {
		f, err := os.Open(src.path)
		if err != nil {
			return nil, err
		}
		rc = f
	} else {
		client, err := s3Client(ctx, b)
		if err != nil {
			return nil, err
		}
		obj, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: &src.bucket, Key: &src.key})
		if err != nil {
			return nil, fmt.Errorf("get %s: %w", src.name, err)
		}
		if obj.VersionId != nil {
			src.ref.Version = *obj.VersionId
		}
		rc = obj.Body
	}
	defer rc.Close()
	raw, err := io.ReadAll(io.LimitReader(rc, article.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", src.name, err)
	}
	return svc.ArchiveArticle(ctx, src.ref, raw)
}

// postStatusCounts summarises posts as "2 live, 1 error".
func postStatusCounts(posts []archive.Post) string {
	n := map[archive.Status]int{}
	for _, p := range posts {
		n[p.Status]++
	}
	var parts []string
	for _, st := range []archive.Status{archive.StatusLive, archive.StatusDeleted, archive.StatusUnavailable, archive.StatusBlocked, archive.StatusError} {
		if n[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[st], st))
		}
	}
	return strings.Join(parts, ", ")
}

func printArchivedLine(w io.Writer, a *archive.Archived) {
	note := ""
	if a.Unchanged {
		note = " (unchanged)"
	}
	fmt.Fprintf(w, "%-10s %s%s: %d posts (%s), %d quotes\n", a.Article.Status, a.Article.ID, note,
		len(a.Posts), postStatusCounts(a.Posts), a.Article.QuoteCount)
}

func printArchived(w io.Writer, a *archive.Archived) {
	fmt.Fprintf(w, "%s\n", a.Article.ID)
	status := a.Article.Status
	if a.Unchanged {
		status += " (unchanged: these bytes were archived before; nothing written)"
	}
	fmt.Fprintf(w, "  status:     %s\n", status)
	if a.Article.Reason != "" {
		fmt.Fprintf(w, "  reason:     %s\n", clip(a.Article.Reason, 200))
	}
	if a.Article.Title != "" {
		fmt.Fprintf(w, "  title:      %s\n", a.Article.Title)
	}
	fmt.Fprintf(w, "  sha256:     %s\n", a.Article.SHA256)
	if a.Article.WARC != "" {
		fmt.Fprintf(w, "  warc:       %s\n", a.Article.WARC)
	}
	fmt.Fprintf(w, "  shows:      %d embeds, %d links, %d quotes\n", a.Article.EmbedCount, a.Article.LinkCount, a.Article.QuoteCount)
	fmt.Fprintf(w, "  posts:      %d (%s)\n\n", len(a.Posts), postStatusCounts(a.Posts))
	printPosts(w, a.Posts)
	printQuotes(w, a.Quotes)
}

// printQuotes lists quotes a line each, with the post each is tied to.
func printQuotes(w io.Writer, quotes []archive.Quote) {
	for _, q := range quotes {
		tie := ""
		if q.PostURL != "" {
			tie = " -> " + q.PostURL
		}
		fmt.Fprintf(w, "  quote: %s (%s)%s\n", clip(q.Text, 80), q.Speaker, tie)
	}
}

func printPosts(w io.Writer, posts []archive.Post) {
	if len(posts) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  POST\tSTATUS\tDATE\tAUTHOR\tTEXT")
	for _, p := range posts {
		status := string(p.Status)
		if p.Edited {
			status += ", edited"
		}
		author := p.AuthorName
		if p.AuthorHandle != "" {
			author = strings.TrimSpace(author + " @" + p.AuthorHandle)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", p.Key(), status, archive.PostDate(p).Format("2006-01-02"), clip(author, 30), clip(p.Text, 60))
	}
	tw.Flush()
	fmt.Fprintln(w)
}
