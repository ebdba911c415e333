// net.go: network sandboxing (spec 05 §2): net/bind on bind(2), net/connect on
// connect(2) and on sendto(2) with a destination. The address is copied once,
// checked, and the call is performed by the supervisor on its duplicate of the
// caller's socket with exactly the copied bytes, so a sibling thread rewriting the
// address after the check changes nothing.
package handlers

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/filter"
	"syd/supervisor/internal/pathres"
)

func init() {
	register(unix.SYS_CONNECT, "connect", sysConnect, cats(sandbox.CatNetConnect))
	// bind also serves net/connect: trace/allow_safe_bind learns bound addresses.
	register(unix.SYS_BIND, "bind", sysBind, cats(sandbox.CatNetBind, sandbox.CatNetConnect))
	// send(2) is sendto(2) with a NULL destination: it stays in the kernel.
	register(unix.SYS_SENDTO, "sendto", sysSendto, cats(sandbox.CatNetConnect), nonNull(4)...)
}

// The errnos of a denial: a refused connection or datagram looks like a closed port
// (ECONNREFUSED); a refused bind or fd transfer is a permission error (EACCES).
const (
	errnoConnect = unix.ECONNREFUSED
	errnoBind    = unix.EACCES
	errnoSendfd  = unix.EACCES
)

// nonNull notifies when argument arg is not zero, that is when one of its bits is set.
func nonNull(arg uint) []filter.ArgMask {
	out := make([]filter.ArgMask, 64)
	for i := range out {
		out[i] = filter.ArgMask{Arg: arg, Mask: 1 << i, Value: 1 << i}
	}
	return out
}

func sysConnect(c *Call) (int64, error) {
	if !c.Policy.Enabled(sandbox.CatNetConnect) {
		return 0, errContinue
	}
	var sa sockaddr
	s, pinned, err := c.destination(&sa, 1, 2, useConnect)
	if err != nil {
		return 0, err
	}
	defer s.close()
	defer closeFD(pinned)
	if err := sockcall(unix.SYS_CONNECT, s.fd, sa.bytes()); err != nil {
		return 0, err
	}
	if sa.kind == addrUnixPath {
		unixPeers.remember(&s, sa.name)
	}
	return 0, nil
}

func sysSendto(c *Call) (int64, error) {
	if c.Arg(4) == 0 || !c.Policy.Enabled(sandbox.CatNetConnect) {
		return 0, errContinue // no destination: nothing to check, nothing was read
	}
	var sa sockaddr
	s, pinned, err := c.destination(&sa, 4, 5, useSend)
	if err != nil {
		return 0, err
	}
	defer s.close()
	defer closeFD(pinned)
	// sendto(2) takes a size_t length; the kernel caps it at INT_MAX.
	iov := []remoteIov{{base: c.Arg(1), len: min(c.Arg(2), maxRW)}}
	return c.sendData(&s, sendReq{to: &sa, iovs: iov, flags: uint32(c.Arg(3))})
}

// destination copies the address at arguments addrIdx and lenIdx, duplicates the
// caller's socket (argument 0), checks the address under net/connect and prepares
// it for the supervisor's own call (see netTarget; close the returned fd after it).
func (c *Call) destination(sa *sockaddr, addrIdx, lenIdx int, use addrUse) (callerSock, int, error) {
	s, err := c.socketAndAddr(sa, c.Arg(addrIdx), int64(int32(c.Arg(lenIdx))), use)
	if err != nil {
		return s, -1, err
	}
	pinned, err := c.netTarget(sa, sandbox.CatNetConnect, errnoConnect)
	if err != nil {
		s.close()
		return s, -1, err
	}
	return s, pinned, nil
}

// socketAndAddr copies the address at addr, duplicates the caller's socket (argument
// 0) and parses the address for it. Errors come in the kernel's order: a bad fd,
// then a bad address, then a fd that is no socket.
func (c *Call) socketAndAddr(sa *sockaddr, addr uint64, n int64, use addrUse) (callerSock, error) {
	readErr := c.readSockaddr(sa, addr, n)
	s, err := c.callerSocket(c.argFD(0))
	if err != nil {
		if err == unix.ENOTSOCK && readErr != nil {
			return s, readErr
		}
		return s, err
	}
	if readErr == nil {
		readErr = sa.parse(s.domain, use)
	}
	if readErr != nil {
		s.close()
		return s, readErr
	}
	return s, nil
}

