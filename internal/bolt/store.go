package bolt

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/embedarchive/embedarchive/internal/archive"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Buckets. Keys inside the snapshot and back-link buckets are
// "<post key>\x00<snapshot id or article id>", so a post's items are one
// prefix scan.
var (
	bucketArticles  = []byte("articles")  // article id -> ArticleView JSON
	bucketPosts     = []byte("posts")     // post key -> Post JSON
	bucketSnapshots = []byte("snapshots") // post key \0 snapshot id -> Snapshot JSON
	bucketBacklinks = []byte("backlinks") // post key \0 article id -> ""
)

// Store is an archive.Store in one bbolt file. It is safe for concurrent
// use; bbolt serialises writers and locks the file against other processes.
type Store struct {
	db *bolt.DB
}

var (
	_ archive.Store  = (*Store)(nil)
	_ archive.Closer = (*Store)(nil)
)

// Open opens (creating if needed) the store file at path, creating its
// directory. Returns an error of kind Unavailable if another process holds
// the file past a short wait.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("bolt: open %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 3 * time.Second})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, archive.Errorf("bolt.Open", archive.Unavailable, "%s is in use by another process", path)
		}
		return nil, fmt.Errorf("bolt: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketArticles, bucketPosts, bucketSnapshots, bucketBacklinks} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("bolt: init %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close releases the file.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the store's file.
func (s *Store) Path() string { return s.db.Path() }

func sub(postKey, id string) []byte { return []byte(postKey + "\x00" + id) }

// Article returns the article's current version. Returns NotFound if absent.
func (s *Store) Article(ctx context.Context, id string) (*archive.ArticleView, error) {
	var v *archive.ArticleView
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		v, err = getArticle(tx, id)
		return err
	})
	return v, err
}

func getArticle(tx *bolt.Tx, id string) (*archive.ArticleView, error) {
	raw := tx.Bucket(bucketArticles).Get([]byte(id))
	if raw == nil {
		return nil, archive.Errorf("bolt.Article", archive.NotFound, "article %s", id)
	}
	var v archive.ArticleView
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("bolt: decode article %s: %w", id, err)
	}
	return &v, nil
}

// PutArticle makes v the article's current version, in one transaction.
func (s *Store) PutArticle(ctx context.Context, v archive.ArticleView) error {
	if v.Article.ID == "" {
		return archive.Errorf("bolt.PutArticle", archive.Invalid, "empty article id")
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("bolt: encode article %s: %w", v.Article.ID, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		arts := tx.Bucket(bucketArticles)
		old := arts.Get([]byte(v.Article.ID))
		if bytes.Equal(old, raw) {
			return nil
		}
		before := map[string]bool{}
		if old != nil {
			var ov archive.ArticleView
			if err := json.Unmarshal(old, &ov); err != nil {
				return fmt.Errorf("decode article %s: %w", v.Article.ID, err)
			}
			for _, e := range ov.Embeds {
				before[e.Key()] = true
			}
		}
		after := map[string]bool{}
		for _, e := range v.Embeds {
			after[e.Key()] = true
		}
		links := tx.Bucket(bucketBacklinks)
		for k := range before {
			if !after[k] {
				if err := links.Delete(sub(k, v.Article.ID)); err != nil {
					return err
				}
			}
		}
		for k := range after {
			if !before[k] {
				if err := links.Put(sub(k, v.Article.ID), []byte{}); err != nil {
					return err
				}
			}
		}
		return arts.Put([]byte(v.Article.ID), raw)
	})
	if err != nil {
		return fmt.Errorf("bolt: put article %s: %w", v.Article.ID, err)
	}
	return nil
}

// Post returns the post with its snapshots and back-links. Returns NotFound
// if absent.
func (s *Store) Post(ctx context.Context, key string) (*archive.PostView, error) {
	var v *archive.PostView
	err := s.db.View(func(tx *bolt.Tx) error {
		p, err := getPost(tx, key)
		if err != nil {
			return err
		}
		v = &archive.PostView{Post: *p}
		snaps, err := postSnapshots(tx, key)
		if err != nil {
			return err
		}
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
		prefix := sub(key, "")
		c := tx.Bucket(bucketBacklinks).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			v.Articles = append(v.Articles, string(k[len(prefix):]))
		}
		return nil
	})
	return v, err
}

