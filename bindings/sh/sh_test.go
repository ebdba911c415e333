// sh_test.go checks that esyd.sh parses in dash, bash and zsh and passes shellcheck as POSIX sh.

package sh

import (
	"os/exec"
	"strings"
	"testing"
)

func TestScriptParsesInEveryShell(t *testing.T) {
	for _, shell := range []string{"dash", "bash", "zsh"} {
		t.Run(shell, func(t *testing.T) {
			if _, err := exec.LookPath(shell); err != nil {
				t.Skipf("%s is not installed (make deps installs it)", shell)
			}
			cmd := exec.Command(shell, "-n")
			cmd.Stdin = strings.NewReader(string(Script))
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s -n: %v\n%s", shell, err, out)
			}
		})
	}
}

func TestScriptIsShellcheckClean(t *testing.T) {
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Skip("shellcheck is not installed")
	}
	cmd := exec.Command("shellcheck", "-s", "sh", "-")
	cmd.Stdin = strings.NewReader(string(Script))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("shellcheck: %v\n%s", err, out)
	}
}

func TestScriptDefinesEsyd(t *testing.T) {
	s := string(Script)
	for _, want := range []string{"esyd() {", "enabled_net_sendfd)", "allow_mktemp)", "info | dump)"} {
		if !strings.Contains(s, want) {
			t.Errorf("esyd.sh lacks %q", want)
		}
	}
}
