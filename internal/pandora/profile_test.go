package pandora

import (
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"syd/sandbox"
)

// rec is a warn record of category cap for path, from pid 100.
func rec(cap, path string) Record {
	return Record{Ctx: "access", Cap: cap, Act: "warn", Sys: "openat", Path: path, Pid: 100,
		Tip: "configure `allow/" + cap + "+" + path + "'"}
}

func TestDepthCollapseAndDedup(t *testing.T) {
	p := NewProfile(NewNormalizer(3, ""))
	for _, path := range []string{
		"/usr/lib/x86_64-linux-gnu/libc.so.6",
		"/usr/lib/x86_64-linux-gnu/libm.so.6",
		"/usr/lib/x86_64-linux-gnu", // the directory itself: covered by its /***
		"/usr/lib",                  // a parent: not covered
		"/usr/libexec",              // a sibling with a common prefix: not covered
		"/etc/passwd",
		"/etc/passwd", // duplicate
	} {
		p.Add(rec("read", path))
	}
	p.Add(rec("write", "/usr/lib/x86_64-linux-gnu")) // another category is not covered
	want := []string{"/etc/passwd", "/usr/lib", "/usr/lib/x86_64-linux-gnu/***", "/usr/libexec"}
	if got := p.Patterns(sandbox.CatRead); !slices.Equal(got, want) {
		t.Errorf("read patterns %q, want %q", got, want)
	}
	if got := p.Patterns(sandbox.CatWrite); !slices.Equal(got, []string{"/usr/lib/x86_64-linux-gnu"}) {
		t.Errorf("write patterns %q", got)
	}

	// Broader trees cover narrower ones at any level; exact exec rules stay.
	set := map[string]struct{}{"/a/***": {}, "/a/b/***": {}, "/a/b/c": {}, "/a": {}, "/ab": {}, "${HOME}/***": {}, "${HOME}/x": {}, "${HOME}": {}}
	var kept []string
	for pat := range set {
		if !covered(set, pat) {
			kept = append(kept, pat)
		}
	}
	slices.Sort(kept)
	if want := []string{"${HOME}/***", "/a/***", "/ab"}; !slices.Equal(kept, want) {
		t.Errorf("kept %q, want %q", kept, want)
	}
}

func TestNetworkRules(t *testing.T) {
	p := NewProfile(NewNormalizer(1, ""))
	add := func(cap, key, val string) {
		r := Record{Ctx: "access", Cap: cap, Act: "warn", Sys: "connect", Pid: 5, Tip: "configure `allow/" + cap + "+x'"}
		switch key {
		case "addr":
			r.Addr = val
		case "unix":
			r.Unix = val
		}
		p.Add(r)
	}
	add("net/connect", "addr", "127.0.0.1!8080")
	add("net/connect", "addr", "::1!80")
	add("net/bind", "addr", "0.0.0.0!0")
	add("net/connect", "unix", "/run/user/1000/bus") // exact despite -l 1
	add("net/connect", "unix", "@/tmp/.X11-unix/X0") // abstract
	add("net/sendfd", "unix", "/tmp/sock*et")
	add("net/connect", "addr", "1.2.3.4!80 $X") // not an address: no rule
	add("net/connect", "unix", "relative")      // no rule
	want := map[sandbox.Category][]string{
		sandbox.CatNetConnect: {"/run/user/1000/bus", "127.0.0.1!8080", "::1!80", "@/tmp/.X11-unix/X0"},
		sandbox.CatNetBind:    {"0.0.0.0!0"},
		sandbox.CatNetSendfd:  {`/tmp/sock\*et`},
	}
	for c, w := range want {
		if got := p.Patterns(c); !slices.Equal(got, w) {
			t.Errorf("%v: %q, want %q", c, got, w)
		}
	}
	if p.Stats.Unusable != 2 {
		t.Errorf("unusable %d, want 2", p.Stats.Unusable)
	}
	for c := range sandbox.NumCategories {
		if !c.IsNet() && len(p.Patterns(c)) > 0 {
			t.Errorf("network record under %v: %q", c, p.Patterns(c))
		}
	}
	data, _ := p.Render(Header{Version: "test", Time: time.Now()}, nil)
	pol := loadText(t, string(data))
	for _, tc := range []struct {
		c    sandbox.Category
		addr string
	}{{sandbox.CatNetConnect, "127.0.0.1:8080"}, {sandbox.CatNetConnect, "[::1]:80"}, {sandbox.CatNetBind, "0.0.0.0:0"}} {
		if a := pol.CheckAddr(tc.c, netip.MustParseAddrPort(tc.addr)); a != sandbox.ActionAllow {
			t.Errorf("%v %s: %v", tc.c, tc.addr, a)
		}
	}
	if a := pol.CheckAddr(sandbox.CatNetConnect, netip.MustParseAddrPort("127.0.0.1:8081")); a == sandbox.ActionAllow {
		t.Error("another port allowed")
	}
	for _, u := range []string{"/run/user/1000/bus", "@/tmp/.X11-unix/X0"} {
		if a := pol.CheckUnix(sandbox.CatNetConnect, u); a != sandbox.ActionAllow {
			t.Errorf("unix %s: %v", u, a)
		}
	}
	if a := pol.CheckUnix(sandbox.CatNetSendfd, "/tmp/sock*et"); a != sandbox.ActionAllow {
		t.Errorf("sendfd: %v", a)
	}
}

