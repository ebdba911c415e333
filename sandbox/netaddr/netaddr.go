// Package netaddr compiles the address values of Syd's network rules (spec 04 §3)
// and matches socket addresses against them without allocating.
//
// A value is an IP address or an alias, an optional prefix length, and a port
// part after '!' (or '@', the sydbox-1 spelling Paludis still sends):
//
//	127.0.0.1!80   10.0.0.0/8!1024-65535   ::1!0   LOOPBACK@0   any6!443
//
// Aliases are case-insensitive and stand for several networks: any, loopback,
// local, linklocal and multicast, each also with a "4" or "6" suffix for one
// family. An address needs a port part; an alias without one covers every
// port. Port 0 is an ordinary port (binding to port 0 asks for an ephemeral
// port), and "0-65535" covers them all.
//
// IPv4 and IPv6 are matched separately, with one exception: an IPv4-mapped
// IPv6 address (::ffff:a.b.c.d) is treated as the IPv4 address a.b.c.d, both
// in rules and in the addresses checked, so a dual-stack socket talking to an
// IPv4 peer matches IPv4 rules, and any6 or ::/0 never match IPv4 peers.
package netaddr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Net is one network in a family-tagged 128-bit form: IPv4 networks are kept
// as IPv4-mapped IPv6 so that one comparison serves both families.
type Net struct {
	hi, lo   uint64 // the network address, masked
	mhi, mlo uint64 // the mask
	v6       bool   // family: false for IPv4 (mapped addresses included)
}

// Ports is an inclusive port range.
type Ports struct{ Lo, Hi uint16 }

// AllPorts is the range of every port.
var AllPorts = Ports{0, 65535}

// Contains reports whether port is in the range.
func (p Ports) Contains(port uint16) bool { return p.Lo <= port && port <= p.Hi }

// String renders the range as written in rules: "80" or "1024-65535".
func (p Ports) String() string {
	if p.Lo == p.Hi {
		return strconv.Itoa(int(p.Lo))
	}
	return strconv.Itoa(int(p.Lo)) + "-" + strconv.Itoa(int(p.Hi))
}

// Pattern is a compiled rule value: a set of networks and one port range.
// The zero Pattern matches nothing.
type Pattern struct {
	nets  []Net
	ports Ports
}

// Key is a socket address prepared for matching; see KeyOf.
type Key struct {
	hi, lo uint64
	port   uint16
	v6     bool
}

// KeyOf prepares ap for Match. An IPv4-mapped IPv6 address becomes IPv4 and
// a zone is ignored.
func KeyOf(ap netip.AddrPort) Key {
	a := ap.Addr().Unmap()
	b := a.As16()
	return Key{
		hi:   binary.BigEndian.Uint64(b[:8]),
		lo:   binary.BigEndian.Uint64(b[8:]),
		port: ap.Port(),
		v6:   a.Is6(),
	}
}

// Match reports whether k is in one of the pattern's networks and its port in
// the pattern's range. It does not allocate.
func (p *Pattern) Match(k Key) bool {
	if !p.ports.Contains(k.port) {
		return false
	}
	for i := range p.nets {
		n := &p.nets[i]
		if n.v6 == k.v6 && k.hi&n.mhi == n.hi && k.lo&n.mlo == n.lo {
			return true
		}
	}
	return false
}

// Ports returns the pattern's port range.
func (p *Pattern) Ports() Ports { return p.ports }

// Prefixes returns the pattern's networks (aliases expanded).
func (p *Pattern) Prefixes() []netip.Prefix {
	out := make([]netip.Prefix, 0, len(p.nets))
	for _, n := range p.nets {
		var b [16]byte
		binary.BigEndian.PutUint64(b[:8], n.hi)
		binary.BigEndian.PutUint64(b[8:], n.lo)
		bits := onesCount(n.mhi) + onesCount(n.mlo)
		a := netip.AddrFrom16(b)
		if !n.v6 {
			a, bits = a.Unmap(), bits-96
		}
		out = append(out, netip.PrefixFrom(a, bits))
	}
	return out
}

