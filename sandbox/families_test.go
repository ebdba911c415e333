// This file tests every command family: what it accepts, what it rejects, and how the JSON state shows it.

package sandbox

import (
	"encoding/json"
	"errors"
	"strings"
	"syscall"
	"testing"
)

// stateAt returns the JSON state's value at a dotted path ("mem.max",
// "rules.-1" for the last element), re-encoded compactly with sorted keys.
func stateAt(t *testing.T, p *Policy, path string) string {
	t.Helper()
	b, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("invalid state JSON: %v\n%s", err, b)
	}
	for _, part := range strings.Split(path, ".") {
		switch node := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = node[part]; !ok {
				// keys may contain '.': not ours; keys with '/' are written as is.
				t.Fatalf("no key %q in %s", part, path)
			}
		case []any:
			if part != "-1" || len(node) == 0 {
				t.Fatalf("index %q of %d-element array in %s", part, len(node), path)
			}
			v = node[len(node)-1]
		default:
			t.Fatalf("cannot index %T with %q", v, part)
		}
	}
	out, _ := json.Marshal(v)
	return string(out)
}

func TestCommandFamiliesAcceptAndShowInState(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmds []string
		path string // in the JSON state
		want string
	}{
		// Category switches, path and network categories and features.
		{"SwitchFeatureOn", []string{"sandbox/mem,pid:on"}, "sandbox.pid", "true"},
		{"SwitchEveryFeature", []string{"sandbox/lock,force,tpe,crypt,proxy:1"}, "sandbox.proxy", "true"},
		{"SwitchMixedList", []string{"sandbox/read,mem:off"}, "sandbox.read", "false"},
		{"SwitchRmdir", []string{"sandbox/rmdir:off"}, "sandbox.rmdir", "false"},
		{"SwitchNewDeviceNames", []string{"sandbox/mkbdev,mkcdev:off"}, "sandbox.mkdev", "false"},

		// Defaults for categories and features.
		{"DefaultMem", []string{"default/mem:kill"}, "default.mem", `"kill"`},
		{"DefaultSegvGuard", []string{"default/segvguard:stop"}, "default.segvguard", `"stop"`},
		{"DefaultBlock", []string{"default/block:filter"}, "default.block", `"filter"`},
		{"DefaultForceAbort", []string{"default/force:abort"}, "default.force", `"abort"`},
		{"DefaultTPEAndPath", []string{"default/tpe,read:warn"}, "default.tpe", `"warn"`},
		{"DefaultPanic", []string{"default/pid:panic"}, "default.pid", `"panic"`},

		// Rule lists for every action, path and network.
		{"RuleAbort", []string{"abort/exec+/tmp/**"}, "rules.-1", `{"act":"abort","cap":"exec","pat":"/tmp/**"}`},
		{"RuleExit", []string{"exit/net/connect+10.0.0.0/8!22"}, "rules.-1", `{"act":"exit","cap":"net/connect","pat":"10.0.0.0/8!22"}`},
		{"RuleRmdir", []string{"allow/rmdir+/tmp/***"}, "rules.-1.cap", `"rmdir"`},
		{"RuleAllAlias", []string{"allow/all+/dev/null"}, "rules.-1.cap", `"mktemp"`},
		{"RuleLoopbackAtPort", []string{"allow/net/bind+LOOPBACK@0"}, "rules.-1.pat", `"LOOPBACK@0"`},
		{"RuleLoopbackRange", []string{"allow/net/bind+LOOPBACK6@1024-65535"}, "rules.-1.pat", `"LOOPBACK6@1024-65535"`},
		{"RuleIPv6", []string{"allow/net/connect+::1/128!0-65535"}, "rules.-1.pat", `"::1/128!0-65535"`},
		{"RuleAliasNoPort", []string{"deny/net/connect+any6"}, "rules.-1.pat", `"any6"`},
		{"RuleAbstractSocket", []string{"allow/net/bind+@/tmp/paludis*"}, "rules.-1.pat", `"@/tmp/paludis*"`},
		{"RuleEscapedColon", []string{`allow/read+/a\:b`}, "rules.-1.pat", `"/a\\:b"`},
		{"RuleRemoveAddress", []string{"allow/net/bind+LOOPBACK@0", "allow/net/bind-LOOPBACK@0"}, "rules", `[]`},

		// Special path lists.
		{"Append", []string{"append+/var/log/***"}, "append", `["/var/log/***"]`},
		{"AppendBraces", []string{"append+/var/log/{a,b}.log", "append-/var/log/{a,b}.log"}, "append", `[]`},
		{"MaskDefaultReplacement", []string{"mask+/proc/cpuinfo"}, "mask", `[{"pat":"/proc/cpuinfo","repl":"/dev/null"}]`},
		{"MaskReplacement", []string{"mask+/etc/hosts:/tmp/hosts"}, "mask", `[{"pat":"/etc/hosts","repl":"/tmp/hosts"}]`},
		{"MaskEscapedColon", []string{`mask+/a\:b:/c\:d`}, "mask", `[{"pat":"/a\\:b","repl":"/c:d"}]`},
		{"MaskRemoveByPattern", []string{"mask+/etc/hosts:/tmp/x", "mask-/etc/hosts"}, "mask", `[]`},
		{"Crypt", []string{"crypt+/home/*/secret/***"}, "crypt.pats", `["/home/*/secret/***"]`},
		{"CryptKeyIsNotShown", []string{"crypt/key:" + strings.Repeat("aB", 32)}, "crypt.key", `true`},
		{"CryptTmp", []string{"crypt/tmp:/var/tmp"}, "crypt.tmp", `"/var/tmp"`},

		// Force.
		{"ForceSHA3512", []string{"force+/usr/bin/true:" + strings.Repeat("ab", 64)}, "force.-1.alg", `"sha3-512"`},
		{"ForceAction", []string{"force+/bin/sh:" + strings.Repeat("0", 8) + ":warn"}, "force", `[{"act":"warn","alg":"crc32","hash":"00000000","path":"/bin/sh"}]`},
		{"ForceHashLowerCase", []string{"force+/bin/sh:" + strings.Repeat("AB", 16)}, "force.-1.hash", `"` + strings.Repeat("ab", 16) + `"`},
		{"ForceDefaultKill", []string{"force+/bin/sh:" + strings.Repeat("1", 40)}, "force.-1.act", `"kill"`},
		{"ForceReplaceSamePath", []string{"force+/bin/sh:" + strings.Repeat("1", 40), "force+/bin/sh:" + strings.Repeat("2", 64)}, "force.-1.alg", `"sha3-256"`},
		{"ForceRemove", []string{"force+/bin/sh:" + strings.Repeat("1", 32), "force-/bin/sh"}, "force", `[]`},
		{"ForceClear", []string{"force+/bin/sh:" + strings.Repeat("1", 96), "force^"}, "force", `[]`},

		// Bind, setuid, setgid.
		{"BindTmpfs", []string{"bind+tmpfs:/tmp/ctf:nodev,nosuid,noexec"}, "bind", `[{"dst":"/tmp/ctf","opts":["nodev","nosuid","noexec"],"src":"tmpfs"}]`},
		{"BindPathData", []string{"bind+/:/:noexec,size=1M"}, "bind.-1.opts", `["noexec","size=1M"]`},
		{"BindNoOptions", []string{"bind+/srv:/mnt"}, "bind.-1.opts", `[]`},
		{"BindRemove", []string{"bind+/srv:/mnt:ro", "bind-/srv:/mnt:ro"}, "bind", `[]`},
		{"SetUID", []string{"setuid+1000:65534"}, "setuid", `[{"dst":"65534","src":"1000"}]`},
		{"SetGIDNames", []string{"setgid+users:nogroup"}, "setgid", `[{"dst":"nogroup","src":"users"}]`},
		{"SetUIDRemoveAll", []string{"setuid+a:b", "setuid+a:b", "setuid^a:b"}, "setuid", `[]`},

		// ioctl request lists.
		{"IoctlDenyNumber", []string{"ioctl/deny+0x5413"}, "ioctl.deny.-1", `{"name":null,"req":21523}`},
		{"IoctlAllowName", []string{"ioctl/allow+TCGETS"}, "ioctl.allow", `[{"name":"TCGETS","req":21505}]`},
		{"IoctlAllowList", []string{"ioctl/allow+TCGETS,TIOCGWINSZ,21505"}, "ioctl.allow.-1", `{"name":"TIOCGWINSZ","req":21523}`},
		{"IoctlRemoveDefaultDeny", []string{"ioctl/deny-TIOCSTI"}, "ioctl.deny", `[{"name":"TIOCLINUX","req":21532}]`},

		// Scalars.
		{"MemMaxDecimal", []string{"mem/max:1G"}, "mem.max", "1000000000"},
		{"MemMaxBinary", []string{"mem/max:1GiB"}, "mem.max", "1073741824"},
		{"MemMaxFraction", []string{"mem/max:1.5Ki"}, "mem.max", "1536"},
		{"MemMaxBytes", []string{"mem/max:4096"}, "mem.max", "4096"},
		{"VMMax", []string{"mem/vm_max:512M"}, "mem.vm_max", "512000000"},
		{"PidMax", []string{"pid/max:128"}, "pid.max", "128"},
		{"SegvExpiry", []string{"segvguard/expiry:0"}, "segvguard.expiry", "0"},
		{"SegvSuspensionDuration", []string{"segvguard/suspension:1h"}, "segvguard.suspension", "3600"},
		{"SegvMaxCrashes", []string{"segvguard/maxcrashes:9"}, "segvguard.maxcrashes", "9"},
		{"TPEGid", []string{"tpe/gid:100"}, "tpe.gid", "100"},
		{"TPEGidNone", []string{"tpe/gid:100", "tpe/gid:none"}, "tpe.gid", "null"},
		{"TPENegate", []string{"tpe/negate:1"}, "tpe.negate", "true"},
		{"TPERootOwned", []string{"tpe/root_owned:true"}, "tpe.root_owned", "true"},
		{"TPEUserOwned", []string{"tpe/user_owned:on"}, "tpe.user_owned", "true"},
		{"ProxyAddr", []string{"proxy/addr:::1"}, "proxy.addr", `"::1"`},
		{"ProxyPort", []string{"proxy/port:9150"}, "proxy.port", "9150"},
		{"ProxyExtHost", []string{"proxy/ext/host:tor.example.org"}, "proxy.ext_host", `"tor.example.org"`},
		{"ProxyExtPort", []string{"proxy/ext/port:1080"}, "proxy.ext_port", "1080"},
		{"Unshare", []string{"unshare/user,mount:1"}, "unshare", `{"cgroup":false,"ipc":false,"mount":true,"net":false,"pid":false,"time":false,"user":true,"uts":false}`},
		{"UnshareAllOff", []string{"unshare/all:1", "unshare/time:0"}, "unshare.time", "false"},
		{"Root", []string{"root:/srv/root"}, "root", `"/srv/root"`},
		{"RootNone", []string{"root:/srv", "root:none"}, "root", "null"},
		{"Hostname", []string{"name/host:box"}, "name.host", `"box"`},
		{"Domainname", []string{"name/domain:example.org"}, "name.domain", `"example.org"`},
		{"LandlockRead", []string{"allow/lock/read+/usr"}, "landlock.read", `["/usr"]`},
		{"LandlockReadWrite", []string{"allow/lock/read,write+/tmp"}, "landlock.write", `["/tmp"]`},
		{"LandlockBindPorts", []string{"allow/lock/bind+1024-65535"}, "landlock.bind", `["1024-65535"]`},
		{"LandlockConnectZero", []string{"allow/lock/connect+0"}, "landlock.connect", `["0"]`},
		{"LandlockRemove", []string{"allow/lock/read+/usr", "allow/lock/read+/usr", "allow/lock/read-/usr"}, "landlock.read", `["/usr"]`},
		{"ConfigExpand", []string{"config/expand:3"}, "config.expand", "3"},

		// trace/* options.
		{"TraceSafeBind", []string{"trace/allow_safe_bind:1"}, "trace.allow_safe_bind", "true"},
		{"TraceExitWaitAll", []string{"trace/exit_wait_all:true"}, "trace.exit_wait_all", "true"},
		{"TraceDebugSetsPtraceAndPerf", []string{"trace/allow_unsafe_debug:1"}, "trace.allow_unsafe_perf", "true"},
		{"TraceOldNopieName", []string{"trace/allow_unsafe_exec_nopie:1"}, "trace.allow_unsafe_nopie", "true"},
		{"TraceUringAlias", []string{"trace/allow_unsafe_uring:1"}, "trace.allow_unsafe_iouring", "true"},
		{"TraceDenyDotdot", []string{"trace/deny_dotdot:on"}, "trace.deny_dotdot", "true"},
		{"TraceForceUmask", []string{"trace/force_umask:077"}, "trace.force_umask", `"077"`},
		{"TraceForceUmaskOff", []string{"trace/force_umask:022", "trace/force_umask:off"}, "trace.force_umask", "null"},
		{"TraceMemoryAccess", []string{"trace/memory_access:2"}, "trace.memory_access", "2"},
		{"TraceUnsafeNamespaceList", []string{"trace/allow_unsafe_namespace:user,net"}, "trace.allow_unsafe_namespace", `["user","net"]`},
		{"TraceUnsafeNamespaceBool", []string{"trace/allow_unsafe_namespace:1"}, "trace.allow_unsafe_namespace", `["mount","uts","ipc","user","pid","net","cgroup","time"]`},

		// Plain commands and the lock.
		{"LockDrop", []string{"lock:drop"}, "lock", `"drop"`},
		{"ResetKeepsLock", []string{"lock:exec", "allow/read+/x", "mem/max:1", "reset"}, "lock", `"exec"`},
		{"ResetClearsRules", []string{"allow/read+/x", "reset"}, "rules", `[]`},
		{"ResetRestoresScalars", []string{"mem/max:1", "reset"}, "mem.max", "0"},
		{"StatChangesNothing", []string{"stat"}, "rules", `[]`},
		{"ApiProbe", []string{"3"}, "api", "3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := applyAll(t, tc.cmds...)
			if got := stateAt(t, s.Policy(), tc.path); got != tc.want {
				t.Errorf("after %q, state %s = %s, want %s", tc.cmds, tc.path, got, tc.want)
			}
		})
	}
}

