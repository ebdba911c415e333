// This file benchmarks the policy decision and command application.

package sandbox

import (
	"fmt"
	"testing"
)

// ruleMix returns n rules of the shapes real profiles use; none matches
// benchPath, so CheckPath scans them all.
func ruleMix(n int) []string {
	shapes := []string{
		"allow/read+/usr/share/pkg%d/***",   // literal tree
		"allow/read+/var/lib/item%d",        // exact
		"deny/read+/home/*/proj%d/**",       // star and double star
		"allow/read+/opt/app%d/bin/*",       // trailing star
		"allow/read+/etc/conf%d.d/[a-z]*.c", // set
	}
	cmds := make([]string, n)
	for i := range cmds {
		cmds[i] = fmt.Sprintf(shapes[i%len(shapes)], i)
	}
	return cmds
}

const benchPath = "/home/user/projects/syd/src/sandbox/policy.go"

func BenchmarkCheckPath(b *testing.B) {
	for _, n := range []int{1, 100, 10000} {
		s := New()
		for _, c := range ruleMix(n) {
			if err := s.Apply(c); err != nil {
				b.Fatal(err)
			}
		}
		p := s.Policy()
		b.Run(fmt.Sprintf("rules=%d/miss", n), func(b *testing.B) {
			for b.Loop() {
				p.CheckPath(CatRead, benchPath)
			}
		})
		// The usual case in real profiles: a broad rule near the end matches.
		if err := s.Apply("allow/read+/home/***"); err != nil {
			b.Fatal(err)
		}
		p = s.Policy()
		b.Run(fmt.Sprintf("rules=%d/newest-hit", n), func(b *testing.B) {
			for b.Loop() {
				p.CheckPath(CatRead, benchPath)
			}
		})
	}
}

func BenchmarkApply(b *testing.B) {
	cmds := ruleMix(1000)
	for b.Loop() {
		s := New()
		for _, c := range cmds {
			if err := s.Apply(c); err != nil {
				b.Fatal(err)
			}
		}
	}
}
