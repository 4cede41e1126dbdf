package rie

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFromTemplate(t *testing.T) {
	repo := filepath.Join("..", "..", "template.yaml")
	env := map[string]string{"SNAPSHOT_BUCKET": "local-snapshots", "UNRELATED": "x"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	tests := []struct {
		fn          string
		wantTimeout time.Duration
		want        map[string]string
	}{
		// ARCHIVE_TABLE is !Ref ArchiveTable (a resource): the logical id,
		// unless the caller's environment says otherwise.
		{"ArchiveFunction", 300 * time.Second, map[string]string{"ARCHIVE_TABLE": "ArchiveTable", "SNAPSHOT_BUCKET": "local-snapshots", "ARTICLE_BUCKET": "ArticleBucket"}},
		{"QueryFunction", 15 * time.Second, map[string]string{"ARCHIVE_TABLE": "ArchiveTable", "SNAPSHOT_BUCKET": "local-snapshots"}},
		{"RecheckFunction", 300 * time.Second, map[string]string{"RECHECK_LIMIT": "200"}},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			spec, err := FromTemplate(repo, tt.fn, lookup)
			if err != nil {
				t.Fatal(err)
			}
			if spec.Timeout != tt.wantTimeout {
				t.Errorf("timeout %v, want %v", spec.Timeout, tt.wantTimeout)
			}
			for k, v := range tt.want {
				if spec.Env[k] != v {
					t.Errorf("%s = %q, want %q (env %v)", k, spec.Env[k], v, spec.Env)
				}
			}
			if _, ok := spec.Env["UNRELATED"]; ok {
				t.Error("a variable the template does not name was added")
			}
		})
	}
	if _, err := FromTemplate(repo, "ArticleBucket", lookup); err == nil {
		t.Error("a bucket read as a function")
	}
}

func TestResolveParameterDefault(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.yaml")
	writeFile(t, path, `
Parameters:
  Stage: {Type: String, Default: dev}
Globals:
  Function:
    Timeout: 9
    Environment:
      Variables:
        STAGE: !Ref Stage
        LONG: {Ref: Stage}
        PLAIN: hello
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          PLAIN: overridden
          ATT: !GetAtt Queue.Arn
`)
	spec, err := FromTemplate(path, "Fn", func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"STAGE": "dev", "LONG": "dev", "PLAIN": "overridden", "ATT": "Queue"}
	for k, v := range want {
		if spec.Env[k] != v {
			t.Errorf("%s = %q, want %q", k, spec.Env[k], v)
		}
	}
	if spec.Timeout != 9*time.Second {
		t.Errorf("timeout %v", spec.Timeout)
	}
	if got := spec.Environ(); len(got) != 4 || got[0] != "ATT=Queue" {
		t.Errorf("Environ() = %v", got)
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
