// header_test.go checks that syd.h declares exactly the functions the library exports, with the same C types.

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// declRe matches a one-line function declaration of syd.h or of the header
// cgo writes for the exported functions.
var declRe = regexp.MustCompile(`(?m)^(?:extern )?(int|bool|_Bool) (syd_\w+)\((.*)\);$`)

// normalise reduces a declaration to its ABI: types only, typedefs of
// uint8_t resolved, const and parameter names dropped.
func normalise(ret, params string) string {
	if ret == "_Bool" {
		ret = "bool"
	}
	var types []string
	for p := range strings.SplitSeq(params, ",") {
		p = strings.TrimSpace(strings.ReplaceAll(p, "const ", ""))
		p = strings.ReplaceAll(p, "*", " * ")
		f := strings.Fields(p)
		if len(f) > 1 && f[len(f)-1] != "*" {
			f = f[:len(f)-1] // the parameter name
		}
		t := strings.Join(f, "")
		switch t {
		case "action_t", "lock_state_t":
			t = "uint8_t"
		}
		types = append(types, t)
	}
	return ret + "(" + strings.Join(types, ",") + ")"
}

func decls(t *testing.T, path string) map[string]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, d := range declRe.FindAllStringSubmatch(string(b), -1) {
		m[d[2]] = normalise(d[1], d[3])
	}
	return m
}

func TestHeaderMatchesExports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("gcc is not installed (make deps installs it)")
	}
	dir := t.TempDir()
	out, err := exec.Command("go", "build", "-buildvcs=false", "-buildmode=c-shared", "-o", filepath.Join(dir, "libsyd.so"), ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	exported := decls(t, filepath.Join(dir, "libsyd.h"))
	declared := decls(t, "syd.h")
	if len(exported) < 200 {
		t.Fatalf("only %d exported functions found", len(exported))
	}
	for name, sig := range exported {
		if d, ok := declared[name]; !ok {
			t.Errorf("%s is exported but not declared in syd.h", name)
		} else if d != sig {
			t.Errorf("%s: syd.h says %s, the library %s", name, d, sig)
		}
	}
	for name := range declared {
		if _, ok := exported[name]; !ok {
			t.Errorf("%s is declared in syd.h but not exported", name)
		}
	}
}
