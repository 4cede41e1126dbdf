package dynamo

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// API is the part of the DynamoDB client the store uses; *dynamodb.Client
// satisfies it.
type API interface {
	Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
}

// Store is an archive.Store on one DynamoDB table.
type Store struct {
	api   API
	table string
	// batchBackoff is the first wait before resending unprocessed items.
	batchBackoff time.Duration
}

var _ archive.Store = (*Store)(nil)

// New returns a Store on table through api.
func New(api API, table string) *Store {
	return &Store{api: api, table: table, batchBackoff: 50 * time.Millisecond}
}

// Table returns the table's name.
func (s *Store) Table() string { return s.table }

// partition returns every item under pk, in SK order (strongly consistent).
func (s *Store) partition(ctx context.Context, pk string) ([]item, error) {
	in := &dynamodb.QueryInput{
		TableName:                 &s.table,
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: item{":pk": sv(pk)},
		ConsistentRead:            aws.Bool(true),
	}
	var out []item
	for {
		res, err := s.api.Query(ctx, in)
		if err != nil {
			return nil, mapErr("dynamo.query", fmt.Errorf("dynamo: query %s: %w", pk, err))
		}
		out = append(out, res.Items...)
		if len(res.LastEvaluatedKey) == 0 {
			return out, nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
}

// writeBatch applies puts and deletes with BatchWriteItem, 25 at a time,
// resending unprocessed items with jittered exponential backoff.
func (s *Store) writeBatch(ctx context.Context, reqs []types.WriteRequest) error {
	for len(reqs) > 0 {
		n := min(25, len(reqs))
		chunk := reqs[:n]
		reqs = reqs[n:]
		wait := s.batchBackoff
		for attempt := 0; len(chunk) > 0; attempt++ {
			res, err := s.api.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
				RequestItems: map[string][]types.WriteRequest{s.table: chunk},
			})
			if err != nil {
				return mapErr("dynamo.batch", fmt.Errorf("dynamo: batch write: %w", err))
			}
			chunk = res.UnprocessedItems[s.table]
			if len(chunk) == 0 {
				break
			}
			if attempt >= 8 {
				return archive.Errorf("dynamo.batch", archive.Throttled, "dynamo: %d items still unprocessed after %d attempts", len(chunk), attempt+1)
			}
			d := wait/2 + rand.N(wait)
			select {
			case <-ctx.Done():
				return archive.E("dynamo.batch", archive.Unavailable, ctx.Err())
			case <-time.After(d):
			}
			wait = min(2*wait, 5*time.Second)
		}
	}
	return nil
}

func putReq(it item) types.WriteRequest {
	return types.WriteRequest{PutRequest: &types.PutRequest{Item: it}}
}

func delReq(pk, sk string) types.WriteRequest {
	return types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: key(pk, sk)}}
}

// putMeta writes a META item if its revision is still rev (or, for rev 0,
// if it does not exist). Returns Conflict if another writer got there first.
func (s *Store) putMeta(ctx context.Context, it item, rev int64) error {
	in := &dynamodb.PutItemInput{TableName: &s.table, Item: it}
	if rev == 0 {
		in.ConditionExpression = aws.String("attribute_not_exists(PK)")
	} else {
		in.ConditionExpression = aws.String("rev = :rev")
		in.ExpressionAttributeValues = item{":rev": nv(rev)}
	}
	if err := checkSize(it); err != nil {
		return err
	}
	if _, err := s.api.PutItem(ctx, in); err != nil {
		return mapErr("dynamo.put", fmt.Errorf("dynamo: put %s: %w", str(it, attrPK), err))
	}
	return nil
}

// Article returns the article's current version. Returns NotFound if absent.
func (s *Store) Article(ctx context.Context, id string) (*archive.ArticleView, error) {
	v, _, _, err := s.readArticle(ctx, id)
	return v, err
}

