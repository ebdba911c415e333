// This file holds the scalar settings: limits, SegvGuard, TPE, proxy, root, names, crypt keys and the trace/* options.

package sandbox

import (
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// setLimit returns the handler of a limit (mem/max, mem/vm_max, pid/max);
// 0 means no limit. lock:drop accepts a new, lower limit.
func setLimit(get func(*Policy) *uint64, parse func(string) (uint64, *failure)) func(x *cmdCtx) *failure {
	return func(x *cmdCtx) *failure {
		n, f := parse(x.val)
		if f != nil {
			return f
		}
		v := get(x.p)
		if f := x.drop(n != 0 && (*v == 0 || n <= *v)); f != nil {
			return f
		}
		*v = n
		return nil
	}
}

// setSegvDuration returns the handler of segvguard/expiry or /suspension.
func setSegvDuration(get func(*SegvGuard) *time.Duration) func(x *cmdCtx) *failure {
	return func(x *cmdCtx) *failure {
		d, f := parseSeconds(x.val)
		if f != nil {
			return f
		}
		if f := x.drop(false); f != nil {
			return f
		}
		*get(&x.p.segv) = d
		return nil
	}
}

// setSegvMaxCrashes runs "segvguard/maxcrashes:<n>" (0-255).
func setSegvMaxCrashes(x *cmdCtx) *failure {
	n, f := parseUint(x.val, 8)
	if f != nil {
		return f
	}
	if f := x.drop(false); f != nil {
		return f
	}
	x.p.segv.MaxCrashes = uint8(n)
	return nil
}

// setTPEGID runs "tpe/gid:<gid>" or "tpe/gid:none".
func setTPEGID(x *cmdCtx) *failure {
	if f := x.drop(false); f != nil {
		return f
	}
	if x.val == "none" {
		x.p.tpe.GID, x.p.tpe.HasGID = 0, false
		return nil
	}
	n, f := parseUint(x.val, 32)
	if f != nil {
		return invalid("invalid group id %q (want a number or none)", x.val)
	}
	x.p.tpe.GID, x.p.tpe.HasGID = uint32(n), true
	return nil
}

// tpeBool returns the handler of a tpe/* boolean; with tightens, turning it
// on reduces privileges (what lock:drop accepts).
func tpeBool(get func(*TPE) *bool, tightens bool) func(x *cmdCtx) *failure {
	return func(x *cmdCtx) *failure {
		v := get(&x.p.tpe)
		if x.op == '?' {
			return queryBool(*v)
		}
		on, f := parseBool(x.val)
		if f != nil {
			return f
		}
		if f := x.drop(tightens && on); f != nil {
			return f
		}
		*v = on
		return nil
	}
}

// queryBool answers a '?' query: nil when true, ENOENT when false.
func queryBool(on bool) *failure {
	if on {
		return nil
	}
	return &failure{syscall.ENOENT, "off"}
}

// setProxyAddr runs "proxy/addr:<ip>".
func setProxyAddr(x *cmdCtx) *failure {
	a, err := netip.ParseAddr(x.val)
	if err != nil || a.Zone() != "" {
		return invalid("invalid IP address %q", x.val)
	}
	if f := x.drop(false); f != nil {
		return f
	}
	x.p.proxy.Addr = a
	return nil
}

// setProxyPort returns the handler of proxy/port or proxy/ext/port (1-65535).
func setProxyPort(get func(*Proxy) *uint16) func(x *cmdCtx) *failure {
	return func(x *cmdCtx) *failure {
		n, f := parseUint(x.val, 16)
		if f != nil || n == 0 {
			return invalid("invalid port %q (want 1-65535)", x.val)
		}
		if f := x.drop(false); f != nil {
			return f
		}
		*get(&x.p.proxy) = uint16(n)
		return nil
	}
}

// setProxyExtHost runs "proxy/ext/host:<host>": an IP address or a host name.
func setProxyExtHost(x *cmdCtx) *failure {
	if _, err := netip.ParseAddr(x.val); err != nil && !isHostname(x.val) {
		return invalid("invalid host %q (want an IP address or a host name)", x.val)
	}
	if f := x.drop(false); f != nil {
		return f
	}
	x.p.proxy.ExtHost = x.val
	return nil
}

// isHostname reports whether s is a DNS host name (letters, digits, '-', '.').
func isHostname(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// setRoot runs "root:<dir>" ("root:none" unsets it).
func setRoot(x *cmdCtx) *failure {
	if f := x.drop(false); f != nil {
		return f
	}
	if x.val == "none" || x.val == "off" {
		x.p.root = ""
		return nil
	}
	dir := unescape(x.val)
	if f := checkAbsolute("root", dir); f != nil {
		return f
	}
	x.p.root = dir
	return nil
}

// setName returns the handler of name/host or name/domain: a name of at most
// 64 printable bytes (the kernel's limit), or "none" to unset it.
func setName(get func(*Policy) *string) func(x *cmdCtx) *failure {
	return func(x *cmdCtx) *failure {
		if f := x.drop(false); f != nil {
			return f
		}
		if x.val == "none" {
			*get(x.p) = ""
			return nil
		}
		if len(x.val) > 64 {
			return invalid("name %q is longer than 64 bytes", x.val)
		}
		for i := 0; i < len(x.val); i++ {
			if c := x.val[i]; c <= ' ' || c == 0x7f || c == '/' {
				return invalid("name %q contains a space, control character or '/'", x.val)
			}
		}
		*get(x.p) = x.val
		return nil
	}
}

// setConfigExpand runs "config/expand:<duration>" (0: simple expansion).
func setConfigExpand(x *cmdCtx) *failure {
	d, f := parseSeconds(x.val)
	if f != nil {
		return f
	}
	if f := x.drop(false); f != nil {
		return f
	}
	x.p.configExpand = d
	return nil
}

// setCryptKey runs "crypt/key:<hex>": a 256-bit key as 64 hex digits.
func setCryptKey(x *cmdCtx) *failure {
	if len(x.val) != 64 {
		return invalid("crypt key must be 64 hex digits (256 bits), got %d characters", len(x.val))
	}
	for i := 0; i < len(x.val); i++ {
		if c := x.val[i] | 0x20; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return invalid("crypt key is not hexadecimal")
		}
	}
	if f := x.drop(false); f != nil {
		return f
	}
	x.p.cryptKey = strings.ToLower(x.val)
	return nil
}

// setCryptTmp runs "crypt/tmp:<dir>".
func setCryptTmp(x *cmdCtx) *failure {
	dir := unescape(x.val)
	if f := checkAbsolute("crypt/tmp", dir); f != nil {
		return f
	}
	if f := x.drop(false); f != nil {
		return f
	}
	x.p.cryptTmp = dir
	return nil
}

// notBuiltFlags are hardening options of later Syd versions this syd does
// not apply: asking for one is EOPNOTSUPP.
var notBuiltFlags = flagSet(1)<<FlagForceCloexec | flagSet(1)<<FlagForceRandFD

// traceFlag returns the handler of a boolean trace/* option that sets the
// flags in set. A query is true when all of them are on.
func traceFlag(set flagSet) func(x *cmdCtx) *failure {
	return func(x *cmdCtx) *failure {
		p := x.p
		if x.op == '?' {
			return queryBool(p.flags&set == set)
		}
		on, f := parseBool(x.val)
		if f != nil {
			return f
		}
		if on && set&notBuiltFlags != 0 {
			// A measure this syd does not apply is refused, never a no-op.
			return &failure{syscall.EOPNOTSUPP, "not built in this syd yet (README \"Missing\")"}
		}
		if set&^runtimeFlags != 0 {
			if f := x.busy(); f != nil {
				return f
			}
		}
		reduces := true
		for fl := range numFlags {
			if set.has(fl) {
				reduces = reduces && flagReduces(fl, on)
			}
		}
		if f := x.drop(reduces); f != nil {
			return f
		}
		if on {
			p.flags |= set
		} else {
			p.flags &^= set
		}
		return nil
	}
}

// setForceUmask runs "trace/force_umask:<octal>" ("off" unsets it). lock:drop
// accepts a mask that keeps every bit already masked.
func setForceUmask(x *cmdCtx) *failure {
	p := x.p
	if x.val == "off" || x.val == "none" || x.val == "-1" {
		if f := x.drop(p.forceUmask < 0); f != nil {
			return f
		}
		p.forceUmask = -1
		return nil
	}
	m, f := parseMode(x.val)
	if f != nil {
		return f
	}
	if f := x.drop(p.forceUmask < 0 || int32(m)&p.forceUmask == p.forceUmask); f != nil {
		return f
	}
	p.forceUmask = int32(m)
	return nil
}

// setMemoryAccess runs "trace/memory_access:<0|1|2>".
func setMemoryAccess(x *cmdCtx) *failure {
	n, err := strconv.ParseUint(x.val, 10, 8)
	if err != nil || n > 2 {
		return invalid("invalid memory access mode %q (want 0, 1 or 2)", x.val)
	}
	if f := x.drop(false); f != nil {
		return f
	}
	x.p.memoryAccess = uint8(n)
	return nil
}

// setUnsafeNamespace runs "trace/allow_unsafe_namespace:<bool|ns,...>": a
// boolean allows every namespace or none, a list allows those. A query is
// true when any namespace is allowed.
func setUnsafeNamespace(x *cmdCtx) *failure {
	p := x.p
	if x.op == '?' {
		return queryBool(p.unsafeNS != 0)
	}
	ns := Namespaces(0)
	if on, f := parseBool(x.val); f == nil {
		if on {
			ns = allNamespaces
		}
	} else {
		var f *failure
		if ns, f = parseNamespaces(x.val); f != nil {
			return invalid("invalid value %q (want a boolean or a namespace list)", x.val)
		}
	}
	if f := x.drop(ns&^p.unsafeNS == 0); f != nil {
		return f
	}
	p.unsafeNS = ns
	return nil
}
