// This file holds the typed read accessors the supervisor uses to enforce the settings beyond path rules.

package sandbox

import (
	"net/netip"
	"slices"
	"sort"
	"time"

	"syd/sandbox/netaddr"
)

// Bind is one bind+src:dst:opts mount, made in the sandbox's mount namespace.
type Bind struct {
	Src  string   // an absolute path, or a file system type such as tmpfs
	Dst  string   // an absolute path
	Opts []string // mount flags (ro, nodev, noexec, nosuid, ...) and fs data (size=1M)
}

// IDTransition is one setuid+src:dst or setgid+src:dst rule: a user or group
// (a number or a name, as written) and what it may change to.
type IDTransition struct{ Src, Dst string }

// ForceRule is one force+path:hash:action rule of verified execution.
type ForceRule struct {
	Path   string
	Alg    string // crc32, crc64, md5, sha1, sha3-256, sha3-384 or sha3-512, from the hash length
	Hash   string // lower-case hex
	Action Action // what a mismatch does
}

// IoctlRequest is one entry of the ioctl allow or deny list.
type IoctlRequest struct {
	Req  uint64
	Name string // the name it was given by, "" for a number
}

// SegvGuard holds the segvguard/* settings.
type SegvGuard struct {
	Expiry     time.Duration // window in which crashes count; 0 disables SegvGuard
	Suspension time.Duration // how long a crashing executable stays blocked
	MaxCrashes uint8         // crashes within Expiry that trigger the suspension
}

// TPE holds the tpe/* settings of trusted path execution.
type TPE struct {
	GID       uint32 // the untrusted group, if HasGID
	HasGID    bool
	Negate    bool // tpe/negate: GID is the trusted group instead
	RootOwned bool // tpe/root_owned
	UserOwned bool // tpe/user_owned
}

// Proxy holds the proxy/* settings of the SOCKS forwarder.
type Proxy struct {
	Addr    netip.Addr // proxy/addr: where syd-tor listens inside the sandbox
	Port    uint16     // proxy/port
	ExtHost string     // proxy/ext/host: the upstream proxy
	ExtPort uint16     // proxy/ext/port
}

// Landlock holds the allow/lock/* lists, applied once at start.
type Landlock struct {
	Read, Write   []string        // plain absolute paths
	Bind, Connect []netaddr.Ports // TCP port ranges
	// Lists are the finer lists of later Syd versions, one per right
	// (allow/lock/exec+PATH, ...; bind with a path is creating UNIX
	// sockets), by list name, in LockListNames.
	Lists map[string][]string
}

// LockListNames are the finer Landlock lists, one per Landlock right.
var LockListNames = []string{"exec", "ioctl", "create", "delete", "rename", "symlink", "truncate",
	"readdir", "mkdir", "rmdir", "mkbdev", "mkcdev", "mkfifo", "bind"}

// Has reports whether the trace option f is on.
func (p *Policy) Has(f Flag) bool { return p.flags.has(f) }

// UnsafeNamespaces returns the namespaces trace/allow_unsafe_namespace lets
// the sandbox create.
func (p *Policy) UnsafeNamespaces() Namespaces { return p.unsafeNS }

// ForceUmask returns the trace/force_umask mask, if one is set.
func (p *Policy) ForceUmask() (uint32, bool) {
	if p.forceUmask < 0 {
		return 0, false
	}
	return uint32(p.forceUmask), true
}

// MemoryAccess returns trace/memory_access: 0 (default) and 1 or 2 choose how
// sandbox memory is read (spec 05 §4).
func (p *Policy) MemoryAccess() uint8 { return p.memoryAccess }

// matchList returns the newest entry of rules matching path, or nil.
func matchList(rules []listRule, path string) *listRule {
	head := headOf(path)
	for i := len(rules) - 1; i >= 0; i-- {
		r := &rules[i]
		if head&r.mask == r.head && r.glob.Match(path) {
			return r
		}
	}
	return nil
}

// Masked reports whether path matches a mask rule and returns the path to
// use instead (by default /dev/null). The newest matching rule wins. It does
// not allocate.
func (p *Policy) Masked(path string) (replacement string, ok bool) {
	if r := matchList(p.masks, path); r != nil {
		return r.repl, true
	}
	return "", false
}

// AppendOnly reports whether path matches an append rule. It does not allocate.
func (p *Policy) AppendOnly(path string) bool { return matchList(p.appendOnly, path) != nil }

