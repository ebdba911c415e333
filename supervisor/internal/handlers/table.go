// table.go: the dispatch table, syscall number -> handler, for the native architecture,
// and the seccomp rules that route those system calls to the supervisor.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/filter"
)

// auditArchNative is AUDIT_ARCH_X86_64; other architectures are killed by the filter.
const auditArchNative = unix.AUDIT_ARCH_X86_64

// tableSize covers every x86_64 syscall number.
const tableSize = 512

// entry is one intercepted system call.
type entry struct {
	name  string
	h     Handler
	when  []filter.ArgMask   // notify only when one of these holds (empty: always)
	cats  []sandbox.Category // categories it serves (empty: always needed)
	relax sandbox.Flag       // with this (startup-only) flag on, the call is not supervised
	// relaxedWhen replaces when under relax (nil: not supervised at all).
	relaxedWhen []filter.ArgMask
	// onlyRelaxed: supervised only under relax (the static layer refuses the
	// call otherwise).
	onlyRelaxed bool
	// fdOnly: the call names no path, only a file descriptor the caller opened
	// (and syd checked) before; answered by the kernel it tells nothing about
	// hidden paths and reaches no /proc entry (registerFD).
	fdOnly bool
	// needed, when set, decides whether a frozen policy still needs the call
	// supervised (instead of its categories).
	needed func(p *sandbox.Policy) bool
	// only, when set, leaves the call out of the filter unless it holds (a
	// startup-only setting asks for it).
	only func(p *sandbox.Policy) bool
	// whenFor, when set, replaces when for policy p.
	whenFor func(p *sandbox.Policy) []filter.ArgMask
}

var table [tableSize]entry

// register adds a handler for syscall nr, called name.
func register(nr int, name string, h Handler, cats []sandbox.Category, when ...filter.ArgMask) {
	if table[nr].h != nil {
		panic("handlers: " + name + " registered twice")
	}
	table[nr] = entry{name: name, h: h, when: when, cats: cats, relax: noRelax}
}

// registerFD adds a handler for a call on a file descriptor (fdOnly).
func registerFD(nr int, name string, h Handler, cats []sandbox.Category) {
	register(nr, name, h, cats)
	table[nr].fdOnly = true
}

// registerRelaxed adds a hardening handler for syscall nr that flag relax lifts:
// with the flag on the call is supervised only when one of relaxedWhen holds
// (none: not at all).
func registerRelaxed(nr int, name string, h Handler, relax sandbox.Flag, when, relaxedWhen []filter.ArgMask) {
	register(nr, name, h, nil, when...)
	table[nr].relax = relax
	table[nr].relaxedWhen = relaxedWhen
}

// registerUnderRelax adds a handler for syscall nr that is supervised only while
// flag relax lifts the static layer's refusal of it, and then when one of when holds.
func registerUnderRelax(nr int, name string, h Handler, relax sandbox.Flag, when ...filter.ArgMask) {
	registerRelaxed(nr, name, h, relax, nil, when)
	table[nr].onlyRelaxed = true
}

// noRelax marks entries no flag lifts.
const noRelax = sandbox.NoFlag

// sysName is a system call number and its name, for registerEach.
type sysName struct {
	nr   int
	name string
}

// registerEach registers h for every call in calls, with no categories: calls
// that are always supervised, whatever the policy.
func registerEach(h Handler, calls ...sysName) {
	for _, c := range calls {
		register(c.nr, c.name, h, nil)
	}
}

// cats is shorthand for a category list.
func cats(c ...sandbox.Category) []sandbox.Category { return c }

// Rules returns the seccomp rules for every registered system call that p may need:
// when the policy can no longer change (lock on), calls that serve only categories
// that are off (fd calls: or that allow every path outright) stay in the kernel
// and cost nothing. signals asks for the signal
// calls (the kernel does not scope signals to the sandbox's Landlock domain).
func Rules(p *sandbox.Policy, frozen, signals bool) []filter.Rule {
	var out []filter.Rule
	for nr, e := range table {
		if e.h == nil || (signalCalls[nr] && !signals) || (e.only != nil && !e.only(p)) {
			continue
		}
		// Under stat sandboxing every call that names a path is supervised: a
		// call the kernel answered alone would tell a hidden entry from an absent
		// one (ENOTDIR below a hidden file).
		if frozen && len(e.cats) > 0 && !neededByLists(p, e.cats) && decidesNothing(p, &e) {
			continue
		}
		if frozen && e.needed != nil && !e.needed(p) {
			continue
		}
		when := e.when
		if e.whenFor != nil {
			when = e.whenFor(p)
		}
		relaxed := e.relax != noRelax && p.Has(e.relax)
		if e.onlyRelaxed && !relaxed {
			continue
		}
		if relaxed {
			if e.relaxedWhen == nil {
				continue
			}
			when = e.relaxedWhen
		}
		out = append(out, filter.Rule{Name: e.name, Nr: nr, Any: when})
	}
	return out
}

// neededByLists keeps the stat and open families supervised when mask or append
// rules exist, the open, stat and truncate families under crypt sandboxing, and
// every call under trace/deny_dotdot or trace/force_umask: those apply whichever
// categories are on.
func neededByLists(p *sandbox.Policy, cs []sandbox.Category) bool {
	// trace/deny_dotdot and trace/force_umask apply to the calls of every
	// category.
	if _, ok := p.ForceUmask(); ok || p.Has(sandbox.FlagDenyDotdot) {
		return true
	}
	lists := p.HasMasks() || p.HasAppendOnly()
	crypt := p.FeatureEnabled(sandbox.FeatureCrypt)
	for _, c := range cs {
		if lists && (c == sandbox.CatStat || c == sandbox.CatWrite) {
			return true
		}
		if crypt && (c == sandbox.CatRead || c == sandbox.CatTruncate || c == sandbox.CatStat) {
			return true
		}
	}
	return false
}

// decidesNothing reports whether a frozen policy needs syd for call e at all.
// A call that names a path stays supervised while one of its categories, or
// stat sandboxing, is on: besides the rules, syd answers it with the measures
// no rule lifts (/proc of syd and the guard does not exist, Safename, hiding),
// even under an allow-all rule. A call on a file descriptor names no path: only
// its categories' rules can decide it, and a category that allows every path
// decides nothing.
func decidesNothing(p *sandbox.Policy, e *entry) bool {
	if e.fdOnly {
		return !anyDeciding(p, e.cats)
	}
	return !anyEnabled(p, e.cats) && !p.Enabled(sandbox.CatStat)
}

func anyEnabled(p *sandbox.Policy, cs []sandbox.Category) bool {
	for _, c := range cs {
		if p.Enabled(c) {
			return true
		}
	}
	return false
}

// deciding reports whether category c can refuse or log anything: it is on
// and does not allow every path outright.
func deciding(p *sandbox.Policy, c sandbox.Category) bool {
	return p.Enabled(c) && !p.AllowsAll(c)
}

func anyDeciding(p *sandbox.Policy, cs []sandbox.Category) bool {
	for _, c := range cs {
		if deciding(p, c) {
			return true
		}
	}
	return false
}
