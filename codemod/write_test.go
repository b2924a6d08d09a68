package codemod

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// writeTestTree writes files under dir; a key ending in "/" makes an empty folder.
func writeTestTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for path, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if strings.HasSuffix(path, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeTestReadTree returns every file under dir by slash path, and every folder as its path with a trailing "/".
func writeTestReadTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			tree[rel+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		tree[rel] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// writeTestSameTree fails the test unless got and want hold the same files, folders and contents.
func writeTestSameTree(t *testing.T, got, want map[string]string) {
	t.Helper()
	for path, text := range want {
		if g, ok := got[path]; !ok {
			t.Errorf("missing %s", path)
		} else if g != text {
			t.Errorf("%s = %q, want %q", path, g, text)
		}
	}
	for path := range got {
		if _, ok := want[path]; !ok {
			t.Errorf("unexpected %s", path)
		}
	}
}

func TestWriteMove(t *testing.T) {
	const (
		src    = "export default function handler(req, res) {}\n"
		routed = "export async function GET() {}\n"
	)
	tests := []struct {
		name           string
		files          map[string]string // initial tree
		source, target string
		orig           string // what the caller read; defaults to files[source]
		stopAt         string
		want           map[string]string // whole tree afterwards
		wantErr        error             // errors.Is target, or writeTestAnyErr
	}{
		{
			name:   "move into new nested folders",
			files:  map[string]string{"pages/api/users/[id].ts": src, "pages/api/other.ts": "o"},
			source: "pages/api/users/[id].ts", target: "app/api/users/[id]/route.ts", stopAt: "pages",
			want: map[string]string{
				"pages/": "", "pages/api/": "", "pages/api/other.ts": "o",
				"app/": "", "app/api/": "", "app/api/users/": "", "app/api/users/[id]/": "",
				"app/api/users/[id]/route.ts": routed,
			},
		},
		{
			name:   "in place",
			files:  map[string]string{"app/api/route.ts": src},
			source: "app/api/route.ts", target: "app/api/route.ts", stopAt: "app",
			want: map[string]string{"app/": "", "app/api/": "", "app/api/route.ts": routed},
		},
		{
			name:   "empty folders pruned up to stopAt, kept at stopAt",
			files:  map[string]string{"pages/api/a/b/c.ts": src},
			source: "pages/api/a/b/c.ts", target: "app/api/a/b/c/route.ts", stopAt: "pages/api",
			want: map[string]string{
				"pages/": "", "pages/api/": "",
				"app/": "", "app/api/": "", "app/api/a/": "", "app/api/a/b/": "", "app/api/a/b/c/": "",
				"app/api/a/b/c/route.ts": routed,
			},
		},
		{
			name:   "pruning stops at a non-empty folder",
			files:  map[string]string{"pages/api/a/b/c.ts": src, "pages/api/a/keep.ts": "k"},
			source: "pages/api/a/b/c.ts", target: "app/api/c/route.ts", stopAt: "pages/api",
			want: map[string]string{
				"pages/": "", "pages/api/": "", "pages/api/a/": "", "pages/api/a/keep.ts": "k",
				"app/": "", "app/api/": "", "app/api/c/": "", "app/api/c/route.ts": routed,
			},
		},
		{
			name:   "no pruning without stopAt",
			files:  map[string]string{"pages/api/a/c.ts": src},
			source: "pages/api/a/c.ts", target: "app/api/c/route.ts",
			want: map[string]string{
				"pages/": "", "pages/api/": "", "pages/api/a/": "",
				"app/": "", "app/api/": "", "app/api/c/": "", "app/api/c/route.ts": routed,
			},
		},
		{
			name:   "target exists",
			files:  map[string]string{"pages/api/a.ts": src, "app/api/a/route.ts": "mine"},
			source: "pages/api/a.ts", target: "app/api/a/route.ts", stopAt: "pages",
			want: map[string]string{
				"pages/": "", "pages/api/": "", "pages/api/a.ts": src,
				"app/": "", "app/api/": "", "app/api/a/": "", "app/api/a/route.ts": "mine",
			},
			wantErr: ErrTargetExists,
		},
		{
			name:   "target is a folder",
			files:  map[string]string{"pages/api/a.ts": src, "app/api/a/route.ts/": ""},
			source: "pages/api/a.ts", target: "app/api/a/route.ts", stopAt: "pages",
			want: map[string]string{
				"pages/": "", "pages/api/": "", "pages/api/a.ts": src,
				"app/": "", "app/api/": "", "app/api/a/": "", "app/api/a/route.ts/": "",
			},
			wantErr: ErrTargetExists,
		},
		{
			name:   "source changed since read",
			files:  map[string]string{"pages/api/a.ts": src + "// edited\n"},
			source: "pages/api/a.ts", target: "app/api/a/route.ts", orig: src, stopAt: "pages",
			want:    map[string]string{"pages/": "", "pages/api/": "", "pages/api/a.ts": src + "// edited\n"},
			wantErr: ErrSourceChanged,
		},
		{
			name:   "source changed since read, in place",
			files:  map[string]string{"app/route.ts": src + "// edited\n"},
			source: "app/route.ts", target: "app/route.ts", orig: src,
			want:    map[string]string{"app/": "", "app/route.ts": src + "// edited\n"},
			wantErr: ErrSourceChanged,
		},
		{
			name:   "source deleted since read",
			files:  map[string]string{"pages/api/": ""},
			source: "pages/api/a.ts", target: "app/api/a/route.ts", orig: src, stopAt: "pages",
			want:    map[string]string{"pages/": "", "pages/api/": ""},
			wantErr: ErrSourceChanged,
		},
		{
			name:   "target parent is a regular file",
			files:  map[string]string{"pages/api/a.ts": src, "app/api": "not a folder"},
			source: "pages/api/a.ts", target: "app/api/a/route.ts", stopAt: "pages",
			want: map[string]string{
				"pages/": "", "pages/api/": "", "pages/api/a.ts": src,
				"app/": "", "app/api": "not a folder",
			},
			wantErr: writeTestAnyErr,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			writeTestTree(t, root, tc.files)
			orig := tc.orig
			if orig == "" {
				orig = tc.files[tc.source]
			}
			stopAt := ""
			if tc.stopAt != "" {
				stopAt = filepath.Join(root, tc.stopAt)
			}
			target := filepath.Join(root, filepath.FromSlash(tc.target))
			err := WriteMove(filepath.Join(root, filepath.FromSlash(tc.source)), target,
				[]byte(orig), []byte(routed), stopAt)
			switch {
			case tc.wantErr == nil && err != nil:
				t.Fatalf("WriteMove: %v", err)
			case tc.wantErr != nil && err == nil:
				t.Fatalf("WriteMove succeeded, want error %v", tc.wantErr)
			case tc.wantErr != nil && tc.wantErr != writeTestAnyErr && !errors.Is(err, tc.wantErr):
				t.Fatalf("WriteMove error = %v, want %v", err, tc.wantErr)
			}
			if errors.Is(err, ErrTargetExists) && !strings.Contains(err.Error(), target) {
				t.Errorf("error %q does not name the target %s", err, target)
			}
			writeTestSameTree(t, writeTestReadTree(t, root), tc.want)
		})
	}
}

// writeTestAnyErr in a test table accepts any non-nil error.
var writeTestAnyErr = errors.New("any error")

func TestWriteMoveReadOnlyFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folder permissions differ on Windows")
	}
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions; TestWriteMove covers a failing mkdir instead")
	}
	root := t.TempDir()
	writeTestTree(t, root, map[string]string{"pages/api/a.ts": "src", "app/api/": ""})
	locked := filepath.Join(root, "app", "api")
	if err := os.Chmod(locked, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })

	err := WriteMove(filepath.Join(root, "pages/api/a.ts"), filepath.Join(locked, "a", "route.ts"),
		[]byte("src"), []byte("new"), filepath.Join(root, "pages"))
	if err == nil {
		t.Fatal("WriteMove into a read-only folder succeeded")
	}
	writeTestSameTree(t, writeTestReadTree(t, root), map[string]string{
		"pages/": "", "pages/api/": "", "pages/api/a.ts": "src", "app/": "", "app/api/": "",
	})
}

