package bench

import (
	"fmt"
	"testing"

	"github.com/routemod/routemod/bench/corpus"
	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/transforms"
)

// BenchmarkLargeRoute migrates one route of 100 KB, 200 KB, 1 MB, 2 MB and
// 5 MB as a dry run does: both gates, parse, every transform, the diff.
func BenchmarkLargeRoute(b *testing.B) {
	m, err := transforms.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, kb := range []int{100, 200, 1000, 2000, 5000} {
		src := corpus.LargeRoute(kb * 1000)
		b.Run(fmt.Sprintf("%dKB", kb), func(b *testing.B) {
			p := codemod.NewParser()
			defer p.Close()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				r := codemod.MigrateSource(p, m, nil, "pages/api/large.ts", src, 16)
				if !r.Changed() {
					b.Fatalf("%s: %v", r.Status, r.Reasons)
				}
				codemod.UnifiedDiff(r.Path, r.NewPath, src, r.Output())
			}
		})
	}
}

// BenchmarkLargeHelpers migrates one route whose handler hands res to
// thousands of module-level send helpers (corpus.LargeHelpersRoute), 100 KB
// to 5 MB, as a dry run does.
func BenchmarkLargeHelpers(b *testing.B) {
	m, err := transforms.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, kb := range []int{100, 250, 1000, 5000} {
		src := corpus.LargeHelpersRoute(kb * 1000)
		b.Run(fmt.Sprintf("%dKB", kb), func(b *testing.B) {
			p := codemod.NewParser()
			defer p.Close()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				r := codemod.MigrateSource(p, m, nil, "pages/api/helpers.ts", src, 16)
				if r.Status != codemod.StatusMigrated {
					b.Fatalf("%s: %v", r.Status, r.Reasons)
				}
				codemod.UnifiedDiff(r.Path, r.NewPath, src, r.Output())
			}
		})
	}
}
