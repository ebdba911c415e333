// This file defines the one error type every failed command returns.

package sandbox

import (
	"fmt"
	"syscall"
)

// Error is every failure of Sandbox.Apply. Errno is what /dev/syd reports:
// EINVAL for a malformed command, ENOENT for a false query, EPERM when the
// lock forbids the command. errors.Is(err, syscall.EINVAL) works via Unwrap.
type Error struct {
	Cmd    string
	Errno  syscall.Errno
	Reason string
}

func (e *Error) Error() string {
	if e.Errno == syscall.EINVAL {
		return fmt.Sprintf("invalid sandbox command %q: %s", e.Cmd, e.Reason)
	}
	return fmt.Sprintf("sandbox command %q: %s", e.Cmd, e.Reason)
}

// Unwrap returns the errno.
func (e *Error) Unwrap() error { return e.Errno }

// failure is an errno and reason not yet tied to a command; Apply adds the
// command text when it turns one into an *Error.
type failure struct {
	errno  syscall.Errno
	reason string
}

func (f *failure) Error() string { return f.reason }

func invalid(format string, args ...any) *failure {
	return &failure{syscall.EINVAL, fmt.Sprintf(format, args...)}
}
