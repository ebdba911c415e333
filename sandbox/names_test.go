// This file tests the names of categories, actions and lock states.

package sandbox

import "testing"

func TestCategoryNamesRoundTrip(t *testing.T) {
	for c := range NumCategories {
		got, ok := ParseCategory(c.String())
		if !ok || got != c {
			t.Errorf("ParseCategory(%q) = %v, %v; want %v", c.String(), got, ok, c)
		}
	}
}

func TestCategoryNames(t *testing.T) {
	for _, tc := range []struct {
		c    Category
		name string
		net  bool
	}{
		{CatStat, "stat", false},
		{CatWrite, "write", false},
		{CatRmdir, "rmdir", false},
		{CatMktemp, "mktemp", false},
		{CatNetBind, "net/bind", true},
		{CatNetConnect, "net/connect", true},
		{CatNetSendfd, "net/sendfd", true},
		{NumCategories, "category(26)", false},
	} {
		if tc.c.String() != tc.name || tc.c.IsNet() != tc.net {
			t.Errorf("%d: String() = %q, IsNet() = %v; want %q, %v", tc.c, tc.c.String(), tc.c.IsNet(), tc.name, tc.net)
		}
	}
}

func TestParseCategoryAcceptsSingleOldNamesOnly(t *testing.T) {
	for _, tc := range []struct {
		name string
		want Category
		ok   bool
	}{
		{"net/send", CatNetSendfd, true},
		{"tmpfile", CatMktemp, true},
		{"all", 0, false},
		{"net", 0, false},
		{"attr", 0, false},
		{"node", 0, false},
		{"bogus", 0, false},
		{"Read", 0, false},
		{"", 0, false},
	} {
		got, ok := ParseCategory(tc.name)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("ParseCategory(%q) = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestActions(t *testing.T) {
	for _, tc := range []struct {
		a              Action
		name           string
		value          uint8
		denies, logged bool
	}{
		{ActionAllow, "allow", 0, false, false},
		{ActionWarn, "warn", 1, false, true},
		{ActionFilter, "filter", 2, true, false},
		{ActionDeny, "deny", 3, true, true},
		{ActionPanic, "panic", 4, true, true},
		{ActionStop, "stop", 5, true, true},
		{ActionAbort, "abort", 6, true, true},
		{ActionKill, "kill", 7, true, true},
		{ActionExit, "exit", 8, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if uint8(tc.a) != tc.value || tc.a.String() != tc.name {
				t.Errorf("got value %d name %q, want %d %q", tc.a, tc.a.String(), tc.value, tc.name)
			}
			if tc.a.Denies() != tc.denies || tc.a.Logged() != tc.logged {
				t.Errorf("Denies() = %v, Logged() = %v; want %v, %v", tc.a.Denies(), tc.a.Logged(), tc.denies, tc.logged)
			}
			if got, ok := ParseAction(tc.name); !ok || got != tc.a {
				t.Errorf("ParseAction(%q) = %v, %v", tc.name, got, ok)
			}
		})
	}
}

func TestUnknownActionFailsClosed(t *testing.T) {
	if a := Action(200); !a.Denies() || a.String() != "action(200)" {
		t.Errorf("Action(200): Denies() = %v, String() = %q", a.Denies(), a.String())
	}
	if _, ok := ParseAction("Deny"); ok {
		t.Error(`ParseAction("Deny") accepted a capitalised name`)
	}
}

func TestLockStateNamesAndValues(t *testing.T) {
	for _, tc := range []struct {
		l     LockState
		name  string
		value uint8
	}{
		{LockOff, "off", 0}, {LockExec, "exec", 1}, {LockDrop, "drop", 2},
		{LockRead, "read", 3}, {LockOn, "on", 4}, {LockUnset, "unset", 255},
	} {
		if uint8(tc.l) != tc.value || tc.l.String() != tc.name {
			t.Errorf("lock %d %q, want %d %q", tc.l, tc.l.String(), tc.value, tc.name)
		}
	}
	if _, ok := parseLockState("unset"); ok {
		t.Error(`"lock:unset" must not be accepted`)
	}
}
