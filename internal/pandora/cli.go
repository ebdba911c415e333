// cli.go: pandora's command line (profile, inspect, -h, -V), the progress line
// and the closing summary.

package pandora

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"syd/cli"
	"syd/sandbox"
)

// Version is pandora's version: the Syd release this implementation follows.
const Version = cli.Version + " (syd-go)"

// DefaultOutput is where the profile goes without -o.
const DefaultOutput = "./pandora_out.syd-3"

const synopsis = `Usage:
  pandora profile [-b BIN] [-s OPT]... [-o FILE] [-l DEPTH] [-t TIMEOUT] [-T THREADS] -- CMD [ARGS...]
  pandora inspect [-i FILE] [-o FILE] [-l DEPTH] [-T THREADS]
  pandora -h | -V
`

const usage = synopsis + `
pandora learns a syd profile. "profile" runs CMD under "BIN -x OPT... --", where
every access no rule allows is allowed and logged, reads the log and writes the
allow rules it saw; "inspect" does the same with a log syd wrote before
(SYD_LOG_FD). Load the result with "syd -P FILE -- CMD".

Options:
  -b BIN      syd binary, looked up in PATH (default syd)
  -s OPT      one more option for syd, repeatable (e.g. -s -mtrace/allow_unsafe_nopie:1)
  -i FILE     log to read, - for stdin (default stdin)
  -o FILE     profile to write, - for stdout (default ./pandora_out.syd-3)
  -l DEPTH    keep DEPTH path components, then /*** (default 3; 0 = exact paths);
              exec rules and UNIX socket paths are always exact
  -t TIMEOUT  after TIMEOUT seconds kill syd (and the sandbox) and write what was seen
  -T THREADS  workers that checksum executables (default: number of CPUs)
  -h, --help  this text
  -V          version

Exit status: profile: the command's (syd's), after the profile is written;
1 when pandora fails; 2 for bad usage.
`

// config is a parsed command line.
type config struct {
	mode    string // "profile" or "inspect"
	bin     string
	sydOpts []string
	input   string
	output  string
	depth   int
	timeout time.Duration
	threads int
	command []string
}

// errHelp and errVersion are the -h and -V answers of parseArgs.
var (
	errHelp    = errors.New("help")
	errVersion = errors.New("version")
)

// valueOpts are the options that take a value, per mode.
var valueOpts = map[string]string{"profile": "bsoltT", "inspect": "iolT"}

// parseArgs parses the command line after the program name. A value attaches
// to its option or follows it (-o- and -o - are the same); "--" or the first
// argument that is not an option ends the options.
func parseArgs(args []string) (config, error) {
	c := config{bin: "syd", output: DefaultOutput, depth: 3, threads: runtime.NumCPU()}
	if len(args) == 0 {
		return c, errors.New("no command (profile or inspect)")
	}
	switch args[0] {
	case "-h", "--help", "help":
		return c, errHelp
	case "-V", "--version":
		return c, errVersion
	case "profile", "inspect":
		c.mode = args[0]
	default:
		return c, fmt.Errorf("unknown command %q (want profile or inspect)", args[0])
	}
	args = args[1:]
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			args = args[1:]
			break
		}
		if a == "-h" || a == "--help" {
			return c, errHelp
		}
		if a == "-V" || a == "--version" {
			return c, errVersion
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		if a[1] == '-' || !strings.ContainsRune(valueOpts[c.mode], rune(a[1])) {
			return c, fmt.Errorf("unknown option %s for %s", a, c.mode)
		}
		opt, val := a[:2], a[2:]
		args = args[1:]
		if val == "" {
			if len(args) == 0 {
				return c, fmt.Errorf("option %s requires an argument", opt)
			}
			val, args = args[0], args[1:]
		}
		if err := c.set(opt[1], val); err != nil {
			return c, fmt.Errorf("option %s: %v", opt, err)
		}
	}
	switch {
	case c.mode == "profile" && len(args) == 0:
		return c, errors.New("profile needs a command: pandora profile [options] -- CMD [ARGS...]")
	case c.mode == "inspect" && len(args) > 0:
		return c, fmt.Errorf("inspect takes no arguments (got %q); read a file with -i", args[0])
	}
	c.command = args
	return c, nil
}

// set applies one option's value.
func (c *config) set(opt byte, val string) error {
	switch opt {
	case 'b':
		if val == "" {
			return errors.New("empty syd binary")
		}
		c.bin = val
	case 's':
		c.sydOpts = append(c.sydOpts, val)
	case 'i':
		c.input = val
	case 'o':
		if val == "" {
			return errors.New("empty file name")
		}
		c.output = val
	case 'l':
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			return fmt.Errorf("invalid depth %q (want a number, 0 for no limit)", val)
		}
		c.depth = n
	case 't':
		secs, err := strconv.ParseFloat(val, 64)
		if err != nil || !(secs > 0) || secs > 1e9 {
			return fmt.Errorf("invalid timeout %q (want seconds)", val)
		}
		c.timeout = time.Duration(secs * float64(time.Second))
	case 'T':
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 {
			return fmt.Errorf("invalid thread count %q (want at least 1)", val)
		}
		c.threads = n
	}
	return nil
}

// Main is pandora's main function: it runs the command line in os.Args and exits.
func Main() {
	os.Exit(Cmd(os.Args[1:]))
}

