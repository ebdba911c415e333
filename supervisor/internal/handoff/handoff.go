// Package handoff is the wire protocol between the supervisor, the guard and the stub:
// the re-exec marker, the configs they receive and the length-prefixed frames that carry them.
package handoff

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// EnvMarker names the environment variable that turns a re-executed syd into the
// guard or the stub. It is checked before anything else in main and in TestMain.
const EnvMarker = "SYD_GO_INTERNAL_MODE"

// Modes of a re-executed syd.
const (
	ModeGuard = "guard"
	ModeStub  = "stub"
)

// EnvFDs names the variable carrying the control fd numbers of a re-executed child:
// "CTL" for the stub, "CTL,STUB" for the guard. They sit above every inherited fd,
// so the sandboxed command gets the caller's fds at their own numbers.
const EnvFDs = "SYD_GO_INTERNAL_FDS"

// The guard's control socket carries the guard config in and the stub pidfd and exit
// status out; the stub's carries the stub config in, the listener fd number out, the
// ack in and an exec error out.

// GuardConfig is what the guard needs to know.
type GuardConfig struct {
	Argv0   string `json:"argv0"`
	WaitAll bool   `json:"wait_all"`
	Inherit []int  `json:"inherit"` // fds to pass to the sandboxed command unchanged
	// Dumpable leaves the guard dumpable (trace/allow_unsafe_dumpable).
	Dumpable bool `json:"dumpable"`
}

// StubConfig is what the stub needs to exec the sandboxed command.
type StubConfig struct {
	Path string   `json:"path"`
	Argv []string `json:"argv"`
	Env  []string `json:"env"`
	// Static are the static seccomp layers, loaded before BPF, the notify filter.
	Static [][]byte `json:"static"`
	BPF    []byte   `json:"bpf"`
	// ExecRoots, when not nil, confines execution to these paths with Landlock.
	ExecRoots []string `json:"exec_roots,omitempty"`
	// Plugin, when set, is a shared library whose syd_main runs instead of an exec.
	Plugin string `json:"plugin,omitempty"`
	// KeepCaps keeps the capabilities (trace/allow_unsafe_caps); ScopeSignals
	// keeps signals inside the sandbox's Landlock domain.
	KeepCaps     bool `json:"keep_caps"`
	ScopeSignals bool `json:"scope_signals"`
}

// maxFrame bounds a frame so a broken peer cannot make us allocate without limit.
const maxFrame = 64 << 20

// WriteFrame writes v as JSON behind a 4-byte little-endian length.
func WriteFrame(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	buf := make([]byte, 4+len(b))
	binary.LittleEndian.PutUint32(buf, uint32(len(b)))
	copy(buf[4:], b)
	_, err = w.Write(buf)
	return err
}

// ReadFrame reads one frame written by WriteFrame into v.
func ReadFrame(r io.Reader, v any) error {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return err
	}
	n := binary.LittleEndian.Uint32(hdr[:])
	if n > maxFrame {
		return errors.New("handoff: frame too large")
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// WriteInt32 and ReadInt32 carry the small numbers of the protocol (fd numbers,
// negated errnos, wait statuses).
func WriteInt32(w io.Writer, v int32) error {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(v))
	_, err := w.Write(b[:])
	return err
}

// ReadInt32 reads a value written by WriteInt32.
func ReadInt32(r io.Reader) (int32, error) {
	var b [4]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return 0, err
	}
	return int32(binary.LittleEndian.Uint32(b[:])), nil
}

// File wraps an inherited fd number.
func File(fd int, name string) *os.File { return os.NewFile(uintptr(fd), name) }

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

// ControlFDs parses EnvFDs in a re-executed child.
func ControlFDs() []int {
	var out []int
	for _, p := range strings.Split(os.Getenv(EnvFDs), ",") {
		if n, err := strconv.Atoi(p); err == nil && n >= 3 {
			out = append(out, n)
		}
	}
	return out
}
