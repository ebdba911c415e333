// This file tests rule lists: last match wins, removal, braces and network values.

package sandbox

import (
	"slices"
	"testing"
)

func TestCheckPath(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmds []string
		cat  Category
		path string
		want Action
	}{
		{"NoRulesGivesDefault", nil, CatRead, "/etc/passwd", ActionDeny},
		{"DefaultIsConfigurable", []string{"default/read:warn"}, CatRead, "/x", ActionWarn},
		{"MatchingRuleDecides", []string{"allow/read+/usr/***"}, CatRead, "/usr/bin/ls", ActionAllow},
		{"RulesArePerCategory", []string{"allow/read+/usr/***"}, CatWrite, "/usr/bin/ls", ActionDeny},
		{"LastMatchWins", []string{"allow/read+/home/***", "deny/read+/home/*/.ssh/***"}, CatRead, "/home/me/.ssh/id", ActionDeny},
		{"LaterRuleReallowsOneFile", []string{
			"allow/read+/home/***", "deny/read+/home/*/.ssh/***", "allow/read+/home/me/.ssh/known_hosts",
		}, CatRead, "/home/me/.ssh/known_hosts", ActionAllow},
		{"EarlierBroadRuleStillAppliesElsewhere", []string{"allow/read+/home/***", "deny/read+/home/*/.ssh/***"}, CatRead, "/home/me/notes", ActionAllow},
		{"CommaListAddsToEachCategory", []string{"allow/read,write+/tmp/***"}, CatWrite, "/tmp/f", ActionAllow},
		{"AllAliasCoversPathCategories", []string{"allow/all+/tmp/***"}, CatMktemp, "/tmp", ActionAllow},
		{"AllAliasLeavesNetAlone", []string{"allow/all+/tmp/***"}, CatNetBind, "/tmp/s", ActionDeny},
		{"AttrAliasCoversUtime", []string{"allow/attr+/f"}, CatUtime, "/f", ActionAllow},
		{"NodeAliasCoversMkfifo", []string{"allow/node+/f"}, CatMkfifo, "/f", ActionAllow},
		{"TmpfileAliasIsMktemp", []string{"allow/tmpfile+/tmp"}, CatMktemp, "/tmp", ActionAllow},
		{"BracesExpand", []string{"allow/write+/dev/{null,tty,pts/*}"}, CatWrite, "/dev/pts/3", ActionAllow},
		{"BraceAlternativesHoldGlobs", []string{"allow/exec+/{usr,lib*}/***"}, CatExec, "/lib64/ld.so", ActionAllow},
		{"OtherActions", []string{"kill/exec+/usr/bin/nc"}, CatExec, "/usr/bin/nc", ActionKill},
		{"NetUnixPathMatches", []string{"allow/net/connect+/run/user/*/bus"}, CatNetConnect, "/run/user/1000/bus", ActionAllow},
		{"NetAbstractMatches", []string{"allow/net/connect+@dbus-*"}, CatNetConnect, "@dbus-x", ActionAllow},
		{"NetAddressNeverMatchesAPath", []string{"allow/net/connect+127.0.0.1!80"}, CatNetConnect, "127.0.0.1!80", ActionDeny},
		{"NetSendAliasIsSendfd", []string{"allow/net/send+/s"}, CatNetSendfd, "/s", ActionAllow},
		{"DisabledCategoryStillChecks", []string{"sandbox/read:off"}, CatRead, "/x", ActionDeny},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := applyAll(t, tc.cmds...).Policy()
			if got := p.CheckPath(tc.cat, tc.path); got != tc.want {
				t.Errorf("CheckPath(%v, %q) = %v, want %v", tc.cat, tc.path, got, tc.want)
			}
		})
	}
}

// patterns lists category c's rules as "action pattern".
func patterns(p *Policy, c Category) []string {
	var out []string
	for _, r := range p.rules[c] {
		out = append(out, r.act.String()+" "+r.pat)
	}
	return out
}