func getPost(tx *bolt.Tx, key string) (*archive.Post, error) {
	raw := tx.Bucket(bucketPosts).Get([]byte(key))
	if raw == nil {
		return nil, archive.Errorf("bolt.Post", archive.NotFound, "post %s", key)
	}
	var p archive.Post
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("bolt: decode post %s: %w", key, err)
	}
	return &p, nil
}

// storedSnapshot is a snapshot as kept: the domain type hides its post from
// JSON.
type storedSnapshot struct {
	archive.Snapshot
	Post archive.PostRef `json:"post"`
}

func postSnapshots(tx *bolt.Tx, key string) (map[string]archive.Snapshot, error) {
	out := map[string]archive.Snapshot{}
	prefix := sub(key, "")
	c := tx.Bucket(bucketSnapshots).Cursor()
	for k, raw := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, raw = c.Next() {
		var ss storedSnapshot
		if err := json.Unmarshal(raw, &ss); err != nil {
			return nil, fmt.Errorf("bolt: decode snapshot %s: %w", k, err)
		}
		ss.Snapshot.Post = ss.Post
		out[string(k[len(prefix):])] = ss.Snapshot
	}
	return out, nil
}

// RecordCapture stores the capture's new snapshots and merges it into the
// post, in one transaction.
func (s *Store) RecordCapture(ctx context.Context, c archive.Capture, at, nextCheck time.Time) (*archive.Post, error) {
	key := c.Post.Key()
	if c.Post.Platform == "" || c.Post.ID == "" {
		return nil, archive.Errorf("bolt.RecordCapture", archive.Invalid, "capture without a post")
	}
	var out archive.Post
	err := s.db.Update(func(tx *bolt.Tx) error {
		old, err := getPost(tx, key)
		if err != nil && archive.KindOf(err) != archive.NotFound {
			return err
		}
		have, err := postSnapshots(tx, key)
		if err != nil {
			return err
		}
		p, fresh := archive.MergeCapture(old, have, c, at, nextCheck)
		snaps := tx.Bucket(bucketSnapshots)
		for _, sn := range fresh {
			raw, err := json.Marshal(storedSnapshot{Snapshot: sn, Post: p.PostRef})
			if err != nil {
				return err
			}
			if err := snaps.Put(sub(key, archive.SnapshotID(sn)), raw); err != nil {
				return err
			}
		}
		raw, err := json.Marshal(p)
		if err != nil {
			return err
		}
		out = p
		return tx.Bucket(bucketPosts).Put([]byte(key), raw)
	})
	if err != nil {
		return nil, fmt.Errorf("bolt: record capture of %s: %w", key, err)
	}
	return &out, nil
}

// DuePosts lists posts due for a recheck, earliest first.
func (s *Store) DuePosts(ctx context.Context, before time.Time, limit int, cursor string) ([]archive.Post, string, error) {
	after, err := decodeCursor(cursor)
	if err != nil {
		return nil, "", err
	}
	var rows []row[archive.Post]
	err = s.db.View(func(tx *bolt.Tx) error {
		return eachPost(tx, func(p archive.Post) {
			if p.NextCheck.IsZero() || p.NextCheck.After(before) {
				return
			}
			rows = append(rows, row[archive.Post]{archive.SortTime(p.NextCheck) + "#" + p.Key(), p})
		})
	})
	if err != nil {
		return nil, "", err
	}
	page, next := paginate(rows, false, after, archive.PageLimit(limit))
	return page, next, nil
}

func eachPost(tx *bolt.Tx, fn func(archive.Post)) error {
	return tx.Bucket(bucketPosts).ForEach(func(k, raw []byte) error {
		var p archive.Post
		if err := json.Unmarshal(raw, &p); err != nil {
			return fmt.Errorf("bolt: decode post %s: %w", k, err)
		}
		fn(p)
		return nil
	})
}

