package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// A minimal W3C WebDriver client for the viewer's browser test: JSON over
// HTTP to a chromedriver this test starts on loopback.

const elementKey = "element-6066-11e4-a52e-4f735466cecf"

type webDriver struct {
	t    testing.TB
	base string // http://127.0.0.1:PORT
	sess string
	hc   *http.Client
}

// chromeFlags are the launch flags known to work on this kind of machine.
func chromeFlags(profile string) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile}
}

// startWebDriver starts chromedriver on a free loopback port and opens a
// headless Chromium session; both end with the test.
func startWebDriver(t *testing.T, driver, browser string) *webDriver {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var logBuf bytes.Buffer
	cmd := exec.CommandContext(ctx, driver, "--port="+strconv.Itoa(port), "--allowed-ips=127.0.0.1", "--allowed-origins=http://127.0.0.1:"+strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = &logBuf, &logBuf
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start %s: %v", driver, err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	wd := &webDriver{t: t, base: "http://127.0.0.1:" + strconv.Itoa(port), hc: &http.Client{Timeout: 30 * time.Second}}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var st struct {
			Ready bool `json:"ready"`
		}
		if err := wd.call("GET", "/status", nil, &st); err == nil && st.Ready {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromedriver did not become ready: %s", logBuf.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName":      "chrome",
		"pageLoadStrategy": "normal",
		"goog:chromeOptions": map[string]any{
			"binary": browser,
			"args":   chromeFlags(t.TempDir()),
		},
	}}}
	var sess struct {
		SessionID string `json:"sessionId"`
	}
	if err := wd.call("POST", "/session", caps, &sess); err != nil {
		t.Fatalf("new session: %v\n%s", err, logBuf.String())
	}
	wd.sess = sess.SessionID
	t.Cleanup(func() { _ = wd.call("DELETE", "/session/"+wd.sess, nil, nil) })
	return wd
}

// call sends one WebDriver command and decodes its "value" into out.
func (wd *webDriver) call(method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, wd.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := wd.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("webdriver %s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("webdriver %s %s: %d %s", method, path, resp.StatusCode, env.Value)
	}
	if out != nil {
		return json.Unmarshal(env.Value, out)
	}
	return nil
}

func (wd *webDriver) do(method, path string, in, out any) {
	wd.t.Helper()
	if err := wd.call(method, "/session/"+wd.sess+path, in, out); err != nil {
		wd.t.Fatal(err)
	}
}

func (wd *webDriver) navigate(u string) {
	wd.t.Helper()
	wd.do("POST", "/url", map[string]string{"url": u}, nil)
}

func (wd *webDriver) currentURL() string {
	wd.t.Helper()
	var u string
	wd.do("GET", "/url", nil, &u)
	return u
}

// find returns the ids of the elements matching a CSS selector.
func (wd *webDriver) find(css string) []string {
	wd.t.Helper()
	var els []map[string]string
	wd.do("POST", "/elements", map[string]string{"using": "css selector", "value": css}, &els)
	ids := make([]string, len(els))
	for i, e := range els {
		ids[i] = e[elementKey]
	}
	return ids
}

// one returns the single element matching css, failing the test otherwise.
func (wd *webDriver) one(css string) string {
	wd.t.Helper()
	ids := wd.find(css)
	if len(ids) != 1 {
		wd.t.Fatalf("%d elements match %q on %s, want 1", len(ids), css, wd.currentURL())
	}
	return ids[0]
}

func (wd *webDriver) text(el string) string {
	wd.t.Helper()
	var s string
	wd.do("GET", "/element/"+el+"/text", nil, &s)
	return s
}

func (wd *webDriver) displayed(el string) bool {
	wd.t.Helper()
	var b bool
	wd.do("GET", "/element/"+el+"/displayed", nil, &b)
	return b
}

func (wd *webDriver) click(el string) {
	wd.t.Helper()
	wd.do("POST", "/element/"+el+"/click", struct{}{}, nil)
}

func (wd *webDriver) typeInto(el, s string) {
	wd.t.Helper()
	wd.do("POST", "/element/"+el+"/clear", struct{}{}, nil)
	wd.do("POST", "/element/"+el+"/value", map[string]string{"text": s}, nil)
}

// script runs JavaScript in the page (through the driver, not the page's
// own script policy) and decodes its result into out.
func (wd *webDriver) script(js string, out any) {
	wd.t.Helper()
	wd.do("POST", "/execute/sync", map[string]any{"script": js, "args": []any{}}, out)
}

// waitURL waits until the page's URL satisfies ok.
func (wd *webDriver) waitURL(ok func(string) bool) string {
	wd.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		u := wd.currentURL()
		if ok(u) {
			return u
		}
		if time.Now().After(deadline) {
			wd.t.Fatalf("page stayed at %s", u)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// screenshot writes a PNG of the viewport to path.
func (wd *webDriver) screenshot(path string) {
	wd.t.Helper()
	var b64 string
	wd.do("GET", "/screenshot", nil, &b64)
	png, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		wd.t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		wd.t.Fatal(err)
	}
}
