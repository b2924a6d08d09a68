package codemod

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// writing is held while a file is written, from its temp file to the
// removal of its source, so that Exit never splits a write.
var writing sync.Mutex

// Exit ends the process with code as soon as no file is being written,
// waiting at most wait for the current write to finish.
func Exit(code int, wait time.Duration) {
	locked := make(chan struct{})
	go func() {
		writing.Lock()
		close(locked)
	}()
	select {
	case <-locked:
	case <-time.After(wait):
	}
	os.Exit(code)
}

// ErrTargetExists is returned (wrapped with the path) by WriteMove when the target file already exists.
var ErrTargetExists = errors.New("target already exists")

// ErrSourceChanged is returned (wrapped with the path) by WriteMove and WriteFileAtomic when the source
// file no longer holds the text it had when it was read.
var ErrSourceChanged = errors.New("source changed since it was read")

// GitDirty reports whether dir lies inside a git work tree that has uncommitted changes (tracked modifications, staged changes, or untracked files not ignored), using `git -C dir status --porcelain`. A dir that is not inside a git work tree (or when git is not installed) returns (false, nil).
// Any other git failure (for example a repository git refuses to open) is returned as an error, so a caller never mistakes it for a clean tree.
func GitDirty(dir string) (bool, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return false, nil
	}
	if _, err := os.Stat(dir); err != nil {
		return false, err
	}
	out, err := gitRun(git, dir, "rev-parse", "--is-inside-work-tree")
	if err != nil {
		if strings.Contains(err.Error(), "not a git repository") {
			return false, nil
		}
		return false, err
	}
	if strings.TrimSpace(string(out)) != "true" {
		return false, nil
	}
	out, err = gitRun(git, dir, "status", "--porcelain", "--untracked-files=normal")
	if err != nil {
		return false, err
	}
	return len(bytes.TrimSpace(out)) > 0, nil
}

// gitRun runs git with args in dir and returns its stdout. The repository is found from dir alone
// (GIT_DIR and friends from the environment are dropped), messages are in English, and no index lock is taken.
func gitRun(git, dir string, args ...string) ([]byte, error) {
	cmd := exec.Command(git, append([]string{"-C", dir}, args...)...)
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX", "LC_ALL", "LANGUAGE":
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, "LC_ALL=C", "GIT_OPTIONAL_LOCKS=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s in %s: %v: %s", strings.Join(args, " "), dir, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// WriteMove safely writes newText to target and, when source != target, removes source afterwards.
// Steps: re-read source and return ErrSourceChanged (wrapped, naming the path) unless it still equals orig byte for byte;
// when target != source, refuse with ErrTargetExists if target exists; create target's parent folders (0755);
// write newText to a temp file in target's folder (os.CreateTemp(dir, ".routemod-*")), fsync, chmod to the source file's mode, close,
// then put it in place: when target != source use os.Link(temp, target) + remove temp (so an existing target is never overwritten even in a race; fall back to a checked os.Rename only if Link is unsupported), when target == source use os.Rename over the source;
// only after the target is fully in place remove source (when different). Then remove source's parent folders that became empty, stopping at (not removing) the folder named stopAt.
// On any error, remove the temp file; never leave a half-written file; never delete the source unless the target is written.
// Folders created for the target are removed again when the target could not be written.
// An empty stopAt prunes no folders. An in-place write through a symlink replaces the file the link points to, keeping the link.
func WriteMove(source, target string, orig, newText []byte, stopAt string) error {
	writing.Lock()
	defer writing.Unlock()
	if filepath.Clean(source) == filepath.Clean(target) {
		return writeFileAtomic(source, orig, newText)
	}
	info, err := writeCheckSource(source, orig)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(target); err == nil {
		return fmt.Errorf("%s: %w", target, ErrTargetExists)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}

	dir := filepath.Dir(target)
	created, err := writeMkdirAll(dir)
	if err != nil {
		return err
	}
	placed := false
	defer func() {
		if !placed {
			writeRemoveDirs(created)
		}
	}()
	tmp, err := writeTemp(dir, newText, info.Mode().Perm())
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // after a link the temp name is redundant; after a rename it is gone
	if _, err := writeCheckSource(source, orig); err != nil {
		return err
	}
	if err := writeLinkNew(tmp, target); err != nil {
		return err
	}
	os.Remove(tmp)
	placed = true
	writeSyncDir(dir)

	if err := removeSource(source); err != nil {
		// Roll back: the route must not be in both places.
		if rerr := os.Remove(target); rerr != nil {
			return fmt.Errorf("the source could not be removed (%w), and neither could the target written just before (%v): the route is now in both places; remove %s", err, rerr, target)
		}
		writeRemoveDirs(created)
		writeSyncDir(dir)
		return fmt.Errorf("the source could not be removed (%w), so the target written just before was removed again", err)
	}
	writeSyncDir(filepath.Dir(source))
	writePruneDirs(filepath.Dir(source), stopAt)
	return nil
}

// removeSource removes a migrated source file (a variable for tests).
var removeSource = os.Remove

// FinishMove completes a move that an interrupted run left half done:
// target already holds newText, so source is removed (after checking that
// it still equals orig and that target still equals newText), and its
// parent folders that became empty are pruned up to stopAt.
func FinishMove(source, target string, orig, newText []byte, stopAt string) error {
	writing.Lock()
	defer writing.Unlock()
	if _, err := writeCheckSource(source, orig); err != nil {
		return err
	}
	if cur, err := os.ReadFile(target); err != nil || !bytes.Equal(cur, newText) {
		return fmt.Errorf("%s: %w (it changed since it was read)", target, ErrTargetExists)
	}
	if err := removeSource(source); err != nil {
		return fmt.Errorf("the source could not be removed: %w", err)
	}
	writeSyncDir(filepath.Dir(source))
	writePruneDirs(filepath.Dir(source), stopAt)
	return nil
}

// WriteFileAtomic replaces path's content with data via a temp file + rename in the same folder, keeping path's mode, after checking the file still equals orig (ErrSourceChanged otherwise).
// When path is a symlink, the file it points to is replaced and the link is kept.
func WriteFileAtomic(path string, orig, data []byte) error {
	writing.Lock()
	defer writing.Unlock()
	return writeFileAtomic(path, orig, data)
}

func writeFileAtomic(path string, orig, data []byte) error {
	info, err := writeCheckSource(path, orig)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(real)
	tmp, err := writeTemp(dir, data, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := writeCheckSource(path, orig); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, real); err != nil {
		os.Remove(tmp)
		return err
	}
	writeSyncDir(dir)
	return nil
}

// writeCheckSource re-reads path and returns its FileInfo when it still equals orig, else an error wrapping ErrSourceChanged.
func writeCheckSource(path string, orig []byte) (fs.FileInfo, error) {
	cur, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w: %w", path, ErrSourceChanged, err)
	}
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(cur, orig) {
		return nil, fmt.Errorf("%s: %w", path, ErrSourceChanged)
	}
	return os.Stat(path)
}

