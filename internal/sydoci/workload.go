// workload.go: syd-oci inside the container. libcontainer's init (or the
// process of an exec) runs /proc/self/exe, syd-oci itself, with workloadArg
// and the container's command: it runs the command under syd with the policy
// syd-oci passed on an inherited file descriptor (SYD_OCI_POLICY_FD), never
// through the container's file system, where the container could change it.
package sydoci

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"syd/cli"
)

// envPolicyFD names the fd of the policy text in the workload's environment.
const envPolicyFD = "SYD_OCI_POLICY_FD"

// envPolicyName is the policy's name on the host, for syd's messages.
const envPolicyName = "SYD_OCI_POLICY_NAME"

// Workload runs the container command args ("--" first) under syd and
// returns syd's exit status.
func Workload(args []string) int {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	text, name, err := readPolicy()
	if err != nil {
		fmt.Fprintln(os.Stderr, "syd-oci:", err)
		return int(unix.EINVAL)
	}
	sydArgs := append([]string{"--"}, args...)
	if text == nil {
		return cli.Run(append([]string{"-p", "oci"}, sydArgs...), os.Stdout, os.Stderr)
	}
	return cli.RunWithConfig(text, name, sydArgs, os.Stdout, os.Stderr)
}

// readPolicy reads and closes the policy fd, and removes both variables from
// the environment the command gets. No fd: no policy (the oci profile).
func readPolicy() ([]byte, string, error) {
	v, ok := os.LookupEnv(envPolicyFD)
	name := os.Getenv(envPolicyName)
	os.Unsetenv(envPolicyFD)
	os.Unsetenv(envPolicyName)
	if !ok {
		return nil, "", nil
	}
	fd, err := strconv.Atoi(v)
	if err != nil || fd < 3 {
		return nil, "", fmt.Errorf("bad %s %q", envPolicyFD, v)
	}
	f := os.NewFile(uintptr(fd), "policy")
	defer f.Close()
	text, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return nil, "", fmt.Errorf("reading the policy: %w", err)
	}
	if name == "" {
		name = "syd-oci policy"
	}
	return text, name, nil
}
