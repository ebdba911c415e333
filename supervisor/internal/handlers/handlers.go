// Package handlers emulates or refuses the system calls the supervisor intercepts:
// one file per syscall family, dispatched from one table indexed by syscall number.
package handlers

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"syd/magic"
	"syd/sandbox"
	"syd/supervisor/internal/crypt"
	"syd/supervisor/internal/pathres"
	"syd/supervisor/internal/segvguard"
	"syd/supervisor/internal/tracee"
	"syd/supervisor/internal/unotify"
)

// errContinue asks the kernel to run the call as the caller made it. Only for calls
// whose decision did not depend on tracee memory.
var errContinue = errors.New("continue")

// errGone means the caller's request is no longer pending (the caller died or was
// interrupted, NOTIF_ID_VALID failed): nobody will read an answer. Dispatch still
// answers it, with EACCES, so that a request wrongly taken for gone can never be
// left waiting: for a request really gone the kernel refuses the answer (ENOENT).
var errGone = errors.New("caller gone")

// Handler emulates one system call. It returns the call's result, or an errno to
// return to the tracee, or errGone, or errContinue; a handler that answered the
// request itself (fd injection, a traced continue) sets Call.replied.
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
	// The identity the receiver thread holds between calls (nil: syd's own).
	held *target
	// Handles of the threads this receiver served recently.
	procs tracee.Procs
	// replied: the handler answered the request itself.
	replied bool
	// afterReply are fds of the call closed once the caller has its answer
	// (closeAfterReply): the caller waits for nothing it does not need.
	afterReply []int
	// short: syd itself ran out of fds during the call (its own EMFILE or
	// ENFILE, never to be handed to the caller); callerFull: the caller's fd
	// table was full (ADDFD's EMFILE, the caller's own answer).
	short, callerFull bool
	// who: the caller as log lines name it, read at most once per call.
	who who
}

// Close releases what the receiver kept between calls and gives its thread
// syd's credentials back.
func (c *Call) Close() {
	c.procs.Close()
	c.holdOwn()
}

// SetCacheSize sets how many threads the receiver keeps handles for.
func (c *Call) SetCacheSize(n int) { c.procs.SetSize(n) }

// status reads the caller's /proc/<tid>/status.
func (c *Call) status() (tracee.Status, error) {
	st, err := c.procs.Status(c.Pid())
	c.noteShort(err)
	return st, err
}

// callerFD duplicates the caller's fd into syd (pidfd_getfd) after validating the
// request; EBADF for a bad fd. errGone: the caller is gone.
func (c *Call) callerFD(fd int) (int, error) {
	ofd, err := c.procs.GetFD(c.Pid(), fd, c.Valid)
	if err == unix.ESRCH {
		return -1, errGone
	}
	c.noteShort(err)
	return ofd, err
}

// goneIfESRCH turns ESRCH, what syd's handles on a thread that has exited
// answer, into errGone.
func goneIfESRCH(err error) error {
	if err == unix.ESRCH {
		return errGone
	}
	return err
}

// noteShort records that err is syd running out of fds.
func (c *Call) noteShort(err error) {
	if err == unix.EMFILE || err == unix.ENFILE {
		c.short = true
	}
}

// Env is what handlers share for the whole run.
type Env struct {
	Log    *slog.Logger // access log
	SydPid int
	// GuardPid is the guard's pid: like syd, out of the sandbox's reach.
	GuardPid int
	Sandbox  *sandbox.Sandbox  // for /dev/syd commands
	ExecPid  int               // the initial exec child (lock:exec lets only it talk)
	Files    map[string][]byte // helper files served at /dev/<name> ("syd.el", "syd.sh")
	// Exit ends syd with the given status (the "exit" action). It does not return.
	Exit func(code int)
	// PidNS is set when the sandbox runs in a pid namespace of its own
	// (unshare/pid): the pids it passes are not syd's.
	PidNS bool
	// Crypt holds the plaintext copies of crypt sandboxing (nil: off).
	Crypt *crypt.Files
	// Segv counts the crashes of executables for SegvGuard (nil: the kernel
	// cannot tell syd how a process ended).
	Segv *segvguard.Guard
	// Tasks counts the sandbox's tasks for an action of sandbox/pid other than
	// deny (nil: none).
	Tasks func() (uint64, error)
}

// hostPid turns a pid (or tid) the caller passed into syd's numbering: the same
// number, unless the sandbox has its own pid namespace. 0: no such task.
func (c *Call) hostPid(id int) int {
	if !c.Env.PidNS || id <= 0 {
		return id
	}
	return tracee.HostPid(c.Pid(), id)
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
		return "", errGone
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
	path := string(b)
	if c.Policy.Has(sandbox.FlagDenyDotdot) && hasDotdot(path) && !isMagic(path) {
		// trace/deny_dotdot: a ".." component is refused before it is resolved.
		if !c.Valid() {
			return "", errGone
		}
		return "", c.enforce(decision{act: sandbox.ActionDeny, feature: "dotdot", tip: "trace/deny_dotdot:0"}, path, unix.EACCES)
	}
	return path, nil
}

