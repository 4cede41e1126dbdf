package dynamo

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// item is one DynamoDB item.
type item = map[string]types.AttributeValue

// Attribute names, as template.yaml's ArchiveTable defines them.
const (
	attrPK         = "PK"
	attrSK         = "SK"
	attrDoc        = "doc"
	attrRev        = "rev"
	attrAuthorPK   = "AuthorPK"
	attrPlatMonth  = "PlatformMonthPK"
	attrStatusPK   = "StatusPK"
	attrPostDateSK = "PostDateSK"
	attrRecheckPK  = "RecheckPK"
	attrRecheckSK  = "RecheckSK"
	attrSpeakerPK  = "SpeakerPK"
	attrSpeakerSK  = "SpeakerSK"
	attrListPK     = "ListPK"
	attrListSK     = "ListSK"
)

// Index names, as template.yaml's ArchiveTable defines them.
const (
	indexAuthor   = "ByAuthor"
	indexPlatform = "ByPlatformMonth"
	indexStatus   = "ByStatus"
	indexRecheck  = "DueForRecheck"
	indexSpeaker  = "BySpeaker"
	indexArticles = "ArticlesByTime"
)

const (
	skMeta      = "META"
	prefixEdge  = "E#"
	prefixQuote = "Q#"
	prefixSnap  = "S#"
	prefixLink  = "R#"
	recheckPK   = "DUE"
	articlesPK  = "ARTICLES"
	// monthLayout shards the platform index by month.
	monthLayout = "2006-01"
)

func articlePK(id string) string { return "A#" + id }
func postPK(key string) string   { return "P#" + key }

func sv(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func nv(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

func str(it item, name string) string {
	if v, ok := it[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

func num(it item, name string) int64 {
	if v, ok := it[name].(*types.AttributeValueMemberN); ok {
		n, _ := strconv.ParseInt(v.Value, 10, 64)
		return n
	}
	return 0
}

func key(pk, sk string) item { return item{attrPK: sv(pk), attrSK: sv(sk)} }

// docItem builds an item holding v as JSON.
func docItem(pk, sk string, v any) (item, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %s %s: %w", pk, sk, err)
	}
	it := key(pk, sk)
	it[attrDoc] = sv(string(raw))
	return it, nil
}

func decode(it item, v any) error {
	if err := json.Unmarshal([]byte(str(it, attrDoc)), v); err != nil {
		return fmt.Errorf("decode %s %s: %w", str(it, attrPK), str(it, attrSK), err)
	}
	return nil
}

// maxItemBytes keeps items well under DynamoDB's 400 KB.
const maxItemBytes = 350 << 10

func itemSize(it item) int {
	n := 0
	for k, v := range it {
		n += len(k)
		switch v := v.(type) {
		case *types.AttributeValueMemberS:
			n += len(v.Value)
		case *types.AttributeValueMemberN:
			n += len(v.Value)
		}
	}
	return n
}

func checkSize(it item) error {
	if n := itemSize(it); n > maxItemBytes {
		return archive.Errorf("dynamo.put", archive.TooLarge, "item %s %s is %d bytes", str(it, attrPK), str(it, attrSK), n)
	}
	return nil
}

func seqKey(prefix string, i int) string { return fmt.Sprintf("%s%06d", prefix, i) }

// edgeDoc is an embed edge as stored: its position in the article.
type edgeDoc struct {
	Seq int `json:"seq"`
	archive.Embed
}

type quoteDoc struct {
	Seq int `json:"seq"`
	archive.Quote
}

// storedSnapshot is a snapshot as kept: the domain type hides its post from
// JSON.
type storedSnapshot struct {
	archive.Snapshot
	Post archive.PostRef `json:"post"`
}

func articleItem(a archive.Article, rev int64) (item, error) {
	it, err := docItem(articlePK(a.ID), skMeta, a)
	if err != nil {
		return nil, err
	}
	it[attrRev] = nv(rev)
	it[attrListPK] = sv(articlesPK)
	it[attrListSK] = sv(archive.SortTime(a.ProcessedAt) + "#" + a.ID)
	return it, nil
}

func postItem(p archive.Post, rev int64) (item, error) {
	it, err := docItem(postPK(p.Key()), skMeta, p)
	if err != nil {
		return nil, err
	}
	it[attrRev] = nv(rev)
	d := archive.PostDate(p)
	it[attrPostDateSK] = sv(archive.SortTime(d) + "#" + p.Key())
	it[attrPlatMonth] = sv(platformMonth(p.Platform, d))
	if p.Status != "" {
		it[attrStatusPK] = sv("ST#" + string(p.Status))
	}
	if p.AuthorHandle != "" {
		it[attrAuthorPK] = sv("AU#" + archive.AuthorKey(p.Platform, p.AuthorHandle))
	}
	if !p.NextCheck.IsZero() {
		it[attrRecheckPK] = sv(recheckPK)
		it[attrRecheckSK] = sv(archive.SortTime(p.NextCheck) + "#" + p.Key())
	}
	return it, nil
}

func platformMonth(p archive.Platform, t time.Time) string {
	return "PM#" + string(p) + "#" + t.UTC().Format(monthLayout)
}

// articleOf returns the article id of an A# item.
func articleOf(it item) string { return strings.TrimPrefix(str(it, attrPK), "A#") }
