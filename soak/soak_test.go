// soak_test.go: the short version of every soak load, run by `make test`: each
// workload succeeds and syd stays within the fd bound.
package main

import (
	"os"
	"testing"
	"time"

	"syd/cli"
	"syd/supervisor"
)

const asSyd = "SYD_SOAK_AS_SYD"

func TestMain(m *testing.M) {
	supervisor.RunInternal() // a re-executed guard or stub never returns
	if os.Getenv(asSyd) == "1" {
		cli.Main() // this test binary is syd for the scenarios
	}
	os.Exit(m.Run())
}

func TestSoakShort(t *testing.T) {
	if testing.Short() {
		t.Skip("soak loads take about 25 s")
	}
	r := &Runner{Syd: []string{os.Args[0]}, Env: []string{asSyd + "=1"}, Dir: t.TempDir(), Short: true, Sample: 10 * time.Millisecond}
	if err := os.Chmod(r.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := r.Prepare(); err != nil {
		t.Fatal(err)
	}
	for _, s := range Scenarios {
		t.Run(s.Name, func(t *testing.T) {
			res, err := r.Run(s)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %.1fs, %d samples, at most %d fds, RSS %d KiB after warm-up, %d KiB at most",
				s.Name, res.Elapsed.Seconds(), res.Samples, res.MaxFDs, res.RSSWarm, res.RSSMax)
			if res.ExitCode != 0 {
				t.Fatalf("workload exited %d:\n%s", res.ExitCode, res.Output)
			}
			if res.Samples == 0 {
				t.Fatal("syd was never sampled")
			}
			if res.MaxFDs > 1024 {
				t.Fatalf("syd held %d fds at once (bound 1024)", res.MaxFDs)
			}
			if s.NoFile > 0 && res.MaxFDs > s.NoFile {
				t.Fatalf("syd held %d fds under RLIMIT_NOFILE %d", res.MaxFDs, s.NoFile)
			}
		})
	}
}
