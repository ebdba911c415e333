// This file tests brace expansion.

package glob

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestExpandBraces(t *testing.T) {
	for _, tc := range []struct {
		name, pattern string
		want          []string
	}{
		{"NoBracesGivesThePatternItself", "/usr/***", []string{"/usr/***"}},
		{"SimpleAlternatives", "/dev/{null,tty,pts/*}", []string{"/dev/null", "/dev/tty", "/dev/pts/*"}},
		{"AlternativesHoldGlobs", "/{etc,lib*}/***", []string{"/etc/***", "/lib*/***"}},
		{"TwoGroupsMultiply", "/{a,b}/{c,d}", []string{"/a/c", "/a/d", "/b/c", "/b/d"}},
		{"NestedGroups", "/{a,b{c,d}}", []string{"/a", "/bc", "/bd"}},
		{"EmptyAlternative", "/lib{,64}", []string{"/lib", "/lib64"}},
		{"EscapedBraceIsKept", `/a\{b,c\}`, []string{`/a\{b,c\}`}},
		{"EscapedCommaDoesNotSplit", `/{a\,b,c}`, []string{`/a\,b`, "/c"}},
		{"GroupWithoutCommaStaysLiteral", "/{x}", []string{"/{x}"}},
		{"EmptyGroupStaysLiteral", "/a{}", []string{"/a{}"}},
		{"LiteralGroupExpandsInside", "/{x{a,b}}", []string{"/{xa}", "/{xb}"}},
		{"TopLevelCommaIsText", "/a,b", []string{"/a,b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ExpandBraces(tc.pattern)
			if err != nil {
				t.Fatalf("ExpandBraces(%q): %v", tc.pattern, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ExpandBraces(%q) = %q, want %q", tc.pattern, got, tc.want)
			}
		})
	}
}

func TestExpandBracesRejects(t *testing.T) {
	for _, tc := range []struct{ name, pattern string }{
		{"UnmatchedOpen", "/{a,b"},
		{"UnmatchedClose", "/a,b}"},
		{"UnmatchedNestedOpen", "/{a,{b}"},
		{"EscapedCloseLeavesOpenUnmatched", `/{a\}`},
		{"TooManyExpansions", strings.Repeat("{a,b}", 13)},                             // 8192
		{"TooManyBytes", "/" + strings.Repeat("x", 300) + strings.Repeat("{a,b}", 12)}, // 4096 x 313 bytes
		{"TooDeep", strings.Repeat("{", 100) + strings.Repeat("}", 100)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ExpandBraces(tc.pattern)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ExpandBraces(%q) error = %v, want *SyntaxError", tc.pattern, err)
			}
		})
	}
}

func TestExpandBracesAllowsExactlyTheBound(t *testing.T) {
	got, err := ExpandBraces(strings.Repeat("{a,b}", 12)) // 4096
	if err != nil || len(got) != MaxExpansions {
		t.Fatalf("got %d expansions, err %v; want %d", len(got), err, MaxExpansions)
	}
}
