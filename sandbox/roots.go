// roots.go: the directories beneath which a category could ever allow something,
// a safe over-approximation of its allow rules for kernel layers such as Landlock.
package sandbox

import (
	"strings"

	"syd/sandbox/glob"
)

// AllowRoots returns, for category c, literal paths such that every path the
// policy could allow lies at or below one of them. all is true when no such bound
// exists (the default action does not deny, or a pattern has no literal directory
// prefix). Deny rules are ignored: they only shrink the allowed set, so the roots
// stay an over-approximation and enforcing them never refuses what the policy allows.
func (p *Policy) AllowRoots(c Category) (roots []string, all bool) {
	if c >= NumCategories || !p.Enabled(c) || !p.defaults[c].Denies() {
		return nil, true
	}
	seen := map[string]bool{}
	for _, r := range p.rules[c] {
		if r.act.Denies() || r.glob == nil {
			continue
		}
		root := rootOf(r.glob, r.pat)
		if root == "" || root == "/" {
			return nil, true
		}
		if !seen[root] {
			seen[root] = true
			roots = append(roots, root)
		}
	}
	return roots, false
}

// rootOf is the literal path every match of a pattern lies at or below: the path
// itself for a literal pattern, X for "X/***", otherwise the literal prefix cut back
// to its last '/' ("/usr/bin/py*" gives "/usr/bin").
func rootOf(g *glob.Pattern, pat string) string {
	if lit, ok := g.Literal(); ok {
		return lit
	}
	prefix := g.Prefix()
	if dir, ok := strings.CutSuffix(pat, "/***"); ok && dir == prefix {
		return prefix
	}
	if !strings.HasPrefix(prefix, "/") {
		return ""
	}
	i := strings.LastIndexByte(prefix, '/')
	if i <= 0 {
		return "/"
	}
	return prefix[:i]
}

// HasMasks reports whether any mask rule exists: mask applies whatever categories
// are on, so the calls it affects must stay supervised.
func (p *Policy) HasMasks() bool { return len(p.masks) > 0 }

// HasAppendOnly reports whether any append rule exists, for the same reason.
func (p *Policy) HasAppendOnly() bool { return len(p.appendOnly) > 0 }

// universal is the pattern that matches every path.
const universal = "/***"

// AllowsAll reports whether path category c, if on, allows every path without
// a word: the newest rule matching everything ("/***", or the default when
// there is none) and every rule newer than it are plain allows. Such a
// category decides nothing a frozen policy would need the supervisor for.
// Network categories, whose rules also name addresses, never count.
func (p *Policy) AllowsAll(c Category) bool {
	if c >= NumCategories || c.IsNet() {
		return false
	}
	rules := p.rules[c]
	from := 0
	for i := len(rules) - 1; i >= 0; i-- {
		if rules[i].pat == universal && rules[i].glob != nil {
			from = i
			break
		}
	}
	if from == 0 && (len(rules) == 0 || rules[0].pat != universal) && p.defaults[c] != ActionAllow {
		return false
	}
	for _, r := range rules[from:] {
		if r.act != ActionAllow {
			return false
		}
	}
	return true
}
