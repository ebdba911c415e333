// This file holds the rule-list commands: "<action>/<cats>+pattern", "-pattern" and "^pattern".

package sandbox

import (
	"strings"

	"syd/sandbox/glob"
)

// ruleList returns the handler of the rule lists of action a.
func ruleList(a Action) func(p *Policy, cats catSet, op byte, val string) *failure {
	return func(p *Policy, cats catSet, op byte, val string) *failure {
		rules, f := compileRules(cats, a, val)
		if f != nil {
			return f
		}
		for c := range cats.all() {
			switch op {
			case '+':
				// May write in place past the end of the parent's slice: safe,
				// see Sandbox.Apply.
				p.rules[c] = append(p.rules[c], rules...)
			case '-':
				for _, r := range rules {
					p.rules[c] = removeNewest(p.rules[c], a, r.pat)
				}
			case '^':
				for _, r := range rules {
					p.rules[c] = removeAll(p.rules[c], a, r.pat)
				}
			}
		}
		return nil
	}
}

// compileRules turns a rule value into rules. A path pattern (and a UNIX
// socket pattern of a network category: a value starting with '/' or '@')
// has its braces expanded into one rule per alternative, each compiled once
// here. Path categories need absolute patterns. Any other value of a network
// category is an address, stored verbatim for now.
func compileRules(cats catSet, a Action, val string) ([]rule, *failure) {
	path := cats&pathCats != 0
	if !path && !strings.HasPrefix(val, "/") && !strings.HasPrefix(val, "@") {
		return []rule{newRule(a, val, nil)}, nil
	}
	pats, err := glob.ExpandBraces(val)
	if err != nil {
		return nil, invalid("bad pattern: %v", err)
	}
	rules := make([]rule, len(pats))
	for i, pat := range pats {
		if path && !strings.HasPrefix(pat, "/") {
			return nil, invalid("pattern %q is not an absolute path", pat)
		}
		g, err := glob.Compile(pat)
		if err != nil {
			return nil, invalid("bad pattern: %v", err)
		}
		rules[i] = newRule(a, pat, g)
	}
	return rules, nil
}

// removeNewest returns rules without the most recently added rule of action a
// whose pattern text is pat. It never modifies the array behind rules, which
// older snapshots may share.
func removeNewest(rules []rule, a Action, pat string) []rule {
	for i := len(rules) - 1; i >= 0; i-- {
		if rules[i].act == a && rules[i].pat == pat {
			out := make([]rule, 0, len(rules)-1)
			out = append(out, rules[:i]...)
			return append(out, rules[i+1:]...)
		}
	}
	return rules
}

// removeAll returns rules without any rule of action a whose pattern text is
// pat, leaving the array behind rules untouched.
func removeAll(rules []rule, a Action, pat string) []rule {
	var out []rule
	for i, r := range rules {
		if r.act == a && r.pat == pat {
			if out == nil {
				out = append(make([]rule, 0, len(rules)-1), rules[:i]...)
			}
			continue
		}
		if out != nil {
			out = append(out, r)
		}
	}
	if out == nil {
		return rules
	}
	return out
}
