// This file holds the rule-list commands "<action>/<cats>+pattern", "-pattern", "^pattern" and the Landlock lists.

package sandbox

import (
	"maps"
	"slices"
	"strings"

	"syd/sandbox/glob"
	"syd/sandbox/netaddr"
)

// ruleFamily returns the key family of action a: "<a>/<cats>", plus
// "allow/lock/<read,write,bind,connect>" for the Landlock lists.
func ruleFamily(a Action) func(list string) (handler, *failure) {
	return func(list string) (handler, *failure) {
		if rest, ok := strings.CutPrefix(list, "lock/"); ok {
			if a != ActionAllow {
				return handler{}, invalid("Landlock lists take only allow rules (allow/lock/...)")
			}
			return landlockFamily(rest)
		}
		cats, f := parseCategories(list)
		if f != nil {
			return handler{}, f
		}
		return handler{ops: "+-^", run: func(x *cmdCtx) *failure {
			// Adding a denying rule or removing an allowing one reduces privileges.
			if f := x.drop((x.op == '+') == a.Denies()); f != nil {
				return f
			}
			return applyRules(x.p, cats, a, x.op, x.val)
		}}, nil
	}
}

// applyRules adds or removes the rules val stands for in each category.
func applyRules(p *Policy, cats catSet, a Action, op byte, val string) *failure {
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

// compileRules turns a rule value into rules. A path pattern (and a UNIX
// socket pattern of a network category: a value starting with '/' or '@')
// has its braces expanded into one rule per alternative, each compiled once
// here. Path categories need absolute patterns. Any other value of a network
// category is an address (package netaddr), kept as one rule with its text.
func compileRules(cats catSet, a Action, val string) ([]rule, *failure) {
	path := cats&pathCats != 0
	if !path && !strings.HasPrefix(val, "/") && !strings.HasPrefix(val, "@") {
		if cats.has(CatNetSendfd) {
			return nil, invalid("net/sendfd takes UNIX socket paths only, not %q", val)
		}
		pat, err := netaddr.Parse(val)
		if err != nil {
			return nil, invalid("bad address: %v", err)
		}
		r := newRule(a, val, nil)
		r.addr = &pat
		return []rule{r}, nil
	}
	pats, err := glob.ExpandBraces(val)
	if err != nil {
		return nil, invalid("bad pattern: %v", err)
	}
	rules := make([]rule, len(pats))
	for i, pat := range pats {
		// "!memfd:NAME" is the pseudo-path memfds are checked under (spec 06 §3).
		if path && !strings.HasPrefix(pat, "/") && !strings.HasPrefix(pat, MemfdPrefix) {
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

// MemfdPrefix starts the pseudo-path of a memfd: "!memfd:NAME".
const MemfdPrefix = "!memfd:"

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

// landlockFamily runs "allow/lock/<lists>+value": plain absolute paths for
// read, write and the finer lists of later Syd versions (exec, ioctl,
// create, ...: LockListNames), TCP port ranges for bind and connect; bind
// with an absolute path is the finer list of creating UNIX sockets.
// Landlock is applied once at start, so the lists are startup-only.
func landlockFamily(list string) (handler, *failure) {
	var read, write, bind, connect bool
	var fine []string
	for name := range strings.SplitSeq(list, ",") {
		switch name {
		case "read":
			read = true
		case "write":
			write = true
		case "bind":
			bind = true
		case "connect":
			connect = true
		default:
			if !slices.Contains(LockListNames, name) {
				return handler{}, invalid("unknown Landlock list %q (want read, write, bind, connect or one of %s)", name, strings.Join(LockListNames, ", "))
			}
			fine = append(fine, name)
		}
	}
	return handler{ops: "+-^", startup: true, run: func(x *cmdCtx) *failure {
		if f := x.drop(x.op != '+'); f != nil {
			return f
		}
		ll := &x.p.landlock
		names := fine
		if bind && strings.HasPrefix(x.val, "/") {
			// A path: creating UNIX sockets there (Landlock's MAKE_SOCK).
			names, bind = append(slices.Clip(names), "bind"), false
		}
		if read || write || len(names) > 0 {
			path := unescape(x.val)
			if f := checkAbsolute("Landlock path", path); f != nil {
				return f
			}
			if read {
				ll.Read = editList(ll.Read, x.op, path)
			}
			if write {
				ll.Write = editList(ll.Write, x.op, path)
			}
			if len(names) > 0 {
				lists := make(map[string][]string, len(ll.Lists)+len(names))
				maps.Copy(lists, ll.Lists)
				for _, n := range names {
					lists[n] = editList(lists[n], x.op, path)
				}
				ll.Lists = lists
			}
		}
		if bind || connect {
			ports, err := netaddr.ParsePorts(x.val)
			if err != nil {
				return invalid("%v", err)
			}
			if bind {
				ll.Bind = editList(ll.Bind, x.op, ports)
			}
			if connect {
				ll.Connect = editList(ll.Connect, x.op, ports)
			}
		}
		return nil
	}}, nil
}

// editList applies a list operator to a copy of list: '+' appends v, '-'
// removes the newest element equal to v, '^' removes every one.
func editList[T comparable](list []T, op byte, v T) []T {
	switch op {
	case '+':
		return append(slices.Clip(list), v)
	case '-':
		for i := len(list) - 1; i >= 0; i-- {
			if list[i] == v {
				return slices.Delete(slices.Clone(list), i, i+1)
			}
		}
	case '^':
		return slices.DeleteFunc(slices.Clone(list), func(e T) bool { return e == v })
	}
	return list
}
