// Command soak runs the loads of `make soak` under syd and reports, per load, the
// most fds syd held at once and how much its resident memory grew after warm-up
// (sampled from outside). It fails when a workload failed or syd held more than
// -max-fds fds.
//
//	go run ./soak -syd ./syd [-short] [-only spawn,fdpass]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	syd := flag.String("syd", "./syd", "the syd binary")
	short := flag.Bool("short", false, "the short version of every load (as make test runs it)")
	only := flag.String("only", "", "comma-separated scenario names")
	maxFDs := flag.Int("max-fds", 1024, "fail when syd holds more fds than this at once")
	maxGrowth := flag.Int64("max-growth", 64<<10, "fail when syd's RSS grows by more KiB than this after warm-up")
	flag.Parse()
	bin, err := filepath.Abs(*syd)
	if err != nil {
		fatal(err)
	}
	dir, err := os.MkdirTemp("", "syd-soak.")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		fatal(err)
	}
	r := &Runner{Syd: []string{bin}, Dir: dir, Short: *short, Sample: 20 * time.Millisecond}
	if err := r.Prepare(); err != nil {
		fatal(err)
	}
	failed := false
	fmt.Printf("%-10s %8s %8s %10s %10s %10s %9s  %s\n", "load", "time", "samples", "max fds", "RSS warm", "RSS max", "growth", "result")
	for _, s := range Scenarios {
		if *only != "" && !strings.Contains(","+*only+",", ","+s.Name+",") {
			continue
		}
		res, err := r.Run(s)
		if err != nil {
			fatal(err)
		}
		verdict := "ok"
		switch {
		case res.ExitCode != 0:
			verdict = fmt.Sprintf("FAIL: exit %d", res.ExitCode)
		case res.MaxFDs > *maxFDs:
			verdict = fmt.Sprintf("FAIL: more than %d fds", *maxFDs)
		case res.Growth() > *maxGrowth:
			verdict = fmt.Sprintf("FAIL: grew more than %d KiB", *maxGrowth)
		}
		if verdict != "ok" {
			failed = true
		}
		fmt.Printf("%-10s %7.1fs %8d %10d %7d KiB %7d KiB %5d KiB  %s\n", res.Name, res.Elapsed.Seconds(),
			res.Samples, res.MaxFDs, res.RSSWarm, res.RSSMax, res.Growth(), verdict)
		if verdict != "ok" || os.Getenv("SOAK_VERBOSE") != "" {
			fmt.Print(indent(res.Output))
		}
	}
	if failed {
		os.Exit(1)
	}
}

func indent(s string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("    " + line + "\n")
	}
	return b.String()
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "soak:", err)
	os.Exit(2)
}
