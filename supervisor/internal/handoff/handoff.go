// Package handoff is the wire protocol between the supervisor, the guard and the stub:
// the re-exec marker, the configs they receive and the length-prefixed frames that carry them.
package handoff

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// EnvMarker names the environment variable that turns a re-executed syd into the
// guard. A cgo constructor checks it before the Go runtime starts (launch.h has the
// same names).
const EnvMarker = "SYD_GO_INTERNAL_MODE"

// ModeGuard is the mode of a re-executed syd: the guard, which forks the stub.
const ModeGuard = "guard"

// ModeOpener is the mode of a re-executed syd that opens a file in a caller's
// user namespace (launch/opener.c), with its request in these variables.
const (
	ModeOpener     = "opener"
	EnvOpenerPath  = "SYD_GO_INTERNAL_OPENER_PATH"
	EnvOpenerFlags = "SYD_GO_INTERNAL_OPENER_FLAGS"
	EnvOpenerMode  = "SYD_GO_INTERNAL_OPENER_MODE"
	EnvOpenerUID   = "SYD_GO_INTERNAL_OPENER_UID"
	EnvOpenerGID   = "SYD_GO_INTERNAL_OPENER_GID"
)

// EnvFDs names the variable carrying the control fd numbers of a re-executed child:
// "CTL,STUB" for the guard (the stub is forked with STUB). They sit above every inherited fd,
// so the sandboxed command gets the caller's fds at their own numbers.
const EnvFDs = "SYD_GO_INTERNAL_FDS"

// EnvLayers names the variable carrying the fd of syd's layers when syd
// re-executes itself into them (launch/ctor.c enters them): a frame of two
// blobs, the namespace plan and syd's Landlock plan, either may be empty.
const EnvLayers = "SYD_GO_INTERNAL_LAYERS"

// The guard's control socket carries the guard config in and the stub pidfd and exit
// status out; the stub's carries the stub config in, the listener fd number out, the
// ack in and an exec error out. The guard and the stub are C (package launch), so the
// configs are frames of 32-bit little-endian numbers, strings and lists that
// launch/frame.c decodes: a frame is its length and its payload.

// GuardConfig is what the guard needs to know.
type GuardConfig struct {
	WaitAll bool
	// Dumpable leaves the guard dumpable (trace/allow_unsafe_dumpable).
	Dumpable bool
}

// Guard config flags, as launch.h has them.
const (
	guardWaitAll  = 1 << 0
	guardDumpable = 1 << 1
)

// Encode renders the guard's frame: its flags.
func (c GuardConfig) Encode() []byte {
	var e Encoder
	e.U32(flag(c.WaitAll, guardWaitAll) | flag(c.Dumpable, guardDumpable))
	return e.Frame()
}

// StubConfig is what the stub needs to exec the sandboxed command.
type StubConfig struct {
	Path string
	Argv []string
	Env  []string
	// Static are the static seccomp layers, loaded before BPF, the notify filter,
	// which is loaded with LoadFlags.
	Static    [][]byte
	BPF       []byte
	LoadFlags uint32
	// ExecRoots, when not nil, confines execution to these paths with Landlock.
	ExecRoots []string
	// Plugin, when set, is a shared library whose syd_main runs instead of an exec.
	Plugin string
	// KeepCaps keeps the capabilities (trace/allow_unsafe_caps); ScopeSignals
	// keeps signals inside the sandbox's Landlock domain.
	KeepCaps     bool
	ScopeSignals bool
	// MDWE sets PR_SET_MDWE(PR_MDWE_REFUSE_EXEC_GAIN) (W^X, unless
	// trace/allow_unsafe_memory).
	MDWE bool
	// Lock is the sandbox's Landlock plan (lockdomain.Plan.Encode), empty
	// without sandbox/lock.
	Lock []byte
	// OwnUserNS puts the sandbox in a user namespace of its own (pid/max
	// enforced by RLIMIT_NPROC: limits.Plan).
	OwnUserNS bool
	// DenyTSC makes the time stamp counter fault (trace/deny_tsc).
	DenyTSC bool
}

// Stub config flags, as launch.h has them.
const (
	stubKeepCaps     = 1 << 0
	stubScopeSignals = 1 << 1
	stubExecRoots    = 1 << 2
	stubMDWE         = 1 << 3
	stubOwnUserNS    = 1 << 4
	stubDenyTSC      = 1 << 5
)

