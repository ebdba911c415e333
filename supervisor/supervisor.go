// Package supervisor is syd's engine: it runs a command under a policy with
// seccomp user notification and returns its exit status by Syd's rules. It
// spawns the guard and the stub, takes the listener, serves the notifications
// and enters the kernel layers the policy asks for. cmd/syd (package cli) is
// one user; any Go program can be another:
//
//	func main() {
//		supervisor.RunInternal() // first: the binary is also the guard and the stub
//		sb := sandbox.New()      // the policy, built from syd(2) commands
//		_ = sb.Apply("sandbox/write:on")
//		_ = sb.Apply("allow/write+/tmp/***")
//		status, err := supervisor.Run(supervisor.Config{Sandbox: sb, Argv: os.Args[1:], Env: os.Environ()})
//		...
//	}
//
// syd re-executes its own binary (/proc/self/exe) for the guard, the stub and
// its kernel layers, which is why RunInternal must come first in main (and in
// TestMain). Config.Env is the command's complete environment: the loader
// variables syd's CLI removes are the caller's to remove. A failure of syd
// itself is an *Error whose Errno is the exit status syd gives it.
package supervisor

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	seccomp "github.com/seccomp/libseccomp-golang"
	"golang.org/x/sys/unix"

	"syd/internal/cryptfile"
	"syd/sandbox"
	"syd/supervisor/internal/boundary"
	"syd/supervisor/internal/crypt"
	"syd/supervisor/internal/filter"
	"syd/supervisor/internal/handlers"
	"syd/supervisor/internal/handoff"
	"syd/supervisor/internal/launch"
	"syd/supervisor/internal/lockexec"
	"syd/supervisor/internal/pathres"
	"syd/supervisor/internal/proxy"
	"syd/supervisor/internal/surface"
	"syd/supervisor/internal/unotify"
)

// Config describes one sandboxed run.
type Config struct {
	Sandbox *sandbox.Sandbox
	Argv    []string // the command; Argv[0] is looked up in the child's PATH
	Argv0   string   // argv[0] the command sees (-a); defaults to Argv[0]
	Env     []string // the child's complete environment
	Log     *slog.Logger
	WaitAll bool // wait for every sandboxed process, not only the exec child
	// KeepFDs are fds of syd's own (the log fd) that the sandbox must not inherit.
	KeepFDs []int
	// Files are served read-only at /dev/<name> (syd.el, syd.sh) while the lock allows.
	Files map[string][]byte
	// Plugin runs syd_main of this shared library in the sandbox instead of Argv.
	Plugin string
	// Exit is called by the "exit" action (and nothing else) just before syd
	// exits with code; it should flush logs.
	Exit func(code int)
}

// Error is a failure of syd itself; Errno is syd's exit status for it.
type Error struct {
	Errno unix.Errno
	Msg   string
}

func (e *Error) Error() string { return e.Msg + ": " + e.Errno.Error() }
func (e *Error) Unwrap() error { return e.Errno }

// RunInternal turns a plugin's stub into the plugin (the guard and every other
// stub never reach Go: package launch). It must be the first thing main (and
// every TestMain) does; it returns only when the process is not a stub.
func RunInternal() {
	if proxy.IsForwarder() {
		proxy.Main() // sandbox/proxy's forwarder
	}
	launch.RunInternal()
}