func TestCommandFamiliesReject(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cmd   string
		errno syscall.Errno
		why   string
	}{
		{"SwitchSegvGuard", "sandbox/segvguard:on", syscall.EINVAL, `"segvguard" has no switch`},
		{"DefaultCrypt", "default/crypt:deny", syscall.EINVAL, `"crypt" has no default action`},
		{"RuleOnFeature", "allow/mem+/x", syscall.EINVAL, `"mem" has no rule list`},
		{"AddressWithoutPort", "allow/net/connect+127.0.0.1", syscall.EINVAL, "needs a port"},
		{"AddressBadPort", "allow/net/connect+127.0.0.1!65536", syscall.EINVAL, "invalid port"},
		{"AddressReversedRange", "allow/net/bind+::1!90-80", syscall.EINVAL, "invalid port range"},
		{"AddressBadPrefix", "allow/net/bind+10.0.0.0/33!0", syscall.EINVAL, "invalid prefix length"},
		{"AddressUnknownAlias", "allow/net/bind+LOOPBAK@0", syscall.EINVAL, "unknown alias"},
		{"AddressForSendfd", "allow/net/sendfd+127.0.0.1!80", syscall.EINVAL, "UNIX socket paths only"},
		{"AddressZone", "allow/net/bind+fe80::1%eth0!0", syscall.EINVAL, "zones"},
		{"AbstractForPathCategory", "allow/read+@abstract", syscall.EINVAL, "not an absolute path"},
		{"DenyLandlock", "deny/lock/read+/usr", syscall.EINVAL, "only allow rules"},
		{"LandlockUnknownList", "allow/lock/execute+/usr", syscall.EINVAL, "unknown Landlock list"},
		{"LandlockFineRelative", "allow/lock/exec+usr", syscall.EINVAL, "not an absolute path"},
		{"LandlockRelative", "allow/lock/read+usr", syscall.EINVAL, "not an absolute path"},
		{"LandlockBadPort", "allow/lock/bind+http", syscall.EINVAL, "invalid port"},
		{"AppendRelative", "append+var/log", syscall.EINVAL, "not an absolute path"},
		{"MaskRelativeReplacement", "mask+/etc/hosts:hosts", syscall.EINVAL, "not an absolute path"},
		{"MaskQuery", "mask?", syscall.EINVAL, "does not take operator"},
		{"CryptKeyShort", "crypt/key:abcd", syscall.EINVAL, "64 hex digits"},
		{"CryptKeyNotHex", "crypt/key:" + strings.Repeat("zz", 32), syscall.EINVAL, "not hexadecimal"},
		{"ForceWithoutHash", "force+/bin/sh", syscall.EINVAL, "want force+"},
		{"ForceBadHashLength", "force+/bin/sh:abc", syscall.EINVAL, "3 hex digits"},
		{"ForceNotHex", "force+/bin/sh:" + strings.Repeat("g", 8), syscall.EINVAL, "not hexadecimal"},
		{"ForceAllowAction", "force+/bin/sh:" + strings.Repeat("1", 8) + ":allow", syscall.EINVAL, "invalid force action"},
		{"ForceRelative", "force+bin/sh:" + strings.Repeat("1", 8), syscall.EINVAL, "not an absolute path"},
		{"ForceClearWithValue", "force^/bin/sh", syscall.EINVAL, "unexpected"},
		{"BindBadSource", "bind+Tmp FS:/x", syscall.EINVAL, "neither an absolute path"},
		{"BindRelativeTarget", "bind+tmpfs:x", syscall.EINVAL, "not an absolute path"},
		{"BindUnknownOption", "bind+tmpfs:/x:readonly", syscall.EINVAL, "unknown mount option"},
		{"SetUIDToRoot", "setuid+1000:0", syscall.EINVAL, "never allowed"},
		{"SetGIDToRootName", "setgid+users:root", syscall.EINVAL, "never allowed"},
		{"SetUIDNoColon", "setuid+1000", syscall.EINVAL, "want <src>:<dst>"},
		{"SetUIDBadName", "setuid+a b:c", syscall.EINVAL, "invalid user or group"},
		{"IoctlUnknownName", "ioctl/deny+TIOCFOO", syscall.EINVAL, "unknown ioctl request"},
		{"MemMaxUnit", "mem/max:1Q", syscall.EINVAL, "invalid size"},
		{"MemMaxNegative", "mem/max:-1", syscall.EINVAL, "invalid size"},
		{"PidMaxNotNumber", "pid/max:many", syscall.EINVAL, "invalid number"},
		{"SegvMaxCrashesTooLarge", "segvguard/maxcrashes:256", syscall.EINVAL, "invalid number"},
		{"SegvExpiryBad", "segvguard/expiry:soon", syscall.EINVAL, "invalid duration"},
		{"TPEGidBad", "tpe/gid:wheel", syscall.EINVAL, "invalid group id"},
		{"TPEBadBool", "tpe/negate:yes", syscall.EINVAL, "invalid boolean"},
		{"ProxyAddrHost", "proxy/addr:localhost", syscall.EINVAL, "invalid IP address"},
		{"ProxyPortZero", "proxy/port:0", syscall.EINVAL, "invalid port"},
		{"ProxyExtHostBad", "proxy/ext/host:bad_host!", syscall.EINVAL, "invalid host"},
		{"UnshareUnknown", "unshare/chroot:1", syscall.EINVAL, "unknown namespace"},
		{"RootRelative", "root:srv", syscall.EINVAL, "not an absolute path"},
		{"HostnameSlash", "name/host:a/b", syscall.EINVAL, "'/'"},
		{"HostnameTooLong", "name/host:" + strings.Repeat("h", 65), syscall.EINVAL, "longer than 64"},
		{"TraceUnknownUnsafe", "trace/allow_unsafe_everything:1", syscall.EINVAL, `unknown trace option "allow_unsafe_everything"`},
		{"TraceBadBool", "trace/allow_safe_bind:2", syscall.EINVAL, "invalid boolean"},
		{"TraceUmaskNotOctal", "trace/force_umask:999", syscall.EINVAL, "invalid mode"},
		{"TraceMemoryAccessRange", "trace/memory_access:3", syscall.EINVAL, "want 0, 1 or 2"},
		{"TraceUnsafeNamespaceBad", "trace/allow_unsafe_namespace:everything", syscall.EINVAL, "namespace list"},
		{"ConfigExpandBad", "config/expand:-1s", syscall.EINVAL, "invalid duration"},
		{"ResetTakesNoValue", "reset:now", syscall.EINVAL, "takes no operator"},
		{"StatTakesNoValue", "stat?", syscall.EINVAL, "takes no operator"},
		{"PanicFromCLI", "panic", syscall.EINVAL, "only through /dev/syd"},
		{"GhostFromCLI", "ghost", syscall.EINVAL, "only through /dev/syd"},
		{"ExecFromCLI", "cmd/exec!/bin/true", syscall.EINVAL, "only through /dev/syd"},
		{"LoadFromCLI", "load/3", syscall.EINVAL, "only through /dev/syd"},
		{"LoadBadFD", "load/x", syscall.EINVAL, "invalid file descriptor"},
		{"IncludeFromCLI", "include /etc/user.syd-3", syscall.EINVAL, "only in configuration files"},
		{"IncludeProfileFromCLI", "include_profile linux", syscall.EINVAL, "only in configuration files"},
		{"OldKillList", "exec/kill+/bin/*", syscall.EINVAL, `unknown key "exec/kill"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := New().Apply(tc.cmd)
			var se *Error
			if !errors.As(err, &se) || se.Errno != tc.errno || se.Cmd != tc.cmd {
				t.Fatalf("Apply(%q) = %v, want %v naming the command", tc.cmd, err, tc.errno)
			}
			if !strings.Contains(se.Reason, tc.why) {
				t.Errorf("Apply(%q) reason %q, want it to mention %q", tc.cmd, se.Reason, tc.why)
			}
		})
	}
}

func TestQueriesOfBooleans(t *testing.T) {
	s := applyAll(t, "sandbox/mem:on", "trace/allow_safe_bind:1", "unshare/user:1", "tpe/negate:1",
		"trace/allow_unsafe_ptrace:1")
	for _, tc := range []struct {
		cmd   string
		errno syscall.Errno
	}{
		{"sandbox/mem?", 0},
		{"sandbox/pid?", syscall.ENOENT},
		{"sandbox/read,mem?", 0},
		{"trace/allow_safe_bind?", 0},
		{"trace/deny_dotdot?", syscall.ENOENT},
		{"trace/allow_unsafe_debug?", syscall.ENOENT}, // perf is still off
		{"unshare/user?", 0},
		{"unshare/user,net?", syscall.ENOENT},
		{"tpe/negate?", 0},
		{"tpe/root_owned?", syscall.ENOENT},
		{"trace/allow_unsafe_namespace?", syscall.ENOENT},
	} {
		err := s.Apply(tc.cmd)
		if tc.errno == 0 && err != nil || tc.errno != 0 && !errors.Is(err, tc.errno) {
			t.Errorf("Apply(%q) = %v, want errno %v", tc.cmd, err, tc.errno)
		}
	}
}
