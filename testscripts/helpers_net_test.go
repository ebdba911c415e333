// helpers_net_test.go: sydtest-net, the helper of the net_*.txtar scripts: a harness
// that runs loopback servers around a command and reports afterwards what reached
// them, and the clients that run inside the sandbox (raw system calls, one result
// line each, exit status 1 when the call failed).
package testscripts

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// helperNet dispatches "sydtest-net SUBCOMMAND ARGS...".
func helperNet() {
	if len(os.Args) < 2 {
		netUsage()
	}
	args := os.Args[2:]
	switch os.Args[1] {
	case "serve":
		netServe(args)
	case "connect":
		netConnect(args)
	case "send":
		netSend(args)
	case "bind":
		netBind(args)
	case "sendfd":
		netSendfd(args)
	case "race":
		netRace(args)
	case "socket":
		netSocket(args)
	case "edge":
		netEdge()
	default:
		netUsage()
	}
}

func netUsage() {
	fmt.Fprintln(os.Stderr, `usage:
  sydtest-net serve SPEC... -- CMD [ARGS...]
      SPEC: tcp4|tcp6|udp4|udp6:NAME[:IP]  unix|unixgram:NAME:PATH  abstract|abstractgram:NAME:NAME
            free4|free6:NAME[:IP] (a free port, probed at "ready")  http:NAME (python3 -m http.server)
      {NAME}, {NAME+K}, {NAME-K} in CMD and ARGS become the port, path or name
  sydtest-net connect [-nonblock] NET ADDR       NET: tcp4 tcp6 udp4 udp6 unix unixgram abstract abstractgram
  sydtest-net send [-via sendto|sendmsg|sendmmsg] NET ADDR DATA
  sydtest-net bind [-hold] [-selfconnect] NET ADDR
  sydtest-net sendfd [-connect] [-file PATH] NET ADDR
  sydtest-net race [-6] ITERS ALLOWED FORBIDDEN
  sydtest-net socket DOMAIN TYPE
  sydtest-net edge       odd arguments to the network calls, one result line each`)
	os.Exit(2)
}

// netFail prints "WHAT: ERRNO" and exits 1 (a failed call), or exits 2 on misuse.
func netFail(what string, err error) {
	var e unix.Errno
	if errors.As(err, &e) {
		fmt.Printf("%s: %s\n", what, unix.ErrnoName(e))
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "sydtest-net: %s: %v\n", what, err)
	os.Exit(2)
}

// netTarget turns NET and ADDR into a socket domain, type and address. IP
// addresses are "ip:port" or "[ip6]:port"; tcp6 and udp6 take IPv4 addresses too,
// written as IPv4-mapped IPv6. Abstract names are given without the "@".
func netTarget(network, addr string) (int, int, unix.Sockaddr) {
	typ := unix.SOCK_STREAM
	if strings.HasPrefix(network, "udp") || strings.HasSuffix(network, "gram") {
		typ = unix.SOCK_DGRAM
	}
	switch network {
	case "unix", "unixgram":
		return unix.AF_UNIX, typ, &unix.SockaddrUnix{Name: addr}
	case "abstract", "abstractgram":
		return unix.AF_UNIX, typ, &unix.SockaddrUnix{Name: "@" + addr}
	}
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		netFail("address", err)
	}
	switch network {
	case "tcp4", "udp4":
		if !ap.Addr().Is4() {
			netFail("address", errors.New(addr+" is not IPv4"))
		}
		return unix.AF_INET, typ, &unix.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}
	case "tcp6", "udp6":
		return unix.AF_INET6, typ, &unix.SockaddrInet6{Port: int(ap.Port()), Addr: ap.Addr().As16()}
	}
	netFail("network", errors.New("unknown network "+network))
	return 0, 0, nil
}

// netClient parses a client's flags and its arguments NET ADDR (and extra more),
// and opens a socket for them.
func netClient(fs *flag.FlagSet, args []string, extra int) (domain, typ, fd int, sa unix.Sockaddr) {
	_ = fs.Parse(args)
	if fs.NArg() != 2+extra {
		netUsage()
	}
	domain, typ, sa = netTarget(fs.Arg(0), fs.Arg(1))
	return domain, typ, netSocketFor(domain, typ), sa
}

