// forward.go: the forwarder process (syd-tor's part): it resolves the upstream,
// confines itself, receives the listener and relays every connection.
package proxy

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/landlock-lsm/go-landlock/landlock"
	"golang.org/x/sys/unix"

	"syd/supervisor/internal/handoff"
)

// IsForwarder reports whether this process was started as the forwarder.
func IsForwarder() bool { return os.Getenv(handoff.EnvMarker) == Mode }

// Main is the forwarder. It never returns.
func Main() {
	ext := os.Getenv(envExt)
	addr, err := resolve(ext)
	if err != nil {
		reply(err.Error())
		os.Exit(1)
	}
	if err := confine(addr.Port); err != nil {
		reply("confining the forwarder: " + err.Error())
		os.Exit(1)
	}
	reply("")
	ln, err := receiveListener()
	if err != nil {
		os.Exit(0) // syd went away before it sent one
	}
	// syd's end closes when syd exits: so does the forwarder.
	go func() {
		var b [1]byte
		for {
			n, err := unix.Read(ctlFD, b[:])
			if n == 0 || (err != nil && err != unix.EINTR) {
				os.Exit(0)
			}
		}
	}()
	d := net.Dialer{Timeout: 30 * time.Second}
	d.SetMultipathTCP(false) // Landlock's TCP rules do not cover MPTCP
	for {
		c, err := ln.Accept()
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				continue
			}
			time.Sleep(10 * time.Millisecond) // EMFILE and the like: try again
			continue
		}
		go relay(c, &d, addr.String())
	}
}

// reply answers Start: an empty message (one NUL) is success.
func reply(msg string) {
	b := []byte(msg)
	if len(b) == 0 {
		b = []byte{0}
	}
	_, _ = unix.Write(ctlFD, b)
}

// resolve turns host:port into one address, at start, once.
func resolve(ext string) (*net.TCPAddr, error) {
	host, portStr, err := net.SplitHostPort(ext)
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ips, err := net.DefaultResolver.LookupIPAddr(ctx, host)
	if err != nil {
		return nil, fmt.Errorf("resolving %q: %w", host, err)
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("resolving %q: no address", host)
	}
	return &net.TCPAddr{IP: ips[0].IP, Port: port}, nil
}

// confine leaves the forwarder nothing but its job: no file system (Landlock
// handles every right and allows none), TCP connects to the upstream port only
// and no binds (ABI 4 and later), no abstract sockets or signals outside its
// domain (ABI 6), no new privileges.
func confine(port int) error {
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return err
	}
	return landlock.V7.BestEffort().Restrict(landlock.ConnectTCP(uint16(port)))
}

// receiveListener waits for the listener syd sends over the control socket.
func receiveListener() (net.Listener, error) {
	var b [1]byte
	_, fd, err := handoff.RecvFD(ctlFD, b[:])
	if err != nil {
		return nil, fmt.Errorf("no listener: %w", err)
	}
	f := os.NewFile(uintptr(fd), "proxy-listener")
	defer f.Close()
	return net.FileListener(f)
}

// relay copies both ways between the sandbox's connection and a new one to the
// upstream (splice(2) underneath, TCP to TCP), passing each half-close on.
func relay(in net.Conn, d *net.Dialer, upstream string) {
	defer in.Close()
	out, err := d.Dial("tcp", upstream)
	if err != nil {
		return
	}
	defer out.Close()
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(out, in)
		_ = out.(*net.TCPConn).CloseWrite()
		close(done)
	}()
	_, _ = io.Copy(in, out)
	if tc, ok := in.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
	}
	<-done
}
