// This file benchmarks the policy decision and command application.

package sandbox

import (
	"fmt"
	"net/netip"
	"testing"
)

// ruleMix returns n rules of the shapes real profiles use; none matches
// benchPath, so CheckPath scans them all.
func ruleMix(n int) []string {
	shapes := []string{
		"allow/read+/usr/share/pkg%d/***",   // literal tree
		"allow/read+/var/lib/item%d",        // exact
		"deny/read+/home/*/proj%d/**",       // star and double star
		"allow/read+/opt/app%d/bin/*",       // trailing star
		"allow/read+/etc/conf%d.d/[a-z]*.c", // set
	}
	cmds := make([]string, n)
	for i := range cmds {
		cmds[i] = fmt.Sprintf(shapes[i%len(shapes)], i)
	}
	return cmds
}

const benchPath = "/home/user/projects/syd/src/sandbox/policy.go"

func BenchmarkCheckPath(b *testing.B) {
	for _, n := range []int{1, 100, 10000} {
		s := New()
		for _, c := range ruleMix(n) {
			if err := s.Apply(c); err != nil {
				b.Fatal(err)
			}
		}
		p := s.Policy()
		b.Run(fmt.Sprintf("rules=%d/miss", n), func(b *testing.B) {
			for b.Loop() {
				p.CheckPath(CatRead, benchPath)
			}
		})
		// The usual case in real profiles: a broad rule near the end matches.
		if err := s.Apply("allow/read+/home/***"); err != nil {
			b.Fatal(err)
		}
		p = s.Policy()
		b.Run(fmt.Sprintf("rules=%d/newest-hit", n), func(b *testing.B) {
			for b.Loop() {
				p.CheckPath(CatRead, benchPath)
			}
		})
	}
}

// addrMix returns n address rules of the shapes real profiles use (single
// hosts, networks, aliases, IPv6); none matches benchAddr.
func addrMix(n int) []string {
	shapes := []string{
		"allow/net/connect+10.%d.0.0/16!443",
		"allow/net/connect+192.0.2.%d!80",
		"deny/net/connect+2001:db8:%x::/48!0-65535",
		"allow/net/connect+LOOPBACK@%d",
		"allow/net/connect+fd00::%x!22",
	}
	cmds := make([]string, n)
	for i := range cmds {
		cmds[i] = fmt.Sprintf(shapes[i%len(shapes)], i%250+1)
	}
	return cmds
}

var benchAddr = netip.MustParseAddrPort("203.0.113.7:8443")

func BenchmarkCheckAddr(b *testing.B) {
	for _, n := range []int{1, 100, 10000} {
		s := New()
		for _, c := range addrMix(n) {
			if err := s.Apply(c); err != nil {
				b.Fatal(err)
			}
		}
		p := s.Policy()
		b.Run(fmt.Sprintf("rules=%d/miss", n), func(b *testing.B) {
			for b.Loop() {
				p.CheckAddr(CatNetConnect, benchAddr)
			}
		})
		if err := s.Apply("allow/net/connect+any4!0-65535"); err != nil {
			b.Fatal(err)
		}
		p = s.Policy()
		b.Run(fmt.Sprintf("rules=%d/newest-hit", n), func(b *testing.B) {
			for b.Loop() {
				p.CheckAddr(CatNetConnect, benchAddr)
			}
		})
	}
}

func BenchmarkCheckUnix(b *testing.B) {
	for _, n := range []int{1, 100, 10000} {
		s := New()
		for i := range n {
			if err := s.Apply(fmt.Sprintf("allow/net/connect+/run/user/%d/bus%d", i, i)); err != nil {
				b.Fatal(err)
			}
		}
		p := s.Policy()
		b.Run(fmt.Sprintf("rules=%d/miss", n), func(b *testing.B) {
			for b.Loop() {
				p.CheckUnix(CatNetConnect, "@/tmp/.X11-unix/X0")
			}
		})
	}
}

func TestLookupsDoNotAllocate(t *testing.T) {
	s := New()
	for _, c := range append(ruleMix(100), addrMix(100)...) {
		if err := s.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []string{"mask+/proc/cpuinfo", "append+/var/log/***", "allow/net/connect+@/tmp/*"} {
		if err := s.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	p := s.Policy()
	for name, fn := range map[string]func(){
		"CheckPath":  func() { p.CheckPath(CatRead, benchPath) },
		"CheckAddr":  func() { p.CheckAddr(CatNetConnect, benchAddr) },
		"CheckUnix":  func() { p.CheckUnix(CatNetConnect, "@/tmp/x") },
		"Masked":     func() { p.Masked("/proc/cpuinfo") },
		"AppendOnly": func() { p.AppendOnly("/var/log/syslog") },
		"Has":        func() { p.Has(FlagAllowSafeBind) },
		"Ioctl":      func() { p.Ioctl(0x5412) },
		"Force":      func() { p.Force("/bin/sh") },
	} {
		if n := testing.AllocsPerRun(100, fn); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
}

func BenchmarkApply(b *testing.B) {
	cmds := ruleMix(1000)
	for b.Loop() {
		s := New()
		for _, c := range cmds {
			if err := s.Apply(c); err != nil {
				b.Fatal(err)
			}
		}
	}
}
