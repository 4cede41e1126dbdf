package dynamo_test

import (
	"os"
	"testing"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/awstest"
	"github.com/embedarchive/embedarchive/internal/dynamo"
	"github.com/embedarchive/embedarchive/internal/extract"
	"github.com/embedarchive/embedarchive/internal/storetest"
)

// TestSampleArticleTwice archives the repository's sample article twice
// and checks that the second delivery leaves the table as it was, counting
// the DynamoDB writes each costs.
func TestSampleArticleTwice(t *testing.T) {
	body, err := os.ReadFile("../../examples/article.html")
	if err != nil {
		t.Fatal(err)
	}
	var counter awstest.WriteCounter
	client, table := newTable(t, counter.Option)
	fetcher := &storetest.Fetcher{}
	svc := &archive.Service{Extractor: extract.New(), Fetcher: fetcher, Store: dynamo.New(client, table), Blobs: &storetest.MemBlobs{}}
	ref := archive.ArticleRef{ID: "s3://articles/examples/article.html"}

	counter.Take()
	first, err := svc.ArchiveArticle(t.Context(), ref, body)
	if err != nil {
		t.Fatal(err)
	}
	calls1, items1 := counter.Take()
	count1 := awstest.CountItems(t, client, table)
	if first.Article.Status != archive.ArticleComplete || len(first.Posts) == 0 {
		t.Fatalf("first delivery: status %s, %d posts", first.Article.Status, len(first.Posts))
	}
	// META + one item per edge and quote; per post META + 2 snapshots
	// (markup, page) + one back-link.
	if want := 1 + len(first.Embeds) + len(first.Quotes) + 4*len(first.Posts); count1 != want {
		t.Errorf("after the first delivery the table holds %d items, want %d", count1, want)
	}

	second, err := svc.ArchiveArticle(t.Context(), ref, body)
	if err != nil {
		t.Fatal(err)
	}
	calls2, items2 := counter.Take()
	count2 := awstest.CountItems(t, client, table)
	if !second.Unchanged || count2 != count1 || calls2 != 0 {
		t.Errorf("second delivery: unchanged=%v, items %d -> %d, %d write requests; want true, unchanged count, 0",
			second.Unchanged, count1, count2, calls2)
	}
	t.Logf("sample article: %d embeds, %d quotes, %d posts, %d items in the table", len(first.Embeds), len(first.Quotes), len(first.Posts), count1)
	t.Logf("first delivery: %d write requests writing %d items; re-delivery of the unchanged article: %d requests, %d items", calls1, items1, calls2, items2)

	// An incomplete article (one post failing) is processed again on every
	// delivery: count what that costs.
	for _, p := range first.Posts[:1] {
		fetcher.Set(p.Key(), 0, archive.StatusError)
	}
	changed := append(append([]byte{}, body...), []byte("\n<!-- v2 -->\n")...)
	if _, err := svc.ArchiveArticle(t.Context(), ref, changed); err != nil {
		t.Fatal(err)
	}
	calls3, items3 := counter.Take()
	if _, err := svc.ArchiveArticle(t.Context(), ref, changed); err != nil {
		t.Fatal(err)
	}
	calls4, items4 := counter.Take()
	t.Logf("changed article with one failing post: %d requests, %d items; its re-delivery (still incomplete): %d requests, %d items", calls3, items3, calls4, items4)
	if count := awstest.CountItems(t, client, table); count != count2+1 {
		t.Errorf("after two incomplete deliveries: %d items, want %d (one new failure snapshot)", count, count2+1)
	}
}
