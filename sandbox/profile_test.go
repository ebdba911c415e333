// This file tests the built-in profiles: golden JSON states, and what the important ones allow and deny.

package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// loadProfile applies profile name to a new sandbox with a fixed home and no
// user configuration files, so that the result does not depend on the host.
func loadProfile(t *testing.T, name string) *Policy {
	t.Helper()
	t.Setenv("HOME", "/home/user")
	old := userConfigFiles
	userConfigFiles = func() []string { return nil }
	t.Cleanup(func() { userConfigFiles = old })
	s := New()
	if err := s.LoadProfile(name); err != nil {
		t.Fatalf("LoadProfile(%q): %v", name, err)
	}
	return s.Policy()
}

func TestProfilesMatchGoldenState(t *testing.T) {
	for _, name := range ProfileNames() {
		t.Run(name, func(t *testing.T) {
			b, err := loadProfile(t, name).MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, b, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			golden := filepath.Join("testdata", "profiles", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./sandbox -run TestProfilesMatchGoldenState -update)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				t.Errorf("state after -p %s differs from %s (run with -update if intended):\n%s", name, golden, pretty.Bytes())
			}
		})
	}
}

func TestEveryProfileIsListedDescribedAndLoads(t *testing.T) {
	names := ProfileNames()
	for _, want := range []string{"off", "lib", "linux", "tty", "user", "paludis", "ltp", "container", "immutable",
		"landlock", "noipv4", "noipv6", "privileged", "silent", "quiet", "trace", "nopie", "nomem", "core", "debug", "oci"} {
		if !slices.Contains(names, want) {
			t.Errorf("profile %q is missing", want)
		}
	}
	for _, name := range names {
		text, _ := ProfileText(name)
		if !strings.HasPrefix(ProfileSummary(name), name+": ") || !strings.Contains(text, "# Based on: ") {
			t.Errorf("profile %s does not start with '# %s: purpose' and a '# Based on:' line", name, name)
		}
		loadProfile(t, name)
	}
}

func TestUnknownProfileIsEINVAL(t *testing.T) {
	for _, name := range []string{"bogus", "", "../profiles/user", "user.syd-3", "PALUDIS"} {
		if err := New().LoadProfile(name); !errors.Is(err, syscall.EINVAL) {
			t.Errorf("LoadProfile(%q) = %v, want EINVAL", name, err)
		}
	}
}

func TestDefaultsWithoutProfileDenyEverything(t *testing.T) {
	p := New().Policy()
	for c := range NumCategories {
		if !p.Enabled(c) || p.CheckPath(c, "/usr/bin/true") != ActionDeny {
			t.Errorf("%v is not on and denying by default", c)
		}
	}
	if p.CheckAddr(CatNetConnect, netip.MustParseAddrPort("127.0.0.1:80")) != ActionDeny {
		t.Error("connect is not denied by default")
	}
}

