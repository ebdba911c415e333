// This file holds a slow, obviously-correct reference matcher that the fuzz tests compare Match against.

package glob

import "strings"

// refMatch matches text against pattern by plain memoised backtracking,
// reading the pattern text directly (rsync's dowild without its shortcuts).
// ok is false when the walk meets a malformed construct.
func refMatch(pattern, text string) (matched, ok bool) {
	if strings.HasSuffix(pattern, "/***") {
		x := pattern[:len(pattern)-4]
		if oddTrailingBackslashes(x) { // the '/' was escaped: still a literal '/'
			x = x[:len(x)-1]
		}
		// Only the final "/***" is special: X is an ordinary glob.
		m1, ok1 := refPlain(x, text)
		m2, ok2 := refPlain(x+"/**", text)
		return m1 || m2, ok1 && ok2
	}
	return refPlain(pattern, text)
}

func refPlain(pattern, text string) (matched, ok bool) {
	r := refMatcher{pat: pattern, text: text, memo: map[[2]int]int8{}}
	m := r.at(0, 0)
	return m, !r.bad
}

func oddTrailingBackslashes(s string) bool {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n%2 == 1
}

type refMatcher struct {
	pat, text string
	memo      map[[2]int]int8
	bad       bool
}

func (r *refMatcher) at(pi, ti int) bool {
	key := [2]int{pi, ti}
	if v, seen := r.memo[key]; seen {
		return v == 1
	}
	m := r.step(pi, ti)
	if m {
		r.memo[key] = 1
	} else {
		r.memo[key] = 0
	}
	return m
}

func (r *refMatcher) step(pi, ti int) bool {
	p, t := r.pat, r.text
	if pi == len(p) {
		return ti == len(t)
	}
	switch p[pi] {
	case '*':
		n := pi
		for n < len(p) && p[n] == '*' {
			n++
		}
		crossSlash := n-pi >= 2
		for k := ti; k <= len(t); k++ {
			if r.at(n, k) {
				return true
			}
			if k < len(t) && t[k] == '/' && !crossSlash {
				return false
			}
		}
		return false
	case '?':
		return ti < len(t) && t[ti] != '/' && r.at(pi+1, ti+1)
	case '[':
		in, next, good := refClass(p, pi, t, ti)
		if !good {
			r.bad = true
			return false
		}
		return in && r.at(next, ti+1)
	case '\\':
		if pi+1 == len(p) {
			r.bad = true
			return false
		}
		return ti < len(t) && t[ti] == p[pi+1] && r.at(pi+2, ti+1)
	default:
		return ti < len(t) && t[ti] == p[pi] && r.at(pi+1, ti+1)
	}
}

// refClass tests t[ti] against the bracket expression at p[pi], following
// rsync's wildmatch.c loop. It reports whether the byte is in the class, the
// pattern index after the class and whether the class is well formed.
func refClass(p string, pi int, t string, ti int) (in bool, next int, good bool) {
	var tc byte
	if ti < len(t) {
		tc = t[ti]
	}
	i := pi + 1
	at := func(k int) byte {
		if k < len(p) {
			return p[k]
		}
		return 0
	}
	negated := false
	if c := at(i); c == '!' || c == '^' {
		negated = true
		i++
	}
	matched := false
	var prev byte
	hasPrev := false
	c := at(i)
	for {
		if i >= len(p) {
			return false, 0, false
		}
		switch {
		case c == '\\':
			i++
			if i >= len(p) {
				return false, 0, false
			}
			c = p[i]
			if tc == c {
				matched = true
			}
			hasPrev = true
		case c == '-' && hasPrev && i+1 < len(p) && p[i+1] != ']':
			i++
			c = p[i]
			if c == '\\' {
				i++
				if i >= len(p) {
					return false, 0, false
				}
				c = p[i]
			}
			if tc <= c && tc >= prev {
				matched = true
			}
			hasPrev = false
		case c == '[' && at(i+1) == ':':
			s := i + 2
			e := s
			for e < len(p) && p[e] != ']' {
				e++
			}
			if e >= len(p) {
				return false, 0, false
			}
			if e-s-1 < 0 || p[e-1] != ':' {
				if tc == '[' {
					matched = true
				}
				hasPrev = true
				c = '['
				break
			}
			if !refClassMember(p[s:e-1], tc) {
				if _, known := refClassNames[p[s:e-1]]; !known {
					return false, 0, false
				}
			} else {
				matched = true
			}
			i = e
			hasPrev = false
		default:
			if tc == c {
				matched = true
			}
			hasPrev = true
		}
		if hasPrev {
			prev = c
		}
		i++
		c = at(i)
		if c == ']' {
			break
		}
	}
	if ti >= len(t) || matched == negated || tc == '/' {
		return false, i + 1, true
	}
	return true, i + 1, true
}

var refClassNames = map[string]bool{
	"alnum": true, "alpha": true, "blank": true, "cntrl": true, "digit": true, "graph": true,
	"lower": true, "print": true, "punct": true, "space": true, "upper": true, "xdigit": true,
}

func refClassMember(name string, c byte) bool {
	switch name {
	case "alnum":
		return strings.IndexByte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", c) >= 0
	case "alpha":
		return strings.IndexByte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", c) >= 0
	case "blank":
		return c == ' ' || c == '\t'
	case "cntrl":
		return c <= 31 || c == 127
	case "digit":
		return strings.IndexByte("0123456789", c) >= 0
	case "graph":
		return c >= 33 && c <= 126
	case "lower":
		return strings.IndexByte("abcdefghijklmnopqrstuvwxyz", c) >= 0
	case "print":
		return c >= 32 && c <= 126
	case "punct":
		return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
	case "space":
		return strings.IndexByte(" \t\n\v\f\r", c) >= 0
	case "upper":
		return strings.IndexByte("ABCDEFGHIJKLMNOPQRSTUVWXYZ", c) >= 0
	case "xdigit":
		return strings.IndexByte("0123456789abcdefABCDEF", c) >= 0
	}
	return false
}
