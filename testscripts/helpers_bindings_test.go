// helpers_bindings_test.go: programs the bindings_*.txtar scripts use: repository files, a libsyd build and install, and a Go client that drives /dev/syd through package syd/bindings/go/syd.
package testscripts

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"syscall"

	gosyd "syd/bindings/go/syd"
)

func repoRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		fail("cannot locate the source tree (built with -trimpath?)")
	}
	return filepath.Dir(filepath.Dir(file))
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "FAIL "+format+"\n", args...)
	os.Exit(1)
}

// helperRepoFile prints a file of the source tree.
//
//	sydtest-repo-file PATH
func helperRepoFile() {
	b, err := os.ReadFile(filepath.Join(repoRoot(), os.Args[1]))
	if err != nil {
		fail("%v", err)
	}
	os.Stdout.Write(b)
}

// helperLibsyd builds libsyd.so (go build -buildmode=c-shared) and installs
// it with libsyd/install.sh, as `make install` does, below PREFIX.
//
//	sydtest-libsyd PREFIX
func helperLibsyd() {
	root, prefix := repoRoot(), os.Args[1]
	tmp, err := os.MkdirTemp("", "libsyd")
	if err != nil {
		fail("%v", err)
	}
	defer os.RemoveAll(tmp)
	so := filepath.Join(tmp, "libsyd.so")
	build := exec.Command("go", "build", "-buildvcs=false", "-buildmode=c-shared", "-o", so, "./libsyd")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=1", "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=-mod=readonly",
		"GOCACHE="+goCache(), "GOPATH="+filepath.Join(tmp, "gopath"))
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fail("go build libsyd: %v", err)
	}
	install := exec.Command("sh", filepath.Join(root, "libsyd", "install.sh"), so, prefix)
	install.Stdout, install.Stderr = os.Stderr, os.Stderr
	if err := install.Run(); err != nil {
		fail("libsyd/install.sh: %v", err)
	}
}