// Run runs cfg.Argv in the sandbox and returns syd's exit status: the exec child's
// exit code, or 128+signal. Failures of syd itself are returned as *Error.
func Run(cfg Config) (int, error) {
	if len(cfg.Argv) == 0 {
		return 0, &Error{unix.EINVAL, "no command given"}
	}
	if err := unotify.CheckABI(); err != nil {
		return 0, &Error{errnoOf(err), "seccomp user notification unavailable"}
	}
	// From here on startup-only settings are fixed, and an unset lock is on.
	cfg.Sandbox.Start()
	policy := cfg.Sandbox.Policy()
	// Before anything with an effect: this may re-execute syd.
	files := cfg.Sandbox.FilesRead()
	if cfg.Plugin != "" {
		files = append(files, cfg.Plugin)
	}
	start, err := startLayers(policy, files)
	if err != nil {
		return 0, err
	}
	// The command is found in the sandbox's root (root: may have changed it).
	path := cfg.Plugin
	if path == "" {
		if path, err = lookPath(cfg.Argv[0], cfg.Env); err != nil {
			return 0, &Error{errnoOf(err), "exec error"}
		}
	}
	limit, err := startLimits(policy)
	if err != nil {
		return 0, err
	}
	// After the guard: by then every process of the sandbox is gone.
	defer limit.Close()
	crypted, err := startCrypt(policy, cfg.Log)
	if err != nil {
		return 0, err
	}
	if crypted != nil {
		// After the sandbox: the copies still written to are encrypted back.
		defer crypted.Close()
	}
	for _, fd := range cfg.KeepFDs {
		unix.CloseOnExec(fd) // syd's own fds (the log) are not the sandbox's
	}
	scoped := scopedSignals()

	// The guard's PDEATHSIG fires when the thread that forked it exits: keep this
	// goroutine on its thread until syd exits.
	runtime.LockOSThread()

	// Nothing in the sandbox may attach to syd or open its /proc files.
	dumpable := policy.Has(sandbox.FlagAllowUnsafeDumpable)
	if !dumpable {
		if err := boundary.NotDumpable(); err != nil {
			return 0, &Error{errnoOf(err), "making syd undumpable"}
		}
	}
	// The sandbox runs without capabilities: emulated calls must be made without
	// syd's too, so every call takes the caller's credentials.
	keepCaps := policy.Has(sandbox.FlagAllowUnsafeCaps)
	if !keepCaps && boundary.HasCapabilities() {
		handlers.AssumeCallerCredentials()
	}

	ctlSup, ctlGuard, err := socketpair()
	if err != nil {
		return 0, &Error{errnoOf(err), "socketpair"}
	}
	stubSup, stubGuard, err := socketpair()
	if err != nil {
		return 0, &Error{errnoOf(err), "socketpair"}
	}
	inherit := handoff.InheritedFDs(cfg.KeepFDs...)
	handlers.NoteInherited(inherit) // an inotify instance the sandbox may read
	extra, nums := handoff.ExtraFiles(inherit, ctlGuard, stubGuard)
	// The pid and time namespaces of unshare/* are entered for this thread's
	// children: the guard becomes the pid namespace's init.
	if start.children != 0 {
		if err := unix.Unshare(int(start.children)); err != nil {
			return 0, &Error{errnoOf(err), "unshare (pid, time namespaces)"}
		}
	}
	// syscall.ForkExec, not os/exec: the first os.StartProcess forks a probe
	// child (for pidfd support), which would be the pid namespace's init.
	fds := []uintptr{0, 1, 2}
	for _, f := range extra {
		if f == nil {
			fds = append(fds, ^uintptr(0))
		} else {
			fds = append(fds, f.Fd())
		}
	}
	guardPid, err := syscall.ForkExec("/proc/self/exe", []string{os.Args[0]}, &syscall.ProcAttr{
		Env:   []string{handoff.EnvMarker + "=" + handoff.ModeGuard, handoff.FDsEnv(nums)},
		Files: fds,
		Sys:   &syscall.SysProcAttr{Pdeathsig: syscall.SIGUSR1},
	})
	if err != nil {
		return 0, &Error{errnoOf(err), "starting guard"}
	}
	ctlGuard.Close()
	stubGuard.Close()
	// Emulated creates apply the caller's umask themselves.
	unix.Umask(0)

	if _, err := ctlSup.Write(handoff.GuardConfig{WaitAll: cfg.WaitAll, Dumpable: dumpable}.Encode()); err != nil {
		return 0, &Error{unix.EPIPE, "configuring guard"}
	}
	// The filters are built while the guard and the stub start (an exec and a
	// fork on another CPU). Should building fail, syd's exit takes both down: the guard's
	// parent-death signal, then the stub's.
	progs, err := buildFilters(policy, policy.Lock() == sandbox.LockOn, !scoped, false)
	if err != nil {
		return 0, &Error{unix.EINVAL, "building seccomp filter: " + err.Error()}
	}
	static, prog := progs[:len(progs)-1], progs[len(progs)-1]
	stubPid, stubPidfd, err := recvPidfd(ctlSup)
	if err != nil {
		return 0, &Error{errnoOf(err), "receiving stub pidfd"}
	}
	// The stub becomes the exec child: signals meant for syd are passed on to it.
	watchSignals(stubPidfd)
	argv := append([]string{cfg.Argv0}, cfg.Argv[1:]...)
	if cfg.Argv0 == "" {
		argv[0] = cfg.Argv[0]
	}
	frame, err := handoff.StubConfig{Path: path, Argv: argv, Env: cfg.Env, Static: static, BPF: prog,
		LoadFlags: filter.LoadFlags, KeepCaps: keepCaps, ScopeSignals: scoped,
		MDWE:      !policy.Has(sandbox.FlagAllowUnsafeMemory),
		ExecRoots: execRoots(cfg.Sandbox.Policy()), Plugin: cfg.Plugin, Lock: start.lock,
		OwnUserNS: limit.OwnUserNS, DenyTSC: policy.Has(sandbox.FlagDenyTSC)}.Encode()
	if err != nil {
		return 0, &Error{unix.EINVAL, "configuring stub: " + err.Error()}
	}
	if _, err := stubSup.Write(frame); err != nil {
		return 0, &Error{unix.EPIPE, "configuring stub"}
	}
	n, err := handoff.ReadInt32(stubSup)
	if err != nil {
		return 0, &Error{unix.EPIPE, "stub failed before loading the seccomp filter"}
	}
	if n < 0 {
		if cfg.Plugin != "" && unix.Errno(-n) != unix.EBUSY {
			return 0, &Error{unix.Errno(-n), "loading plugin " + cfg.Plugin}
		}
		if unix.Errno(-n) == unix.EBUSY {
			return 0, &Error{unix.EBUSY, "cannot load a seccomp user notification filter: already running under syd or another seccomp supervisor (nested syd is not supported; trace from outside)"}
		}
		return 0, &Error{unix.Errno(-n), "confining the sandbox (Landlock, capabilities, seccomp filter)"}
	}
	listener, err := unix.PidfdGetfd(stubPidfd, int(n), 0)
	if err != nil {
		return 0, &Error{errnoOf(err), "pidfd_getfd of the seccomp listener"}
	}
	if err := unotify.SetSyncWakeUp(listener); err != nil && err != unix.EINVAL {
		return 0, &Error{errnoOf(err), "SECCOMP_IOCTL_NOTIF_SET_FLAGS"}
	}
	// The stub waits for the ack: its limits hold before the command runs.
	if err := limit.Apply(stubPid); err != nil {
		return 0, &Error{errnoOf(err), err.Error()}
	}
	var tasks func() (uint64, error)
	if handlers.PidLimited(policy) {
		if tasks, err = limit.Counter(stubPid); err != nil {
			return 0, &Error{errnoOf(err), "counting the sandbox's tasks for default/pid: " + err.Error()}
		}
	}

	env := &handlers.Env{Log: cfg.Log, SydPid: os.Getpid(), GuardPid: guardPid, Exit: cfg.Exit,
		Sandbox: cfg.Sandbox, ExecPid: stubPid, Files: cfg.Files, PidNS: start.children&unix.CLONE_NEWPID != 0,
		Crypt: crypted, Segv: startSegvGuard(cfg.Sandbox), Tasks: tasks}
	// The process boundary in /proc: syd's and the guard's entries exist for
	// nobody in the sandbox, other processes' only under trace/allow_unsafe_ptrace.
	others := policy.Has(sandbox.FlagAllowUnsafePtrace)
	pathres.ProcVisible = func(_, owner int) bool { return others && !env.Supervisor(owner) }
	startReceivers(listener, cfg.Sandbox, env)

	if _, err := stubSup.Write([]byte{1}); err != nil {
		return 0, &Error{unix.EPIPE, "acknowledging stub"}
	}
	if execErr, err := handoff.ReadInt32(stubSup); err == nil {
		// The stub could not exec the command (the guard reports its exit as 127).
		return 0, &Error{unix.Errno(execErr), "exec error"}
	} else if !errors.Is(err, io.EOF) {
		return 0, &Error{unix.EPIPE, "waiting for exec"}
	}
	status, err := handoff.ReadInt32(ctlSup)
	if err != nil {
		return 0, &Error{unix.EPIPE, "guard died"}
	}
	for {
		if _, err := unix.Wait4(guardPid, nil, 0, nil); err != unix.EINTR {
			break
		}
	}
	return exitCode(unix.WaitStatus(status)), nil
}

