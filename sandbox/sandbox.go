// This file defines Sandbox, the mutable holder that swaps policy snapshots atomically.

package sandbox

import (
	"sync"
	"sync/atomic"
)

// Sandbox holds the current Policy. Readers take a snapshot with Policy (one
// atomic load); Apply builds the next snapshot from the current one and
// publishes it atomically, so a reader sees either all of a command or none.
type Sandbox struct {
	mu  sync.Mutex // serialises writers
	cur atomic.Pointer[Policy]
}

// New returns a sandbox with Syd's secure defaults: every path and network
// category on, every default action deny, no rules, the lock unset.
func New() *Sandbox {
	s := &Sandbox{}
	s.cur.Store(defaultPolicy())
	return s
}

// Policy returns the current snapshot.
func (s *Sandbox) Policy() *Policy { return s.cur.Load() }

// Apply runs one command of the syd(2) language, as given to -m or in a
// configuration file line. On failure it returns an *Error and the policy is
// unchanged. A successful query returns nil and publishes nothing.
//
// Invariant relied on by the rule lists: every new snapshot is derived from
// the current one, under mu. A snapshot may append rules in place past the end
// of its parent's slices; no published snapshot reads beyond its own length,
// so those writes are invisible to it.
func (s *Sandbox) Apply(cmd string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.cur.Load()
	next, f := cur.apply(cmd)
	if f != nil {
		return &Error{Cmd: cmd, Errno: f.errno, Reason: f.reason}
	}
	if next != cur {
		s.cur.Store(next)
	}
	return nil
}
