package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/routemod/routemod/verify"
	"github.com/urfave/cli/v2"
)

// verifyCommand is `routemod verify [PATH]`: build the baseline ref and the
// candidate (the work tree, or --head), replay the same requests to both on
// 127.0.0.1, and classify every answer with package verify.
func verifyCommand(ctx context.Context, code *int) *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "build the project before and after the migration with Next.js, replay the same requests to both, and report every difference",
		UsageText: "routemod verify [flags] [PATH]   (PATH: the Next.js project in a git work tree, default \".\"; flags before PATH)",
		Description: "The baseline is a git ref (--base, default HEAD), the candidate the work tree as it is\n" +
			"(or --head REF), so the usual flow is `routemod --write && routemod verify`. Each is checked\n" +
			"out in a temporary folder (nothing of the work tree is written), given the project's\n" +
			"node_modules (hard-linked) or an install from its lockfile, built with next build and\n" +
			"served with next start on 127.0.0.1. A GET and a HEAD request are generated for every\n" +
			"route the candidate serves from app/api that the baseline served from pages/api\n" +
			"([id] => 1, [...slug] => a/b); --requests adds the requests of a file:\n\n" +
			"  {\"segments\": {\"id\": \"42\"},\n" +
			"   \"requests\": [{\"method\": \"POST\", \"path\": \"/api/login\", \"headers\": {\"Cookie\": \"s=1\"},\n" +
			"                 \"body\": {\"email\": \"ada@example.com\"}}]}\n\n" +
			"(or just the array; a string body is sent as is, any other JSON value as JSON).\n" +
			"Every answer is identical, expected (a documented Next.js 16 difference, named) or\n" +
			"UNEXPECTED. Exit codes: 0 nothing unexpected, 1 something unexpected, 2 a build or start\n" +
			"failed (its last lines are shown) or the run could not be made.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "base", Value: "HEAD", Usage: "the baseline: a git `REF` with the pages/api routes"},
			&cli.StringFlag{Name: "head", Usage: "the candidate: a git `REF`", DefaultText: "the work tree as it is"},
			&cli.StringFlag{Name: "requests", Usage: "replay the requests of `FILE` too (and take segment values from it)"},
			&cli.BoolFlag{Name: "all-methods", Usage: "generate POST, PUT, PATCH, DELETE and OPTIONS requests too (they may write to your database)"},
			&cli.BoolFlag{Name: "no-generate", Usage: "replay only the requests file"},
			&cli.BoolFlag{Name: "json", Usage: "print one JSON report on stdout"},
			&cli.DurationFlag{Name: "build-timeout", Value: verify.DefaultBuildTimeout, Usage: "stop a next build after `D`"},
			&cli.DurationFlag{Name: "request-timeout", Value: verify.DefaultRequestTimeout, Usage: "give up on a request after `D`"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return fmt.Errorf("verify takes one project folder, got %d", c.NArg())
			}
			o := verify.Options{
				Dir:            ".",
				Base:           c.String("base"),
				Head:           c.String("head"),
				AllMethods:     c.Bool("all-methods"),
				NoGenerate:     c.Bool("no-generate"),
				BuildTimeout:   c.Duration("build-timeout"),
				RequestTimeout: c.Duration("request-timeout"),
				Progress:       os.Stderr,
				Terminal:       isTerminal(os.Stderr),
			}
			if c.NArg() == 1 {
				o.Dir = c.Args().First()
			}
			if f := c.String("requests"); f != "" {
				file, err := verify.LoadFile(f)
				if err != nil {
					return err
				}
				o.File = file
			}
			*code = runVerify(ctx, o, c.Bool("json"), os.Stdout, os.Stderr)
			return nil
		},
	}
}

// runVerify runs verify and prints its report, returning the exit code.
func runVerify(ctx context.Context, o verify.Options, asJSON bool, stdout, stderr io.Writer) int {
	rep, err := verify.Run(ctx, o)
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "routemod verify: interrupted; servers stopped, temporary trees removed")
			return verify.ExitFailed
		}
		// A *verify.BuildError carries the last lines of the build or start.
		fmt.Fprintf(stderr, "routemod verify: %v\n", err)
		return verify.ExitFailed
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "routemod verify: %v\n", err)
			return verify.ExitFailed
		}
		fmt.Fprintln(stderr, rep.SummaryLine())
	} else {
		rep.WriteText(stdout)
	}
	return rep.ExitCode()
}
