// This file tests pattern compilation and matching against the rules of spec 04 §1.

package glob

import (
	"errors"
	"testing"
)

type matchCase struct {
	name    string
	pattern string
	path    string
	want    bool
}

var matchCases = []matchCase{
	{"LiteralMatchesItself", "/etc/passwd", "/etc/passwd", true},
	{"LiteralIsCaseSensitive", "/etc/passwd", "/etc/Passwd", false},
	{"LiteralIsAnchoredAtEnd", "/etc/passwd", "/etc/passwd2", false},
	{"LiteralIsAnchoredAtStart", "/etc/passwd", "x/etc/passwd", false},
	{"QuestionMatchesOneByte", "/dev/tty?", "/dev/tty1", true},
	{"QuestionNeedsOneByte", "/dev/tty?", "/dev/tty", false},
	{"QuestionNeverMatchesSlash", "/a?b", "/a/b", false},
	{"StarMatchesRunWithinComponent", "/home/*/x", "/home/me/x", true},
	{"StarMatchesEmptyRun", "/home/*x", "/home/x", true},
	{"StarNeverCrossesSlash", "/home/*", "/home/me/x", false},
	{"StarAtEndMatchesLastComponent", "/dev/pts/*", "/dev/pts/3", true},
	{"DoubleStarCrossesSlash", "/home/**", "/home/me/x/y", true},
	{"DoubleStarMatchesEmpty", "/home/**", "/home/", true},
	{"DoubleStarNeedsTheSlashBeforeIt", "/home/**", "/home", false},
	{"DoubleStarInMiddle", "/home/**/.ssh/**", "/home/me/deep/.ssh/id_rsa", true},
	{"DoubleStarSlashDoesNotMatchLoneSlash", "/home/**/.ssh/**", "/home/.ssh/id_rsa", false},
	{"QuadrupleStarIsDoubleStar", "/a****", "/a/b/c", true},
	{"TripleStarTreeMatchesDirectoryItself", "/usr/***", "/usr", true},
	{"TripleStarTreeMatchesChild", "/usr/***", "/usr/bin", true},
	{"TripleStarTreeMatchesDeepDescendant", "/usr/***", "/usr/lib/x/y", true},
	{"TripleStarTreeRejectsSiblingPrefix", "/usr/***", "/usrlocal", false},
	{"TripleStarTreeRejectsParent", "/usr/***", "/", false},
	{"RootTreeMatchesEverything", "/***", "/any/thing", true},
	{"RootTreeMatchesRoot", "/***", "/", true},
	{"GlobTreeMatchesDirectoryItself", "/home/*/.ssh/***", "/home/me/.ssh", true},
	{"GlobTreeMatchesDescendant", "/home/*/.ssh/***", "/home/me/.ssh/keys/id", true},
	{"GlobTreeRejectsSiblingPrefix", "/home/*/.ssh/***", "/home/me/.sshx", false},
	{"TripleStarInMiddleIsDoubleStar", "/a/***/b", "/a/x/y/b", true},
	{"SetMatchesMember", "/[abc]", "/b", true},
	{"SetRejectsNonMember", "/[abc]", "/d", false},
	{"RangeMatchesInside", "/proc/[0-9]*/status", "/proc/123/status", true},
	{"RangeRejectsOutside", "/proc/[0-9]*/status", "/proc/self/status", false},
	{"NegatedSetWithBang", "/[!a]", "/b", true},
	{"NegatedSetWithCaret", "/[^a]", "/a", false},
	{"NegatedSetNeverMatchesSlash", "/x[!a]y", "/x/y", false},
	{"SetNeverMatchesSlash", "/x[/]y", "/x/y", false},
	{"BracketFirstInSetIsLiteral", "/[]a]", "/]", true},
	{"DashAtSetEndIsLiteral", "/[a-]", "/-", true},
	{"PosixAlpha", "/[[:alpha:]]", "/Q", true},
	{"PosixAlphaRejectsDigit", "/[[:alpha:]]", "/7", false},
	{"PosixDigitInsideLargerSet", "/[x[:digit:]]", "/5", true},
	{"PosixXdigit", "/[[:xdigit:]][[:xdigit:]]", "/aF", true},
	{"PosixPunctNeverMatchesSlash", "/a[[:punct:]]b", "/a/b", false},
	{"BracketColonWithoutCloseIsLiteral", "/[[:a]", "/:", true},
	{"EscapedStarIsLiteral", `/a\*`, "/a*", true},
	{"EscapedStarRejectsOthers", `/a\*`, "/ab", false},
	{"EscapedQuestionIsLiteral", `/a\?`, "/a?", true},
	{"EscapeInSet", `/[\]]`, "/]", true},
	{"BracesAreLiteralForCompile", "/a{b,c}", "/a{b,c}", true},
	{"StarThenLiteralBacktracks", "/*a*a*b", "/aaaaab", true},
	{"StarBacktrackingStopsAtSlash", "/*a*b", "/a/b", false},
	{"DoubleStarThenStarPicksLaterStart", "/**a*b", "/a/ab", true},
	{"DoubleStarThenStarNoMatch", "/**a*b", "/a/a/cb/x", false},
	{"SuffixGlob", "**/*.so", "/usr/lib/libc.so", true},
	{"SuffixGlobStarStaysInLastComponent", "**/*.so", "/usr/lib/x.so/y", false},
	{"LibStarTree", "/lib*/***", "/lib64/ld.so", true},
	{"LibStarTreeItself", "/lib*/***", "/lib64", true},
	{"TrailingSlashPatternMatchesOnlyWithSlash", "/tmp/", "/tmp", false},
	{"EmptyPatternMatchesEmpty", "", "", true},
	{"EmptyPatternRejectsRoot", "", "/", false},
	{"SegmentWithSlashInStarPiece", "/x*/y*/z", "/xa/yb/z", true},
}

