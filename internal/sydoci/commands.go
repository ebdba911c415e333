// commands.go: the OCI runtime commands, each on libcontainer: a container is
// created from the bundle's config.json (with the workload put in front of
// its process, policy.go), started, signalled, listed and destroyed.
package sydoci

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/opencontainers/runc/libcontainer"
	"github.com/opencontainers/runc/libcontainer/configs"
	"github.com/opencontainers/runc/libcontainer/specconv"
	specs "github.com/opencontainers/runtime-spec/specs-go"
	"golang.org/x/sys/unix"
)

// specVersion is the OCI runtime spec this runtime implements.
var specVersion = specs.Version

// startOpts are the options of create, run and exec.
type startOpts struct {
	bundle, pidFile, consoleSocket string
	noPivot, noNewKeyring, detach  bool
	preserveFDs                    int
}

func (o *startOpts) register(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
	IntVar(*int, string, int, string)
}) {
	fs.StringVar(&o.bundle, "bundle", "", "the bundle directory (default: the current one)")
	fs.StringVar(&o.bundle, "b", "", "the bundle directory")
	fs.StringVar(&o.pidFile, "pid-file", "", "write the container process's pid here")
	fs.StringVar(&o.consoleSocket, "console-socket", "", "send the pty master here (terminal: true)")
	fs.BoolVar(&o.noPivot, "no-pivot", false, "do not use pivot_root")
	fs.BoolVar(&o.noNewKeyring, "no-new-keyring", false, "keep the session keyring")
	fs.IntVar(&o.preserveFDs, "preserve-fds", 0, "pass this many fds after 2 to the container")
}

func cmdCreate(g *global, args []string) (int, error) {
	var o startOpts
	fs := flags("create")
	o.register(fs)
	id, code, err := parseID(fs, args)
	if err != nil {
		return code, err
	}
	o.detach = true
	return startContainer(g, id, &o, false)
}

func cmdRun(g *global, args []string) (int, error) {
	var o startOpts
	fs := flags("run")
	o.register(fs)
	fs.BoolVar(&o.detach, "detach", false, "detach from the container's process")
	fs.BoolVar(&o.detach, "d", false, "detach from the container's process")
	id, code, err := parseID(fs, args)
	if err != nil {
		return code, err
	}
	return startContainer(g, id, &o, true)
}

// rootless reports whether the container is rootless: an ordinary user's,
// or root's in a user namespace (rootless podman); --rootless overrides.
func rootless(g *global) bool {
	switch g.rootless {
	case "true":
		return true
	case "false":
		return false
	}
	return os.Geteuid() != 0 || inUserNS()
}

// startContainer creates container id from the bundle, and with run starts
// it too and, unless detached, waits for it and destroys it.
func startContainer(g *global, id string, o *startOpts, run bool) (int, error) {
	if o.bundle != "" {
		if err := os.Chdir(o.bundle); err != nil {
			return 1, err
		}
	}
	spec, err := loadSpec("config.json")
	if err != nil {
		return 1, err
	}
	text, name, err := findPolicy(spec, rootless(g))
	if err != nil {
		return 1, err
	}
	if err := adjustSpec(spec); err != nil {
		return 1, err
	}
	config, err := specconv.CreateLibcontainerConfig(&specconv.CreateOpts{
		CgroupName:       id,
		UseSystemdCgroup: g.systemdCgroup,
		NoPivotRoot:      o.noPivot,
		NoNewKeyring:     o.noNewKeyring,
		Spec:             spec,
		RootlessEUID:     os.Geteuid() != 0,
		RootlessCgroups:  rootless(g),
	})
	if err != nil {
		return 1, err
	}
	if err := os.MkdirAll(g.root, 0o700); err != nil {
		return 1, err
	}
	c, err := libcontainer.Create(g.root, id, config)
	if err != nil {
		return 1, err
	}
	ok := false
	defer func() {
		if !ok {
			c.Destroy()
		}
	}()
	if err := savePolicy(g.root, id, text, name); err != nil {
		return 1, err
	}
	p, err := newProcess(spec.Process, text, name, o.preserveFDs)
	if err != nil {
		return 1, err
	}
	p.Init = true
	closeIO, err := setupIO(p, spec.Process.Terminal, o)
	if err != nil {
		return 1, err
	}
	defer closeIO()
	if run {
		err = c.Run(p)
	} else {
		err = c.Start(p)
	}
	if err != nil {
		return 1, err
	}
	if err := writePidFile(o.pidFile, p); err != nil {
		p.Signal(unix.SIGKILL)
		p.Wait()
		return 1, err
	}
	ok = true
	if !run || o.detach {
		return 0, nil
	}
	status := waitForward(p)
	c.Destroy()
	return status, nil
}

