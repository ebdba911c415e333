// sockaddr_test.go: how copied socket addresses are read for the policy.
package handlers

import (
	"encoding/binary"
	"net/netip"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func rawAddr(family uint16, tail ...byte) *sockaddr {
	var sa sockaddr
	binary.NativeEndian.PutUint16(sa.raw[:2], family)
	sa.n = 2 + copy(sa.raw[2:], tail)
	return &sa
}

func in4(port uint16, a [4]byte) []byte {
	return append([]byte{byte(port >> 8), byte(port)}, append(a[:], make([]byte, 8)...)...)
}

func in6(port uint16, a netip.Addr) []byte {
	b := a.As16()
	out := append([]byte{byte(port >> 8), byte(port), 0, 0, 0, 0}, b[:]...)
	return append(out, 0, 0, 0, 0) // sin6_scope_id
}

func TestSockaddrParse(t *testing.T) {
	mapped := netip.MustParseAddr("::ffff:10.1.2.3")
	tests := []struct {
		name   string
		sa     *sockaddr
		domain int
		use    addrUse
		want   string // String() of an address the policy checks, "" for none
		err    unix.Errno
	}{
		{"ipv4", rawAddr(unix.AF_INET, in4(80, [4]byte{127, 0, 0, 1})...), unix.AF_INET, useConnect, "127.0.0.1!80", 0},
		{"ipv4 short names nothing", rawAddr(unix.AF_INET, 0, 80, 127, 0), unix.AF_INET, useConnect, "", 0},
		{"ipv6", rawAddr(unix.AF_INET6, in6(443, netip.IPv6Loopback())...), unix.AF_INET6, useConnect, "::1!443", 0},
		{"ipv4-mapped is ipv4", rawAddr(unix.AF_INET6, in6(53, mapped)...), unix.AF_INET6, useSend, "10.1.2.3!53", 0},
		{"ipv4 on a UNIX socket is still checked", rawAddr(unix.AF_INET, in4(1, [4]byte{1, 2, 3, 4})...), unix.AF_UNIX, useSend, "1.2.3.4!1", 0},
		{"AF_UNSPEC connect disconnects", rawAddr(unix.AF_UNSPEC, in4(80, [4]byte{1, 1, 1, 1})...), unix.AF_INET, useConnect, "", 0},
		{"AF_UNSPEC send on IPv4 carries an address", rawAddr(unix.AF_UNSPEC, in4(80, [4]byte{1, 1, 1, 1})...), unix.AF_INET, useSend, "1.1.1.1!80", 0},
		{"AF_UNSPEC bind on IPv4", rawAddr(unix.AF_UNSPEC, in4(22, [4]byte{})...), unix.AF_INET, useBind, "0.0.0.0!22", 0},
		{"AF_UNSPEC on UNIX names nothing", rawAddr(unix.AF_UNSPEC, '/', 'x'), unix.AF_UNIX, useSend, "", 0},
		{"other family on IP refused", rawAddr(unix.AF_NETLINK, make([]byte, 10)...), unix.AF_INET, useSend, "", unix.EAFNOSUPPORT},
		{"other family elsewhere passes", rawAddr(unix.AF_NETLINK, make([]byte, 10)...), unix.AF_NETLINK, useSend, "", 0},
		{"unix path", rawAddr(unix.AF_UNIX, []byte("/run/x.sock\x00junk")...), unix.AF_UNIX, useConnect, "/run/x.sock", 0},
		{"unix path to the end", rawAddr(unix.AF_UNIX, []byte("rel")...), unix.AF_UNIX, useConnect, "rel", 0},
		{"abstract keeps NULs", rawAddr(unix.AF_UNIX, 0, 'a', 0, 'b'), unix.AF_UNIX, useConnect, "@a\x00b", 0},
		{"unnamed", rawAddr(unix.AF_UNIX), unix.AF_UNIX, useBind, "", 0},
		{"unix too long", rawAddr(unix.AF_UNIX, make([]byte, 120)...), unix.AF_UNIX, useBind, "", unix.EINVAL},
		{"unix on an IP socket names nothing", rawAddr(unix.AF_UNIX, '/', 'x'), unix.AF_INET, useConnect, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.sa.parse(tt.domain, tt.use)
			if tt.err != 0 {
				if err != tt.err {
					t.Fatalf("parse: %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			got := ""
			if tt.sa.kind != addrNone {
				got = tt.sa.String()
			}
			if got != tt.want {
				t.Fatalf("address %q, want %q", got, tt.want)
			}
		})
	}
}

// FuzzSockaddrParse: any bytes for any socket give a consistent reading: an IP
// address only from enough bytes, UNIX names only on UNIX sockets, and the bytes
// themselves untouched.
func FuzzSockaddrParse(f *testing.F) {
	f.Add([]byte{2, 0, 0, 80, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, uint8(2), uint8(0))
	f.Add([]byte{1, 0, '/', 't', 'm', 'p'}, uint8(1), uint8(2))
	f.Add([]byte{1, 0, 0, 'a'}, uint8(1), uint8(1))
	f.Add([]byte{0, 0}, uint8(10), uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, domain, use uint8) {
		if len(b) > sockaddrMax {
			b = b[:sockaddrMax]
		}
		var sa sockaddr
		sa.n = copy(sa.raw[:], b)
		before := string(sa.bytes())
		err := sa.parse(int(domain%48), addrUse(use%3))
		if string(sa.bytes()) != before {
			t.Fatal("parse changed the bytes")
		}
		if err != nil {
			return
		}
		switch sa.kind {
		case addrInet:
			if sa.n < sockaddrInLen {
				t.Fatalf("IP address from %d bytes", sa.n)
			}
		case addrUnixPath, addrAbstract:
			if int(domain%48) != unix.AF_UNIX {
				t.Fatal("UNIX name on another socket")
			}
			if sa.kind == addrAbstract && !strings.HasPrefix(sa.name, "@") {
				t.Fatal("abstract name without @")
			}
			if sa.kind == addrUnixPath && (sa.name == "" || strings.IndexByte(sa.name, 0) >= 0) {
				t.Fatalf("bad path %q", sa.name)
			}
		}
	})
}
