// This file turns pattern text into tokens and tokens into a matching program.

package glob

import (
	"fmt"
	"strings"
)

// SyntaxError describes a malformed pattern.
type SyntaxError struct {
	Pattern string
	Offset  int // byte offset of the offending construct
	Msg     string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("bad glob %q at offset %d: %s", e.Pattern, e.Offset, e.Msg)
}

// byteSet is a 256-bit set of bytes; sets built from patterns never contain '/'.
type byteSet [4]uint64

func (s *byteSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }
func (s *byteSet) add(c byte)      { s[c>>6] |= 1 << (c & 63) }
func (s *byteSet) addRange(lo, hi byte) {
	for c := int(lo); c <= int(hi); c++ {
		s.add(byte(c))
	}
}

// notSlash is the set '?' matches.
var notSlash = func() *byteSet {
	var s byteSet
	s.addRange(0, 255)
	s[0] &^= 1 << '/'
	return &s
}()

type tokenKind uint8

const (
	tokByte     tokenKind = iota // one literal byte
	tokSet                       // one byte from a set ('?' or [...])
	tokStar                      // '*': any run without '/'
	tokStarStar                  // '**' (or longer): any run
)

type token struct {
	kind tokenKind
	b    byte
	set  *byteSet
	run  int // number of '*' in a star token
}

// Compile parses pattern once so that Match is cheap.
func Compile(pattern string) (*Pattern, error) {
	toks, err := tokenize(pattern)
	if err != nil {
		return nil, err
	}
	p := &Pattern{src: pattern}
	// "X/***" at the end: X itself, or X/ and anything below.
	n := len(toks)
	tree := n >= 2 && toks[n-1].kind == tokStarStar && toks[n-1].run == 3 &&
		toks[n-2].kind == tokByte && toks[n-2].b == '/'
	body := toks
	if tree {
		body = toks[:n-2]
	}
	lit, allLiteral := literalPrefix(body)
	p.lit = lit
	switch {
	case allLiteral && tree:
		p.kind = kindTree
	case allLiteral:
		p.kind = kindExact
	case tree:
		p.kind = kindGlobTree
		p.body = newProgram(body)
		p.under = newProgram(toks) // X + "/" + "***", where "***" acts as "**"
	default:
		p.kind = kindGlob
		p.body = newProgram(body)
	}
	return p, nil
}

// literalPrefix returns the bytes of the leading literal tokens and whether
// every token is literal.
func literalPrefix(toks []token) (string, bool) {
	var b strings.Builder
	for _, t := range toks {
		if t.kind != tokByte {
			return b.String(), false
		}
		b.WriteByte(t.b)
	}
	return b.String(), true
}

func tokenize(pat string) ([]token, error) {
	toks := make([]token, 0, len(pat))
	for i := 0; i < len(pat); {
		switch c := pat[i]; c {
		case '\\':
			if i+1 >= len(pat) {
				return nil, &SyntaxError{pat, i, "trailing backslash"}
			}
			toks = append(toks, token{kind: tokByte, b: pat[i+1]})
			i += 2
		case '?':
			toks = append(toks, token{kind: tokSet, set: notSlash})
			i++
		case '*':
			j := i
			for j < len(pat) && pat[j] == '*' {
				j++
			}
			k := tokStar
			if j-i >= 2 {
				k = tokStarStar
			}
			toks = append(toks, token{kind: k, run: j - i})
			i = j
		case '[':
			set, next, err := parseClass(pat, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tokSet, set: set})
			i = next
		default:
			toks = append(toks, token{kind: tokByte, b: c})
			i++
		}
	}
	return toks, nil
}

// posixClasses holds the ASCII (C locale) members of each [:name:] class.
var posixClasses = map[string]func(c byte) bool{
	"alnum":  func(c byte) bool { return isAlpha(c) || isDigit(c) },
	"alpha":  isAlpha,
	"blank":  func(c byte) bool { return c == ' ' || c == '\t' },
	"cntrl":  func(c byte) bool { return c < 0x20 || c == 0x7f },
	"digit":  isDigit,
	"graph":  func(c byte) bool { return c > 0x20 && c < 0x7f },
	"lower":  func(c byte) bool { return c >= 'a' && c <= 'z' },
	"print":  func(c byte) bool { return c >= 0x20 && c < 0x7f },
	"punct":  func(c byte) bool { return c > 0x20 && c < 0x7f && !isAlpha(c) && !isDigit(c) },
	"space":  func(c byte) bool { return c == ' ' || (c >= '\t' && c <= '\r') },
	"upper":  func(c byte) bool { return c >= 'A' && c <= 'Z' },
	"xdigit": func(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') },
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseClass parses the bracket expression starting at pat[start] == '[' with
// rsync's rules: a ']' right after "[" or "[!" is literal, '-' between two
// bytes is a range, "\x" is x, and "[:" without a closing ":]" is a literal '['.
// It returns the set (without '/') and the index after the closing ']'.
func parseClass(pat string, start int) (*byteSet, int, error) {
	unterminated := &SyntaxError{pat, start, "unterminated character class"}
	var set byteSet
	j := start + 1
	negate := false
	if j < len(pat) && (pat[j] == '!' || pat[j] == '^') {
		negate = true
		j++
	}
	first := true
	var prev byte
	havePrev := false
	for {
		if j >= len(pat) {
			return nil, 0, unterminated
		}
		c := pat[j]
		if c == ']' && !first {
			j++
			break
		}
		first = false
		switch {
		case c == '\\':
			if j+1 >= len(pat) {
				return nil, 0, unterminated
			}
			c = pat[j+1]
			set.add(c)
			prev, havePrev = c, true
			j += 2
		case c == '-' && havePrev && j+1 < len(pat) && pat[j+1] != ']':
			hi := pat[j+1]
			j += 2
			if hi == '\\' {
				if j >= len(pat) {
					return nil, 0, unterminated
				}
				hi = pat[j]
				j++
			}
			if prev <= hi {
				set.addRange(prev, hi)
			}
			havePrev = false
		case c == '[' && j+1 < len(pat) && pat[j+1] == ':':
			end := strings.IndexByte(pat[j+2:], ']')
			if end < 0 {
				return nil, 0, unterminated
			}
			end += j + 2 // index of ']'
			if end-1 < j+2 || pat[end-1] != ':' {
				// No ":]": the '[' is an ordinary member.
				set.add('[')
				prev, havePrev = '[', true
				j++
				continue
			}
			name := pat[j+2 : end-1]
			in, ok := posixClasses[name]
			if !ok {
				return nil, 0, &SyntaxError{pat, j, fmt.Sprintf("unknown character class %q", name)}
			}
			for x := 0; x < 256; x++ {
				if in(byte(x)) {
					set.add(byte(x))
				}
			}
			havePrev = false
			j = end + 1
		default:
			set.add(c)
			prev, havePrev = c, true
			j++
		}
	}
	if negate {
		for k := range set {
			set[k] = ^set[k]
		}
	}
	set[0] &^= 1 << '/'
	return &set, j, nil
}