// goCache is the user's Go build cache when it is usable (testscript hides
// HOME), else a private cache kept in /tmp across runs (users without a home,
// like the uid 65534 of scripts/test-unpriv.sh, would otherwise rebuild the
// runtime for every script), else a fresh one in the temporary directory.
func goCache() string {
	if u, err := user.Current(); err == nil && u.HomeDir != "" {
		dir := filepath.Join(u.HomeDir, ".cache", "go-build")
		if syscall.Access(dir, 2 /* W_OK */) == nil {
			return dir
		}
	}
	dir := fmt.Sprintf("/tmp/syd-test-gocache-%d", os.Getuid())
	_ = os.Mkdir(dir, 0o700)
	var st syscall.Stat_t
	// Only a real directory of ours that nobody else may write to.
	if syscall.Lstat(dir, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFDIR &&
		int(st.Uid) == os.Getuid() && st.Mode&0o077 == 0 {
		return dir
	}
	return filepath.Join(os.TempDir(), "gocache")
}

// helperGoSyd drives /dev/syd with package syd/bindings/go/syd and proves
// each change with a write under DIR (sandbox run with write, create and
// truncate on, lock:exec). It prints "ok: ..." lines and exits 1 on the first
// failure. With "outside" it checks that every kind of call fails with
// ENOENT (EINVAL for an out-of-range enum) when syd cannot be reached.
//
//	sydtest-gosyd DIR | outside
func helperGoSyd() {
	if os.Args[1] == "outside" {
		goSydUnreachable()
		return
	}
	dir := os.Args[1]
	glob := dir + "/***"
	write := func(name string) error { return os.WriteFile(filepath.Join(dir, name), []byte("x\n"), 0o644) }
	must := func(what string, err error) {
		if err != nil {
			fail("%s: %v", what, err)
		}
		fmt.Println("ok:", what)
	}
	refused := func(what string, err error, want syscall.Errno) {
		if !errors.Is(err, want) {
			fail("%s: got %v, want %v", what, err, want)
		}
		fmt.Println("ok:", what)
	}
	if n, err := gosyd.API(); err != nil || n != 3 {
		fail("API: %d, %v", n, err)
	}
	must("check", gosyd.Check())
	if !gosyd.EnabledWrite() || gosyd.EnabledRead() {
		fail("EnabledWrite/EnabledRead: want true/false")
	}
	refused("write denied by default", write("a"), syscall.EACCES)
	for _, add := range []func(gosyd.Action, string) error{gosyd.WriteAdd, gosyd.CreateAdd, gosyd.TruncateAdd} {
		must("add allow rule", add(gosyd.ActionAllow, glob))
	}
	must("write allowed after add", write("a"))
	must("WriteDel", gosyd.WriteDel(gosyd.ActionAllow, glob))
	refused("write denied after del", write("a"), syscall.EACCES)
	must("WriteAdd twice", errors.Join(gosyd.WriteAdd(gosyd.ActionAllow, glob), gosyd.WriteAdd(gosyd.ActionAllow, glob)))
	must("write allowed again", write("a"))
	must("WriteRem", gosyd.WriteRem(gosyd.ActionAllow, glob))
	refused("write denied after rem", write("a"), syscall.EACCES)
	// Writing an existing file needs write and truncate; a new one, write and create.
	each := func(what string, fs ...func() error) {
		var errs []error
		for _, f := range fs {
			errs = append(errs, f())
		}
		must(what, errors.Join(errs...))
	}
	each("Disable{Write,Create,Truncate}", gosyd.DisableWrite, gosyd.DisableCreate, gosyd.DisableTruncate)
	if gosyd.EnabledWrite() || gosyd.EnabledCreate() {
		fail("EnabledWrite/EnabledCreate after Disable")
	}
	must("write allowed with write sandboxing off", write("b"))
	each("Enable{Write,Create,Truncate}", gosyd.EnableWrite, gosyd.EnableCreate, gosyd.EnableTruncate)
	refused("write denied with write sandboxing on", write("b"), syscall.EACCES)
	defaults := func(a gosyd.Action) func() error {
		return func() error {
			return errors.Join(gosyd.DefaultWrite(a), gosyd.DefaultCreate(a), gosyd.DefaultTruncate(a))
		}
	}
	each("Default{Write,Create,Truncate}(allow)", defaults(gosyd.ActionAllow))
	must("write allowed by default allow", write("c"))
	each("Default{Write,Create,Truncate}(deny)", defaults(gosyd.ActionDeny))
	refused("write denied by default deny", write("c"), syscall.EACCES)
	refused("out-of-range action", gosyd.WriteAdd(gosyd.Action(9), glob), syscall.EINVAL)
	refused("out-of-range lock state", gosyd.Lock(gosyd.LockState(5)), syscall.EINVAL)
	refused("malformed glob", gosyd.WriteAdd(gosyd.ActionAllow, "relative"), syscall.EINVAL)
	refused("false query", gosyd.Command("sandbox/read?"), syscall.ENOENT)
	must("NetConnectAdd", gosyd.NetConnectAdd(gosyd.ActionAllow, "127.0.0.1!80"))
	// The memory and task limits are the kernel's, fixed at start.
	refused("MemMax", gosyd.MemMax("1G"), syscall.EBUSY)
	refused("PIDMax", gosyd.PIDMax(64), syscall.EBUSY)
	must("IoctlDeny", gosyd.IoctlDeny(0x5412))
	must("ForceAdd", gosyd.ForceAdd("/bin/true", "00000000", gosyd.ActionKill))
	must("ForceDel", gosyd.ForceDel("/bin/true"))
	must("SegvGuardMaxCrashes", gosyd.SegvGuardMaxCrashes(3))
	info, err := gosyd.Info()
	must("Info", err)
	if info["lock"] != "exec" || info["api"] != float64(3) {
		fail("Info: lock %v api %v", info["lock"], info["api"])
	}
	must("Lock(LockOn)", gosyd.Lock(gosyd.LockOn))
	refused("Check after lock", gosyd.Check(), syscall.ENOENT)
	refused("command after lock", gosyd.EnableRead(), syscall.ENOENT)
	if _, err := gosyd.Info(); !errors.Is(err, syscall.ENOENT) {
		fail("Info after lock: %v", err)
	}
	if gosyd.EnabledWrite() {
		fail("EnabledWrite after lock answered true")
	}
	refused("write still denied", write("a"), syscall.EACCES)
	fmt.Println("DONE gosyd")
}

// goSydUnreachable checks package syd's answers outside syd or when locked.
func goSydUnreachable() {
	for what, err := range map[string]error{
		"Check": gosyd.Check(), "EnableWrite": gosyd.EnableWrite(), "Panic": gosyd.Panic(),
		"WriteAdd": gosyd.WriteAdd(gosyd.ActionAllow, "/tmp/***"), "Lock": gosyd.Lock(gosyd.LockOff),
		"DefaultNet": gosyd.DefaultNet(gosyd.ActionDeny), "Exec": gosyd.Exec("/bin/true", nil),
	} {
		if !errors.Is(err, syscall.ENOENT) {
			fail("%s: got %v, want ENOENT", what, err)
		}
	}
	if _, err := gosyd.API(); !errors.Is(err, syscall.ENOENT) {
		fail("API: got %v, want ENOENT", err)
	}
	if _, err := gosyd.Info(); !errors.Is(err, syscall.ENOENT) {
		fail("Info: got %v, want ENOENT", err)
	}
	if gosyd.EnabledWrite() || gosyd.EnabledNet() {
		fail("an Enabled predicate answered true")
	}
	if err := gosyd.WriteAdd(gosyd.Action(9), "/tmp/***"); !errors.Is(err, syscall.EINVAL) {
		fail("WriteAdd(9): got %v, want EINVAL", err)
	}
	fmt.Println("DONE unreachable")
}