// netTarget checks the destination sa under cat and makes it usable by the
// supervisor: a UNIX socket path is resolved against the caller's cwd and sa then
// names the checked inode through /proc/self/fd/N of the returned O_PATH fd (-1 when
// none was needed), which the caller closes after the call.
func (c *Call) netTarget(sa *sockaddr, cat sandbox.Category, errno unix.Errno) (int, error) {
	switch sa.kind {
	case addrNone:
		return -1, nil
	case addrUnixPath:
		return c.unixPeer(sa, cat, errno)
	}
	return -1, c.accessAddr(cat, sa, sa.String(), errno)
}

// unixPeer resolves a socket path as unix_find_bsd() does (relative to the caller's
// cwd, symlinks followed), checks the canonical path and points sa at the socket
// inode itself through an O_PATH fd: a name swapped after the check changes nothing,
// and paths longer than sun_path once made absolute still work. sa.name becomes the
// canonical path.
func (c *Call) unixPeer(sa *sockaddr, cat sandbox.Category, errno unix.Errno) (int, error) {
	res, err := c.resolveRead(unix.AT_FDCWD, sa.name, pathres.FollowLast|pathres.AllowMissing, false)
	if err != nil {
		return -1, err
	}
	defer res.Close()
	sa.name = res.Path
	if err := c.accessAddr(cat, sa, sa.name, errno); err != nil {
		return -1, err
	}
	if !res.Exists {
		return -1, unix.ENOENT
	}
	if err := pin(&res); err != nil {
		return -1, err
	}
	var st unix.Stat_t
	if err := unix.Fstat(res.Dir, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFSOCK {
		return -1, unix.ECONNREFUSED // what connect(2) says of a file that is no socket
	}
	fd := res.Dir
	res.Dir = -1
	sa.setUnixPath("/proc/self/fd/" + strconv.Itoa(fd))
	return fd, nil
}

func closeFD(fd int) {
	if fd >= 0 {
		unix.Close(fd)
	}
}

// checkAddr decides name (the address in Syd's notation) under cat: addresses bound
// under trace/allow_safe_bind are allowed for net/connect as if by the newest rule.
func (c *Call) checkAddr(cat sandbox.Category, sa *sockaddr, name string) decision {
	if !c.Policy.Enabled(cat) {
		return decision{act: sandbox.ActionAllow}
	}
	if cat == sandbox.CatNetConnect && safeBound.has(name) {
		return decision{act: sandbox.ActionAllow}
	}
	var a sandbox.Action
	if sa.kind == addrInet {
		a = c.Policy.CheckAddr(cat, sa.ip)
	} else {
		a = c.Policy.CheckUnix(cat, name)
	}
	return decision{act: a, cat: cat, key: sa.logKey()}
}

// accessAddr is checkAddr carried out: nil to proceed, else errno (after logging
// one line with a tip and applying the action).
func (c *Call) accessAddr(cat sandbox.Category, sa *sockaddr, name string, errno unix.Errno) error {
	return c.enforce(c.checkAddr(cat, sa, name), name, errno)
}

func sysBind(c *Call) (int64, error) {
	check := c.Policy.Enabled(sandbox.CatNetBind)
	learn := c.Policy.Has(sandbox.FlagAllowSafeBind) && c.Policy.Enabled(sandbox.CatNetConnect)
	if !check && !learn {
		return 0, errContinue
	}
	var sa sockaddr
	s, err := c.socketAndAddr(&sa, c.Arg(1), int64(int32(c.Arg(2))), useBind)
	if err != nil {
		return 0, err
	}
	defer s.close()
	if sa.kind == addrUnixPath {
		err = c.bindUnixPath(&s, &sa)
	} else {
		if sa.kind != addrNone {
			err = c.accessAddr(sandbox.CatNetBind, &sa, sa.String(), errnoBind)
		}
		if err == nil {
			err = sockcall(unix.SYS_BIND, s.fd, sa.bytes())
		}
	}
	if err != nil {
		return 0, err
	}
	if learn {
		safeBound.learn(&s, &sa)
	}
	return 0, nil
}

// bindUnixPath creates the socket file as unix_bind_bsd() would for the caller: the
// final name is created (never followed) in the directory the caller's path leads
// to, with the caller's umask. sa.name becomes the canonical path.
func (c *Call) bindUnixPath(s *callerSock, sa *sockaddr) error {
	a, err := c.resolveName(unix.AT_FDCWD, sa.name)
	if err != nil {
		return err
	}
	defer a.res.Close()
	if !a.res.Exists {
		if err := c.safeNew(a.res.Name); err != nil {
			return err
		}
	}
	sa.name = a.res.Path
	if err := c.accessAddr(sandbox.CatNetBind, sa, sa.name, errnoBind); err != nil {
		return err
	}
	umask, err := c.callerUmask()
	if err != nil {
		return err
	}
	return bindIn(s.fd, a.res.Dir, a.name, umask, c.as)
}

// bindIn binds sock to name in directory dir with umask applied to the socket file's
// mode. Both are per-process state (fs_struct) that every supervisor thread shares,
// so the bind runs on a fresh thread that first unshares them (CLONE_FS), and that
// thread is never given back to the Go scheduler: it ends with its goroutine. It
// takes the caller's identity as (nil: syd's) before it creates anything.
func bindIn(sock, dir int, name string, umask uint32, as *target) error {
	var sa sockaddr
	sa.setUnixPath(name)
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread exits with the goroutine
		if !as.become() {
			done <- unix.EACCES
			return
		}
		if err := unix.Unshare(unix.CLONE_FS); err != nil {
			done <- err
			return
		}
		unix.Umask(int(umask))
		if err := unix.Fchdir(dir); err != nil {
			done <- err
			return
		}
		done <- sockcall(unix.SYS_BIND, sock, sa.bytes())
	}()
	return <-done
}

