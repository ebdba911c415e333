// This file tests the command language: what Apply accepts, what it rejects and with which errno.

package sandbox

import (
	"errors"
	"strings"
	"syscall"
	"testing"
)

// applyAll runs cmds on a new sandbox and fails the test on the first error.
func applyAll(t *testing.T, cmds ...string) *Sandbox {
	t.Helper()
	s := New()
	for _, c := range cmds {
		if err := s.Apply(c); err != nil {
			t.Fatalf("Apply(%q): %v", c, err)
		}
	}
	return s
}

func TestApplyErrno(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cmd   string
		errno syscall.Errno // 0: success
		why   string        // part of the reason
	}{
		{"SwitchOn", "sandbox/read:on", 0, ""},
		{"SwitchOffWithZero", "sandbox/read,write:0", 0, ""},
		{"SwitchWithTrue", "sandbox/net:true", 0, ""},
		{"SwitchAll", "sandbox/all:off", 0, ""},
		{"SwitchOldNames", "sandbox/attr,node,tmpfile,net/send:on", 0, ""},
		{"QueryOnIsTrue", "sandbox/read?", 0, ""},
		{"QueryAllIsTrue", "sandbox/all?", 0, ""},
		{"DefaultAction", "default/read:kill", 0, ""},
		{"DefaultNet", "default/net:filter", 0, ""},
		{"AddRule", "allow/read+/usr/***", 0, ""},
		{"AddRuleManyCategories", "allow/read,stat,exec+/{etc,dev,lib*}/***", 0, ""},
		{"AddNetAddress", "allow/net/connect+127.0.0.1!80", 0, ""},
		{"AddNetUnixPath", "allow/net/bind+/run/user/*/pulse/native", 0, ""},
		{"AddNetAbstract", "allow/net/sendfd+@dbus*", 0, ""},
		{"EveryActionHasLists", "exit/write+/x", 0, ""},
		{"RemoveAbsentRuleSucceeds", "allow/read-/nothing", 0, ""},
		{"RemoveAllAbsentSucceeds", "deny/read^/nothing", 0, ""},
		{"LockExec", "lock:exec", 0, ""},
		{"LockOn", "lock:on", 0, ""},

		{"EmptyCommand", "", syscall.EINVAL, "empty command"},
		{"UnknownCategory", "sandbox/bogus:on", syscall.EINVAL, `unknown category "bogus"`},
		{"UnknownKey", "bogus:on", syscall.EINVAL, `unknown key "bogus"`},
		{"UnknownAction", "permit/read+/x", syscall.EINVAL, `unknown key "permit/read"`},
		{"UnknownActionValue", "default/read:maybe", syscall.EINVAL, `unknown action "maybe"`},
		{"BadBoolean", "sandbox/read:yes", syscall.EINVAL, `invalid boolean "yes"`},
		{"BooleansAreCaseSensitive", "sandbox/read:ON", syscall.EINVAL, "invalid boolean"},
		{"EmptyValue", "sandbox/read:", syscall.EINVAL, "missing value"},
		{"EmptyPattern", "allow/read+", syscall.EINVAL, "missing value"},
		{"EmptyRemoveAll", "allow/read^", syscall.EINVAL, "missing value"},
		{"MissingOperator", "allow/read", syscall.EINVAL, "missing operator"},
		{"MissingCategoryList", "sandbox:on", syscall.EINVAL, `missing list after "sandbox/"`},
		{"EmptyCategoryList", "sandbox/:on", syscall.EINVAL, "empty category name"},
		{"TrailingComma", "sandbox/read,:on", syscall.EINVAL, "empty category name"},
		{"MissingKey", ":on", syscall.EINVAL, "missing key"},
		{"WrongOperatorForSwitch", "sandbox/read+/x", syscall.EINVAL, "does not take operator '+'"},
		{"WrongOperatorForRules", "allow/read:/x", syscall.EINVAL, "does not take operator ':'"},
		{"QueryOfRuleList", "allow/read?", syscall.EINVAL, "does not take operator '?'"},
		{"QueryOfDefault", "default/read?", syscall.EINVAL, "does not take operator '?'"},
		{"QueryWithTrailingText", "sandbox/read?x", syscall.EINVAL, `unexpected "x"`},
		{"ExecOperator", "sandbox/read!x", syscall.EINVAL, "does not take operator '!'"},
		{"RelativePattern", "allow/read+tmp/***", syscall.EINVAL, "not an absolute path"},
		{"RelativeBraceAlternative", "allow/read+{/a,b}", syscall.EINVAL, `"b" is not an absolute path`},
		{"RelativeRemoval", "allow/read-tmp", syscall.EINVAL, "not an absolute path"},
		{"BadGlob", "allow/read+/a[b", syscall.EINVAL, "unterminated character class"},
		{"BadBraces", "allow/read+/{a,b", syscall.EINVAL, "unmatched '{'"},
		{"AddressForPathCategory", "allow/read,net/connect+127.0.0.1!80", syscall.EINVAL, "not an absolute path"},
		{"BadNetUnixGlob", "allow/net/bind+/run/[x", syscall.EINVAL, "unterminated"},
		{"UnknownLockState", "lock:maybe", syscall.EINVAL, `unknown lock state "maybe"`},
		{"LockUnsetIsNotSettable", "lock:unset", syscall.EINVAL, "unknown lock state"},
		{"LockTakesNoQuery", "lock?", syscall.EINVAL, "does not take operator '?'"},
		{"LeadingSpaceIsPartOfKey", " sandbox/read:on", syscall.EINVAL, "unknown key"},
		{"CategoryNamesAreCaseSensitive", "sandbox/Read:on", syscall.EINVAL, `unknown category "Read"`},
		{"NetSubcategoryNeedsPrefix", "sandbox/net/bind,connect:on", syscall.EINVAL, `unknown category "connect"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := New().Apply(tc.cmd)
			if tc.errno == 0 {
				if err != nil {
					t.Fatalf("Apply(%q) = %v, want success", tc.cmd, err)
				}
				return
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("Apply(%q) = %v, want *Error", tc.cmd, err)
			}
			if !errors.Is(err, tc.errno) || se.Errno != tc.errno {
				t.Errorf("Apply(%q) errno = %v, want %v", tc.cmd, se.Errno, tc.errno)
			}
			if se.Cmd != tc.cmd {
				t.Errorf("Error.Cmd = %q, want %q", se.Cmd, tc.cmd)
			}
			if !strings.Contains(se.Reason, tc.why) {
				t.Errorf("Error.Reason = %q, want it to mention %q", se.Reason, tc.why)
			}
		})
	}
}

func TestErrorMessageNamesCommandAndReason(t *testing.T) {
	err := New().Apply("sandbox/bogus:on")
	want := `invalid sandbox command "sandbox/bogus:on": unknown category "bogus"`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestQueryReportsENOENTWhenAnyNamedCategoryIsOff(t *testing.T) {
	s := applyAll(t, "sandbox/write:off")
	for _, tc := range []struct {
		cmd   string
		errno syscall.Errno
	}{
		{"sandbox/read?", 0},
		{"sandbox/write?", syscall.ENOENT},
		{"sandbox/read,write?", syscall.ENOENT},
		{"sandbox/all?", syscall.ENOENT},
		{"sandbox/net?", 0},
	} {
		err := s.Apply(tc.cmd)
		if tc.errno == 0 && err != nil || tc.errno != 0 && !errors.Is(err, tc.errno) {
			t.Errorf("Apply(%q) = %v, want errno %v", tc.cmd, err, tc.errno)
		}
	}
}

func TestQueryDoesNotPublishASnapshot(t *testing.T) {
	s := New()
	before := s.Policy()
	if err := s.Apply("sandbox/read?"); err != nil {
		t.Fatal(err)
	}
	if s.Policy() != before {
		t.Error("a query replaced the policy snapshot")
	}
}

func TestFailedCommandLeavesPolicyUnchanged(t *testing.T) {
	s := applyAll(t, "allow/read+/usr/***")
	before := s.Policy()
	beforeJSON, _ := before.MarshalJSON()
	for _, cmd := range []string{
		"allow/read,write+{/ok,relative}", // the first alternative is fine
		"sandbox/read,bogus:off",
		"default/read,write:maybe",
		"allow/read,net/connect+127.0.0.1!80",
	} {
		if err := s.Apply(cmd); err == nil {
			t.Fatalf("Apply(%q) succeeded", cmd)
		}
	}
	if s.Policy() != before {
		t.Fatal("a failed command replaced the snapshot")
	}
	if after, _ := s.Policy().MarshalJSON(); string(after) != string(beforeJSON) {
		t.Errorf("state changed:\n%s\n%s", beforeJSON, after)
	}
}

func TestSwitchesAndDefaults(t *testing.T) {
	s := applyAll(t,
		"sandbox/all:off",
		"sandbox/exec,net/connect:on",
		"default/attr:warn",
		"default/net:kill",
	)
	p := s.Policy()
	for c := range NumCategories {
		wantOn := c == CatExec || c == CatNetConnect || c == CatNetBind || c == CatNetSendfd
		if p.Enabled(c) != wantOn {
			t.Errorf("Enabled(%v) = %v, want %v", c, p.Enabled(c), wantOn)
		}
		want := ActionDeny
		switch c {
		case CatChmod, CatChattr, CatUtime:
			want = ActionWarn
		case CatNetBind, CatNetConnect, CatNetSendfd:
			want = ActionKill
		}
		if p.Default(c) != want {
			t.Errorf("Default(%v) = %v, want %v", c, p.Default(c), want)
		}
	}
}

func TestNewHasSecureDefaults(t *testing.T) {
	p := New().Policy()
	for c := range NumCategories {
		if !p.Enabled(c) || p.Default(c) != ActionDeny || p.CheckPath(c, "/") != ActionDeny {
			t.Errorf("%v: Enabled %v Default %v", c, p.Enabled(c), p.Default(c))
		}
	}
	if p.Lock() != LockUnset {
		t.Errorf("Lock() = %v, want unset", p.Lock())
	}
}

func TestOutOfRangeCategoryFailsClosed(t *testing.T) {
	p := applyAll(t, "default/all,net:allow").Policy()
	c := NumCategories + 3
	if !p.Enabled(c) || p.Default(c) != ActionDeny || p.CheckPath(c, "/") != ActionDeny {
		t.Errorf("category %d: Enabled %v Default %v CheckPath %v", c, p.Enabled(c), p.Default(c), p.CheckPath(c, "/"))
	}
}

func TestLockOnRefusesEveryLaterCommandWithEPERM(t *testing.T) {
	s := applyAll(t, "lock:on")
	if s.Policy().Lock() != LockOn {
		t.Fatalf("Lock() = %v", s.Policy().Lock())
	}
	for _, cmd := range []string{"lock:off", "lock:on", "sandbox/read?", "allow/read+/x", "bogus"} {
		if err := s.Apply(cmd); !errors.Is(err, syscall.EPERM) {
			t.Errorf("Apply(%q) after lock:on = %v, want EPERM", cmd, err)
		}
	}
}

func TestLockStatesBeforeOnCanChange(t *testing.T) {
	s := applyAll(t, "lock:exec", "lock:off", "lock:drop", "lock:read")
	if got := s.Policy().Lock(); got != LockRead {
		t.Errorf("Lock() = %v, want read", got)
	}
}

func TestOperatorSplitsAfterTheKey(t *testing.T) {
	for _, tc := range []struct{ cmd, pat string }{
		{"allow/read+/a-b+c", "/a-b+c"},
		{"allow/write+/x:y", "/x:y"},
		{"allow/read+/q?^!", "/q?^!"},
		{"allow/read+/-", "/-"},
	} {
		s := applyAll(t, tc.cmd)
		rules := s.Policy().rules[CatRead]
		if tc.cmd[6] == 'w' {
			rules = s.Policy().rules[CatWrite]
		}
		if len(rules) != 1 || rules[0].pat != tc.pat {
			t.Errorf("Apply(%q) stored %+v, want pattern %q", tc.cmd, rules, tc.pat)
		}
	}
}
