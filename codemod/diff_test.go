package codemod

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// diffCase is one UnifiedDiff input and the hunk headers it must produce ("" old or new path: new or deleted file).
type diffCase struct {
	name             string
	oldPath, newPath string
	oldText, newText string
	hunks            []string // expected "@@ ... @@" lines, in order
}

// diffTestLines returns n numbered lines "line 1\n" ... "line n\n".
func diffTestLines(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d\n", i+1)
	}
	return lines
}

// diffTestEdit returns the lines joined after replacing the given 1-based line numbers with "changed N".
func diffTestEdit(lines []string, change ...int) string {
	out := append([]string(nil), lines...)
	for _, n := range change {
		out[n-1] = fmt.Sprintf("changed %d\n", n)
	}
	return strings.Join(out, "")
}

// diffTestLarge returns a 600-line file and a copy with lines changed, removed and added all over it (fixed seed).
func diffTestLarge() (string, string) {
	rng := rand.New(rand.NewPCG(1, 2))
	var oldB, newB strings.Builder
	for i := 1; i <= 600; i++ {
		line := fmt.Sprintf("  const v%d = compute(%d); // %d\n", i, i*7, i%13)
		oldB.WriteString(line)
		switch rng.IntN(10) {
		case 0:
			newB.WriteString(strings.Replace(line, "compute", "recompute", 1))
		case 1:
			// removed
		case 2:
			newB.WriteString(line)
			newB.WriteString(fmt.Sprintf("  log(v%d);\n", i))
		default:
			newB.WriteString(line)
		}
	}
	return oldB.String(), newB.String()
}

