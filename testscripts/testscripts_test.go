// testscripts_test.go runs the .txtar suites in this directory against the real syd
// (registered as a command of the test binary) and the helper programs below.
package testscripts

import (
	"debug/elf"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"syd/cli"
	"syd/internal/pandora"
	"syd/internal/sydaes"
	"syd/supervisor"
)

func TestMain(m *testing.M) {
	supervisor.RunInternal() // a re-executed guard or stub never returns
	if !pie() {
		fmt.Fprintln(os.Stderr, "testscripts: build the tests as PIE (go test -buildmode=pie ./testscripts, as make test does): syd refuses non-PIE executables, and the helpers run inside it")
		os.Exit(2)
	}
	testscript.Main(m, map[string]func(){
		"syd":                cli.Main,
		"sydbox":             cli.Main, // the name Paludis runs
		"pandora":            pandora.Main,
		"syd-aes":            sydaes.Main,
		"sydtest-open":       helperOpen,
		"sydtest-magic-race": helperMagicRace,
		"sydtest-magic-fuzz": helperMagicFuzz,
		"sydtest-fs":         helperFS,
		"sydtest-net":        helperNet,
		"sydtest-repo-file":  helperRepoFile,
		"sydtest-libsyd":     helperLibsyd,
		"sydtest-gosyd":      helperGoSyd,
		"sydtest-pty":        helperPty,
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 ".",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SYD_LOG", "warn")
			env.Setenv("SYD_NO_SYSLOG", "1") // the tests' denials are not the host's business
			iters := os.Getenv("SYD_ESCAPE_ITERS")
			if iters == "" {
				iters = "2000"
			}
			env.Setenv("ITERS", iters)
			// The static syd-oci podman runs (make test builds it).
			if oci := os.Getenv("SYD_OCI"); oci != "" {
				env.Setenv("SYD_OCI", oci)
			}
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				return os.Geteuid() == 0, nil
			case "podman":
				// podman is installed and can reach its storage and runtime.
				return exec.Command("podman", "info").Run() == nil, nil
			case "oci":
				st, err := os.Stat(os.Getenv("SYD_OCI"))
				return err == nil && st.Mode().IsRegular() && os.Getenv("SYD_OCI")[0] == '/', nil
			}
			if name, ok := cutPrefix(cond, "cmd:"); ok {
				_, err := exec.LookPath(name)
				return err == nil, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
		},
	})
}

// cmdStatus runs a program and checks its exact exit status:
//
//	status CODE PROG [ARGS...]
//
// stdout and stderr are kept for the following stdout/stderr checks.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("status: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return "", false
}

// pie reports whether this test binary is position independent (ET_DYN).
func pie() bool {
	f, err := elf.Open("/proc/self/exe")
	if err != nil {
		return true // cannot tell: let the scripts say
	}
	defer f.Close()
	return f.Type == elf.ET_DYN
}
