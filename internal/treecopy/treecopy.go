// Package treecopy makes copies of file trees for the real Node.js projects
// routemod builds: hard-linked node_modules, copied sources.
package treecopy

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Link recreates src at dst with hard links to its files (copies where the
// file system refuses a link, across devices for one) and the same symlinks.
// A symlink to a node_modules outside the project does not build (Turbopack
// resolves next/package.json only inside the project root); hard links do.
func Link(src, dst string) error {
	return walk(src, dst, func(p, target string) error {
		if err := os.Link(p, target); err != nil {
			return copyFileMode(p, target)
		}
		return nil
	})
}

// Copy copies the file, symlink or folder tree at src to dst, keeping file
// modes and symlinks as links.
func Copy(src, dst string) error {
	return walk(src, dst, copyFileMode)
}

// walk recreates src's folders and symlinks at dst and hands each regular
// file to file with its place there.
func walk(src, dst string, file func(p, target string) error) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			return os.Symlink(link, target)
		default:
			return file(p, target)
		}
	})
}

func copyFileMode(src, dst string) error {
	fi, err := os.Stat(src)
	if err != nil {
		return err
	}
	if err := CopyFile(src, dst); err != nil {
		return err
	}
	return os.Chmod(dst, fi.Mode().Perm())
}

// CopyFile copies src to dst, making dst's folder.
func CopyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
