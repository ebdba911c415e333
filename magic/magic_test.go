// magic_test.go: which paths are /dev/syd paths, and what command they carry.
package magic

import "testing"

func TestParse(t *testing.T) {
	cases := []struct {
		path string
		kind Kind
		arg  string
	}{
		{"/dev/syd", Probe, ""},
		{"/dev/syd/", Probe, ""},
		{"/dev/syd/stat", Command, "stat"},
		{"/dev/syd/sandbox/read?", Command, "sandbox/read?"},
		{"/dev/syd/allow/read+/usr/***", Command, "allow/read+/usr/***"},
		{"/dev/syd/allow/read+/a/../b", Command, "allow/read+/a/../b"},
		{"/dev//syd/lock:on", Command, "lock:on"},
		{"/dev/../dev/syd/reset", Command, "reset"},
		{"//dev/./syd/reset", Command, "reset"},
		{"/usr/../dev/syd/reset", Command, "reset"},
		{"/dev/syd.el", File, "syd.el"},
		{"/dev/syd.sh", File, "syd.sh"},
		{"/dev/syd.sh/x", None, ""},
		{"/dev/sydx", None, ""},
		{"/dev/null", None, ""},
		{"/tmp/syd/stat", None, ""},
		{"dev/syd", None, ""},
		{"/", None, ""},
		{"/dev", None, ""},
		{"/usr/lib/syd/x", None, ""},
	}
	for _, c := range cases {
		k, a := Parse(c.path)
		if k != c.kind || a != c.arg {
			t.Errorf("Parse(%q) = %v %q, want %v %q", c.path, k, a, c.kind, c.arg)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"/dev/syd", "/dev/syd/allow/read+/x", "/dev/../dev/syd/", "///", "/a/b/../../dev/syd.el"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		k, a := Parse(p)
		if k == Command && a == "" {
			t.Fatalf("empty command for %q", p)
		}
	})
}