// netSocketFor opens a close-on-exec socket or fails.
func netSocketFor(domain, typ int) int {
	fd, err := unix.Socket(domain, typ|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		netFail("socket", err)
	}
	return fd
}

// netName renders a socket address for output.
func netName(sa unix.Sockaddr) string {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port)).String()
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), uint16(a.Port)).String()
	case *unix.SockaddrUnix:
		return a.Name
	}
	return "?"
}

// netConnect connects, sends "ping" and, on a stream, prints the server's reply.
func netConnect(args []string) {
	fs := flag.NewFlagSet("connect", flag.ExitOnError)
	nonblock := fs.Bool("nonblock", false, "non-blocking connect: EINPROGRESS, then poll")
	_, typ, fd, sa := netClient(fs, args, 0)
	if *nonblock {
		if err := unix.SetNonblock(fd, true); err != nil {
			netFail("nonblock", err)
		}
	}
	err := unix.Connect(fd, sa)
	if *nonblock && err == unix.EINPROGRESS {
		fmt.Println("connect: EINPROGRESS")
		pfd := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}
		if _, err := unix.Poll(pfd, 5000); err != nil {
			netFail("poll", err)
		}
		soerr, _ := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
		err = nil
		if soerr != 0 {
			err = unix.Errno(soerr)
		}
		_ = unix.SetNonblock(fd, false)
	}
	if err != nil {
		netFail("connect", err)
	}
	fmt.Println("connect: ok")
	if _, err := unix.Write(fd, []byte("ping\n")); err != nil {
		netFail("write", err)
	}
	if typ != unix.SOCK_STREAM {
		fmt.Println("sent: ok")
		return
	}
	_ = unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &unix.Timeval{Sec: 5})
	buf := make([]byte, 64)
	n, err := unix.Read(fd, buf)
	if err != nil {
		netFail("read", err)
	}
	fmt.Printf("reply: %s\n", strings.TrimSpace(string(buf[:n])))
}

// netSend sends DATA to ADDR from an unconnected datagram socket. sendmmsg sends
// the datagram twice in one call and prints how many went.
func netSend(args []string) {
	fs := flag.NewFlagSet("send", flag.ExitOnError)
	via := fs.String("via", "sendto", "sendto, sendmsg or sendmmsg")
	_, _, fd, sa := netClient(fs, args, 1)
	data := []byte(fs.Arg(2))
	switch *via {
	case "sendto":
		if err := unix.Sendto(fd, data, 0, sa); err != nil {
			netFail("sendto", err)
		}
	case "sendmsg":
		if _, err := unix.SendmsgN(fd, data, nil, sa, 0); err != nil {
			netFail("sendmsg", err)
		}
	case "sendmmsg":
		n, err := netSendmmsg(fd, sa, data, 2)
		if err != nil {
			netFail("sendmmsg", err)
		}
		fmt.Printf("sendmmsg: %d\n", n)
		return
	default:
		netUsage()
	}
	fmt.Printf("%s: ok\n", *via)
}

// netRawAddr encodes sa as the kernel's struct sockaddr bytes.
func netRawAddr(sa unix.Sockaddr) []byte {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		b := make([]byte, unix.SizeofSockaddrInet4)
		binary.NativeEndian.PutUint16(b, unix.AF_INET)
		b[2], b[3] = byte(a.Port>>8), byte(a.Port)
		copy(b[4:8], a.Addr[:])
		return b
	case *unix.SockaddrInet6:
		b := make([]byte, unix.SizeofSockaddrInet6)
		binary.NativeEndian.PutUint16(b, unix.AF_INET6)
		b[2], b[3] = byte(a.Port>>8), byte(a.Port)
		copy(b[8:24], a.Addr[:])
		return b
	case *unix.SockaddrUnix:
		b := make([]byte, 2+len(a.Name)+1)
		binary.NativeEndian.PutUint16(b, unix.AF_UNIX)
		copy(b[2:], a.Name)
		if strings.HasPrefix(a.Name, "@") {
			b[2] = 0
			b = b[:len(b)-1] // abstract names are sized, not terminated
		}
		return b
	}
	return nil
}

