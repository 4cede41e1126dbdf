package rie

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Binary is the emulator's command name, looked up on PATH.
const Binary = "aws-lambda-rie"

// Options configure Start.
type Options struct {
	// Bootstrap is the built function (a file named bootstrap, as Lambda's
	// provided runtimes expect).
	Bootstrap string
	// Env is the function's environment, "KEY=value"; the emulator's own
	// process environment is not passed on unless listed here.
	Env []string
	// Timeout is the function's timeout (AWS_LAMBDA_FUNCTION_TIMEOUT);
	// zero means 30s.
	Timeout time.Duration
	// Output receives the emulator's and the function's output (logs,
	// EMF metrics); nil keeps it only for Logs.
	Output io.Writer
}

// Function is a bootstrap running under aws-lambda-rie.
type Function struct {
	addr    string
	cmd     *exec.Cmd
	timeout time.Duration
	out     *syncBuffer
	exited  chan struct{}
	waitErr error

	mu sync.Mutex // one invoke at a time: the emulator crashes on concurrent ones
}

// FunctionError is an error the function returned (or a crash the
// emulator reported) instead of a result.
type FunctionError struct {
	Message string `json:"errorMessage"`
	Type    string `json:"errorType"`
}

func (e *FunctionError) Error() string {
	return fmt.Sprintf("function error %s: %s", e.Type, e.Message)
}

// Start starts the emulator with the bootstrap on a free loopback port and
// waits until it accepts connections. Close stops it.
func Start(ctx context.Context, o Options) (*Function, error) {
	rie, err := exec.LookPath(Binary)
	if err != nil {
		return nil, fmt.Errorf("rie: %s not on PATH (make lambda-rie installs it): %w", Binary, err)
	}
	boot, err := filepath.Abs(o.Bootstrap)
	if err != nil {
		return nil, fmt.Errorf("rie: bootstrap: %w", err)
	}
	if _, err := os.Stat(boot); err != nil {
		return nil, fmt.Errorf("rie: bootstrap: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	// The Runtime API the bootstrap polls defaults to 127.0.0.1:9001: a
	// port of its own lets several emulators run side by side.
	apiPort, err := freePort()
	if err != nil {
		return nil, err
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	f := &Function{
		addr:    net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		timeout: timeout,
		out:     &syncBuffer{w: o.Output},
		exited:  make(chan struct{}),
	}
	// Not CommandContext: the process outlives Start's ctx until Close.
	f.cmd = exec.Command(rie, "--runtime-interface-emulator-address", f.addr,
		"--runtime-api-address", net.JoinHostPort("127.0.0.1", strconv.Itoa(apiPort)), boot)
	f.cmd.Dir = filepath.Dir(boot)
	f.cmd.Env = append([]string{
		"PATH=/usr/local/bin:/usr/bin:/bin",
		"AWS_LAMBDA_FUNCTION_TIMEOUT=" + strconv.Itoa(int(timeout.Seconds())),
		"AWS_LAMBDA_FUNCTION_NAME=" + filepath.Base(filepath.Dir(boot)),
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=512",
		"AWS_LAMBDA_LOG_FORMAT=JSON",
	}, o.Env...)
	f.cmd.Stdout, f.cmd.Stderr = f.out, f.out
	f.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := f.cmd.Start(); err != nil {
		return nil, fmt.Errorf("rie: start: %w", err)
	}
	go func() { f.waitErr = f.cmd.Wait(); close(f.exited) }()

	for {
		c, err := net.DialTimeout("tcp", f.addr, 100*time.Millisecond)
		if err == nil {
			c.Close()
			return f, nil
		}
		select {
		case <-f.exited:
			return nil, fmt.Errorf("rie: emulator exited: %v\n%s", f.waitErr, f.out.String())
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("rie: waiting for %s: %w", f.addr, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Invoke sends one event and returns the function's response payload. A
// function error is a *FunctionError. Calls are serialised.
func (f *Function) Invoke(ctx context.Context, event []byte) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case <-f.exited:
		return nil, fmt.Errorf("rie: emulator exited: %v", f.waitErr)
	default:
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout+10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		"http://"+f.addr+"/2015-03-31/functions/function/invocations", bytes.NewReader(event))
	if err != nil {
		return nil, fmt.Errorf("rie: invoke: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("rie: invoke: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("rie: invoke: read: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("rie: invoke: HTTP %d: %s", resp.StatusCode, body)
	}
	if fe := functionError(body); fe != nil {
		return body, fe
	}
	return body, nil
}

// functionError recognises the emulator's error shape: an object with
// errorMessage and errorType and nothing a handler would return.
func functionError(body []byte) *FunctionError {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return nil
	}
	_, msg := m["errorMessage"]
	_, typ := m["errorType"]
	if !msg || !typ {
		return nil
	}
	var fe FunctionError
	if json.Unmarshal(body, &fe) != nil {
		return nil
	}
	return &fe
}

var initReport = regexp.MustCompile(`INIT REPORT\(durationMs: ([0-9.]+)\)`)

// InitDuration is the init phase the emulator reported (the bootstrap's
// start up to its first request for work), once the first invoke started
// it; false before that.
func (f *Function) InitDuration() (time.Duration, bool) {
	m := initReport.FindStringSubmatch(f.out.String())
	if m == nil {
		return 0, false
	}
	ms, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, false
	}
	return time.Duration(ms * float64(time.Millisecond)), true
}

// Logs returns everything the emulator and the function wrote so far.
func (f *Function) Logs() string { return f.out.String() }

// Close stops the emulator and the function it runs.
func (f *Function) Close() error {
	select {
	case <-f.exited:
		return nil
	default:
	}
	// The emulator runs the bootstrap as its child: signal the group.
	_ = syscall.Kill(-f.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-f.exited:
	case <-time.After(3 * time.Second):
		_ = syscall.Kill(-f.cmd.Process.Pid, syscall.SIGKILL)
		<-f.exited
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("rie: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// syncBuffer keeps output for Logs and copies it to w.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	w   io.Writer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Write(p)
	if b.w != nil {
		_, _ = b.w.Write(p)
	}
	return len(p), nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var _ error = (*FunctionError)(nil)
