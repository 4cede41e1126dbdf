package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/awstest"
)

// cli runs the command line and returns its stdout, failing on a non-zero
// exit.
func cli(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("embedarchive %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

func localEnv(t *testing.T) string {
	db := filepath.Join(t.TempDir(), "archive.db")
	t.Setenv("EMBEDARCHIVE_DB", db)
	t.Setenv("ARCHIVE_TABLE", "")
	t.Setenv("SNAPSHOT_BUCKET", "")
	return db
}

func TestArchiveTwiceThenQuery(t *testing.T) {
	db := localEnv(t)
	var first, second archiveLine
	if err := json.Unmarshal([]byte(cli(t, "archive", "--json", "--offline", "../../examples/article.html")), &first); err != nil {
		t.Fatal(err)
	}
	if first.Archived == nil || first.Unchanged || len(first.Posts) != 6 || first.Article.QuoteCount == 0 {
		t.Fatalf("first archive: %+v", first)
	}
	if !strings.HasPrefix(first.Article.ID, "file:///") || !strings.HasSuffix(first.Article.ID, "/examples/article.html") {
		t.Errorf("article id = %q, want file:///.../examples/article.html", first.Article.ID)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "blobs")); err != nil {
		t.Errorf("no blob folder beside the store: %v", err)
	}
	if err := json.Unmarshal([]byte(cli(t, "archive", "--json", "--offline", "../../examples/article.html")), &second); err != nil {
		t.Fatal(err)
	}
	if !second.Unchanged || second.Article.SHA256 != first.Article.SHA256 {
		t.Errorf("second archive of the same file: unchanged=%v", second.Unchanged)
	}

	var res archive.Result
	mustJSON := func(out string) {
		t.Helper()
		res = archive.Result{}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
	}
	mustJSON(cli(t, "query", "--json", "--article", "../../examples/article.html"))
	if len(res.Articles) != 1 || len(res.Articles[0].Embeds) != len(first.Embeds) {
		t.Errorf("query --article: %+v", res)
	}
	post := first.Posts[0]
	mustJSON(cli(t, "query", "--json", "--post", post.URL))
	if len(res.Posts) != 1 || res.Posts[0].Post.Key() != post.Key() || len(res.Posts[0].Articles) != 1 {
		t.Errorf("query --post %s: %+v", post.URL, res)
	}
	if post.AuthorHandle != "" {
		mustJSON(cli(t, "query", "--json", "--author", string(post.Platform)+":"+post.AuthorHandle))
		if len(res.Posts) != 1 {
			t.Errorf("query --author: %d posts", len(res.Posts))
		}
	}
	speaker := first.Quotes[0].Speaker
	mustJSON(cli(t, "query", "--json", "--speaker", speaker))
	if len(res.Quotes) == 0 || res.Quotes[0].Speaker != speaker {
		t.Errorf("query --speaker %q: %+v", speaker, res.Quotes)
	}
	mustJSON(cli(t, "query", "--json", "--platform", "twitter", "--since", "2000-01-01", "--limit", "1"))
	if len(res.Posts) != 1 || res.Posts[0].Post.Platform != archive.Twitter {
		t.Errorf("query --platform twitter: %+v", res.Posts)
	}
	if out := cli(t, "query", "--status", "deleted"); !strings.Contains(out, "nothing archived matches") {
		t.Errorf("query --status deleted on a fresh archive: %q", out)
	}
	if out := cli(t, "query"); !strings.Contains(out, first.Article.ID) {
		t.Errorf("query without selector does not list the article: %q", out)
	}
}

func TestArchiveDirectoryShowsProgress(t *testing.T) {
	localEnv(t)
	dir := t.TempDir()
	sample, err := os.ReadFile("../../examples/article.html")
	if err != nil {
		t.Fatal(err)
	}
	for i := range progressAt {
		name := filepath.Join(dir, string(rune('a'+i))+".html")
		if err := os.WriteFile(name, append(sample, []byte("<!-- copy "+name+" -->")...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "notes.json"), []byte("{}"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"archive", "--offline", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if n := strings.Count(stdout.String(), "\n"); n != progressAt {
		t.Errorf("%d summary lines for %d articles:\n%s", n, progressAt, stdout.String())
	}
	if !strings.Contains(stderr.String(), "archiving") {
		t.Errorf("no progress bar on stderr: %q", stderr.String())
	}
}

func TestQueryRejectsBadInput(t *testing.T) {
	localEnv(t)
	for _, args := range [][]string{
		{"query", "--author", "nohandle"},
		{"query", "--platform", "myspace"},
		{"query", "--since", "yesterday"},
		{"query", "--article", "file:///never/archived.html"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(t.Context(), args, &stdout, &stderr); code == 0 {
			t.Errorf("%v: exit 0, want failure", args)
		}
	}
}

// TestSetupAndArchiveFromS3 creates the table and buckets on moto with
// setup (twice: the second changes nothing), uploads the sample article and
// archives it from s3:// into DynamoDB and S3.
func TestSetupAndArchiveFromS3(t *testing.T) {
	cfg := awstest.Config(t)
	t.Setenv("AWS_ENDPOINT_URL", awstest.Endpoint(t))
	table, articles, snapshots := awstest.Name(t, "table"), awstest.Name(t, "articles"), awstest.Name(t, "snapshots")
	t.Setenv("ARCHIVE_TABLE", table)
	t.Setenv("ARTICLE_BUCKET", articles)
	t.Setenv("SNAPSHOT_BUCKET", snapshots)
	t.Setenv("EMBEDARCHIVE_DB", filepath.Join(t.TempDir(), "unused.db"))

	var res setupResult
	for i, want := range []string{"created", "exists"} {
		if err := json.Unmarshal([]byte(cli(t, "setup", "--json", "--template", "../../template.yaml")), &res); err != nil {
			t.Fatal(err)
		}
		if res.Table.Action != want || len(res.Buckets) != 2 || res.Buckets[0].Action != want || res.Buckets[1].Action != want {
			t.Errorf("setup run %d: %+v, want everything %s", i+1, res, want)
		}
	}
	db := dynamodb.NewFromConfig(cfg)
	desc, err := db.DescribeTable(t.Context(), &dynamodb.DescribeTableInput{TableName: &table})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(desc.Table.GlobalSecondaryIndexes); n != 6 {
		t.Errorf("table has %d indexes, want 6", n)
	}

	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	sample, _ := os.ReadFile("../../examples/article.html")
	if _, err := s3c.PutObject(t.Context(), &s3.PutObjectInput{Bucket: &articles, Key: aws.String("articles/2026/ferry.html"), Body: bytes.NewReader(sample)}); err != nil {
		t.Fatal(err)
	}
	var line archiveLine
	if err := json.Unmarshal([]byte(cli(t, "archive", "--json", "--offline", "s3://"+articles+"/articles/")), &line); err != nil {
		t.Fatal(err)
	}
	id := "s3://" + articles + "/articles/2026/ferry.html"
	if line.Archived == nil || line.Article.ID != id || len(line.Posts) != 6 {
		t.Fatalf("archive from s3: %+v", line)
	}
	var q archive.Result
	if err := json.Unmarshal([]byte(cli(t, "query", "--json", "--article", id)), &q); err != nil {
		t.Fatal(err)
	}
	if len(q.Articles) != 1 || q.Articles[0].Article.SHA256 != line.Article.SHA256 {
		t.Errorf("query from DynamoDB: %+v", q)
	}
	list, err := s3c.ListObjectsV2(t.Context(), &s3.ListObjectsV2Input{Bucket: &snapshots})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Contents) == 0 {
		t.Error("no bodies in the snapshot bucket")
	}
}
