//go:build unix

package bench

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// BenchmarkProcess runs the routemod binary as a whole process, a dry run
// with stdout discarded, over a generated project of 2,000 routes (or
// ROUTEMOD_BENCH_ROUTES), and reports files/s and the largest peak RSS of
// its runs, as bench/measure.sh does with /usr/bin/time.
func BenchmarkProcess(b *testing.B) {
	n := 2000
	if v := os.Getenv("ROUTEMOD_BENCH_ROUTES"); v != "" {
		if _, err := fmt.Sscan(v, &n); err != nil || n <= 0 {
			b.Fatalf("ROUTEMOD_BENCH_ROUTES=%q: want a positive number", v)
		}
	}
	bin := filepath.Join(b.TempDir(), "routemod")
	build := exec.Command("go", "build", "-o", bin, "github.com/routemod/routemod/cmd/routemod")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	dir := benchCorpus(b, n)
	var peak int64
	for b.Loop() {
		cmd := exec.Command(bin, dir)
		cmd.Stdout = io.Discard
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("routemod: %v\n%s", err, stderr.Bytes())
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, ru.Maxrss) // KiB on Linux
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
}
