// helpers_tty_test.go: a program the tty scripts use: it runs a command on a new
// pseudo-terminal that is the command's controlling terminal, and afterwards
// reports what sits in that terminal's input queue (what an injection would
// have typed).
package testscripts

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// helperPty runs a command with a new pty as stdin and controlling terminal:
//
//	sydtest-pty PROG [ARGS...]
//
// It prints "input queue: EMPTY" or "input queue: <bytes>" and exits with the
// command's status.
func helperPty() {
	master, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		fail("ptmx: %v", err)
	}
	if err := unix.IoctlSetPointerInt(master, unix.TIOCSPTLCK, 0); err != nil {
		fail("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(master, unix.TIOCGPTN)
	if err != nil {
		fail("ptsname: %v", err)
	}
	name := "/dev/pts/" + strconv.Itoa(n)
	slave, err := os.OpenFile(name, os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		fail("%s: %v", name, err)
	}
	// Raw: a byte typed is a byte readable, no line editing, no echo.
	t, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		fail("tcgets: %v", err)
	}
	t.Lflag &^= unix.ICANON | unix.ECHO | unix.ISIG
	t.Cc[unix.VMIN], t.Cc[unix.VTIME] = 0, 0
	if err := unix.IoctlSetTermios(int(slave.Fd()), unix.TCSETS, t); err != nil {
		fail("tcsets: %v", err)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	runErr := cmd.Run()
	var buf [256]byte
	got, _ := unix.Read(int(slave.Fd()), buf[:])
	if got <= 0 {
		fmt.Println("input queue: EMPTY")
	} else {
		fmt.Printf("input queue: %q\n", buf[:got])
	}
	if runErr != nil {
		if ee, ok := runErr.(*exec.ExitError); ok {
			os.Exit(ee.ExitCode())
		}
		fail("%v", runErr)
	}
}