func loadSpec(path string) (*specs.Spec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("the bundle's spec: %w", err)
	}
	defer f.Close()
	var spec specs.Spec
	if err := json.NewDecoder(f).Decode(&spec); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	if spec.Process == nil || len(spec.Process.Args) == 0 {
		return nil, errors.New("the spec has no process to run")
	}
	if !strings.HasPrefix(spec.Version, "1.") {
		return nil, fmt.Errorf("runtime spec version %q is not supported (want 1.x)", spec.Version)
	}
	return &spec, nil
}

// newProcess converts the spec's process, with the workload's policy fd
// after the preserved fds.
func newProcess(sp *specs.Process, policy []byte, policyName string, preserve int) (*libcontainer.Process, error) {
	nnp := sp.NoNewPrivileges
	p := &libcontainer.Process{
		Args: sp.Args, Env: sp.Env, UID: int(sp.User.UID), GID: int(sp.User.GID), Cwd: sp.Cwd,
		Label: sp.SelinuxLabel, NoNewPrivileges: &nnp, AppArmorProfile: sp.ApparmorProfile,
		Scheduler: sp.Scheduler, IOPriority: sp.IOPriority,
	}
	if sp.ConsoleSize != nil {
		p.ConsoleWidth, p.ConsoleHeight = uint16(sp.ConsoleSize.Width), uint16(sp.ConsoleSize.Height)
	}
	if c := sp.Capabilities; c != nil {
		p.Capabilities = &configs.Capabilities{Bounding: c.Bounding, Effective: c.Effective,
			Inheritable: c.Inheritable, Permitted: c.Permitted, Ambient: c.Ambient}
	}
	for _, g := range sp.User.AdditionalGids {
		p.AdditionalGroups = append(p.AdditionalGroups, int(g))
	}
	for _, r := range sp.Rlimits {
		t, ok := rlimits[r.Type]
		if !ok {
			return nil, fmt.Errorf("unknown rlimit %q", r.Type)
		}
		p.Rlimits = append(p.Rlimits, configs.Rlimit{Type: t, Hard: r.Hard, Soft: r.Soft})
	}
	for i := 0; i < preserve; i++ {
		fd := 3 + i
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil {
			return nil, fmt.Errorf("preserved fd %d: %w", fd, err)
		}
		p.ExtraFiles = append(p.ExtraFiles, os.NewFile(uintptr(fd), "preserved-fd-"+strconv.Itoa(fd)))
	}
	if policy != nil {
		f, err := policyMemfd(policy)
		if err != nil {
			return nil, fmt.Errorf("passing the policy: %w", err)
		}
		p.Env = append(p.Env, envPolicyFD+"="+strconv.Itoa(3+len(p.ExtraFiles)), envPolicyName+"="+policyName)
		p.ExtraFiles = append(p.ExtraFiles, f)
	}
	return p, nil
}

var rlimits = map[string]int{
	"RLIMIT_AS": unix.RLIMIT_AS, "RLIMIT_CORE": unix.RLIMIT_CORE, "RLIMIT_CPU": unix.RLIMIT_CPU,
	"RLIMIT_DATA": unix.RLIMIT_DATA, "RLIMIT_FSIZE": unix.RLIMIT_FSIZE, "RLIMIT_LOCKS": unix.RLIMIT_LOCKS,
	"RLIMIT_MEMLOCK": unix.RLIMIT_MEMLOCK, "RLIMIT_MSGQUEUE": unix.RLIMIT_MSGQUEUE, "RLIMIT_NICE": unix.RLIMIT_NICE,
	"RLIMIT_NOFILE": unix.RLIMIT_NOFILE, "RLIMIT_NPROC": unix.RLIMIT_NPROC, "RLIMIT_RSS": unix.RLIMIT_RSS,
	"RLIMIT_RTPRIO": unix.RLIMIT_RTPRIO, "RLIMIT_RTTIME": unix.RLIMIT_RTTIME, "RLIMIT_SIGPENDING": unix.RLIMIT_SIGPENDING,
	"RLIMIT_STACK": unix.RLIMIT_STACK,
}

