// This file fuzzes Apply: no input may panic, and a failure must leave the policy as it was.

package sandbox

import (
	"encoding/json"
	"errors"
	"strings"
	"syscall"
	"testing"
)

func FuzzApply(f *testing.F) {
	for _, s := range []string{
		"sandbox/read:on", "sandbox/all?", "sandbox/net/bind,net/connect:off", "default/net:kill",
		"allow/read,stat,exec+/{etc,dev,proc,usr,var,lib*}/***", "allow/write+/dev/{null,tty,pts/*}",
		"deny/read^/home/*/.ssh/***", "allow/read-/a-b+c", "allow/net/connect+127.0.0.1!80",
		"allow/net/bind+@abstract*", "lock:exec", "lock:on", "", ":", "?", "+", "/", "sandbox/", "allow//+/",
		"allow/read+/[", `allow/read+/\`, "allow/read+/{", "allow/read+/}", "sandbox/read?x", "x!y",
		"allow/read+" + strings.Repeat("{a,b}", 13), "allow/read+/\xff", "default/attr,node,tmpfile:warn",
	} {
		f.Add(s, "allow/read+/usr/***")
	}
	f.Fuzz(func(t *testing.T, cmd, setup string) {
		s := New()
		_ = s.Apply(setup)
		before := s.Policy()
		beforeJSON, _ := before.MarshalJSON()
		err := s.Apply(cmd)
		after := s.Policy()
		if err != nil {
			var se *Error
			if !errors.As(err, &se) || se.Cmd != cmd || se.Reason == "" {
				t.Fatalf("Apply(%q) = %#v, want a filled *Error", cmd, err)
			}
			switch se.Errno {
			case syscall.EINVAL, syscall.ENOENT, syscall.EPERM:
			default:
				t.Fatalf("Apply(%q): unexpected errno %v", cmd, se.Errno)
			}
			if after != before {
				t.Fatalf("failed Apply(%q) replaced the policy", cmd)
			}
		}
		afterJSON, jerr := after.MarshalJSON()
		if jerr != nil || !json.Valid(afterJSON) {
			t.Fatalf("invalid state JSON after %q: %s", cmd, afterJSON)
		}
		if err != nil && string(afterJSON) != string(beforeJSON) {
			t.Fatalf("failed Apply(%q) changed the state", cmd)
		}
		for c := range NumCategories {
			for _, path := range []string{cmd, setup, "/" + cmd} {
				if got, want := after.CheckPath(c, path), referenceCheck(after, c, path); got != want {
					t.Fatalf("CheckPath(%v, %q) = %v, plain scan says %v", c, path, got, want)
				}
			}
		}
	})
}

// referenceCheck is CheckPath without its prefix filter.
func referenceCheck(p *Policy, c Category, path string) Action {
	for i := len(p.rules[c]) - 1; i >= 0; i-- {
		if r := p.rules[c][i]; r.glob != nil && r.glob.Match(path) {
			return r.act
		}
	}
	return p.defaults[c]
}
