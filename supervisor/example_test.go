package supervisor_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"syd/sandbox"
	"syd/supervisor"
)

// TestMain lets the test binary be the guard and the stub: syd re-executes
// itself (/proc/self/exe) for both, so every program that uses the package
// calls RunInternal first.
func TestMain(m *testing.M) {
	supervisor.RunInternal()
	os.Exit(m.Run())
}

// Example runs a command under a policy built from commands of the syd(2)
// language: writes are allowed below one directory only. The denied write
// fails in the command (sh exits 2) and leaves no file.
func Example() {
	dir, err := os.MkdirTemp("", "supervisor-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	sb := sandbox.New()
	for _, cmd := range []string{
		"sandbox/all,net:off",
		"sandbox/write,create:on",
		"allow/write,create+" + dir + "/allowed/***",
	} {
		if err := sb.Apply(cmd); err != nil {
			fmt.Println(err)
			return
		}
	}
	_ = os.Mkdir(filepath.Join(dir, "allowed"), 0o755)
	script := "echo ok > " + dir + "/allowed/file && echo no > " + dir + "/denied 2>/dev/null"
	status, err := supervisor.Run(supervisor.Config{
		Sandbox: sb,
		Argv:    []string{"sh", "-c", script},
		Env:     os.Environ(),
	})
	_, allowedErr := os.Stat(filepath.Join(dir, "allowed", "file"))
	_, deniedErr := os.Stat(filepath.Join(dir, "denied"))
	fmt.Println("status:", status, "error:", err)
	fmt.Println("allowed file written:", allowedErr == nil)
	fmt.Println("denied file written:", deniedErr == nil)
	// Output:
	// status: 2 error: <nil>
	// allowed file written: true
	// denied file written: false
}