// netSendmmsg sends count copies of data to sa with one sendmmsg(2).
func netSendmmsg(fd int, sa unix.Sockaddr, data []byte, count int) (int, error) {
	name := netRawAddr(sa)
	type mmsghdr struct {
		hdr unix.Msghdr
		n   uint32
		_   [4]byte
	}
	iov := unix.Iovec{Base: &data[0]}
	iov.SetLen(len(data))
	msgs := make([]mmsghdr, count)
	for i := range msgs {
		msgs[i].hdr.Name = &name[0]
		msgs[i].hdr.Namelen = uint32(len(name))
		msgs[i].hdr.Iov = &iov
		msgs[i].hdr.Iovlen = 1
	}
	r, _, e := unix.Syscall6(unix.SYS_SENDMMSG, uintptr(fd), uintptr(unsafe.Pointer(&msgs[0])), uintptr(count), 0, 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// netBind binds and prints the bound name; -selfconnect then listens and connects a
// second socket to that name (trace/allow_safe_bind); -hold prints "ready" and waits
// for stdin to close, so the harness can probe while the socket exists.
func netBind(args []string) {
	fs := flag.NewFlagSet("bind", flag.ExitOnError)
	hold := fs.Bool("hold", false, `print "ready" and wait for stdin to close`)
	self := fs.Bool("selfconnect", false, "listen, then connect to the bound name")
	domain, typ, fd, sa := netClient(fs, args, 0)
	err := unix.Bind(fd, sa)
	if *hold {
		defer func() {
			fmt.Println("ready")
			_, _ = io.Copy(io.Discard, os.Stdin)
		}()
	}
	if err != nil {
		if *hold {
			fmt.Printf("bind: %s\n", unix.ErrnoName(err.(unix.Errno)))
			return
		}
		netFail("bind", err)
	}
	name, err := unix.Getsockname(fd)
	if err != nil {
		netFail("getsockname", err)
	}
	fmt.Printf("bind: ok %s\n", netName(name))
	if !*self {
		return
	}
	if err := unix.Listen(fd, 8); err != nil {
		netFail("listen", err)
	}
	c := netSocketFor(domain, typ)
	if err := unix.Connect(c, name); err != nil {
		netFail("selfconnect", err)
	}
	fmt.Println("selfconnect: ok")
}

// netSendfd passes an fd of a file (/dev/null unless -file) with SCM_RIGHTS; the
// harness writes "received" into every fd it gets. It sends over a connected stream
// (unix, abstract), or in a datagram named by its destination (unixgram,
// abstractgram), or, with -connect, in a datagram on a connected socket.
func netSendfd(args []string) {
	fs := flag.NewFlagSet("sendfd", flag.ExitOnError)
	connect := fs.Bool("connect", false, "connect a datagram socket and send without a name")
	file := fs.String("file", "/dev/null", "the file whose fd is passed (opened for appending)")
	_, typ, fd, sa := netClient(fs, args, 0)
	null, err := unix.Open(*file, unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND|unix.O_CLOEXEC, 0o644)
	if err != nil {
		netFail("open", err)
	}
	to := sa
	if typ == unix.SOCK_STREAM || *connect {
		if err := unix.Connect(fd, sa); err != nil {
			netFail("connect", err)
		}
		to = nil
	}
	n, err := unix.SendmsgN(fd, []byte("fd\n"), unix.UnixRights(null), to, 0)
	if err != nil {
		netFail("sendfd", err)
	}
	fmt.Printf("sendfd: ok %d\n", n)
}

// netRace connects ITERS times to a sockaddr buffer that another thread keeps
// switching between ALLOWED and FORBIDDEN (both "ip:port", IPv4; with -6 from an IPv6
// socket, as IPv4-mapped addresses): a supervisor that let the kernel read the buffer
// again after its check would connect to FORBIDDEN.
func netRace(args []string) {
	fs := flag.NewFlagSet("race", flag.ExitOnError)
	v6 := fs.Bool("6", false, "race an IPv6 socket with IPv4-mapped addresses")
	_ = fs.Parse(args)
	if fs.NArg() != 3 {
		netUsage()
	}
	iters, _ := strconv.Atoi(fs.Arg(0))
	network, domain, size := "tcp4", unix.AF_INET, unix.SizeofSockaddrInet4
	if *v6 {
		network, domain, size = "tcp6", unix.AF_INET6, unix.SizeofSockaddrInet6
	}
	_, _, good := netTarget(network, fs.Arg(1))
	_, _, bad := netTarget(network, fs.Arg(2))
	pad := func(b []byte) []byte { return append(b, make([]byte, 32-len(b))...) }
	goodB, badB := pad(netRawAddr(good)), pad(netRawAddr(bad))
	// The buffer as 8-byte words: every word where the two addresses differ is
	// switched, one atomic store each (for one address, different ports: one word).
	buf := make([]uint64, 4)
	word := func(b []byte, i int) uint64 { return binary.NativeEndian.Uint64(b[i*8:]) }
	var diff []int
	for i := 0; i*8 < size; i++ {
		buf[i] = word(goodB, i)
		if word(goodB, i) != word(badB, i) {
			diff = append(diff, i)
		}
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Go(func() {
		runtime.LockOSThread()
		for !stop.Load() {
			for _, i := range diff {
				atomic.StoreUint64(&buf[i], word(badB, i))
			}
			for _, i := range diff {
				atomic.StoreUint64(&buf[i], word(goodB, i))
			}
		}
	})
	ok, refused := 0, 0
	for range iters {
		fd := netSocketFor(domain, unix.SOCK_STREAM)
		_, _, e := unix.Syscall(unix.SYS_CONNECT, uintptr(fd), uintptr(unsafe.Pointer(&buf[0])), uintptr(size))
		switch e {
		case 0:
			ok++
		case unix.ECONNREFUSED:
			refused++
		default:
			stop.Store(true)
			netFail("connect", e)
		}
		unix.Close(fd)
	}
	stop.Store(true)
	wg.Wait()
	fmt.Printf("race: done ok=%d refused=%d\n", ok, refused)
}

var netDomains = map[string]int{
	"unix": unix.AF_UNIX, "inet": unix.AF_INET, "inet6": unix.AF_INET6, "netlink": unix.AF_NETLINK,
	"packet": unix.AF_PACKET, "alg": unix.AF_ALG, "vsock": unix.AF_VSOCK,
}

var netTypes = map[string]int{
	"stream": unix.SOCK_STREAM, "dgram": unix.SOCK_DGRAM, "raw": unix.SOCK_RAW, "seqpacket": unix.SOCK_SEQPACKET,
}

// netSocket creates a socket of the named family and type (and a socketpair for
// unix), printing "socket: ok" or the errno.
func netSocket(args []string) {
	if len(args) != 2 {
		netUsage()
	}
	d, ok1 := netDomains[args[0]]
	t, ok2 := netTypes[args[1]]
	if !ok1 || !ok2 {
		netUsage()
	}
	proto := 0
	if d == unix.AF_INET && t == unix.SOCK_RAW {
		proto = unix.IPPROTO_ICMP
	}
	if _, err := unix.Socket(d, t|unix.SOCK_CLOEXEC, proto); err != nil {
		netFail("socket", err)
	}
	fmt.Println("socket: ok")
	if d == unix.AF_UNIX {
		if _, err := unix.Socketpair(d, t|unix.SOCK_CLOEXEC, 0); err != nil {
			netFail("socketpair", err)
		}
		fmt.Println("socketpair: ok")
	}
}

// netServer is one server of the harness.
type netServer struct {
	kind, name string
	fd         int
	subst      string // what {name} becomes
	port       int
	stream     bool
	addr       unix.Sockaddr // free*: the address probed
	probe      string        // free*: "free" or "busy"
	cmd        *exec.Cmd     // http
	stop       atomic.Bool
	done       chan struct{}
	conns      sync.WaitGroup
	mu         sync.Mutex
	count      int // connections accepted or datagrams received
	fds        int // fds received with SCM_RIGHTS
	data       []string
}

// netServe runs the servers named by SPECs, then CMD with the servers' ports and
// paths substituted; once CMD has exited, every server drains what is still queued
// with non-blocking calls (so "accepted=0" means nothing arrived) and reports.
// The exit status is CMD's.
func netServe(args []string) {
	sep := -1
	for i, a := range args {
		if a == "--" {
			sep = i
			break
		}
	}
	if sep < 0 || sep == len(args)-1 {
		netUsage()
	}
	var servers []*netServer
	vars := map[string]string{}
	for _, spec := range args[:sep] {
		s := netStart(spec)
		servers = append(servers, s)
		vars[s.name] = s.subst
	}
	cmdArgs := make([]string, 0, len(args)-sep-1)
	for _, a := range args[sep+1:] {
		cmdArgs = append(cmdArgs, netSubst(a, vars))
	}
	cmd := exec.Command(cmdArgs[0], cmdArgs[1:]...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		netFail("stdin", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		netFail("stdout", err)
	}
	if err := cmd.Start(); err != nil {
		netFail("start", err)
	}
	probed := false
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		fmt.Println(sc.Text())
		if sc.Text() == "ready" && !probed {
			netProbe(servers)
			probed = true
			stdin.Close()
		}
	}
	if !probed {
		netProbe(servers)
	}
	stdin.Close()
	err = cmd.Wait()
	for _, s := range servers {
		s.finish()
		fmt.Println(s.report())
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
		if code < 0 {
			code = 1
		}
	} else if err != nil {
		netFail("wait", err)
	}
	os.Exit(code)
}

var netVarRE = regexp.MustCompile(`\{(\w+)([+-]\d+)?\}`)

// netSubst replaces {NAME}, {NAME+K} and {NAME-K} (ports only) in a.
func netSubst(a string, vars map[string]string) string {
	return netVarRE.ReplaceAllStringFunc(a, func(m string) string {
		sm := netVarRE.FindStringSubmatch(m)
		v, ok := vars[sm[1]]
		if !ok {
			return m
		}
		if sm[2] == "" {
			return v
		}
		n, _ := strconv.Atoi(v)
		k, _ := strconv.Atoi(sm[2])
		return strconv.Itoa(n + k)
	})
}

// netStart creates the server for one SPEC.
func netStart(spec string) *netServer {
	parts := strings.SplitN(spec, ":", 3)
	if len(parts) < 2 {
		netUsage()
	}
	s := &netServer{kind: parts[0], name: parts[1], done: make(chan struct{})}
	arg := ""
	if len(parts) == 3 {
		arg = parts[2]
	}
	ip := func(def string) netip.Addr {
		if arg == "" {
			arg = def
		}
		a, err := netip.ParseAddr(arg)
		if err != nil {
			netFail("spec", err)
		}
		return a
	}
	var domain, typ int
	var sa unix.Sockaddr
	switch s.kind {
	case "tcp4", "udp4", "free4":
		domain, sa = unix.AF_INET, &unix.SockaddrInet4{Addr: ip("127.0.0.1").As4()}
	case "tcp6", "udp6", "free6":
		domain, sa = unix.AF_INET6, &unix.SockaddrInet6{Addr: ip("::1").As16()}
	case "http":
		domain, sa = unix.AF_INET, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	case "unix", "unixgram":
		domain, sa, s.subst = unix.AF_UNIX, &unix.SockaddrUnix{Name: arg}, arg
	case "abstract", "abstractgram":
		domain, sa, s.subst = unix.AF_UNIX, &unix.SockaddrUnix{Name: "@" + arg}, arg
	default:
		netUsage()
	}
	typ = unix.SOCK_DGRAM
	if strings.HasPrefix(s.kind, "tcp") || strings.HasPrefix(s.kind, "free") || s.kind == "http" ||
		s.kind == "unix" || s.kind == "abstract" {
		typ = unix.SOCK_STREAM
	}
	s.stream = typ == unix.SOCK_STREAM
	fd := netSocketFor(domain, typ|unix.SOCK_NONBLOCK)
	if err := netBindLong(fd, sa); err != nil {
		netFail("serve bind "+spec, err)
	}
	if s.subst == "" {
		name, _ := unix.Getsockname(fd)
		switch a := name.(type) {
		case *unix.SockaddrInet4:
			s.port = a.Port
		case *unix.SockaddrInet6:
			s.port = a.Port
		}
		s.subst = strconv.Itoa(s.port)
	}
	switch s.kind {
	case "free4", "free6":
		unix.Close(fd)
		s.addr = sa
		setPort(sa, s.port)
		close(s.done)
		return s
	case "http":
		unix.Close(fd)
		s.startHTTP()
		close(s.done)
		return s
	}
	if s.stream {
		if err := unix.Listen(fd, 4096); err != nil {
			netFail("listen", err)
		}
	}
	s.fd = fd
	go s.serve()
	return s
}

// netBindLong binds, reaching a UNIX path longer than sun_path through its directory.
func netBindLong(fd int, sa unix.Sockaddr) error {
	u, ok := sa.(*unix.SockaddrUnix)
	if !ok || len(u.Name) < 100 || strings.HasPrefix(u.Name, "@") {
		return unix.Bind(fd, sa)
	}
	dir, err := os.Open(filepath.Dir(u.Name))
	if err != nil {
		return err
	}
	defer dir.Close()
	return unix.Bind(fd, &unix.SockaddrUnix{Name: fmt.Sprintf("/proc/self/fd/%d/%s", dir.Fd(), filepath.Base(u.Name))})
}

func setPort(sa unix.Sockaddr, port int) {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		a.Port = port
	case *unix.SockaddrInet6:
		a.Port = port
	}
}

// startHTTP runs python3 -m http.server on the chosen port and waits until it accepts.
func (s *netServer) startHTTP() {
	s.cmd = exec.Command("python3", "-m", "http.server", "--bind", "127.0.0.1", s.subst)
	s.cmd.Stderr = os.Stderr // its request log: "GET /page.txt" shows what reached it
	if err := s.cmd.Start(); err != nil {
		netFail("http", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		fd := netSocketFor(unix.AF_INET, unix.SOCK_STREAM)
		err := unix.Connect(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}, Port: s.port})
		unix.Close(fd)
		if err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	netFail("http", errors.New("python3 -m http.server did not start"))
}

// netProbe checks whether the free* ports can be bound by us right now.
func netProbe(servers []*netServer) {
	for _, s := range servers {
		if s.addr == nil {
			continue
		}
		domain := unix.AF_INET
		if _, ok := s.addr.(*unix.SockaddrInet6); ok {
			domain = unix.AF_INET6
		}
		fd := netSocketFor(domain, unix.SOCK_STREAM)
		s.probe = "free"
		if err := unix.Bind(fd, s.addr); err != nil {
			s.probe = "busy"
		}
		unix.Close(fd)
	}
}

// serve accepts (stream) or receives (datagram) with non-blocking calls until
// stopped, then once more until the queue is empty.
func (s *netServer) serve() {
	defer close(s.done)
	for {
		stopped := s.stop.Load()
		for s.once() {
		}
		if stopped {
			return
		}
		_, _ = unix.Poll([]unix.PollFd{{Fd: int32(s.fd), Events: unix.POLLIN}}, 10)
	}
}

// once takes one connection or datagram; false when none is queued.
func (s *netServer) once() bool {
	if s.stream {
		c, _, err := unix.Accept4(s.fd, unix.SOCK_CLOEXEC)
		if err != nil {
			return err == unix.EINTR
		}
		s.mu.Lock()
		s.count++
		s.mu.Unlock()
		s.conns.Go(func() { s.handle(c) })
		return true
	}
	buf := make([]byte, 4096)
	oob := make([]byte, 1024)
	n, oobn, _, _, err := unix.Recvmsg(s.fd, buf, oob, unix.MSG_DONTWAIT|unix.MSG_CMSG_CLOEXEC)
	if err != nil {
		return err == unix.EINTR
	}
	s.record(buf[:n], oob[:oobn], true)
	return true
}

// handle reads one connection to its end, answering "pong" to each line.
func (s *netServer) handle(c int) {
	defer unix.Close(c)
	_ = unix.SetsockoptTimeval(c, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &unix.Timeval{Sec: 5})
	buf := make([]byte, 4096)
	oob := make([]byte, 1024)
	for {
		n, oobn, _, _, err := unix.Recvmsg(c, buf, oob, unix.MSG_CMSG_CLOEXEC)
		if err == unix.EINTR {
			continue
		}
		if err != nil || (n == 0 && oobn == 0) {
			return
		}
		s.record(buf[:n], oob[:oobn], false)
		if strings.Contains(string(buf[:n]), "\n") {
			_, _ = unix.Write(c, []byte("pong\n"))
		}
	}
}

// record counts a datagram (or a stream read), its data and the fds it carried.
func (s *netServer) record(data, oob []byte, datagram bool) {
	nfds := 0
	if msgs, err := unix.ParseSocketControlMessage(oob); err == nil {
		for _, m := range msgs {
			if fds, err := unix.ParseUnixRights(&m); err == nil {
				nfds += len(fds)
				for _, fd := range fds {
					_, _ = unix.Write(fd, []byte("received\n")) // lands in the sender's file
					unix.Close(fd)
				}
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if datagram {
		s.count++
	}
	s.fds += nfds
	if d := strings.TrimSpace(string(data)); d != "" {
		s.data = append(s.data, d)
	}
}

// finish stops the server, waits for its last drain and its connections.
func (s *netServer) finish() {
	s.stop.Store(true)
	<-s.done
	if s.cmd != nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
	}
	if s.fd > 0 {
		unix.Close(s.fd)
	}
	if s.kind == "unix" || s.kind == "unixgram" {
		os.Remove(s.subst)
	}
	waited := make(chan struct{})
	go func() { s.conns.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
	}
}

func (s *netServer) report() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.addr != nil:
		return s.name + " " + s.probe
	case s.cmd != nil:
		return s.name + " http"
	case s.stream:
		return fmt.Sprintf("%s accepted=%d fds=%d data=%s", s.name, s.count, s.fds, strings.Join(s.data, ","))
	}
	return fmt.Sprintf("%s received=%d fds=%d data=%s", s.name, s.count, s.fds, strings.Join(s.data, ","))
}

// netEdge makes network calls with odd arguments and prints one line per call with
// the result, so that a run under syd can be compared byte for byte with a native
// run: syd must return what the kernel returns.
func netEdge() {
	res := func(what string, r uintptr, e unix.Errno) {
		if e != 0 {
			fmt.Printf("%s: %s\n", what, unix.ErrnoName(e))
			return
		}
		fmt.Printf("%s: %d\n", what, r)
	}
	sock := func(domain, typ int) int { return netSocketFor(domain, typ) }
	call := func(what string, nr uintptr, a ...uintptr) {
		var r uintptr
		var e unix.Errno
		for len(a) < 6 {
			a = append(a, 0)
		}
		r, _, e = unix.Syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5])
		res(what, r, e)
	}
	lo := netRawAddr(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}, Port: 9})
	var kept [][]byte // every buffer passed as a number stays reachable to the end
	defer runtime.KeepAlive(&kept)
	p := func(b []byte) uintptr {
		kept = append(kept, b)
		return uintptr(unsafe.Pointer(&b[0])) // the calls take addresses as numbers
	}
	file, _ := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)

	call("connect addrlen 200", unix.SYS_CONNECT, uintptr(sock(unix.AF_INET, unix.SOCK_STREAM)), p(lo), 200)
	call("connect addrlen -1", unix.SYS_CONNECT, uintptr(sock(unix.AF_INET, unix.SOCK_STREAM)), p(lo), ^uintptr(0))
	call("connect NULL", unix.SYS_CONNECT, uintptr(sock(unix.AF_INET, unix.SOCK_STREAM)), 0, 16)
	call("connect bad fd", unix.SYS_CONNECT, 999, p(lo), 16)
	call("connect bad fd and address", unix.SYS_CONNECT, 999, 0, 16)
	call("connect not a socket", unix.SYS_CONNECT, uintptr(file), p(lo), 16)
	call("connect short", unix.SYS_CONNECT, uintptr(sock(unix.AF_INET, unix.SOCK_STREAM)), p(lo), 8)
	call("connect len 1", unix.SYS_CONNECT, uintptr(sock(unix.AF_INET, unix.SOCK_STREAM)), p(lo), 1)
	un := netRawAddr(&unix.SockaddrUnix{Name: "/nonexistent/x"})
	call("connect tcp to AF_UNIX", unix.SYS_CONNECT, uintptr(sock(unix.AF_INET, unix.SOCK_STREAM)), p(un), uintptr(len(un)))
	call("connect unix missing", unix.SYS_CONNECT, uintptr(sock(unix.AF_UNIX, unix.SOCK_STREAM)), p(un), uintptr(len(un)))
	call("connect unix len 2", unix.SYS_CONNECT, uintptr(sock(unix.AF_UNIX, unix.SOCK_STREAM)), p(un), 2)
	unspec := make([]byte, 16)
	call("connect udp AF_UNSPEC", unix.SYS_CONNECT, uintptr(sock(unix.AF_INET, unix.SOCK_DGRAM)), p(unspec), 16)
	call("connect unix dgram AF_UNSPEC", unix.SYS_CONNECT, uintptr(sock(unix.AF_UNIX, unix.SOCK_DGRAM)), p(unspec), 16)

	b := sock(unix.AF_INET, unix.SOCK_STREAM)
	any0 := netRawAddr(&unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}})
	call("bind short", unix.SYS_BIND, uintptr(b), p(any0), 8)
	call("bind", unix.SYS_BIND, uintptr(b), p(any0), 16)
	call("bind again", unix.SYS_BIND, uintptr(b), p(any0), 16)
	call("bind unix autobind", unix.SYS_BIND, uintptr(sock(unix.AF_UNIX, unix.SOCK_DGRAM)), p(un), 2)
	call("bind unix missing dir", unix.SYS_BIND, uintptr(sock(unix.AF_UNIX, unix.SOCK_DGRAM)), p(un), uintptr(len(un)))

	u := sock(unix.AF_INET, unix.SOCK_DGRAM)
	data := []byte("x")
	call("sendto udp addrlen 0", unix.SYS_SENDTO, uintptr(u), p(data), 1, 0, p(lo), 0)
	call("sendto udp addrlen 200", unix.SYS_SENDTO, uintptr(u), p(data), 1, 0, p(lo), 200)
	call("sendto tcp unconnected", unix.SYS_SENDTO, uintptr(sock(unix.AF_INET, unix.SOCK_STREAM)), p(data), 1,
		unix.MSG_NOSIGNAL, p(lo), 16)
	call("sendto bad buffer", unix.SYS_SENDTO, uintptr(u), 8, 1, 0, p(lo), 16)

	msg := func(name []byte, iovlen int, control []byte) *unix.Msghdr {
		m := &unix.Msghdr{}
		if name != nil {
			m.Name, m.Namelen = &name[0], uint32(len(name))
		}
		iov := make([]unix.Iovec, max(iovlen, 1))
		for i := range iov {
			iov[i].Base = &data[0]
			iov[i].SetLen(1)
		}
		m.Iov, m.Iovlen = &iov[0], uint64(iovlen)
		if control != nil {
			m.Control = &control[0]
			m.SetControllen(len(control))
		}
		return m
	}
	sendmsg := func(what string, fd int, m *unix.Msghdr, flags int) {
		call(what, unix.SYS_SENDMSG, uintptr(fd), uintptr(unsafe.Pointer(m)), uintptr(flags))
	}
	sendmsg("sendmsg iovlen 1025", u, msg(lo, 1025, nil), 0)
	sendmsg("sendmsg no name", u, msg(nil, 1, nil), 0)
	sendmsg("sendmsg name NULL len 16", u, &unix.Msghdr{Namelen: 16}, 0)
	sendmsg("sendmsg 3 iovecs", u, msg(lo, 3, nil), 0)
	pair, _ := unix.Socketpair(unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	bad := make([]byte, 16)
	bad[0] = 8 // cmsg_len smaller than the header
	sendmsg("sendmsg bad cmsg", pair[0], msg(nil, 1, bad), 0)
	sendmsg("sendmsg rights bad fd", pair[0], msg(nil, 1, unix.UnixRights(999)), 0)
	sendmsg("sendmsg rights", pair[0], msg(nil, 1, unix.UnixRights(file)), 0)
	ug := sock(unix.AF_UNIX, unix.SOCK_DGRAM)
	sendmsg("sendmsg unix unconnected", ug, msg(nil, 1, nil), 0)
	ucred := unix.UnixCredentials(&unix.Ucred{Pid: int32(os.Getpid()), Uid: uint32(os.Getuid()), Gid: uint32(os.Getgid())})
	sendmsg("sendmsg own credentials", pair[0], msg(nil, 1, ucred), 0)
	call("sendmmsg vlen 0", unix.SYS_SENDMMSG, uintptr(u), p(lo), 0, 0)
	call("sendmmsg bad vector", unix.SYS_SENDMMSG, uintptr(u), 8, 2, 0)
	sp, _ := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	unix.Close(sp[1])
	sendmsg("sendmsg broken pipe, MSG_NOSIGNAL", sp[0], msg(nil, 1, nil), unix.MSG_NOSIGNAL)
}
