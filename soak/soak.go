// soak.go: the soak scenarios and the sampler. Each scenario runs a workload under
// syd while syd's open fds and resident memory are read from outside
// (/proc/<syd>/fd, VmRSS of /proc/<syd>/status) every few milliseconds.
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

//go:embed testdata/workload.c
var workloadC []byte

// Scenario is one load.
type Scenario struct {
	Name string
	// Args of the workload (or of make for "make"), full and short versions.
	Full, Short []string
	// NoFile, when set, runs syd with RLIMIT_NOFILE at this value (soft and hard).
	NoFile int
}

// Scenarios are the loads of issue 21: many short-lived processes, fd passing over
// UNIX datagram and stream sockets, sendmsg02's blocking sends, many threads at
// once, a parallel build, and syd itself under a low fd limit.
var Scenarios = []Scenario{
	{Name: "spawn", Full: []string{"spawn", "100000", "8"}, Short: []string{"spawn", "2000", "8"}},
	{Name: "fdpass", Full: []string{"fdpass", "32", "30"}, Short: []string{"fdpass", "32", "3"}},
	{Name: "dgramrace", Full: []string{"dgramrace", "8", "30"}, Short: []string{"dgramrace", "8", "3"}},
	{Name: "threads", Full: []string{"threads", "64", "30"}, Short: []string{"threads", "64", "3"}},
	{Name: "make", Full: []string{"-j8", "ROUNDS=5", "FILES=200"}, Short: []string{"-j8", "ROUNDS=1", "FILES=24"}},
	{Name: "lowfd", Full: []string{"churn", "32", "2000"}, Short: []string{"churn", "16", "300"}, NoFile: 64},
}

// Result is what one scenario measured.
type Result struct {
	Name     string
	Samples  int
	MaxFDs   int
	RSSWarm  int64 // KiB, the largest RSS seen in the first quarter of the run
	RSSMax   int64 // KiB, the largest RSS seen
	Elapsed  time.Duration
	ExitCode int
	Output   string
}

// Growth is the RSS growth after warm-up, in KiB.
func (r Result) Growth() int64 { return max(0, r.RSSMax-r.RSSWarm) }

// Runner runs scenarios against one syd.
type Runner struct {
	Syd    []string // the command that is syd (a binary, or a test binary and its marker)
	Env    []string // extra environment for syd
	Dir    string   // scratch directory; the workload is built there
	Short  bool
	Sample time.Duration
}

// Prepare builds the workload in r.Dir. Fds the runner inherited are closed on
// exec: an inherited fd numbered above a scenario's RLIMIT_NOFILE could not be
// handed on to the sandbox at its own number.
func (r *Runner) Prepare() error {
	if ents, err := os.ReadDir("/proc/self/fd"); err == nil {
		for _, e := range ents {
			if fd, err := strconv.Atoi(e.Name()); err == nil && fd > 2 {
				unix.CloseOnExec(fd)
			}
		}
	}
	src := filepath.Join(r.Dir, "workload.c")
	if err := os.WriteFile(src, workloadC, 0o644); err != nil {
		return err
	}
	out, err := exec.Command("gcc", "-O2", "-pthread", "-o", filepath.Join(r.Dir, "workload"), src).CombinedOutput()
	if err != nil {
		return fmt.Errorf("building the workload: %v\n%s", err, out)
	}
	return nil
}

// Run runs one scenario in a directory of its own under r.Dir.
func (r *Runner) Run(s Scenario) (Result, error) {
	res := Result{Name: s.Name}
	dir := filepath.Join(r.Dir, s.Name)
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, err
	}
	args := s.Full
	if r.Short {
		args = s.Short
	}
	var cmdline []string
	if s.NoFile > 0 {
		n := strconv.Itoa(s.NoFile)
		cmdline = append(cmdline, "prlimit", "--nofile="+n+":"+n, "--")
	}
	cmdline = append(cmdline, r.Syd...)
	cmdline = append(cmdline, "-p", "paludis", "-m", "allow/all+"+r.Dir+"/***",
		"-m", "allow/exec+"+r.Dir+"/***", "-m", "allow/net/bind,net/connect,net/sendfd+"+r.Dir+"/***", "--")
	if s.Name == "make" {
		if err := writeProject(dir); err != nil {
			return res, err
		}
		cmdline = append(cmdline, "make", "-s")
	} else {
		cmdline = append(cmdline, filepath.Join(r.Dir, "workload"))
	}
	cmdline = append(cmdline, args...)
	cmd := exec.Command(cmdline[0], cmdline[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), r.Env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return res, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	pid := cmd.Process.Pid // prlimit execs syd in place: the same pid
	type sample struct {
		at  time.Duration
		rss int64
	}
	var samples []sample
	tick := time.NewTicker(r.Sample)
	defer tick.Stop()
	var werr error
loop:
	for {
		select {
		case werr = <-done:
			break loop
		case <-tick.C:
			if !isSyd(pid) {
				continue // prlimit or the test binary has not become syd yet
			}
			if n := countFDs(pid); n > res.MaxFDs {
				res.MaxFDs = n
			}
			if rss := rssKiB(pid); rss > 0 {
				samples = append(samples, sample{time.Since(start), rss})
			}
		}
	}
	res.Elapsed = time.Since(start)
	res.Output = out.String()
	res.ExitCode = cmd.ProcessState.ExitCode()
	res.Samples = len(samples)
	for i, smp := range samples {
		if i < max(1, len(samples)/4) {
			res.RSSWarm = max(res.RSSWarm, smp.rss)
		}
		res.RSSMax = max(res.RSSMax, smp.rss)
	}
	if werr != nil && res.ExitCode < 0 {
		return res, werr
	}
	return res, nil
}

// isSyd reports whether pid runs syd already (not prlimit any more).
func isSyd(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	return err == nil && !strings.HasPrefix(string(b), "prlimit")
}

func countFDs(pid int) int {
	ents, err := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/fd")
	if err != nil {
		return 0
	}
	return len(ents)
}

func rssKiB(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// writeProject writes a C project whose Makefile builds FILES objects and a
// program, ROUNDS times from clean, and runs the program each time.
func writeProject(dir string) error {
	mk := `FILES ?= 24
ROUNDS ?= 1
SRCS := $(shell seq -f 'f%g.c' 1 $(FILES))
all:
	@for r in $$(seq 1 $(ROUNDS)); do rm -f *.o prog && $(MAKE) -s prog && ./prog >/dev/null || exit 1; done
prog: $(SRCS:.c=.o) main.o
	$(CC) -o $@ $^
%.c:
	@n=$$(echo $@ | tr -dc 0-9); printf '#include <stdio.h>\n#include <string.h>\nint f%s(int x) { char b[64]; snprintf(b, sizeof b, "%%d", x); return (int)strlen(b) + %s; }\n' $$n $$n > $@
main.c:
	@{ for i in $$(seq 1 $(FILES)); do echo "int f$$i(int);"; done; echo 'int main(void) { int s = 0;'; for i in $$(seq 1 $(FILES)); do echo "s += f$$i($$i);"; done; echo 'return s == 0; }'; } > $@
.PRECIOUS: %.c
`
	return os.WriteFile(filepath.Join(dir, "Makefile"), []byte(mk), 0o644)
}
