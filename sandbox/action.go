// This file defines rule actions and lock states with their command-language names.

package sandbox

import "strconv"

// Action is what happens to a call that a rule or default selects (spec 05 §5).
// The values are libsyd's (>= 3.6) action_t numbers.
type Action uint8

// The actions, from least to most severe.
const (
	ActionAllow  Action = iota // permit, not logged
	ActionWarn                 // permit and log
	ActionFilter               // deny without a log line
	ActionDeny                 // deny and log
	ActionPanic                // deny, log, panic the handling thread
	ActionStop                 // deny, log, SIGSTOP the offender
	ActionAbort                // deny, log, SIGABRT the offender
	ActionKill                 // deny, log, SIGKILL the offender
	ActionExit                 // log, then Syd exits with the deny errno
	numActions
)

var actionNames = [numActions]string{"allow", "warn", "filter", "deny", "panic", "stop", "abort", "kill", "exit"}

// String returns the action's name as written in commands.
func (a Action) String() string {
	if a < numActions {
		return actionNames[a]
	}
	return "action(" + strconv.Itoa(int(a)) + ")"
}

// ParseAction parses an action name ("allow", "deny", ...).
func ParseAction(s string) (Action, bool) {
	for a, name := range actionNames {
		if s == name {
			return Action(a), true
		}
	}
	return 0, false
}

// Denies reports whether the call must fail: true for every action but allow
// and warn (and for unknown values, to fail closed).
func (a Action) Denies() bool { return a != ActionAllow && a != ActionWarn }

// Logged reports whether the decision is logged: false for allow and filter.
func (a Action) Logged() bool { return a != ActionAllow && a != ActionFilter }

// LockState is the state of the sandbox lock (spec 02 §4). The values of the
// real states are libsyd's (>= 3.6); LockUnset means no command set it yet.
type LockState uint8

// The lock states.
const (
	LockOff   LockState = 0   // every process may configure the sandbox
	LockExec  LockState = 1   // only the initial exec child may
	LockDrop  LockState = 2   // only privilege-reducing commands are accepted
	LockRead  LockState = 3   // the state is readable, commands are refused
	LockOn    LockState = 4   // nothing is accepted, irreversibly
	LockUnset LockState = 255 // not set yet; becomes LockOn when the sandbox starts
)

// String returns the state's name as written in "lock:<state>", or "unset".
func (l LockState) String() string {
	switch l {
	case LockOff:
		return "off"
	case LockExec:
		return "exec"
	case LockDrop:
		return "drop"
	case LockRead:
		return "read"
	case LockOn:
		return "on"
	case LockUnset:
		return "unset"
	}
	return "lock(" + strconv.Itoa(int(l)) + ")"
}

// parseLockState parses the value of "lock:<state>".
func parseLockState(s string) (LockState, bool) {
	for _, l := range []LockState{LockOff, LockExec, LockDrop, LockRead, LockOn} {
		if s == l.String() {
			return l, true
		}
	}
	return 0, false
}
