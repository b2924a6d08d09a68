// Package bench measures routemod on generated projects (see bench/corpus
// and cmd/routemod-corpus). The tests check that the corpus is deterministic
// and migrates; the benchmarks measure and never assert a timing. Run with
//
//	go test ./bench -run '^$' -bench . -benchmem
//
// BenchmarkProcess runs the built binary as a whole process (files/s and
// peak RSS); bench/measure.sh times it with /usr/bin/time, dry run,
// --check and --write, over 2,000 and 20,000 routes.
package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/routemod/routemod/bench/corpus"
	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
	"github.com/routemod/routemod/transforms"
)

// benchFiles is the size of the corpus the benchmarks run on.
const benchFiles = 200

func TestCorpusDeterministic(t *testing.T) {
	a, b := corpus.Project(120, 7), corpus.Project(120, 7)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same n and seed gave different projects")
	}
	if reflect.DeepEqual(a, corpus.Project(120, 8)) {
		t.Fatal("different seeds gave the same project")
	}
	routes, js := 0, 0
	targets := map[string]string{}
	for p, text := range a {
		if !codemod.IsRouteFile(p) {
			continue
		}
		routes++
		if path.Ext(p) == ".js" {
			js++
		}
		tgt, err := codemod.PlanTarget(p)
		if err != nil {
			t.Fatal(err)
		}
		key := strings.TrimSuffix(tgt, path.Ext(tgt))
		if prev, ok := targets[key]; ok {
			t.Errorf("%s and %s both move to %s", prev, p, key)
		}
		targets[key] = p
		if n := strings.Count(text, "\n"); n < 30 || n > 100 {
			t.Errorf("%s: %d lines", p, n)
		}
	}
	if routes != 120 {
		t.Errorf("%d routes, want 120", routes)
	}
	if js < 10 || js > 60 {
		t.Errorf("%d of %d routes are .js, want about a quarter", js, routes)
	}
}

