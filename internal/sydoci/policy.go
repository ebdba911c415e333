// policy.go: the container's syd policy and what the bundle's spec must allow
// for syd to supervise inside it. The policy is looked up on the host, as
// Syd's syd-oci does: /etc/syd/oci, then $XDG_CONFIG_HOME/syd/oci (root), or
// $XDG_CONFIG_HOME/syd/oci, else ~/.syd/oci (rootless), for <domainname>.syd-3, <hostname>.<domainname>.syd-3,
// <hostname>.syd-3, then default.syd-3; the first that exists is passed to
// the workload on an inherited memfd (workload.go), never through the
// container's file system, and kept in the container's state directory for
// the processes of exec. Without one the workload uses the oci profile.
// SYD_OCI_NO_CONFIG skips the lookup.
package sydoci

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	specs "github.com/opencontainers/runtime-spec/specs-go"
	"golang.org/x/sys/unix"
)

// workloadArg is the first argument of syd-oci in workload mode.
const workloadArg = "__syd-oci-workload"

// sydSyscalls are the system calls syd's supervisor makes inside the
// container; a seccomp profile of the bundle that refuses them would stop it.
// Syd's own filter is what confines the workload.
var sydSyscalls = []string{
	"seccomp", "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_open", "pidfd_getfd",
	"pidfd_send_signal", "kcmp", "landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self",
	"prctl", "close_range", "openat2", "memfd_create", "ioctl", "waitid", "epoll_create1", "epoll_ctl",
	"epoll_pwait", "epoll_wait", "setns", "prlimit64", "inotify_init1", "inotify_add_watch",
}

// policyDirs are where the container's policy is looked up.
func policyDirs(rootless bool) []string {
	if os.Getenv("SYD_OCI_NO_CONFIG") != "" {
		return nil
	}
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if !rootless {
		// The system's directory, then root's own when it has one.
		if xdg != "" {
			return []string{"/etc/syd/oci", filepath.Join(xdg, "syd", "oci")}
		}
		return []string{"/etc/syd/oci"}
	}
	if xdg != "" {
		return []string{filepath.Join(xdg, "syd", "oci")}
	}
	if h := os.Getenv("HOME"); h != "" {
		return []string{filepath.Join(h, ".syd", "oci")}
	}
	return nil
}

// policyCandidates lists the files, in the order they are tried, for a
// container with these names.
func policyCandidates(dirs []string, host, domain string) ([]string, error) {
	for _, n := range []string{host, domain} {
		if strings.ContainsAny(n, "/\x00") || n == "." || n == ".." {
			return nil, fmt.Errorf("unsafe host or domain name %q in the spec", n)
		}
	}
	var names []string
	switch {
	case host != "" && domain != "":
		names = []string{domain, host + "." + domain, host}
	case domain != "":
		names = []string{domain}
	case host != "":
		names = []string{host}
	}
	names = append(names, "default")
	var out []string
	for _, d := range dirs {
		for _, n := range names {
			out = append(out, filepath.Join(d, n+".syd-3"))
		}
	}
	return out, nil
}

// findPolicy reads the first policy file that exists for spec; nil text
// when there is none (the workload uses the oci profile).
func findPolicy(spec *specs.Spec, rootless bool) (text []byte, name string, err error) {
	cands, err := policyCandidates(policyDirs(rootless), spec.Hostname, spec.Domainname)
	if err != nil {
		return nil, "", err
	}
	for _, c := range cands {
		text, err := os.ReadFile(c)
		if err == nil {
			return text, c, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("reading %s: %w", c, err)
		}
	}
	return nil, "", nil
}

// policyFile is the copy of a container's policy in its state directory
// (syd-oci's own, mode 0700), for the processes of `exec`.
func policyFile(root, id string) string { return filepath.Join(root, id, "syd-policy.syd-3") }

// savePolicy keeps the container's policy for exec; no text removes it.
func savePolicy(root, id string, text []byte, name string) error {
	path := policyFile(root, id)
	if text == nil {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	return os.WriteFile(path, append([]byte("# "+strings.ReplaceAll(name, "\n", " ")+"\n"), text...), 0o600)
}

// loadPolicy reads the policy savePolicy kept (nil: none).
func loadPolicy(root, id string) ([]byte, error) {
	text, err := os.ReadFile(policyFile(root, id))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return text, err
}

// policyMemfd is a sealed memfd holding text: the workload's policy fd.
func policyMemfd(text []byte) (*os.File, error) {
	fd, err := unix.MemfdCreate("syd-oci-policy", unix.MFD_CLOEXEC|unix.MFD_ALLOW_SEALING)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), "syd-oci-policy")
	if _, err := f.Write(text); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := unix.FcntlInt(uintptr(fd), unix.F_ADD_SEALS, unix.F_SEAL_SEAL|unix.F_SEAL_SHRINK|unix.F_SEAL_GROW|unix.F_SEAL_WRITE); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// adjustSpec makes the bundle's spec run its process under syd: the process
// becomes syd-oci in workload mode with the original command after it, the
// seccomp profile lets syd's own calls through (syd's filter is stricter),
// and the process may trace its own children (syd verifies every exec).
func adjustSpec(spec *specs.Spec) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding syd-oci itself: %w", err)
	}
	// The workload's binary, read-only: libcontainer's init cannot exec its
	// own /proc/self/exe (a sealed clone), and the container must not be able
	// to change what the next container runs.
	spec.Mounts = append(spec.Mounts, specs.Mount{Destination: workloadPath, Type: "bind", Source: exe,
		Options: []string{"bind", "ro", "nosuid", "nodev"}})
	if spec.Process != nil {
		spec.Process.Args = workloadArgs(spec.Process.Args)
		addPtraceCap(spec.Process)
	}
	if spec.Linux != nil && spec.Linux.Seccomp != nil {
		allowSydSyscalls(spec.Linux.Seccomp)
	}
	return nil
}

// workloadPath is where syd-oci is in the container (bind mounted).
const workloadPath = "/dev/.syd-oci"

// workloadArgs is the command line of the workload for a container command.
func workloadArgs(args []string) []string {
	return append([]string{workloadPath, workloadArg, "--"}, args...)
}

func addPtraceCap(p *specs.Process) {
	const c = "CAP_SYS_PTRACE"
	if p.Capabilities == nil {
		p.Capabilities = &specs.LinuxCapabilities{}
	}
	caps := p.Capabilities
	for _, set := range []*[]string{&caps.Bounding, &caps.Effective, &caps.Permitted} {
		if !slices.Contains(*set, c) {
			*set = append(*set, c)
		}
	}
}

func allowSydSyscalls(s *specs.LinuxSeccomp) {
	for i := range s.Syscalls {
		e := &s.Syscalls[i]
		if e.Action != specs.ActAllow || e.ErrnoRet != nil {
			e.Names = slices.DeleteFunc(e.Names, func(n string) bool { return slices.Contains(sydSyscalls, n) })
		}
	}
	s.Syscalls = slices.DeleteFunc(s.Syscalls, func(e specs.LinuxSyscall) bool { return len(e.Names) == 0 })
	s.Syscalls = append(s.Syscalls, specs.LinuxSyscall{Names: slices.Clone(sydSyscalls), Action: specs.ActAllow})
}