// Query answers q by scanning; see archive.Store for the order.
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
	after, err := decodeCursor(q.Cursor)
	if err != nil {
		return nil, err
	}
	limit := archive.PageLimit(q.Limit)
	res := &archive.Result{}
	err = s.db.View(func(tx *bolt.Tx) error {
		switch {
		case q.Speaker != "":
			want := archive.NormalizeSpeaker(q.Speaker)
			var rows []row[archive.QuoteView]
			err := tx.Bucket(bucketArticles).ForEach(func(k, raw []byte) error {
				var v archive.ArticleView
				if err := json.Unmarshal(raw, &v); err != nil {
					return fmt.Errorf("bolt: decode article %s: %w", k, err)
				}
				for i, qt := range v.Quotes {
					if archive.NormalizeSpeaker(qt.Speaker) == want {
						rows = append(rows, row[archive.QuoteView]{fmt.Sprintf("%s#%06d", v.Article.ID, i), archive.QuoteView{Article: v.Article.ID, Quote: qt}})
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			res.Quotes, res.NextCursor = paginate(rows, false, after, limit)
		case q.Author != "" || q.Platform != "" || q.Status != "":
			var rows []row[archive.PostView]
			err := eachPost(tx, func(p archive.Post) {
				if q.Author != "" && archive.AuthorKey(p.Platform, p.AuthorHandle) != archive.NormalizeAuthor(q.Author) {
					return
				}
				if q.Platform != "" && p.Platform != q.Platform {
					return
				}
				if q.Status != "" && p.Status != q.Status {
					return
				}
				d := archive.PostDate(p)
				if !inRange(d, q.Since, q.Until) {
					return
				}
				rows = append(rows, row[archive.PostView]{archive.SortTime(d) + "#" + p.Key(), archive.PostView{Post: p}})
			})
			if err != nil {
				return err
			}
			res.Posts, res.NextCursor = paginate(rows, true, after, limit)
		default:
			var rows []row[archive.ArticleView]
			err := tx.Bucket(bucketArticles).ForEach(func(k, raw []byte) error {
				var v archive.ArticleView
				if err := json.Unmarshal(raw, &v); err != nil {
					return fmt.Errorf("bolt: decode article %s: %w", k, err)
				}
				if !inRange(v.Article.ProcessedAt, q.Since, q.Until) {
					return nil
				}
				rows = append(rows, row[archive.ArticleView]{archive.SortTime(v.Article.ProcessedAt) + "#" + v.Article.ID, archive.ArticleView{Article: v.Article}})
				return nil
			})
			if err != nil {
				return err
			}
			res.Articles, res.NextCursor = paginate(rows, true, after, limit)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func inRange(t, since, until time.Time) bool {
	if !since.IsZero() && t.Before(since) {
		return false
	}
	if !until.IsZero() && !t.Before(until) {
		return false
	}
	return true
}

// row pairs a result with its sort key.
type row[T any] struct {
	key string
	val T
}

// paginate sorts rows by key (descending when desc), keeps those after the
// cursor key, and cuts a page of limit.
func paginate[T any](rows []row[T], desc bool, after string, limit int) ([]T, string) {
	sort.Slice(rows, func(i, j int) bool {
		if desc {
			return rows[i].key > rows[j].key
		}
		return rows[i].key < rows[j].key
	})
	start := 0
	if after != "" {
		start = sort.Search(len(rows), func(i int) bool {
			if desc {
				return rows[i].key < after
			}
			return rows[i].key > after
		})
	}
	rows = rows[start:]
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		next = encodeCursor(rows[limit-1].key)
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = r.val
	}
	return out, next
}

func encodeCursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("b1:" + key))
}

func decodeCursor(c string) (string, error) {
	if c == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(raw), "b1:") {
		return "", archive.Errorf("bolt.Query", archive.Invalid, "bad cursor")
	}
	return string(raw[3:]), nil
}
