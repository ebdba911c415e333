// This file benchmarks Match on the pattern shapes that real profiles use.

package glob

import "testing"

func BenchmarkMatch(b *testing.B) {
	const path = "/home/user/projects/syd/src/sandbox/glob/match.go"
	for _, bc := range []struct{ name, pattern string }{
		{"Exact", "/home/user/projects/syd/src/sandbox/glob/match.go"},
		{"ExactMiss", "/home/user/projects/syd/src/sandbox/glob/match.gx"},
		{"LiteralTree", "/home/user/***"},
		{"PrefixReject", "/usr/lib/**"},
		{"GlobTree", "/home/*/projects/***"},
		{"DoubleStarSuffix", "/home/**/*.go"},
		{"DoubleStarMiddle", "/home/**/sandbox/**"},
		{"SetsAndStars", "/home/[a-z]*/projects/*/src/**"},
		{"LeadingDoubleStarMiss", "**/.ssh/**"},
	} {
		p, err := Compile(bc.pattern)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				p.Match(path)
			}
		})
	}
}
