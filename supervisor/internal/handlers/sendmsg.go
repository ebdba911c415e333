// sendmsg.go: sendmsg(2) and sendmmsg(2), emulated, and the send path sendto(2)
// shares: header, destination, control data and payload are copied from the caller,
// the destination is checked under net/connect and, when SCM_RIGHTS passes fds, under
// net/sendfd; the caller's fds are duplicated with pidfd_getfd and the message is sent
// by the supervisor on its duplicate of the caller's socket. The result is the
// kernel's: bytes sent, or its errno.
package handlers

import (
	"encoding/binary"
	"math"
	"os"
	"sync"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/tracee"
)

func init() {
	sendCats := cats(sandbox.CatNetConnect, sandbox.CatNetSendfd)
	register(unix.SYS_SENDMSG, "sendmsg", sysSendmsg, sendCats)
	register(unix.SYS_SENDMMSG, "sendmmsg", sysSendmmsg, sendCats)
}

// ABI sizes (x86_64) and kernel limits.
const (
	msghdrSize  = 56         // struct msghdr
	mmsghdrSize = 64         // struct mmsghdr: msghdr, unsigned int msg_len, padding
	iovecSize   = 16         // struct iovec
	cmsghdrSize = 16         // struct cmsghdr: size_t len, int level, int type
	uioMaxIov   = 1024       // UIO_MAXIOV
	scmMaxFD    = 253        // SCM_MAX_FD
	maxRW       = 0x7ffff000 // MAX_RW_COUNT: INT_MAX rounded down to a page
	// maxControl bounds the control data we copy; the kernel refuses far less
	// (net.core.optmem_max) with ENOBUFS, which it still decides.
	maxControl = 1 << 20
	// chunkSize is how much of a stream send is copied at a time: a long blocking send
	// is passed on in pieces, so the supervisor never holds all of it.
	chunkSize = 256 << 10
	// minDatagram is the least size up to which a datagram is always copied and
	// given to the kernel to judge; above it, one larger than the socket's send
	// buffer is refused with EMSGSIZE, as UNIX, netlink and packet sockets do (UDP
	// refuses 64 KiB already), so the supervisor never copies more than the caller
	// could send.
	minDatagram = 256 << 10
)

var chunkPool = sync.Pool{New: func() any { b := make([]byte, chunkSize); return &b }}

// remoteIov is one iovec of the caller: an address in its memory and a length.
type remoteIov struct{ base, len uint64 }

// sendReq is one send to perform for the caller.
type sendReq struct {
	sendmsg  bool      // use sendmsg(2) with name and control; else sendto(2) with to
	to       *sockaddr // sendto: the destination
	name     []byte    // sendmsg: msg_name (nil: none)
	control  []byte    // sendmsg: control data, fds already translated
	msgFlags int32     // sendmsg: msg_flags (the kernel honours MSG_EOR there)
	iovs     []remoteIov
	flags    uint32
}

func sysSendmsg(c *Call) (int64, error) {
	if !c.Policy.Enabled(sandbox.CatNetConnect) && !c.Policy.Enabled(sandbox.CatNetSendfd) {
		return 0, errContinue // nothing to check, nothing was read
	}
	var hdr [msghdrSize]byte
	readErr := tracee.Read(c.Pid(), c.Arg(1), hdr[:])
	s, err := c.callerSocket(c.argFD(0))
	if err != nil {
		if err == unix.ENOTSOCK && readErr != nil {
			return 0, unix.EFAULT
		}
		return 0, err
	}
	defer s.close()
	if readErr != nil {
		return 0, unix.EFAULT
	}
	n, _, err := c.sendMsg(&s, hdr[:], uint32(c.Arg(2)))
	return n, err
}

