// Command ltp runs a Linux Test Project runtest file (default: syscalls) natively
// and under syd, test by test, and compares the two columns.
//
//	go run ./ltp -ltp /opt/ltp [-only ltp/quick.txt] [-native FILE] [-out DIR]
//
// Every test runs through /bin/sh -c with the command line of its runtest entry,
// with stdin on /dev/null, a fresh scratch directory as its working directory and
// TMPDIR, a per-test timeout (the whole process group is killed, and the runner
// is a child subreaper so nothing outlives a test) and LTPROOT set. Under syd
// the same command runs as `syd -p ltp -- /bin/sh -c ...`, with syd's JSON log on
// a separate file (SYD_LOG_FD) so that it can be read next to the test output.
//
// Results: pass (exit 0), conf (exit 32, TCONF only), timeout, fail (anything
// else, 127 "not installed" included). The runner prints and writes a table
// `test native syd`, the per-test logs, and exits 1 when a test that passes
// natively does not pass under syd and is not listed in the expected-failures
// file (a regression). No LTP code lives in this repository: LTP is built and
// installed elsewhere (ltp/build-ltp.sh).
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Result of one run of one test.
type Result string

const (
	Pass    Result = "pass"
	Fail    Result = "fail"
	Conf    Result = "conf"
	Timeout Result = "timeout"
	Skip    Result = "skip"
	None    Result = "-"
)

// test is one runtest entry.
type test struct {
	name, cmdline string
}

// run is the outcome of one execution.
type run struct {
	res  Result
	code int
	secs float64
}

type options struct {
	ltpDir, syd, runtest, only, tests, skip, expected, native, out, match string
	sydArgs                                                               string
	timeout                                                               time.Duration
	retries                                                               int
	timeoutMul                                                            string
	keep, quiet                                                           bool
}

func main() {
	os.Exit(mainErr())
}

func mainErr() int {
	var o options
	def := os.Getenv("LTP_DIR")
	if def == "" {
		def = "/opt/ltp"
	}
	flag.StringVar(&o.ltpDir, "ltp", def, "LTP install directory (default $LTP_DIR or /opt/ltp)")
	flag.StringVar(&o.syd, "syd", "./syd", "the syd binary")
	flag.StringVar(&o.sydArgs, "syd-args", "-p ltp", "syd options before `--` (split on spaces)")
	flag.StringVar(&o.runtest, "runtest", "syscalls", "runtest file: a name under LTP/runtest or a path")
	flag.StringVar(&o.only, "only", "", "file naming the tests to run (one per line, # comments)")
	flag.StringVar(&o.tests, "tests", "", "comma-separated test names to run")
	flag.StringVar(&o.match, "run", "", "run only tests whose name matches this regular expression")
	flag.StringVar(&o.skip, "skip", "ltp/skip.txt", "skip list (destructive or host-changing tests)")
	flag.StringVar(&o.expected, "expected", "ltp/expected-failures.txt", "tests known to pass natively and fail under syd")
	flag.StringVar(&o.native, "native", "run", "`run` the tests natively, `none`, or a results file (NAME EXIT [SECONDS]) to use as the native column")
	flag.StringVar(&o.out, "out", "", "results directory (default /tmp/ltp-results.TIMESTAMP)")
	flag.DurationVar(&o.timeout, "timeout", 120*time.Second, "per-test timeout")
	flag.IntVar(&o.retries, "retries", 1, "re-run a test that passes natively but not under syd this many times")
	flag.StringVar(&o.timeoutMul, "timeout-mul", "", "LTP_TIMEOUT_MUL for both columns (LTP's own per-test timers)")
	flag.BoolVar(&o.keep, "keep", false, "keep every log (default: only logs of tests whose columns differ)")
	flag.BoolVar(&o.quiet, "q", false, "print only differences and the summary")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintf(os.Stderr, "ltp: unexpected arguments %q\n", flag.Args())
		return 2
	}
	if err := runAll(&o); err != nil {
		var ee exitErr
		if errors.As(err, &ee) {
			return int(ee)
		}
		fmt.Fprintf(os.Stderr, "ltp: %v\n", err)
		return 2
	}
	return 0
}

type exitErr int

func (e exitErr) Error() string { return "exit " + strconv.Itoa(int(e)) }

