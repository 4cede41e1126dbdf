package dirblob

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/embedarchive/embedarchive/internal/archive"
)

// Blobs keeps bodies under a root folder, at root/archive.BlobKey(digest).
type Blobs struct {
	root string
}

var _ archive.Blobs = (*Blobs)(nil)

// New returns Blobs kept under root, which is created when first needed.
func New(root string) *Blobs { return &Blobs{root: root} }

// Root returns the folder.
func (b *Blobs) Root() string { return b.root }

var validKey = regexp.MustCompile(`^sha256/[0-9a-f]{2}/[0-9a-f]{64}$`)

func (b *Blobs) path(key string) (string, error) {
	if !validKey.MatchString(key) {
		return "", archive.Errorf("dirblob", archive.Invalid, "bad blob key %q", key)
	}
	return filepath.Join(b.root, filepath.FromSlash(key)), nil
}

// Put writes body unless a file with its digest exists.
func (b *Blobs) Put(ctx context.Context, body []byte, contentType string) (string, error) {
	key := archive.BlobKey(archive.Digest(body))
	p, err := b.path(key)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(p); err == nil {
		return key, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("dirblob: put %s: %w", key, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".put-*")
	if err != nil {
		return "", fmt.Errorf("dirblob: put %s: %w", key, err)
	}
	_, werr := tmp.Write(body)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), p)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("dirblob: put %s: %w", key, werr)
	}
	return key, nil
}

// Get reads the body under key. Returns NotFound if there is none.
func (b *Blobs) Get(ctx context.Context, key string) ([]byte, error) {
	p, err := b.path(key)
	if err != nil {
		return nil, err
	}
	body, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, archive.E("dirblob.Get", archive.NotFound, err)
	}
	if err != nil {
		return nil, fmt.Errorf("dirblob: get %s: %w", key, err)
	}
	return body, nil
}
