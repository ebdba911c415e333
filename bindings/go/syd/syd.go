// Package syd is the Go client of syd's /dev/syd interface for programs that run inside the sandbox.
//
// Every function builds one command of the syd(2) language, stats
// "/dev/syd/<command>" with a plain stat(2) (no cgo, no fork) and reports the
// outcome: nil on success, or an *Error that wraps the errno syd answered
// (errors.Is(err, syscall.ENOENT) works). The Enabled* predicates return a
// bool. Outside syd, and whenever the sandbox lock keeps the caller out
// (lock:on, or lock:exec for any process but the first one syd ran), every
// call fails with ENOENT. An out-of-range Action or LockState fails with
// EINVAL before anything is sent.
//
// The per-category functions (EnableRead, ReadAdd, DefaultNet, ...) are
// generated from the category list of package sandbox into zz_generated.go.
package syd

import (
	"encoding/json"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Prefix is the magic directory: stat(Prefix + "/" + command) runs a command.
const Prefix = "/dev/syd"

// APIVersion is the version of the command API this package speaks.
const APIVersion = 3

// Action is what a rule or default does to a matching call; the values are
// libsyd's action_t numbers.
type Action uint8

// The actions, from least to most severe.
const (
	ActionAllow  Action = iota // permit, not logged
	ActionWarn                 // permit and log
	ActionFilter               // deny without logging
	ActionDeny                 // deny and log
	ActionPanic                // deny, log, panic the handling syd thread
	ActionStop                 // deny, log, SIGSTOP the offender
	ActionAbort                // deny, log, SIGABRT the offender
	ActionKill                 // deny, log, SIGKILL the offender
	ActionExit                 // log, then syd exits with the deny errno
)

var actionNames = [...]string{"allow", "warn", "filter", "deny", "panic", "stop", "abort", "kill", "exit"}

// String returns the action's name in the command language, or "" when a is
// out of range.
func (a Action) String() string {
	if int(a) < len(actionNames) {
		return actionNames[a]
	}
	return ""
}

// LockState is a state of the sandbox lock; the values are libsyd's
// lock_state_t numbers.
type LockState uint8

// The lock states.
const (
	LockOff  LockState = 0 // every process may configure the sandbox
	LockExec LockState = 1 // only the first process syd ran may
	LockDrop LockState = 2 // only commands that reduce privileges are accepted
	LockRead LockState = 3 // the state is readable, commands are refused
	LockOn   LockState = 4 // nothing is accepted, irreversibly
)

var lockNames = [...]string{"off", "exec", "drop", "read", "on"}

// String returns the state's name in "lock:<state>", or "" when l is out of
// range.
func (l LockState) String() string {
	if int(l) < len(lockNames) {
		return lockNames[l]
	}
	return ""
}

// Error is a failed command: the command text and the errno syd answered.
type Error struct {
	Cmd   string
	Errno syscall.Errno
}

func (e *Error) Error() string {
	if e.Cmd == "" {
		return "syd: " + Prefix + ": " + e.Errno.Error()
	}
	return "syd: " + Prefix + "/" + e.Cmd + ": " + e.Errno.Error()
}

// Unwrap returns the errno.
func (e *Error) Unwrap() error { return e.Errno }

// Command runs one command of the syd(2) language, e.g. "allow/read+/usr/***".
func Command(cmd string) error {
	var st syscall.Stat_t
	for {
		err := syscall.Stat(Prefix+"/"+cmd, &st)
		if err == nil {
			return nil
		}
		if err == syscall.EINTR {
			continue
		}
		errno, ok := err.(syscall.Errno)
		if !ok {
			errno = syscall.EINVAL // a NUL byte in cmd
		}
		return &Error{Cmd: cmd, Errno: errno}
	}
}

// query reports whether a query command ("sandbox/read?") answered true.
func query(cmd string) bool { return Command(cmd) == nil }

// invalid is the error for an argument refused before anything is sent.
func invalid(what string) error { return &Error{Cmd: what, Errno: syscall.EINVAL} }

// action returns a's name, or an EINVAL error when a is out of range.
func action(a Action) (string, error) {
	if s := a.String(); s != "" {
		return s, nil
	}
	return "", invalid("action " + strconv.Itoa(int(a)))
}

// setDefault runs "default/<target>:<action>".
func setDefault(target string, a Action) error {
	name, err := action(a)
	if err != nil {
		return err
	}
	return Command("default/" + target + ":" + name)
}

// rule runs "<action>/<target><op><value>" with op one of '+', '-', '^'.
func rule(a Action, target string, op byte, value string) error {
	name, err := action(a)
	if err != nil {
		return err
	}
	return Command(name + "/" + target + string(op) + value)
}

// API returns the command API version (3) when syd answers, or the error.
func API() (int, error) {
	if err := Command(strconv.Itoa(APIVersion)); err != nil {
		return 0, err
	}
	return APIVersion, nil
}

// Check reports whether the interface is available to the caller (an lstat
// of /dev/syd): nil under syd while the lock lets the caller in.
func Check() error {
	var st syscall.Stat_t
	for {
		switch err := syscall.Lstat(Prefix, &st).(type) {
		case nil:
			return nil
		case syscall.Errno:
			if err != syscall.EINTR {
				return &Error{Errno: err}
			}
		default:
			return err
		}
	}
}

// InfoJSON returns the sandbox state as syd serves it: one JSON document.
func InfoJSON() ([]byte, error) {
	f, err := os.Open(Prefix)
	if err != nil {
		if pe, ok := err.(*os.PathError); ok {
			if errno, ok := pe.Err.(syscall.Errno); ok {
				return nil, &Error{Errno: errno}
			}
		}
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Info returns the sandbox state decoded from JSON.
func Info() (map[string]any, error) {
	b, err := InfoJSON()
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// Panic makes syd exit at once with status 127, killing the sandbox.
func Panic() error { return Command("panic") }

// Reset restores the default policy: rules cleared, defaults restored. The
// lock is kept.
func Reset() error { return Command("reset") }

// Stat makes syd print its state on its own standard error.
func Stat() error { return Command("stat") }

// Load makes syd read commands, one per line, from the caller's fd.
func Load(fd int) error {
	if fd < 0 {
		return &Error{Cmd: "load/" + strconv.Itoa(fd), Errno: syscall.EBADF}
	}
	return Command("load/" + strconv.Itoa(fd))
}

// Lock sets the sandbox lock.
func Lock(state LockState) error {
	name := state.String()
	if name == "" {
		return invalid("lock state " + strconv.Itoa(int(state)))
	}
	return Command("lock:" + name)
}

// unitSep separates the program and its arguments in "cmd/exec!".
const unitSep = "\x1f"

// Exec makes syd run file with the arguments args (argv[1:]) outside the
// sandbox, unsandboxed, without waiting for it.
func Exec(file string, args []string) error {
	for _, s := range append([]string{file}, args...) {
		if strings.ContainsAny(s, unitSep+"\x00") {
			return invalid("cmd/exec!: an argument contains \\x1f or NUL")
		}
	}
	if file == "" {
		return invalid("cmd/exec!: empty program")
	}
	return Command("cmd/exec!" + strings.Join(append([]string{file}, args...), unitSep))
}

// IoctlDeny adds the ioctl request number to the deny list.
func IoctlDeny(request uint64) error {
	return Command("ioctl/deny+" + strconv.FormatUint(request, 10))
}

// ForceAdd adds (or replaces) the verified-execution rule for path: the
// file's checksum (hex; the length selects the algorithm) and the action on
// a mismatch.
func ForceAdd(path, hash string, a Action) error {
	name, err := action(a)
	if err != nil {
		return err
	}
	return Command("force+" + path + ":" + hash + ":" + name)
}

// ForceDel removes the verified-execution rule for path.
func ForceDel(path string) error { return Command("force-" + path) }

// ForceClr removes every verified-execution rule.
func ForceClr() error { return Command("force^") }

// MemMax sets the per-process memory limit, e.g. "1G".
func MemMax(size string) error { return Command("mem/max:" + size) }

// MemVMMax sets the per-process virtual memory limit, e.g. "4G".
func MemVMMax(size string) error { return Command("mem/vm_max:" + size) }

// PIDMax sets the maximum number of tasks.
func PIDMax(n uint64) error { return Command("pid/max:" + strconv.FormatUint(n, 10)) }

// SegvGuardExpiry sets the window, in seconds, in which crashes are counted
// (0 disables SegvGuard).
func SegvGuardExpiry(seconds uint64) error {
	return Command("segvguard/expiry:" + strconv.FormatUint(seconds, 10))
}

// SegvGuardSuspension sets for how many seconds a crashing program is
// refused.
func SegvGuardSuspension(seconds uint64) error {
	return Command("segvguard/suspension:" + strconv.FormatUint(seconds, 10))
}

// SegvGuardMaxCrashes sets how many crashes within the window suspend a
// program.
func SegvGuardMaxCrashes(n uint8) error {
	return Command("segvguard/maxcrashes:" + strconv.Itoa(int(n)))
}