// startCrypt starts crypt sandboxing (sandbox/crypt:on): nil when it is off;
// ENOKEY without a valid crypt/key.
func startCrypt(p *sandbox.Policy, log *slog.Logger) (*crypt.Files, error) {
	if !p.FeatureEnabled(sandbox.FeatureCrypt) {
		return nil, nil
	}
	hexKey, ok := p.CryptKey()
	if !ok {
		return nil, &Error{unix.ENOKEY, "sandbox/crypt:on needs crypt/key"}
	}
	keys, err := cryptfile.ParseKey(hexKey)
	if err != nil {
		return nil, &Error{unix.ENOKEY, err.Error()}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	files, err := crypt.New(keys, p.CryptTmp(), log)
	if err != nil {
		return nil, &Error{errnoOf(err), "starting crypt sandboxing"}
	}
	return files, nil
}

// execRoots is the Landlock exec confinement for a policy that cannot change any
// more (the lock is, or will become, on at exec): the roots of its exec allow rules.
// A policy /dev/syd can still loosen gets none, since Landlock can only tighten.
func execRoots(p *sandbox.Policy) []string {
	if l := p.Lock(); l != sandbox.LockOn && l != sandbox.LockUnset {
		return nil
	}
	roots, all := p.AllowRoots(sandbox.CatExec)
	if all {
		return nil
	}
	return lockexec.Roots(roots)
}

// exitCode maps a wait status to syd's exit code: the code, or 128+signal.
func exitCode(ws unix.WaitStatus) int {
	switch {
	case ws.Exited():
		return ws.ExitStatus()
	case ws.Signaled():
		return 128 + int(ws.Signal())
	}
	return 127
}

func socketpair() (sup, child *os.File, err error) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	return os.NewFile(uintptr(fds[0]), "syd-sup"), os.NewFile(uintptr(fds[1]), "syd-child"), nil
}