func diffCases() []diffCase {
	ten := diffTestLines(10)
	tenText := strings.Join(ten, "")
	thirty := diffTestLines(30)
	largeOld, largeNew := diffTestLarge()
	return []diffCase{
		{name: "modify middle", oldPath: "pages/api/a.ts", newPath: "pages/api/a.ts",
			oldText: tenText, newText: diffTestEdit(ten, 5), hunks: []string{"@@ -2,7 +2,7 @@"}},
		{name: "modify start", oldPath: "a.ts", newPath: "a.ts",
			oldText: tenText, newText: diffTestEdit(ten, 1), hunks: []string{"@@ -1,4 +1,4 @@"}},
		{name: "modify end", oldPath: "a.ts", newPath: "a.ts",
			oldText: tenText, newText: diffTestEdit(ten, 10), hunks: []string{"@@ -7,4 +7,4 @@"}},
		{name: "insert at start", oldPath: "a.ts", newPath: "a.ts",
			oldText: tenText, newText: "new first\n" + tenText, hunks: []string{"@@ -1,3 +1,4 @@"}},
		{name: "add final newline", oldPath: "a.ts", newPath: "a.ts",
			oldText: "a\nb\nc", newText: "a\nb\nc\n", hunks: []string{"@@ -1,3 +1,3 @@"}},
		{name: "remove final newline", oldPath: "a.ts", newPath: "a.ts",
			oldText: "a\nb\nc\n", newText: "a\nb\nc", hunks: []string{"@@ -1,3 +1,3 @@"}},
		{name: "edit before unterminated last line", oldPath: "a.ts", newPath: "a.ts",
			oldText: "a\nb\nc", newText: "a\nB\nc", hunks: []string{"@@ -1,3 +1,3 @@"}},
		{name: "one line file", oldPath: "a.ts", newPath: "a.ts",
			oldText: "x", newText: "y", hunks: []string{"@@ -1 +1 @@"}},
		{name: "crlf file", oldPath: "win.ts", newPath: "win.ts",
			oldText: "one\r\ntwo\r\nthree\r\nfour\r\n", newText: "one\r\nTWO\r\nthree\r\nfour\r\nfive\r\n",
			hunks: []string{"@@ -1,4 +1,5 @@"}},
		{name: "crlf and lf mixed", oldPath: "mix.ts", newPath: "mix.ts",
			oldText: "a\r\nb\nc\r\n", newText: "a\nb\r\nc\r\n", hunks: []string{"@@ -1,3 +1,3 @@"}},
		{name: "empty to content", oldPath: "e.ts", newPath: "e.ts",
			oldText: "", newText: "a\nb\n", hunks: []string{"@@ -0,0 +1,2 @@"}},
		{name: "content to empty", oldPath: "e.ts", newPath: "e.ts",
			oldText: "a\nb\n", newText: "", hunks: []string{"@@ -1,2 +0,0 @@"}},
		{name: "new file", oldPath: "", newPath: "app/api/users/[id]/route.ts",
			newText: "export async function GET() {}\n", hunks: []string{"@@ -0,0 +1 @@"}},
		{name: "new empty file", oldPath: "", newPath: "app/empty.ts"},
		{name: "deleted file", oldPath: "pages/api/old.ts", newPath: "",
			oldText: "a\nb\nc", hunks: []string{"@@ -1,3 +0,0 @@"}},
		{name: "deleted empty file", oldPath: "pages/api/empty.ts", newPath: ""},
		{name: "rename with edits", oldPath: "pages/api/users/[id].ts", newPath: "app/api/users/[id]/route.ts",
			oldText: tenText, newText: diffTestEdit(ten, 4, 8), hunks: []string{"@@ -1,10 +1,10 @@"}},
		{name: "pure rename", oldPath: "pages/api/[...slug].ts", newPath: "app/api/[...slug]/route.ts",
			oldText: tenText, newText: tenText},
		{name: "rename quoted paths", oldPath: "pages/api/my file é.ts", newPath: "app/api/my file é/route.ts",
			oldText: "a\nb\n", newText: "a\nB\n", hunks: []string{"@@ -1,2 +1,2 @@"}},
		{name: "two distant hunks", oldPath: "a.ts", newPath: "a.ts",
			oldText: strings.Join(thirty, ""), newText: diffTestEdit(thirty, 3, 20),
			hunks: []string{"@@ -1,6 +1,6 @@", "@@ -17,7 +17,7 @@"}},
		{name: "hunks 7 lines apart stay split", oldPath: "a.ts", newPath: "a.ts",
			oldText: strings.Join(thirty, ""), newText: diffTestEdit(thirty, 5, 13),
			hunks: []string{"@@ -2,7 +2,7 @@", "@@ -10,7 +10,7 @@"}},
		{name: "two near hunks merged", oldPath: "a.ts", newPath: "a.ts",
			oldText: strings.Join(thirty, ""), newText: diffTestEdit(thirty, 5, 12),
			hunks: []string{"@@ -2,14 +2,14 @@"}},
		{name: "large file with many changes", oldPath: "big.ts", newPath: "big.ts",
			oldText: largeOld, newText: largeNew},
		// Above maxDiffLines: one hunk between the common first and last lines.
		{name: "huge rewrite", oldPath: "pages/api/huge.ts", newPath: "app/api/huge/route.ts",
			oldText: strings.Join(diffTestLines(12000), ""), newText: diffTestEdit(diffTestLines(12000), 3, 6000, 11990),
			hunks: []string{"@@ -1,11993 +1,11993 @@"}},
	}
}

var diffHunkHeader = regexp.MustCompile(`(?m)^@@ .* @@$`)

func TestUnifiedDiffHunkHeaders(t *testing.T) {
	for _, tc := range diffCases() {
		t.Run(tc.name, func(t *testing.T) {
			d := UnifiedDiff(tc.oldPath, tc.newPath, []byte(tc.oldText), []byte(tc.newText))
			if !bytes.HasPrefix(d, []byte("diff --git ")) || !bytes.HasSuffix(d, []byte("\n")) {
				t.Fatalf("diff must start with `diff --git` and end with a newline:\n%s", d)
			}
			if tc.name == "large file with many changes" {
				if n := len(diffHunkHeader.FindAll(d, -1)); n < 10 {
					t.Errorf("large diff has %d hunks, want many:\n%s", n, d)
				}
				return
			}
			got := diffHunkHeader.FindAllString(string(d), -1)
			if strings.Join(got, "\n") != strings.Join(tc.hunks, "\n") {
				t.Errorf("hunk headers = %q, want %q\n%s", got, tc.hunks, d)
			}
		})
	}
}

