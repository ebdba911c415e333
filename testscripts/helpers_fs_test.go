// helpers_fs_test.go: sydtest-fs, a program that makes raw filesystem system calls
// and prints exactly what it got back, so a native run and a sandboxed run can be
// compared byte for byte.
package testscripts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// fsState is what the operations of one sydtest-fs run share.
type fsState struct {
	fd    int // last fd opened with "open"
	dirfd int // dirfd for the *at calls ("dirfd"), AT_FDCWD by default
	ifd   int // inotify instance
	fan   int // fanotify group
}

// fsOp is one operation: its argument count and what it does. It returns the
// result to print after "ok" (may be empty) or an error.
type fsOp struct {
	nargs int
	run   func(s *fsState, a []string) (string, error)
}

// helperFS runs operations in order and prints one line for each:
//
//	sydtest-fs OP ARGS... [OP ARGS...]
//
// "NAME: ok[ RESULT]" or "NAME: errno=ENAME". Paths "NULL" are NULL pointers; numbers
// accept 0/0x prefixes; flags are names joined by '|' (AT_*, RENAME_*, XATTR_*, S_IF*,
// IN_*, FAN_*, R_OK...) or numbers; "@fd" in a path is the fd of the last "open".
// See fsOps for the operations.
func helperFS() {
	runtime.LockOSThread() // one thread: /proc/thread-self and gettid agree
	s := &fsState{fd: -1, dirfd: unix.AT_FDCWD, ifd: -1, fan: -1}
	args := os.Args[1:]
	for len(args) > 0 {
		name := args[0]
		op, ok := fsOps[name]
		if !ok || len(args) < 1+op.nargs {
			fmt.Fprintf(os.Stderr, "sydtest-fs: unknown operation or missing arguments: %q\n", args)
			os.Exit(2)
		}
		res, err := op.run(s, args[1:1+op.nargs])
		args = args[1+op.nargs:]
		if err != nil {
			if en, ok := err.(unix.Errno); ok {
				fmt.Printf("%s: errno=%s\n", name, unix.ErrnoName(en))
				continue
			}
			fmt.Fprintf(os.Stderr, "sydtest-fs: %s: %v\n", name, err)
			os.Exit(2)
		}
		if res != "" {
			res = " " + res
		}
		fmt.Printf("%s: ok%s\n", name, res)
	}
}

var fsFlagNames = map[string]uint64{
	"AT_SYMLINK_NOFOLLOW": unix.AT_SYMLINK_NOFOLLOW, "AT_EMPTY_PATH": unix.AT_EMPTY_PATH,
	"AT_EACCESS": unix.AT_EACCESS, "AT_REMOVEDIR": unix.AT_REMOVEDIR, "AT_SYMLINK_FOLLOW": unix.AT_SYMLINK_FOLLOW,
	"RENAME_NOREPLACE": unix.RENAME_NOREPLACE, "RENAME_EXCHANGE": unix.RENAME_EXCHANGE,
	"RENAME_WHITEOUT": unix.RENAME_WHITEOUT, "XATTR_CREATE": unix.XATTR_CREATE, "XATTR_REPLACE": unix.XATTR_REPLACE,
	"F_OK": unix.F_OK, "R_OK": unix.R_OK, "W_OK": unix.W_OK, "X_OK": unix.X_OK,
	"S_IFIFO": unix.S_IFIFO, "S_IFREG": unix.S_IFREG, "S_IFCHR": unix.S_IFCHR, "S_IFBLK": unix.S_IFBLK,
	"S_IFSOCK": unix.S_IFSOCK, "S_IFDIR": unix.S_IFDIR,
	"IN_CREATE": unix.IN_CREATE, "IN_DELETE": unix.IN_DELETE, "IN_MODIFY": unix.IN_MODIFY,
	"IN_ATTRIB": unix.IN_ATTRIB, "IN_OPEN": unix.IN_OPEN, "IN_ONLYDIR": unix.IN_ONLYDIR,
	"IN_DONT_FOLLOW": unix.IN_DONT_FOLLOW, "IN_MASK_ADD": unix.IN_MASK_ADD, "IN_MASK_CREATE": unix.IN_MASK_CREATE,
	"FAN_CLASS_NOTIF": unix.FAN_CLASS_NOTIF, "FAN_REPORT_FID": unix.FAN_REPORT_FID,
	"FAN_MARK_ADD": unix.FAN_MARK_ADD, "FAN_MARK_REMOVE": unix.FAN_MARK_REMOVE, "FAN_MARK_FLUSH": unix.FAN_MARK_FLUSH,
	"FAN_MARK_DONT_FOLLOW": unix.FAN_MARK_DONT_FOLLOW, "FAN_MARK_ONLYDIR": unix.FAN_MARK_ONLYDIR,
	"FAN_MARK_MOUNT": unix.FAN_MARK_MOUNT, "FAN_OPEN": unix.FAN_OPEN, "FAN_CLOSE_WRITE": unix.FAN_CLOSE_WRITE,
	"FAN_ATTRIB": unix.FAN_ATTRIB, "FAN_MODIFY": unix.FAN_MODIFY,
	"FALLOC_FL_KEEP_SIZE": unix.FALLOC_FL_KEEP_SIZE, "FALLOC_FL_PUNCH_HOLE": unix.FALLOC_FL_PUNCH_HOLE,
	"UTIME_NOW": unix.UTIME_NOW, "UTIME_OMIT": unix.UTIME_OMIT,
}

