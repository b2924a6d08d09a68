package project

// Func is a module-level function whose parameters its body uses as
// objects (members read or called) or hands to other functions: what the
// index keeps to tell which parameters receive a pages request or
// response.
type Func struct {
	Name   string
	Params []Param
}

// Param is one parameter of a Func.
type Param struct {
	Name    string   // "" for a destructured or rest parameter
	Members []string // members the body reads or calls on it: status, json, body, ...
	Passed  []Pass   // calls that hand it on
}

// Pass is one call that hands a parameter on: sendError(res, 400) => {sendError, 0}.
type Pass struct {
	Callee string
	Arg    int
}

// funcs reads every module-level function with a body:
//
//	function f(a, b) {...}; export async function f(a) {...}; export default function f(a) {...}
//	const f = (a, b) => {...}; const f = async a => ...; const f = function (a) {...}
func (s *scanner) funcs() {
	for k := 0; k < len(s.toks); k++ {
		t := s.toks[k]
		if t.depth != 0 || t.kind != tIdent || s.is(k-1, ".") {
			continue
		}
		switch string(s.word(k)) {
		case "function":
			j := s.skip(k+1, "*")
			if name := s.ident(j); name != "" && s.is(s.typeParams(j+1), "(") {
				s.addFunc(name, s.typeParams(j+1))
			}
		case "const", "let", "var":
			if !s.kind(k+1, tIdent) {
				continue
			}
			j := k + 2
			if s.is(j, ":") {
				j = s.skipTo(j+1, true)
			}
			if !s.is(j, "=") {
				continue
			}
			j = s.skip(j+1, "async")
			switch {
			case s.is(j, "function"):
				j = s.skip(j+1, "*")
				if s.kind(j, tIdent) {
					j++
				}
				if s.is(j, "(") {
					s.addFunc(s.text(k+1), j)
				}
			case s.is(j, "("):
				s.addFunc(s.text(k+1), j)
			case s.kind(j, tIdent) && s.is(j+1, "=>"):
				s.addArrow(s.text(k+1), j)
			}
		}
	}
}

// addFunc reads the parameters from the ( at k and the body after them.
func (s *scanner) addFunc(name string, k int) {
	var params []Param
	d0 := s.toks[k].depth
	depth := 0
	cur := Param{}
	first := true
	j := k + 1
	for ; j < len(s.toks); j++ {
		t := s.toks[j]
		if t.kind == tPunct && t.depth == d0 {
			switch s.src[t.start] {
			case '(', '[':
				depth++
			case ')', ']':
				depth--
			}
		}
		if depth < 0 {
			break
		}
		if depth == 0 && t.depth == d0 && s.is(j, ",") {
			params = append(params, cur)
			cur, first = Param{}, true
			continue
		}
		if first {
			first = false
			if n := s.ident(j); n != "" && n != "this" && (s.is(j+1, ",") || s.is(j+1, ")") || s.is(j+1, ":") || s.is(j+1, "=") || s.is(j+1, "?")) {
				cur.Name = n
			}
		}
	}
	if !first || len(params) > 0 {
		params = append(params, cur)
	}
	// after ): an optional return type, then { or =>
	j++
	if s.is(j, ":") {
		if s.is(j+1, "{") {
			return // an object return type: routemod does not read it
		}
		for j < len(s.toks) && !s.is(j, "{") && !s.is(j, "=>") && s.toks[j].depth == d0 {
			j++
		}
	}
	arrow := s.is(j, "=>")
	if arrow {
		j++
	}
	s.addBody(name, params, j, arrow)
}

// addArrow reads `a => body` with its one parameter at k.
func (s *scanner) addArrow(name string, k int) {
	s.addBody(name, []Param{{Name: s.text(k)}}, k+2, true)
}

