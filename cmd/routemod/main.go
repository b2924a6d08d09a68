// Command routemod migrates a Next.js project's pages-router API routes
// (pages/api/**) into app-router route handlers (app/api/**/route.ts).
//
// With no flag it prints a unified diff of every change and writes nothing.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/transforms"
	"github.com/routemod/routemod/verify"
	"github.com/urfave/cli/v2"
)

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		// The run allocates many short-lived trees and keeps little (12-18 MB
		// live): collecting when the heap reaches three times that keeps
		// the process small. No memory limit: one a large route's live heap
		// passes would make the collector run without pause (see
		// bench/RESULTS.md).
		debug.SetGCPercent(200)
	}
	// The handler is in place before anything is discovered or read.
	ctx, cancel := context.WithCancel(context.Background())
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go onSignals(sig, cancel, func() {
		fmt.Fprintln(os.Stderr, "\nroutemod: interrupted twice: exiting now")
		verify.Abort() // the servers and builds of routemod verify
		codemod.Exit(codemod.ExitError, time.Second)
	})
	os.Exit(run(ctx, os.Args))
}

// onSignals cancels the run on the first signal and calls exit on the
// second.
func onSignals(sig <-chan os.Signal, cancel, exit func()) {
	<-sig
	cancel()
	<-sig
	exit()
}

func run(ctx context.Context, args []string) int {
	code := codemod.ExitOK
	app := &cli.App{
		Name:      "routemod",
		Usage:     "migrate Next.js pages/api routes to app-router route handlers",
		UsageText: "routemod [flags] [PATH ...]   (PATH: a Next.js project root, default \".\", or route files)",
		Description: "Without flags routemod prints a unified diff of every change and writes nothing.\n" +
			"Every file ends in one status: migrated, needs-review (with TODO(routemod) markers),\n" +
			"unchanged, skipped (with a reason) or error (with a location).\n" +
			"Only migrated routes move: a needs-review route stays in pages/api as it is, so the\n" +
			"project keeps building, and its diff is shown on stderr as a preview, apart from the\n" +
			"patch on stdout; --include-todo writes needs-review routes too, TODOs and all.\n" +
			"Exit codes: 0 ok, 1 --check found pending changes, 2 errors.\n\n" +
			"Transforms (for --run):\n" + transforms.Describe(),
		HideHelpCommand: true,
		Commands:        []*cli.Command{verifyCommand(ctx, &code)},
		Version:         versionString(),
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "write route.ts files and remove the migrated pages/api files; needs-review routes stay in pages/api as they are"},
			&cli.BoolFlag{Name: "include-todo", Usage: "also migrate needs-review routes, with their TODO(routemod) markers (the project may not build until they are finished)"},
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "list the files that would change"},
			&cli.BoolFlag{Name: "json", Usage: "print one JSON report on stdout"},
			&cli.BoolFlag{Name: "check", Usage: "exit 1 if anything would change; write nothing"},
			&cli.BoolFlag{Name: "force", Usage: "allow --write in a git work tree with uncommitted changes"},
			&cli.StringFlag{Name: "run", Aliases: []string{"r"}, Usage: "run only the named transforms, comma-separated (`NAMES`)"},
			&cli.IntFlag{Name: "next-version", Usage: "target Next.js major `N`", DefaultText: "read package.json, else 16"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "parallel workers (`N`)", DefaultText: "one per CPU"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the diff: auto, always or never"},
		},
		Action: func(c *cli.Context) error {
			var names []string
			for _, n := range strings.Split(c.String("run"), ",") {
				if n = strings.TrimSpace(n); n != "" {
					names = append(names, n)
				}
			}
			m, err := transforms.New(names)
			if err != nil {
				return err
			}
			color, err := useColor(c.String("color"))
			if err != nil {
				return err
			}
			if c.Bool("write") && c.Bool("check") {
				return fmt.Errorf("--write and --check cannot be used together")
			}
			if v := c.Int("next-version"); v != 0 && v < 13 {
				return fmt.Errorf("--next-version %d: route handlers need Next.js 13.2 or later", v)
			}
			code = codemod.Run(codemod.Options{
				Context:     ctx,
				Paths:       c.Args().Slice(),
				Write:       c.Bool("write"),
				List:        c.Bool("list"),
				JSON:        c.Bool("json"),
				Check:       c.Bool("check"),
				Force:       c.Bool("force"),
				IncludeTODO: c.Bool("include-todo"),
				NextMajor:   c.Int("next-version"),
				Jobs:        c.Int("jobs"),
				Color:       color,
				Progress:    isTerminal(os.Stderr),
				Migrator:    m,
			})
			return nil
		},
	}
	if err := app.Run(args); err != nil {
		fmt.Fprintf(os.Stderr, "routemod: %v\n", err)
		return codemod.ExitError
	}
	return code
}

// useColor resolves --color: auto colours only a terminal, and honours NO_COLOR.
func useColor(mode string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb", nil
	}
	return false, fmt.Errorf("--color %q: want auto, always or never", mode)
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
