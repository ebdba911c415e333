// Package cli is syd's command line: options, environment, logging set-up, and the
// exit status rules of spec 01 §4. cmd/syd and the tests share it.
package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	ll "github.com/landlock-lsm/go-landlock/landlock/syscall"
	seccomp "github.com/seccomp/libseccomp-golang"
	"golang.org/x/sys/unix"

	"syd/bindings/elisp"
	"syd/bindings/sh"
	"syd/internal/auditlog"
	"syd/sandbox"
	"syd/supervisor"
)

// Version is the Syd release whose behaviour this implementation follows.
const Version = "3.32.0"

// Main is syd's main function: it dispatches a re-executed guard or stub first,
// then runs the command line and exits.
func Main() {
	supervisor.RunInternal() // re-executed guard or stub: never returns
	args := os.Args[1:]
	if strings.HasPrefix(filepath.Base(os.Args[0]), "-") {
		// Started as a login shell ("-syd" from login(1) or sshd): load the
		// user profile, as -l does.
		args = append([]string{"-l"}, args...)
	}
	os.Exit(Run(args, os.Stdout, os.Stderr))
}

// fail prints a one-line error on stderr and returns errno as the exit status.
func fail(stderr io.Writer, errno unix.Errno, format string, args ...any) int {
	fmt.Fprintf(stderr, "syd: "+format+"\n", args...)
	return int(errno)
}

// Run runs syd with args and returns its exit status.
func Run(args []string, stdout, stderr io.Writer) int {
	return run(nil, args, stdout, stderr)
}

// RunWithConfig is Run with the configuration text config applied first, as a
// file called name whose include lines are refused (sandbox.Load: the text
// may come from elsewhere, and its paths would not be this system's). syd-oci
// runs a container's workload this way, with the policy found on the host.
func RunWithConfig(config []byte, name string, args []string, stdout, stderr io.Writer) int {
	return run(&configText{name, config}, args, stdout, stderr)
}

// configText is configuration text applied before the command line's.
type configText struct {
	name string
	text []byte
}

func run(first *configText, args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "syd: %v\nTry 'syd -h' for help.\n", err)
		return int(unix.EINVAL)
	}
	switch {
	case o.help:
		fmt.Fprint(stdout, usage)
		return 0
	case o.version:
		printVersion(stdout)
		return 0
	case o.printEl:
		_, _ = stdout.Write(elisp.Source)
		return 0
	case o.printSh:
		_, _ = stdout.Write(sh.Script)
		return 0
	case o.profileList:
		for _, name := range sandbox.ProfileNames() {
			fmt.Fprintln(stdout, name)
		}
		return 0
	case o.profilePrint != "":
		text, ok := sandbox.ProfileText(o.profilePrint)
		if !ok {
			return fail(stderr, unix.EINVAL, "unknown profile %q (syd --profile-list lists them)", o.profilePrint)
		}
		fmt.Fprint(stdout, text)
		return 0
	case o.profileJSON != "":
		sb := sandbox.New()
		if err := sb.LoadProfile(o.profileJSON); err != nil {
			return fail(stderr, errnoOf(err), "--profile-json %s: %v", o.profileJSON, err)
		}
		b, _ := sb.Policy().MarshalJSON()
		fmt.Fprintf(stdout, "%s\n", b)
		return 0
	case o.shellCmd && len(o.command) == 0:
		return fail(stderr, unix.EINVAL, "-c needs a command string")
	}

	log, logFD, closeLog, err := openLog()
	if err != nil {
		return fail(stderr, unix.EBADF, "%v", err)
	}
	defer closeLog()

	argv, argv0 := o.command, o.argv0
	if len(argv) == 0 && o.export == "" {
		// No command: a login shell under the user profile, applied first so
		// that every -m, -p and -P can change it.
		if !o.login && !o.shellCmd {
			o.steps = append([]configStep{{'p', "user"}}, o.steps...)
		}
		shell := loginShell()
		argv = []string{shell}
		if argv0 == "" {
			argv0 = "-" + filepath.Base(shell)
		}
	} else if o.shellCmd {
		argv = []string{loginShell(), "-c", strings.Join(o.command, " ")}
	}

	sb := sandbox.New()
	if first != nil {
		if err := sb.Load(bytes.NewReader(first.text), first.name); err != nil {
			log.Error("config", "ctx", "config", "cmd", first.name, "err", err.Error())
			return fail(stderr, errnoOf(err), "%v", err)
		}
	}
	for _, step := range o.steps {
		if code, ok := applyStep(sb, step, log, stderr); !ok {
			return code
		}
	}

	if o.export != "" {
		return exportFilter(sb, o.export, stdout, stderr)
	}

	var keep []int
	if logFD >= 0 {
		keep = append(keep, logFD)
	}
	code, err := supervisor.Run(supervisor.Config{
		Sandbox: sb,
		Argv:    argv,
		Argv0:   argv0,
		Env:     childEnv(os.Environ(), append([]string{activeMarker}, o.env...), false),
		Log:     log,
		KeepFDs: keep,
		Plugin:  pluginOf(argv),
		Files:   map[string][]byte{"syd.sh": sh.Script, "syd.el": elisp.Source},
		Exit: func(code int) {
			closeLog()
			os.Exit(code)
		},
	})
	if err != nil {
		var se *supervisor.Error
		if errors.As(err, &se) {
			return fail(stderr, se.Errno, "%s: %s", se.Msg, strerror(se.Errno))
		}
		return fail(stderr, unix.EINVAL, "%v", err)
	}
	return code
}