// Encode renders the stub's frame. Strings must not hold NUL bytes (the kernel
// could not take them either); Encode reports one that does.
func (c StubConfig) Encode() ([]byte, error) {
	var e Encoder
	e.U32(flag(c.KeepCaps, stubKeepCaps) | flag(c.ScopeSignals, stubScopeSignals) | flag(c.ExecRoots != nil, stubExecRoots) | flag(c.MDWE, stubMDWE) | flag(c.OwnUserNS, stubOwnUserNS) | flag(c.DenyTSC, stubDenyTSC))
	e.U32(c.LoadFlags)
	e.Str(c.Path)
	e.Strs(c.Argv)
	e.Strs(c.Env)
	e.U32(uint32(len(c.Static)))
	for _, p := range c.Static {
		e.Blob(p)
	}
	e.Blob(c.BPF)
	e.Strs(c.ExecRoots)
	e.Str(c.Plugin)
	e.Blob(c.Lock)
	if e.Err() != nil {
		return nil, e.Err()
	}
	if len(e.Bytes()) > maxFrame {
		return nil, errors.New("handoff: stub config too large")
	}
	return e.Frame(), nil
}

func flag(on bool, bit uint32) uint32 {
	if on {
		return bit
	}
	return 0
}

// Encoder writes what launch/frame.c reads: 32-bit (and 64-bit) little-endian
// numbers, blobs behind their length, strings ending in one NUL. The stub and
// guard configs are frames (Frame puts the length first); the Landlock and
// namespace plans are payloads (Bytes) carried inside them or in a memfd.
type Encoder struct {
	b   []byte
	err error
}

// U32 appends v.
func (e *Encoder) U32(v uint32) { e.b = binary.LittleEndian.AppendUint32(e.b, v) }

// U64 appends v.
func (e *Encoder) U64(v uint64) { e.b = binary.LittleEndian.AppendUint64(e.b, v) }

// Blob appends p behind its length.
func (e *Encoder) Blob(p []byte) {
	e.U32(uint32(len(p)))
	e.b = append(e.b, p...)
}

// Str appends s with its terminating NUL, which the C side checks; a NUL inside
// s is an error (Err).
func (e *Encoder) Str(s string) {
	if strings.IndexByte(s, 0) >= 0 && e.err == nil {
		e.err = fmt.Errorf("handoff: %q holds a NUL byte", s)
	}
	e.U32(uint32(len(s) + 1))
	e.b = append(e.b, s...)
	e.b = append(e.b, 0)
}

// Strs appends the count of v and its strings.
func (e *Encoder) Strs(v []string) {
	e.U32(uint32(len(v)))
	for _, s := range v {
		e.Str(s)
	}
}

// Err is the first error of an append.
func (e *Encoder) Err() error { return e.err }

// Bytes returns the payload.
func (e *Encoder) Bytes() []byte { return e.b }

// Frame returns the payload behind its length.
func (e *Encoder) Frame() []byte {
	return append(binary.LittleEndian.AppendUint32(make([]byte, 0, 4+len(e.b)), uint32(len(e.b))), e.b...)
}

// Memfd puts data in an unnamed file the next exec inherits (syd's layers when
// it re-executes itself into them) and returns its fd.
func Memfd(data []byte) (int, error) {
	fd, err := unix.MemfdCreate("syd-layers", 0)
	if err != nil {
		return -1, err
	}
	if _, err := unix.Write(fd, data); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}

// maxFrame bounds a frame so a broken peer cannot make the C side allocate without
// limit (SYD_MAX_FRAME in launch/frame.c).
const maxFrame = 64 << 20

// ReadInt32 reads the small numbers of the protocol (fd numbers, negated errnos,
// wait statuses) the guard and the stub write.
func ReadInt32(r io.Reader) (int32, error) {
	var b [4]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return 0, err
	}
	return int32(binary.LittleEndian.Uint32(b[:])), nil
}

// InheritedFDs lists the fds >= 3 this process holds without FD_CLOEXEC, except
// those in skip: what our parent handed us for the command (a jobserver pipe, a
// "3>file" redirection). Go opens its own fds close-on-exec, so they are not listed.
func InheritedFDs(skip ...int) []int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range ents {
		fd, err := strconv.Atoi(e.Name())
		if err != nil || fd < 3 || slices.Contains(skip, fd) {
			continue
		}
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err != nil || flags&unix.FD_CLOEXEC != 0 {
			continue
		}
		out = append(out, fd)
	}
	return out
}

// ExtraFiles builds an exec.Cmd ExtraFiles slice that keeps every fd of inherit at
// its own number and puts extra after the highest of them. It returns the fd
// numbers the extra files get in the child.
func ExtraFiles(inherit []int, extra ...*os.File) ([]*os.File, []int) {
	top := 2
	for _, fd := range inherit {
		top = max(top, fd)
	}
	files := make([]*os.File, top-2, top-2+len(extra))
	for _, fd := range inherit {
		files[fd-3] = os.NewFile(uintptr(fd), "inherited")
	}
	nums := make([]int, len(extra))
	for i, f := range extra {
		nums[i] = 3 + len(files)
		files = append(files, f)
	}
	return files, nums
}

// FDsEnv renders the EnvFDs variable for the given control fd numbers.
func FDsEnv(nums []int) string {
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = strconv.Itoa(n)
	}
	return EnvFDs + "=" + strings.Join(parts, ",")
}
