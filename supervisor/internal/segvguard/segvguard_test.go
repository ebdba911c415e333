package segvguard

import (
	"testing"
	"time"
)

// Crashes count within the window only; the MaxCrashes-th suspends the path
// for Suspension, then it runs again.
func TestCrashWindowAndSuspension(t *testing.T) {
	g := New(func() Settings { return Settings{Expiry: time.Minute, Suspension: 10 * time.Minute, MaxCrashes: 3} })
	t0 := time.Unix(1000, 0)
	if g.Crashed("/bin/a", t0) || g.Crashed("/bin/a", t0.Add(10*time.Second)) {
		t.Fatal("suspended before the third crash")
	}
	// The first crash has expired by now: two within the window.
	if g.Crashed("/bin/a", t0.Add(65*time.Second)) {
		t.Fatal("an expired crash was counted")
	}
	if !g.Crashed("/bin/a", t0.Add(66*time.Second)) {
		t.Fatal("not suspended at the third crash within a minute")
	}
	if on := g.Suspended("/bin/a", t0.Add(5*time.Minute)); !on {
		t.Fatal("not suspended during the suspension")
	}
	if on := g.Suspended("/bin/b", t0.Add(5*time.Minute)); on {
		t.Fatal("another path is suspended")
	}
	if on := g.Suspended("/bin/a", t0.Add(66*time.Second+10*time.Minute)); on {
		t.Fatal("still suspended after the suspension")
	}
}

// An expiry of 0 turns SegvGuard off.
func TestZeroExpiryCountsNothing(t *testing.T) {
	g := New(func() Settings { return Settings{Expiry: 0, Suspension: time.Minute, MaxCrashes: 1} })
	if g.Crashed("/bin/a", time.Now()) {
		t.Fatal("suspended with expiry 0")
	}
}

// The kernel here answers PIDFD_GET_INFO (Linux 6.15): the README's claim.
func TestSupported(t *testing.T) {
	if !Supported() {
		t.Skip("this kernel has no PIDFD_INFO_EXIT")
	}
}