func runAll(o *options) error {
	ltp, err := filepath.Abs(o.ltpDir)
	if err != nil {
		return err
	}
	bin := filepath.Join(ltp, "testcases", "bin")
	if st, err := os.Stat(bin); err != nil || !st.IsDir() {
		return fmt.Errorf("%s is not an LTP install (no testcases/bin); build one with ltp/build-ltp.sh", ltp)
	}
	syd, err := filepath.Abs(o.syd)
	if err != nil {
		return err
	}
	if _, err := os.Stat(syd); err != nil {
		return fmt.Errorf("syd binary: %v", err)
	}
	rt := o.runtest
	if !strings.Contains(rt, "/") {
		rt = filepath.Join(ltp, "runtest", rt)
	}
	tests, err := readRuntest(rt)
	if err != nil {
		return err
	}
	skip, err := readList(o.skip, true)
	if err != nil {
		return err
	}
	expected, err := readList(o.expected, o.expected == "ltp/expected-failures.txt")
	if err != nil {
		return err
	}
	want := map[string]bool{}
	if o.only != "" {
		l, err := readList(o.only, false)
		if err != nil {
			return err
		}
		for n := range l {
			want[n] = true
		}
	}
	for _, n := range strings.Split(o.tests, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var re *regexp.Regexp
	if o.match != "" {
		if re, err = regexp.Compile(o.match); err != nil {
			return err
		}
	}
	var nativeFile map[string]run
	switch o.native {
	case "run", "none":
	default:
		if nativeFile, err = readResults(o.native); err != nil {
			return err
		}
	}

	var sel []test
	var skipped []string
	seen := map[string]bool{}
	for _, t := range tests {
		if len(want) > 0 && !want[t.name] || re != nil && !re.MatchString(t.name) {
			continue
		}
		seen[t.name] = true
		if _, ok := skip[t.name]; ok {
			skipped = append(skipped, t.name)
			continue
		}
		sel = append(sel, t)
	}
	for n := range want {
		if !seen[n] {
			return fmt.Errorf("test %q is not in %s", n, rt)
		}
	}

	out := o.out
	if out == "" {
		out = "/tmp/ltp-results." + time.Now().Format("20060102-150405")
	}
	logs := filepath.Join(out, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return err
	}
	// Scratch directories live under /tmp, which the ltp profile allows.
	scratch, err := os.MkdirTemp("/tmp", "ltp-scratch.")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	_ = os.Chmod(scratch, 0o755)

	// Orphans (tests that setsid and outlive their parent) are reparented to us
	// and killed after each test.
	_ = unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)

	env := testEnv(ltp, bin, o.timeoutMul)
	sydPrefix := append([]string{syd}, strings.Fields(o.sydArgs)...)
	if ltp != "/opt/ltp" {
		// The ltp profile allows /opt/ltp; another install tree is read and run only.
		sydPrefix = append(sydPrefix, "-m", "allow/stat,read,exec,chdir,readdir+"+ltp+"/***")
	}
	sydPrefix = append(sydPrefix, "--")

	fmt.Printf("ltp: %d tests from %s (%d skipped), syd: %s, results: %s\n",
		len(sel), rt, len(skipped), strings.Join(sydPrefix, " "), out)
	table, err := os.Create(filepath.Join(out, "table.txt"))
	if err != nil {
		return err
	}
	defer table.Close()
	nf, _ := os.Create(filepath.Join(out, "native.txt"))
	sf, _ := os.Create(filepath.Join(out, "syd.txt"))
	defer nf.Close()
	defer sf.Close()
	fmt.Fprintf(table, "%-28s %-8s %-8s\n", "test", "native", "syd")
	if !o.quiet {
		fmt.Printf("%-28s %-8s %-8s\n", "test", "native", "syd")
	}

	start := time.Now()
	var regress, expFail, fixed []string
	counts := map[string]map[Result]int{"native": {}, "syd": {}}
	for _, t := range sel {
		var nat run
		runNative := func() run {
			return execTest(t, nil, env, scratch, o.timeout, filepath.Join(logs, t.name+".native.log"), "")
		}
		switch {
		case nativeFile != nil:
			var ok bool
			if nat, ok = nativeFile[t.name]; !ok {
				nat = run{res: None, code: -1}
			}
		case o.native == "run":
			nat = runNative()
		default:
			nat = run{res: None, code: -1}
		}
		sy := execTest(t, sydPrefix, env, scratch, o.timeout,
			filepath.Join(logs, t.name+".syd.log"), filepath.Join(logs, t.name+".syd.json"))
		for i := 0; i < o.retries && nat.res == Pass && sy.res != Pass; i++ {
			// A second chance for both columns before calling it a regression; a
			// native column read from a file is confirmed by running the test here.
			if o.native == "run" || nativeFile != nil {
				if nat = runNative(); nat.res != Pass {
					break
				}
			}
			sy = execTest(t, sydPrefix, env, scratch, o.timeout,
				filepath.Join(logs, t.name+".syd.log"), filepath.Join(logs, t.name+".syd.json"))
		}
		counts["native"][nat.res]++
		counts["syd"][sy.res]++
		note := ""
		_, isExp := expected[t.name]
		switch {
		case nat.res == Pass && sy.res != Pass && isExp:
			note = "expected: " + expected[t.name]
			expFail = append(expFail, t.name)
		case nat.res == Pass && sy.res != Pass:
			note = "REGRESSION"
			regress = append(regress, t.name)
		case isExp && sy.res == Pass:
			note = "fixed (listed in expected failures)"
			fixed = append(fixed, t.name)
		case isExp:
			note = "listed, but fails natively too"
		}
		line := fmt.Sprintf("%-28s %-8s %-8s", t.name, nat.res, sy.res)
		fmt.Fprintln(table, line)
		if nat.code != -1 {
			fmt.Fprintf(nf, "%s %d %.1f\n", t.name, nat.code, nat.secs)
		}
		fmt.Fprintf(sf, "%s %d %.1f\n", t.name, sy.code, sy.secs)
		if !o.quiet || note != "" || nat.res != sy.res {
			if note != "" {
				line += "  " + note
			}
			fmt.Println(line)
		}
		if !o.keep && nat.res == sy.res {
			for _, s := range []string{".native.log", ".syd.log", ".syd.json"} {
				os.Remove(filepath.Join(logs, t.name+s))
			}
		}
	}
	fmt.Fprintf(table, "# skipped: %s\n", strings.Join(skipped, " "))

	el := time.Since(start).Round(time.Second)
	fmt.Printf("\nltp: %d tests in %v; skipped %d\n", len(sel), el, len(skipped))
	for _, col := range []string{"native", "syd"} {
		c := counts[col]
		fmt.Printf("  %-7s pass %d, conf %d, fail %d, timeout %d\n", col, c[Pass], c[Conf], c[Fail], c[Timeout])
	}
	fmt.Printf("  passing natively but not under syd: %d expected (%s), %d unexpected\n",
		len(expFail), filepath.Base(o.expected), len(regress))
	if len(fixed) > 0 {
		sort.Strings(fixed)
		fmt.Printf("  listed as expected failures but passing now (remove them): %s\n", strings.Join(fixed, " "))
	}
	fmt.Printf("  table: %s\n", filepath.Join(out, "table.txt"))
	if len(regress) > 0 {
		fmt.Printf("REGRESSIONS (pass natively, not under syd; logs in %s):\n", logs)
		for _, n := range regress {
			fmt.Printf("  %s\n", n)
		}
		return exitErr(1)
	}
	return nil
}