// applyStep applies one -m, -p or -P; on failure it reports the error and
// returns the exit status (the errno) and false.
func applyStep(sb *sandbox.Sandbox, step configStep, log *slog.Logger, stderr io.Writer) (int, bool) {
	var err error
	var what string
	switch step.kind {
	case 'm':
		what = fmt.Sprintf("-m %q", step.value)
		var eff sandbox.Effect
		eff, err = sb.ApplyFrom(sandbox.SourceCLI, step.value)
		if err == nil && eff.Kind == sandbox.EffectStat {
			b, _ := sb.Policy().MarshalJSON()
			fmt.Fprintf(stderr, "%s\n", b)
		}
	case 'p':
		what = "-p " + step.value
		err = sb.LoadProfile(step.value)
	case 'P':
		what = "-P " + step.value
		err = sb.LoadFile(step.value)
	}
	if err == nil {
		return 0, true
	}
	log.Error("config", "ctx", "config", "cmd", what, "err", err.Error())
	if step.kind == 'P' {
		return fail(stderr, errnoOf(err), "%v", err), false // the error names the file and line
	}
	return fail(stderr, errnoOf(err), "%s: %v", what, err), false
}

// loginShell is $SYD_SHELL, or /bin/sh.
func loginShell() string {
	if sh := os.Getenv("SYD_SHELL"); sh != "" {
		return sh
	}
	return "/bin/sh"
}

// openLog sets up the log on SYD_LOG_FD (default stderr; negative disables) at
// the SYD_LOG level: JSON lines, or the one-line readable form when the fd is a
// terminal or SYD_FORCE_TTY is set (SYD_QUIET_TTY keeps JSON). Warnings and
// worse are also copied to the host syslog unless SYD_NO_SYSLOG is set: the
// connection is made here, once, before anything is confined. It returns the
// log fd syd keeps from the sandbox (-1 for none or stdio).
func openLog() (*slog.Logger, int, func(), error) {
	level, ok := auditlog.ParseLevel(os.Getenv("SYD_LOG"))
	if !ok {
		level = slog.LevelWarn
	}
	fd := 2
	if s, set := os.LookupEnv("SYD_LOG_FD"); set {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, -1, nil, fmt.Errorf("invalid SYD_LOG_FD %q", s)
		}
		fd = n
	}
	cfg := auditlog.Config{Level: level}
	if fd >= 0 {
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil {
			return nil, -1, nil, fmt.Errorf("SYD_LOG_FD %d is not open", fd)
		}
		cfg.Out = os.NewFile(uintptr(fd), "syd-log")
		cfg.TTY = logTTY(fd)
	}
	if _, off := os.LookupEnv("SYD_NO_SYSLOG"); !off {
		cfg.Syslog = auditlog.DialSyslog() // nil: no daemon, no copy
	}
	log, closeFn := auditlog.Open(cfg)
	if fd <= 2 {
		fd = -1 // stdio is the command's too (and -1 is no log fd)
	}
	return log, fd, closeFn, nil
}

// logTTY reports whether the log on fd takes the readable form: SYD_QUIET_TTY
// unset, and SYD_FORCE_TTY set or fd a terminal.
func logTTY(fd int) bool {
	if _, quiet := os.LookupEnv("SYD_QUIET_TTY"); quiet {
		return false
	}
	if _, force := os.LookupEnv("SYD_FORCE_TTY"); force {
		return true
	}
	return auditlog.IsTerminal(fd)
}

func exportFilter(sb *sandbox.Sandbox, mode string, stdout, stderr io.Writer) int {
	out, err := supervisor.ExportFilter(sb, mode)
	if err != nil {
		return fail(stderr, unix.EINVAL, "exporting seccomp filter: %v", err)
	}
	_, _ = stdout.Write(out)
	return 0
}

func printVersion(w io.Writer) {
	major, minor, micro := seccomp.GetLibraryVersion()
	api, _ := seccomp.GetAPI()
	var uts unix.Utsname
	_ = unix.Uname(&uts)
	fmt.Fprintf(w, "syd %s (syd-go)\n", Version)
	fmt.Fprintf(w, "Implementation: Go %s, command API 3\n", runtime.Version())
	if abi, err := ll.LandlockGetABIVersion(); err == nil && abi > 0 {
		fmt.Fprintf(w, "Landlock: ABI %d (sandbox/lock, and the sandbox's own domain)\n", abi)
	} else {
		fmt.Fprintln(w, "Landlock: not supported (sandbox/lock:on fails)")
	}
	fmt.Fprintf(w, "LibSeccomp: v%d.%d.%d api:%d\n", major, minor, micro, api)
	fmt.Fprintf(w, "Host: %s %s\n", unix.ByteSliceToString(uts.Release[:]), unix.ByteSliceToString(uts.Machine[:]))
}

func errnoOf(err error) unix.Errno {
	var e unix.Errno
	if errors.As(err, &e) {
		return e
	}
	var se *sandbox.Error
	if errors.As(err, &se) {
		return se.Errno
	}
	return unix.EINVAL
}

// strerror spells an errno as C's strerror does ("Permission denied").
func strerror(e unix.Errno) string {
	s := e.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// pluginOf returns the library of `syd [opts] [--] lib.so` (library mode, spec 01 §2):
// a single operand naming a shared object.
func pluginOf(argv []string) string {
	if len(argv) != 1 {
		return ""
	}
	base := filepath.Base(argv[0])
	if strings.HasSuffix(base, ".so") || strings.Contains(base, ".so.") {
		return argv[0]
	}
	return ""
}
