// roots_test.go: AllowRoots over-approximates the allow rules and never under-approximates.
package sandbox

import (
	"slices"
	"testing"
)

func TestAllowRootsCoverEveryAllowRule(t *testing.T) {
	s := New()
	for _, cmd := range []string{
		"allow/exec+/usr/***", "allow/exec+/bin/true", "allow/exec+/opt/tools/py*",
		"deny/exec+/usr/bin/su", "allow/exec+/srv/{a,b}/***",
	} {
		if err := s.Apply(cmd); err != nil {
			t.Fatal(err)
		}
	}
	roots, all := s.Policy().AllowRoots(CatExec)
	want := []string{"/usr", "/bin/true", "/opt/tools", "/srv/a", "/srv/b"}
	if all || !slices.Equal(roots, want) {
		t.Fatalf("roots %q all=%v, want %q", roots, all, want)
	}
}

func TestAllowRootsUnboundedWhenDefaultAllowsOrPatternIsRootWide(t *testing.T) {
	s := New()
	_ = s.Apply("default/exec:allow")
	if _, all := s.Policy().AllowRoots(CatExec); !all {
		t.Fatal("default allow must be unbounded")
	}
	s = New()
	_ = s.Apply("allow/exec+/**/bin/*")
	if _, all := s.Policy().AllowRoots(CatExec); !all {
		t.Fatal("/** pattern must be unbounded")
	}
}