func TestPaludisProfile(t *testing.T) {
	p := loadProfile(t, "paludis")
	if p.Lock() != LockExec {
		t.Errorf("lock = %v, want exec (ebuild.bash configures the sandbox through /dev/syd)", p.Lock())
	}
	for _, tc := range []struct {
		c    Category
		path string
		want Action
	}{
		{CatWrite, "/var/tmp/paludis/build/foo-1/work/foo-1/config.h", ActionAllow},
		{CatCreate, "/var/tmp/paludis/build/foo-1/image/usr/bin/foo", ActionAllow},
		{CatExec, "/var/tmp/paludis/build/foo-1/work/foo-1/conftest", ActionAllow},
		{CatWrite, "/tmp/ccXYZ.s", ActionAllow},
		{CatWrite, "/dev/null", ActionAllow},
		{CatWrite, "/dev/pts/3", ActionAllow},
		{CatWrite, "/dev/shm/sem.x", ActionAllow},
		{CatWrite, "/proc/self/attr/current", ActionAllow},
		{CatExec, "/usr/bin/gcc", ActionAllow},
		{CatExec, "/bin/sh", ActionAllow},
		{CatRead, "/usr/include/stdio.h", ActionAllow},
		{CatRead, "/etc/passwd", ActionAllow},
		{CatRead, "/lib64/ld-linux-x86-64.so.2", ActionAllow},
		{CatRead, "/var/cache/paludis/distfiles/foo-1.tar.xz", ActionAllow},
		{CatStat, "/proc/self/status", ActionAllow},
		{CatRead, "/etc/shadow", ActionDeny},
		{CatWrite, "/usr/bin/foo", ActionDeny},
		{CatWrite, "/etc/passwd", ActionDeny},
		{CatWrite, "/home/user/.bashrc", ActionDeny},
		{CatDelete, "/usr/lib/libc.so.6", ActionDeny},
		{CatRead, "/root/.ssh/id_ed25519", ActionDeny},
	} {
		if got := p.CheckPath(tc.c, tc.path); got != tc.want {
			t.Errorf("%v %s = %v, want %v", tc.c, tc.path, got, tc.want)
		}
	}
	for _, tc := range []struct {
		c    Category
		addr string
		want Action
	}{
		{CatNetBind, "127.0.0.1:0", ActionAllow},
		{CatNetBind, "[::1]:0", ActionAllow},
		{CatNetBind, "127.0.0.1:8080", ActionAllow},
		{CatNetBind, "[::1]:65535", ActionAllow},
		{CatNetBind, "[::ffff:127.0.0.1]:2000", ActionAllow},
		{CatNetBind, "127.0.0.1:80", ActionDeny},
		{CatNetBind, "0.0.0.0:8080", ActionDeny},
		{CatNetConnect, "127.0.0.1:5432", ActionAllow},
		{CatNetConnect, "93.184.216.34:443", ActionDeny},
	} {
		if got := p.CheckAddr(tc.c, netip.MustParseAddrPort(tc.addr)); got != tc.want {
			t.Errorf("%v %s = %v, want %v", tc.c, tc.addr, got, tc.want)
		}
	}
	for _, tc := range []struct {
		c    Category
		path string
		want Action
	}{
		{CatNetConnect, "/run/nscd/socket", ActionAllow},
		{CatNetConnect, "/var/run/nscd/socket", ActionAllow},
		{CatNetBind, "/var/tmp/paludis/build/foo-1/temp/sock", ActionAllow},
		{CatNetBind, "@/var/tmp/paludis/build/foo-1/temp", ActionAllow},
		{CatNetConnect, "/run/dbus/system_bus_socket", ActionDeny},
		{CatNetConnect, "@/tmp/.X11-unix/X0", ActionAllow},
	} {
		if got := p.CheckUnix(tc.c, tc.path); got != tc.want {
			t.Errorf("%v %s = %v, want %v", tc.c, tc.path, got, tc.want)
		}
	}
	if !p.Has(FlagAllowSafeBind) || !p.Has(FlagAllowUnsuppSocket) {
		t.Error("paludis must allow safe bind and unsupported socket families")
	}
}

// TestPaludisRuntimeCommandsWork replays what Paludis's ebuild.bash sends
// through /dev/syd after starting under -p paludis (users.md §4).
func TestPaludisRuntimeCommandsWork(t *testing.T) {
	p := loadProfile(t, "paludis")
	s := &Sandbox{}
	s.cur.Store(p)
	s.Start()
	for _, cmd := range []string{
		"sandbox/all?", "sandbox/net?",
		"allow/all+/dev/stdout", "allow/all+/dev/console", "allow/all+/proc/self/fd", "allow/all+/selinux/context",
		"allow/all+/var/cache", "allow/all+/var/tmp/paludis", "allow/all+/var/cache/ccache",
		"allow/net/bind+LOOPBACK@0", "allow/net/bind+LOOPBACK@1024-65535",
		"allow/net/bind+LOOPBACK6@0", "allow/net/bind+LOOPBACK6@1024-65535",
		"allow/net/connect+/var/run/nscd/socket", "allow/net/connect+/run/nscd/socket",
		"allow/net/bind+/var/tmp/paludis/build/foo-1/temp", "allow/net/bind+@/var/tmp/paludis/build/foo-1/temp",
		"allow/net/connect+0.0.0.0/0@3632", "allow/net/connect+/tmp/distcc-pump.*/socket",
		"lock:exec", "sandbox/net:off", "sandbox/net:on", "sandbox/exec:on", "allow/exec+/usr/libexec/paludis/x",
		"sandbox/exec:off", "deny/all+/home", "deny/all-/home", "allow/net/bind-LOOPBACK@0",
	} {
		if _, err := s.ApplyFrom(SourceMagic, cmd); err != nil {
			t.Errorf("ApplyFrom(magic, %q) = %v", cmd, err)
		}
	}
	if s.Policy().CheckAddr(CatNetConnect, netip.MustParseAddrPort("10.1.2.3:3632")) != ActionAllow {
		t.Error("the distcc rule 0.0.0.0/0@3632 does not match")
	}
}

