// personality.go: personality(2) may only ask for the current persona or choose
// a plain Linux one (spec 06 §2): READ_IMPLIES_EXEC would make every readable
// mapping executable, ADDR_NO_RANDOMIZE and the address-layout flags would undo
// ASLR for everything the process runs next. The persona is a register, so the
// kernel may run an allowed call as it was made. trace/allow_unsafe_personality
// lifts the check; trace/lock_personality allows only the query.
package handlers

import (
	"golang.org/x/sys/unix"

	"syd/sandbox"
)

func init() {
	registerRelaxed(unix.SYS_PERSONALITY, "personality", sysPersonality, sandbox.FlagAllowUnsafePersonality, nil, nil)
}

// Personas from <linux/personality.h>.
const (
	perQuery   = 0xffffffff
	perLinux   = 0x0000
	perLinux32 = 0x0008
	uname26    = 0x0020000
)

func sysPersonality(c *Call) (int64, error) {
	persona := uint32(c.Arg(0)) // the kernel takes an unsigned int
	if persona == perQuery {
		return 0, errContinue
	}
	if c.Policy.Has(sandbox.FlagLockPersonality) {
		return 0, unix.EPERM
	}
	switch persona &^ uname26 {
	case perLinux, perLinux32:
		return 0, errContinue
	}
	return 0, unix.EPERM
}
