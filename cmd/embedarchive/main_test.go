package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestRunExitCodes: asking a command for help is not a failure, a bad flag
// or an unknown command is, and each says so on stderr.
func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		args       []string
		code       int
		stderrHave string
	}{
		{[]string{"extract", "-h"}, 0, "usage: embedarchive extract"},
		{[]string{"archive", "-h"}, 0, "usage: embedarchive archive"},
		{[]string{"query", "-h"}, 0, "usage"},
		{[]string{"help"}, 0, "usage: embedarchive COMMAND"},
		{[]string{}, 2, "usage: embedarchive COMMAND"},
		{[]string{"extract", "--bogus"}, 1, "flag provided but not defined"},
		{[]string{"nosuch"}, 2, `unknown command "nosuch"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tt.args, &stdout, &stderr); code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderrHave) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderrHave, stderr.String())
			}
		})
	}
}
