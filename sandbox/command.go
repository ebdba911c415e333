// This file splits a command into key, operator and value and dispatches it through the key tables.

package sandbox

import (
	"strings"
	"syscall"
)

// operators are the bytes that end a key (spec 02 §2). Key names never
// contain them, so the first one in a command is the operator and the rest
// of the command, verbatim, is the value: "allow/read+/a-b+c" adds "/a-b+c".
const operators = ":?+-^!"

// keyHandler runs a key that stands alone ("lock").
type keyHandler struct {
	ops string // the operators the key accepts; "" for a plain command ("reset")
	run func(p *Policy, op byte, val string) *failure
}

// listHandler runs a key family "<head>/<categories>" ("sandbox/read,write").
type listHandler struct {
	ops string
	run func(p *Policy, cats catSet, op byte, val string) *failure
}

// exactKeys holds every standalone key. Adding a key is one entry here.
var exactKeys = map[string]keyHandler{
	"lock": {":", setLock},
}

// listKeys holds every key family whose second part is a category list,
// keyed by the first part: "sandbox", "default" and one per action.
var listKeys = func() map[string]listHandler {
	m := map[string]listHandler{
		"sandbox": {":?", sandboxSwitch},
		"default": {":", setDefault},
	}
	for a := range numActions {
		m[a.String()] = listHandler{"+-^", ruleList(a)}
	}
	return m
}()

// apply runs cmd against p and returns the resulting snapshot: p itself when
// nothing changed (a query), else a new Policy. p is never modified.
func (p *Policy) apply(src Source, cmd string) (*Policy, Effect, *failure) {
	_ = src
	next, f := p.applyOld(cmd)
	return next, Effect{}, f
}

func (p *Policy) applyOld(cmd string) (*Policy, *failure) {
	if p.lock == LockOn {
		return nil, &failure{syscall.EPERM, "the sandbox is locked (lock:on)"}
	}
	if cmd == "" {
		return nil, invalid("empty command")
	}
	key, op, val := cmd, byte(0), ""
	if i := strings.IndexAny(cmd, operators); i >= 0 {
		key, op, val = cmd[:i], cmd[i], cmd[i+1:]
	}
	if key == "" {
		return nil, invalid("missing key before %q", op)
	}
	run, ops, f := lookup(key)
	if f != nil {
		return nil, f
	}
	switch {
	case op == 0 && ops != "":
		return nil, invalid("missing operator after %q (want one of %q)", key, ops)
	case op == 0: // a plain command
	case strings.IndexByte(ops, op) < 0:
		return nil, invalid("%q does not take operator %q (want one of %q)", key, op, ops)
	case op == '?' && val != "":
		return nil, invalid("unexpected %q after '?'", val)
	case op != '?' && val == "":
		return nil, invalid("missing value after %q", op)
	}
	next := *p
	if f := run(&next, op, val); f != nil {
		return nil, f
	}
	if op == '?' {
		return p, nil
	}
	return &next, nil
}

// lookup finds the handler for key: a standalone key first, then a key
// family with its category list parsed.
func lookup(key string) (run func(*Policy, byte, string) *failure, ops string, f *failure) {
	if h, ok := exactKeys[key]; ok {
		return h.run, h.ops, nil
	}
	head, list, hasList := strings.Cut(key, "/")
	h, ok := listKeys[head]
	if !ok {
		return nil, "", invalid("unknown key %q", key)
	}
	if !hasList {
		return nil, "", invalid("missing category list after %q", head+"/")
	}
	cats, f := parseCategories(list)
	if f != nil {
		return nil, "", f
	}
	return func(p *Policy, op byte, val string) *failure { return h.run(p, cats, op, val) }, h.ops, nil
}

// parseCategories parses a comma list of category names and aliases.
func parseCategories(list string) (catSet, *failure) {
	var cats catSet
	for name := range strings.SplitSeq(list, ",") {
		if name == "" {
			return 0, invalid("empty category name in %q", list)
		}
		set, ok := categoryAliases[name]
		if !ok {
			return 0, invalid("unknown category %q", name)
		}
		cats |= set
	}
	return cats, nil
}

// parseBool parses a boolean setting: on/off, 1/0, true/false.
func parseBool(s string) (bool, *failure) {
	switch s {
	case "on", "1", "true":
		return true, nil
	case "off", "0", "false":
		return false, nil
	}
	return false, invalid("invalid boolean %q (want on, off, 1, 0, true or false)", s)
}
