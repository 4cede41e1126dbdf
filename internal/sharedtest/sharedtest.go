// Package sharedtest finds the team's shared test data (../shared beside the
// repository) for tests, and skips them with a clear message where it is
// absent. Data is read in place, never copied into the repository.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the absolute path of ../shared/<elem...> relative to the
// repository root (the directory holding go.mod). When it does not exist,
// the test is skipped with a message naming the missing path.
func Dir(tb testing.TB, elem ...string) string {
	tb.Helper()
	root, err := repoRoot()
	if err != nil {
		tb.Skipf("shared test data: cannot find repository root: %v", err)
	}
	p := filepath.Join(append([]string{filepath.Dir(root), "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared test data %s is absent (tests read ../shared beside the repository): skipping", p)
	}
	return p
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
