// This file tests the lock states, startup-only settings, command sources and effects.

package sandbox

import (
	"errors"
	"slices"
	"syscall"
	"testing"
)

func TestLockDropAcceptsOnlyPrivilegeReducingCommands(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup []string
		cmd   string
		ok    bool
	}{
		{"AddDenyRule", nil, "deny/read+/home/***", true},
		{"AddFilterRule", nil, "filter/net/connect+any!0-65535", true},
		{"AddKillRule", nil, "kill/exec+/tmp/**", true},
		{"AddAllowRule", nil, "allow/read+/home/***", false},
		{"AddWarnRule", nil, "warn/read+/home/***", false},
		{"RemoveAllowRule", []string{"allow/read+/x"}, "allow/read-/x", true},
		{"RemoveAllAllowRules", []string{"allow/read+/x"}, "allow/read^/x", true},
		{"RemoveDenyRule", []string{"deny/read+/x"}, "deny/read-/x", false},
		{"SwitchOn", []string{"sandbox/read:off"}, "sandbox/read:on", true},
		{"SwitchOff", nil, "sandbox/read:off", false},
		{"SwitchFeatureOn", nil, "sandbox/pid:on", true},
		{"Query", nil, "sandbox/read?", true},
		{"RaiseDefault", nil, "default/read:kill", true},
		{"KeepDefault", nil, "default/read:deny", true},
		{"LowerDefault", nil, "default/read:warn", false},
		{"LowerOneOfTwoDefaults", []string{"default/write:kill"}, "default/read,write:deny", false},
		{"LockOn", nil, "lock:on", true},
		{"LockRead", nil, "lock:read", true},
		{"LockOff", nil, "lock:off", false},
		{"LockExec", nil, "lock:exec", false},
		{"Reset", nil, "reset", false},
		{"AddMask", nil, "mask+/etc/passwd", true},
		{"RemoveMask", []string{"mask+/x"}, "mask-/x", false},
		{"AddAppend", nil, "append+/var/log/***", true},
		{"AddForce", nil, "force+/bin/sh:00000000", true},
		{"ClearForce", nil, "force^", false},
		{"IoctlDenyAdd", nil, "ioctl/deny+TCSETS", true},
		{"IoctlAllowAdd", nil, "ioctl/allow+TCSETS", false},
		{"IoctlAllowRemove", []string{"ioctl/allow+TCSETS"}, "ioctl/allow-TCSETS", true},
		{"LowerMemLimit", []string{"mem/max:1G"}, "mem/max:512M", true},
		{"RaiseMemLimit", []string{"mem/max:1G"}, "mem/max:2G", false},
		{"RemoveMemLimit", []string{"mem/max:1G"}, "mem/max:0", false},
		{"FirstPidLimit", nil, "pid/max:10", true},
		{"DenyDotdotOn", nil, "trace/deny_dotdot:1", true},
		{"DenyDotdotOff", []string{"trace/deny_dotdot:1"}, "trace/deny_dotdot:0", false},
		{"AllowSafeBindOn", nil, "trace/allow_safe_bind:1", false},
		{"AllowSafeBindOff", []string{"trace/allow_safe_bind:1"}, "trace/allow_safe_bind:0", true},
		{"UmaskStricter", []string{"trace/force_umask:022"}, "trace/force_umask:077", true},
		{"UmaskLooser", []string{"trace/force_umask:077"}, "trace/force_umask:022", false},
		{"TPERootOwnedOn", nil, "tpe/root_owned:1", true},
		{"TPENegate", nil, "tpe/negate:1", false},
		{"SetUIDAdd", nil, "setuid+1000:1001", false},
		{"SegvGuard", nil, "segvguard/expiry:10", false},
		{"Stat", nil, "stat", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := applyAll(t, append(tc.setup, "lock:drop")...)
			err := s.Apply(tc.cmd)
			if tc.ok && err != nil {
				t.Fatalf("Apply(%q) under lock:drop = %v, want success", tc.cmd, err)
			}
			if !tc.ok && !errors.Is(err, syscall.EPERM) {
				t.Fatalf("Apply(%q) under lock:drop = %v, want EPERM", tc.cmd, err)
			}
		})
	}
}