// writeTemp writes data to a new temp file in dir with mode perm, synced and closed, and returns its name.
// On failure no temp file is left behind.
func writeTemp(dir string, data []byte, perm fs.FileMode) (name string, err error) {
	f, err := os.CreateTemp(dir, ".routemod-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			name = ""
		}
	}()
	if _, err = f.Write(data); err != nil {
		return "", err
	}
	if err = f.Chmod(perm); err != nil {
		return "", err
	}
	if err = f.Sync(); err != nil {
		return "", err
	}
	if err = f.Close(); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// writeLinkNew puts tmp in place at target without ever overwriting an existing target: a hard link when the
// file system has them, else a rename after checking that target does not exist.
func writeLinkNew(tmp, target string) error {
	err := os.Link(tmp, target)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", target, ErrTargetExists)
	}
	if !errors.Is(err, errors.ErrUnsupported) && !errors.Is(err, fs.ErrPermission) {
		return err
	}
	// No hard links here (Linux reports EPERM for that): fall back to a checked rename.
	if _, lerr := os.Lstat(target); lerr == nil {
		return fmt.Errorf("%s: %w", target, ErrTargetExists)
	} else if !errors.Is(lerr, fs.ErrNotExist) {
		return lerr
	}
	return os.Rename(tmp, target)
}

// writeMkdirAll creates dir and its missing parents (0755) and returns the folders it created, deepest first.
func writeMkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		writeRemoveDirs(missing)
		return nil, err
	}
	return missing, nil
}

// writeRemoveDirs removes the given folders in order, each only if it is empty.
func writeRemoveDirs(dirs []string) {
	for _, d := range dirs {
		if os.Remove(d) != nil {
			return
		}
	}
}

// writePruneDirs removes dir and its parents while they are empty folders strictly inside stopAt.
func writePruneDirs(dir, stopAt string) {
	if stopAt == "" {
		return
	}
	stop, err := filepath.Abs(stopAt)
	if err != nil {
		return
	}
	d, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	for {
		rel, err := filepath.Rel(stop, d)
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return
		}
		if fi, err := os.Lstat(d); err != nil || !fi.IsDir() {
			return
		}
		if os.Remove(d) != nil {
			return
		}
		d = filepath.Dir(d)
	}
}

// writeSyncDir flushes a folder's entries to disk where the platform allows it; failures are ignored.
func writeSyncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
