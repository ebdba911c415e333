// This file tests configuration files: comments, includes, expansion, errors with file:line, and the lock.

package sandbox

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// writeFiles creates the files under a temporary directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadFileAppliesLinesIncludesAndExpansion(t *testing.T) {
	t.Setenv("HOME", "/home/me")
	t.Setenv("SYD_TEST_DIR", "/srv/data")
	dir := writeFiles(t, map[string]string{
		"main.syd-3": "# a comment\n\n   # an indented comment\n" +
			"  sandbox/read:off  \r\n" +
			"include sub/extra.syd-3\n" +
			"include_profile nopie\n" +
			"allow/write+${SYD_TEST_DIR}/***\n" +
			"allow/write+$SYD_TEST_DIR.d/x\n" +
			"allow/read+~/notes/***\n" +
			"allow/read+/price/\\$5\n",
		"sub/extra.syd-3": "include ../inner.syd-3\nmem/max:1G\n",
		"inner.syd-3":     "deny/write+/srv/data/secret\n",
	})
	s := New()
	if err := s.LoadFile(filepath.Join(dir, "main.syd-3")); err != nil {
		t.Fatal(err)
	}
	p := s.Policy()
	var rules []string
	for _, r := range append(p.rules[CatRead], p.rules[CatWrite]...) {
		rules = append(rules, r.act.String()+" "+r.pat)
	}
	want := "allow /home/me/notes/***|allow /price/\\$5|deny /srv/data/secret|allow /srv/data/***|allow /srv/data.d/x"
	if got := strings.Join(rules, "|"); got != want {
		t.Errorf("rules %s\nwant  %s", got, want)
	}
	if p.Enabled(CatRead) || p.MemMax() != 1e9 || !p.Has(FlagAllowUnsafeNopie) {
		t.Errorf("read on %v, mem/max %d, nopie %v", p.Enabled(CatRead), p.MemMax(), p.Has(FlagAllowUnsafeNopie))
	}
	if p.CheckPath(CatRead, "/price/$5") != ActionAllow {
		t.Error(`"\$" did not stay a literal '$'`)
	}
}

func TestLoadFileErrors(t *testing.T) {
	t.Setenv("HOME", "/home/me")
	os.Unsetenv("SYD_TEST_UNSET")
	for _, tc := range []struct {
		name  string
		files map[string]string
		load  string
		errno syscall.Errno
		want  string // the error text ends with this
	}{
		{"BadLineNamesFileAndLine", map[string]string{"a.syd-3": "sandbox/read:off\n# ok\nsandbox/bogus:on\n"}, "a.syd-3",
			syscall.EINVAL, `a.syd-3:3: invalid sandbox command "sandbox/bogus:on": unknown category "bogus"`},
		{"UnsetVariable", map[string]string{"a.syd-3": "allow/read+$SYD_TEST_UNSET/x\n"}, "a.syd-3",
			syscall.EINVAL, `a.syd-3:1: environment variable "SYD_TEST_UNSET" is not set`},
		{"UnterminatedBrace", map[string]string{"a.syd-3": "allow/read+${HOME\n"}, "a.syd-3",
			syscall.EINVAL, "a.syd-3:1: unterminated ${ in \"allow/read+${HOME\""},
		{"WrongExtension", map[string]string{"a.conf": "sandbox/read:off\n"}, "a.conf",
			syscall.EINVAL, `a.conf: unsupported configuration file extension ".conf" (want .syd-3)`},
		{"IPSetIsNotSupported", map[string]string{"a.ipset": "1.2.3.4\n"}, "a.ipset",
			syscall.EINVAL, `unsupported configuration file extension ".ipset" (want .syd-3)`},
		{"MissingFile", nil, "none.syd-3", syscall.ENOENT, "no such file or directory"},
		{"IncludeLoop", map[string]string{"a.syd-3": "include b.syd-3\n", "b.syd-3": "include a.syd-3\n"}, "a.syd-3",
			syscall.ELOOP, "a.syd-3 -> "},
		{"SelfInclude", map[string]string{"a.syd-3": "include a.syd-3\n"}, "a.syd-3", syscall.ELOOP, "include loop"},
		{"ErrorInIncludedFile", map[string]string{"a.syd-3": "\ninclude b.syd-3\n", "b.syd-3": "lock:maybe\n"}, "a.syd-3",
			syscall.EINVAL, `unknown lock state "maybe" (want off, exec, drop, read or on)`},
		{"InvalidUTF8", map[string]string{"a.syd-3": "sandbox/read:off\nallow/read+/\xff\n"}, "a.syd-3",
			syscall.EINVAL, "a.syd-3:2: the line is not valid UTF-8"},
		{"UnknownProfile", map[string]string{"a.syd-3": "include_profile nosuch\n"}, "a.syd-3",
			syscall.EINVAL, `a.syd-3:1: unknown profile "nosuch" (syd --profile-list lists them)`},
		{"PanicInFile", map[string]string{"a.syd-3": "panic\n"}, "a.syd-3", syscall.EINVAL, "only through /dev/syd from inside the sandbox"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, tc.files)
			err := New().LoadFile(filepath.Join(dir, tc.load))
			if !errors.Is(err, tc.errno) {
				t.Fatalf("LoadFile = %v, want errno %v", err, tc.errno)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *FileError", err)
			}
		})
	}
}

func TestLockOnInAFileRefusesLaterFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"site.syd-3":  "allow/read+/usr/***\nlock:on\n",
		"user.syd-3":  "allow/read+/home/***\n",
		"empty.syd-3": "# nothing\n",
	})
	s := New()
	if err := s.LoadFile(filepath.Join(dir, "site.syd-3")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"user.syd-3", "empty.syd-3"} {
		if err := s.LoadFile(filepath.Join(dir, name)); !errors.Is(err, syscall.EPERM) {
			t.Errorf("LoadFile(%s) after lock:on = %v, want EPERM", name, err)
		}
	}
	if err := s.LoadProfile("nopie"); !errors.Is(err, syscall.EPERM) {
		t.Errorf("LoadProfile after lock:on = %v, want EPERM", err)
	}
	if s.Policy().CheckPath(CatRead, "/home/x") != ActionDeny {
		t.Error("a command after lock:on took effect")
	}
}

func TestLoadReaderRefusesIncludeOfFiles(t *testing.T) {
	s := New()
	err := s.Load(strings.NewReader("include /etc/passwd.syd-3\n"), "fd 3")
	if !errors.Is(err, syscall.EINVAL) || !strings.Contains(err.Error(), "fd 3:1:") {
		t.Errorf("Load with include = %v, want EINVAL at fd 3:1", err)
	}
	if err := s.Load(strings.NewReader("include_profile nomem\nsandbox/pid:on\n"), "fd 3"); err != nil {
		t.Fatal(err)
	}
	if !s.Policy().Has(FlagAllowUnsafeMemory) || !s.Policy().FeatureEnabled(FeaturePid) {
		t.Error("Load did not apply its lines")
	}
	t.Setenv("SYD_TEST_SECRET", "hunter2")
	if err := s.Load(strings.NewReader("allow/read+/$SYD_TEST_SECRET\n"), "fd 3"); err != nil {
		t.Fatal(err)
	}
	if r := s.Policy().rules[CatRead]; len(r) != 1 || r[0].pat != "/$SYD_TEST_SECRET" {
		t.Errorf("Load expanded a variable from syd's environment: %+v", r)
	}
}

func TestExpandCommand(t *testing.T) {
	t.Setenv("HOME", "/home/me/")
	t.Setenv("A", "x")
	for _, tc := range []struct{ in, want string }{
		{"allow/read+~", "allow/read+/home/me"},
		{"allow/read+~/a", "allow/read+/home/me/a"},
		{"allow/read+/a/~", "allow/read+/a/~"},
		{"allow/read+~user/a", "allow/read+~user/a"},
		{"allow/read+/$A/${A}y/$", "allow/read+/x/xy/$"},
		{"allow/read+/$1", "allow/read+/$1"},
		{`allow/read+/\$A`, `allow/read+/\$A`},
		{"sandbox/read:on", "sandbox/read:on"},
	} {
		got, f := expandCommand(tc.in)
		if f != nil || got != tc.want {
			t.Errorf("expandCommand(%q) = %q, %v; want %q", tc.in, got, f, tc.want)
		}
	}
}

func TestUserProfileReadsSiteThenUserFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"etc/user.syd-3":      "deny/read+/srv/***\nallow/read+/srv/site\n",
		"home/me/.user.syd-3": "deny/read+/srv/site\n",
	})
	t.Setenv("HOME", filepath.Join(dir, "home/me"))
	old := userConfigFiles
	userConfigFiles = func() []string {
		return []string{filepath.Join(dir, "etc/user.syd-3"), filepath.Join(dir, "home/me/.user.syd-3"), filepath.Join(dir, "missing.syd-3")}
	}
	defer func() { userConfigFiles = old }()
	s := New()
	if err := s.LoadProfile("user"); err != nil {
		t.Fatal(err)
	}
	p := s.Policy()
	if p.CheckPath(CatRead, "/srv/site") != ActionDeny || p.CheckPath(CatRead, "/srv/other") != ActionDeny {
		t.Error("the user file did not override the site file")
	}
	if p.CheckPath(CatWrite, filepath.Join(dir, "home/me/doc")) != ActionAllow {
		t.Error("the user profile does not allow writing the home directory")
	}
}