func TestLockReadAcceptsOnlyQueriesStatAndLockOn(t *testing.T) {
	s := applyAll(t, "lock:read")
	for _, tc := range []struct {
		cmd string
		ok  bool
	}{
		{"sandbox/read?", true}, {"stat", true}, {"allow/read+/x", false},
		{"deny/read+/x", false}, {"lock:off", false}, {"lock:on", true},
	} {
		if err := s.Apply(tc.cmd); tc.ok != (err == nil) || !tc.ok && !errors.Is(err, syscall.EPERM) {
			t.Errorf("Apply(%q) under lock:read = %v, want ok=%v", tc.cmd, err, tc.ok)
		}
	}
}

func TestStartLocksAnUnsetLockAndKeepsAnExplicitOne(t *testing.T) {
	for _, tc := range []struct {
		setup []string
		want  LockState
	}{
		{nil, LockOn},
		{[]string{"lock:exec"}, LockExec},
		{[]string{"lock:off"}, LockOff},
		{[]string{"lock:drop"}, LockDrop},
	} {
		s := applyAll(t, tc.setup...)
		s.Start()
		if p := s.Policy(); p.Lock() != tc.want || !p.Started() {
			t.Errorf("after %q and Start: lock %v started %v, want %v", tc.setup, p.Lock(), p.Started(), tc.want)
		}
	}
	s := New()
	s.Start()
	if err := s.Apply("allow/read+/x"); !errors.Is(err, syscall.EPERM) {
		t.Errorf("after Start with the lock unset, Apply = %v, want EPERM", err)
	}
}

func TestStartupOnlySettingsAreBusyAfterStart(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		busy bool
	}{
		{"unshare/user:1", true},
		{"bind+tmpfs:/tmp:nodev", true},
		{"root:/srv", true},
		{"name/host:box", true},
		{"crypt/key:0000000000000000000000000000000000000000000000000000000000000000", true},
		{"crypt/tmp:/tmp", true},
		{"crypt+/secret/***", true},
		{"proxy/port:9150", true},
		{"sandbox/lock:on", true},
		{"sandbox/crypt:on", true},
		{"sandbox/read,proxy:on", true},
		{"allow/lock/read+/usr", true},
		{"trace/allow_unsafe_memory:1", true},
		{"trace/allow_unsafe_debug:1", true},
		{"trace/allow_unsafe_namespace:user", true},
		{"trace/deny_dotdot:1", false},
		{"trace/allow_safe_bind:1", false},
		{"trace/allow_unsafe_filename:1", false},
		{"trace/force_umask:077", false},
		{"sandbox/read,mem:on", true},
		{"sandbox/pid:on", true},
		{"sandbox/read,stat:on", false},
		{"allow/read+/x", false},
		{"mem/max:1G", true},
		{"mem/vm_max:1G", true},
		{"pid/max:10", true},
		{"unshare/user?", false},
	} {
		t.Run(tc.cmd, func(t *testing.T) {
			s := applyAll(t, "lock:off")
			s.Start()
			err := s.Apply(tc.cmd)
			if tc.busy && !errors.Is(err, syscall.EBUSY) {
				t.Fatalf("Apply(%q) after Start = %v, want EBUSY", tc.cmd, err)
			}
			if !tc.busy && err != nil && !errors.Is(err, syscall.ENOENT) {
				t.Fatalf("Apply(%q) after Start = %v, want success", tc.cmd, err)
			}
		})
	}
}

