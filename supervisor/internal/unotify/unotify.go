// Package unotify wraps the seccomp user-notification ioctls (RECV, SEND, ADDFD, ID_VALID, SET_FLAGS) and their ABI structs; it knows nothing about policy.
package unotify

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Data mirrors struct seccomp_data.
type Data struct {
	Nr                 int32
	Arch               uint32
	InstructionPointer uint64
	Args               [6]uint64
}

// Notif mirrors struct seccomp_notif (80 bytes on every arch).
type Notif struct {
	ID    uint64
	Pid   uint32
	Flags uint32
	Data  Data
}

// Resp mirrors struct seccomp_notif_resp. Error holds a NEGATIVE errno, as the raw ABI wants.
type Resp struct {
	ID    uint64
	Val   int64
	Error int32
	Flags uint32
}

// addFD mirrors struct seccomp_notif_addfd.
type addFD struct {
	ID         uint64
	Flags      uint32
	SrcFD      uint32
	NewFD      uint32
	NewFDFlags uint32
}

// Sizes are the struct sizes the running kernel reports (SECCOMP_GET_NOTIF_SIZES).
type Sizes struct {
	Notif uint16
	Resp  uint16
	Data  uint16
}

// KernelSizes asks the kernel for the notification struct sizes.
func KernelSizes() (Sizes, error) {
	var s Sizes
	// The kernel writes three u16 into s.
	_, _, e := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_GET_NOTIF_SIZES, 0, uintptr(unsafe.Pointer(&s)))
	if e != 0 {
		return s, e
	}
	return s, nil
}

// CheckABI fails when the kernel's structs are larger than the ones compiled here:
// RECV would then write past the end of Notif.
func CheckABI() error {
	s, err := KernelSizes()
	if err != nil {
		return err
	}
	if int(s.Notif) > int(unsafe.Sizeof(Notif{})) || int(s.Resp) > int(unsafe.Sizeof(Resp{})) {
		return errors.New("seccomp notification structs of this kernel are larger than supported")
	}
	return nil
}

func ioctl(fd int, req uintptr, arg unsafe.Pointer) error {
	// unix.Syscall (not RawSyscall): RECV blocks, and the Go scheduler must be told so.
	_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), req, uintptr(arg))
	if e != 0 {
		return e
	}
	return nil
}

// Recv blocks until a notification arrives. n is zeroed first (the kernel rejects a dirty buffer).
func Recv(fd int, n *Notif) error {
	*n = Notif{}
	// n is a fixed-layout ABI struct the kernel fills.
	return ioctl(fd, unix.SECCOMP_IOCTL_NOTIF_RECV, unsafe.Pointer(n))
}

// Send answers a notification.
func Send(fd int, r *Resp) error {
	// r is a fixed-layout ABI struct the kernel reads.
	return ioctl(fd, unix.SECCOMP_IOCTL_NOTIF_SEND, unsafe.Pointer(r))
}

// Reply answers id with a return value or a (positive) errno.
func Reply(fd int, id uint64, val int64, errno unix.Errno) error {
	r := Resp{ID: id, Val: val, Error: -int32(errno)}
	if errno != 0 {
		r.Val = 0
	}
	return Send(fd, &r)
}

// Continue lets the kernel run the call as the tracee asked. Only safe when the
// decision did not depend on tracee memory.
func Continue(fd int, id uint64) error {
	return Send(fd, &Resp{ID: id, Flags: unix.SECCOMP_USER_NOTIF_FLAG_CONTINUE})
}

// IDValid reports whether the notification is still pending (the tracee has not
// died or been interrupted). Call it after every read of tracee memory.
func IDValid(fd int, id uint64) bool {
	// id is read by the kernel as a u64.
	return ioctl(fd, unix.SECCOMP_IOCTL_NOTIF_ID_VALID, unsafe.Pointer(&id)) == nil
}

