// syd_test.go checks package syd outside syd: everything fails with ENOENT, bad enums with EINVAL before anything is sent.

package syd

import (
	"errors"
	"os"
	"syscall"
	"testing"
)

func notUnderSyd(t *testing.T) {
	t.Helper()
	if _, err := os.Lstat(Prefix); err == nil {
		t.Skip("/dev/syd exists: running inside syd")
	}
}

func TestOutsideSydEverythingIsENOENT(t *testing.T) {
	notUnderSyd(t)
	for what, err := range map[string]error{
		"Check": Check(), "Command": Command("sandbox/read?"), "EnableRead": EnableRead(),
		"ReadAdd": ReadAdd(ActionAllow, "/tmp/***"), "Lock": Lock(LockOn), "Load": Load(0),
		"DefaultNet": DefaultNet(ActionKill), "Exec": Exec("/bin/true", []string{"x"}),
	} {
		if !errors.Is(err, syscall.ENOENT) {
			t.Errorf("%s: %v, want ENOENT", what, err)
		}
	}
	if _, err := API(); !errors.Is(err, syscall.ENOENT) {
		t.Errorf("API: %v", err)
	}
	if _, err := Info(); !errors.Is(err, syscall.ENOENT) {
		t.Errorf("Info: %v", err)
	}
	if EnabledRead() || EnabledNet() {
		t.Error("an Enabled predicate answered true")
	}
}

func TestInvalidArgumentsAreRefusedBeforeSending(t *testing.T) {
	for what, err := range map[string]error{
		"ReadAdd(9)":     ReadAdd(Action(9), "/tmp/***"),
		"DefaultRead(9)": DefaultRead(Action(255)),
		"ForceAdd(9)":    ForceAdd("/bin/true", "00000000", Action(9)),
		"Lock(5)":        Lock(LockState(5)),
		"Exec(\\x1f)":    Exec("/bin/true", []string{"a\x1fb"}),
		"Exec(\"\")":     Exec("", nil),
	} {
		if !errors.Is(err, syscall.EINVAL) {
			t.Errorf("%s: %v, want EINVAL", what, err)
		}
	}
	if err := Load(-1); !errors.Is(err, syscall.EBADF) {
		t.Errorf("Load(-1): %v", err)
	}
}

func TestNames(t *testing.T) {
	if ActionAllow.String() != "allow" || ActionExit.String() != "exit" || Action(9).String() != "" {
		t.Error("action names")
	}
	if LockOff.String() != "off" || LockOn.String() != "on" || LockDrop != 2 || LockRead != 3 || LockState(5).String() != "" {
		t.Error("lock names or numbers")
	}
	err := &Error{Cmd: "sandbox/read?", Errno: syscall.ENOENT}
	if err.Error() != "syd: /dev/syd/sandbox/read?: no such file or directory" {
		t.Errorf("Error(): %q", err.Error())
	}
}