func TestResetAfterStartKeepsStartupOnlySettings(t *testing.T) {
	s := applyAll(t, "lock:off", "unshare/user:1", "trace/allow_unsafe_memory:1", "trace/deny_dotdot:1",
		"allow/read+/x", "bind+tmpfs:/tmp")
	s.Start()
	if err := s.Apply("reset"); err != nil {
		t.Fatal(err)
	}
	p := s.Policy()
	if !p.Unshare().Has(NSUser) || !p.Has(FlagAllowUnsafeMemory) || len(p.Binds()) != 1 {
		t.Errorf("reset after start dropped startup-only settings: unshare %v memory %v binds %v",
			p.Unshare(), p.Has(FlagAllowUnsafeMemory), p.Binds())
	}
	if p.Has(FlagDenyDotdot) || p.CheckPath(CatRead, "/x") != ActionDeny || p.Lock() != LockOff || !p.Started() {
		t.Error("reset after start kept runtime settings or changed the lock")
	}
}

func TestSourcesAndEffects(t *testing.T) {
	for _, tc := range []struct {
		src   Source
		cmd   string
		want  Effect
		errno syscall.Errno
	}{
		{SourceMagic, "panic", Effect{Kind: EffectPanic}, 0},
		{SourceMagic, "ghost", Effect{Kind: EffectGhost}, 0},
		{SourceMagic, "stat", Effect{Kind: EffectStat}, 0},
		{SourceCLI, "stat", Effect{Kind: EffectStat}, 0},
		{SourceFile, "stat", Effect{Kind: EffectStat}, 0},
		{SourceMagic, "load/7", Effect{Kind: EffectLoad, FD: 7}, 0},
		{SourceMagic, "cmd/exec!/bin/echo\x1Fa b\x1F", Effect{Kind: EffectExec, Argv: []string{"/bin/echo", "a b", ""}}, 0},
		{SourceMagic, "cmd/exec!\x1Fx", Effect{}, syscall.EINVAL},
		{SourceMagic, "allow/read+/x", Effect{}, 0},
		{SourceFile, "panic", Effect{}, syscall.EINVAL},
		{SourceFile, "ghost", Effect{}, syscall.EINVAL},
		{SourceCLI, "load/0", Effect{}, syscall.EINVAL},
		{SourceMagic, "include_profile linux", Effect{}, syscall.EINVAL},
	} {
		eff, err := New().ApplyFrom(tc.src, tc.cmd)
		if tc.errno != 0 {
			if !errors.Is(err, tc.errno) {
				t.Errorf("ApplyFrom(%v, %q) = %v, want %v", tc.src, tc.cmd, err, tc.errno)
			}
			continue
		}
		if err != nil || eff.Kind != tc.want.Kind || eff.FD != tc.want.FD || !slices.Equal(eff.Argv, tc.want.Argv) {
			t.Errorf("ApplyFrom(%v, %q) = %+v, %v; want %+v", tc.src, tc.cmd, eff, err, tc.want)
		}
	}
}

func TestGhostLocksThePolicy(t *testing.T) {
	s := applyAll(t, "lock:exec")
	if _, err := s.ApplyFrom(SourceMagic, "ghost"); err != nil {
		t.Fatal(err)
	}
	if s.Policy().Lock() != LockOn {
		t.Errorf("lock after ghost = %v, want on", s.Policy().Lock())
	}
}

func TestPanicRefusedWhileCryptIsOn(t *testing.T) {
	s := applyAll(t, "sandbox/crypt:on")
	if _, err := s.ApplyFrom(SourceMagic, "panic"); !errors.Is(err, syscall.EBUSY) {
		t.Errorf("panic with crypt on = %v, want EBUSY", err)
	}
}

func TestApplyFromFileIncludesProfile(t *testing.T) {
	s := New()
	if _, err := s.ApplyFrom(SourceFile, "include_profile nopie"); err != nil {
		t.Fatal(err)
	}
	if !s.Policy().Has(FlagAllowUnsafeNopie) {
		t.Error("include_profile nopie did not set allow_unsafe_nopie")
	}
}
