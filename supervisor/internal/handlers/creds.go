// creds.go: emulated calls run with the caller's credentials. syd performs opens,
// creates, binds and the rest itself, so the kernel's permission checks see
// syd's credentials unless the receiver thread takes the caller's for the call:
// file-system uid and gid, supplementary groups and effective capabilities.
// Threads are switched one at a time (setfsuid, setfsgid, setgroups and capset
// act on the calling thread only); the Go runtime never clones a new thread from
// a locked one, so the switched credentials cannot leak into other threads.
//
// Until a sandboxed process asks to change its identity (set*id, capset, a new
// user namespace) every process has syd's credentials, and nothing is read or
// switched: the cost is one atomic load per call. When the sandbox runs without
// syd's capabilities, every process starts with the same identity (syd's ids,
// no capability) and keeps it until such a call: a receiver thread takes it
// once and keeps it between calls. Only after an identity call are the caller's
// credentials read for each call, and the thread switched when they differ from
// the ones it holds.
package handlers

import (
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/boundary"
	"syd/supervisor/internal/filter"
)

func init() {
	registerEach(sysIdentity, sysName{unix.SYS_CAPSET, "capset"}, sysName{unix.SYS_SETNS, "setns"})
	register(unix.SYS_UNSHARE, "unshare", sysIdentity, nil,
		filter.ArgMask{Arg: 0, Mask: unix.CLONE_NEWUSER, Value: unix.CLONE_NEWUSER})
}

// AssumeCallerCredentials makes every emulated call take the caller's
// credentials from the start: the sandbox runs without the capabilities syd has.
func AssumeCallerCredentials() {
	uniform.Store(true)
	idsChanged.Store(true)
}

// idsChanged is set once any sandboxed process may have credentials other than
// syd's. It is set before the identity call runs, so every later call of that
// process is made with whatever credentials the call left it (setid.go sets it
// for the set*id calls).
var idsChanged atomic.Bool

// uniform holds while every sandboxed process has the identity the sandbox
// started with: syd's ids and groups, no capability. The first identity call
// ends it, before that call runs.
var uniform atomic.Bool

// identityCall notes that a sandboxed process is about to change its
// credentials: from now on each call reads the caller's.
func identityCall() {
	uniform.Store(false)
	idsChanged.Store(true)
}

// sysIdentity lets the kernel decide an identity change and turns on per-call
// credential switching.
func sysIdentity(c *Call) (int64, error) {
	identityCall()
	return 0, errContinue
}

// identity is what a permission check looks at.
type identity struct {
	fsuid, fsgid int
	groups       []uint32
	capEff       uint64
	userns       uint64 // inode of the user namespace
}

// own is syd's identity, read once.
var own struct {
	sync.Once
	id      identity
	capPrm  uint64
	capInh  uint64
	sortedG []uint32
	err     error
}

func ownIdentity() error {
	own.Do(func() {
		own.id.fsuid, own.id.fsgid = unix.Geteuid(), unix.Getegid()
		gs, err := unix.Getgroups()
		if err != nil {
			own.err = err
			return
		}
		for _, g := range gs {
			own.id.groups = append(own.id.groups, uint32(g))
		}
		own.sortedG = slices.Sorted(slices.Values(own.id.groups))
		eff, prm, inh, err := boundary.Capabilities()
		if err != nil {
			own.err = err
			return
		}
		own.id.capEff, own.capPrm, own.capInh = eff, prm, inh
		own.id.userns, own.err = usernsOf("/proc/self/ns/user")
		ptrace := own.id.capEff & (1 << unix.CAP_SYS_PTRACE)
		base = target{fsuid: own.id.fsuid, fsgid: own.id.fsgid, eff: ptrace, borrowed: ptrace}
	})
	return own.err
}

func usernsOf(path string) (uint64, error) {
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return 0, err
	}
	return st.Ino, nil
}

