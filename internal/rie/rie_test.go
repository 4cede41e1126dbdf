package rie

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// requireRIE skips without the emulator, except in CI where `make test`
// installs it.
func requireRIE(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath(Binary); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not on PATH; make test installs it", Binary)
		}
		t.Skipf("%s not on PATH; run make lambda-rie", Binary)
	}
}

func buildEcho(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "EchoFunction")
	out := filepath.Join(dir, "bootstrap")
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", out, "./testdata/echo")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, b)
	}
	return out
}

func TestInvoke(t *testing.T) {
	requireRIE(t)
	ctx := context.Background()
	fn, err := Start(ctx, Options{Bootstrap: buildEcho(t), Env: []string{"ECHO=hello"}, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer fn.Close()

	if _, ok := fn.InitDuration(); ok {
		t.Error("init reported before the first invoke")
	}
	var got struct {
		Event  map[string]int `json:"event"`
		Echo   string         `json:"echo"`
		LeftMS int64          `json:"left_ms"`
	}
	body, err := fn.Invoke(ctx, []byte(`{"n":1}`))
	if err != nil {
		t.Fatalf("invoke: %v\n%s", err, fn.Logs())
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Event["n"] != 1 || got.Echo != "hello" {
		t.Errorf("got %s", body)
	}
	if got.LeftMS <= 0 || got.LeftMS > 5000 {
		t.Errorf("function saw %dms left; want the 5s timeout", got.LeftMS)
	}
	if d, ok := fn.InitDuration(); !ok || d <= 0 || d > 5*time.Second {
		t.Errorf("init duration %v, %v", d, ok)
	}

	_, err = fn.Invoke(ctx, []byte(`"fail"`))
	var fe *FunctionError
	if !errors.As(err, &fe) || fe.Message != "asked to fail" {
		t.Errorf("want a FunctionError, got %v", err)
	}

	// Concurrent callers are serialised; the emulator would crash otherwise.
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			_, err := fn.Invoke(ctx, []byte(`{"sleep":50}`))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent invoke: %v", err)
		}
	}

	fn.Close()
	if _, err := fn.Invoke(ctx, []byte(`{}`)); err == nil {
		t.Error("invoke after Close succeeded")
	}
}

func TestStartMissingBootstrap(t *testing.T) {
	requireRIE(t)
	if _, err := Start(context.Background(), Options{Bootstrap: filepath.Join(t.TempDir(), "bootstrap")}); err == nil {
		t.Error("started without a bootstrap")
	}
}

// TestSideBySide checks that two emulators run at once: each has its own
// Runtime API port.
func TestSideBySide(t *testing.T) {
	requireRIE(t)
	boot := buildEcho(t)
	var fns []*Function
	for _, v := range []string{"one", "two"} {
		fn, err := Start(t.Context(), Options{Bootstrap: boot, Env: []string{"ECHO=" + v}})
		if err != nil {
			t.Fatal(err)
		}
		defer fn.Close()
		fns = append(fns, fn)
	}
	for i, want := range []string{`"echo":"one"`, `"echo":"two"`} {
		out, err := fns[i].Invoke(t.Context(), []byte(`{}`))
		if err != nil || !strings.Contains(string(out), want) {
			t.Errorf("function %d: %s, %v\n%s", i, out, err, fns[i].Logs())
		}
	}
}