// recvPidfd receives the stub's pid and pidfd from the guard.
func recvPidfd(conn *os.File) (int, int, error) {
	buf := make([]byte, 4)
	oob := make([]byte, unix.CmsgSpace(4))
	rc, err := conn.SyscallConn()
	if err != nil {
		return 0, -1, err
	}
	var n, oobn int
	var rerr error
	if err := rc.Read(func(fd uintptr) bool {
		n, oobn, _, _, rerr = unix.Recvmsg(int(fd), buf, oob, unix.MSG_CMSG_CLOEXEC)
		return rerr != unix.EAGAIN
	}); err != nil {
		return 0, -1, err
	}
	if rerr != nil {
		return 0, -1, rerr
	}
	if n != 4 {
		return 0, -1, unix.EPIPE
	}
	pidfd, err := handoff.OneFD(oob[:oobn])
	if err != nil {
		return 0, -1, unix.EPIPE
	}
	// The guard's number for the stub is in the guard's pid namespace; the
	// pidfd's fdinfo gives it in ours.
	pid := int(binary.LittleEndian.Uint32(buf))
	if info, err := os.ReadFile("/proc/self/fdinfo/" + strconv.Itoa(pidfd)); err == nil {
		for _, line := range strings.Split(string(info), "\n") {
			if v, ok := strings.CutPrefix(line, "Pid:"); ok {
				if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
					pid = n
				}
			}
		}
	}
	return pid, pidfd, nil
}

// lookPath finds file in the PATH of env, like execvp: a name with a slash is used
// as is; EACCES wins over ENOENT when a match exists but is not executable.
func lookPath(file string, env []string) (string, error) {
	if strings.Contains(file, "/") {
		return file, nil
	}
	if file == "" {
		return "", unix.ENOENT
	}
	pathEnv := "/usr/local/bin:/usr/bin:/bin"
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			pathEnv = v
		}
	}
	result := error(unix.ENOENT)
	for _, dir := range filepath.SplitList(pathEnv) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, file)
		st, err := os.Stat(p)
		if err != nil || st.IsDir() {
			continue
		}
		if unix.Access(p, unix.X_OK) == nil {
			return p, nil
		}
		result = unix.EACCES
	}
	return "", result
}