func TestRemoval(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmds []string
		want []string
	}{
		{"MinusRemovesNewestEqualRule", []string{
			"allow/read+/a", "allow/read+/b", "allow/read+/a", "allow/read-/a",
		}, []string{"allow /a", "allow /b"}},
		{"CaretRemovesEveryEqualRule", []string{
			"allow/read+/a", "allow/read+/b", "allow/read+/a", "allow/read^/a",
		}, []string{"allow /b"}},
		{"RemovalOnlyTouchesItsAction", []string{
			"allow/read+/a", "deny/read+/a", "allow/read-/a",
		}, []string{"deny /a"}},
		{"RemovalComparesTextNotMatches", []string{
			"allow/read+/usr/***", "allow/read-/usr/bin",
		}, []string{"allow /usr/***"}},
		{"RemovalWithSameBracesRemovesExpansions", []string{
			"allow/read+/x", "allow/read+/{a,b}", "allow/read-/{a,b}",
		}, []string{"allow /x"}},
		{"RemovalOfOneExpansion", []string{
			"allow/read+/{a,b}", "allow/read-/a",
		}, []string{"allow /b"}},
		{"RemovalOverCommaList", []string{
			"allow/read,write+/a", "allow/read,write-/a",
		}, nil},
		{"NetAddressRemovedByText", []string{
			"allow/net/connect+10.0.0.0/8!443", "allow/net/connect+::1!80", "allow/net/connect-10.0.0.0/8!443",
		}, []string{"allow ::1!80"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := applyAll(t, tc.cmds...).Policy()
			c := CatRead
			if len(p.rules[CatNetConnect]) > 0 {
				c = CatNetConnect
			}
			if got := patterns(p, c); !slices.Equal(got, tc.want) {
				t.Errorf("rules = %q, want %q", got, tc.want)
			}
			if tc.name == "RemovalOverCommaList" && len(p.rules[CatWrite]) != 0 {
				t.Errorf("write rules = %q, want none", patterns(p, CatWrite))
			}
		})
	}
}

func TestOlderSnapshotsKeepTheirRules(t *testing.T) {
	s := applyAll(t, "allow/read+/a", "allow/read+/b")
	old := s.Policy()
	for _, cmd := range []string{"allow/read+/c", "allow/read-/a", "deny/read+/b", "allow/read^/b", "allow/read+/d"} {
		if err := s.Apply(cmd); err != nil {
			t.Fatal(err)
		}
	}
	if got := patterns(old, CatRead); !slices.Equal(got, []string{"allow /a", "allow /b"}) {
		t.Errorf("old snapshot changed: %q", got)
	}
	if got := patterns(s.Policy(), CatRead); !slices.Equal(got, []string{"allow /c", "deny /b", "allow /d"}) {
		t.Errorf("new snapshot = %q", got)
	}
}

func TestAppendAfterFailedCommandDoesNotLeakIntoOldSnapshots(t *testing.T) {
	s := applyAll(t, "allow/read+/a")
	old := s.Policy()
	_ = s.Apply("allow/read+{/b,bad}")
	if err := s.Apply("allow/read+/c"); err != nil {
		t.Fatal(err)
	}
	if got := patterns(old, CatRead); !slices.Equal(got, []string{"allow /a"}) {
		t.Errorf("old snapshot = %q", got)
	}
	if got := patterns(s.Policy(), CatRead); !slices.Equal(got, []string{"allow /a", "allow /c"}) {
		t.Errorf("new snapshot = %q", got)
	}
}

func TestCheckPathDoesNotAllocate(t *testing.T) {
	p := applyAll(t, "allow/read+/usr/***", "deny/read+/home/**/.ssh/**", "allow/read+/proc/[0-9]*/status").Policy()
	if n := testing.AllocsPerRun(100, func() { p.CheckPath(CatRead, "/home/me/x/.ssh/id") }); n != 0 {
		t.Errorf("CheckPath allocates %v times per call", n)
	}
}

func TestHeadFilterNeverRejectsAMatch(t *testing.T) {
	for _, tc := range []struct{ pattern, path string }{
		{"/", "/"},
		{"/a", "/a"},
		{"/abcdefg", "/abcdefg"},
		{"/abcdefgh/***", "/abcdefgh"},
		{"/abcdefghij*", "/abcdefghijk"},
		{"/***", "/"},
		{"/a\x00b", "/a\x00b"},
		{"/[a]bcdefghij", "/abcdefghij"},
	} {
		p := applyAll(t, "allow/read+"+tc.pattern).Policy()
		if got := p.CheckPath(CatRead, tc.path); got != ActionAllow {
			t.Errorf("pattern %q path %q: CheckPath = %v, want allow", tc.pattern, tc.path, got)
		}
	}
}