// sysSendmmsg sends each message in turn like __sys_sendmmsg(): the count of messages
// sent is returned once any was sent, the first one's errno otherwise; each message's
// msg_len is written back.
func sysSendmmsg(c *Call) (int64, error) {
	if !c.Policy.Enabled(sandbox.CatNetConnect) && !c.Policy.Enabled(sandbox.CatNetSendfd) {
		return 0, errContinue
	}
	s, err := c.callerSocket(c.argFD(0))
	if err != nil {
		return 0, err
	}
	defer s.close()
	vlen := min(uint64(uint32(c.Arg(2))), uioMaxIov)
	flags := uint32(c.Arg(3))
	var sent int64
	for i := range vlen {
		entry := c.Arg(1) + i*mmsghdrSize
		var hdr [msghdrSize]byte
		var n int64
		short := false
		err := tracee.Read(c.Pid(), entry, hdr[:])
		if err != nil {
			err = unix.EFAULT
		} else {
			n, short, err = c.sendMsg(&s, hdr[:], flags)
		}
		if err == nil {
			var lenb [4]byte
			binary.NativeEndian.PutUint32(lenb[:], uint32(n))
			err = c.writeMem(entry+msghdrSize, lenb[:])
		}
		if err == errGone {
			return 0, err
		}
		if err != nil {
			if sent > 0 {
				return sent, nil
			}
			return 0, err
		}
		sent++
		if short {
			break
		}
	}
	return sent, nil
}

// msghdr is struct msghdr as the caller wrote it.
type msghdr struct {
	name       uint64
	namelen    int32
	iov        uint64
	iovlen     uint64
	control    uint64
	controllen uint64
	flags      int32
}

func parseMsghdr(b []byte) msghdr {
	ne := binary.NativeEndian
	return msghdr{
		name: ne.Uint64(b[0:]), namelen: int32(ne.Uint32(b[8:])),
		iov: ne.Uint64(b[16:]), iovlen: ne.Uint64(b[24:]),
		control: ne.Uint64(b[32:]), controllen: ne.Uint64(b[40:]),
		flags: int32(ne.Uint32(b[48:])),
	}
}

// sendMsg copies what the header points to with the kernel's rules
// (__copy_msghdr, ____sys_sendmsg), checks and sends it. short reports a message
// the kernel took only part of.
func (c *Call) sendMsg(s *callerSock, hdr []byte, flags uint32) (n int64, short bool, err error) {
	m := parseMsghdr(hdr)
	var sa sockaddr
	named := m.name != 0 && m.namelen != 0
	if named {
		if m.namelen < 0 {
			return 0, false, unix.EINVAL
		}
		// A name longer than sockaddr_storage is cut, not refused.
		if err := c.readSockaddr(&sa, m.name, min(int64(m.namelen), sockaddrMax)); err != nil {
			return 0, false, err
		}
	}
	if m.iovlen > uioMaxIov {
		return 0, false, unix.EMSGSIZE
	}
	iovs, total, err := c.readIovecs(m.iov, m.iovlen)
	if err != nil {
		return 0, false, err
	}
	if m.controllen > math.MaxInt32 || m.controllen > maxControl {
		return 0, false, unix.ENOBUFS
	}
	var control []byte
	if m.controllen > 0 {
		control = make([]byte, m.controllen)
		if tracee.Read(c.Pid(), m.control, control) != nil {
			return 0, false, unix.EFAULT
		}
	}
	if !c.Valid() {
		return 0, false, errGone
	}
	if named {
		if err := sa.parse(s.domain, useSend); err != nil {
			return 0, false, err
		}
	}
	pinned, err := c.netTarget(&sa, sandbox.CatNetConnect, errnoConnect)
	if err != nil {
		return 0, false, err
	}
	defer closeFD(pinned)
	if s.domain == unix.AF_UNIX && len(control) > 0 {
		// Other families ignore SCM_RIGHTS: there the caller's numbers stay as they are.
		fds, err := c.passRights(s, &sa, named, control)
		defer closeFDs(fds)
		if err != nil {
			return 0, false, err
		}
	}
	var name []byte
	if named {
		name = sa.bytes()
	}
	n, err = c.sendData(s, sendReq{sendmsg: true, name: name, control: control, msgFlags: m.flags, iovs: iovs, flags: flags})
	return n, err == nil && uint64(n) < total, err
}

