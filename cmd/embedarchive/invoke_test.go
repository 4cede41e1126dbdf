package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/embedarchive/embedarchive/internal/rie"
)

// TestInvoke runs `embedarchive invoke` on the rie package's echo function
// with a template of its own: the function sees the template's variables,
// resolved as SAM local resolves them, overridden by --env-vars and by the
// caller's environment.
func TestInvoke(t *testing.T) {
	if _, err := exec.LookPath(rie.Binary); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not on PATH; make test installs it", rie.Binary)
		}
		t.Skipf("%s not on PATH; run make lambda-rie", rie.Binary)
	}
	dir := t.TempDir()
	boot := filepath.Join(dir, "EchoFunction", "bootstrap")
	build := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", boot, "../../internal/rie/testdata/echo")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	tpl := filepath.Join(dir, "template.yaml")
	write := func(path, s string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(tpl, `
Parameters:
  Greeting: {Type: String, Default: from-parameter}
Resources:
  EchoFunction:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 7
      Environment:
        Variables:
          ECHO: !Ref Greeting
`)
	event := filepath.Join(dir, "event.json")
	write(event, `{"n":42}`)
	envVars := filepath.Join(dir, "env.json")
	write(envVars, `{"EchoFunction": {"ECHO": "from-env-vars"}}`)

	tests := []struct {
		name     string
		args     []string
		env      string // ECHO in the caller's environment, if set
		wantEcho string
	}{
		{"template", nil, "", "from-parameter"},
		{"env-vars file", []string{"--env-vars", envVars}, "", "from-env-vars"},
		{"caller's environment", nil, "from-caller", "from-caller"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("ECHO", tt.env)
			}
			args := append([]string{"--template", tpl, "--bootstrap", boot}, tt.args...)
			args = append(args, "EchoFunction", event)
			var stdout, stderr bytes.Buffer
			if err := runInvoke(t.Context(), args, &stdout, &stderr); err != nil {
				t.Fatalf("invoke: %v\n%s", err, stderr.String())
			}
			out := stdout.String()
			if !strings.Contains(out, `"echo":"`+tt.wantEcho+`"`) || !strings.Contains(out, `"n":42`) {
				t.Errorf("response %s; want echo %q and the event", out, tt.wantEcho)
			}
			if !strings.Contains(stderr.String(), "init: ") {
				t.Errorf("no init time on stderr:\n%s", stderr.String())
			}
		})
	}

	var stdout, stderr bytes.Buffer
	if err := runInvoke(t.Context(), []string{"--template", tpl, "--bootstrap", boot, "NoSuchFunction", event}, &stdout, &stderr); err == nil {
		t.Error("invoked a function the template does not define")
	}
}
