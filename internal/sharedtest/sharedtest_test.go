package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirFindsDesign(t *testing.T) {
	p := Dir(t, "DESIGN.md")
	if !filepath.IsAbs(p) {
		t.Errorf("Dir returned relative path %q", p)
	}
	if _, err := os.Stat(p); err != nil {
		t.Errorf("Dir returned %q which does not exist: %v", p, err)
	}
}
