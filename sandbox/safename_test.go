// safename_test.go: the Safename rules, name by name.
package sandbox

import "testing"

func TestSafeFilename(t *testing.T) {
	for name, want := range map[string]bool{
		"file.c": true, "Makefile": true, "a b": true, "é.txt": true, ".hidden": true, "..": true,
		"-rf": false, "~backup": false, " lead": false, "trail ": false, "a\nb": false, "a\x1bb": false,
		"a\x7f": false, "x:y": false, "a*": false, "q?": false, "[x]": false, "\"q\"": false, "<a>": false,
		"a|b": false, "(1)": false, "{a}": false, "a&b": false, "it's": false, "bang!": false, "a\\b": false,
		"a;b": false, "Outer$Inner.class": false, "`x`": false, "\xff\xfe": false,
	} {
		if got := SafeFilename(name); got != want {
			t.Errorf("SafeFilename(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestSafePathLeavesKernelNamesAlone(t *testing.T) {
	for path, want := range map[string]bool{
		"/home/u/src/main.c": true, "/home/u/-x/y": false, "/tmp/a\nb/c": false,
		"/sys/bus/pci/devices/0000:00:01.0": true, "/dev/char/1:3": true, "/proc/self/attr/current": true,
	} {
		if got := SafePath(path); got != want {
			t.Errorf("SafePath(%q) = %v, want %v", path, got, want)
		}
	}
}

func FuzzSafeFilename(f *testing.F) {
	for _, s := range []string{"a", "-a", "a b", "\x00", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if SafeFilename(name) && name != "" {
			if name[0] == '-' || name[len(name)-1] == ' ' {
				t.Fatalf("%q accepted", name)
			}
		}
	})
}
