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

func TestAllowsAll(t *testing.T) {
	for _, tc := range []struct {
		cmds []string
		want bool
	}{
		{nil, false}, // default deny
		{[]string{"allow/read+/***"}, true},
		{[]string{"deny/read+/etc/***", "allow/read+/***"}, true},              // newer universal allow wins
		{[]string{"allow/read+/***", "deny/read+/etc/shadow"}, false},          // newer deny
		{[]string{"allow/read+/***", "warn/read+/tmp/***"}, false},             // a warning is a decision
		{[]string{"allow/read+/***", "allow/read+/usr/***"}, true},             // newer allows only
		{[]string{"default/read:allow"}, true},                                 // allow by default, no rule
		{[]string{"default/read:allow", "deny/read+/root/***"}, false},         // ...but a deny
		{[]string{"default/read:warn"}, false},                                 // warn by default
		{[]string{"allow/read+/***", "deny/read+/x", "allow/read+/***"}, true}, // the newest universal rule
	} {
		s := New()
		for _, c := range tc.cmds {
			if err := s.Apply(c); err != nil {
				t.Fatal(c, err)
			}
		}
		if got := s.Policy().AllowsAll(CatRead); got != tc.want {
			t.Errorf("%q: AllowsAll = %v, want %v", tc.cmds, got, tc.want)
		}
	}
	s := New()
	_ = s.Apply("allow/net/connect+/***")
	if s.Policy().AllowsAll(CatNetConnect) {
		t.Error("a network category must never count as allowing all")
	}
}
