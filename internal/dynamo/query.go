package dynamo

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// firstMonth is where a platform query without Since stops walking back:
// no post predates its platform (a year's margin before each launch).
func firstMonth(p archive.Platform) time.Time {
	year := map[archive.Platform]int{
		archive.Twitter: 2005, archive.Instagram: 2009, archive.TikTok: 2015, archive.YouTube: 2004,
		archive.Bluesky: 2022, archive.Mastodon: 2015, archive.Threads: 2022, archive.Telegram: 2012,
		archive.TruthSocial: 2021, archive.Reddit: 2004,
	}[p]
	if year == 0 {
		year = 2002
	}
	return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
}

// Query answers q from the table's indexes; see archive.Store for the order.
func (s *Store) Query(ctx context.Context, q archive.Query) (*archive.Result, error) {
	switch {
	case q.Article != "":
		v, err := s.Article(ctx, q.Article)
		if err != nil {
			return nil, err
		}
		return &archive.Result{Articles: []archive.ArticleView{*v}}, nil
	case q.Post != "":
		v, err := s.Post(ctx, q.Post)
		if err != nil {
			return nil, err
		}
		return &archive.Result{Posts: []archive.PostView{*v}}, nil
	}
	start, month, err := decodeCursor(q.Cursor)
	if err != nil {
		return nil, err
	}
	limit := archive.PageLimit(q.Limit)
	lo, hi := dateRange(q.Since, q.Until)
	res := &archive.Result{}
	switch {
	case q.Speaker != "":
		items, next, err := s.indexPage(ctx, indexSpeaker, "SpeakerPK = :pk", item{":pk": sv("SP#" + archive.NormalizeSpeaker(q.Speaker))}, true, limit, start)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			var qd quoteDoc
			if err := decode(it, &qd); err != nil {
				return nil, err
			}
			res.Quotes = append(res.Quotes, archive.QuoteView{Article: articleOf(it), Quote: qd.Quote})
		}
		res.NextCursor = encodeCursor(next, "")
	case q.Author != "" || q.Status != "":
		index, pk := indexAuthor, "AU#"+archive.NormalizeAuthor(q.Author)
		cond := "AuthorPK = :pk AND PostDateSK BETWEEN :lo AND :hi"
		if q.Author == "" {
			index, pk = indexStatus, "ST#"+string(q.Status)
			cond = "StatusPK = :pk AND PostDateSK BETWEEN :lo AND :hi"
		}
		items, next, err := s.indexPage(ctx, index, cond, item{":pk": sv(pk), ":lo": sv(lo), ":hi": sv(hi)}, false, limit, start)
		if err != nil {
			return nil, err
		}
		if res.Posts, err = postViews(items, q); err != nil {
			return nil, err
		}
		res.NextCursor = encodeCursor(next, "")
	case q.Platform != "":
		if err := s.platformPage(ctx, q, lo, hi, limit, start, month, res); err != nil {
			return nil, err
		}
	default:
		items, next, err := s.indexPage(ctx, indexArticles, "ListPK = :pk AND ListSK BETWEEN :lo AND :hi", item{":pk": sv(articlesPK), ":lo": sv(lo), ":hi": sv(hi)}, false, limit, start)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			var a archive.Article
			if err := decode(it, &a); err != nil {
				return nil, err
			}
			res.Articles = append(res.Articles, archive.ArticleView{Article: a})
		}
		res.NextCursor = encodeCursor(next, "")
	}
	return res, nil
}