func TestUnifiedDiffGitApply(t *testing.T) {
	git := diffTestNeedGit(t)
	for _, tc := range diffCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			diffTestGit(t, git, dir, nil, "init", "-q")
			before := map[string]string{}
			if tc.oldPath != "" {
				before[tc.oldPath] = tc.oldText
			}
			diffTestWriteTree(t, dir, before)

			d := UnifiedDiff(tc.oldPath, tc.newPath, []byte(tc.oldText), []byte(tc.newText))
			diffTestGit(t, git, dir, d, "apply", "--check", "-")
			diffTestGit(t, git, dir, d, "apply", "-")

			want := map[string]string{}
			if tc.newPath != "" {
				want[tc.newPath] = tc.newText
			}
			got := diffTestReadTree(t, dir)
			for path, text := range want {
				if g, ok := got[path]; !ok {
					t.Errorf("%s missing after git apply", path)
				} else if g != text {
					t.Errorf("%s after git apply = %q, want %q\ndiff:\n%s", path, g, text, d)
				}
			}
			for path := range got {
				if _, ok := want[path]; !ok {
					t.Errorf("unexpected file %s after git apply", path)
				}
			}
		})
	}
}

func TestUnifiedDiffGolden(t *testing.T) {
	tests := []struct {
		name             string
		oldPath, newPath string
		oldText, newText string
		want             string
	}{
		{
			name: "modify", oldPath: "pages/api/a.ts", newPath: "pages/api/a.ts",
			oldText: "a\nb\nc\nd\n", newText: "a\nB\nc\nd\n",
			want: "diff --git a/pages/api/a.ts b/pages/api/a.ts\n" +
				"--- a/pages/api/a.ts\n" +
				"+++ b/pages/api/a.ts\n" +
				"@@ -1,4 +1,4 @@\n" +
				" a\n" +
				"-b\n" +
				"+B\n" +
				" c\n" +
				" d\n",
		},
		{
			name: "no newline", oldPath: "x.ts", newPath: "x.ts",
			oldText: "a\nb", newText: "a\nb\n",
			want: "diff --git a/x.ts b/x.ts\n" +
				"--- a/x.ts\n" +
				"+++ b/x.ts\n" +
				"@@ -1,2 +1,2 @@\n" +
				" a\n" +
				"-b\n" +
				"\\ No newline at end of file\n" +
				"+b\n",
		},
		{
			name: "new file", oldPath: "", newPath: "app/api/route.ts",
			newText: "x\r\n",
			want: "diff --git a/app/api/route.ts b/app/api/route.ts\n" +
				"new file mode 100644\n" +
				"--- /dev/null\n" +
				"+++ b/app/api/route.ts\n" +
				"@@ -0,0 +1 @@\n" +
				"+x\r\n",
		},
		{
			name: "deleted file", oldPath: "pages/api/a.ts", newPath: "",
			oldText: "x\ny\n",
			want: "diff --git a/pages/api/a.ts b/pages/api/a.ts\n" +
				"deleted file mode 100644\n" +
				"--- a/pages/api/a.ts\n" +
				"+++ /dev/null\n" +
				"@@ -1,2 +0,0 @@\n" +
				"-x\n" +
				"-y\n",
		},
		{
			name: "pure rename", oldPath: "pages/api/a.ts", newPath: "app/api/a/route.ts",
			oldText: "x\n", newText: "x\n",
			want: "diff --git a/pages/api/a.ts b/app/api/a/route.ts\n" +
				"similarity index 100%\n" +
				"rename from pages/api/a.ts\n" +
				"rename to app/api/a/route.ts\n",
		},
		{
			name: "rename with edit and quoting", oldPath: "p/a b.ts", newPath: "q/é.ts",
			oldText: "1\n2\n3\n4\n", newText: "1\n2\n3\nfour\n",
			want: "diff --git a/p/a b.ts \"b/q/\\303\\251.ts\"\n" +
				"similarity index 54%\n" +
				"rename from p/a b.ts\n" +
				"rename to \"q/\\303\\251.ts\"\n" +
				"--- a/p/a b.ts\t\n" +
				"+++ \"b/q/\\303\\251.ts\"\n" +
				"@@ -1,4 +1,4 @@\n" +
				" 1\n" +
				" 2\n" +
				" 3\n" +
				"-4\n" +
				"+four\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(UnifiedDiff(tc.oldPath, tc.newPath, []byte(tc.oldText), []byte(tc.newText)))
			if got != tc.want {
				t.Errorf("UnifiedDiff =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestUnifiedDiffNoChange(t *testing.T) {
	tests := []struct {
		name             string
		oldPath, newPath string
		text             string
	}{
		{"same text", "a.ts", "a.ts", "x\n"},
		{"both empty", "a.ts", "a.ts", ""},
		{"no paths", "", "", "x\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if d := UnifiedDiff(tc.oldPath, tc.newPath, []byte(tc.text), []byte(tc.text)); d != nil {
				t.Errorf("UnifiedDiff = %q, want nil", d)
			}
		})
	}
}

func TestColorizeDiff(t *testing.T) {
	d := UnifiedDiff("a.ts", "b.ts", []byte("keep\nold\r\n"), []byte("keep\nnew\r\n"))
	got := string(ColorizeDiff(d))
	tests := []struct {
		name, want string
	}{
		{"diff line bold", "\x1b[1mdiff --git a/a.ts b/b.ts\x1b[m\n"},
		{"rename bold", "\x1b[1mrename from a.ts\x1b[m\n"},
		{"old label bold", "\x1b[1m--- a/a.ts\x1b[m\n"},
		{"new label bold", "\x1b[1m+++ b/b.ts\x1b[m\n"},
		{"hunk header cyan", "\x1b[36m@@ -1,2 +1,2 @@\x1b[m\n"},
		{"context plain", "\n keep\n"},
		{"removed red, CRLF outside", "\x1b[31m-old\x1b[m\r\n"},
		{"added green, CRLF outside", "\x1b[32m+new\x1b[m\r\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(got, tc.want) {
				t.Errorf("ColorizeDiff output lacks %q:\n%q", tc.want, got)
			}
		})
	}
	t.Run("strips back to the diff", func(t *testing.T) {
		plain := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(got, "")
		if plain != string(d) {
			t.Errorf("without colours:\n%q\nwant\n%q", plain, d)
		}
	})
	t.Run("hunk line that looks like a header", func(t *testing.T) {
		d := UnifiedDiff("a.ts", "a.ts", []byte("-- x\n"), []byte("++ y\n"))
		got := string(ColorizeDiff(d))
		for _, want := range []string{"\x1b[31m--- x\x1b[m\n", "\x1b[32m+++ y\x1b[m\n"} {
			if !strings.Contains(got, want) {
				t.Errorf("ColorizeDiff output lacks %q:\n%q", want, got)
			}
		}
	})
}