// testEnv is the environment of every test, native or under syd.
func testEnv(ltp, bin, mul string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "PATH", "LTPROOT", "TMPDIR", "LTP_TIMEOUT_MUL", "LTP_COLORIZE_OUTPUT", "SYD_LOG_FD", "PWD":
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"PATH="+bin+":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"LTPROOT="+ltp,
		"LTP_COLORIZE_OUTPUT=0",
	)
	if mul != "" {
		env = append(env, "LTP_TIMEOUT_MUL="+mul)
	}
	return env
}

// execTest runs one test (prefix nil: natively) in a fresh scratch directory.
func execTest(t test, prefix, env []string, scratch string, timeout time.Duration, logPath, jsonPath string) run {
	dir, err := os.MkdirTemp(scratch, t.name+".")
	if err != nil {
		return run{res: Fail, code: -2}
	}
	defer os.RemoveAll(dir)
	_ = os.Chmod(dir, 0o777)
	logf, err := os.Create(logPath)
	if err != nil {
		return run{res: Fail, code: -2}
	}
	defer logf.Close()
	argv := append(append([]string{}, prefix...), "/bin/sh", "-c", t.cmdline)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, env...), "TMPDIR="+dir, "PWD="+dir)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if jsonPath != "" {
		jf, err := os.Create(jsonPath)
		if err != nil {
			return run{res: Fail, code: -2}
		}
		defer jf.Close()
		cmd.ExtraFiles = []*os.File{jf}
		cmd.Env = append(cmd.Env, "SYD_LOG_FD=3")
	}
	fmt.Fprintf(logf, "$ %s\n", strings.Join(argv, " "))
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(logf, "start: %v\n", err)
		return run{res: Fail, code: -2}
	}
	var timedOut atomic.Bool
	timer := time.AfterFunc(timeout, func() {
		timedOut.Store(true)
		_ = unix.Kill(-cmd.Process.Pid, unix.SIGKILL)
		_ = cmd.Process.Kill()
	})
	err = cmd.Wait()
	timer.Stop()
	secs := time.Since(start).Seconds()
	reapOrphans()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			fmt.Fprintf(logf, "wait: %v\n", err)
			return run{res: Fail, code: -2, secs: secs}
		}
		ws := ee.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			code = 128 + int(ws.Signal())
		} else {
			code = ws.ExitStatus()
		}
	}
	fmt.Fprintf(logf, "# exit %d after %.1fs%s\n", code, secs, map[bool]string{true: " (timeout)"}[timedOut.Load()])
	switch {
	case timedOut.Load():
		return run{res: Timeout, code: 124, secs: secs}
	case code == 0:
		return run{res: Pass, secs: secs}
	case code == 32:
		return run{res: Conf, code: 32, secs: secs}
	}
	return run{res: Fail, code: code, secs: secs}
}