// callerIdentity reads the calling thread's credentials.
func (c *Call) callerIdentity() (identity, error) {
	st, err := c.status()
	if err != nil {
		return identity{}, err
	}
	ns, err := usernsOf("/proc/" + strconv.Itoa(c.Pid()) + "/ns/user")
	if err != nil {
		return identity{}, err
	}
	return identity{fsuid: st.Fsuid, fsgid: st.Fsgid, groups: st.Groups, capEff: st.CapEff, userns: ns}, nil
}

// assumeCaller gives the receiver thread the caller's credentials for the call.
// The thread keeps them after the call (Call.held): the next call of a caller
// with the same identity switches nothing. ok is false when the thread could
// not be switched: the call must then be refused, never run as syd.
func (c *Call) assumeCaller() (ok bool) {
	c.as = nil
	if !idsChanged.Load() {
		return true
	}
	if ownIdentity() != nil {
		return false
	}
	var t *target
	if uniform.Load() {
		t = &base
	} else {
		if c.held != nil && c.held.eff&(1<<unix.CAP_SYS_PTRACE) == 0 {
			// Reading another process's namespaces takes syd's own
			// credentials unless the thread holds CAP_SYS_PTRACE.
			c.holdOwn()
		}
		id, err := c.callerIdentity()
		if err != nil {
			return false
		}
		if t = targetFor(id); t == nil {
			c.holdOwn()
			return true
		}
	}
	c.as = t
	if c.held != nil && c.held.equal(t) {
		return true
	}
	c.holdOwn()
	if !t.become() {
		c.holdOwn()
		c.as = nil
		return false
	}
	c.held = t
	return true
}

// targetFor is the identity a thread takes for a caller with id, or nil for
// syd's own.
func targetFor(id identity) *target {
	eff := id.capEff & own.capPrm
	if id.userns != own.id.userns {
		// Capabilities in another user namespace are worth nothing here.
		eff = 0
	}
	// Reading the caller's memory and taking its fds (ptrace access checks)
	// stay possible: a process that changed its ids is no longer dumpable.
	borrowed := own.id.capEff & (1 << unix.CAP_SYS_PTRACE) &^ eff
	eff |= borrowed
	sameGroups := slices.Equal(slices.Sorted(slices.Values(id.groups)), own.sortedG)
	if id.fsuid == own.id.fsuid && id.fsgid == own.id.fsgid && sameGroups && eff == own.id.capEff {
		return nil
	}
	t := &target{fsuid: id.fsuid, fsgid: id.fsgid, eff: eff, borrowed: borrowed}
	if !sameGroups {
		t.groups = id.groups
		t.setGroups = true
	}
	return t
}

// base is the identity every sandboxed process has while uniform holds: syd's
// ids and groups without capabilities (CAP_SYS_PTRACE borrowed, for a process
// that made itself undumpable). Set by ownIdentity.
var base target

// holdOwn gives the receiver thread syd's credentials back, if it holds another
// identity.
func (c *Call) holdOwn() {
	if c.held == nil {
		return
	}
	c.held = nil
	// Capabilities first: setgroups needs CAP_SETGID back.
	_ = capset(own.id.capEff, own.capPrm, own.capInh)
	setfsuid(own.id.fsuid)
	setfsgid(own.id.fsgid)
	_ = setgroups(own.id.groups)
	_ = capset(own.id.capEff, own.capPrm, own.capInh)
}

// dirty is what Call.held says when a handler changed the thread's credentials
// beyond its target (assumeCallerReal): equal to nothing, so the next call
// restores syd's first.
var dirty = target{fsuid: -1}

// target is the identity a thread takes for a call.
type target struct {
	fsuid, fsgid  int
	groups        []uint32
	setGroups     bool
	eff, borrowed uint64 // effective capabilities, and those beyond the caller's
}

func (t *target) equal(u *target) bool {
	return t == u || t.fsuid == u.fsuid && t.fsgid == u.fsgid && t.eff == u.eff && t.borrowed == u.borrowed &&
		t.setGroups == u.setGroups && slices.Equal(t.groups, u.groups)
}

