// Package sydoci is syd-oci: an OCI runtime with the command line podman,
// conmon and containerd call (create, start, state, kill, delete, run, exec,
// ps, list, features, spec, pause, resume), built on runc's libcontainer,
// whose containers run their workload under syd. The container's process is
// syd-oci itself in workload mode (Workload): it runs the command of the
// bundle under syd's supervisor with the policy syd-oci found for the
// container on the host (policy.go), so every process of the container, and
// every process `podman exec` starts in it, is sandboxed.
package sydoci

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Version is what --version prints.
const Version = "0.1.0"

// global holds the options before the command (runc's global options).
type global struct {
	root          string
	log           string
	logFormat     string
	systemdCgroup bool
	debug         bool
	rootless      string
}

// command is one subcommand: its flags are parsed from its arguments.
type command struct {
	usage string
	run   func(g *global, args []string) (int, error)
}

var commands = map[string]command{
	"create":   {"create [--bundle DIR] [--pid-file F] [--console-socket S] ID", cmdCreate},
	"start":    {"start ID", cmdStart},
	"run":      {"run [--bundle DIR] [--pid-file F] [--detach] ID", cmdRun},
	"state":    {"state ID", cmdState},
	"kill":     {"kill [--all] ID [SIGNAL]", cmdKill},
	"delete":   {"delete [--force] ID", cmdDelete},
	"exec":     {"exec [--process F | ARGS] [--detach] [--pid-file F] ID [COMMAND...]", cmdExec},
	"ps":       {"ps [--format table|json] ID", cmdPs},
	"list":     {"list [--format table|json] [--quiet]", cmdList},
	"features": {"features", cmdFeatures},
	"spec":     {"spec [--bundle DIR] [--rootless]", cmdSpec},
	"pause":    {"pause ID", cmdPause},
	"resume":   {"resume ID", cmdResume},
}

// Main is syd-oci's main: the workload mode inside a container, else the
// runtime's command line. It does not return.
func Main() {
	if len(os.Args) > 1 && os.Args[1] == workloadArg {
		os.Exit(Workload(os.Args[2:]))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	g := &global{root: defaultRoot()}
	fs := flag.NewFlagSet("syd-oci", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&g.root, "root", g.root, "directory of the containers' state")
	fs.StringVar(&g.log, "log", "", "log file (default: standard error)")
	fs.StringVar(&g.logFormat, "log-format", "text", "log format: text or json")
	fs.BoolVar(&g.systemdCgroup, "systemd-cgroup", false, "use systemd to manage cgroups")
	fs.BoolVar(&g.debug, "debug", false, "log debug messages")
	fs.StringVar(&g.rootless, "rootless", "auto", "rootless cgroups: true, false or auto")
	version := fs.Bool("version", false, "print the version")
	fs.BoolVar(version, "v", false, "print the version")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: syd-oci [global options] COMMAND [options] [ARGS]")
		for _, name := range sortedCommands() {
			fmt.Fprintln(stderr, "  syd-oci "+commands[name].usage)
		}
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *version {
		fmt.Fprintf(stdout, "syd-oci version %s\nspec: %s\n", Version, specVersion)
		return 0
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return 2
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		g.fail(stderr, fmt.Errorf("unknown command %q", rest[0]))
		return 2
	}
	code, err := cmd.run(g, rest[1:])
	if err != nil && !errors.Is(err, errFlags) {
		g.fail(stderr, fmt.Errorf("%s: %w", rest[0], err))
		if code == 0 {
			code = 1
		}
	}
	return code
}

func sortedCommands() []string { return slices.Sorted(maps.Keys(commands)) }

// defaultRoot is runc's: /run/syd-oci for root, $XDG_RUNTIME_DIR/syd-oci
// for an ordinary user, also inside the user namespace of rootless podman
// (where the euid is 0).
func defaultRoot() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && (os.Geteuid() != 0 || inUserNS() && os.Getenv("USER") != "root") {
		return filepath.Join(d, "syd-oci")
	}
	return "/run/syd-oci"
}

// inUserNS reports whether syd-oci runs in a user namespace other than the
// initial one (rootless podman runs its runtime in one).
func inUserNS() bool {
	b, err := os.ReadFile("/proc/self/uid_map")
	if err != nil {
		return false
	}
	f := strings.Fields(string(b))
	return !(len(f) == 3 && f[0] == "0" && f[1] == "0" && f[2] == "4294967295")
}

// fail reports err on standard error and, with --log, in the log file in
// the format conmon reads (--log-format json: {"level","msg","time"}).
func (g *global) fail(stderr io.Writer, err error) {
	fmt.Fprintln(stderr, "syd-oci:", err)
	if g.log == "" {
		return
	}
	f, ferr := os.OpenFile(g.log, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if ferr != nil {
		return
	}
	defer f.Close()
	if g.logFormat == "json" {
		line, _ := json.Marshal(map[string]string{"level": "error", "msg": err.Error(), "time": time.Now().UTC().Format(time.RFC3339Nano)})
		f.Write(append(line, '\n'))
		return
	}
	fmt.Fprintf(f, "time=%q level=error msg=%q\n", time.Now().UTC().Format(time.RFC3339Nano), err.Error())
}

// flags returns a flag set for a subcommand whose errors go to standard error.
func flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("syd-oci "+name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	return fs
}

// oneID returns the single container id of a command's arguments.
func oneID(fs *flag.FlagSet) (string, error) {
	if fs.NArg() < 1 {
		return "", errors.New("a container id is required")
	}
	id := fs.Arg(0)
	if id == "" || strings.ContainsAny(id, "/\x00") || id == "." || id == ".." {
		return "", fmt.Errorf("invalid container id %q", id)
	}
	return id, nil
}
