package codemod

import "fmt"

// holds decides which routes --write moves. A route moves when its
// migration is complete (or the run includes TODOs) and no file that
// stays would break:
//
//	lib/a.test.ts: import handler from "../pages/api/a"  => pages/api/a.ts stays (skipped) unless IncludeTODO
//	pages/api/b.ts (stays): import { T } from "./a"       => pages/api/a.ts stays (skipped)
//	pages/api/c.ts: import { authOptions } from "./auth/[...nextauth]" (moved out to a module that route's move creates) => c moves only if that route moves
//
// A route imported by another route of the run waits until that route is
// settled; resolve settles the rest once every result is in.
type holds struct {
	includeTODO bool
	pos         map[*Project]map[string]int  // route rel => job index, for the routes of this run
	moves       map[*Project]map[string]bool // settled routes => whether they move
	waiting     []int                        // job indexes that wait for the routes importing them
}

func newHolds(jobs []*job, includeTODO bool) *holds {
	h := &holds{includeTODO: includeTODO, pos: map[*Project]map[string]int{}, moves: map[*Project]map[string]bool{}}
	for i, j := range jobs {
		if h.pos[j.proj] == nil {
			h.pos[j.proj] = map[string]int{}
			h.moves[j.proj] = map[string]bool{}
		}
		h.pos[j.proj][j.rel] = i
	}
	return h
}

// decide settles job j's result r (index i), holding it back when moving
// it would break a file that stays; false when it has to wait for a route
// that imports it.
func (h *holds) decide(j *job, i int, r *Result) bool {
	keep(r, h.includeTODO)
	if !r.Writes() || r.NewPath == "" {
		h.moves[j.proj][j.rel] = false
		return true
	}
	imps := j.proj.importersOf(r.Path)
	for _, imp := range imps {
		switch {
		case imp.route:
		case imp.handler && !h.includeTODO:
			h.hold(j, r, "stays in pages/api: %s imports its handler (the default export), which a route.ts does not have, so moving it would break that file; --include-todo moves it and marks that import", imp.from)
			return true
		}
	}
	for _, n := range r.needs {
		moves, settled := h.fate(j.proj, n)
		if !settled {
			h.waiting = append(h.waiting, i)
			return false
		}
		if !moves {
			h.hold(j, r, "stays in pages/api: it imports what routemod moves out of %s when that route moves, and that route stays", n)
			return true
		}
	}
	for _, imp := range imps {
		if !imp.route || imp.from == r.Path {
			continue
		}
		moves, settled := h.fate(j.proj, imp.from)
		if !settled {
			h.waiting = append(h.waiting, i)
			return false
		}
		if !moves {
			h.hold(j, r, "stays in pages/api: %s imports it and stays there, so moving it would break that import", imp.from)
			return true
		}
	}
	h.moves[j.proj][j.rel] = true
	return true
}

// fate tells whether the route rel moves, once that is settled; a route
// that is not part of the run stays.
func (h *holds) fate(p *Project, rel string) (moves, settled bool) {
	if m, ok := h.moves[p][rel]; ok {
		return m, true
	}
	if _, ok := h.pos[p][rel]; ok {
		return false, false
	}
	return false, true
}

// resolve settles the waiting results, once every other route is settled,
// and returns their job indexes in order. A waiting route moves unless a
// route that imports it stays; routes that import each other move together.
func (h *holds) resolve(jobs []*job, results []*Result) []int {
	for _, i := range h.waiting {
		h.moves[jobs[i].proj][jobs[i].rel] = true
	}
	for again := true; again; {
		again = false
		for _, i := range h.waiting {
			j, r := jobs[i], results[i]
			if !h.moves[j.proj][j.rel] {
				continue
			}
			for _, n := range r.needs {
				if moves, _ := h.fate(j.proj, n); !moves {
					h.hold(j, r, "stays in pages/api: it imports what routemod moves out of %s when that route moves, and that route stays", n)
					again = true
					break
				}
			}
			if !h.moves[j.proj][j.rel] {
				continue
			}
			for _, imp := range j.proj.importersOf(r.Path) {
				if imp.route && imp.from != r.Path {
					if moves, _ := h.fate(j.proj, imp.from); !moves {
						h.hold(j, r, "stays in pages/api: %s imports it and stays there, so moving it would break that import", imp.from)
						again = true
						break
					}
				}
			}
		}
	}
	return h.waiting
}

// stay records that the route of j does not move, its result as it is
// (an error found before it was written).
func (h *holds) stay(j *job) { h.moves[j.proj][j.rel] = false }

// hold leaves the route of r where it is, untouched, with a reason.
func (h *holds) hold(j *job, r *Result, format string, args ...any) {
	h.moves[j.proj][j.rel] = false
	r.Status, r.Kept = StatusSkipped, false
	r.Reasons = []string{fmt.Sprintf(format, args...)}
	r.NewPath, r.Notes, r.TODOs, r.Transforms = "", nil, nil, nil
	r.out, r.diff = nil, nil
	r.modules, r.needs = nil, nil
}