// reapOrphans kills and reaps whatever a test left behind that was reparented
// to the runner (a child subreaper).
func reapOrphans() {
	self := os.Getpid()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		kids := childrenOf(self)
		for _, pid := range kids {
			_ = unix.Kill(pid, unix.SIGKILL)
		}
		for {
			var ws unix.WaitStatus
			pid, err := unix.Wait4(-1, &ws, unix.WNOHANG, nil)
			if pid <= 0 || err != nil {
				break
			}
		}
		if len(kids) == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// childrenOf lists the pids whose parent is ppid.
func childrenOf(ppid int) []int {
	ents, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) > 1 && f[1] == strconv.Itoa(ppid) {
			out = append(out, pid)
		}
	}
	return out
}

// readRuntest parses an LTP runtest file: `name command line...`, # comments.
func readRuntest(path string) ([]test, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []test
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		name, cmd := line, ""
		if i := strings.IndexAny(line, " \t"); i > 0 {
			name, cmd = line[:i], strings.TrimSpace(line[i:])
		}
		if cmd == "" {
			cmd = name
		}
		out = append(out, test{name: name, cmdline: cmd})
	}
	return out, sc.Err()
}

// readList reads `NAME [reason...]` lines (# comments); a missing optional file is empty.
func readList(path string, optional bool) (map[string]string, error) {
	m := map[string]string{}
	if path == "" {
		return m, nil
	}
	f, err := os.Open(path)
	if err != nil {
		if optional && errors.Is(err, os.ErrNotExist) {
			return m, nil
		}
		return nil, err
	}
	defer f.Close()
	return m, scanList(f, m)
}

func scanList(r io.Reader, m map[string]string) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		name, reason := line, ""
		if i := strings.IndexAny(line, " \t"); i > 0 {
			name, reason = line[:i], strings.TrimSpace(line[i:])
		}
		m[name] = reason
	}
	return sc.Err()
}

// readResults reads `NAME EXIT [SECONDS]` lines (the baseline format).
func readResults(path string) (map[string]run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]run{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		code, err := strconv.Atoi(fs[1])
		if err != nil {
			return nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		r := run{code: code}
		switch code {
		case 0:
			r.res = Pass
		case 32:
			r.res = Conf
		case 124:
			r.res = Timeout
		default:
			r.res = Fail
		}
		if len(fs) > 2 {
			r.secs, _ = strconv.ParseFloat(fs[2], 64)
		}
		m[fs[0]] = r
	}
	return m, sc.Err()
}
