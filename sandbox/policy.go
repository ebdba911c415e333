// This file defines the immutable policy snapshot and the decisions it makes for paths and addresses.

package sandbox

import (
	"net/netip"
	"time"

	"syd/sandbox/glob"
	"syd/sandbox/netaddr"
)

// Policy is an immutable snapshot of the sandbox state. Readers may use it
// concurrently without locks; commands never modify a published Policy but
// build a new one (see Sandbox). Obtain one from Sandbox.Policy.
type Policy struct {
	lock     LockState
	started  bool // Sandbox.Start was called
	enabled  catSet
	features featSet // switches of the features that have one
	defaults [NumCategories]Action
	featDef  [NumFeatures]Action
	// rules holds each category's rules in insertion order. Snapshots share
	// backing arrays: a new snapshot may append past the end of its parent's
	// slice, which the parent never reads (see Sandbox.Apply).
	rules [NumCategories][]rule

	flags        flagSet
	unsafeNS     Namespaces // trace/allow_unsafe_namespace
	forceUmask   int32      // -1: not set
	memoryAccess uint8      // trace/memory_access

	// The lists below are copied on write: a command never appends in place.
	appendOnly []listRule
	masks      []listRule // listRule.repl is the replacement path
	crypts     []listRule
	force      map[string]ForceRule
	binds      []Bind
	setuids    []IDTransition
	setgids    []IDTransition
	ioctlAllow []IoctlRequest
	ioctlDeny  []IoctlRequest
	landlock   Landlock

	cryptKey string // hex, never shown in the JSON state
	cryptTmp string

	memMax, memVMMax, pidMax uint64
	segv                     SegvGuard
	tpe                      TPE
	proxy                    Proxy
	unshare                  Namespaces
	root                     string
	hostname, domainname     string
	configExpand             time.Duration
}

// rule is one entry of a category's list: an action and a pattern.
type rule struct {
	// head and mask hold up to the first 8 bytes of the pattern's literal
	// prefix: a path p can match only if headOf(p)&mask == head. This rejects
	// most rules without leaving the scan loop. An address rule has a head no
	// masked value equals.
	head, mask uint64
	// glob is the compiled path or UNIX socket pattern; nil for an address.
	glob *glob.Pattern
	// addr is the compiled network address pattern; nil for a glob.
	addr *netaddr.Pattern
	pat  string // the pattern text after brace expansion, for removal and JSON
	act  Action
}

// newRule returns the rule for a compiled pattern, or for an address when g is nil.
func newRule(a Action, pat string, g *glob.Pattern) rule {
	r := rule{glob: g, pat: pat, act: a, head: 1} // mask 0: never matches
	if g != nil {
		r.head, r.mask = headMask(g)
	}
	return r
}

// headMask returns the prefix filter of a compiled pattern.
func headMask(g *glob.Pattern) (head, mask uint64) {
	prefix := g.Prefix()
	return headOf(prefix), ^uint64(0) >> (8 * (8 - min(len(prefix), 8))) // mask 0 for an empty prefix
}

// listRule is one entry of a pattern list without actions (append, mask, crypt).
type listRule struct {
	head, mask uint64
	glob       *glob.Pattern
	pat        string
	repl       string // mask only: what the path is replaced with
}

// headOf loads the first (up to) 8 bytes of s, little-endian, zero-padded.
func headOf(s string) uint64 {
	if len(s) >= 8 {
		return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	}
	var h uint64
	for i := len(s) - 1; i >= 0; i-- {
		h = h<<8 | uint64(s[i])
	}
	return h
}

// Default values of the scalar settings.
const (
	defaultSegvExpiry     = 120 * time.Second
	defaultSegvSuspension = 600 * time.Second
	defaultSegvMaxCrashes = 5
	defaultProxyPort      = 9050
)

