// This file tests parsing and matching of network rule values.

package netaddr

import (
	"net/netip"
	"strings"
	"testing"
)

func TestParseAndMatch(t *testing.T) {
	for _, tc := range []struct {
		rule    string
		match   []string
		noMatch []string
	}{
		{"127.0.0.1!80", []string{"127.0.0.1:80", "[::ffff:127.0.0.1]:80"}, []string{"127.0.0.1:81", "127.0.0.2:80", "[::1]:80"}},
		{"10.0.0.0/8!1024-65535", []string{"10.1.2.3:1024", "10.255.255.255:65535"}, []string{"10.0.0.1:1023", "11.0.0.1:2000"}},
		{"10.1.2.3/8!0", []string{"10.9.9.9:0"}, []string{"10.9.9.9:1"}},
		{"::1!0", []string{"[::1]:0"}, []string{"127.0.0.1:0", "[::2]:0"}},
		{"::/0!443", []string{"[2001:db8::1]:443", "[::1]:443"}, []string{"1.2.3.4:443", "[::ffff:1.2.3.4]:443"}},
		{"0.0.0.0/0!0-65535", []string{"1.2.3.4:5", "[::ffff:8.8.8.8]:53"}, []string{"[2001:db8::1]:53"}},
		{"::ffff:192.168.0.0/112!22", []string{"192.168.7.7:22", "[::ffff:192.168.1.1]:22"}, []string{"192.169.0.1:22"}},
		{"LOOPBACK@0", []string{"127.0.0.1:0", "127.3.4.5:0", "[::1]:0"}, []string{"127.0.0.1:1", "[::2]:0"}},
		{"LOOPBACK@1024-65535", []string{"127.0.0.1:1024", "[::1]:65535"}, []string{"127.0.0.1:1023"}},
		{"LOOPBACK6@0", []string{"[::1]:0"}, []string{"127.0.0.1:0"}},
		{"loopback4!22", []string{"127.0.0.1:22"}, []string{"[::1]:22"}},
		{"any", []string{"1.2.3.4:1", "[2001:db8::1]:65535"}, nil},
		{"Any4", []string{"1.2.3.4:1"}, []string{"[2001:db8::1]:1"}},
		{"any6!53", []string{"[2001:db8::1]:53"}, []string{"8.8.8.8:53", "[::ffff:8.8.8.8]:53", "[::1]:54"}},
		{"local", []string{"10.1.1.1:1", "172.16.5.5:1", "192.168.1.1:1", "127.0.0.1:1", "[fd00::1]:1", "[fe80::1]:1"}, []string{"8.8.8.8:1", "172.32.0.1:1", "[2001:db8::1]:1"}},
		{"local4", []string{"10.0.0.1:9"}, []string{"[fd00::1]:9"}},
		{"linklocal", []string{"169.254.1.1:1", "[fe80::1]:1"}, []string{"169.255.0.1:1", "[fec0::1]:1"}},
		{"linklocal6@80", []string{"[fe80::abcd]:80"}, []string{"169.254.1.1:80"}},
		{"MULTICAST", []string{"224.0.0.1:5353", "239.255.255.250:1900", "[ff02::fb]:5353"}, []string{"240.0.0.1:1"}},
		{"multicast4!5353", []string{"224.0.0.251:5353"}, []string{"[ff02::fb]:5353"}},
		{"multicast6", []string{"[ff02::1]:1"}, []string{"224.0.0.1:1"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			p, err := Parse(tc.rule)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.rule, err)
			}
			for _, s := range tc.match {
				if !p.Match(KeyOf(netip.MustParseAddrPort(s))) {
					t.Errorf("%q does not match %s", tc.rule, s)
				}
			}
			for _, s := range tc.noMatch {
				if p.Match(KeyOf(netip.MustParseAddrPort(s))) {
					t.Errorf("%q matches %s", tc.rule, s)
				}
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	for _, tc := range []struct{ in, why string }{
		{"", "empty"},
		{"!80", "missing address"},
		{"@0", "missing address"},
		{"127.0.0.1", "needs a port"},
		{"127.0.0.1!", "invalid port"},
		{"127.0.0.1!x", "invalid port"},
		{"127.0.0.1!+80", "invalid port"},
		{"127.0.0.1!65536", "invalid port"},
		{"127.0.0.1!100000", "invalid port"},
		{"127.0.0.1!2-1", "invalid port range"},
		{"127.0.0.1!1-", "invalid port"},
		{"127.0.0.1/33!1", "invalid prefix length"},
		{"127.0.0.1/!1", "invalid prefix length"},
		{"127.0.0.1/-1!1", "invalid prefix length"},
		{"::1/129!1", "invalid prefix length"},
		{"localhost!80", "unknown alias"},
		{"any/8!80", "unknown alias"},
		{"fe80::1%eth0!80", "zones"},
		{"1.2.3!80", "invalid IP address"},
	} {
		_, err := Parse(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("Parse(%q) = %v, want an error mentioning %q", tc.in, err, tc.why)
		}
	}
}

func TestPrefixesAndPortsShowTheCompiledRule(t *testing.T) {
	p, err := Parse("LOCAL4@1024-2048")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, pf := range p.Prefixes() {
		got = append(got, pf.String())
	}
	if strings.Join(got, " ") != "127.0.0.0/8 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16" || p.Ports().String() != "1024-2048" {
		t.Errorf("prefixes %v ports %v", got, p.Ports())
	}
	if !IsAlias("LoopBack6") || IsAlias("localhost") {
		t.Error("IsAlias is wrong")
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	p, _ := Parse("local")
	k := KeyOf(netip.MustParseAddrPort("[2001:db8::1]:80"))
	if n := testing.AllocsPerRun(100, func() { p.Match(k) }); n != 0 {
		t.Errorf("Match allocates %v times", n)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"127.0.0.1!80", "LOOPBACK@0", "::1/128!0-65535", "any", "local6@1-2", "10.0.0.0/8!1024-65535",
		"::ffff:1.2.3.4/120!1", "fe80::1%x!1", "!", "@", "/!", "1.2.3.4/0!0", "a!b@c", "ANY4!65535",
	} {
		f.Add(s, "127.0.0.1:80")
	}
	f.Fuzz(func(t *testing.T, rule, addr string) {
		p, err := Parse(rule)
		if err != nil {
			return
		}
		if len(p.Prefixes()) == 0 {
			t.Fatalf("Parse(%q) gave no networks", rule)
		}
		ap, err := netip.ParseAddrPort(addr)
		if err != nil {
			return
		}
		got := p.Match(KeyOf(ap))
		// Reference: netip's own Contains on the unmapped address, same family.
		want := false
		a := ap.Addr().Unmap().WithZone("")
		for _, pf := range p.Prefixes() {
			if pf.Contains(a) {
				want = true
			}
		}
		want = want && p.Ports().Contains(ap.Port())
		if got != want {
			t.Fatalf("%q.Match(%s) = %v, netip says %v", rule, addr, got, want)
		}
	})
}