func TestWriteModeKept(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permission bits are not kept on Windows")
	}
	tests := []struct {
		name           string
		source, target string
		mode           fs.FileMode
	}{
		{"move 0600", "pages/a.ts", "app/a/route.ts", 0o600},
		{"move 0755", "pages/a.ts", "app/a/route.ts", 0o755},
		{"in place 0640", "app/route.ts", "app/route.ts", 0o640},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			source := filepath.Join(root, tc.source)
			writeTestTree(t, root, map[string]string{tc.source: "old"})
			if err := os.Chmod(source, tc.mode); err != nil {
				t.Fatal(err)
			}
			target := filepath.Join(root, tc.target)
			if err := WriteMove(source, target, []byte("old"), []byte("new"), ""); err != nil {
				t.Fatal(err)
			}
			info, err := os.Stat(target)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != tc.mode {
				t.Errorf("target mode = %v, want %v", got, tc.mode)
			}
		})
	}
}

func TestWriteFileAtomic(t *testing.T) {
	tests := []struct {
		name    string
		content string // file content on disk
		orig    string // what the caller read
		wantErr error
		want    string
	}{
		{name: "replaces content", content: "a\r\nb", orig: "a\r\nb", want: "new\n"},
		{name: "empty file", content: "", orig: "", want: "new\n"},
		{name: "changed since read", content: "edited", orig: "a", wantErr: ErrSourceChanged, want: "edited"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			writeTestTree(t, root, map[string]string{"f.ts": tc.content})
			path := filepath.Join(root, "f.ts")
			err := WriteFileAtomic(path, []byte(tc.orig), []byte("new\n"))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("WriteFileAtomic error = %v, want %v", err, tc.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %s", err, path)
			}
			writeTestSameTree(t, writeTestReadTree(t, root), map[string]string{"f.ts": tc.want})
		})
	}
}