// defaultPolicy is Syd's secure default: every category on, every default
// deny, no rules, the lock unset, every trace option off.
func defaultPolicy() *Policy {
	p := &Policy{lock: LockUnset, enabled: allCats, featDef: defaultFeatureActions, forceUmask: -1}
	for c := range NumCategories {
		p.defaults[c] = ActionDeny
	}
	p.ioctlDeny = defaultIoctlDeny
	p.segv = SegvGuard{Expiry: defaultSegvExpiry, Suspension: defaultSegvSuspension, MaxCrashes: defaultSegvMaxCrashes}
	loopback := netip.AddrFrom4([4]byte{127, 0, 0, 1})
	p.proxy = Proxy{Addr: loopback, Port: defaultProxyPort, ExtHost: loopback.String(), ExtPort: defaultProxyPort}
	return p
}

// Enabled reports whether sandboxing of category c is on. An out-of-range
// category counts as on, so that a caller's bug fails closed.
func (p *Policy) Enabled(c Category) bool {
	if c >= NumCategories {
		return true
	}
	return p.enabled.has(c)
}

// Default returns the action for c when no rule matches (deny for an
// out-of-range category).
func (p *Policy) Default(c Category) Action {
	if c >= NumCategories {
		return ActionDeny
	}
	return p.defaults[c]
}

// FeatureEnabled reports whether a feature's switch is on (sandbox/mem etc.).
// SegvGuard and Block have no switch: SegvGuard is on unless its expiry is 0
// (see SegvGuard), Block applies whenever its list is non-empty.
func (p *Policy) FeatureEnabled(f Feature) bool {
	if f == FeatureSegvGuard {
		return p.segv.Expiry != 0
	}
	return p.features.has(f)
}

// FeatureDefault returns the action of a feature (default/mem, default/pid,
// default/force, default/tpe, default/segvguard, default/block); deny for a
// feature without one.
func (p *Policy) FeatureDefault(f Feature) Action {
	if f >= NumFeatures || !defaultFeats.has(f) {
		return ActionDeny
	}
	return p.featDef[f]
}

// CheckPath returns the action of the newest rule of category c whose pattern
// matches path, else Default(c). It does not look at Enabled and does not
// allocate. For network categories only UNIX socket patterns (values starting
// with '/' or '@') take part; address rules never match a path.
func (p *Policy) CheckPath(c Category, path string) Action {
	a, _ := p.MatchPath(c, path)
	return a
}

// MatchPath is CheckPath that also returns which rule decided: its place in
// the order rules were added (newer is larger), or -1 for the default.
func (p *Policy) MatchPath(c Category, path string) (Action, int) {
	if c >= NumCategories {
		return ActionDeny, -1
	}
	rules := p.rules[c]
	head := headOf(path)
	for i := len(rules) - 1; i >= 0; i-- {
		r := &rules[i]
		if head&r.mask == r.head && r.glob != nil && r.glob.Match(path) {
			return r.act, i
		}
	}
	return p.defaults[c], -1
}

// CheckUnix returns the action for a UNIX socket address of network category
// c: a socket path, or an abstract name written with a leading '@'. The
// newest matching UNIX rule of c wins, else Default(c). It is CheckPath under
// the name the network handlers use; it does not allocate.
func (p *Policy) CheckUnix(c Category, path string) Action { return p.CheckPath(c, path) }

// CheckAddr returns the action of the newest address rule of network
// category c that matches ap, else Default(c). An IPv4-mapped IPv6 address
// is checked as the IPv4 address it maps. It does not allocate.
func (p *Policy) CheckAddr(c Category, ap netip.AddrPort) Action {
	if c >= NumCategories {
		return ActionDeny
	}
	k := netaddr.KeyOf(ap)
	rules := p.rules[c]
	for i := len(rules) - 1; i >= 0; i-- {
		if r := &rules[i]; r.addr != nil && r.addr.Match(k) {
			return r.act
		}
	}
	return p.defaults[c]
}

// Lock returns the lock state.
func (p *Policy) Lock() LockState { return p.lock }

// Started reports whether Sandbox.Start was called.
func (p *Policy) Started() bool { return p.started }
