// This file fuzzes Apply: no input may panic, and a failure must leave the policy as it was.

package sandbox

import (
	"encoding/json"
	"errors"
	"net/netip"
	"strings"
	"syscall"
	"testing"
)

func FuzzApply(f *testing.F) {
	for _, s := range []string{
		"sandbox/read:on", "sandbox/all?", "sandbox/net/bind,net/connect:off", "default/net:kill",
		"allow/read,stat,exec+/{etc,dev,proc,usr,var,lib*}/***", "allow/write+/dev/{null,tty,pts/*}",
		"deny/read^/home/*/.ssh/***", "allow/read-/a-b+c", "allow/net/connect+127.0.0.1!80",
		"allow/net/bind+@abstract*", "lock:exec", "lock:on", "", ":", "?", "+", "/", "sandbox/", "allow//+/",
		"allow/read+/[", `allow/read+/\`, "allow/read+/{", "allow/read+/}", "sandbox/read?x", "x!y",
		"allow/read+" + strings.Repeat("{a,b}", 13), "allow/read+/\xff", "default/attr,node,tmpfile:warn",
		"allow/net/bind+LOOPBACK@0", "allow/net/connect+::1/64!1-2", "deny/net/connect+any6", "mask+/a\\:b:/c",
		"force+/bin/sh:00000000:warn", "force^", "bind+tmpfs:/tmp:nodev,size=1M", "setuid+1000:1001",
		"ioctl/deny+TIOCSTI,0x5413", "mem/max:1.5GiB", "pid/max:9", "segvguard/expiry:1h", "tpe/gid:none",
		"proxy/addr:::1", "unshare/user,net:1", "unshare/all?", "root:/srv", "name/host:x", "config/expand:0",
		"trace/allow_unsafe_debug:1", "trace/force_umask:077", "trace/allow_unsafe_namespace:user", "lock:drop",
		"reset", "stat", "panic", "ghost", "load/3", "cmd/exec!/bin/true\x1Fx", "allow/lock/read,write+/tmp",
		"allow/lock/bind+0-65535", "crypt/key:" + strings.Repeat("a", 64), "include_profile linux", "3",
	} {
		f.Add(s, "allow/read+/usr/***", uint8(0))
	}
	f.Fuzz(func(t *testing.T, cmd, setup string, src uint8) {
		s := New()
		_ = s.Apply(setup)
		before := s.Policy()
		beforeJSON, _ := before.MarshalJSON()
		source := Source(src % 3)
		if source == SourceFile && strings.HasPrefix(cmd, "include") {
			source = SourceCLI // the file loader is fuzzed by FuzzLoad
		}
		_, err := s.ApplyFrom(source, cmd)
		after := s.Policy()
		if err != nil {
			var se *Error
			if !errors.As(err, &se) || se.Cmd != cmd || se.Reason == "" {
				t.Fatalf("Apply(%q) = %#v, want a filled *Error", cmd, err)
			}
			switch se.Errno {
			case syscall.EINVAL, syscall.ENOENT, syscall.EPERM, syscall.EBUSY:
			default:
				t.Fatalf("Apply(%q): unexpected errno %v", cmd, se.Errno)
			}
			if after != before {
				t.Fatalf("failed Apply(%q) replaced the policy", cmd)
			}
		}
		afterJSON, jerr := after.MarshalJSON()
		if jerr != nil || !json.Valid(afterJSON) {
			t.Fatalf("invalid state JSON after %q: %s", cmd, afterJSON)
		}
		if err != nil && string(afterJSON) != string(beforeJSON) {
			t.Fatalf("failed Apply(%q) changed the state", cmd)
		}
		for c := range NumCategories {
			for _, path := range []string{cmd, setup, "/" + cmd} {
				if got, want := after.CheckPath(c, path), referenceCheck(after, c, path); got != want {
					t.Fatalf("CheckPath(%v, %q) = %v, plain scan says %v", c, path, got, want)
				}
			}
			for _, ap := range fuzzAddrs {
				_ = after.CheckAddr(c, ap) // must not panic
			}
		}
	})
}

var fuzzAddrs = []netip.AddrPort{
	netip.MustParseAddrPort("127.0.0.1:0"), netip.MustParseAddrPort("[::1]:80"),
	netip.MustParseAddrPort("[::ffff:10.0.0.1]:443"), netip.MustParseAddrPort("[fe80::1%eth0]:22"),
}

// FuzzLoad feeds configuration text to the file loader: no input may panic,
// and every error must carry an errno.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"# comment\n\nsandbox/read:off\n", "  allow/write+${HOME}/***  \n", "allow/read+~/x\n", "include_profile user\n",
		"include x.syd-3\n", "allow/read+$NOPE_NOT_SET\n", "allow/read+${\n", "lock:on\nsandbox/read:off\n",
		"\xff\n", "allow/read+\\$HOME\n", "include_profile loop\n", "$\n", "${}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		t.Setenv("HOME", "/home/fuzz")
		err := New().Load(strings.NewReader(text), "fuzz"+ConfigExt)
		if err == nil {
			return
		}
		var errno syscall.Errno
		if !errors.As(err, &errno) {
			t.Fatalf("Load error %v carries no errno", err)
		}
	})
}

// referenceCheck is CheckPath without its prefix filter.
func referenceCheck(p *Policy, c Category, path string) Action {
	for i := len(p.rules[c]) - 1; i >= 0; i-- {
		if r := p.rules[c][i]; r.glob != nil && r.glob.Match(path) {
			return r.act
		}
	}
	return p.defaults[c]
}