func onesCount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// aliases maps the lower-case alias names to their networks.
var aliases = func() map[string][]netip.Prefix {
	p := func(ss ...string) []netip.Prefix {
		out := make([]netip.Prefix, len(ss))
		for i, s := range ss {
			out[i] = netip.MustParsePrefix(s)
		}
		return out
	}
	m := map[string][]netip.Prefix{
		"any4":       p("0.0.0.0/0"),
		"any6":       p("::/0"),
		"loopback4":  p("127.0.0.0/8"),
		"loopback6":  p("::1/128"),
		"local4":     p("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
		"local6":     p("::1/128", "fe80::/10", "fc00::/7", "fec0::/10"),
		"linklocal4": p("169.254.0.0/16"),
		"linklocal6": p("fe80::/10"),
		"multicast4": p("224.0.0.0/4"),
		"multicast6": p("ff00::/8"),
	}
	for _, name := range []string{"any", "loopback", "local", "linklocal", "multicast"} {
		m[name] = append(append([]netip.Prefix(nil), m[name+"4"]...), m[name+"6"]...)
	}
	return m
}()

// IsAlias reports whether name (in any case) is an address alias.
func IsAlias(name string) bool {
	_, ok := aliases[strings.ToLower(name)]
	return ok
}

// Parse compiles a network rule value. It never panics; every malformed value
// is an error naming what is wrong.
func Parse(s string) (Pattern, error) {
	if s == "" {
		return Pattern{}, errors.New("empty address")
	}
	host, ports, hasPorts := cutPorts(s)
	if host == "" {
		return Pattern{}, fmt.Errorf("missing address before %q", s[len(host)])
	}
	var pat Pattern
	if prefixes, ok := aliases[strings.ToLower(host)]; ok {
		for _, pf := range prefixes {
			pat.nets = append(pat.nets, netOf(pf))
		}
		pat.ports = AllPorts
	} else {
		pf, err := parsePrefix(host)
		if err != nil {
			return Pattern{}, err
		}
		if !hasPorts {
			return Pattern{}, fmt.Errorf("address %q needs a port: write %s!PORT or %s!LOW-HIGH", host, host, host)
		}
		pat.nets = []Net{netOf(pf)}
	}
	if hasPorts {
		p, err := ParsePorts(ports)
		if err != nil {
			return Pattern{}, err
		}
		pat.ports = p
	}
	return pat, nil
}

// cutPorts splits "host!ports" (or "host@ports") at the last separator.
func cutPorts(s string) (host, ports string, ok bool) {
	if i := strings.LastIndexByte(s, '!'); i >= 0 {
		return s[:i], s[i+1:], true
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// parsePrefix parses "addr" or "addr/bits" into a masked prefix.
func parsePrefix(s string) (netip.Prefix, error) {
	addrText, bitsText, hasBits := strings.Cut(s, "/")
	a, err := netip.ParseAddr(addrText)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("invalid IP address %q (or unknown alias)", addrText)
	}
	if a.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("address %q: zones are not supported in rules", addrText)
	}
	bits := a.BitLen()
	if hasBits {
		n, err := strconv.Atoi(bitsText)
		if err != nil || n < 0 || n > a.BitLen() || bitsText == "" || bitsText[0] == '+' || bitsText[0] == '-' {
			return netip.Prefix{}, fmt.Errorf("invalid prefix length %q for %s (want 0-%d)", bitsText, addrText, a.BitLen())
		}
		bits = n
	}
	pf, err := a.Prefix(bits)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("invalid prefix %q: %v", s, err)
	}
	return pf, nil
}

// netOf converts a prefix; an IPv6 prefix inside ::ffff:0:0/96 becomes the
// IPv4 prefix it maps, so that mapped rules and mapped peers agree.
func netOf(pf netip.Prefix) Net {
	a, bits := pf.Addr(), pf.Bits()
	v6 := a.Is6()
	if a.Is4In6() && bits >= 96 {
		v6 = false
	}
	if !a.Is6() {
		bits += 96
	}
	b := a.As16()
	var n Net
	n.v6 = v6
	n.mhi, n.mlo = maskOf(bits)
	n.hi = binary.BigEndian.Uint64(b[:8]) & n.mhi
	n.lo = binary.BigEndian.Uint64(b[8:]) & n.mlo
	return n
}

func maskOf(bits int) (hi, lo uint64) {
	switch {
	case bits <= 0:
		return 0, 0
	case bits < 64:
		return ^uint64(0) << (64 - bits), 0
	case bits == 64:
		return ^uint64(0), 0
	case bits < 128:
		return ^uint64(0), ^uint64(0) << (128 - bits)
	}
	return ^uint64(0), ^uint64(0)
}

// ParsePorts parses "N" or "N-M" (inclusive, N <= M, both 0-65535).
func ParsePorts(s string) (Ports, error) {
	loText, hiText, isRange := strings.Cut(s, "-")
	lo, err := parsePort(loText)
	if err != nil {
		return Ports{}, err
	}
	if !isRange {
		return Ports{lo, lo}, nil
	}
	hi, err := parsePort(hiText)
	if err != nil {
		return Ports{}, err
	}
	if lo > hi {
		return Ports{}, fmt.Errorf("invalid port range %q: %d > %d", s, lo, hi)
	}
	return Ports{lo, hi}, nil
}

func parsePort(s string) (uint16, error) {
	if s == "" || len(s) > 5 {
		return 0, fmt.Errorf("invalid port %q (want 0-65535)", s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("invalid port %q (want 0-65535)", s)
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > 65535 {
		return 0, fmt.Errorf("invalid port %q (want 0-65535)", s)
	}
	return uint16(n), nil
}
