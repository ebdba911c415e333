package sydoci

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	specs "github.com/opencontainers/runtime-spec/specs-go"
)

// The lookup order is Syd's syd-oci's: domain, host.domain, host, default.
func TestPolicyCandidatesOrder(t *testing.T) {
	got, err := policyCandidates([]string{"/d"}, "web", "example.org")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/d/example.org.syd-3", "/d/web.example.org.syd-3", "/d/web.syd-3", "/d/default.syd-3"}
	if !slices.Equal(got, want) {
		t.Fatalf("candidates %v, want %v", got, want)
	}
	if got, _ := policyCandidates([]string{"/d"}, "", ""); !slices.Equal(got, []string{"/d/default.syd-3"}) {
		t.Fatalf("no names: %v", got)
	}
	for _, bad := range []string{"../x", "a/b", ".."} {
		if _, err := policyCandidates([]string{"/d"}, bad, ""); err == nil {
			t.Errorf("hostname %q accepted", bad)
		}
	}
}

// Rootless, the policy comes from $XDG_CONFIG_HOME/syd/oci; the host's file
// wins over default.syd-3, and SYD_OCI_NO_CONFIG turns the lookup off.
func TestFindPolicyRootless(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	oci := filepath.Join(dir, "syd", "oci")
	if err := os.MkdirAll(oci, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(oci, "default.syd-3"), []byte("sandbox/read:off\n"), 0o644)
	os.WriteFile(filepath.Join(oci, "box.syd-3"), []byte("sandbox/stat:off\n"), 0o644)
	text, name, err := findPolicy(&specs.Spec{Hostname: "box"}, true)
	if err != nil || string(text) != "sandbox/stat:off\n" || name != filepath.Join(oci, "box.syd-3") {
		t.Fatalf("box: %q %q %v", text, name, err)
	}
	text, _, _ = findPolicy(&specs.Spec{Hostname: "other"}, true)
	if string(text) != "sandbox/read:off\n" {
		t.Fatalf("other: %q, want the default", text)
	}
	t.Setenv("SYD_OCI_NO_CONFIG", "1")
	if text, _, _ := findPolicy(&specs.Spec{Hostname: "box"}, true); text != nil {
		t.Fatalf("SYD_OCI_NO_CONFIG: %q", text)
	}
}

// adjustSpec puts the workload in front of the command, mounts syd-oci
// read-only where the workload runs it, lets syd's calls through the
// bundle's seccomp profile and gives the workload CAP_SYS_PTRACE.
func TestAdjustSpec(t *testing.T) {
	errno := uint(1)
	spec := &specs.Spec{
		Process: &specs.Process{Args: []string{"sh", "-c", "true"}},
		Linux: &specs.Linux{Seccomp: &specs.LinuxSeccomp{DefaultAction: specs.ActErrno, Syscalls: []specs.LinuxSyscall{
			{Names: []string{"read", "write"}, Action: specs.ActAllow},
			{Names: []string{"ptrace", "kexec_load"}, Action: specs.ActErrno, ErrnoRet: &errno},
			{Names: []string{"seccomp"}, Action: specs.ActErrno},
		}}},
	}
	if err := adjustSpec(spec); err != nil {
		t.Fatal(err)
	}
	if want := []string{workloadPath, workloadArg, "--", "sh", "-c", "true"}; !slices.Equal(spec.Process.Args, want) {
		t.Fatalf("args %v, want %v", spec.Process.Args, want)
	}
	m := spec.Mounts[len(spec.Mounts)-1]
	if m.Destination != workloadPath || !slices.Contains(m.Options, "ro") {
		t.Fatalf("mount %+v", m)
	}
	sys := spec.Linux.Seccomp.Syscalls
	if len(sys) != 3 || !slices.Equal(sys[1].Names, []string{"kexec_load"}) || sys[2].Action != specs.ActAllow || !slices.Contains(sys[2].Names, "ptrace") {
		t.Fatalf("seccomp %+v", sys)
	}
	if !slices.Contains(spec.Process.Capabilities.Bounding, "CAP_SYS_PTRACE") {
		t.Fatalf("caps %+v", spec.Process.Capabilities)
	}
}

// As root, /etc/syd/oci comes first, then $XDG_CONFIG_HOME/syd/oci.
func TestPolicyDirsRoot(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/x")
	if got := policyDirs(false); !slices.Equal(got, []string{"/etc/syd/oci", "/x/syd/oci"}) {
		t.Fatalf("dirs %v", got)
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	if got := policyDirs(false); !slices.Equal(got, []string{"/etc/syd/oci"}) {
		t.Fatalf("dirs without XDG %v", got)
	}
}