func TestSuggestions(t *testing.T) {
	p := NewProfile(NewNormalizer(3, ""))
	nopie := Record{Ctx: "access", Cap: "exec", Act: "deny", Sys: "execve", Path: "/usr/bin/python3.11", Pid: 7,
		Tip: "configure `trace/allow_unsafe_nopie:1'"}
	p.Add(nopie)
	p.Add(nopie)
	p.Add(Record{Ctx: "access", Cap: "exec", Act: "deny", Sys: "execveat", Path: "/memfd:x", Tip: "configure `trace/allow_unsafe_memfd:1'"})
	p.Add(Record{Ctx: "access", Cap: "force", Act: "warn", Sys: "execve", Path: "/usr/bin/true", Tip: "configure `force+/usr/bin/true:HASH'"})
	p.Add(Record{Ctx: "access", Cap: "tpe", Act: "warn", Sys: "execve", Path: "/tmp/x/run", Tip: "configure `sandbox/tpe:off (the directory is writable by others)'"})
	p.Add(Record{Ctx: "access", Cap: "read", Act: "deny", Sys: "openat", Path: "/etc/shadow", Tip: "configure `allow/read+/etc/shadow'"})
	if p.Rules() != 0 {
		t.Errorf("rules from refusals: %d", p.Rules())
	}
	if len(p.Executables()) != 0 {
		t.Errorf("executables from refusals: %q", p.Executables())
	}
	data, w := p.Render(Header{Version: "test", Time: time.Now()}, nil)
	text := string(data)
	for _, want := range []string{
		"# trace/allow_unsafe_nopie:1  (needed by execve of /usr/bin/python3.11, 2 times)\n",
		"# trace/allow_unsafe_memfd:1  (needed by execveat of /memfd:x)\n",
		"# sandbox/tpe:off (the directory is writable by others)  (needed by execve of /tmp/x/run)\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "trace/") && !strings.HasPrefix(line, "#") {
			t.Errorf("suggestion written as a command: %q", line)
		}
	}
	if strings.Contains(text, "HASH") || strings.Contains(text, "shadow") {
		t.Errorf("force tip or deny record in the profile:\n%s", text)
	}
	if w.Suggestions != 3 || p.Stats.Accesses != 6 || p.Stats.Warn != 2 || p.Stats.Other != 4 {
		t.Errorf("counts: %+v %+v", w, p.Stats)
	}
	loadText(t, text)
}

