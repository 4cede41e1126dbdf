package dynamo

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// recordTries bounds RecordCapture's read-merge-write rounds under
// contention before it returns Conflict.
const recordTries = 8

// Post returns the post with its snapshots, newest first, and back-links.
// Returns NotFound if absent.
func (s *Store) Post(ctx context.Context, key string) (*archive.PostView, error) {
	p, _, snaps, links, err := s.readPost(ctx, key)
	if err != nil {
		return nil, err
	}
	v := &archive.PostView{Post: *p, Articles: links}
	for _, sn := range snaps {
		v.Snapshots = append(v.Snapshots, sn)
	}
	sort.SliceStable(v.Snapshots, func(i, j int) bool {
		a, b := v.Snapshots[i], v.Snapshots[j]
		if !a.FetchedAt.Equal(b.FetchedAt) {
			return a.FetchedAt.After(b.FetchedAt)
		}
		return archive.SnapshotID(a) < archive.SnapshotID(b)
	})
	return v, nil
}

// readPost returns the post (nil and NotFound if absent), its revision, its
// snapshots by id and its back-links in order.
func (s *Store) readPost(ctx context.Context, key string) (*archive.Post, int64, map[string]archive.Snapshot, []string, error) {
	items, err := s.partition(ctx, postPK(key))
	if err != nil {
		return nil, 0, nil, nil, err
	}
	var (
		p     *archive.Post
		rev   int64
		snaps = map[string]archive.Snapshot{}
		links []string
	)
	for _, it := range items {
		sk := str(it, attrSK)
		switch {
		case sk == skMeta:
			p = new(archive.Post)
			if err := decode(it, p); err != nil {
				return nil, 0, nil, nil, err
			}
			rev = num(it, attrRev)
		case strings.HasPrefix(sk, prefixSnap):
			var ss storedSnapshot
			if err := decode(it, &ss); err != nil {
				return nil, 0, nil, nil, err
			}
			ss.Snapshot.Post = ss.Post
			snaps[sk[len(prefixSnap):]] = ss.Snapshot
		case strings.HasPrefix(sk, prefixLink):
			links = append(links, sk[len(prefixLink):])
		}
	}
	if p == nil {
		return nil, 0, snaps, links, archive.Errorf("dynamo.Post", archive.NotFound, "post %s", key)
	}
	return p, rev, snaps, links, nil
}

// RecordCapture stores the capture's new snapshots (conditional puts keyed
// by content) and the merged post (a conditional put on its revision),
// re-reading and merging again when a concurrent writer won.
func (s *Store) RecordCapture(ctx context.Context, c archive.Capture, at, nextCheck time.Time) (*archive.Post, error) {
	k := c.Post.Key()
	if c.Post.Platform == "" || c.Post.ID == "" {
		return nil, archive.Errorf("dynamo.RecordCapture", archive.Invalid, "capture without a post")
	}
	var err error
	for range recordTries {
		var (
			old  *archive.Post
			rev  int64
			have map[string]archive.Snapshot
		)
		old, rev, have, _, err = s.readPost(ctx, k)
		if err != nil && archive.KindOf(err) != archive.NotFound {
			return nil, err
		}
		p, fresh := archive.MergeCapture(old, have, c, at, nextCheck)
		for _, sn := range fresh {
			if err := s.putSnapshot(ctx, p.PostRef, sn); err != nil {
				return nil, err
			}
		}
		meta, err2 := postItem(p, rev+1)
		if err2 != nil {
			return nil, err2
		}
		if err = s.putMeta(ctx, meta, rev); err == nil {
			return &p, nil
		}
		if archive.KindOf(err) != archive.Conflict {
			return nil, err
		}
	}
	return nil, err
}

func (s *Store) putSnapshot(ctx context.Context, ref archive.PostRef, sn archive.Snapshot) error {
	it, err := docItem(postPK(ref.Key()), prefixSnap+archive.SnapshotID(sn), storedSnapshot{Snapshot: sn, Post: ref})
	if err != nil {
		return err
	}
	if err := checkSize(it); err != nil {
		return err
	}
	_, err = s.api.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: &s.table, Item: it,
		ConditionExpression: aws.String("attribute_not_exists(PK)"),
	})
	if err != nil && !isConditionFailed(err) {
		return mapErr("dynamo.putSnapshot", fmt.Errorf("dynamo: put snapshot of %s: %w", ref.Key(), err))
	}
	return nil
}

// DuePosts lists posts due for a recheck from the DueForRecheck index,
// earliest first.
func (s *Store) DuePosts(ctx context.Context, before time.Time, limit int, cursor string) ([]archive.Post, string, error) {
	start, _, err := decodeCursor(cursor)
	if err != nil {
		return nil, "", err
	}
	in := &dynamodb.QueryInput{
		TableName:                 &s.table,
		IndexName:                 aws.String(indexRecheck),
		KeyConditionExpression:    aws.String("RecheckPK = :pk AND RecheckSK < :before"),
		ExpressionAttributeValues: item{":pk": sv(recheckPK), ":before": sv(archive.SortTime(before) + "$")},
		Limit:                     aws.Int32(int32(archive.PageLimit(limit))),
		ExclusiveStartKey:         start,
	}
	res, err := s.api.Query(ctx, in)
	if err != nil {
		return nil, "", mapErr("dynamo.DuePosts", fmt.Errorf("dynamo: due posts: %w", err))
	}
	var out []archive.Post
	for _, it := range res.Items {
		var p archive.Post
		if err := decode(it, &p); err != nil {
			return nil, "", err
		}
		out = append(out, p)
	}
	return out, encodeCursor(res.LastEvaluatedKey, ""), nil
}
