// Package handlers emulates or refuses the system calls the supervisor intercepts:
// one file per syscall family, dispatched from one table indexed by syscall number.
package handlers

import (
	"errors"
	"log/slog"
	"strconv"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/tracee"
	"syd/supervisor/internal/unotify"
)

// errContinue asks the kernel to run the call as the caller made it. Only for calls
// whose decision did not depend on tracee memory.
var errContinue = errors.New("continue")

// ErrReplied means the handler already completed the system call (ADDFD with SEND),
// or the tracee is gone: the caller must not send a reply.
var ErrReplied = errors.New("reply already sent")

// Handler emulates one system call. It returns the call's result, or an errno to
// return to the tracee, or ErrReplied.
type Handler func(c *Call) (int64, error)

// Call is the context of one notification. A Call (and its buffers) belongs to one
// receiver and is reused for every notification it handles.
type Call struct {
	Listener int
	Req      unotify.Notif
	Policy   *sandbox.Policy
	Env      *Env
	PathBuf  [tracee.PathMax]byte
	DirBuf   [32 << 10]byte // getdents
	joinBuf  []byte
	// The caller's identity the receiver thread holds for this call (nil: syd's
	// own, the caller's too).
	as *target
	// Handles of the threads this receiver served recently.
	procs tracee.Procs
}

// Close releases what the receiver kept between calls.
func (c *Call) Close() { c.procs.Close() }

// status reads the caller's /proc/<tid>/status.
func (c *Call) status() (tracee.Status, error) { return c.procs.Status(c.Pid()) }

// callerFD duplicates the caller's fd into syd (pidfd_getfd) after validating the
// request; EBADF for a bad fd. ErrReplied: the caller is gone.
func (c *Call) callerFD(fd int) (int, error) {
	ofd, err := c.procs.GetFD(c.Pid(), fd, c.Valid)
	if err == unix.ESRCH {
		return -1, ErrReplied
	}
	return ofd, err
}

// Env is what handlers share for the whole run.
type Env struct {
	Log     *slog.Logger // access log
	SydPid  int
	Sandbox *sandbox.Sandbox  // for /dev/syd commands
	ExecPid int               // the initial exec child (lock:exec lets only it talk)
	Files   map[string][]byte // helper files served at /dev/<name> ("syd.el", "syd.sh")
	// Exit ends syd with the given status (the "exit" action). It does not return.
	Exit func(code int)
}

// Pid is the thread id of the caller.
func (c *Call) Pid() int { return int(c.Req.Pid) }

// Valid reports whether the notification is still pending (NOTIF_ID_VALID).
func (c *Call) Valid() bool { return unotify.IDValid(c.Listener, c.Req.ID) }

// Arg returns argument i.
func (c *Call) Arg(i int) uint64 { return c.Req.Data.Args[i] }

// ReadPath reads the NUL-terminated path at addr of the caller into the call's
// buffer and validates the notification afterwards.
func (c *Call) ReadPath(addr uint64) (string, error) {
	path, err := c.readPathUnchecked(addr)
	if err != nil {
		return "", err
	}
	if !c.Valid() {
		return "", ErrReplied
	}
	return path, nil
}

// readPathUnchecked is ReadPath without the validation: the caller must validate
// before it acts on the path or logs it (open validates once, after resolution).
func (c *Call) readPathUnchecked(addr uint64) (string, error) {
	b, err := tracee.ReadCString(c.Pid(), addr, c.PathBuf[:])
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// writeMem copies b to addr in the caller, after validating the request: memory is
// never written into a process that may not be the caller any more (pid reuse).
func (c *Call) writeMem(addr uint64, b []byte) error {
	if !c.Valid() {
		return ErrReplied
	}
	return tracee.Write(c.Pid(), addr, b)
}

// Dispatch runs the handler for the notification in c and sends the reply.
func Dispatch(c *Call) {
	if ghost.Load() {
		_ = unotify.Continue(c.Listener, c.Req.ID)
		return
	}
	var h Handler
	if c.Req.Data.Arch == auditArchNative && c.Req.Data.Nr >= 0 && int(c.Req.Data.Nr) < len(table) {
		h = table[c.Req.Data.Nr].h
	}
	if h == nil {
		// Nothing we know how to handle reached us: fail closed.
		_ = unotify.Reply(c.Listener, c.Req.ID, 0, unix.ENOSYS)
		return
	}
	restore, ok := c.assumeCaller()
	if !ok {
		// The call cannot be made with the caller's credentials: refuse it.
		_ = unotify.Reply(c.Listener, c.Req.ID, 0, unix.EACCES)
		return
	}
	val, err := h(c)
	restore()
	if errors.Is(err, ErrReplied) {
		return
	}
	if err == errContinue {
		_ = unotify.Continue(c.Listener, c.Req.ID)
		return
	}
	var errno unix.Errno
	if err != nil && !errors.As(err, &errno) {
		// An internal failure denies: never let a call through because we broke.
		errno = unix.EACCES
	}
	_ = unotify.Reply(c.Listener, c.Req.ID, val, errno)
}

// sysName returns the name of the caller's syscall for logs.
func (c *Call) sysName() string {
	if n := int(c.Req.Data.Nr); n >= 0 && n < len(table) && table[n].name != "" {
		return table[n].name
	}
	return strconv.Itoa(int(c.Req.Data.Nr))
}