// num parses a number or '|'-joined flag names.
func num(s string) uint64 {
	var v uint64
	for _, part := range strings.Split(s, "|") {
		if f, ok := fsFlagNames[part]; ok {
			v |= f
			continue
		}
		if openFlag, ok := openFlagNames[strings.ToLower(part)]; ok {
			v |= uint64(openFlag)
			continue
		}
		if part == "self" {
			v |= uint64(os.Getuid())
			continue
		}
		if part == "selfgid" {
			v |= uint64(os.Getgid())
			continue
		}
		n, err := strconv.ParseInt(part, 0, 64)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sydtest-fs: bad number or flag %q\n", part)
			os.Exit(2)
		}
		v |= uint64(n)
	}
	return v
}

// keep holds every buffer whose address was passed as an integer, so the garbage
// collector cannot free it during the call (the program is short-lived).
var keep [][]byte

// hold returns the address of b and keeps b alive.
func hold(b []byte) uintptr {
	keep = append(keep, b)
	return uintptr(unsafe.Pointer(&b[0]))
}

// lastFD is the fd of the last "open", for "@fd" in paths (/proc/self/fd/@fd): fd
// numbers differ between runs (the Go runtime keeps files of its own open).
var lastFD = -1

// cstr returns a pointer to a NUL-terminated copy of s, or nil for "NULL".
func cstr(s string) uintptr {
	if s == "NULL" {
		return 0
	}
	s = strings.ReplaceAll(s, "@fd", strconv.Itoa(lastFD))
	return hold(append([]byte(s), 0))
}

// sys makes a raw system call.
func sys(nr uintptr, args ...uintptr) (uintptr, error) {
	var a [6]uintptr
	copy(a[:], args)
	r, _, e := unix.Syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5])
	if e != 0 {
		return r, e
	}
	return r, nil
}

func okInt(r uintptr, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return strconv.Itoa(int(r)), nil
}

func okNil(_ uintptr, err error) (string, error) { return "", err }

// bufArg allocates a buffer of size n (a pointer to at least one byte even for 0,
// so size-0 probes pass a real address as programs do).
func bufArg(n uint64) []byte { return make([]byte, max(n, 1)) }

func ptr(b []byte) uintptr { return hold(b) }

var fsOps map[string]fsOp