// setupIO gives the process its standard streams: a pty whose master goes
// to the console socket (terminal: true), else syd-oci's own.
func setupIO(p *libcontainer.Process, terminal bool, o *startOpts) (func(), error) {
	if !terminal {
		if o.consoleSocket != "" {
			return nil, errors.New("--console-socket needs terminal: true in the spec")
		}
		p.Stdin, p.Stdout, p.Stderr = os.Stdin, os.Stdout, os.Stderr
		return func() {}, nil
	}
	if o.consoleSocket == "" {
		return nil, errors.New("terminal: true needs --console-socket (syd-oci does not run a terminal itself)")
	}
	conn, err := net.Dial("unix", o.consoleSocket)
	if err != nil {
		return nil, fmt.Errorf("the console socket: %w", err)
	}
	f, err := conn.(*net.UnixConn).File()
	if err != nil {
		conn.Close()
		return nil, err
	}
	p.ConsoleSocket = f
	return func() { f.Close(); conn.Close() }, nil
}

// writePidFile writes the process's pid to path atomically (runc's way).
func writePidFile(path string, p *libcontainer.Process) error {
	if path == "" {
		return nil
	}
	pid, err := p.Pid()
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path))
	if err := os.WriteFile(tmp, []byte(strconv.Itoa(pid)), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// waitForward waits for p, passing on the signals syd-oci gets, and returns
// its exit status (128+signal when killed).
func waitForward(p *libcontainer.Process) int {
	stop := forwardSignals(p)
	defer stop()
	st, err := p.Wait()
	if st == nil {
		if err != nil {
			return 1
		}
		return 0
	}
	ws := st.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ws.ExitStatus()
}

func cmdStart(g *global, args []string) (int, error) {
	c, err := load(g, "start", args)
	if err != nil {
		return 1, err
	}
	st, err := c.Status()
	if err != nil {
		return 1, err
	}
	if st != libcontainer.Created {
		return 1, fmt.Errorf("cannot start a container that is %s", st)
	}
	return 0, c.Exec()
}

func cmdState(g *global, args []string) (int, error) {
	c, err := load(g, "state", args)
	if err != nil {
		return 1, err
	}
	st, err := c.OCIState()
	if err != nil {
		return 1, err
	}
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return 1, err
	}
	fmt.Println(string(b))
	return 0, nil
}

func cmdKill(g *global, args []string) (int, error) {
	fs := flags("kill")
	all := fs.Bool("all", false, "signal every process of the container")
	fs.BoolVar(all, "a", false, "signal every process of the container")
	c, code, err := parseLoad(g, fs, args)
	if err != nil {
		return code, err
	}
	sig := unix.SIGTERM
	if fs.NArg() > 1 {
		if sig, err = parseSignal(fs.Arg(1)); err != nil {
			return 1, err
		}
	}
	err = c.Signal(sig)
	if errors.Is(err, libcontainer.ErrNotRunning) && *all {
		err = nil
	}
	return 0, err
}

func parseSignal(s string) (unix.Signal, error) {
	if n, err := strconv.Atoi(s); err == nil {
		return unix.Signal(n), nil
	}
	name := strings.ToUpper(s)
	if !strings.HasPrefix(name, "SIG") {
		name = "SIG" + name
	}
	if sig := unix.SignalNum(name); sig != 0 {
		return sig, nil
	}
	return 0, fmt.Errorf("unknown signal %q", s)
}

func cmdDelete(g *global, args []string) (int, error) {
	fs := flags("delete")
	force := fs.Bool("force", false, "kill a running container first")
	fs.BoolVar(force, "f", false, "kill a running container first")
	id, code, err := parseID(fs, args)
	if err != nil {
		return code, err
	}
	c, err := libcontainer.Load(g.root, id)
	if err != nil {
		if errors.Is(err, libcontainer.ErrNotExist) {
			os.RemoveAll(filepath.Join(g.root, id))
			if *force {
				return 0, nil
			}
		}
		return 1, err
	}
	st, err := c.Status()
	if err != nil {
		return 1, err
	}
	switch {
	case st == libcontainer.Stopped:
		return 0, c.Destroy()
	case st == libcontainer.Created || *force:
		return 0, killDestroy(c)
	}
	return 1, fmt.Errorf("cannot delete container %s that is %s (use --force)", id, st)
}

