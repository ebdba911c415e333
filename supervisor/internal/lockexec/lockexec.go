// Package lockexec decides the Landlock exec confinement: the roots beneath which
// the kernel lets the sandbox execute anything (the stub applies them, launch/stub.c),
// which closes the window between syd's exec check and the kernel's exec that no
// user-space check can close.
package lockexec

import (
	"os"
	"path/filepath"
)

// loaders are the ELF interpreters the kernel opens with an execute check when it
// runs a dynamic binary; they must stay executable for anything to run.
var loaders = []string{"/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux.so.2", "/libx32/ld-linux-x32.so.2"}

// Roots turns the policy's exec roots into paths Landlock can hold: each root, or its
// nearest existing ancestor when it does not exist yet (a rule for a binary created
// later must not refuse it), plus the dynamic loaders.
func Roots(policyRoots []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, r := range policyRoots {
		p := filepath.Clean(r)
		for {
			if _, err := os.Stat(p); err == nil || p == "/" {
				break
			}
			p = filepath.Dir(p)
		}
		add(p)
	}
	for _, l := range loaders {
		if real, err := filepath.EvalSymlinks(l); err == nil {
			add(real)
		}
	}
	return out
}