// isMagic reports whether path is a /dev/syd path (its command may hold "..").
func isMagic(path string) bool {
	if !magic.MayBe(path) {
		return false
	}
	k, _ := magic.Parse(path)
	return k != magic.None
}

// hasDotdot reports whether path has a ".." component.
func hasDotdot(path string) bool {
	for len(path) > 0 {
		var comp string
		comp, path, _ = strings.Cut(path, "/")
		if comp == ".." {
			return true
		}
	}
	return false
}

// writeMem copies b to addr in the caller, after validating the request: memory is
// never written into a process that may not be the caller any more (pid reuse).
func (c *Call) writeMem(addr uint64, b []byte) error {
	if !c.Valid() {
		return errGone
	}
	return tracee.Write(c.Pid(), addr, b)
}

// Dispatch runs the handler for the notification in c and sends the reply. Every
// request gets exactly one answer: the handler's own (Call.replied) or this one.
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
	val, err := c.run(h)
	defer c.closeDeferred()
	if c.replied {
		return
	}
	if err == errContinue {
		_ = unotify.Continue(c.Listener, c.Req.ID)
		return
	}
	var errno unix.Errno
	if err != nil && !errors.As(err, &errno) {
		// An internal failure denies: never let a call through because we broke.
		// errGone lands here too: the answer is refused if the caller is gone.
		errno = unix.EACCES
	}
	_ = unotify.Reply(c.Listener, c.Req.ID, val, errno)
}

// closeAfterReply closes the directory fd of res after the reply, instead of
// the handler's res.Close (which it must then not call): res stays usable
// until the handler returns, and nothing may replace res.Dir (pin does).
func (c *Call) closeAfterReply(res *pathres.Result) {
	if res.Dir >= 0 {
		c.afterReply = append(c.afterReply, res.Dir)
	}
}

func (c *Call) closeDeferred() {
	for _, fd := range c.afterReply {
		unix.Close(fd)
	}
	c.afterReply = c.afterReply[:0]
}

// shortRetryFor is how long a call waits, in total, for syd to have fds again.
const shortRetryFor = 2 * time.Second

// run calls h with the caller's credentials. When syd itself ran short of fds
// during the call (its EMFILE is not the caller's business), the receiver lets
// go of its cached handles, every receiver keeps fewer from then on, and the call
// runs again after a pause; the calls that can run short make their fds before
// they change anything, so running again is safe.
func (c *Call) run(h Handler) (int64, error) {
	var waited time.Duration
	for pause := time.Millisecond; ; pause *= 2 {
		c.replied, c.short, c.callerFull = false, false, false
		c.who = who{}
		ok := c.assumeCaller()
		if !ok && !c.short {
			// The call cannot be made with the caller's credentials: refuse it.
			return 0, unix.EACCES
		}
		var val int64
		var err error
		if ok {
			val, err = h(c)
		}
		if !c.replied && !c.callerFull {
			c.noteShort(err)
		}
		if c.replied || !c.short {
			return val, err
		}
		if waited >= shortRetryFor {
			c.Env.Log.Error("syd is out of file descriptors: a call failed after retrying",
				"ctx", "fds", "sys", c.sysName(), "pid", c.Pid())
			if !ok {
				return 0, unix.EACCES
			}
			return val, err
		}
		c.relieve()
		time.Sleep(pause)
		waited += pause
	}
}

var shortOnce sync.Once

// relieve frees what syd can when it ran out of fds: this receiver's cached
// handles now, the other receivers' surplus at their next call.
func (c *Call) relieve() {
	c.procs.Close()
	limit := tracee.Shrink()
	shortOnce.Do(func() {
		var lim unix.Rlimit
		_ = unix.Getrlimit(unix.RLIMIT_NOFILE, &lim)
		c.Env.Log.Warn("syd ran out of file descriptors: fewer handles are cached, calls wait and go on",
			"ctx", "fds", "rlimit_nofile", lim.Cur, "cached_threads", limit)
	})
}

// sysName returns the name of the caller's syscall for logs.
func (c *Call) sysName() string {
	if n := int(c.Req.Data.Nr); n >= 0 && n < len(table) && table[n].name != "" {
		return table[n].name
	}
	return strconv.Itoa(int(c.Req.Data.Nr))
}

// Supervisor reports whether tgid is syd or the guard, which nothing in the
// sandbox may act on.
func (e *Env) Supervisor(tgid int) bool { return tgid == e.SydPid || tgid == e.GuardPid }
