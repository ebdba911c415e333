// This file holds the fuzz targets; their seeds also run under plain go test.

package glob

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func FuzzCompileMatch(f *testing.F) {
	for _, tc := range matchCases {
		f.Add(tc.pattern, tc.path)
	}
	for _, s := range [][2]string{
		{"[", "["}, {`\`, ""}, {"[!]]", "]"}, {"[a-]]", "-]"}, {"[[:]", ":"}, {"[[:alpha:]-z]", "-"},
		{"[z-a]", "b"}, {`[\-]`, "-"}, {"***", "/a"}, {"a/***", "a"}, {`a\/***`, "a/b"}, {`\\/***`, `\`},
		{"//***", "//x"}, {"*/***", "x/y"}, {"**/**", "/"}, {"?*?", "ab"}, {"[^/]", "/"}, {"\x00[\x00-a]", "\x00b"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, path string) {
		if len(pattern) > 256 || len(path) > 256 {
			return // keep the reference matcher quick
		}
		p, err := Compile(pattern)
		if err != nil {
			return
		}
		got := p.Match(path)
		want, ok := refMatch(pattern, path)
		if !ok {
			t.Fatalf("Compile(%q) succeeded but the reference found it malformed", pattern)
		}
		if got != want {
			t.Fatalf("Compile(%q).Match(%q) = %v, reference says %v", pattern, path, got, want)
		}
	})
}

func FuzzExpandBraces(f *testing.F) {
	for _, s := range []string{
		"/dev/{null,tty,pts/*}", "/{a,b{c,d}}", "/lib{,64}", `/{a\,b,c}`, "{", "}", "{}", "{{}}", "{,}",
		`\{`, `{a\}`, `{a,b}\`, "/{x{a,b}}", strings.Repeat("{a,b}", 13), strings.Repeat("{", 70),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		out, err := ExpandBraces(pattern)
		if err != nil {
			return
		}
		if len(out) == 0 || len(out) > MaxExpansions {
			t.Fatalf("ExpandBraces(%q) gave %d results", pattern, len(out))
		}
		if !hasBrace(pattern) && (len(out) != 1 || out[0] != pattern) {
			t.Fatalf("ExpandBraces(%q) = %q, want the pattern itself", pattern, out)
		}
		for _, x := range out {
			// An expansion holds only literal groups, which expand to themselves.
			again, err := ExpandBraces(x)
			if err != nil || len(again) != 1 || again[0] != x {
				t.Fatalf("ExpandBraces(%q) gave %q, which re-expands to %q, %v", pattern, x, again, err)
			}
		}
	})
}

// TestMatchAgreesWithReferenceOnSmallAlphabet compares Match with the reference
// on many random patterns and paths over a tiny alphabet, where matches are
// common and every greedy placement decision gets exercised.
func TestMatchAgreesWithReferenceOnSmallAlphabet(t *testing.T) {
	pieces := []string{"a", "b", "/", "*", "**", "?", "[ab]", "[!a]", "/***", "ab", "a/"}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for range n {
		var pb, tb strings.Builder
		for range rng.IntN(9) {
			pb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		for range rng.IntN(12) {
			tb.WriteByte("ab/"[rng.IntN(3)])
		}
		pattern, path := pb.String(), tb.String()
		p, err := Compile(pattern)
		if err != nil {
			t.Fatalf("Compile(%q): %v", pattern, err)
		}
		if want, _ := refMatch(pattern, path); p.Match(path) != want {
			t.Fatalf("Compile(%q).Match(%q) = %v, reference says %v", pattern, path, !want, want)
		}
	}
}
