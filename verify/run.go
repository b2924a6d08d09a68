package verify

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Options configures Run.
type Options struct {
	Dir  string // the Next.js project, in a git work tree
	Base string // the baseline ref; "" means HEAD
	Head string // the candidate ref; "" means the work tree as it is
	// File is the user's requests file (nil for none): its requests are
	// replayed as written, its segments fill generated requests.
	File *File
	// AllMethods generates requests with every method, not only GET and
	// HEAD; NoGenerate generates none (only File's requests are replayed).
	AllMethods, NoGenerate bool
	// BuildTimeout bounds each next build, StartTimeout each next start
	// until it answers, RequestTimeout each request. Zero: the defaults.
	BuildTimeout, StartTimeout, RequestTimeout time.Duration
	// Progress receives progress lines (build, start, N/M requests); nil
	// for none. Terminal redraws the request count in place.
	Progress io.Writer
	Terminal bool
}

// Defaults of the timeouts.
const (
	DefaultBuildTimeout   = 15 * time.Minute
	DefaultStartTimeout   = 2 * time.Minute
	DefaultRequestTimeout = 30 * time.Second
)

func (o *Options) defaults() {
	if o.Base == "" {
		o.Base = "HEAD"
	}
	if o.BuildTimeout == 0 {
		o.BuildTimeout = DefaultBuildTimeout
	}
	if o.StartTimeout == 0 {
		o.StartTimeout = DefaultStartTimeout
	}
	if o.RequestTimeout == 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
}

// Run builds the baseline and the candidate of the project, replays the same
// requests to both on 127.0.0.1 and classifies every answer. The trees and
// servers are gone when it returns, also when ctx is cancelled. A failed
// build or start is a *BuildError.
func Run(ctx context.Context, o Options) (*Report, error) {
	o.defaults()
	p, err := Open(ctx, o.Dir)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	base, err := p.Prepare(ctx, "baseline", o.Base, &o)
	if err != nil {
		return nil, err
	}
	cand, err := p.Prepare(ctx, "candidate", o.Head, &o)
	if err != nil {
		return nil, err
	}
	routes, err := Routes(base.Dir, cand.Dir)
	if err != nil {
		return nil, err
	}
	reqs := Plan(routes, &o)
	if len(reqs) == 0 {
		return nil, fmt.Errorf("nothing to replay: no route of %s under app/api was served from pages/api in %s, and no requests file", cand.Label, base.Label)
	}
	if err := base.Build(ctx, &o); err != nil {
		return nil, err
	}
	if err := cand.Build(ctx, &o); err != nil {
		return nil, err
	}
	baseAnswers, err := base.Answers(ctx, reqs, &o)
	if err != nil {
		return nil, err
	}
	candAnswers, err := cand.Answers(ctx, reqs, &o)
	if err != nil {
		return nil, err
	}
	return Compare(routes, reqs, base, cand, baseAnswers, candAnswers), nil
}

// Prepare checks out ref ("" for the work tree) and gives it the project's
// dependencies (Project.Deps); role ("baseline", "candidate") names the tree
// in its label.
func (p *Project) Prepare(ctx context.Context, role, ref string, o *Options) (*Tree, error) {
	t, err := p.Checkout(ctx, ref)
	if err != nil {
		return nil, err
	}
	t.Label = fmt.Sprintf("%s (%s)", role, t.Label)
	t0 := time.Now()
	how, err := p.Deps(ctx, t)
	if err != nil {
		return nil, err
	}
	o.progressf("verify: %s checked out, %s (%s)\n", t.Label, how, since(t0))
	return t, nil
}

// Plan is the requests Run replays: the generated ones (one per route and
// method, Generate) then the file's.
func Plan(routes []Route, o *Options) []Spec {
	var reqs []Spec
	if !o.NoGenerate {
		methods := ReadMethods
		if o.AllMethods {
			methods = AllMethods
		}
		var values map[string]string
		if o.File != nil {
			values = o.File.Segments
		}
		reqs = Generate(routes, methods, values)
	}
	if o.File != nil {
		reqs = append(reqs, o.File.Requests...)
	}
	return reqs
}

// Build runs next build in t with o's timeout, and reports it.
func (t *Tree) Build(ctx context.Context, o *Options) error {
	o.defaults()
	o.progressf("verify: next build of the %s...\n", t.Label)
	t0 := time.Now()
	if err := t.build(ctx, o.BuildTimeout); err != nil {
		return err
	}
	t.BuildTime = time.Since(t0)
	o.progressf("verify: next build of the %s done (%s)\n", t.Label, since(t0))
	return nil
}

// Answers starts t's server, replays reqs and stops it.
func (t *Tree) Answers(ctx context.Context, reqs []Spec, o *Options) ([]*Response, error) {
	o.defaults()
	o.progressf("verify: next start of the %s...\n", t.Label)
	srv, err := t.Start(ctx, o.StartTimeout)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	o.progressf("verify: %s serving on %s\n", t.Label, srv.Origin)
	t0 := time.Now()
	last := time.Time{}
	got, err := srv.Replay(ctx, reqs, o.RequestTimeout, func(done int) {
		if done == len(reqs) || time.Since(last) > time.Second {
			last = time.Now()
			switch {
			case done == len(reqs):
				if o.Terminal {
					o.progressf("\r")
				}
				o.progressf("verify: %s: %d/%d requests (%s)\n", t.Label, done, len(reqs), since(t0))
			case o.Terminal:
				o.progressf("\rverify: %s: %d/%d requests", t.Label, done, len(reqs))
			}
		}
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("the %s did not answer %w\nserver output:\n%s", t.Label, err, lastLines([]byte(srv.Output()), 30))
	}
	t.ReplayTime = time.Since(t0)
	return got, nil
}

func (o *Options) progressf(format string, args ...any) {
	if o.Progress != nil {
		fmt.Fprintf(o.Progress, format, args...)
	}
}

func since(t time.Time) time.Duration { return time.Since(t).Round(100 * time.Millisecond) }
