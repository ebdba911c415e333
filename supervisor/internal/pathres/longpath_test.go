package pathres

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// deepTree builds a chain of directories under a temporary directory until its path
// is longer than 3 × PATH_MAX, with a file "f" and a directory "sub" at the bottom,
// and returns an O_PATH fd of the bottom directory and its path.
func deepTree(t *testing.T) (int, string) {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("d", 200)
	path := dir
	for len(path) < 3*unix.PathMax {
		if err := unix.Mkdirat(fd, name, 0o755); err != nil {
			t.Fatal(err)
		}
		next, err := unix.Openat(fd, name, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		unix.Close(fd)
		fd, path = next, path+"/"+name
	}
	if err := unix.Mkdirat(fd, "sub", 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := unix.Openat(fd, "f", unix.O_CREAT|unix.O_WRONLY|unix.O_CLOEXEC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	unix.Close(f)
	t.Cleanup(func() { unix.Close(fd) })
	return fd, path
}

func TestDirPathBeyondPathMax(t *testing.T) {
	fd, want := deepTree(t)
	if _, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd)); !errors.Is(err, unix.ENAMETOOLONG) {
		t.Fatalf("the kernel names the deep directory (%v): the test proves nothing", err)
	}
	got, err := DirPath(fd)
	if err != nil || got != want {
		t.Fatalf("DirPath = %.60q..., %v; want %.60q... (%d bytes)", got, err, want, len(want))
	}
	// A short path still comes from the kernel.
	root, err := unix.Open("/tmp", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(root)
	if got, err := DirPath(root); err != nil || got != "/tmp" {
		t.Fatalf("DirPath(/tmp) = %q, %v", got, err)
	}
	// A removed deep directory cannot be named.
	sub, err := unix.Openat(fd, "sub", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(sub)
	if got, err := DirPath(sub); err != nil || got != want+"/sub" {
		t.Fatalf("DirPath(sub) = %.60q, %v", got, err)
	}
	if err := unix.Unlinkat(fd, "sub", unix.AT_REMOVEDIR); err != nil {
		t.Fatal(err)
	}
	if _, err := DirPath(sub); err != unix.ENOENT {
		t.Fatalf("DirPath(removed) = %v, want ENOENT", err)
	}
	// A deep file is not named by walking (it has no "..").
	f, err := unix.Openat(fd, "f", unix.O_PATH|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(f)
	if _, err := DirPath(f); err != unix.ENAMETOOLONG {
		t.Fatalf("DirPath(deep file) = %v, want ENAMETOOLONG", err)
	}
}

// Paths relative to a directory deeper than PATH_MAX (a dirfd, the cwd, a magic link
// of it) resolve to the names the kernel would give if it could.
func TestResolveBeyondPathMax(t *testing.T) {
	fd, dir := deepTree(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	tid := unix.Gettid()
	check := func(what string, res Result, err error, want string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		defer res.Close()
		if res.Path != want || !res.Exists {
			t.Fatalf("%s: Path %.60q..., Exists %v; want %.60q...", what, res.Path, res.Exists, want)
		}
	}
	res, err := Resolve(tid, int32(fd), "f", 0)
	check("dirfd/f", res, err, dir+"/f")
	res, err = Resolve(tid, int32(fd), "..", FollowLast)
	check("dirfd/..", res, err, filepath.Dir(dir))
	res, err = Resolve(tid, unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(fd)+"/f", 0)
	check("magic link/f", res, err, dir+"/f")
	res, err = Resolve(tid, unix.AT_FDCWD, "/proc/thread-self/fd/"+strconv.Itoa(fd), FollowLast)
	check("magic link", res, err, dir)
	res, err = ResolveFD(tid, int32(fd))
	check("ResolveFD", res, err, dir)

	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.Fchdir(fd); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	res, err = Resolve(tid, unix.AT_FDCWD, "f", 0)
	check("cwd/f", res, err, dir+"/f")
	res, err = Resolve(tid, unix.AT_FDCWD, "new", AllowMissing)
	if err != nil || res.Path != dir+"/new" || res.Exists {
		t.Fatalf("cwd/new: %.60q %v %v", res.Path, res.Exists, err)
	}
	res.Close()
}

// What the walk remembers is used only while it is true: after an ancestor is
// renamed, or the directory is moved, the name given is the new one.
func TestDirPathRemembersOnlyWhatHolds(t *testing.T) {
	fd, dir := deepTree(t)
	if got, err := DirPath(fd); err != nil || got != dir {
		t.Fatalf("DirPath = %.60q, %v", got, err)
	}
	// The ancestor two levels up is itself deeper than PATH_MAX: rename it in its
	// parent, opened the way the walk's memory is checked.
	top := filepath.Dir(filepath.Dir(dir))
	for _, name := range []string{"renamed", "again"} {
		pfd, err := openLong(filepath.Dir(top))
		if err != nil {
			t.Fatal(err)
		}
		err = unix.Renameat(pfd, filepath.Base(top), pfd, name)
		unix.Close(pfd)
		if err != nil {
			t.Fatal(err)
		}
		moved := filepath.Dir(top) + "/" + name
		want := moved + dir[len(top):]
		if got, err := DirPath(fd); err != nil || got != want {
			t.Fatalf("after renaming an ancestor to %s: DirPath = ...%q, %v; want ...%q",
				name, got[max(0, len(got)-300):], err, want[max(0, len(want)-300):])
		}
		top, dir = moved, want
	}
	// Moved to a short path: the kernel names it again.
	short := t.TempDir() + "/short"
	pfd, err := unix.Openat(fd, "..", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(pfd)
	if err := unix.Renameat(pfd, filepath.Base(dir), unix.AT_FDCWD, short); err != nil {
		t.Fatal(err)
	}
	if got, err := DirPath(fd); err != nil || got != short {
		t.Fatalf("moved to %s: DirPath = %.60q, %v", short, got, err)
	}
	// And moved back deep, under a new name: walked and named again.
	if err := unix.Renameat(unix.AT_FDCWD, short, pfd, "back"); err != nil {
		t.Fatal(err)
	}
	want := filepath.Dir(dir) + "/back"
	if got, err := DirPath(fd); err != nil || got != want {
		t.Fatalf("moved back: DirPath = ...%q, %v", got[max(0, len(got)-300):], err)
	}
}
