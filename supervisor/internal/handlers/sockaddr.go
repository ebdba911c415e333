// sockaddr.go: socket addresses copied out of a caller, parsed the way the kernel will
// read them (IPv4, IPv6, UNIX path, abstract name, unnamed) and kept as the exact bytes
// the supervisor then hands to the kernel, so what was checked is what is used.
package handlers

import (
	"encoding/binary"
	"net/netip"
	"strconv"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/tracee"
)

const (
	sockaddrMax   = 128 // sizeof(struct sockaddr_storage)
	sockaddrInLen = 16  // sizeof(struct sockaddr_in)
	sin6LenRFC    = 24  // SIN6_LEN_RFC2133: a sockaddr_in6 without sin6_scope_id
	sockaddrUnMax = 110 // sizeof(struct sockaddr_un)
	sunPathOff    = 2   // offsetof(struct sockaddr_un, sun_path)
)

// addrUse says what the kernel does with an address: it matters for AF_UNSPEC.
type addrUse uint8

const (
	useConnect addrUse = iota // connect(2): AF_UNSPEC disconnects
	useBind                   // bind(2)
	useSend                   // sendto(2), sendmsg(2): AF_UNSPEC can carry an address
)

// addrKind is what a sockaddr names, as far as the policy is concerned.
type addrKind uint8

const (
	addrNone     addrKind = iota // nothing the policy checks: no destination, unnamed, other families
	addrInet                     // an IPv4 or IPv6 address and port (IPv4-mapped IPv6 unmapped)
	addrUnixPath                 // a UNIX socket path as the caller wrote it (maybe relative)
	addrAbstract                 // an abstract UNIX name, written "@name"
)

// sockaddr is one address copied from the caller.
type sockaddr struct {
	raw  [sockaddrMax]byte
	n    int // bytes of raw in use
	kind addrKind
	ip   netip.AddrPort // addrInet
	name string         // addrUnixPath: the path; addrAbstract: "@" + name
}

// bytes returns the address exactly as copied.
func (sa *sockaddr) bytes() []byte { return sa.raw[:sa.n] }

// family is sa_family, or AF_UNSPEC for an address too short to hold one.
func (sa *sockaddr) family() int {
	if sa.n < 2 {
		return unix.AF_UNSPEC
	}
	return int(binary.NativeEndian.Uint16(sa.raw[:2]))
}

// readSockaddr copies n bytes at addr of the caller, with move_addr_to_kernel()'s
// rules: more than sockaddr_storage or a negative length is EINVAL, a fault EFAULT.
// The caller validates the request afterwards (callerSocket does).
func (c *Call) readSockaddr(sa *sockaddr, addr uint64, n int64) error {
	if n < 0 || n > sockaddrMax {
		return unix.EINVAL
	}
	sa.n = int(n)
	if n == 0 {
		return nil
	}
	if tracee.Read(c.Pid(), addr, sa.raw[:n]) != nil {
		return unix.EFAULT
	}
	return nil
}

// parse decides what sa names for a socket of the given domain. The bytes are read
// as the kernel's protocols read them, and where they differ the reading that names
// an address wins, so nothing the kernel can use escapes the check:
//   - AF_INET and AF_INET6 are addresses for any socket (AF_SMC, MPTCP, ... use them);
//   - AF_UNSPEC disconnects in connect(2), but in bind(2) on AF_INET and in sends by
//     UDP and raw sockets it carries an address of the socket's own family;
//   - AF_UNIX names a path or an abstract name on AF_UNIX sockets only;
//   - any other family on an IP socket is refused (EAFNOSUPPORT) rather than guessed.
//
// Addresses too short to hold what their family needs name nothing: every protocol
// that reads them fails with EINVAL first.
func (sa *sockaddr) parse(domain int, use addrUse) error {
	sa.kind = addrNone
	fam := sa.family()
	if sa.n < 2 {
		return nil
	}
	if fam == unix.AF_UNSPEC {
		if use == useConnect || (domain != unix.AF_INET && domain != unix.AF_INET6) {
			return nil // a disconnect, or refused by the protocol (AF_UNIX: EINVAL)
		}
		fam = domain
	}
	switch fam {
	case unix.AF_INET:
		if sa.n >= sockaddrInLen {
			a := netip.AddrFrom4([4]byte(sa.raw[4:8]))
			sa.setInet(a)
		}
		return nil
	case unix.AF_INET6:
		if sa.n >= sin6LenRFC {
			a := netip.AddrFrom16([16]byte(sa.raw[8:24]))
			sa.setInet(a)
		}
		return nil
	case unix.AF_UNIX:
		if domain != unix.AF_UNIX {
			return nil
		}
		return sa.parseUnix()
	}
	if domain == unix.AF_INET || domain == unix.AF_INET6 {
		return unix.EAFNOSUPPORT
	}
	return nil
}

func (sa *sockaddr) setInet(a netip.Addr) {
	sa.kind = addrInet
	sa.ip = netip.AddrPortFrom(a.Unmap(), binary.BigEndian.Uint16(sa.raw[2:4]))
}

// parseUnix reads sun_path like unix_mkname_bsd(): a path ends at the first NUL or
// at the address length; a leading NUL makes the rest, NULs included, an abstract
// name; an address of only the family is unnamed (autobind for bind).
func (sa *sockaddr) parseUnix() error {
	if sa.n > sockaddrUnMax {
		return unix.EINVAL
	}
	if sa.n == sunPathOff {
		return nil // unnamed
	}
	p := sa.raw[sunPathOff:sa.n]
	if p[0] == 0 {
		sa.kind, sa.name = addrAbstract, "@"+string(p[1:])
		return nil
	}
	for i, b := range p {
		if b == 0 {
			p = p[:i]
			break
		}
	}
	sa.kind, sa.name = addrUnixPath, string(p)
	return nil
}

// setUnixPath replaces the address by an AF_UNIX one naming path, which must fit
// sun_path; the kind and name stay those that were checked.
func (sa *sockaddr) setUnixPath(path string) {
	clear(sa.raw[:])
	binary.NativeEndian.PutUint16(sa.raw[:2], unix.AF_UNIX)
	copy(sa.raw[sunPathOff:], path)
	sa.n = min(sunPathOff+len(path)+1, sockaddrUnMax)
}

// String renders the address as Syd's logs and rules write it: "ip!port" or a path.
func (sa *sockaddr) String() string {
	if sa.kind == addrInet {
		return formatAddr(sa.ip)
	}
	return sa.name
}

// formatAddr writes ap in Syd's notation, "127.0.0.1!80" or "::1!80".
func formatAddr(ap netip.AddrPort) string {
	return ap.Addr().WithZone("").String() + "!" + strconv.Itoa(int(ap.Port()))
}

// logKey is the log key naming the address: "addr" for IP, "unix" for UNIX sockets.
func (sa *sockaddr) logKey() string {
	if sa.kind == addrInet {
		return "addr"
	}
	return "unix"
}

// sockName returns the local (getsockname) or peer (getpeername) address of fd as raw
// bytes, in a sockaddr whose kind is parsed for an AF_UNIX socket.
func sockName(fd int, peer bool) (sockaddr, error) {
	var sa sockaddr
	nr := uintptr(unix.SYS_GETSOCKNAME)
	if peer {
		nr = unix.SYS_GETPEERNAME
	}
	n, err := rawSockname(nr, fd, sa.raw[:])
	if err != nil {
		return sa, err
	}
	sa.n = min(n, sockaddrMax)
	return sa, nil
}
