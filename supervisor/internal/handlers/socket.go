// socket.go: the socket families a sandbox may create (spec 06 §5), checked on
// socket(2) and socketpair(2), and how the network handlers reach a caller's socket:
// pidfd_getfd gives the supervisor the caller's own open file description, on which
// it performs the call itself.
package handlers

import (
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	// Family checks need only the registers, so an allowed call continues; they
	// apply whatever categories are on.
	register(unix.SYS_SOCKET, "socket", sysSocket, nil)
	register(unix.SYS_SOCKETPAIR, "socketpair", sysSocketpair, nil)
}

// sockTypeMask is SOCK_TYPE_MASK: the type without SOCK_NONBLOCK and SOCK_CLOEXEC.
const sockTypeMask = 0xf

func sysSocket(c *Call) (int64, error) {
	if err := socketAllowed(c.Policy, int32(c.Arg(0)), int32(c.Arg(1))); err != nil {
		return 0, err
	}
	return 0, errContinue
}

func sysSocketpair(c *Call) (int64, error) {
	if err := socketAllowed(c.Policy, int32(c.Arg(0)), int32(c.Arg(1))); err != nil {
		return 0, err
	}
	return 0, errContinue
}

// socketAllowed applies the family restrictions: UNIX, IPv4, IPv6 and netlink
// sockets are allowed; raw IP sockets and packet sockets only with
// trace/allow_unsafe_socket (EACCES otherwise, as for a missing CAP_NET_RAW that a
// program can fall back from); kernel crypto sockets with trace/allow_safe_kcapi;
// every other family with trace/allow_unsupp_socket (EAFNOSUPPORT otherwise, what a
// kernel without that family says).
func socketAllowed(p *sandbox.Policy, domain, typ int32) error {
	switch domain {
	case unix.AF_UNIX, unix.AF_NETLINK:
		return nil
	case unix.AF_INET, unix.AF_INET6:
		if typ&sockTypeMask == unix.SOCK_RAW && !p.Has(sandbox.FlagAllowUnsafeSocket) {
			return unix.EACCES
		}
		return nil
	case unix.AF_PACKET:
		if !p.Has(sandbox.FlagAllowUnsafeSocket) {
			return unix.EACCES
		}
		return nil
	case unix.AF_ALG:
		if p.Has(sandbox.FlagAllowSafeKCAPI) || p.Has(sandbox.FlagAllowUnsuppSocket) {
			return nil
		}
		return unix.EAFNOSUPPORT
	}
	if p.Has(sandbox.FlagAllowUnsuppSocket) {
		return nil
	}
	return unix.EAFNOSUPPORT
}

// callerSock is the supervisor's duplicate of a caller's socket: the same open file
// description, so O_NONBLOCK, timeouts, connection state and errors are the caller's.
type callerSock struct {
	fd     int // our duplicate (close-on-exec)
	pidfd  int // the calling thread's pidfd (the receiver's, not closed here), for more of its fds and for signals
	domain int // SO_DOMAIN
}

func (s *callerSock) close() {
	if s.fd >= 0 {
		unix.Close(s.fd)
	}
}

// callerSocket duplicates the caller's fd with pidfd_getfd after validating the
// request (which also covers memory read before it). Errors are the kernel's:
// EBADF for a bad fd, ENOTSOCK for one that is not a socket.
func (c *Call) callerSocket(fd int32) (callerSock, error) {
	s := callerSock{fd: -1, pidfd: -1}
	if fd < 0 {
		return s, unix.EBADF
	}
	var err error
	if s.fd, err = c.callerFD(int(fd)); err != nil {
		return s, err
	}
	// callerFD left the validated pidfd in the receiver's cache.
	var ok bool
	if s.pidfd, ok = c.procs.Pidfd(c.Pid()); !ok {
		s.close()
		return s, errGone
	}
	if s.domain, err = unix.GetsockoptInt(s.fd, unix.SOL_SOCKET, unix.SO_DOMAIN); err != nil {
		// The kernel's socket calls do not see O_PATH fds at all: EBADF.
		if fl, ferr := unix.FcntlInt(uintptr(s.fd), unix.F_GETFL, 0); ferr == nil && fl&unix.O_PATH != 0 {
			err = unix.EBADF
		}
		s.close()
		return s, err // ENOTSOCK
	}
	return s, nil
}

// sockcall runs connect(2) or bind(2) on fd with the address bytes b.
func sockcall(nr uintptr, fd int, b []byte) error {
	var p *byte
	if len(b) > 0 {
		p = &b[0]
	}
	// The address is passed to the kernel as the ABI's (const struct sockaddr *, socklen_t).
	_, _, e := unix.Syscall(nr, uintptr(fd), uintptr(unsafe.Pointer(p)), uintptr(len(b)))
	if e != 0 {
		return e
	}
	return nil
}

// rawSockname runs getsockname(2) or getpeername(2) into buf and returns the length
// the kernel reports.
func rawSockname(nr uintptr, fd int, buf []byte) (int, error) {
	n := uint32(len(buf))
	// buf and n are the ABI's (struct sockaddr *, socklen_t *) out-parameters.
	_, _, e := unix.RawSyscall(nr, uintptr(fd), uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// rawSendto runs sendto(2) with the destination to, or without one when to is nil.
// An empty destination is passed as the caller passed it: a pointer with length 0.
func rawSendto(fd int, data []byte, flags uint32, to *sockaddr) (int, error) {
	var dp, tp *byte
	if len(data) > 0 {
		dp = &data[0]
	}
	tlen := 0
	if to != nil {
		tp, tlen = &to.raw[0], to.n
	}
	// data and to are the ABI's (const void *, size_t) and (const struct sockaddr *, socklen_t).
	n, _, e := unix.Syscall6(unix.SYS_SENDTO, uintptr(fd), uintptr(unsafe.Pointer(dp)), uintptr(len(data)),
		uintptr(flags), uintptr(unsafe.Pointer(tp)), uintptr(tlen))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// rawSendmsg runs sendmsg(2) with one data buffer, an optional name and control data.
func rawSendmsg(fd int, name, control, data []byte, msgFlags int32, flags uint32) (int, error) {
	var msg unix.Msghdr
	var iov unix.Iovec
	if len(name) > 0 {
		msg.Name, msg.Namelen = &name[0], uint32(len(name))
	}
	if len(data) > 0 {
		iov.Base = &data[0]
		iov.SetLen(len(data))
		msg.Iov, msg.Iovlen = &iov, 1
	}
	if len(control) > 0 {
		msg.Control = &control[0]
		msg.SetControllen(len(control))
	}
	msg.Flags = msgFlags
	// msg is the ABI's struct msghdr; its pointers reach only Go memory kept alive here.
	n, _, e := unix.Syscall(unix.SYS_SENDMSG, uintptr(fd), uintptr(unsafe.Pointer(&msg)), uintptr(flags))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}
