package pandora

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"syd/sandbox"
)

func TestProcPaths(t *testing.T) {
	n := NewNormalizer(0, "")
	for _, tc := range []struct {
		path, tip string
		pid       int
		want      string
	}{
		{"/proc/42", "", 42, "/proc/self"},
		{"/proc/42/status", "", 42, "/proc/self/status"},
		{"/proc/42/task/42/comm", "", 42, "/proc/thread-self/comm"},
		{"/proc/42/task/43/comm", "", 43, "/proc/thread-self/comm"}, // a thread of group 42
		{"/proc/42/task/43/comm", "", 42, "/proc/self/task/[0-9]*/comm"},
		{"/proc/42/fd/7", "", 42, "/proc/self/fd/[0-9]*"},
		{"/proc/1/cmdline", "", 42, "/proc/[0-9]*/cmdline"},
		{"/proc/1", "", 0, "/proc/[0-9]*"},
		{"/proc/12345/mountinfo", "", 42, "/proc/[0-9]*/mountinfo"},
		{"/proc/self", "", 42, "/proc/self"},
		{"/proc/sys/kernel/ngroups_max", "", 42, "/proc/sys/kernel/ngroups_max"},
		{"/proc/filesystems", "", 42, "/proc/filesystems"},
		{"/proc", "", 42, "/proc"},
		{"/proc42/1", "", 1, "/proc42/1"},
		{"/tmp/42", "", 42, "/tmp/42"},
		{"/dev/pts/3", "", 42, "/dev/pts/[0-9]*"},
		{"/dev/pts/ptmx", "", 42, "/dev/pts/ptmx"},
		{"/", "", 42, "/"},
		// syd's tip says the caller's group leader's entry is /proc/self: the
		// pid of the record (a thread) cannot tell.
		{"/proc/42/status", "/proc/self/status", 43, "/proc/self/status"},
		{"/proc/42/status", "/proc/42/status", 43, "/proc/[0-9]*/status"},
	} {
		got, ok := n.Path(tc.path, tc.pid, tc.tip, false)
		if !ok || got != tc.want {
			t.Errorf("Path(%q, pid %d, tip %q) = %q, %v; want %q", tc.path, tc.pid, tc.tip, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"", "relative/path", "pipe:[1234]", "anon_inode:[eventfd]"} {
		if got, ok := n.Path(bad, 1, "", false); ok {
			t.Errorf("Path(%q) = %q, want no rule", bad, got)
		}
	}
	if got, ok := n.Path("!memfd:foo*", 1, "", false); !ok || got != `!memfd:foo\*` {
		t.Errorf("memfd: %q %v", got, ok)
	}
}

func TestHomePaths(t *testing.T) {
	n := NewNormalizer(3, "/home/al/")
	for _, tc := range []struct {
		path  string
		exact bool
		want  string
	}{
		{"/home/al", false, "${HOME}"},
		{"/home/al/.profile", false, "${HOME}/.profile"},
		{"/home/al/a*b", false, `${HOME}/a\*b`},
		{"/home/al/src/x/y", false, "${HOME}/src/***"},
		{"/home/al/src/x/y", true, "${HOME}/src/x/y"},
		{"/home/alice/x", false, "/home/alice/x"},
		{"/home/al$/x", false, `/home/al\$/x`},
		{"/home", false, "/home"},
	} {
		if got, _ := n.Path(tc.path, 1, "", tc.exact); got != tc.want {
			t.Errorf("Path(%q, exact %v) = %q, want %q", tc.path, tc.exact, got, tc.want)
		}
	}
	// $HOME deeper than the depth limit: the collapsed pattern is above it.
	if got, _ := NewNormalizer(1, "/home/al").Path("/home/al/x", 1, "", false); got != "/home/***" {
		t.Errorf("deep home: %q", got)
	}
	if got, _ := NewNormalizer(2, "/home/al").Path("/home/al/x", 1, "", false); got != "${HOME}/***" {
		t.Errorf("home at the limit: %q", got)
	}
	// No substitution for "/", a relative HOME, or a HOME that would need escaping.
	for _, home := range []string{"", "/", "home/al", "/home/a*l", "/home/a:l", "/home/$al"} {
		n := NewNormalizer(0, home)
		p := filepath.Join(home, "x")
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		if got, _ := n.Path(p, 1, "", false); strings.Contains(got, "${HOME}") {
			t.Errorf("HOME=%q: %q gave %q", home, p, got)
		}
	}
	if got, _ := n.Force("/home/al/bin/a:b"); got != `${HOME}/bin/a\:b` {
		t.Errorf("force path: %q", got)
	}
	if got, _ := n.Unix("/home/al/.sock"); got != "${HOME}/.sock" {
		t.Errorf("unix path: %q", got)
	}
}

func TestDepthLimit(t *testing.T) {
	for _, tc := range []struct {
		depth int
		path  string
		want  string
	}{
		{3, "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/***"},
		{3, "/usr/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"},
		{3, "/etc/passwd", "/etc/passwd"},
		{1, "/etc/passwd", "/etc/***"},
		{1, "/", "/"},
		{0, "/a/b/c/d/e/f", "/a/b/c/d/e/f"},
		{2, "/proc/42/fd/3", "/proc/self/***"},
		{3, "/proc/7/task/7/stat", "/proc/[0-9]*/task/***"},
		{2, "/a//b/./c/", "/a/b/***"},
	} {
		got, _ := NewNormalizer(tc.depth, "").Path(tc.path, 42, "", false)
		if got != tc.want {
			t.Errorf("depth %d: %q = %q, want %q", tc.depth, tc.path, got, tc.want)
		}
	}
	// exec paths stay exact.
	if got, _ := NewNormalizer(1, "").Path("/usr/local/bin/tool", 1, "", true); got != "/usr/local/bin/tool" {
		t.Errorf("exact: %q", got)
	}
}

// nastyNames are file names with every byte a pattern or a .syd-3 line gives a
// meaning.
var nastyNames = []string{
	"/tmp/star*", "/tmp/two**stars", "/tmp/q?", "/tmp/[set]", "/tmp/{a,b}", "/tmp/}", "/tmp/back\\slash",
	"/tmp/with space", "/tmp/trailing space ", "/tmp/tab\t", "/tmp/nbsp\u00a0", "/tmp/ leading",
	"/tmp/$HOME", "/tmp/${HOME}", "/tmp/\\$x", "/tmp/$", "/tmp/#not a comment", "/tmp/colon:x",
	"/tmp/plus+minus-caret^bang!", "/tmp/ünïcödé", "/tmp/~tilde", "/tmp/'quote\"", "/tmp/a/***",
}

// TestEscapedNamesMatch writes a rule for each nasty name, loads the rules with
// the sandbox's own loader and checks that each matches its name and not a
// neighbour.
func TestEscapedNamesMatch(t *testing.T) {
	t.Setenv("HOME", "/home/test")
	n := NewNormalizer(0, "/home/test")
	var b strings.Builder
	for _, name := range nastyNames {
		pat, ok := n.Path(name, 1, "", false)
		if !ok {
			t.Fatalf("no pattern for %q", name)
		}
		b.WriteString("allow/read+" + pat + "\n")
		fp, ok := n.Force(name)
		if strings.TrimSpace(name) != name || strings.HasSuffix(name, "\u00a0") || strings.HasSuffix(name, "\t") {
			if ok {
				t.Errorf("force path for %q: %q, want none (the loader trims the line)", name, fp)
			}
		} else if !ok {
			t.Errorf("no force path for %q", name)
		} else {
			b.WriteString("force+" + fp + ":" + strings.Repeat("0", 128) + "\n")
		}
	}
	pat, _ := n.Unix("@abs*tract name ")
	b.WriteString("allow/net/connect+" + pat + "\n")
	pol := loadText(t, b.String())
	for _, name := range nastyNames {
		if a := pol.CheckPath(sandbox.CatRead, name); a != sandbox.ActionAllow {
			t.Errorf("%q: %v, want allow", name, a)
		}
		for _, other := range []string{name + "x", "/tmp/x", strings.TrimSpace(name) + "y"} {
			if a := pol.CheckPath(sandbox.CatRead, other); a == sandbox.ActionAllow && other != name {
				t.Errorf("rule for %q also allows %q", name, other)
			}
		}
		if strings.TrimSpace(name) == name && !strings.HasSuffix(name, "\u00a0") {
			if _, ok := pol.Force(name); !ok {
				t.Errorf("no force rule loaded for %q", name)
			}
		}
	}
	if a := pol.CheckUnix(sandbox.CatNetConnect, "@abs*tract name "); a != sandbox.ActionAllow {
		t.Errorf("abstract name: %v", a)
	}
	if a := pol.CheckUnix(sandbox.CatNetConnect, "@absXtract name "); a == sandbox.ActionAllow {
		t.Error("abstract name's '*' matched as a wildcard")
	}
}

// TestUnwritableBytes: a newline cannot be written in a line and U+FFFD stands
// for a byte the log lost; both become "?", which still matches the name.
func TestUnwritableBytes(t *testing.T) {
	n := NewNormalizer(0, "")
	pat, _ := n.Path("/tmp/new\nline", 1, "", false)
	if pat != "/tmp/new?line" {
		t.Errorf("newline: %q", pat)
	}
	pat2, _ := n.Path("/tmp/bad\uFFFDbyte", 1, "", false)
	pol := loadText(t, "allow/read+"+pat+"\nallow/read+"+pat2+"\n")
	for _, p := range []string{"/tmp/new\nline", "/tmp/bad\xffbyte"} {
		if pol.CheckPath(sandbox.CatRead, p) != sandbox.ActionAllow {
			t.Errorf("%q not allowed by %q / %q", p, pat, pat2)
		}
	}
	if _, ok := n.Force("/tmp/new\nline"); ok {
		t.Error("force path with a newline")
	}
}

// loadText loads text as a .syd-3 file with the sandbox's loader.
func loadText(t *testing.T, text string) *sandbox.Policy {
	t.Helper()
	file := filepath.Join(t.TempDir(), "test.syd-3")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sb := sandbox.New()
	if err := sb.LoadFile(file); err != nil {
		t.Fatalf("loading:\n%s\nerror: %v", text, err)
	}
	return sb.Policy()
}

// TestTempNames: a name mkstemp(3) made in a shared temporary directory becomes
// a pattern that matches the next run's name; other names stay exact.
func TestTempNames(t *testing.T) {
	n := NewNormalizer(0, "").WithTempDirs("/tmp", "/var/tmp")
	for _, c := range []struct{ in, want string }{
		{"/tmp/ccAbC123.o", "/tmp/*.o"},
		{"/tmp/tmp.k3J9xQ2aZ1", "/tmp/tmp.*"},
		{"/var/tmp/sh-thd.8fk2ls", "/var/tmp/sh-thd.*"},
		{"/tmp/build-output.ABC123", "/tmp/build-output.*"}, // the last run is the random one
		{"/tmp/ccabcdef.o", "/tmp/*.o"},                     // one case, no digit: still random
		{"/tmp/x1.log", "/tmp/x1.log"},                      // too short a run
		{"/tmp/sub/ccAbC123.o", "/tmp/sub/ccAbC123.o"},      // not directly in /tmp
		{"/home/ccAbC123.o", "/home/ccAbC123.o"},            // not a temporary directory
	} {
		if got, _ := n.Path(c.in, 1, "", false); got != c.want {
			t.Errorf("Path(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got, _ := n.Path("/tmp/ccAbC123", 1, "", true); got != "/tmp/ccAbC123" {
		t.Errorf("exec path generalised: %q", got)
	}
}