// readIovecs copies the caller's iovec array with import_iovec()'s rules: a length
// that is negative as ssize_t is EINVAL, and the total is cut at MAX_RW_COUNT.
func (c *Call) readIovecs(addr, count uint64) ([]remoteIov, uint64, error) {
	if count == 0 {
		return nil, 0, nil
	}
	raw := make([]byte, count*iovecSize)
	if tracee.Read(c.Pid(), addr, raw) != nil {
		return nil, 0, unix.EFAULT
	}
	iovs := make([]remoteIov, 0, count)
	var total uint64
	for i := range count {
		base := binary.NativeEndian.Uint64(raw[i*iovecSize:])
		l := binary.NativeEndian.Uint64(raw[i*iovecSize+8:])
		if int64(l) < 0 {
			return nil, 0, unix.EINVAL
		}
		l = min(l, maxRW-total)
		total += l
		if l > 0 {
			iovs = append(iovs, remoteIov{base: base, len: l})
		}
	}
	return iovs, total, nil
}

// passRights walks the control messages like __scm_send() (a malformed header is
// EINVAL), checks a transfer of fds under net/sendfd against the destination UNIX
// socket (the message's name, else the connected peer), and rewrites control in
// place for the supervisor to send: the caller's fd numbers become our duplicates of
// the same open files (returned, to close after the send), and credentials naming the
// caller's process name syd's, which is who the kernel sees sending.
func (c *Call) passRights(s *callerSock, sa *sockaddr, named bool, control []byte) ([]int, error) {
	ne := binary.NativeEndian
	var rights [][]byte
	var creds []byte
	nfds := 0
	for off := 0; off+cmsghdrSize <= len(control); {
		clen := ne.Uint64(control[off:])
		if clen < cmsghdrSize || clen > uint64(len(control)-off) {
			return nil, unix.EINVAL
		}
		data := control[off+cmsghdrSize : off+int(clen)]
		if int32(ne.Uint32(control[off+8:])) == unix.SOL_SOCKET {
			switch int32(ne.Uint32(control[off+12:])) {
			case unix.SCM_RIGHTS:
				if n := len(data) / 4; n > 0 {
					rights = append(rights, data[:n*4])
					nfds += n
				}
			case unix.SCM_CREDENTIALS:
				if len(data) >= unix.SizeofUcred {
					creds = data
				}
			}
		}
		off += int((clen + 7) &^ 7) // CMSG_ALIGN
	}
	if nfds > scmMaxFD {
		return nil, unix.EINVAL
	}
	if nfds > 0 && c.Policy.Enabled(sandbox.CatNetSendfd) {
		if err := c.checkSendfd(s, sa, named); err != nil {
			return nil, err
		}
	}
	fds := make([]int, 0, nfds)
	for _, r := range rights {
		for i := 0; i < len(r); i += 4 {
			fd, err := unix.PidfdGetfd(s.pidfd, int(int32(ne.Uint32(r[i:]))), 0)
			if err != nil {
				return fds, unix.EBADF
			}
			fds = append(fds, fd)
			ne.PutUint32(r[i:], uint32(fd))
		}
	}
	if creds != nil {
		if st, err := c.status(); err == nil && int32(ne.Uint32(creds)) == int32(st.Tgid) {
			ne.PutUint32(creds, uint32(os.Getpid()))
		}
	}
	return fds, nil
}

// checkSendfd decides net/sendfd for the destination UNIX socket: the message's name
// (already canonical when it is a path), else the connected peer's address: the
// canonical path checked when the caller connected through syd, or the name the peer
// bound. An unnamed peer (socketpair) or no peer at all is not checked: the first has
// no name to match, the second cannot receive.
func (c *Call) checkSendfd(s *callerSock, sa *sockaddr, named bool) error {
	dest := sa
	if !named {
		peer, err := sockName(s.fd, true)
		if err != nil || peer.parse(unix.AF_UNIX, useSend) != nil {
			return nil
		}
		if canon, ok := unixPeers.canonical(s, &peer); ok && peer.kind == addrUnixPath {
			peer.name = canon
		}
		dest = &peer
	}
	if dest.kind != addrUnixPath && dest.kind != addrAbstract {
		return nil
	}
	return c.accessAddr(sandbox.CatNetSendfd, dest, dest.name, errnoSendfd)
}