// Crypted reports whether path matches a crypt rule. It does not allocate.
func (p *Policy) Crypted(path string) bool { return matchList(p.crypts, path) != nil }

// CryptKey returns the crypt/key setting (hex), if set.
func (p *Policy) CryptKey() (string, bool) { return p.cryptKey, p.cryptKey != "" }

// CryptTmp returns crypt/tmp, the directory for plaintext copies ("" if unset).
func (p *Policy) CryptTmp() string { return p.cryptTmp }

// Force returns the force rule for the executable at path, if any. Paths are
// matched exactly. It does not allocate.
func (p *Policy) Force(path string) (ForceRule, bool) {
	r, ok := p.force[path]
	return r, ok
}

// ForceRules returns every force rule, sorted by path.
func (p *Policy) ForceRules() []ForceRule {
	out := make([]ForceRule, 0, len(p.force))
	for _, r := range p.force {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Binds returns the bind+ mounts in the order they were added.
func (p *Policy) Binds() []Bind {
	out := make([]Bind, len(p.binds))
	for i, b := range p.binds {
		out[i] = Bind{b.Src, b.Dst, slices.Clone(b.Opts)}
	}
	return out
}

// SetUIDs returns the setuid+ transitions in the order they were added.
func (p *Policy) SetUIDs() []IDTransition { return slices.Clone(p.setuids) }

// SetGIDs returns the setgid+ transitions in the order they were added.
func (p *Policy) SetGIDs() []IDTransition { return slices.Clone(p.setgids) }

// Ioctl returns the decision of the ioctl request lists for req: deny if it
// is on the deny list (which wins), allow if it is on the allow list, and
// false if it is on neither. It does not allocate.
func (p *Policy) Ioctl(req uint64) (Action, bool) {
	for _, r := range p.ioctlDeny {
		if r.Req == req {
			return ActionDeny, true
		}
	}
	for _, r := range p.ioctlAllow {
		if r.Req == req {
			return ActionAllow, true
		}
	}
	return ActionAllow, false
}

// IoctlAllowList returns the ioctl allow list in order.
func (p *Policy) IoctlAllowList() []IoctlRequest { return slices.Clone(p.ioctlAllow) }

// IoctlDenyList returns the ioctl deny list in order (TIOCSTI and TIOCLINUX by default).
func (p *Policy) IoctlDenyList() []IoctlRequest { return slices.Clone(p.ioctlDeny) }

// MemMax returns mem/max in bytes (0: no limit).
func (p *Policy) MemMax() uint64 { return p.memMax }

// MemVMMax returns mem/vm_max in bytes (0: no limit).
func (p *Policy) MemVMMax() uint64 { return p.memVMMax }

// PidMax returns pid/max (0: no limit).
func (p *Policy) PidMax() uint64 { return p.pidMax }

// SegvGuard returns the segvguard/* settings.
func (p *Policy) SegvGuard() SegvGuard { return p.segv }

// TPE returns the tpe/* settings.
func (p *Policy) TPE() TPE { return p.tpe }

// Proxy returns the proxy/* settings.
func (p *Policy) Proxy() Proxy { return p.proxy }

// Unshare returns the namespaces unshare/* asks for.
func (p *Policy) Unshare() Namespaces { return p.unshare }

// Root returns the root:<dir> setting, if set.
func (p *Policy) Root() (string, bool) { return p.root, p.root != "" }

// Hostname returns name/host, if set.
func (p *Policy) Hostname() (string, bool) { return p.hostname, p.hostname != "" }

// Domainname returns name/domain, if set.
func (p *Policy) Domainname() (string, bool) { return p.domainname, p.domainname != "" }

// Landlock returns the allow/lock/* lists (copies).
func (p *Policy) Landlock() Landlock {
	l := Landlock{
		Read: slices.Clone(p.landlock.Read), Write: slices.Clone(p.landlock.Write),
		Bind: slices.Clone(p.landlock.Bind), Connect: slices.Clone(p.landlock.Connect),
	}
	for name, paths := range p.landlock.Lists {
		if len(paths) > 0 {
			if l.Lists == nil {
				l.Lists = map[string][]string{}
			}
			l.Lists[name] = slices.Clone(paths)
		}
	}
	return l
}

// ConfigExpand returns config/expand, the time limit of environment expansion
// in configuration files (0: simple expansion, which is all this
// implementation does).
func (p *Policy) ConfigExpand() time.Duration { return p.configExpand }
