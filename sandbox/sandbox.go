// This file defines Sandbox, the mutable holder that swaps policy snapshots atomically.

package sandbox

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Sandbox holds the current Policy. Readers take a snapshot with Policy (one
// atomic load); Apply builds the next snapshot from the current one and
// publishes it atomically, so a reader sees either all of a command or none.
type Sandbox struct {
	mu  sync.Mutex // serialises writers
	cur atomic.Pointer[Policy]
	// read lists the configuration files loaded (absolute paths), in order.
	read []string
}

// New returns a sandbox with Syd's secure defaults: every path and network
// category on, every default action deny, no rules, the lock unset.
func New() *Sandbox {
	s := &Sandbox{}
	s.cur.Store(defaultPolicy())
	return s
}

// FilesRead lists the configuration files LoadFile and LoadProfile read
// (absolute paths, includes too): what syd must read again after it re-executes
// itself into its Landlock domain.
func (s *Sandbox) FilesRead() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.read)
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
	_, err := s.ApplyFrom(SourceCLI, cmd)
	return err
}

// ApplyFrom applies one command from src and returns what the supervisor
// must do next. Apply(cmd) equals ApplyFrom(SourceCLI, cmd) ignoring the
// effect. On failure the effect is EffectNone and the policy is unchanged.
//
// From SourceFile, "include <path>" and "include_profile <name>" are accepted
// too and load the file (relative to the working directory) or the profile;
// LoadFile is the usual way to apply a file. From other sources they fail
// with EINVAL, as do panic, ghost, load/<fd> and cmd/exec! from anything but
// SourceMagic.
func (s *Sandbox) ApplyFrom(src Source, cmd string) (Effect, error) {
	if src == SourceFile && (strings.HasPrefix(cmd, "include ") || strings.HasPrefix(cmd, "include_profile ")) {
		return Effect{}, s.includeFromFile(cmd)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.cur.Load()
	next, eff, f := cur.apply(src, cmd)
	if f != nil {
		return Effect{}, &Error{Cmd: cmd, Errno: f.errno, Reason: f.reason}
	}
	if next != cur {
		s.cur.Store(next)
	}
	return eff, nil
}

// Start marks the sandbox as running (called by the supervisor right before
// the command is executed): startup-only settings now fail with EBUSY, and an
// unset lock becomes LockOn.
func (s *Sandbox) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := *s.cur.Load()
	next.started = true
	if next.lock == LockUnset {
		next.lock = LockOn
	}
	s.cur.Store(&next)
}
