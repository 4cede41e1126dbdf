package dynamo_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/embedarchive/embedarchive/internal/archive"
	"github.com/embedarchive/embedarchive/internal/awstest"
	"github.com/embedarchive/embedarchive/internal/dynamo"
	"github.com/embedarchive/embedarchive/internal/fetch"
	"github.com/embedarchive/embedarchive/internal/samtemplate"
	"github.com/embedarchive/embedarchive/internal/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunStore(t, func(t *testing.T) archive.Store { return newStore(t, nil) })
}

// newTable creates a fresh table from template.yaml's ArchiveTable.
func newTable(t *testing.T, opts ...func(*dynamodb.Options)) (*dynamodb.Client, string) {
	t.Helper()
	client := dynamodb.NewFromConfig(awstest.Config(t), opts...)
	tpl, err := samtemplate.Load("../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	name := awstest.Name(t, "archive")
	in, err := tpl.Table("ArchiveTable", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dynamo.EnsureTable(t.Context(), client, in); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		client.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: &name})
	})
	return client, name
}

func newStore(t *testing.T, wrap func(dynamo.API) dynamo.API) *dynamo.Store {
	client, name := newTable(t)
	var api dynamo.API = client
	if wrap != nil {
		api = wrap(api)
	}
	return dynamo.New(api, name)
}

func TestEnsureTableIdempotent(t *testing.T) {
	client, name := newTable(t)
	tpl, _ := samtemplate.Load("../../template.yaml")
	in, _ := tpl.Table("ArchiveTable", name)
	created, err := dynamo.EnsureTable(t.Context(), client, in)
	if err != nil || created {
		t.Errorf("second EnsureTable: created=%v err=%v, want false, nil", created, err)
	}
}

// stingy passes only the first n items of each BatchWriteItem on and
// reports the rest unprocessed, as DynamoDB does under load.
type stingy struct {
	dynamo.API
	n     int
	calls int
}

func (s *stingy) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	s.calls++
	out := &dynamodb.BatchWriteItemOutput{UnprocessedItems: map[string][]types.WriteRequest{}}
	pass := map[string][]types.WriteRequest{}
	for table, reqs := range in.RequestItems {
		k := min(s.n, len(reqs))
		pass[table] = reqs[:k]
		if k < len(reqs) {
			out.UnprocessedItems[table] = reqs[k:]
		}
	}
	if _, err := s.API.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pass}, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

func TestBatchWriteRetriesUnprocessed(t *testing.T) {
	var st *stingy
	s := newStore(t, func(api dynamo.API) dynamo.API { st = &stingy{API: api, n: 7}; return st })
	var refs []archive.PostRef
	speakers := make([]string, 40)
	for i := range 30 {
		refs = append(refs, storetest.Post(archive.Twitter, fmt.Sprint(i)))
	}
	for i := range speakers {
		speakers[i] = fmt.Sprint("speaker ", i)
	}
	v := storetest.ArticleView("s3://b/big.html", storetest.Base, refs, speakers...)
	if err := s.PutArticle(t.Context(), v); err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(t.Context(), v.Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Embeds) != 30 || len(got.Quotes) != 40 {
		t.Errorf("stored %d edges and %d quotes, want 30 and 40", len(got.Embeds), len(got.Quotes))
	}
	// 30 back-links, then 70 edges and quotes, in chunks of 25, of which
	// each call takes 7.
	want := 0
	for _, total := range []int{30, 70} {
		for ; total > 0; total -= 25 {
			want += (min(total, 25) + 6) / 7
		}
	}
	if st.calls != want {
		t.Errorf("%d BatchWriteItem calls, want %d (chunks of 25, unprocessed items resent)", st.calls, want)
	}
}

// throttled fails every write with the throttling error DynamoDB sends.
type throttled struct{ dynamo.API }

var errThrottled = &types.ProvisionedThroughputExceededException{Message: new(string)}

func (throttled) PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	return nil, errThrottled
}

func (throttled) BatchWriteItem(context.Context, *dynamodb.BatchWriteItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	return nil, errThrottled
}

func TestErrorKinds(t *testing.T) {
	s := newStore(t, func(api dynamo.API) dynamo.API { return throttled{api} })
	p := storetest.Post(archive.Twitter, "1")
	_, err := s.RecordCapture(t.Context(), storetest.LiveCapture(p, "h", "t", "b", storetest.Base, storetest.Base), storetest.Base, storetest.Base)
	if archive.KindOf(err) != archive.Throttled || !errors.Is(err, errThrottled) {
		t.Errorf("throttled write: %v (kind %v), want kind Throttled wrapping the SDK error", err, archive.KindOf(err))
	}
	client := dynamodb.NewFromConfig(awstest.Config(t))
	missing := dynamo.New(client, awstest.Name(t, "no-such-table"))
	if _, err := missing.Article(t.Context(), "file:///x"); archive.KindOf(err) != archive.Unavailable {
		t.Errorf("missing table: %v (kind %v), want Unavailable", err, archive.KindOf(err))
	}
}

func TestService(t *testing.T) {
	storetest.RunService(t, func(t *testing.T) archive.Store { return newStore(t, nil) })
}

// TestServiceWARC archives posts fetched by the real fetcher from a
// loopback stand-in and checks the WARC kept of them.
func TestServiceWARC(t *testing.T) {
	storetest.RunServiceWARC(t, func(t *testing.T) archive.Store { return newStore(t, nil) }, func(t *testing.T) archive.Fetcher {
		f, err := fetch.New(fetch.Options{Sources: []string{archive.SourcePage},
			AllowNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
		if err != nil {
			t.Fatal(err)
		}
		return f
	})
}

// TestOversizedItemRefused checks that an item near DynamoDB's 400 KB
// limit is refused before it is sent, with kind TooLarge (moto would reject
// even a valid 399 KB item, and DynamoDB would throttle retries of it).
func TestOversizedItemRefused(t *testing.T) {
	s := newStore(t, nil)
	v := storetest.ArticleView("s3://b/huge.html", storetest.Base, nil, "Somebody")
	v.Quotes[0].Text = strings.Repeat("x", 360<<10)
	if err := s.PutArticle(t.Context(), v); archive.KindOf(err) != archive.TooLarge {
		t.Errorf("PutArticle with a 360 KB quote: %v, want kind TooLarge", err)
	}
	if _, err := s.Article(t.Context(), v.Article.ID); archive.KindOf(err) != archive.NotFound {
		t.Errorf("after the refused put: %v, want NotFound", err)
	}
}
