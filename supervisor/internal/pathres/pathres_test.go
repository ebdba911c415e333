// pathres_test.go: differential tests: resolving a path for this very thread must
// name the object the kernel itself opens, or fail with the kernel's errno.
package pathres

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// fixture builds a tree with every kind of link the resolver must handle.
func fixture(t *testing.T) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "a/b/c"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "a/b/file"), []byte("x"), 0o644))
	must(os.Symlink("b", filepath.Join(dir, "a/rel")))                   // relative, to a dir
	must(os.Symlink(filepath.Join(dir, "a/b/file"), dir+"/abs"))         // absolute, to a file
	must(os.Symlink("../a/b/c/..", filepath.Join(dir, "a/b/c/up")))      // with ..
	must(os.Symlink("missing", filepath.Join(dir, "dangling")))          // dangling
	must(os.Symlink("loop2", filepath.Join(dir, "loop1")))               // loop
	must(os.Symlink("loop1", filepath.Join(dir, "loop2")))               //
	must(os.Symlink("a/rel/../b/file", filepath.Join(dir, "chain")))     // .. after a link
	must(os.Symlink("/proc/self/cwd/a", filepath.Join(dir, "procself"))) // through /proc/self
	return dir
}

// kernelOpen opens path the way the kernel does for us and names the result.
func kernelOpen(path string, follow bool) (string, error) {
	flags := unix.O_PATH | unix.O_CLOEXEC
	if !follow {
		flags |= unix.O_NOFOLLOW
	}
	fd, err := unix.Open(path, flags, 0)
	if err != nil {
		return "", err
	}
	defer unix.Close(fd)
	return os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
}

func TestResolveMatchesKernel(t *testing.T) {
	dir := fixture(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	fd3, err := unix.Open(filepath.Join(dir, "a/b/file"), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd3)

	paths := []string{
		"a", "a/", "a/.", "a/..", "./a/b", "a//b///c", "a/b/file", "a/b/file/", "a/b/file/x",
		"a/rel", "a/rel/", "a/rel/file", "abs", "abs/", "a/b/c/up", "a/b/c/up/file", "dangling",
		"loop1", "loop1/x", "chain", "procself", "procself/b", "missing", "missing/x", "/", "/..",
		"..", dir + "/a/../a/b", "/proc/self/cwd", "/proc/self/cwd/a/b", "/proc/thread-self/cwd/a",
		"/proc/self/fd/" + strconv.Itoa(fd3), "/proc/self/fd/" + strconv.Itoa(fd3) + "/x", "/dev/fd/" + strconv.Itoa(fd3),
		"/proc/self", "/proc/self/", "/proc/mounts",
	}
	tid := unix.Gettid()
	for _, p := range paths {
		for _, follow := range []bool{true, false} {
			want, werr := kernelOpen(p, follow)
			fl := Flags(0)
			if follow {
				fl = FollowLast
			}
			res, gerr := Resolve(tid, unix.AT_FDCWD, p, fl)
			got := ""
			if gerr == nil {
				got, gerr = openResult(&res)
				res.Close()
			}
			if werr != gerr || (werr == nil && got != want) {
				t.Errorf("Resolve(%q, follow=%v) = %q, %v; kernel: %q, %v", p, follow, got, gerr, want, werr)
			}
		}
	}
}

// openResult opens what Resolve returned the way the open handler does.
func openResult(r *Result) (string, error) {
	how := unix.OpenHow{Flags: unix.O_PATH | unix.O_CLOEXEC | unix.O_NOFOLLOW, Resolve: unix.RESOLVE_NO_MAGICLINKS}
	name := r.Name
	if r.Magic {
		how = unix.OpenHow{Flags: unix.O_PATH | unix.O_CLOEXEC}
	} else if r.TrailingSlash && name != "." {
		name += "/"
	}
	fd, err := unix.Openat2(r.Dir, name, &how)
	if err != nil {
		return "", err
	}
	defer unix.Close(fd)
	got, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
	if err == nil && !r.Magic && got != r.Path && r.Exists {
		return "path mismatch: " + r.Path + " vs " + got, nil
	}
	return got, err
}

func TestResolveMissingFinalForCreate(t *testing.T) {
	dir := fixture(t)
	tid := unix.Gettid()
	res, err := Resolve(tid, unix.AT_FDCWD, dir+"/a/new", AllowMissing|FollowLast)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if res.Exists || res.Name != "new" || res.Path != dir+"/a/new" {
		t.Fatalf("got %+v", res)
	}
	// A dangling symlink followed for O_CREAT names its target.
	res2, err := Resolve(tid, unix.AT_FDCWD, dir+"/dangling", AllowMissing|FollowLast)
	if err != nil {
		t.Fatal(err)
	}
	defer res2.Close()
	if res2.Path != dir+"/missing" || res2.Exists {
		t.Fatalf("dangling: got %+v", res2)
	}
	// Missing parents are ENOENT even for create.
	if _, err := Resolve(tid, unix.AT_FDCWD, dir+"/nope/new", AllowMissing); err != unix.ENOENT {
		t.Fatalf("missing parent: %v", err)
	}
}

func TestResolveRefusesOtherProcessesMagicLinks(t *testing.T) {
	tid := unix.Gettid()
	if _, err := Resolve(tid, unix.AT_FDCWD, "/proc/1/cwd", FollowLast); err != unix.EACCES {
		t.Fatalf("/proc/1/cwd: %v, want EACCES", err)
	}
	if _, err := Resolve(tid, unix.AT_FDCWD, "/proc/1/root/etc", FollowLast); err != unix.EACCES {
		t.Fatalf("/proc/1/root/etc: %v, want EACCES", err)
	}
}
