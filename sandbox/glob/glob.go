// Package glob compiles and matches the wildmatch-style path patterns of Syd rules (spec 04 §1).
//
// Syntax, matched byte-wise and case-sensitively against the whole path:
//
//	?          one byte other than '/'
//	*          any run of bytes without '/'
//	**         any run of bytes, '/' included (a run of three or more stars is the same)
//	X/***      at the very end: X itself or anything beneath it (X and X/**)
//	[abc]      one byte from the set; ranges [a-z], negation [!..] or [^..],
//	           POSIX classes [[:alpha:]] etc.; a set never matches '/'
//	\x         the byte x, literally
//
// Unlike git's wildmatch, "/**/" does not match a lone "/": "**" is an ordinary
// wildcard that may cross separators, as in rsync. Brace alternatives ("{a,b}")
// are not part of a Pattern; ExpandBraces turns one rule into several patterns
// before they are compiled.
package glob

import "strings"

// Pattern is a compiled glob. It is immutable and safe for concurrent use.
type Pattern struct {
	src  string
	kind matchKind
	// lit is the whole literal for kindExact, the directory X for kindTree and
	// the literal prefix every match must start with for the glob kinds.
	lit string
	// body matches the pattern (for the tree kind: X without "/***").
	body program
	// under matches "X/**" for kindGlobTree.
	under program
}

type matchKind uint8

const (
	kindExact    matchKind = iota // no metacharacters: path == lit
	kindTree                      // literal X + "/***": path == X or under X/
	kindGlob                      // general glob: body
	kindGlobTree                  // glob X + "/***": body or under
)

// String returns the pattern's source text.
func (p *Pattern) String() string { return p.src }

// Prefix returns a literal prefix of every path the pattern matches (the
// leading bytes before the first metacharacter, escapes removed). Callers can
// use it to reject paths cheaply before calling Match.
func (p *Pattern) Prefix() string { return p.lit }

// Literal reports whether the pattern has no metacharacters, so that it matches
// exactly one path, and returns that path (escapes removed).
func (p *Pattern) Literal() (string, bool) {
	if p.kind == kindExact {
		return p.lit, true
	}
	return "", false
}

// Match reports whether path matches the whole pattern. It does not allocate.
func (p *Pattern) Match(path string) bool {
	switch p.kind {
	case kindExact:
		return path == p.lit
	case kindTree:
		return strings.HasPrefix(path, p.lit) &&
			(len(path) == len(p.lit) || path[len(p.lit)] == '/')
	case kindGlob:
		return strings.HasPrefix(path, p.lit) && p.body.match(path)
	default: // kindGlobTree
		return strings.HasPrefix(path, p.lit) && (p.under.match(path) || p.body.match(path))
	}
}