// diffTestNeedGit returns the path of git, skipping the test when git is not installed.
func diffTestNeedGit(t *testing.T) string {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not on PATH: cannot prove diffs with git apply")
	}
	return git
}

// diffTestGit runs git in dir with stdin, isolated from the user's and system git configuration, and returns stdout.
func diffTestGit(t *testing.T, git, dir string, stdin []byte, args ...string) string {
	t.Helper()
	cmd := exec.Command(git, args...)
	cmd.Dir = dir
	cmd.Env = append(diffTestGitEnv(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C")
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("git %s: %v\n%s\ninput:\n%s", strings.Join(args, " "), err, stderr.String(), stdin)
	}
	return stdout.String()
}

// diffTestGitEnv returns the environment without GIT_DIR-like settings, so git finds the repository from its folder.
func diffTestGitEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_DIR=") || strings.HasPrefix(kv, "GIT_WORK_TREE=") || strings.HasPrefix(kv, "GIT_INDEX_FILE=") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// diffTestWriteTree writes files (slash paths relative to dir) under dir.
func diffTestWriteTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for path, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// diffTestReadTree returns every regular file under dir outside .git, keyed by slash path.
func diffTestReadTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// BenchmarkDiffLarge measures the unified diff of a 600-line file with changes all over it (diffTestLarge).
func BenchmarkDiffLarge(b *testing.B) {
	oldText, newText := diffTestLarge()
	oldB, newB := []byte(oldText), []byte(newText)
	b.ReportAllocs()
	b.SetBytes(int64(len(oldB) + len(newB)))
	for b.Loop() {
		if d := UnifiedDiff("big.ts", "big.ts", oldB, newB); len(d) == 0 {
			b.Fatal("empty diff")
		}
	}
}

// diffTestScript writes an edit script compactly, one "<kind><text>" per line, for test messages and expectations.
func diffTestScript(lines []diffLine) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l.kind) + l.text
	}
	return out
}