func closeFDs(fds []int) {
	for _, fd := range fds {
		unix.Close(fd)
	}
}

// sendData copies the payload and sends it. A datagram goes as one piece. A stream
// send is copied and sent chunkSize at a time, the name, control data and
// MSG_FASTOPEN with the first piece and MSG_EOR with the last; as with the kernel, a
// send that stops part way (EAGAIN, a signal, an error) reports what was sent.
// MSG_NOSIGNAL is always added, so a broken pipe never signals the supervisor; the
// caller gets its SIGPIPE unless it asked for none.
func (c *Call) sendData(s *callerSock, r sendReq) (int64, error) {
	var total uint64
	for _, v := range r.iovs {
		total += v.len
	}
	total = min(total, maxRW)
	typ, err := unix.GetsockoptInt(s.fd, unix.SOL_SOCKET, unix.SO_TYPE)
	if err != nil {
		return 0, err
	}
	stream := typ == unix.SOCK_STREAM
	if !stream && total > minDatagram {
		if sndbuf, err := unix.GetsockoptInt(s.fd, unix.SOL_SOCKET, unix.SO_SNDBUF); err != nil || total > uint64(sndbuf) {
			return 0, unix.EMSGSIZE
		}
	}
	bp := chunkPool.Get().(*[]byte)
	defer chunkPool.Put(bp)
	eor := (r.flags | uint32(r.msgFlags)) & unix.MSG_EOR
	var sent uint64
	for first := true; ; first = false {
		n := total - sent
		if stream {
			n = min(n, chunkSize)
		}
		buf := *bp
		if n > uint64(len(buf)) {
			buf = make([]byte, n)
		}
		buf = buf[:n]
		if err := readRemote(c.Pid(), r.iovs, sent, buf); err != nil {
			if sent > 0 {
				return int64(sent), nil
			}
			return 0, err
		}
		if !c.Valid() {
			return 0, errGone // the bytes may not be the caller's: never send them
		}
		flags := r.flags&^unix.MSG_EOR | unix.MSG_NOSIGNAL
		if sent+n == total {
			flags |= eor
		}
		var got int
		var err error
		switch {
		case !first:
			got, err = rawSendto(s.fd, buf, flags&^unix.MSG_FASTOPEN, nil)
		case r.sendmsg:
			got, err = rawSendmsg(s.fd, r.name, r.control, buf, r.msgFlags, flags)
		default:
			got, err = rawSendto(s.fd, buf, flags, r.to)
		}
		if err != nil {
			if sent > 0 {
				return int64(sent), nil
			}
			if err == unix.EPIPE && r.flags&unix.MSG_NOSIGNAL == 0 {
				_ = unix.PidfdSendSignal(s.pidfd, unix.SIGPIPE, nil, 0)
			}
			return 0, err
		}
		sent += uint64(got)
		if sent >= total || uint64(got) < n {
			return int64(sent), nil
		}
	}
}

// readRemote fills buf from the caller's iovecs, starting off bytes into them, with
// one process_vm_readv. A fault anywhere is EFAULT.
func readRemote(pid int, iovs []remoteIov, off uint64, buf []byte) error {
	if len(buf) == 0 {
		return nil
	}
	remote := make([]unix.RemoteIovec, 0, len(iovs))
	want := uint64(len(buf))
	for _, v := range iovs {
		if want == 0 {
			break
		}
		if off >= v.len {
			off -= v.len
			continue
		}
		l := min(v.len-off, want)
		remote = append(remote, unix.RemoteIovec{Base: uintptr(v.base + off), Len: int(l)})
		want -= l
		off = 0
	}
	local := []unix.Iovec{{Base: &buf[0]}}
	local[0].SetLen(len(buf))
	n, err := unix.ProcessVMReadv(pid, local, remote, 0)
	if err != nil || n != len(buf) {
		return unix.EFAULT
	}
	return nil
}
