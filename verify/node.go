package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/routemod/routemod/internal/treecopy"
)

// lockfiles name the package manager of a project by its lockfile, with the
// command that installs exactly what the lockfile pins.
var lockfiles = []struct {
	file string
	cmd  []string
}{
	{"pnpm-lock.yaml", []string{"pnpm", "install", "--frozen-lockfile"}},
	{"yarn.lock", []string{"yarn", "install", "--frozen-lockfile"}},
	{"package-lock.json", []string{"npm", "ci", "--no-audit", "--no-fund"}},
	{"npm-shrinkwrap.json", []string{"npm", "ci", "--no-audit", "--no-fund"}},
	{"bun.lock", []string{"bun", "install", "--frozen-lockfile"}},
	{"bun.lockb", []string{"bun", "install", "--frozen-lockfile"}},
}

// Deps gives t the project's dependencies: the user's node_modules (the
// project's, and the work tree top's in a monorepo), hard-linked, else an
// install from the lockfile with the project's package manager. It returns
// what it did, for the progress line.
func (p *Project) Deps(ctx context.Context, t *Tree) (string, error) {
	linked := 0
	for _, dir := range slices.Compact([]string{p.rel, "."}) {
		src := filepath.Join(p.repo, dir, "node_modules")
		if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
			continue
		}
		dst := filepath.Join(t.Root, dir, "node_modules")
		if _, err := os.Lstat(dst); err == nil {
			continue
		}
		if err := treecopy.Link(src, dst); err != nil {
			return "", fmt.Errorf("linking %s: %w", src, err)
		}
		linked++
	}
	if linked > 0 {
		return "node_modules linked", nil
	}
	for dir := p.rel; ; dir = filepath.Dir(dir) {
		for _, l := range lockfiles {
			if _, err := os.Stat(filepath.Join(t.Root, dir, l.file)); err != nil {
				continue
			}
			cmd := command(ctx, filepath.Join(t.Root, dir), l.cmd[0], l.cmd[1:]...)
			if out, err := combinedOutput(cmd); err != nil {
				return "", fmt.Errorf("%s failed: %v\n%s", strings.Join(l.cmd, " "), err, lastLines(out, 20))
			}
			return "installed with " + strings.Join(l.cmd, " "), nil
		}
		if dir == "." {
			break
		}
	}
	return "", fmt.Errorf("%s has no node_modules and no lockfile to install from", p.Dir)
}

// nextBin is the Next.js command line of the project at dir.
func nextBin(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		bin := filepath.Join(d, "node_modules", "next", "dist", "bin", "next")
		if _, err := os.Stat(bin); err == nil {
			return bin, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("next is not installed in %s (no node_modules/next)", dir)
		}
	}
}

// BuildError is a failed build or start, with the last lines of its output.
type BuildError struct {
	Label string // which tree
	Step  string // "next build", "next start"
	Err   error
	Tail  string
}

func (e *BuildError) Error() string {
	return fmt.Sprintf("%s of the %s failed: %v\n%s", e.Step, e.Label, e.Err, e.Tail)
}

// build runs next build in t, killed after timeout.
func (t *Tree) build(ctx context.Context, timeout time.Duration) error {
	bin, err := nextBin(t.Dir)
	if err != nil {
		return &BuildError{Label: t.Label, Step: "next build", Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	out, err := combinedOutput(command(ctx, t.Dir, "node", bin, "build"))
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("timed out after %s", timeout)
		}
		return &BuildError{Label: t.Label, Step: "next build", Err: err, Tail: lastLines(out, 30)}
	}
	return nil
}

// lastLines is the end of a command's output, indented.
func lastLines(out []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "    " + strings.Join(lines, "\n    ")
}

// groups holds the process groups verify started and has not yet seen end,
// for Abort.
var groups sync.Map // pid -> struct{}

// Abort kills every process group verify started that is still running: for
// a second Ctrl-C, when the program exits without unwinding.
func Abort() {
	groups.Range(func(k, _ any) bool {
		_ = syscall.Kill(-k.(int), syscall.SIGKILL)
		return true
	})
}

// command runs in its own process group, killed whole when ctx ends.
func command(ctx context.Context, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = nodeEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	return cmd
}

// combinedOutput runs cmd as CombinedOutput does, its group known to Abort
// while it runs.
func combinedOutput(cmd *exec.Cmd) ([]byte, error) {
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	pid := cmd.Process.Pid
	groups.Store(pid, struct{}{})
	err := cmd.Wait()
	groups.Delete(pid)
	return out.bytes(), err
}

// nodeEnv is the user's environment with Next's telemetry off and without a
// NODE_ENV, which next build and next start set themselves.
func nodeEnv() []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "NODE_ENV=") || strings.HasPrefix(kv, "NEXT_TELEMETRY_DISABLED=")
	})
	return append(env, "NEXT_TELEMETRY_DISABLED=1")
}

// Server is a running next start.
type Server struct {
	Origin string // http://127.0.0.1:PORT
	cmd    *exec.Cmd
	out    *syncBuffer
	done   chan struct{}
	once   sync.Once
}

// Start runs next start -H 127.0.0.1 on a free port in t and waits, up to
// timeout, until it answers. The caller stops it.
func (t *Tree) Start(ctx context.Context, timeout time.Duration) (*Server, error) {
	bin, err := nextBin(t.Dir)
	if err != nil {
		return nil, &BuildError{Label: t.Label, Step: "next start", Err: err}
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", bin, "start", "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	cmd.Dir = t.Dir
	cmd.Env = nodeEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	buf := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = buf, buf
	if err := cmd.Start(); err != nil {
		return nil, &BuildError{Label: t.Label, Step: "next start", Err: err}
	}
	pid := cmd.Process.Pid
	groups.Store(pid, struct{}{})
	s := &Server{Origin: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, out: buf, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.done) }()
	go func() {
		select {
		case <-ctx.Done():
			s.Stop()
		case <-s.done:
		}
	}()
	if err := s.waitReady(ctx, timeout); err != nil {
		s.Stop()
		return nil, &BuildError{Label: t.Label, Step: "next start", Err: err, Tail: lastLines(buf.bytes(), 30)}
	}
	return s, nil
}

// Stop ends the server's whole process group: SIGTERM, then SIGKILL after
// five seconds; it returns once the server has exited.
func (s *Server) Stop() {
	s.once.Do(func() {
		pid := s.cmd.Process.Pid
		_ = syscall.Kill(-pid, syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(5 * time.Second):
		}
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-s.done
		groups.Delete(pid)
	})
}

// Output is what the server printed so far.
func (s *Server) Output() string { return string(s.out.bytes()) }

func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	client := newClient(2 * time.Second)
	defer client.CloseIdleConnections()
	deadline := time.Now().Add(timeout)
	for {
		if res, err := client.Get(s.Origin + "/"); err == nil {
			res.Body.Close()
			return nil
		}
		select {
		case <-s.done:
			return errors.New("exited before answering")
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("did not answer on %s within %s", s.Origin, timeout)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.b.Bytes()...)
}