func TestWriteFileAtomicKeepsSymlink(t *testing.T) {
	root := t.TempDir()
	writeTestTree(t, root, map[string]string{"real.ts": "old"})
	link := filepath.Join(root, "link.ts")
	if err := os.Symlink("real.ts", link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := WriteFileAtomic(link, []byte("old"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("link.ts is no longer a symlink (%v)", err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "real.ts")); string(got) != "new" {
		t.Errorf("real.ts = %q, want %q", got, "new")
	}
}

func TestGitDirty(t *testing.T) {
	git := diffTestNeedGit(t)
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")

	// repo makes a git repository in dir with one committed file and a .gitignore.
	repo := func(t *testing.T, dir string) {
		diffTestGit(t, git, dir, nil, "init", "-q")
		diffTestGit(t, git, dir, nil, "config", "user.email", "test@example.com")
		diffTestGit(t, git, dir, nil, "config", "user.name", "Test")
		diffTestGit(t, git, dir, nil, "config", "commit.gpgsign", "false")
		writeTestTree(t, dir, map[string]string{"pages/api/a.ts": "a\n", ".gitignore": "node_modules/\n"})
		diffTestGit(t, git, dir, nil, "add", ".")
		diffTestGit(t, git, dir, nil, "commit", "-q", "-m", "init")
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		sub   string // folder inside dir to ask about
		want  bool
	}{
		{name: "not a repository", setup: func(t *testing.T, dir string) {
			writeTestTree(t, dir, map[string]string{"a.ts": "a"})
		}},
		{name: "clean repository", setup: repo},
		{name: "modified file", want: true, setup: func(t *testing.T, dir string) {
			repo(t, dir)
			writeTestTree(t, dir, map[string]string{"pages/api/a.ts": "changed\n"})
		}},
		{name: "staged change", want: true, setup: func(t *testing.T, dir string) {
			repo(t, dir)
			writeTestTree(t, dir, map[string]string{"pages/api/a.ts": "changed\n"})
			diffTestGit(t, git, dir, nil, "add", ".")
		}},
		{name: "untracked file", want: true, setup: func(t *testing.T, dir string) {
			repo(t, dir)
			writeTestTree(t, dir, map[string]string{"notes.txt": "n"})
		}},
		{name: "ignored file only", setup: func(t *testing.T, dir string) {
			repo(t, dir)
			writeTestTree(t, dir, map[string]string{"node_modules/x/index.js": "x"})
		}},
		{name: "asked from a subfolder of a dirty repository", sub: "pages/api", want: true,
			setup: func(t *testing.T, dir string) {
				repo(t, dir)
				writeTestTree(t, dir, map[string]string{"other.txt": "n"})
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			got, err := GitDirty(filepath.Join(dir, filepath.FromSlash(tc.sub)))
			if err != nil {
				t.Fatalf("GitDirty: %v", err)
			}
			if got != tc.want {
				t.Errorf("GitDirty = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("missing folder", func(t *testing.T) {
		if _, err := GitDirty(filepath.Join(t.TempDir(), "missing")); err == nil {
			t.Error("GitDirty on a missing folder returned no error")
		}
	})
}

func TestGitDirtyWithoutGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	got, err := GitDirty(t.TempDir())
	if got || err != nil {
		t.Errorf("GitDirty without git = (%v, %v), want (false, nil)", got, err)
	}
}