func init() {
	cwd := unix.AT_FDCWD
	at := func(s *fsState) uintptr { return uintptr(s.dirfd) }
	fd := func(s *fsState) uintptr { return uintptr(s.fd) }
	fsOps = map[string]fsOp{
		"umask": {1, func(s *fsState, a []string) (string, error) { unix.Umask(int(num(a[0]))); return "", nil }},
		"open": {2, func(s *fsState, a []string) (string, error) {
			r, err := sys(unix.SYS_OPENAT, uintptr(cwd), cstr(a[0]), uintptr(num(a[1])), 0o644)
			if err == nil {
				s.fd, lastFD = int(r), int(r)
			}
			return "", err
		}},
		"dirfd": {2, func(s *fsState, a []string) (string, error) {
			r, err := sys(unix.SYS_OPENAT, uintptr(cwd), cstr(a[0]), uintptr(num(a[1])), 0)
			if err == nil {
				s.dirfd = int(r)
			}
			return "", err
		}},
		"getfl": {0, func(s *fsState, a []string) (string, error) {
			fl, err := unix.FcntlInt(uintptr(s.fd), unix.F_GETFL, 0)
			return fmt.Sprintf("nonblock=%v", fl&unix.O_NONBLOCK != 0), err
		}},
		"write": {1, func(s *fsState, a []string) (string, error) {
			_, err := unix.Write(s.fd, []byte(a[0]))
			return "", err
		}},

		"access": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_ACCESS, cstr(a[0]), uintptr(num(a[1]))))
		}},
		"faccessat": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FACCESSAT, at(s), cstr(a[0]), uintptr(num(a[1]))))
		}},
		"faccessat2": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FACCESSAT2, at(s), cstr(a[0]), uintptr(num(a[1])), uintptr(num(a[2]))))
		}},

		"readlink": {2, func(s *fsState, a []string) (string, error) {
			b := bufArg(num(a[1]))
			r, err := sys(unix.SYS_READLINK, cstr(a[0]), ptr(b), uintptr(num(a[1])))
			return readResult(b, r, err)
		}},
		"readlinkat": {2, func(s *fsState, a []string) (string, error) {
			b := bufArg(num(a[1]))
			r, err := sys(unix.SYS_READLINKAT, at(s), cstr(a[0]), ptr(b), uintptr(num(a[1])))
			return readResult(b, r, err)
		}},

		"statfs": {1, func(s *fsState, a []string) (string, error) {
			var st unix.Statfs_t
			_, err := sys(unix.SYS_STATFS, cstr(a[0]), uintptr(unsafe.Pointer(&st)))
			return statfsResult(&st, err)
		}},
		"fstatfs": {0, func(s *fsState, a []string) (string, error) {
			var st unix.Statfs_t
			_, err := sys(unix.SYS_FSTATFS, fd(s), uintptr(unsafe.Pointer(&st)))
			return statfsResult(&st, err)
		}},

		"getxattr":  {3, getxattrOp(unix.SYS_GETXATTR)},
		"lgetxattr": {3, getxattrOp(unix.SYS_LGETXATTR)},
		"fgetxattr": {2, func(s *fsState, a []string) (string, error) {
			b := bufArg(num(a[1]))
			r, err := sys(unix.SYS_FGETXATTR, fd(s), cstr(a[0]), ptr(b), uintptr(num(a[1])))
			return readResult(b, r, err)
		}},
		"listxattr":  {2, listxattrOp(unix.SYS_LISTXATTR)},
		"llistxattr": {2, listxattrOp(unix.SYS_LLISTXATTR)},
		"flistxattr": {1, func(s *fsState, a []string) (string, error) {
			b := bufArg(num(a[0]))
			r, err := sys(unix.SYS_FLISTXATTR, fd(s), ptr(b), uintptr(num(a[0])))
			return readResult(b, r, err)
		}},
		"setxattr":  {4, setxattrOp(unix.SYS_SETXATTR)},
		"lsetxattr": {4, setxattrOp(unix.SYS_LSETXATTR)},
		"fsetxattr": {3, func(s *fsState, a []string) (string, error) {
			v := []byte(a[1] + "\x00")
			return okNil(sys(unix.SYS_FSETXATTR, fd(s), cstr(a[0]), ptr(v), uintptr(len(a[1])), uintptr(num(a[2]))))
		}},
		"removexattr": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_REMOVEXATTR, cstr(a[0]), cstr(a[1])))
		}},
		"lremovexattr": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_LREMOVEXATTR, cstr(a[0]), cstr(a[1])))
		}},
		"fremovexattr": {1, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FREMOVEXATTR, fd(s), cstr(a[0])))
		}},

		"mkdir": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_MKDIR, cstr(a[0]), uintptr(num(a[1]))))
		}},
		"mkdirat": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_MKDIRAT, at(s), cstr(a[0]), uintptr(num(a[1]))))
		}},
		"mknod": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_MKNOD, cstr(a[0]), uintptr(num(a[1])), uintptr(num(a[2]))))
		}},
		"mknodat": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_MKNODAT, at(s), cstr(a[0]), uintptr(num(a[1])), uintptr(num(a[2]))))
		}},

		"unlink": {1, func(s *fsState, a []string) (string, error) { return okNil(sys(unix.SYS_UNLINK, cstr(a[0]))) }},
		"rmdir":  {1, func(s *fsState, a []string) (string, error) { return okNil(sys(unix.SYS_RMDIR, cstr(a[0]))) }},
		"unlinkat": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_UNLINKAT, at(s), cstr(a[0]), uintptr(num(a[1]))))
		}},

		"rename": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_RENAME, cstr(a[0]), cstr(a[1])))
		}},
		"renameat": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_RENAMEAT, at(s), cstr(a[0]), at(s), cstr(a[1])))
		}},
		"renameat2": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_RENAMEAT2, at(s), cstr(a[0]), at(s), cstr(a[1]), uintptr(num(a[2]))))
		}},
		"link": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_LINK, cstr(a[0]), cstr(a[1])))
		}},
		"linkat": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_LINKAT, at(s), cstr(a[0]), uintptr(cwd), cstr(a[1]), uintptr(num(a[2]))))
		}},
		// linkfd NEW links the last opened fd's file through /proc/self/fd/N.
		"linkfd": {1, func(s *fsState, a []string) (string, error) {
			old := "/proc/self/fd/" + strconv.Itoa(s.fd)
			return okNil(sys(unix.SYS_LINKAT, uintptr(cwd), cstr(old), uintptr(cwd), cstr(a[0]), unix.AT_SYMLINK_FOLLOW))
		}},
		"symlink": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_SYMLINK, cstr(a[0]), cstr(a[1])))
		}},
		"symlinkat": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_SYMLINKAT, cstr(a[0]), at(s), cstr(a[1])))
		}},

		"chmod": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_CHMOD, cstr(a[0]), uintptr(num(a[1]))))
		}},
		"fchmod": {1, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FCHMOD, fd(s), uintptr(num(a[0]))))
		}},
		"fchmodat": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FCHMODAT, at(s), cstr(a[0]), uintptr(num(a[1]))))
		}},
		"fchmodat2": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FCHMODAT2, at(s), cstr(a[0]), uintptr(num(a[1])), uintptr(num(a[2]))))
		}},
		"chown": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_CHOWN, cstr(a[0]), uintptr(num(a[1])), uintptr(num(a[2]))))
		}},
		"lchown": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_LCHOWN, cstr(a[0]), uintptr(num(a[1])), uintptr(num(a[2]))))
		}},
		"fchown": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FCHOWN, fd(s), uintptr(num(a[0])), uintptr(num(a[1]))))
		}},
		"fchownat": {4, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FCHOWNAT, at(s), cstr(a[0]), uintptr(num(a[1])), uintptr(num(a[2])), uintptr(num(a[3]))))
		}},

		// utime PATH ATIME MTIME (or "NULL NULL"), seconds.
		"utime": {3, func(s *fsState, a []string) (string, error) {
			var tp uintptr
			if a[1] != "NULL" {
				tp = pairArg([]string{a[1], a[2], "0", "0"}) // struct utimbuf is the first 16 bytes
			}
			return okNil(sys(unix.SYS_UTIME, cstr(a[0]), tp))
		}},
		// utimes PATH ASEC AUSEC MSEC MUSEC (ASEC "NULL": NULL times).
		"utimes": {5, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_UTIMES, cstr(a[0]), pairArg(a[1:])))
		}},
		"futimesat": {5, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FUTIMESAT, at(s), cstr(a[0]), pairArg(a[1:])))
		}},
		// utimensat PATH ASEC ANSEC MSEC MNSEC FLAGS (nsec may be UTIME_NOW/UTIME_OMIT).
		"utimensat": {6, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_UTIMENSAT, at(s), cstr(a[0]), pairArg(a[1:5]), uintptr(num(a[5]))))
		}},
		// futimens ASEC ANSEC MSEC MNSEC: utimensat(fd, NULL, times, 0).
		"futimens": {4, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_UTIMENSAT, fd(s), 0, pairArg(a[0:4]), 0))
		}},

		"truncate": {2, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_TRUNCATE, cstr(a[0]), uintptr(num(a[1]))))
		}},
		"ftruncate": {1, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FTRUNCATE, fd(s), uintptr(num(a[0]))))
		}},
		"fallocate": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FALLOCATE, fd(s), uintptr(num(a[0])), uintptr(num(a[1])), uintptr(num(a[2]))))
		}},

		"chdir":  {1, func(s *fsState, a []string) (string, error) { return okNil(sys(unix.SYS_CHDIR, cstr(a[0]))) }},
		"fchdir": {0, func(s *fsState, a []string) (string, error) { return okNil(sys(unix.SYS_FCHDIR, at(s))) }},
		// deep NAME N makes directory NAME (unless it exists) and enters it, N times,
		// one component at a time: how a tree deeper than PATH_MAX is made.
		"deep": {2, func(s *fsState, a []string) (string, error) {
			n := int(num(a[1]))
			for range n {
				if _, err := sys(unix.SYS_MKDIR, cstr(a[0]), 0o755); err != nil && err != unix.EEXIST {
					return "", err
				}
				if _, err := sys(unix.SYS_CHDIR, cstr(a[0])); err != nil {
					return "", err
				}
			}
			return strconv.Itoa(n), nil
		}},
		"getcwd": {0, func(s *fsState, a []string) (string, error) {
			wd, err := unix.Getwd()
			return wd, err
		}},
		// readlink_self reads /proc/self and /proc/thread-self and says whether they
		// name this process and thread (under syd they must not name syd).
		"readlink_self": {0, func(s *fsState, a []string) (string, error) {
			self, err := os.Readlink("/proc/self")
			if err != nil {
				return "", err
			}
			thread, err := os.Readlink("/proc/thread-self")
			if err != nil {
				return "", err
			}
			want := strconv.Itoa(os.Getpid())
			wantThread := want + "/task/" + strconv.Itoa(unix.Gettid())
			if self != want || thread != wantThread {
				return fmt.Sprintf("mismatch self=%s thread-self=%s want %s %s", self, thread, want, wantThread), nil
			}
			return "match", nil
		}},
		"chroot": {1, func(s *fsState, a []string) (string, error) { return okNil(sys(unix.SYS_CHROOT, cstr(a[0]))) }},

		"inotify_add_watch": {2, func(s *fsState, a []string) (string, error) {
			if s.ifd < 0 {
				ifd, err := unix.InotifyInit1(unix.IN_NONBLOCK)
				if err != nil {
					return "", err
				}
				s.ifd = ifd
			}
			return okInt(sys(unix.SYS_INOTIFY_ADD_WATCH, uintptr(s.ifd), cstr(a[0]), uintptr(num(a[1]))))
		}},
		"inotify_event": {0, inotifyEvent},
		"fanotify_init": {1, func(s *fsState, a []string) (string, error) {
			fan, err := unix.FanotifyInit(uint(num(a[0]))|unix.FAN_NONBLOCK, unix.O_RDONLY)
			s.fan = fan
			return "", err
		}},
		"fanotify_mark": {3, func(s *fsState, a []string) (string, error) {
			return okNil(sys(unix.SYS_FANOTIFY_MARK, uintptr(s.fan), uintptr(num(a[0])), uintptr(num(a[1])), at(s), cstr(a[2])))
		}},
		"fanotify_event": {0, fanotifyEvent},

		// ioctl_fionbio: ioctl(fd, FIONBIO (0x5421), &1); the effect shows in getfl.
		"ioctl_fionbio": {0, func(s *fsState, a []string) (string, error) {
			one := int32(1)
			return okNil(sys(unix.SYS_IOCTL, fd(s), 0x5421, uintptr(unsafe.Pointer(&one))))
		}},
		// ioctl_fionread: ioctl(fd, FIONREAD (0x541B), &n) prints n.
		"ioctl_fionread": {0, func(s *fsState, a []string) (string, error) {
			var n int32
			_, err := sys(unix.SYS_IOCTL, fd(s), 0x541B, uintptr(unsafe.Pointer(&n)))
			return strconv.Itoa(int(n)), err
		}},
		"ioctl_tcgets": {0, func(s *fsState, a []string) (string, error) {
			_, err := unix.IoctlGetTermios(s.fd, unix.TCGETS)
			return "", err
		}},
	}
}

