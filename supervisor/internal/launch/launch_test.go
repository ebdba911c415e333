package launch

import (
	"reflect"
	"testing"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/handoff"
	"syd/supervisor/internal/lockdomain"
	"syd/supervisor/internal/namespaces"
)

// The C decoder reads back exactly what handoff encodes, flags included.
func TestStubConfigRoundTrip(t *testing.T) {
	for _, want := range []handoff.StubConfig{
		{Path: "/bin/true", Argv: []string{"true"}, BPF: []byte{1, 2, 3, 4, 5, 6, 7, 8}},
		{Path: "/usr/bin/env", Argv: []string{"env", "", "a b"}, Env: []string{"A=1", "B="},
			Static: [][]byte{{1, 0, 0, 0, 0, 0, 0, 0}, {2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0}},
			BPF:    make([]byte, 16), LoadFlags: 0x2f, ExecRoots: []string{"/usr", "/lib64/ld-linux-x86-64.so.2"},
			Plugin: "/tmp/p.so", KeepCaps: true, ScopeSignals: true, MDWE: true, Lock: []byte{1, 2, 3}},
		{Path: "/bin/x", Argv: []string{"x"}, BPF: make([]byte, 8), ExecRoots: []string{}},
	} {
		frame, err := want.Encode()
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := decodeStub(frame)
		if err != nil {
			t.Fatalf("decode %+v: %v", want, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
		}
	}
}

// A frame cut short, or with bytes after its end, is refused, never read past.
func TestStubConfigMalformed(t *testing.T) {
	frame, err := handoff.StubConfig{Path: "/bin/true", Argv: []string{"true", "x"}, Env: []string{"A=1"},
		Static: [][]byte{make([]byte, 8)}, BPF: make([]byte, 8), ExecRoots: []string{"/usr"}, Plugin: "p"}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for n := 4; n < len(frame); n++ {
		if _, _, err := decodeStub(frame[:n]); err != unix.EINVAL {
			t.Fatalf("frame cut at %d of %d: err %v, want EINVAL", n, len(frame), err)
		}
	}
	if _, _, err := decodeStub(append(frame, 0)); err != unix.EINVAL {
		t.Fatalf("trailing byte: err %v, want EINVAL", err)
	}
	// A huge count must not make the decoder allocate for it.
	bad := append([]byte(nil), frame...)
	copy(bad[4+8+4+len("/bin/true")+1:], []byte{0xff, 0xff, 0xff, 0x7f})
	if _, _, err := decodeStub(bad); err != unix.EINVAL {
		t.Fatalf("huge argv count: err %v, want EINVAL", err)
	}
	// Strings hold no NUL: the encoder says so, and the decoder refuses one.
	if _, err := (handoff.StubConfig{Path: "/bin/a\x00b", Argv: []string{"a"}}).Encode(); err == nil {
		t.Fatal("a path with a NUL byte was encoded")
	}
}

// The C decoders read back the Landlock and namespace plans Go encodes.
func TestPlansRoundTrip(t *testing.T) {
	lock := lockdomain.Plan{HandledFS: 0x7fff, HandledNet: 3,
		Paths: []lockdomain.Rule{{Path: "/usr", Access: 7}, {Path: "/tmp", Access: 0x7fff}},
		Ports: []lockdomain.PortRule{{Lo: 80, Hi: 81, Access: 1}}}
	fs, net, paths, access, ports, err := decodeLock(lock.Encode())
	if err != nil || fs != 0x7fff || net != 3 || !reflect.DeepEqual(paths, []string{"/usr", "/tmp"}) ||
		!reflect.DeepEqual(access, []uint64{7, 0x7fff}) || !reflect.DeepEqual(ports, [][3]uint64{{1, 80, 81}}) {
		t.Errorf("lock plan: %#x %#x %v %v %v %v", fs, net, paths, access, ports, err)
	}
	if _, _, _, _, _, err := decodeLock(lock.Encode()[:20]); err != unix.EINVAL {
		t.Errorf("cut lock plan: %v, want EINVAL", err)
	}

	ns := namespaces.Plan{Clone: unix.CLONE_NEWUSER | unix.CLONE_NEWNS, Hostname: "box", SetHostname: true,
		Mounts: []namespaces.Mount{{Src: "/usr", Dst: "/usr", Flags: unix.MS_RDONLY}, {Src: "tmpfs", Dst: "/tmp", FSType: "tmpfs", Data: "mode=1777"}}}
	clone, host, domain, mounts, flags, err := decodeNS(ns.Encode())
	if err != nil || clone != uint64(ns.Clone) || host != "box" || domain != "" ||
		!reflect.DeepEqual(mounts, [][4]string{{"/usr", "/usr", "", ""}, {"tmpfs", "/tmp", "tmpfs", "mode=1777"}}) ||
		!reflect.DeepEqual(flags, []uint64{unix.MS_RDONLY, 0}) {
		t.Errorf("namespace plan: %#x %q %q %v %v %v", clone, host, domain, mounts, flags, err)
	}
	if _, _, _, _, _, err := decodeNS(append(ns.Encode(), 0)); err != unix.EINVAL {
		t.Errorf("namespace plan with a trailing byte: %v, want EINVAL", err)
	}
}
