// gen_test.go checks that the generated files are up to date and that every command the bindings send is one the parser accepts.

package main

import (
	"errors"
	"strings"
	"syscall"
	"testing"

	"syd/sandbox"
)

func TestGeneratedFilesAreUpToDate(t *testing.T) {
	stale, err := run("../../..", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) > 0 {
		t.Fatalf("out of date: %s\nrun: go generate ./bindings", strings.Join(stale, ", "))
	}
}

// TestEveryCategoryHasTheFullSet guards against a category silently losing
// functions when the parser changes: each must have a query, a switch, a
// default and rules.
func TestEveryCategoryHasTheFullSet(t *testing.T) {
	ts := targets()
	byName := map[string]target{}
	for _, tg := range ts {
		byName[tg.Name] = tg
	}
	for c := range sandbox.NumCategories {
		tg, ok := byName[c.String()]
		if !ok {
			t.Fatalf("category %s has no target", c)
		}
		if !tg.Query || !tg.Switch || !tg.Default || !tg.Rules {
			t.Errorf("category %s: %+v, want query, switch, default and rules", c, tg)
		}
		if tg.Net != c.IsNet() {
			t.Errorf("category %s: Net %v", c, tg.Net)
		}
	}
	for f := range sandbox.NumFeatures {
		tg, ok := byName[f.String()]
		if !ok || !(tg.Query || tg.Switch || tg.Default) {
			t.Errorf("feature %s: %+v, want at least a query, a switch or a default", f, tg)
		}
	}
	for _, want := range []struct {
		name             string
		query, sw, deflt bool
	}{
		{"net", true, true, true}, {"all", true, true, true},
		{"mem", true, true, true}, {"pid", true, true, true}, {"force", true, true, true}, {"tpe", true, true, true},
		{"lock", true, false, false}, {"crypt", true, false, false}, {"proxy", true, false, false},
		{"segvguard", false, false, true}, {"block", false, false, true},
	} {
		tg := byName[want.name]
		if tg.Query != want.query || tg.Switch != want.sw || tg.Default != want.deflt {
			t.Errorf("%s: %+v, want query %v switch %v default %v", want.name, tg, want.query, want.sw, want.deflt)
		}
	}
}

// TestCoreCommandsAreAccepted runs the commands of the hand-written functions
// (the same strings in every binding) through the parser from /dev/syd.
func TestCoreCommandsAreAccepted(t *testing.T) {
	for _, cmd := range []string{
		"3", "reset", "stat", "panic", "lock:off", "lock:exec", "lock:drop", "lock:read", "lock:on", "load/3",
		"cmd/exec!/bin/sh\x1f-c\x1ftrue", "ioctl/deny+21522", "force+/bin/true:00000000:kill",
		"force-/bin/true", "force^", "mem/max:1G", "mem/vm_max:4G", "pid/max:64",
		"segvguard/expiry:120", "segvguard/suspension:600", "segvguard/maxcrashes:5",
		"allow/net/bind+LOOPBACK@0", "allow/net/connect+127.0.0.1!80", "deny/net/sendfd+/tmp/sock",
		"allow/net/connect+@abstract", "allow/write+/tmp/***", "deny/write-/tmp/***", "filter/write^/tmp/***",
	} {
		sb := sandbox.New()
		if err := sb.Apply("lock:off"); err != nil {
			t.Fatal(err)
		}
		sb.Start()
		_, err := sb.ApplyFrom(sandbox.SourceMagic, cmd)
		if fixed := strings.HasPrefix(cmd, "mem/") || strings.HasPrefix(cmd, "pid/"); fixed {
			// Fixed at start (fixedSwitches): a clear EBUSY.
			if !errors.Is(err, syscall.EBUSY) {
				t.Errorf("%q: %v, want EBUSY", cmd, err)
			}
			continue
		}
		if err != nil && !errors.Is(err, syscall.ENOENT) {
			t.Errorf("%q: %v", cmd, err)
		}
	}
}

func TestReplaceBlock(t *testing.T) {
	src := "a\n# BEGIN GENERATED x: note\nold\nlines\n# END GENERATED x\nb\n"
	got, err := replaceBlock([]byte(src), "x", "new\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "a\n# BEGIN GENERATED x: note\nnew\n# END GENERATED x\nb\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	empty := "# BEGIN GENERATED x\n# END GENERATED x\n"
	if got, _ := replaceBlock([]byte(empty), "x", ""); string(got) != empty {
		t.Errorf("empty block: got %q", got)
	}
	if _, err := replaceBlock([]byte("nothing"), "x", ""); err == nil {
		t.Error("missing marker accepted")
	}
}