// platformPage walks the platform's month partitions from the newest month
// in range back to the oldest, filling one page.
func (s *Store) platformPage(ctx context.Context, q archive.Query, lo, hi string, limit int, start item, month string, res *archive.Result) error {
	since := firstMonth(q.Platform)
	if !q.Since.IsZero() {
		since = q.Since.UTC()
	}
	until := time.Now().UTC().AddDate(0, 1, 0)
	if !q.Until.IsZero() {
		until = q.Until.UTC().Add(-time.Millisecond)
	}
	m := time.Date(until.Year(), until.Month(), 1, 0, 0, 0, 0, time.UTC)
	if month != "" {
		t, err := time.Parse(monthLayout, month)
		if err != nil {
			return archive.Errorf("dynamo.Query", archive.Invalid, "bad cursor")
		}
		m = t
	}
	stop := time.Date(since.Year(), since.Month(), 1, 0, 0, 0, 0, time.UTC)
	for !m.Before(stop) {
		items, next, err := s.indexPage(ctx, indexPlatform, "PlatformMonthPK = :pk AND PostDateSK BETWEEN :lo AND :hi",
			item{":pk": sv(platformMonth(q.Platform, m)), ":lo": sv(lo), ":hi": sv(hi)}, false, limit-len(res.Posts), start)
		if err != nil {
			return err
		}
		views, err := postViews(items, q)
		if err != nil {
			return err
		}
		res.Posts = append(res.Posts, views...)
		start = next
		if next == nil {
			m = m.AddDate(0, -1, 0)
		}
		if len(res.Posts) >= limit {
			if next != nil || !m.Before(stop) {
				res.NextCursor = encodeCursor(next, m.Format(monthLayout))
			}
			return nil
		}
	}
	return nil
}

func postViews(items []item, q archive.Query) ([]archive.PostView, error) {
	var out []archive.PostView
	for _, it := range items {
		var p archive.Post
		if err := decode(it, &p); err != nil {
			return nil, err
		}
		if q.Platform != "" && p.Platform != q.Platform || q.Status != "" && p.Status != q.Status {
			continue
		}
		out = append(out, archive.PostView{Post: p})
	}
	return out, nil
}

// indexPage runs one Query on an index.
func (s *Store) indexPage(ctx context.Context, index, cond string, values item, forward bool, limit int, start item) ([]item, item, error) {
	res, err := s.api.Query(ctx, &dynamodb.QueryInput{
		TableName:                 &s.table,
		IndexName:                 aws.String(index),
		KeyConditionExpression:    aws.String(cond),
		ExpressionAttributeValues: values,
		ScanIndexForward:          aws.Bool(forward),
		Limit:                     aws.Int32(int32(limit)),
		ExclusiveStartKey:         start,
	})
	if err != nil {
		return nil, nil, mapErr("dynamo.Query", fmt.Errorf("dynamo: query %s: %w", index, err))
	}
	return res.Items, res.LastEvaluatedKey, nil
}

// dateRange turns Since (inclusive) and Until (exclusive) into sort-key
// bounds for BETWEEN: keys are "<time>#<id>", so the bare time of Until
// sorts before every key at that instant.
func dateRange(since, until time.Time) (lo, hi string) {
	lo, hi = "0", "9"
	if !since.IsZero() {
		lo = archive.SortTime(since)
	}
	if !until.IsZero() {
		hi = archive.SortTime(until)
	}
	return lo, hi
}

// cursor is the opaque state of a paginated query: DynamoDB's
// LastEvaluatedKey (all string attributes here) and, for platform queries,
// the month partition it belongs to.
type cursor struct {
	Key   map[string]string `json:"k,omitempty"`
	Month string            `json:"m,omitempty"`
}

func encodeCursor(lek item, month string) string {
	if len(lek) == 0 && month == "" {
		return ""
	}
	c := cursor{Month: month}
	if len(lek) > 0 {
		c.Key = map[string]string{}
		for k, v := range lek {
			if s, ok := v.(*types.AttributeValueMemberS); ok {
				c.Key[k] = s.Value
			}
		}
	}
	raw, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string) (item, string, error) {
	if s == "" {
		return nil, "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	var c cursor
	if err == nil {
		err = json.Unmarshal(raw, &c)
	}
	if err != nil {
		return nil, "", archive.Errorf("dynamo.Query", archive.Invalid, "bad cursor")
	}
	var start item
	if len(c.Key) > 0 {
		start = item{}
		for k, v := range c.Key {
			start[k] = sv(v)
		}
	}
	return start, c.Month, nil
}