// pairArg builds a two-element array of {sec, sub-second} pairs (timeval and
// timespec have the same layout on x86_64), or NULL when the first is "NULL".
func pairArg(a []string) uintptr {
	if a[0] == "NULL" {
		return 0
	}
	b := make([]byte, 32)
	for i, x := range a[:4] {
		binary.NativeEndian.PutUint64(b[8*i:], num(x))
	}
	return hold(b)
}

// readResult prints the count and the bytes a call wrote (NULs as '\0').
func readResult(b []byte, r uintptr, err error) (string, error) {
	if err != nil {
		return "", err
	}
	n := int(r)
	if n > len(b) {
		return strconv.Itoa(n), nil // a size probe
	}
	return fmt.Sprintf("%d %q", n, b[:n]), nil
}

func statfsResult(st *unix.Statfs_t, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("type=%#x bsize=%d namelen=%d flags=%#x", st.Type, st.Bsize, st.Namelen, st.Flags), nil
}

func getxattrOp(nr uintptr) func(*fsState, []string) (string, error) {
	return func(s *fsState, a []string) (string, error) {
		b := bufArg(num(a[2]))
		r, err := sys(nr, cstr(a[0]), cstr(a[1]), ptr(b), uintptr(num(a[2])))
		return readResult(b, r, err)
	}
}

