// This file defines the one error type every failed command returns.

package sandbox

import (
	"fmt"
	"syscall"
)

// Error is every failure of Sandbox.Apply. Errno is what /dev/syd reports:
// EINVAL for a malformed command, unknown key or bad value, ENOENT for a
// false query, EPERM when the lock forbids the command, EBUSY for a
// startup-only setting after Sandbox.Start. errors.Is(err, syscall.EINVAL) works via Unwrap.
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

// Unwrap returns the errno, so that errors.Is(err, syscall.EINVAL) works on
// loader errors that are not tied to one command.
func (f *failure) Unwrap() error { return f.errno }

// FileError is a failure while loading a configuration file or a profile:
// it names the file (or "profile NAME") and the 1-based line, 0 when the
// error concerns the whole file. errors.Is finds the errno through Unwrap.
type FileError struct {
	File string
	Line int
	Err  error
}

func (e *FileError) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Err.Error()
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

func invalid(format string, args ...any) *failure {
	return &failure{syscall.EINVAL, fmt.Sprintf(format, args...)}
}