func TestDiffLines(t *testing.T) {
	tests := []struct {
		name             string
		oldText, newText string
		want             []string // "<kind><text>" per line
	}{
		{"both empty", "", "", nil},
		{"empty old", "", "a\nb\n", []string{"+a\n", "+b\n"}},
		{"empty new", "a\nb", "", []string{"-a\n", "-b"}},
		{"identical", "a\nb\nc\n", "a\nb\nc\n", []string{" a\n", " b\n", " c\n"}},
		{"identical without trailing newline", "a\nb", "a\nb", []string{" a\n", " b"}},
		{"old lacks trailing newline", "a\nb", "a\nb\n", []string{" a\n", "-b", "+b\n"}},
		{"new lacks trailing newline", "a\nb\n", "a\nb", []string{" a\n", "-b\n", "+b"}},
		{"both lack it, last line changed", "a\nb", "a\nc", []string{" a\n", "-b", "+c"}},
		{"blank lines", "\n\n", "\n\n\n", []string{" \n", " \n", "+\n"}},
		{"crlf line changed", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n", []string{" a\r\n", "-b\r\n", "+B\r\n", " c\r\n"}},
		{"crlf to lf", "a\r\nb\r\n", "a\nb\r\n", []string{"-a\r\n", "+a\n", " b\r\n"}},
		{"lone cr is not a line end", "a\rb\n", "a\rc\n", []string{"-a\rb\n", "+a\rc\n"}},
		{"changed line in the middle", "a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\n",
			[]string{" a\n", " b\n", "-c\n", "+X\n", " d\n", " e\n"}},
		{"two changes", "a\nX\nb\nY\nc\n", "a\nP\nb\nQ\nc\n",
			[]string{" a\n", "-X\n", "+P\n", " b\n", "-Y\n", "+Q\n", " c\n"}},
		{"removed before added in one region", "a\nb\nc\n", "x\ny\n", []string{"-a\n", "-b\n", "-c\n", "+x\n", "+y\n"}},
		{"interleaved changes form one region", "k\na\nb\nk\n", "k\nx\nb\ny\nk\n",
			[]string{" k\n", "-a\n", "+x\n", " b\n", "+y\n", " k\n"}},
		{"first line moved to the end", "a\nb\nc\nd\n", "b\nc\nd\na\n", []string{"-a\n", " b\n", " c\n", " d\n", "+a\n"}},
		{"last line moved to the start", "a\nb\nc\n", "c\na\nb\n", []string{"+c\n", " a\n", " b\n", "-c\n"}},
		{"block moved past a longer one", "x\ny\na\nb\nc\n", "a\nb\nc\nx\ny\n",
			[]string{"-x\n", "-y\n", " a\n", " b\n", " c\n", "+x\n", "+y\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := diffTestScript(diffLines(tc.oldText, tc.newText))
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
				t.Errorf("diffLines(%q, %q) =\n%q\nwant\n%q", tc.oldText, tc.newText, got, tc.want)
			}
		})
	}
}