// watchSignals keeps terminal signals from killing syd: SIGINT and SIGQUIT reach the
// sandbox from the terminal itself, SIGTERM and SIGHUP sent to syd are passed on to
// the exec child. Signals ignored at start stay ignored, for syd and the sandbox.
func watchSignals(child int) {
	ch := make(chan os.Signal, 4)
	for _, s := range []os.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGHUP} {
		if !signal.Ignored(s) {
			signal.Notify(ch, s)
		}
	}
	go func() {
		for s := range ch {
			if s == syscall.SIGTERM || s == syscall.SIGHUP {
				_ = unix.PidfdSendSignal(child, s.(syscall.Signal), nil, 0)
			}
		}
	}()
}

func errnoOf(err error) unix.Errno {
	var e unix.Errno
	if errors.As(err, &e) {
		return e
	}
	return unix.EINVAL
}

// scopedSignals reports whether the kernel keeps the sandbox's signals inside its
// Landlock domain; otherwise the supervisor checks the signal calls.
// SYD_SCOPED_SIGNALS=0 chooses the supervisor's checks (to test them here).
func scopedSignals() bool { return boundary.ScopedSignals() && os.Getenv("SYD_SCOPED_SIGNALS") != "0" }

// filterLayer is one seccomp program syd loads, in load order.
type filterLayer struct {
	title string
	build func(p *sandbox.Policy, frozen, signals bool) (*seccomp.ScmpFilter, error)
	raw   []byte // a program written out by hand instead (with pfc, its description)
	pfc   string
}

// filterLayers are the programs the stub loads: the two static layers the kernel
// decides by itself, then the notify filter, whose calls reach the supervisor.
var filterLayers = []filterLayer{
	{title: "known system calls: any other number is ENOSYS", raw: filter.KnownGate(), pfc: filter.KnownGatePFC},
	{title: "hardening: refused in the kernel", build: func(p *sandbox.Policy, _, _ bool) (*seccomp.ScmpFilter, error) {
		return filter.BuildStatic(surface.Rules(p))
	}},
	{title: "supervised: sent to syd", build: func(p *sandbox.Policy, frozen, signals bool) (*seccomp.ScmpFilter, error) {
		return filter.Build(handlers.Rules(p, frozen, signals))
	}},
}

// buildFilters builds every layer for p, as raw BPF or (pfc) as pseudo filter code;
// signals supervises the signal calls.
func buildFilters(p *sandbox.Policy, frozen, signals, pfc bool) ([][]byte, error) {
	out := make([][]byte, len(filterLayers))
	for i, l := range filterLayers {
		if l.build == nil {
			out[i] = l.raw
			if pfc {
				out[i] = []byte(l.pfc)
			}
			continue
		}
		f, err := l.build(p, frozen, signals)
		if err != nil {
			return nil, err
		}
		if pfc {
			out[i], err = filter.PFC(f)
		} else {
			out[i], err = filter.BPF(f)
		}
		f.Release()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ExportFilter returns the seccomp programs syd loads, in load order: as raw BPF
// ("bpf", the programs one after the other) or as libseccomp's pseudo filter code
// ("pfc"), each program under a comment naming its layer.
func ExportFilter(sb *sandbox.Sandbox, mode string) ([]byte, error) {
	p := sb.Policy()
	progs, err := buildFilters(p, p.Lock() == sandbox.LockOn, !scopedSignals(), mode != "bpf")
	if err != nil {
		return nil, err
	}
	var out []byte
	for i, prog := range progs {
		if mode != "bpf" {
			out = fmt.Appendf(out, "#\n# syd layer %d of %d: %s\n", i+1, len(progs), filterLayers[i].title)
			if i == 1 {
				for _, m := range surface.Measures() {
					out = fmt.Appendf(out, "#   - %s\n", m)
				}
			}
		}
		out = append(out, prog...)
	}
	return out, nil
}
