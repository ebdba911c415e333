// This file defines where commands come from and what a successful command asks the supervisor to do.

package sandbox

// Source says where a command comes from: some commands are only accepted
// from some sources.
type Source uint8

// The command sources.
const (
	SourceCLI   Source = iota // -m
	SourceFile                // -P files and profiles (the only place `include` / `include_profile` work)
	SourceMagic               // stat(2) of /dev/syd/<cmd> from inside the sandbox (the only place `panic` and `ghost` work)
)

// String names the source: "cli", "file" or "magic".
func (s Source) String() string {
	switch s {
	case SourceCLI:
		return "cli"
	case SourceFile:
		return "file"
	case SourceMagic:
		return "magic"
	}
	return "source(?)"
}

// EffectKind says what the supervisor must do after a command succeeded.
type EffectKind uint8

// The effects.
const (
	EffectNone  EffectKind = iota // nothing beyond the new policy
	EffectPanic                   // `panic`: exit syd (and kill the sandbox) at once
	EffectGhost                   // `ghost`: detach the caller from the sandbox
	EffectStat                    // `stat`: print the sandbox state on stderr
	EffectLoad                    // `load/<fd>`: read commands from the caller's fd FD
	EffectExec                    // `cmd/exec!...`: run Argv outside the sandbox
)

// Effect is what the supervisor must do after a command succeeded.
type Effect struct {
	Kind EffectKind
	FD   int      // EffectLoad: the caller's fd to read commands from (`load/<fd>`)
	Argv []string // EffectExec: `cmd/exec!...` program and arguments (split on \x1F)
}
