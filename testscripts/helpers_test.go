// helpers_test.go: small programs the scripts run inside and outside the sandbox, so
// their outputs can be compared byte for byte.
package testscripts

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

var openFlagNames = map[string]int{
	"rdonly": unix.O_RDONLY, "wronly": unix.O_WRONLY, "rdwr": unix.O_RDWR,
	"creat": unix.O_CREAT, "excl": unix.O_EXCL, "trunc": unix.O_TRUNC, "append": unix.O_APPEND,
	"cloexec": unix.O_CLOEXEC, "nofollow": unix.O_NOFOLLOW, "directory": unix.O_DIRECTORY,
	"tmpfile": unix.O_TMPFILE, "nonblock": unix.O_NONBLOCK, "path": unix.O_PATH, "sync": unix.O_SYNC,
}

// getflMask is what F_GETFL reports that a caller can observe and we must preserve.
const getflMask = unix.O_ACCMODE | unix.O_APPEND | unix.O_NONBLOCK | unix.O_SYNC | unix.O_DSYNC |
	unix.O_DIRECT | unix.O_NOATIME | unix.O_LARGEFILE | unix.O_PATH

// helperOpen opens a path with exact flags and reports what the program sees:
//
//	sydtest-open [-sys open|openat|creat|openat2] [-close N,...] [-thread] [-mode 0644] [-write DATA] FLAGS PATH
//
// It prints "fd=N getfl=0xF cloexec=BOOL" (or "errno=NAME") and exits 1 on failure.
func helperOpen() {
	fs := flag.NewFlagSet("sydtest-open", flag.ExitOnError)
	sys := fs.String("sys", "openat", "system call: open, openat, creat or openat2")
	closeList := fs.String("close", "", "comma list of fds to close first")
	thread := fs.Bool("thread", false, "open from a second OS thread")
	mode := fs.Uint("mode", 0o644, "creation mode")
	data := fs.String("write", "", "data to write after opening")
	_ = fs.Parse(os.Args[1:])
	if fs.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: sydtest-open [options] FLAGS PATH")
		os.Exit(2)
	}
	flags := 0
	for _, name := range strings.Split(fs.Arg(0), ",") {
		f, ok := openFlagNames[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown flag %q\n", name)
			os.Exit(2)
		}
		flags |= f
	}
	path := fs.Arg(1)
	if *closeList != "" {
		for _, s := range strings.Split(*closeList, ",") {
			n, _ := strconv.Atoi(s)
			unix.Close(n)
		}
	}
	do := func() (int, error) { return rawOpen(*sys, path, flags, uint32(*mode)) }
	var fd int
	var err error
	if *thread {
		runtime.LockOSThread() // the main goroutine keeps its thread; the open runs on another
		done := make(chan struct{})
		go func() {
			runtime.LockOSThread()
			fd, err = do()
			close(done)
		}()
		<-done
	} else {
		fd, err = do()
	}
	if err != nil {
		fmt.Printf("errno=%s\n", unix.ErrnoName(err.(unix.Errno)))
		os.Exit(1)
	}
	fl, _ := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
	fdfl, _ := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	fmt.Printf("fd=%d getfl=%#x cloexec=%v\n", fd, fl&getflMask, fdfl&unix.FD_CLOEXEC != 0)
	if *data != "" {
		if _, err := unix.Write(fd, []byte(*data)); err != nil {
			fmt.Printf("write errno=%s\n", unix.ErrnoName(err.(unix.Errno)))
			os.Exit(1)
		}
	}
}

var atFDCWD = unix.AT_FDCWD

// rawOpen calls the named open system call directly (no libc, no O_CLOEXEC added).
func rawOpen(sys, path string, flags int, mode uint32) (int, error) {
	p, err := unix.BytePtrFromString(path)
	if err != nil {
		return -1, err
	}
	var r uintptr
	var e unix.Errno
	switch sys {
	case "open":
		r, _, e = unix.Syscall(unix.SYS_OPEN, uintptr(unsafe.Pointer(p)), uintptr(flags), uintptr(mode))
	case "creat":
		r, _, e = unix.Syscall(unix.SYS_CREAT, uintptr(unsafe.Pointer(p)), uintptr(mode), 0)
	case "openat2":
		how := unix.OpenHow{Flags: uint64(flags), Mode: uint64(mode)}
		if flags&(unix.O_CREAT|unix.O_TMPFILE) == 0 {
			how.Mode = 0
		}
		r, _, e = unix.Syscall6(unix.SYS_OPENAT2, uintptr(atFDCWD), uintptr(unsafe.Pointer(p)),
			uintptr(unsafe.Pointer(&how)), unsafe.Sizeof(how), 0, 0)
	default:
		r, _, e = unix.Syscall6(unix.SYS_OPENAT, uintptr(atFDCWD), uintptr(unsafe.Pointer(p)),
			uintptr(flags), uintptr(mode), 0, 0)
	}
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}
