// This file splits a command into key, operator and value and dispatches it through the key tables.

package sandbox

import (
	"strings"
	"syscall"
	"time"
)

// operators are the bytes that end a key (spec 02 §2). Key names never
// contain them, so the first one in a command is the operator that follows
// the key, and the rest of the command, verbatim, is the value:
// "allow/read+/a-b+c" adds "/a-b+c".
const operators = ":?+-^!"

// cmdCtx is one command being applied: the snapshot under construction (a
// copy of the current one), where the command came from, its operator and
// value, and the effect it asks of the supervisor.
type cmdCtx struct {
	p   *Policy
	src Source
	op  byte
	val string
	eff Effect
}

// drop refuses, under lock:drop, a command that does not reduce privileges.
func (x *cmdCtx) drop(reduces bool) *failure {
	if x.p.lock == LockDrop && !reduces {
		return &failure{syscall.EPERM, "the sandbox is locked (lock:drop accepts only commands that reduce privileges)"}
	}
	return nil
}

// busy refuses a startup-only setting once the sandbox runs.
func (x *cmdCtx) busy() *failure {
	if x.p.started {
		return &failure{syscall.EBUSY, "this setting can only be changed before the sandboxed process starts"}
	}
	return nil
}

// handler runs one key.
type handler struct {
	ops     string // the operators the key accepts; "" for a plain command ("reset")
	novalue string // operators that take no value ('?' never takes one)
	startup bool   // refused with EBUSY after Sandbox.Start
	sources uint8  // bit mask of the sources that may use the key; 0: all
	run     func(x *cmdCtx) *failure
}

const magicOnly = 1 << SourceMagic

// exactKeys holds every standalone key; the trace/* flags are added by init.
var exactKeys = map[string]handler{
	"lock":     {ops: ":", run: setLock},
	"reset":    {run: doReset},
	"stat":     {run: doStat},
	"3":        {run: func(*cmdCtx) *failure { return nil }}, // libsyd's API probe, /dev/syd/3
	"panic":    {sources: magicOnly, run: doPanic},
	"ghost":    {sources: magicOnly, run: doGhost},
	"cmd/exec": {ops: "!", sources: magicOnly, run: doExec},

	"append":      {ops: "+-^", run: patternList(func(p *Policy) *[]listRule { return &p.appendOnly }, false)},
	"mask":        {ops: "+-^", run: patternList(func(p *Policy) *[]listRule { return &p.masks }, true)},
	"crypt":       {ops: "+-^", startup: true, run: patternList(func(p *Policy) *[]listRule { return &p.crypts }, false)},
	"crypt/key":   {ops: ":", startup: true, run: setCryptKey},
	"crypt/tmp":   {ops: ":", startup: true, run: setCryptTmp},
	"force":       {ops: "+-^", novalue: "^", run: forceList},
	"bind":        {ops: "+-^", startup: true, run: bindList},
	"setuid":      {ops: "+-^", run: idList(func(p *Policy) *[]IDTransition { return &p.setuids })},
	"setgid":      {ops: "+-^", run: idList(func(p *Policy) *[]IDTransition { return &p.setgids })},
	"ioctl/allow": {ops: "+-^", run: ioctlList(false)},
	"ioctl/deny":  {ops: "+-^", run: ioctlList(true)},

	"mem/max":              {ops: ":", startup: true, run: setLimit(func(p *Policy) *uint64 { return &p.memMax }, parseSize)},
	"mem/vm_max":           {ops: ":", startup: true, run: setLimit(func(p *Policy) *uint64 { return &p.memVMMax }, parseSize)},
	"pid/max":              {ops: ":", startup: true, run: setLimit(func(p *Policy) *uint64 { return &p.pidMax }, func(s string) (uint64, *failure) { return parseUint(s, 64) })},
	"segvguard/expiry":     {ops: ":", run: setSegvDuration(func(s *SegvGuard) *time.Duration { return &s.Expiry })},
	"segvguard/suspension": {ops: ":", run: setSegvDuration(func(s *SegvGuard) *time.Duration { return &s.Suspension })},
	"segvguard/maxcrashes": {ops: ":", run: setSegvMaxCrashes},
	"tpe/gid":              {ops: ":", run: setTPEGID},
	"tpe/negate":           {ops: ":?", run: tpeBool(func(t *TPE) *bool { return &t.Negate }, false)},
	"tpe/root_owned":       {ops: ":?", run: tpeBool(func(t *TPE) *bool { return &t.RootOwned }, true)},
	"tpe/user_owned":       {ops: ":?", run: tpeBool(func(t *TPE) *bool { return &t.UserOwned }, true)},
	"proxy/addr":           {ops: ":", startup: true, run: setProxyAddr},
	"proxy/port":           {ops: ":", startup: true, run: setProxyPort(func(p *Proxy) *uint16 { return &p.Port })},
	"proxy/ext/host":       {ops: ":", startup: true, run: setProxyExtHost},
	"proxy/ext/port":       {ops: ":", startup: true, run: setProxyPort(func(p *Proxy) *uint16 { return &p.ExtPort })},
	"root":                 {ops: ":", startup: true, run: setRoot},
	"name/host":            {ops: ":", startup: true, run: setName(func(p *Policy) *string { return &p.hostname })},
	"name/domain":          {ops: ":", startup: true, run: setName(func(p *Policy) *string { return &p.domainname })},
	"config/expand":        {ops: ":", run: setConfigExpand},

	"trace/force_umask":            {ops: ":", run: setForceUmask},
	"trace/memory_access":          {ops: ":", run: setMemoryAccess},
	"trace/allow_unsafe_namespace": {ops: ":?", startup: true, run: setUnsafeNamespace},
}