// boundSet holds the addresses bound while trace/allow_safe_bind was on (spec 04 §3):
// connecting to them is allowed as if "allow/net/connect+ADDR" had been appended when
// they were bound. They are kept here rather than in the policy, which is locked by
// then in most runs; they are not shown in the JSON state.
type boundSet struct {
	mu    sync.RWMutex
	names map[string]struct{} // "ip!port", a canonical socket path or "@name"
	any   atomic.Bool
}

var safeBound boundSet

func (b *boundSet) has(name string) bool {
	if !b.any.Load() {
		return false
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	_, ok := b.names[name]
	return ok
}

// learn records the address s is bound to now: for IP the real one (the kernel's
// port when 0 was asked for), for UNIX paths the canonical path that was checked.
func (b *boundSet) learn(s *callerSock, sa *sockaddr) {
	name := sa.name
	if sa.kind != addrUnixPath {
		got, err := sockName(s.fd, false)
		if err != nil || got.parse(s.domain, useBind) != nil || got.kind == addrNone {
			return
		}
		name = got.String()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.names == nil {
		b.names = make(map[string]struct{})
	}
	b.names[name] = struct{}{}
	b.any.Store(true)
}

// peerSet remembers, for UNIX sockets the sandbox connected to a path through the
// supervisor, the canonical path that was checked, keyed by the connecting socket's
// inode. The peer's own name (getpeername) is the name its server bound, which can be
// relative; net/sendfd on such a connected socket then still sees the canonical path.
// An entry is only used while the peer still reports the name it had at connect time.
type peerSet struct {
	mu sync.Mutex
	m  map[uint64]peerEntry
}

type peerEntry struct {
	name  string // the peer's address bytes at connect time
	canon string // the canonical path checked then
}

// maxPeers bounds the set; it starts over when full (stale entries are harmless,
// and a forgotten one only means the peer's own name is checked).
const maxPeers = 4096

var unixPeers peerSet

func (p *peerSet) remember(s *callerSock, canon string) {
	var st unix.Stat_t
	peer, err := sockName(s.fd, true)
	if err != nil || unix.Fstat(s.fd, &st) != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil || len(p.m) >= maxPeers {
		p.m = make(map[uint64]peerEntry)
	}
	p.m[st.Ino] = peerEntry{name: string(peer.bytes()), canon: canon}
}

// canonical returns the checked path for the socket s whose peer address is peer.
func (p *peerSet) canonical(s *callerSock, peer *sockaddr) (string, bool) {
	var st unix.Stat_t
	if unix.Fstat(s.fd, &st) != nil {
		return "", false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	e, ok := p.m[st.Ino]
	if !ok || e.name != string(peer.bytes()) {
		return "", false
	}
	return e.canon, true
}