// addBody reads what the body at k (a block, or an arrow's expression)
// does with params, and records the function when it uses any.
func (s *scanner) addBody(name string, params []Param, k int, arrow bool) {
	if k >= len(s.toks) {
		return
	}
	end := len(s.toks)
	if s.is(k, "{") {
		d0 := s.toks[k].depth
		for j := k + 1; j < len(s.toks); j++ {
			if s.toks[j].depth == d0 && s.is(j, "}") {
				end = j
				break
			}
		}
	} else if arrow {
		end = s.skipTo(k, false)
	} else {
		return
	}
	idx := map[string]int{}
	for i, p := range params {
		if p.Name != "" {
			idx[p.Name] = i
		}
	}
	if len(idx) == 0 {
		return
	}
	// calls open at each point: the callee and the argument being read
	type call struct {
		callee int // token index of the callee's name, -1 for none
		arg    int
		depth  int
	}
	var calls []call
	depth := 0
	used := false
	for j := k; j < end; j++ {
		t := s.toks[j]
		if t.kind == tPunct {
			switch s.src[t.start] {
			case '(':
				callee := -1
				// a method (x.f()) is not a project function routemod can find
				if s.kind(j-1, tIdent) && !keywords[string(s.word(j-1))] && !stmtWords[string(s.word(j-1))] && !s.is(j-2, ".") {
					callee = j - 1
				}
				calls = append(calls, call{callee, 0, depth})
				depth++
			case ')':
				depth--
				if n := len(calls); n > 0 && calls[n-1].depth == depth {
					calls = calls[:n-1]
				}
			case '[', '{':
				depth++
			case ']', '}':
				depth--
			case ',':
				if n := len(calls); n > 0 && calls[n-1].depth == depth-1 {
					calls[n-1].arg++
				}
			}
			continue
		}
		if t.kind != tIdent || s.is(j-1, ".") {
			continue
		}
		i, ok := idx[string(s.word(j))]
		if !ok {
			continue
		}
		switch {
		case (s.is(j+1, ".") || s.is(j+1, "?.")) && s.kind(j+2, tIdent):
			// res.status(400).json(x): every member of the chain
			for c := j + 2; c < end && s.kind(c, tIdent); {
				params[i].Members = appendNew(params[i].Members, s.word(c))
				c++
				if !s.is(c, "(") {
					break
				}
				for d := 0; c < end; c++ {
					if s.is(c, "(") {
						d++
					} else if s.is(c, ")") {
						if d--; d == 0 {
							break
						}
					}
				}
				if !s.is(c+1, ".") {
					break
				}
				c += 2
			}
			used = true
		case s.is(j+1, "?") && s.is(j+2, ".") && s.kind(j+3, tIdent):
			params[i].Members = appendNew(params[i].Members, s.word(j+3))
			used = true
		case (s.is(j-1, "(") || s.is(j-1, ",")) && (s.is(j+1, ")") || s.is(j+1, ",")):
			if n := len(calls); n > 0 && calls[n-1].depth == depth-1 && calls[n-1].callee >= 0 {
				params[i].Passed = append(params[i].Passed, Pass{s.text(calls[n-1].callee), calls[n-1].arg})
				used = true
			}
		}
	}
	if used {
		s.mod.Helpers = append(s.mod.Helpers, Func{Name: name, Params: params})
	}
}

// stmtWords are the words a ( follows that do not make a call.
var stmtWords = map[string]bool{"if": true, "for": true, "while": true, "switch": true, "catch": true,
	"function": true, "return": true, "in": true, "of": true, "typeof": true, "instanceof": true, "with": true}

// appendNew appends the word w to l unless l has it.
func appendNew(l []string, w []byte) []string {
	for _, x := range l {
		if x == string(w) {
			return l
		}
	}
	return append(l, string(w))
}

// typeParams returns the token after the type parameters that start at k
// (function ok<T>(res, data: T)), or k when there are none.
func (s *scanner) typeParams(k int) int {
	if !s.is(k, "<") {
		return k
	}
	depth := 0
	for j := k; j < len(s.toks); j++ {
		switch {
		case s.is(j, "<"):
			depth++
		case s.is(j, ">"):
			if depth--; depth == 0 {
				return j + 1
			}
		case s.is(j, "{") || s.is(j, ";"):
			return k
		}
	}
	return k
}
