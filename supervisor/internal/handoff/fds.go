// fds.go: receiving one file descriptor sent with SCM_RIGHTS, the way every
// hand-off between syd's processes passes one (the stub's pidfd, the proxy's
// listener, the opener's file).
package handoff

import (
	"errors"

	"golang.org/x/sys/unix"
)

// errNoFD is a message that did not carry exactly one fd.
var errNoFD = errors.New("handoff: expected one file descriptor")

// OneFD returns the single fd of the control data oob (from a recvmsg with
// unix.CmsgSpace(4) bytes of room); an error when there is not exactly one.
func OneFD(oob []byte) (int, error) {
	msgs, err := unix.ParseSocketControlMessage(oob)
	if err != nil || len(msgs) != 1 {
		return -1, errNoFD
	}
	fds, err := unix.ParseUnixRights(&msgs[0])
	if err != nil || len(fds) != 1 {
		for _, fd := range fds {
			unix.Close(fd)
		}
		return -1, errNoFD
	}
	return fds[0], nil
}

// RecvFD reads one message into buf from the blocking socket sock and
// returns its length and the one fd it carried (close-on-exec).
func RecvFD(sock int, buf []byte) (int, int, error) {
	oob := make([]byte, unix.CmsgSpace(4))
	for {
		n, oobn, _, _, err := unix.Recvmsg(sock, buf, oob, unix.MSG_CMSG_CLOEXEC)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, -1, err
		}
		fd, err := OneFD(oob[:oobn])
		return n, fd, err
	}
}
