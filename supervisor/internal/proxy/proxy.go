// Package proxy is sandbox/proxy (spec 05 §3, Syd's syd-tor): a forwarder that
// lives outside the sandbox's network namespace relays every connection made to
// proxy/addr:proxy/port inside it to the upstream proxy/ext/host:proxy/ext/port.
// The sandbox's namespace has only loopback, so that listener is its one way out.
//
// It takes two steps because syd enters the sandbox's namespaces itself:
// Start runs in the caller's namespace, before syd re-executes itself into its
// layers, and starts the forwarder (a re-executed syd in proxy mode, see Main);
// Serve runs in the new namespace, binds the listener there and hands it to the
// forwarder over the control socket (SCM_RIGHTS). The forwarder exits when the
// control socket closes, that is when syd exits, whichever way.
package proxy

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/handoff"
)

// Mode is the handoff.EnvMarker value of a re-executed syd that is the forwarder.
const Mode = "proxy"

// EnvCtl names the variable that carries syd's end of the control socket across
// its re-execution into its layers.
const EnvCtl = "SYD_GO_INTERNAL_PROXY"

// envExt carries the upstream address, host:port, to the forwarder.
const envExt = "SYD_GO_INTERNAL_PROXY_EXT"

// ctlFD is the forwarder's control socket.
const ctlFD = 3

// Plan is what sandbox/proxy asks for.
type Plan struct {
	Listen netip.AddrPort // inside the sandbox's network namespace
	Ext    string         // the upstream, host:port; the host is resolved by the forwarder at start
}

// Decide reads the plan from p, with SYD_PROXY_HOST and SYD_PROXY_PORT overriding
// proxy/ext/host and proxy/ext/port (as in Syd). ok is false when the proxy is off.
func Decide(p *sandbox.Policy) (plan Plan, ok bool, err error) {
	if !p.FeatureEnabled(sandbox.FeatureProxy) {
		return Plan{}, false, nil
	}
	px := p.Proxy()
	host, port := px.ExtHost, strconv.Itoa(int(px.ExtPort))
	if h := os.Getenv("SYD_PROXY_HOST"); h != "" {
		host = h
	}
	if s := os.Getenv("SYD_PROXY_PORT"); s != "" {
		n, err := strconv.ParseUint(s, 10, 16)
		if err != nil || n == 0 {
			return Plan{}, false, fmt.Errorf("SYD_PROXY_PORT %q is not a port", s)
		}
		port = s
	}
	return Plan{Listen: netip.AddrPortFrom(px.Addr, px.Port), Ext: net.JoinHostPort(host, port)}, true, nil
}

// Start starts the forwarder for plan in the current network namespace and waits
// until it has resolved the upstream. It returns syd's end of the control socket,
// kept open across exec (EnvCtl names it).
func Start(plan Plan) (int, error) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	ours, theirs := fds[0], fds[1]
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		unix.Close(ours)
		unix.Close(theirs)
		return -1, err
	}
	defer devnull.Close()
	env := []string{handoff.EnvMarker + "=" + Mode, envExt + "=" + plan.Ext}
	_, err = syscall.ForkExec("/proc/self/exe", []string{"syd-proxy"}, &syscall.ProcAttr{
		Env:   env,
		Files: []uintptr{devnull.Fd(), devnull.Fd(), os.Stderr.Fd(), uintptr(theirs)},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	})
	unix.Close(theirs)
	if err != nil {
		unix.Close(ours)
		return -1, fmt.Errorf("starting the forwarder: %w", err)
	}
	// The forwarder answers once the upstream is resolved: "" or an error.
	var buf [512]byte
	n, err := unix.Read(ours, buf[:])
	switch {
	case err != nil:
		unix.Close(ours)
		return -1, fmt.Errorf("starting the forwarder: %w", err)
	case n == 0:
		unix.Close(ours)
		return -1, fmt.Errorf("the forwarder exited at start")
	case n > 1 || buf[0] != 0:
		unix.Close(ours)
		return -1, fmt.Errorf("proxy/ext/host: %s", buf[:n])
	}
	if _, err := unix.FcntlInt(uintptr(ours), unix.F_SETFD, 0); err != nil {
		unix.Close(ours)
		return -1, err
	}
	return ours, nil
}

// Serve binds the listener of plan in the current network namespace (the
// sandbox's) and sends it to the forwarder over ctl, which stays open, close-on-
// exec, for as long as syd runs.
func Serve(ctl int, plan Plan) error {
	unix.CloseOnExec(ctl)
	domain := unix.AF_INET
	var sa unix.Sockaddr = &unix.SockaddrInet4{Port: int(plan.Listen.Port()), Addr: plan.Listen.Addr().As4()}
	if plan.Listen.Addr().Is6() && !plan.Listen.Addr().Is4In6() {
		domain = unix.AF_INET6
		sa = &unix.SockaddrInet6{Port: int(plan.Listen.Port()), Addr: plan.Listen.Addr().As16()}
	}
	fd, err := unix.Socket(domain, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	_ = unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if err := unix.Bind(fd, sa); err != nil {
		return fmt.Errorf("binding proxy/addr %s: %w", plan.Listen, err)
	}
	if err := unix.Listen(fd, unix.SOMAXCONN); err != nil {
		return err
	}
	return unix.Sendmsg(ctl, []byte{0}, unix.UnixRights(fd), nil, 0)
}

// CtlFromEnv returns the control socket a re-executed syd inherited, or -1.
func CtlFromEnv() int {
	s, ok := os.LookupEnv(EnvCtl)
	if !ok {
		return -1
	}
	os.Unsetenv(EnvCtl)
	n, err := strconv.Atoi(s)
	if err != nil || n < 3 {
		return -1
	}
	return n
}