// readArticle returns the article, its revision and its items by SK.
func (s *Store) readArticle(ctx context.Context, id string) (*archive.ArticleView, int64, map[string]item, error) {
	items, err := s.partition(ctx, articlePK(id))
	if err != nil {
		return nil, 0, nil, err
	}
	bySK := make(map[string]item, len(items))
	v := &archive.ArticleView{Embeds: []archive.Embed{}, Quotes: []archive.Quote{}}
	var rev int64
	found := false
	for _, it := range items {
		sk := str(it, attrSK)
		bySK[sk] = it
		switch {
		case sk == skMeta:
			if err := decode(it, &v.Article); err != nil {
				return nil, 0, nil, err
			}
			rev, found = num(it, attrRev), true
		case len(sk) > 2 && sk[:2] == prefixEdge:
			var e edgeDoc
			if err := decode(it, &e); err != nil {
				return nil, 0, nil, err
			}
			v.Embeds = append(v.Embeds, e.Embed)
		case len(sk) > 2 && sk[:2] == prefixQuote:
			var q quoteDoc
			if err := decode(it, &q); err != nil {
				return nil, 0, nil, err
			}
			v.Quotes = append(v.Quotes, q.Quote)
		}
	}
	if !found {
		return nil, 0, bySK, archive.Errorf("dynamo.Article", archive.NotFound, "article %s", id)
	}
	return v, rev, bySK, nil
}

// PutArticle makes v the article's current version. It writes back-links
// first, then the edges and quotes that changed, then the META item under a
// revision check, so that an interrupted call leaves a state the next call
// repairs; a lost race returns Conflict.
func (s *Store) PutArticle(ctx context.Context, v archive.ArticleView) error {
	id := v.Article.ID
	if id == "" {
		return archive.Errorf("dynamo.PutArticle", archive.Invalid, "empty article id")
	}
	old, rev, bySK, err := s.readArticle(ctx, id)
	if err != nil && archive.KindOf(err) != archive.NotFound {
		return err
	}
	pk := articlePK(id)

	// Desired edge and quote items.
	want := map[string]item{}
	after := map[string]bool{}
	for i, e := range v.Embeds {
		it, err := docItem(pk, seqKey(prefixEdge, i), edgeDoc{Seq: i, Embed: e})
		if err != nil {
			return err
		}
		want[str(it, attrSK)] = it
		after[e.Key()] = true
	}
	for i, q := range v.Quotes {
		it, err := docItem(pk, seqKey(prefixQuote, i), quoteDoc{Seq: i, Quote: q})
		if err != nil {
			return err
		}
		if sp := archive.NormalizeSpeaker(q.Speaker); sp != "" {
			it[attrSpeakerPK] = sv("SP#" + sp)
			it[attrSpeakerSK] = sv(fmt.Sprintf("%s#%06d", id, i))
		}
		want[str(it, attrSK)] = it
	}
	for _, it := range want {
		if err := checkSize(it); err != nil {
			return err
		}
	}
	before := map[string]bool{}
	if old != nil {
		for _, e := range old.Embeds {
			before[e.Key()] = true
		}
	}

	// 1. Back-links: add the new ones, drop the gone ones.
	var links []types.WriteRequest
	for k := range after {
		if !before[k] {
			it := key(postPK(k), prefixLink+id)
			it[attrDoc] = sv(`{}`)
			links = append(links, putReq(it))
		}
	}
	for k := range before {
		if !after[k] {
			links = append(links, delReq(postPK(k), prefixLink+id))
		}
	}
	if err := s.writeBatch(ctx, links); err != nil {
		return err
	}

	// 2. Edges and quotes that changed; those no longer wanted go.
	var reqs []types.WriteRequest
	for sk, it := range want {
		if prev, ok := bySK[sk]; ok && sameItem(prev, it) {
			continue
		}
		reqs = append(reqs, putReq(it))
	}
	for sk := range bySK {
		if sk == skMeta {
			continue
		}
		if _, ok := want[sk]; !ok {
			reqs = append(reqs, delReq(pk, sk))
		}
	}
	if err := s.writeBatch(ctx, reqs); err != nil {
		return err
	}

	// 3. The header, last, under the revision it was read at.
	meta, err := articleItem(v.Article, rev+1)
	if err != nil {
		return err
	}
	if prev, ok := bySK[skMeta]; ok && str(prev, attrDoc) == str(meta, attrDoc) {
		return nil
	}
	return s.putMeta(ctx, meta, rev)
}

// sameItem reports whether two items hold the same attributes (string and
// number values compared).
func sameItem(a, b item) bool {
	if len(a) != len(b) {
		return false
	}
	return maps.EqualFunc(a, b, func(x, y types.AttributeValue) bool {
		switch x := x.(type) {
		case *types.AttributeValueMemberS:
			y, ok := y.(*types.AttributeValueMemberS)
			return ok && x.Value == y.Value
		case *types.AttributeValueMemberN:
			y, ok := y.(*types.AttributeValueMemberN)
			return ok && x.Value == y.Value
		}
		return false
	})
}