func listxattrOp(nr uintptr) func(*fsState, []string) (string, error) {
	return func(s *fsState, a []string) (string, error) {
		b := bufArg(num(a[1]))
		r, err := sys(nr, cstr(a[0]), ptr(b), uintptr(num(a[1])))
		return readResult(b, r, err)
	}
}

func setxattrOp(nr uintptr) func(*fsState, []string) (string, error) {
	return func(s *fsState, a []string) (string, error) {
		v := []byte(a[2] + "\x00")
		return okNil(sys(nr, cstr(a[0]), cstr(a[1]), ptr(v), uintptr(len(a[2])), uintptr(num(a[3]))))
	}
}

// inotifyEvent waits up to a second for one event and prints its mask and name.
func inotifyEvent(s *fsState, _ []string) (string, error) {
	buf := make([]byte, 4096)
	for deadline := time.Now().Add(time.Second); ; {
		n, err := unix.Read(s.ifd, buf)
		if err == unix.EAGAIN && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		if err != nil {
			return "", err
		}
		ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[0]))
		name := buf[unix.SizeofInotifyEvent : unix.SizeofInotifyEvent+int(ev.Len)]
		name = bytes.TrimRight(name, "\x00")
		_ = n
		return fmt.Sprintf("wd=%d mask=%#x name=%s", ev.Wd, ev.Mask, name), nil
	}
}

// fanotifyEvent waits up to a second for one event and prints its mask.
func fanotifyEvent(s *fsState, _ []string) (string, error) {
	buf := make([]byte, 4096)
	for deadline := time.Now().Add(time.Second); ; {
		_, err := unix.Read(s.fan, buf)
		if err == unix.EAGAIN && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		if err != nil {
			return "", err
		}
		ev := (*unix.FanotifyEventMetadata)(unsafe.Pointer(&buf[0]))
		if ev.Fd >= 0 {
			unix.Close(int(ev.Fd))
		}
		return fmt.Sprintf("mask=%#x", ev.Mask), nil
	}
}
