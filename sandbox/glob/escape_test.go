package glob

import "testing"

// TestEscapeMatchesOnlyItself: an escaped path matches itself and not the paths
// its metacharacters would have matched.
func TestEscapeMatchesOnlyItself(t *testing.T) {
	for _, c := range []struct{ path, neighbour string }{
		{"/tmp/plain", "/tmp/plainx"},
		{"/tmp/a*b", "/tmp/axxb"},
		{"/tmp/q?", "/tmp/qx"},
		{"/tmp/[ab]", "/tmp/a"},
		{"/tmp/{x,y}", "/tmp/x"},
		{`/tmp/back\slash`, "/tmp/backslash"},
		{"/tmp/$HOME", "/tmp/"},
		{"/tmp/***", "/tmp/x/y"},
		{"/tmp/sp ace/'q'", "/tmp/sp ace/q"},
	} {
		p, err := Compile(Escape(c.path))
		if err != nil {
			t.Fatalf("Compile(Escape(%q)): %v", c.path, err)
		}
		if !p.Match(c.path) {
			t.Errorf("Escape(%q) = %q does not match the path", c.path, Escape(c.path))
		}
		if p.Match(c.neighbour) {
			t.Errorf("Escape(%q) = %q matches %q", c.path, Escape(c.path), c.neighbour)
		}
	}
}
