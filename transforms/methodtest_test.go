package transforms

import "testing"

func TestDropUnusedAliases(t *testing.T) {
	for _, tt := range []struct {
		aliases  []string
		in, want string
	}{
		// the dispatch that read it is gone
		{[]string{"method"}, "  const method = req.method;\n  return x;\n", "  return x;\n"},
		{[]string{"method"}, "  const method = req.method || \"GET\";\n\n  return x;\n", "  return x;\n"},
		{[]string{"method"}, "  const { method } = req;\n  return x;\n", "  return x;\n"},
		{[]string{"verb"}, "  const { method: verb } = req;\n  return x;\n", "  return x;\n"},
		{[]string{"method"}, "  a();\n  const { method } = req\n\n  return x;\n", "  a();\n\n  return x;\n"},
		// still read, or spelled somewhere routemod does not look into
		{[]string{"method"}, "  const method = req.method;\n  log(method);\n", "  const method = req.method;\n  log(method);\n"},
		{[]string{"method"}, "  const { method } = req;\n  return Response.json({ method });\n", "  const { method } = req;\n  return Response.json({ method });\n"},
		{[]string{"method"}, "  const method = req.method;\n  return x(\"method\");\n", "  const method = req.method;\n  return x(\"method\");\n"},
		// other shapes stay
		{[]string{"method"}, "  const method = req.method as Verb;\n  return x;\n", "  const method = req.method as Verb;\n  return x;\n"},
		{[]string{"method"}, "  const method = req.method; // the verb\n  return x;\n", "  const method = req.method; // the verb\n  return x;\n"},
		{[]string{"verb"}, "  const { method } = req;\n  return x;\n", "  const { method } = req;\n  return x;\n"},
		// a property read is not a read of the local
		{[]string{"method"}, "  const method = req.method;\n  return other.method;\n", "  return other.method;\n"},
	} {
		m := &migration{h: &handler{req: "req"}, aliases: map[string]bool{}}
		for _, a := range tt.aliases {
			m.aliases[a] = true
		}
		if got := m.dropUnusedAliases(tt.in); got != tt.want {
			t.Errorf("dropUnusedAliases(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