func init() {
	for name, set := range flagByName {
		exactKeys["trace/"+name] = handler{ops: ":?", run: traceFlag(set)}
	}
}

// familyKeys holds every key family "<head>/<list>", keyed by head: the
// list is parsed once per command and handed to the handler.
var familyKeys = func() map[string]func(list string) (handler, *failure) {
	m := map[string]func(string) (handler, *failure){
		"sandbox": sandboxFamily,
		"default": defaultFamily,
		"unshare": unshareFamily,
		"load":    loadFamily,
	}
	for a := range numActions {
		m[a.String()] = ruleFamily(a)
	}
	return m
}()

// apply runs cmd from src against p and returns the resulting snapshot: p
// itself when nothing changed (a query), else a new Policy. p is never
// modified.
func (p *Policy) apply(src Source, cmd string) (*Policy, Effect, *failure) {
	if p.lock == LockOn {
		return nil, Effect{}, &failure{syscall.EPERM, "the sandbox is locked (lock:on)"}
	}
	if cmd == "" {
		return nil, Effect{}, invalid("empty command")
	}
	if strings.HasPrefix(cmd, "include ") || strings.HasPrefix(cmd, "include_profile ") {
		return nil, Effect{}, invalid("include and include_profile work only in configuration files")
	}
	key, op, val := cmd, byte(0), ""
	if i := strings.IndexAny(cmd, operators); i >= 0 {
		key, op, val = cmd[:i], cmd[i], cmd[i+1:]
	}
	if key == "" {
		return nil, Effect{}, invalid("missing key before %q", op)
	}
	h, f := lookup(key)
	if f != nil {
		return nil, Effect{}, f
	}
	if f := checkOperator(key, h, op, val); f != nil {
		return nil, Effect{}, f
	}
	if h.sources != 0 && h.sources&(1<<src) == 0 {
		return nil, Effect{}, invalid("%q works only through /dev/syd from inside the sandbox", key)
	}
	if p.lock == LockRead && op != '?' && key != "stat" && cmd != "lock:on" {
		return nil, Effect{}, &failure{syscall.EPERM, "the sandbox is locked (lock:read accepts only queries)"}
	}
	next := *p
	x := cmdCtx{p: &next, src: src, op: op, val: val}
	if h.startup {
		if f := x.busy(); f != nil {
			return nil, Effect{}, f
		}
	}
	if f := h.run(&x); f != nil {
		return nil, Effect{}, f
	}
	if op == '?' {
		return p, x.eff, nil
	}
	return &next, x.eff, nil
}

// checkOperator validates the operator and the presence of a value.
func checkOperator(key string, h handler, op byte, val string) *failure {
	switch {
	case op == 0 && h.ops != "":
		return invalid("missing operator after %q (want one of %q)", key, h.ops)
	case op == 0:
		return nil // a plain command
	case h.ops == "":
		return invalid("%q takes no operator", key)
	case strings.IndexByte(h.ops, op) < 0:
		return invalid("%q does not take operator %q (want one of %q)", key, op, h.ops)
	case (op == '?' || strings.IndexByte(h.novalue, op) >= 0) && val != "":
		return invalid("unexpected %q after %q", val, op)
	case op != '?' && strings.IndexByte(h.novalue, op) < 0 && val == "":
		return invalid("missing value after %q", op)
	}
	return nil
}

// lookup finds the handler for key: a standalone key first, then a key
// family with its list parsed.
func lookup(key string) (handler, *failure) {
	if h, ok := exactKeys[key]; ok {
		return h, nil
	}
	if name, ok := strings.CutPrefix(key, "trace/"); ok {
		return handler{}, invalid("unknown trace option %q", name)
	}
	head, list, hasList := strings.Cut(key, "/")
	family, ok := familyKeys[head]
	if !ok {
		return handler{}, invalid("unknown key %q", key)
	}
	if !hasList {
		return handler{}, invalid("missing list after %q", head+"/")
	}
	return family(list)
}

// parseTargets parses a comma list of category names and aliases and
// feature names ("read,net,mem").
func parseTargets(list string) (catSet, featSet, *failure) {
	var cats catSet
	var feats featSet
	for name := range strings.SplitSeq(list, ",") {
		if name == "" {
			return 0, 0, invalid("empty category name in %q", list)
		}
		if set, ok := categoryAliases[name]; ok {
			cats |= set
		} else if f, ok := featureByName[name]; ok {
			feats |= 1 << f
		} else {
			return 0, 0, invalid("unknown category %q", name)
		}
	}
	return cats, feats, nil
}

// parseCategories parses a comma list of category names and aliases only.
func parseCategories(list string) (catSet, *failure) {
	cats, feats, f := parseTargets(list)
	if f != nil {
		return 0, f
	}
	if feats != 0 {
		for ft := range NumFeatures {
			if feats.has(ft) {
				return 0, invalid("%q has no rule list", ft.String())
			}
		}
	}
	return cats, nil
}