func TestMatch(t *testing.T) {
	for _, tc := range matchCases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Compile(tc.pattern)
			if err != nil {
				t.Fatalf("Compile(%q): %v", tc.pattern, err)
			}
			if got := p.Match(tc.path); got != tc.want {
				t.Errorf("Compile(%q).Match(%q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
			}
			if ref, ok := refMatch(tc.pattern, tc.path); !ok || ref != tc.want {
				t.Errorf("reference disagrees with the table: refMatch = %v, ok %v", ref, ok)
			}
			if p.String() != tc.pattern {
				t.Errorf("String() = %q, want %q", p.String(), tc.pattern)
			}
		})
	}
}

func TestCompileRejectsMalformedPatterns(t *testing.T) {
	for _, tc := range []struct{ name, pattern string }{
		{"UnterminatedSet", "/a[bc"},
		{"UnterminatedNegatedSet", "/a[!"},
		{"SetWithOnlyBracket", "/a[]"},
		{"TrailingBackslash", `/a\`},
		{"TrailingBackslashInSet", `/a[\`},
		{"UnknownPosixClass", "/[[:bogus:]]"},
		{"EmptyPosixClass", "/[[::]]"},
		{"UnterminatedPosixClass", "/[[:alpha:"},
		{"RangeToTrailingBackslash", `/[a-\`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(tc.pattern)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Compile(%q) error = %v, want *SyntaxError", tc.pattern, err)
			}
		})
	}
}

func TestLiteralReportsPatternsWithoutMetacharacters(t *testing.T) {
	for _, tc := range []struct {
		pattern, lit string
		ok           bool
	}{
		{"/etc/passwd", "/etc/passwd", true},
		{`/a\*b`, "/a*b", true},
		{"/usr/***", "", false},
		{"/a*", "", false},
	} {
		p, err := Compile(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if lit, ok := p.Literal(); lit != tc.lit || ok != tc.ok {
			t.Errorf("Compile(%q).Literal() = %q, %v; want %q, %v", tc.pattern, lit, ok, tc.lit, tc.ok)
		}
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	for _, pat := range []string{"/etc/passwd", "/usr/***", "/home/*/.ssh/***", "/home/**/.ssh/**", "/proc/[0-9]*/status", "**/*.so"} {
		p, err := Compile(pat)
		if err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { p.Match("/home/me/deep/.ssh/id_rsa.so") }); n != 0 {
			t.Errorf("Compile(%q).Match allocates %v times per call", pat, n)
		}
	}
}

func TestMatchStaysFastOnHostilePatterns(t *testing.T) {
	// Without care these shapes backtrack exponentially; here they are polynomial.
	path := "/" + string(make([]byte, 0)) + repeat("a", 4000)
	for _, pat := range []string{
		"/" + repeat("*a", 30) + "b",
		"/" + repeat("**a", 30) + "b",
		"**" + repeat("a*", 30) + "b",
	} {
		p, err := Compile(pat)
		if err != nil {
			t.Fatal(err)
		}
		if p.Match(path) {
			t.Errorf("Compile(%q) matched a path without 'b'", pat)
		}
	}
}

func repeat(s string, n int) string {
	out := make([]byte, 0, len(s)*n)
	for range n {
		out = append(out, s...)
	}
	return string(out)
}
