// targets.go derives, from package sandbox, every name the per-category client functions are generated for and what each accepts.

package main

import (
	"errors"
	"strings"
	"syscall"

	"syd/sandbox"
)

// target is one name of the command language that has a switch, a query, a
// default action or rule lists: a category ("read", "net/bind"), a group
// ("net", "all") or a feature ("mem", "segvguard").
type target struct {
	Name    string // as written in commands: "net/bind"
	Query   bool   // "sandbox/<name>?"
	Switch  bool   // "sandbox/<name>:on|off" while the sandbox runs
	Default bool   // "default/<name>:<action>"
	Rules   bool   // "<action>/<name>+<value>"
	Net     bool   // rule values are addresses or socket paths
	Group   bool   // stands for several categories
}

// Ident is the name with '/' turned into '_': "net_bind".
func (t target) Ident() string { return strings.ReplaceAll(t.Name, "/", "_") }

// Lisp is the name in Emacs Lisp function names: "net-bind".
func (t target) Lisp() string { return strings.ReplaceAll(t.Ident(), "_", "-") }

// goWords overrides the Go spelling of name parts that are initialisms or
// compound words.
var goWords = map[string]string{"tpe": "TPE", "pid": "PID", "segvguard": "SegvGuard", "sendfd": "SendFD"}

// Go is the name in Go identifiers: "NetBind", "TPE".
func (t target) Go() string {
	var b strings.Builder
	for part := range strings.SplitSeq(t.Ident(), "_") {
		if w, ok := goWords[part]; ok {
			b.WriteString(w)
		} else {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// featureText describes the features and groups in documentation strings.
var featureText = map[string]string{
	"net":       "network sandboxing (net/bind, net/connect and net/sendfd)",
	"all":       "every path category",
	"lock":      "Landlock sandboxing",
	"mem":       "memory sandboxing",
	"pid":       "PID sandboxing",
	"force":     "verified execution (force sandboxing)",
	"tpe":       "trusted path execution",
	"crypt":     "transparent file encryption (crypt sandboxing)",
	"proxy":     "SOCKS proxy forwarding",
	"segvguard": "SegvGuard",
	"block":     "the IP block list",
}

// Text describes the target: "read sandboxing", "memory sandboxing".
func (t target) Text() string {
	if s, ok := featureText[t.Name]; ok {
		return s
	}
	return t.Name + " sandboxing"
}

// ruleProbe is a value that the rule list of name accepts.
func ruleProbe(name string, net bool) string {
	switch {
	case name == "net/sendfd":
		return "/tmp/socket"
	case net:
		return "127.0.0.1!80"
	}
	return "/tmp/***"
}

// accepts applies cmd to a sandbox that is running with the lock off and
// reports whether the parser took it; a query answering false (ENOENT) counts
// as accepted.
func accepts(cmd string) bool {
	sb := sandbox.New()
	if err := sb.Apply("lock:off"); err != nil {
		panic(err)
	}
	sb.Start()
	_, err := sb.ApplyFrom(sandbox.SourceMagic, cmd)
	return err == nil || errors.Is(err, syscall.ENOENT)
}

// fixedSwitches are switches of Syd's API that this syd fixes at start (the
// kernel enforces their limits: supervisor/internal/limits): the functions
// stay, and answer EBUSY once the sandbox runs.
var fixedSwitches = map[string]bool{"mem": true, "pid": true}

// probe fills in what the parser accepts for name.
func probe(name string, group bool) target {
	t := target{Name: name, Group: group, Net: name == "net"}
	if c, ok := sandbox.ParseCategory(name); ok {
		t.Net = c.IsNet()
	}
	t.Query = accepts("sandbox/" + name + "?")
	t.Switch = accepts("sandbox/"+name+":on") && accepts("sandbox/"+name+":off") || fixedSwitches[name]
	t.Default = accepts("default/" + name + ":deny")
	t.Rules = accepts("allow/" + name + "+" + ruleProbe(name, t.Net))
	return t
}

// targets lists every category of package sandbox, the groups "net" and
// "all", and every feature, in that order.
func targets() []target {
	var ts []target
	for c := range sandbox.NumCategories {
		ts = append(ts, probe(c.String(), false))
	}
	ts = append(ts, probe("net", true), probe("all", true))
	for f := range sandbox.NumFeatures {
		ts = append(ts, probe(f.String(), false))
	}
	return ts
}

// library reports whether a target gets functions in the libraries (libsyd,
// Go, Python, Emacs Lisp): everything but the shell-only "all" group.
func (t target) library() bool { return t.Name != "all" }