func TestLTPProfileStillSandboxes(t *testing.T) {
	p := loadProfile(t, "ltp")
	for c := range NumCategories {
		if !p.Enabled(c) || p.Default(c) != ActionDeny {
			t.Errorf("ltp turned %v off or away from deny", c)
		}
	}
	for _, tc := range []struct {
		c    Category
		path string
		want Action
	}{
		{CatWrite, "/tmp/LTP_abc/file", ActionAllow},
		{CatExec, "/opt/ltp/testcases/bin/open01", ActionAllow},
		{CatWrite, "/dev/shm/ltp_x", ActionAllow},
		{CatRead, "/proc/sys/kernel/pid_max", ActionAllow},
		{CatWrite, "/etc/passwd", ActionDeny},
		{CatWrite, "/home/user/x", ActionDeny},
	} {
		if got := p.CheckPath(tc.c, tc.path); got != tc.want {
			t.Errorf("%v %s = %v, want %v", tc.c, tc.path, got, tc.want)
		}
	}
	if p.CheckAddr(CatNetBind, netip.MustParseAddrPort("127.0.0.1:0")) != ActionAllow ||
		p.CheckAddr(CatNetConnect, netip.MustParseAddrPort("8.8.8.8:53")) != ActionDeny {
		t.Error("ltp networking is not loopback only")
	}
}

func TestSmallProfiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		check func(p *Policy) bool
	}{
		{"off", func(p *Policy) bool {
			return !p.Enabled(CatExec) && !p.Enabled(CatNetConnect) && !p.FeatureEnabled(FeatureLock)
		}},
		{"lib", func(p *Policy) bool { return !p.Enabled(CatRead) && p.Lock() == LockExec }},
		{"container", func(p *Policy) bool { return p.Unshare().Has(NSMount|NSPID|NSNet|NSUser) && !p.Unshare().Has(NSTime) }},
		{"immutable", func(p *Policy) bool {
			return p.Unshare().Has(NSMount) && len(p.Binds()) == 10 && p.Binds()[0].Opts[0] == "ro"
		}},
		{"landlock", func(p *Policy) bool {
			return p.FeatureEnabled(FeatureLock) && slices.Contains(p.Landlock().Read, "/usr") && slices.Contains(p.Landlock().Write, "/tmp")
		}},
		{"noipv4", func(p *Policy) bool {
			return p.CheckAddr(CatNetConnect, netip.MustParseAddrPort("1.1.1.1:443")) == ActionDeny &&
				p.CheckAddr(CatNetConnect, netip.MustParseAddrPort("[::ffff:1.1.1.1]:443")) == ActionDeny
		}},
		{"noipv6", func(p *Policy) bool {
			return p.CheckAddr(CatNetBind, netip.MustParseAddrPort("[2001:db8::1]:1")) == ActionDeny && len(p.rules[CatNetBind]) == 1
		}},
		{"privileged", func(p *Policy) bool { return p.Has(FlagAllowUnsafeCaps) }},
		{"silent", func(p *Policy) bool {
			return p.Default(CatRead) == ActionFilter && p.Default(CatNetSendfd) == ActionFilter
		}},
		{"quiet", func(p *Policy) bool { return p.Default(CatExec) == ActionFilter }},
		{"trace", func(p *Policy) bool {
			return p.Default(CatExec) == ActionWarn && p.FeatureDefault(FeaturePid) == ActionWarn
		}},
		{"nopie", func(p *Policy) bool { return p.Has(FlagAllowUnsafeNopie) }},
		{"nomem", func(p *Policy) bool { return p.Has(FlagAllowUnsafeMemory) }},
		{"core", func(p *Policy) bool { return p.Has(FlagAllowUnsafePrlimit) && p.Has(FlagAllowUnsafeDumpable) }},
		{"debug", func(p *Policy) bool { return p.Has(FlagAllowUnsafePtrace) && p.Has(FlagAllowUnsafePerf) }},
		{"tty", func(p *Policy) bool {
			return p.CheckPath(CatWrite, "/dev/pts/0") == ActionAllow && p.CheckPath(CatIoctl, "/dev/tty") == ActionAllow
		}},
		{"linux", func(p *Policy) bool {
			return p.CheckPath(CatExec, "/usr/bin/true") == ActionAllow && p.CheckPath(CatWrite, "/dev/null") == ActionAllow &&
				p.CheckPath(CatWrite, "/tmp/x") == ActionDeny && p.CheckPath(CatRead, "/etc/shadow") == ActionDeny
		}},
		{"user", func(p *Policy) bool {
			return p.CheckPath(CatWrite, "/home/user/doc") == ActionAllow && p.CheckPath(CatWrite, "/home/user/.user.syd-3") == ActionDeny &&
				p.CheckPath(CatWrite, "/home/other/doc") == ActionDeny && p.CheckPath(CatWrite, "/tmp/x") == ActionAllow
		}},
		{"oci", func(p *Policy) bool {
			return p.CheckAddr(CatNetConnect, netip.MustParseAddrPort("1.1.1.1:443")) == ActionAllow
		}},
	} {
		if !tc.check(loadProfile(t, tc.name)) {
			t.Errorf("profile %s does not do what it says", tc.name)
		}
	}
}