// TestOutputOrder checks the layout: header, switches (sorted), rules per
// category in Syd's order, force, suggestions, lock:on last.
func TestOutputOrder(t *testing.T) {
	p := NewProfile(NewNormalizer(3, ""))
	p.Add(Record{Ctx: "access", Cap: "net/connect", Act: "warn", Addr: "127.0.0.1!53"})
	p.Add(rec("write", "/tmp/b"))
	p.Add(rec("write", "/tmp/a"))
	p.Add(rec("exec", "/usr/bin/env"))
	p.Add(rec("stat", "/tmp/a"))
	p.Add(rec("mkdir", "/tmp/d"))
	p.Add(Record{Ctx: "access", Cap: "exec", Act: "deny", Path: "/x", Sys: "execve", Tip: "configure `trace/allow_unsafe_nopie:1'"})
	sums := []Checksum{{Path: "/usr/bin/env", Hex: strings.Repeat("ab", 64)}, {Path: "/gone", Err: os.ErrNotExist}}
	data, w := p.Render(Header{Version: "9.9", Command: []string{"sh", "-c", "echo 'hi'\nrm -rf /"}, SydOpts: []string{"-mfoo"}, Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}, sums)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	var cmds []string
	for _, l := range lines {
		if l != "" && !strings.HasPrefix(l, "#") {
			cmds = append(cmds, l)
		}
	}
	want := []string{
		"sandbox/exec:on", "sandbox/force:on", "sandbox/mkdir:on", "sandbox/net/connect:on", "sandbox/stat:on", "sandbox/write:on",
		"allow/stat+/tmp/a",
		"allow/write+/tmp/a", "allow/write+/tmp/b",
		"allow/exec+/usr/bin/env",
		"allow/mkdir+/tmp/d",
		"allow/net/connect+127.0.0.1!53",
		"force+/usr/bin/env:" + strings.Repeat("ab", 64),
		"lock:on",
	}
	if !slices.Equal(cmds, want) {
		t.Errorf("commands:\n%s\nwant:\n%s", strings.Join(cmds, "\n"), strings.Join(want, "\n"))
	}
	header := strings.Join(lines[:4], "\n")
	for _, h := range []string{"# Syd profile generated by pandora 9.9", `# Command: sh -c $'echo \'hi\'\nrm -rf /'`, "# Learned with syd options: -mfoo", "# Date: 2026-01-02T03:04:05Z"} {
		if !strings.Contains(string(data), h+"\n") {
			t.Errorf("header lacks %q:\n%s", h, header)
		}
	}
	if !strings.HasPrefix(lines[0], "# Syd profile generated by pandora") || lines[len(lines)-1] != "lock:on" {
		t.Errorf("first %q, last %q", lines[0], lines[len(lines)-1])
	}
	text := string(data)
	force, unhashed, sugg := strings.Index(text, "force+"), strings.Index(text, "# no force rule for /gone"), strings.Index(text, "# trace/")
	if force < 0 || unhashed < force || sugg < unhashed || sugg > strings.Index(text, "lock:on") {
		t.Errorf("sections out of order:\n%s", text)
	}
	if w.Force != 1 || w.Unhashed != 1 || w.Rules["write"] != 2 || w.Rules["net/connect"] != 1 {
		t.Errorf("written: %+v", w)
	}
	loadText(t, text)
}

// TestGeneratedProfilesLoad feeds records of every kind through the whole
// chain (log text, Scan, Add, HashFiles, Render) and loads each result with
// the sandbox's loader; every logged access must then be allowed.
func TestGeneratedProfilesLoad(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	exe := filepath.Join(home, "bin", "tool")
	if err := os.MkdirAll(filepath.Dir(exe), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	type access struct {
		cat  sandbox.Category
		path string
	}
	var accesses []access
	for c := range sandbox.NumCategories {
		if c.IsNet() {
			continue
		}
		for _, path := range append([]string{"/etc/" + c.String(), home + "/deep/er/" + c.String(), exe, "/proc/100/fd/3"}, nastyNames...) {
			r := rec(c.String(), path)
			log.WriteString(marshal(t, r) + "\n")
			accesses = append(accesses, access{c, path})
		}
	}
	log.WriteString("not json\n" + `{"ctx":"access","cap":"net/connect","act":"warn","addr":"10.0.0.1!443","pid":100}` + "\n")
	log.WriteString(`{"ctx":"access","cap":"exec","act":"warn","path":"/nonexistent/bin","pid":100}` + "\n")
	log.WriteString(`{"ctx":"access","cap":"exec","act":"deny","path":"/usr/bin/x","tip":"configure ` + "`trace/allow_unsafe_nopie:1'" + `"}` + "\n")

	for _, depth := range []int{0, 1, 2, 3, 10} {
		p := NewProfile(NewNormalizer(depth, home))
		skipped, err := Scan(strings.NewReader(log.String()), p.Add)
		if err != nil || skipped != 1 {
			t.Fatalf("scan: %d skipped, %v", skipped, err)
		}
		sums := HashFiles(p.Executables(), 3)
		data, w := p.Render(Header{Version: Version, Input: "test\nlog", Time: time.Now()}, sums)
		if w.Force != 1 || w.Unhashed < 1 {
			t.Errorf("depth %d: force %d, unhashed %d", depth, w.Force, w.Unhashed)
		}
		pol := loadText(t, string(data))
		for _, a := range accesses {
			rp := a.path
			if strings.HasPrefix(rp, "/proc/100/") {
				rp = "/proc/self/" + rp[len("/proc/100/"):] // what syd matches rules against
			}
			if act := pol.CheckPath(a.cat, rp); act != sandbox.ActionAllow {
				t.Errorf("depth %d: %v %q: %v", depth, a.cat, rp, act)
			}
		}
		if r, ok := pol.Force(exe); !ok || r.Alg != "sha3-512" {
			t.Errorf("depth %d: force rule for %s: %+v %v", depth, exe, r, ok)
		}
		if pol.Lock() != sandbox.LockOn {
			t.Errorf("depth %d: not locked", depth)
		}
		if depth == 0 && !strings.Contains(string(data), "allow/read+${HOME}/deep/er/read\n") {
			t.Errorf("no ${HOME} rule:\n%s", data)
		}
	}
}

func marshal(t *testing.T, r Record) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