// become switches the calling thread (which holds syd's credentials) to t.
// A thread that syd starts for part of a call (bindIn) calls it too: a new
// thread starts with syd's credentials, not the receiver's.
func (t *target) become() bool {
	if t == nil {
		return true
	}
	if t.setGroups && setgroups(t.groups) != nil {
		return false
	}
	setfsgid(t.fsgid)
	setfsuid(t.fsuid)
	// setfsuid/setfsgid report no errors: read the values back.
	return setfsuid(-1) == t.fsuid && setfsgid(-1) == t.fsgid && capset(t.eff, own.capPrm, own.capInh) == nil
}

// setfsuid sets the thread's file-system uid (-1: leave it) and returns the old one.
func setfsuid(uid int) int {
	r, _, _ := unix.RawSyscall(unix.SYS_SETFSUID, uintptr(uid), 0, 0)
	return int(r)
}

// setfsgid sets the thread's file-system gid (-1: leave it) and returns the old one.
func setfsgid(gid int) int {
	r, _, _ := unix.RawSyscall(unix.SYS_SETFSGID, uintptr(gid), 0, 0)
	return int(r)
}

// setgroups sets the thread's supplementary groups (the raw call: per thread).
func setgroups(gs []uint32) error {
	var p unsafe.Pointer
	if len(gs) > 0 {
		p = unsafe.Pointer(&gs[0])
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETGROUPS, uintptr(len(gs)), uintptr(p), 0); e != 0 {
		return e
	}
	return nil
}

// capset sets the calling thread's capability sets.
func capset(eff, prm, inh uint64) error {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	data := [2]unix.CapUserData{
		{Effective: uint32(eff), Permitted: uint32(prm), Inheritable: uint32(inh)},
		{Effective: uint32(eff >> 32), Permitted: uint32(prm >> 32), Inheritable: uint32(inh >> 32)},
	}
	return unix.Capset(&hdr, &data[0])
}

// assumeCallerReal switches the thread to the caller's real uid and gid for
// access(2) and faccessat(2) without AT_EACCESS, the way the kernel overrides
// credentials for them: no capabilities unless the real uid is 0. The caller
// then asks with AT_EACCESS. The next call gives the thread its target again.
func (c *Call) assumeCallerReal() bool {
	if !idsChanged.Load() {
		return true
	}
	if ownIdentity() != nil {
		return false
	}
	uid, gid, eff := unix.Getuid(), unix.Getgid(), uint64(0)
	if !uniform.Load() {
		// While uniform holds, the caller's real ids are syd's and it has no
		// capabilities, even as root.
		st, err := c.status()
		if err != nil {
			return false
		}
		if st.Uid == own.id.fsuid && st.Gid == own.id.fsgid && st.Fsuid == st.Uid && st.Fsgid == st.Gid && st.CapEff == own.id.capEff {
			return true
		}
		uid, gid = st.Uid, st.Gid
		if st.Uid == 0 {
			eff = st.CapPrm & own.capPrm
		}
	}
	c.held = &dirty
	_ = capset(own.id.capEff, own.capPrm, own.capInh)
	setfsgid(gid)
	setfsuid(uid)
	return setfsuid(-1) == uid && setfsgid(-1) == gid && capset(eff, own.capPrm, own.capInh) == nil
}

// withoutBorrowed runs fn without the capabilities borrowed for the call: for
// an open under /proc, where CAP_SYS_PTRACE would let the caller reach other
// processes' memory, environment or fds through syd.
func (c *Call) withoutBorrowed(fn func()) {
	if c.as == nil || c.as.borrowed == 0 {
		fn()
		return
	}
	if capset(c.as.eff&^c.as.borrowed, own.capPrm, own.capInh) != nil {
		return // fn is not run: the caller sees what fn's zero results mean
	}
	fn()
	_ = capset(c.as.eff, own.capPrm, own.capInh)
}