// Cmd runs pandora with args (without the program name) and returns its exit
// status. The command profiled shares pandora's stdin, stdout and stderr.
func Cmd(args []string) int {
	c, err := parseArgs(args)
	switch {
	case errors.Is(err, errHelp):
		fmt.Print(usage)
		return 0
	case errors.Is(err, errVersion):
		fmt.Println("pandora " + Version)
		return 0
	case err != nil:
		fmt.Fprintf(os.Stderr, "pandora: %v\n%sTry 'pandora -h' for more.\n", err, synopsis)
		return 2
	}
	if c.output != "-" && !strings.HasSuffix(c.output, sandbox.ConfigExt) {
		fmt.Fprintf(os.Stderr, "pandora: note: syd -P loads only files whose name ends in %s\n", sandbox.ConfigExt)
	}
	tty := isTerminal(os.Stderr)
	prof := NewProfile(NewNormalizer(c.depth, os.Getenv("HOME")).WithTempDirs("/tmp", "/var/tmp", "/dev/shm", os.Getenv("TMPDIR")))
	h := Header{Version: Version, Time: time.Now()}
	status, ok := 0, false
	if c.mode == "profile" {
		h.Command, h.SydOpts = c.command, c.sydOpts
		status, ok = profile(c, prof, tty)
	} else {
		h.Input, ok = inspect(c, prof)
	}
	if !ok {
		return 1
	}
	if prof.Stats.Accesses == 0 && prof.Stats.Skipped > 0 {
		fmt.Fprintf(os.Stderr, "pandora: no access records among %d lines: syd writes JSON lines on SYD_LOG_FD, but the readable form to a terminal or with SYD_FORCE_TTY\n", prof.Stats.Skipped)
	}
	sums := HashFiles(prof.Executables(), c.threads)
	data, written := prof.Render(h, sums)
	if err := writeOutput(c.output, data); err != nil {
		fmt.Fprintf(os.Stderr, "pandora: %v\n", err)
		return 1
	}
	if tty {
		summary(os.Stderr, prof.Stats, written, c.output)
	}
	return status
}

// profile runs the command under syd -x into prof and returns syd's exit
// status; ok is false (after a message) when the run did not happen.
func profile(c config, prof *Profile, tty bool) (status int, ok bool) {
	prog := &progress{w: os.Stderr, on: tty}
	res, err := Run(RunConfig{Syd: c.bin, SydOpts: c.sydOpts, Command: c.command, Timeout: c.timeout}, func(r Record) {
		prof.Add(r)
		prog.show(prof)
	})
	prog.clear()
	switch {
	case err != nil && !res.Started:
		fmt.Fprintf(os.Stderr, "pandora: %v\n", err)
		return 0, false
	case err != nil:
		fmt.Fprintf(os.Stderr, "pandora: %v (writing what was read)\n", err)
	}
	if res.TimedOut {
		fmt.Fprintf(os.Stderr, "pandora: timeout after %v: syd was killed\n", c.timeout)
	}
	prof.Stats.Skipped += res.Skipped
	return res.Status, true
}

// inspect reads the log named by -i (stdin without it) into prof and returns
// the input's name for the header; ok is false (after a message) on errors.
func inspect(c config, prof *Profile) (name string, ok bool) {
	in, name := io.Reader(os.Stdin), "stdin"
	if c.input != "" && c.input != "-" {
		f, err := os.Open(c.input)
		if err != nil {
			fmt.Fprintf(os.Stderr, "pandora: %v\n", err)
			return "", false
		}
		defer f.Close()
		in, name = f, c.input
	}
	skipped, err := Scan(in, prof.Add)
	prof.Stats.Skipped += skipped
	if err != nil {
		fmt.Fprintf(os.Stderr, "pandora: reading %s: %v\n", name, err)
		return "", false
	}
	return name, true
}

// writeOutput writes the profile to file, or to stdout for "-".
func writeOutput(file string, data []byte) error {
	if file == "-" {
		_, err := os.Stdout.Write(data)
		return err
	}
	return os.WriteFile(file, data, 0o644)
}

// summary tells a person at a terminal what the run gave.
func summary(w io.Writer, st Stats, wr Written, output string) {
	fmt.Fprintf(w, "pandora: %d access records read: %d warn (rules are made from these), %d other", st.Accesses, st.Warn, st.Other)
	if st.Skipped > 0 {
		fmt.Fprintf(w, "; %d other lines skipped", st.Skipped)
	}
	fmt.Fprintln(w)
	var cats []string
	total := 0
	for c := range sandbox.NumCategories {
		if n := wr.Rules[c.String()]; n > 0 {
			cats = append(cats, fmt.Sprintf("%s %d", c, n))
			total += n
		}
	}
	fmt.Fprintf(w, "pandora: %d allow rules", total)
	if len(cats) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(cats, ", "))
	}
	fmt.Fprintf(w, ", %d force rules (executables hashed)", wr.Force)
	if wr.Unhashed > 0 {
		fmt.Fprintf(w, ", %d executables not hashed", wr.Unhashed)
	}
	if wr.Suggestions > 0 {
		fmt.Fprintf(w, ", %d hardening suggestions (comments)", wr.Suggestions)
	}
	fmt.Fprintln(w)
	if output == "-" {
		output = "stdout"
	}
	fmt.Fprintf(w, "pandora: profile written to %s\n", output)
}

// progress is the line on a terminal that says how far profiling is.
type progress struct {
	w     io.Writer
	on    bool
	last  time.Time
	shown bool
}

func (p *progress) show(prof *Profile) {
	if !p.on {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond {
		p.last = now
		fmt.Fprintf(p.w, "\rpandora: %d records read, %d rules so far", prof.Stats.Accesses, prof.Rules())
		p.shown = true
	}
}

func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}