// TestCorpusMigrates runs routemod on a small corpus: every route must be
// migrated (none skipped, none in error), or the benchmarks would measure
// the wrong path.
func TestCorpusMigrates(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 60, 1); err != nil {
		t.Fatal(err)
	}
	m, err := transforms.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := codemod.Run(codemod.Options{Paths: []string{dir}, JSON: true, Jobs: 2, Migrator: m, Stdout: &out, Stderr: &errOut})
	if code != codemod.ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var rep struct {
		Files []codemod.Result `json:"files"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	routes := 0
	for _, r := range rep.Files {
		if !codemod.IsRouteFile(r.Path) {
			continue
		}
		routes++
		if r.Status != codemod.StatusMigrated && r.Status != codemod.StatusNeedsReview {
			t.Errorf("%s: %s %v", r.Path, r.Status, r.Reasons)
		}
	}
	if routes != 60 {
		t.Errorf("%d route results, want 60", routes)
	}
}

// benchCorpus writes a corpus of n routes under a temporary folder.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchMigrator(b *testing.B) *transforms.Migrator {
	b.Helper()
	m, err := transforms.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkRun measures codemod.Run (the whole pipeline with the real
// transforms, both esbuild gates and the diff) on a 200-route project, as a
// dry run, with one worker and with one per CPU. files/s is per run.
func BenchmarkRun(b *testing.B) {
	dir := benchCorpus(b, benchFiles)
	m := benchMigrator(b)
	for _, jobs := range []int{1, runtime.NumCPU()} {
		for _, mode := range []string{"diff", "json", "check"} {
			b.Run(fmt.Sprintf("jobs=%d/%s", jobs, mode), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					code := codemod.Run(codemod.Options{
						Paths: []string{dir}, Jobs: jobs, Migrator: m,
						JSON: mode == "json", Check: mode == "check",
						Stdout: io.Discard, Stderr: io.Discard,
					})
					if code == codemod.ExitError {
						b.Fatal("routemod failed")
					}
				}
				b.ReportMetric(float64(benchFiles*b.N)/b.Elapsed().Seconds(), "files/s")
			})
		}
	}
}

// BenchmarkIndex measures the project step: project.Build over every
// source file of a 200-route project, read from disk (ns/file is per
// source file, routes and lib/ alike).
func BenchmarkIndex(b *testing.B) {
	dir := benchCorpus(b, benchFiles)
	proj := &codemod.Project{Root: dir, Moves: map[string]string{}}
	n := 0
	for range proj.Sources() {
		n++
	}
	b.ReportAllocs()
	for b.Loop() {
		project.Build(proj.Sources(), proj.Moves)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/file")
}

// stageFile is one route with what each stage needs, prepared once.
type stageFile struct {
	rel, newRel string
	src, out    []byte
	root        *codemod.Node
	edits       []codemod.Edit
	sorted      []codemod.Edit
}

// BenchmarkStages splits the per-file pipeline with the real transforms
// into its stages, each run over every route of a 200-route corpus (so one
// op is one pass over 200 files; ns/file is per file).
func BenchmarkStages(b *testing.B) {
	dir := benchCorpus(b, benchFiles)
	m := benchMigrator(b)
	var rels []string
	for rel := range corpus.Project(benchFiles, 1) {
		if codemod.IsRouteFile(rel) {
			rels = append(rels, rel)
		}
	}
	sort.Strings(rels)
	proj := &codemod.Project{Root: dir, Moves: map[string]string{}}
	for _, rel := range rels {
		t, err := codemod.PlanTarget(rel)
		if err != nil {
			b.Fatal(err)
		}
		proj.Moves[rel] = t
	}
	p := codemod.NewParser()
	defer p.Close()
	newFile := func(sf *stageFile) *codemod.File {
		ext := path.Ext(sf.rel)
		return &codemod.File{
			Path: sf.rel, NewPath: sf.newRel, Src: sf.src, Root: sf.root,
			TypeScript: ext == ".ts" || ext == ".tsx",
			Style:      codemod.DetectStyle(sf.src),
			Segments:   codemod.RouteSegments(sf.rel),
			NextMajor:  16, Project: proj,
		}
	}
	files := make([]*stageFile, 0, len(rels))
	var err error
	for _, rel := range rels {
		sf := &stageFile{rel: rel, newRel: proj.Moves[rel]}
		if sf.src, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			b.Fatal(err)
		}
		if sf.root, err = p.Parse(sf.src, path.Ext(rel) != ".ts"); err != nil {
			b.Fatal(err)
		}
		f := newFile(sf)
		m.Migrate(f)
		if f.Skipped() != "" {
			b.Fatalf("%s: skipped: %s", rel, f.Skipped())
		}
		sf.edits = f.Edits()
		if sf.sorted, err = codemod.SortEdits(sf.edits); err != nil {
			b.Fatal(err)
		}
		if sf.out, err = codemod.ApplyEdits(sf.src, sf.edits); err != nil {
			b.Fatal(err)
		}
		files = append(files, sf)
	}
	stages := []struct {
		name string
		fn   func(sf *stageFile)
	}{
		{"read", func(sf *stageFile) {
			if _, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(sf.rel))); err != nil {
				b.Fatal(err)
			}
		}},
		{"gate-input", nil},
		{"index-scan", func(sf *stageFile) { project.Scan(sf.src) }},
		{"parse", func(sf *stageFile) {
			if _, err := p.Parse(sf.src, path.Ext(sf.rel) != ".ts"); err != nil {
				b.Fatal(err)
			}
		}},
		// the last check's parse of the output: afresh, as before, and
		// incrementally from the input's tree (the input's parse included)
		{"parse-output", func(sf *stageFile) {
			if _, err := p.Parse(sf.out, path.Ext(sf.rel) != ".ts"); err != nil {
				b.Fatal(err)
			}
		}},
		{"parse+reparse-output", func(sf *stageFile) {
			tsx := path.Ext(sf.rel) != ".ts"
			if _, err := p.ParseShared(sf.src, tsx); err != nil {
				b.Fatal(err)
			}
			if _, err := p.ReparseShared(sf.src, sf.sorted, sf.out, tsx); err != nil {
				b.Fatal(err)
			}
		}},
		{"transforms", func(sf *stageFile) { m.Migrate(newFile(sf)) }},
		{"apply-edits", func(sf *stageFile) {
			if _, err := codemod.ApplyEdits(sf.src, sf.edits); err != nil {
				b.Fatal(err)
			}
		}},
		{"gate-output", nil},
		{"todos", func(sf *stageFile) { codemod.FindTODOs(sf.out) }},
		{"diff", func(sf *stageFile) { codemod.UnifiedDiff(sf.rel, sf.newRel, sf.src, sf.out) }},
	}
	// The gates run over batches of 16, as the pipeline runs them.
	gates := map[string]func(sf *stageFile) codemod.GateInput{
		"gate-input":  func(sf *stageFile) codemod.GateInput { return codemod.GateInput{Src: sf.src, Name: sf.rel} },
		"gate-output": func(sf *stageFile) codemod.GateInput { return codemod.GateInput{Src: sf.out, Name: sf.newRel} },
	}
	for _, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if text := gates[st.name]; text != nil {
					for k := 0; k < len(files); k += 16 {
						var in []codemod.GateInput
						for _, sf := range files[k:min(k+16, len(files))] {
							in = append(in, text(sf))
						}
						for i, se := range codemod.GateBatch(in) {
							if se != nil {
								b.Fatal(in[i].Name, se)
							}
						}
					}
					continue
				}
				for _, sf := range files {
					st.fn(sf)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
		})
	}
}
