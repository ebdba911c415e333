package lockdomain

import (
	"testing"

	ll "github.com/landlock-lsm/go-landlock/landlock/syscall"

	"syd/sandbox"
	"syd/sandbox/netaddr"
)

func TestDecide(t *testing.T) {
	lists := sandbox.Landlock{Read: []string{"/usr"}, Write: []string{"/tmp"}}
	if _, err := Decide(lists, 0); err == nil {
		t.Fatal("a kernel without Landlock was accepted")
	}
	ports := lists
	ports.Bind = []netaddr.Ports{{Lo: 80, Hi: 81}}
	if _, err := Decide(ports, 3); err == nil {
		t.Fatal("port rules were accepted on ABI 3 (no TCP rules)")
	}

	p, err := Decide(lists, 3)
	if err != nil {
		t.Fatal(err)
	}
	if p.HandledFS&ll.AccessFSTruncate == 0 || p.HandledFS&ll.AccessFSIoctlDev != 0 {
		t.Errorf("ABI 3 handles %#x: want truncate and no ioctl", p.HandledFS)
	}
	if p.HandledNet != 0 || len(p.Ports) != 0 {
		t.Errorf("no port list, yet net handled %#x", p.HandledNet)
	}
	if p.Paths[0] != (Rule{"/usr", ll.AccessFSExecute | ll.AccessFSReadFile | ll.AccessFSReadDir}) {
		t.Errorf("read rule %+v", p.Paths[0])
	}
	if p.Paths[1] != (Rule{"/tmp", p.HandledFS}) {
		t.Errorf("write rule %+v: want every handled right", p.Paths[1])
	}

	p, err = Decide(ports, 5)
	if err != nil {
		t.Fatal(err)
	}
	if p.HandledNet != ll.AccessNetBindTCP || len(p.Ports) != 1 || p.Ports[0] != (PortRule{80, 81, ll.AccessNetBindTCP}) {
		t.Errorf("bind list: net %#x, rules %+v", p.HandledNet, p.Ports)
	}
	if s := p.ForSandbox(); s.HandledNet != 0 || s.Ports != nil || len(s.Paths) != 2 {
		t.Errorf("sandbox plan %+v: want the file system part only", s)
	}
	own := p.ForSyd([]string{"/etc/x.syd-3"})
	if len(own.Paths) <= 3 || own.Paths[2].Path != "/proc" || own.Paths[len(own.Paths)-1].Path != "/etc/x.syd-3" {
		t.Errorf("syd's plan %+v: want the lists, /proc, mapped files and the config file", own.Paths)
	}
	if len(p.Paths) != 2 {
		t.Error("ForSyd changed the sandbox's plan")
	}
}

// Each finer list allows its one right; a right the kernel's ABI lacks fails
// closed instead of being dropped.
func TestFinerLists(t *testing.T) {
	l := sandbox.Landlock{Lists: map[string][]string{"create": {"/tmp/c"}, "mkdir": {"/tmp/d"}, "bind": {"/run/s"}, "truncate": {"/tmp/t"}}}
	p, err := Decide(l, 7)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]uint64{"/tmp/c": ll.AccessFSMakeReg, "/tmp/d": ll.AccessFSMakeDir, "/run/s": ll.AccessFSMakeSock, "/tmp/t": ll.AccessFSTruncate}
	if len(p.Paths) != len(want) {
		t.Fatalf("rules %+v", p.Paths)
	}
	for _, r := range p.Paths {
		if want[r.Path] != r.Access {
			t.Errorf("%s: access %#x, want %#x", r.Path, r.Access, want[r.Path])
		}
	}
	if _, err := Decide(l, 2); err == nil {
		t.Error("allow/lock/truncate accepted on ABI 2 (no truncate right)")
	}
	if _, err := Decide(sandbox.Landlock{Lists: map[string][]string{"ioctl": {"/dev"}}}, 4); err == nil {
		t.Error("allow/lock/ioctl accepted on ABI 4")
	}
}