// AddFDSend installs srcfd into the tracee at its lowest free fd number and completes
// the syscall with that number, atomically (ADDFD with SECCOMP_ADDFD_FLAG_SEND).
// cloexec sets O_CLOEXEC on the new fd. The calling thread must have asynchronous
// signals blocked (BlockAsyncSignals): a signal interrupting the ioctl after the
// kernel marked the request replied makes the tracee see a bogus return value of 0
// (research pitfall P1).
func AddFDSend(fd int, id uint64, srcfd int, cloexec bool) (int, error) {
	return addfd(fd, id, srcfd, cloexec, unix.SECCOMP_ADDFD_FLAG_SEND)
}

// AddFDSendClose is AddFDSend followed by the close of srcfd, whatever the
// outcome: the tracee may already be running, and syd's copy of the file
// should be gone as soon as it can be.
func AddFDSendClose(fd int, id uint64, srcfd int, cloexec bool) (int, error) {
	newfd, err := AddFDSend(fd, id, srcfd, cloexec)
	unix.Close(srcfd)
	return newfd, err
}

// AddFD installs srcfd into the tracee at its lowest free fd number without
// answering the request (the caller replies with the number later). It costs the
// tracee one more wake-up than AddFDSend but lets the supervisor close srcfd
// before the tracee runs on: the tracee's own close is then the last one of the
// file, as without a sandbox (IN_CLOSE_WRITE when it closes, no ETXTBSY for an
// exec right after it wrote a program, flock released). The request must stay
// pending until the reply: the filter's WAIT_KILLABLE_RECV keeps signals from
// restarting the call in between, which would install the fd twice.
func AddFD(fd int, id uint64, srcfd int, cloexec bool) (int, error) {
	return addfd(fd, id, srcfd, cloexec, 0)
}

func addfd(fd int, id uint64, srcfd int, cloexec bool, flags uint32) (int, error) {
	a := addFD{ID: id, Flags: flags, SrcFD: uint32(srcfd)}
	if cloexec {
		a.NewFDFlags = unix.O_CLOEXEC
	}
	// a is a fixed-layout ABI struct; the return value is the tracee's new fd.
	r, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), unix.SECCOMP_IOCTL_NOTIF_ADDFD, uintptr(unsafe.Pointer(&a)))
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}

// BlockAsyncSignals blocks every asynchronous signal on the calling (locked) thread
// and returns a function that restores the previous mask. Synchronous fault signals
// (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS) stay deliverable: they can only
// come from the thread's own code, never from inside an ioctl. Go's preemption
// signal is deferred; the receiver reaches cooperative preemption points anyway.
func BlockAsyncSignals() (restore func(), err error) {
	var set, old unix.Sigset_t
	for i := range set.Val {
		set.Val[i] = ^uint64(0)
	}
	for _, sig := range []unix.Signal{unix.SIGSEGV, unix.SIGBUS, unix.SIGFPE, unix.SIGILL, unix.SIGTRAP, unix.SIGSYS} {
		set.Val[(sig-1)/64] &^= 1 << ((sig - 1) % 64)
	}
	if err := unix.PthreadSigmask(unix.SIG_SETMASK, &set, &old); err != nil {
		return nil, err
	}
	return func() { _ = unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil) }, nil
}

// SetSyncWakeUp asks the kernel to wake the tracee on the supervisor's CPU
// (SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP, Linux 6.6). EINVAL means unsupported.
func SetSyncWakeUp(fd int) error {
	// The flags are the ioctl's argument itself, not a pointer to them (kernel
	// seccomp_notify_set_flags(filter, arg)): an address would be EINVAL.
	_, _, e := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), unix.SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		unix.SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP)
	if e != 0 {
		return e
	}
	return nil
}

// Hungup reports whether every process using the filter is gone (POLLHUP on the listener).
func Hungup(fd int) bool {
	pfd := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	n, err := unix.Poll(pfd, 0)
	return err == nil && n > 0 && pfd[0].Revents&unix.POLLHUP != 0
}