// killDestroy kills the container's processes and destroys it.
func killDestroy(c *libcontainer.Container) error {
	if err := c.Signal(unix.SIGKILL); err != nil && !errors.Is(err, libcontainer.ErrNotRunning) {
		return err
	}
	for i := 0; i < 100; i++ {
		if err := c.Signal(unix.Signal(0)); err != nil {
			return c.Destroy()
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("the container's init is still running")
}

func cmdExec(g *global, args []string) (int, error) {
	var o startOpts
	fs := flags("exec")
	o.register(fs)
	procFile := fs.String("process", "", "a JSON file with the process (the spec's process object)")
	fs.StringVar(procFile, "p", "", "a JSON file with the process")
	fs.BoolVar(&o.detach, "detach", false, "detach from the process")
	fs.BoolVar(&o.detach, "d", false, "detach from the process")
	tty := fs.Bool("tty", false, "give the process a terminal")
	fs.BoolVar(tty, "t", false, "give the process a terminal")
	cwd := fs.String("cwd", "", "working directory")
	var env multi
	fs.Var(&env, "env", "set an environment variable (repeatable)")
	fs.Var(&env, "e", "set an environment variable")
	c, code, err := parseLoad(g, fs, args)
	if err != nil {
		return code, err
	}
	id := c.ID()
	st, err := c.Status()
	if err != nil {
		return 1, err
	}
	if st == libcontainer.Stopped {
		return 1, errors.New("cannot exec in a stopped container")
	}
	var sp specs.Process
	if *procFile != "" {
		b, err := os.ReadFile(*procFile)
		if err != nil {
			return 1, err
		}
		if err := json.Unmarshal(b, &sp); err != nil {
			return 1, fmt.Errorf("parsing %s: %w", *procFile, err)
		}
	} else {
		// The container's own process, with this command.
		spec, err := loadSpec(filepath.Join(bundleOf(c), "config.json"))
		if err != nil {
			return 1, err
		}
		sp = *spec.Process
		sp.Args = fs.Args()[1:]
		sp.Terminal = *tty
		sp.Env = append(sp.Env, env...)
		if *cwd != "" {
			sp.Cwd = *cwd
		}
	}
	if len(sp.Args) == 0 {
		return 2, errors.New("exec needs a command")
	}
	sp.Args = workloadArgs(sp.Args)
	addPtraceCap(&sp)
	text, err := loadPolicy(g.root, id)
	if err != nil {
		return 1, err
	}
	p, err := newProcess(&sp, text, "the container's policy", o.preserveFDs)
	if err != nil {
		return 1, err
	}
	closeIO, err := setupIO(p, sp.Terminal, &o)
	if err != nil {
		return 1, err
	}
	defer closeIO()
	if err := c.Run(p); err != nil {
		return 1, err
	}
	if err := writePidFile(o.pidFile, p); err != nil {
		return 1, err
	}
	if o.detach {
		return 0, nil
	}
	return waitForward(p), nil
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func bundleOf(c *libcontainer.Container) string {
	for _, l := range c.Config().Labels {
		if v, ok := strings.CutPrefix(l, "bundle="); ok {
			return v
		}
	}
	return ""
}

func cmdPs(g *global, args []string) (int, error) {
	fs := flags("ps")
	format := fs.String("format", "table", "table or json")
	fs.StringVar(format, "f", "table", "table or json")
	c, code, err := parseLoad(g, fs, args)
	if err != nil {
		return code, err
	}
	pids, err := c.Processes()
	if err != nil {
		return 1, err
	}
	if *format == "json" {
		if pids == nil {
			pids = []int{}
		}
		b, _ := json.Marshal(pids)
		fmt.Println(string(b))
		return 0, nil
	}
	w := tabwriter.NewWriter(os.Stdout, 4, 8, 2, ' ', 0)
	fmt.Fprintln(w, "PID\tCMD")
	for _, pid := range pids {
		cmd, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
		fmt.Fprintf(w, "%d\t%s\n", pid, strings.ReplaceAll(strings.TrimRight(string(cmd), "\x00"), "\x00", " "))
	}
	return 0, w.Flush()
}

func cmdList(g *global, args []string) (int, error) {
	fs := flags("list")
	format := fs.String("format", "table", "table or json")
	fs.StringVar(format, "f", "table", "table or json")
	quiet := fs.Bool("quiet", false, "print the ids only")
	fs.BoolVar(quiet, "q", false, "print the ids only")
	if err := fs.Parse(args); err != nil {
		return 2, errFlags
	}
	entries, err := os.ReadDir(g.root)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return 1, err
	}
	var states []*specs.State
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		c, err := libcontainer.Load(g.root, e.Name())
		if err != nil {
			continue
		}
		if st, err := c.OCIState(); err == nil {
			states = append(states, st)
		}
	}
	switch {
	case *quiet:
		for _, st := range states {
			fmt.Println(st.ID)
		}
	case *format == "json":
		if states == nil {
			states = []*specs.State{}
		}
		b, _ := json.Marshal(states)
		fmt.Println(string(b))
	default:
		w := tabwriter.NewWriter(os.Stdout, 12, 1, 3, ' ', 0)
		fmt.Fprintln(w, "ID\tPID\tSTATUS\tBUNDLE")
		for _, st := range states {
			fmt.Fprintf(w, "%s\t%d\t%s\t%s\n", st.ID, st.Pid, st.Status, st.Bundle)
		}
		w.Flush()
	}
	return 0, nil
}

func cmdFeatures(g *global, args []string) (int, error) {
	f := map[string]any{
		"ociVersionMin": "1.0.0",
		"ociVersionMax": specVersion,
		"hooks":         []string{"prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"},
		"mountOptions":  []string{"ro", "rw", "nosuid", "nodev", "noexec", "bind", "rbind", "private", "rprivate", "slave", "rslave", "shared", "rshared"},
		"linux": map[string]any{
			"namespaces":   []string{"cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts"},
			"capabilities": []string{"CAP_SYS_PTRACE"},
			"cgroup":       map[string]any{"v1": true, "v2": true, "systemd": true, "systemdUser": true},
			"seccomp":      map[string]any{"enabled": true},
		},
		"annotations": map[string]string{"org.opencontainers.runc.version": "libcontainer (syd-oci " + Version + ")"},
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return 1, err
	}
	fmt.Println(string(b))
	return 0, nil
}

func cmdSpec(g *global, args []string) (int, error) {
	fs := flags("spec")
	bundle := fs.String("bundle", "", "write config.json here")
	fs.StringVar(bundle, "b", "", "write config.json here")
	rootlessSpec := fs.Bool("rootless", false, "a spec for a rootless container")
	if err := fs.Parse(args); err != nil {
		return 2, errFlags
	}
	spec := specconv.Example()
	if *rootlessSpec {
		specconv.ToRootless(spec)
	}
	path := filepath.Join(*bundle, "config.json")
	if _, err := os.Stat(path); err == nil {
		return 1, fmt.Errorf("%s exists already", path)
	}
	b, err := json.MarshalIndent(spec, "", "\t")
	if err != nil {
		return 1, err
	}
	return 0, os.WriteFile(path, append(b, '\n'), 0o666)
}

func cmdPause(g *global, args []string) (int, error) {
	c, err := load(g, "pause", args)
	if err != nil {
		return 1, err
	}
	return 0, c.Pause()
}

func cmdResume(g *global, args []string) (int, error) {
	c, err := load(g, "resume", args)
	if err != nil {
		return 1, err
	}
	return 0, c.Resume()
}

// load parses a command that takes only a container id and loads it.
func load(g *global, name string, args []string) (*libcontainer.Container, error) {
	c, _, err := parseLoad(g, flags(name), args)
	return c, err
}

// errFlags is a command line the flag package has already reported.
var errFlags = errors.New("bad command line")

// parseID parses a command's flags and its container id; the code is the
// exit status on error.
func parseID(fs *flag.FlagSet, args []string) (string, int, error) {
	if err := fs.Parse(args); err != nil {
		return "", 2, errFlags
	}
	id, err := oneID(fs)
	if err != nil {
		return "", 2, err
	}
	return id, 0, nil
}

// parseLoad is parseID, then loads the container.
func parseLoad(g *global, fs *flag.FlagSet, args []string) (*libcontainer.Container, int, error) {
	id, code, err := parseID(fs, args)
	if err != nil {
		return nil, code, err
	}
	c, err := libcontainer.Load(g.root, id)
	if err != nil {
		return nil, 1, err
	}
	return c, 0, nil
}
