// Package lockdomain decides the Landlock domain of sandbox/lock (spec 02 §3,
// 05 §3): which rights the running kernel can enforce, what the allow/lock/*
// lists allow, and what syd needs on top of that to serve the sandbox from
// inside the same domain (spec 06 §1: syd and its handler threads are in it,
// so an emulated open is refused where the sandbox's own would be). Package
// launch applies the plans: syd's before the Go runtime starts, the sandbox's
// in the stub.
package lockdomain

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"

	ll "github.com/landlock-lsm/go-landlock/landlock/syscall"

	"syd/sandbox"
	"syd/sandbox/netaddr"
	"syd/supervisor/internal/handoff"
)

// Rule allows Access beneath Path (on Path alone when it is not a directory:
// the stub keeps only the rights a file can have).
type Rule struct {
	Path   string
	Access uint64
}

// PortRule allows Access (bind, connect) on the TCP ports Lo..Hi.
type PortRule struct {
	Lo, Hi uint16
	Access uint64
}

// Plan is one Landlock domain: the handled rights and what is allowed.
type Plan struct {
	HandledFS, HandledNet uint64
	Paths                 []Rule
	Ports                 []PortRule
}

// fsRights are the file system rights each Landlock ABI knows (cumulative).
func fsRights(abi int) uint64 {
	r := uint64(ll.AccessFSExecute | ll.AccessFSWriteFile | ll.AccessFSReadFile | ll.AccessFSReadDir |
		ll.AccessFSRemoveDir | ll.AccessFSRemoveFile | ll.AccessFSMakeChar | ll.AccessFSMakeDir |
		ll.AccessFSMakeReg | ll.AccessFSMakeSock | ll.AccessFSMakeFifo | ll.AccessFSMakeBlock | ll.AccessFSMakeSym)
	if abi >= 2 {
		r |= ll.AccessFSRefer
	}
	if abi >= 3 {
		r |= ll.AccessFSTruncate
	}
	if abi >= 5 {
		r |= ll.AccessFSIoctlDev
	}
	return r
}

// readRights is what allow/lock/read gives: reading, listing and executing.
const readRights = ll.AccessFSExecute | ll.AccessFSReadFile | ll.AccessFSReadDir

// netABI is the first ABI with TCP port rules (Linux 6.7).
const netABI = 4

// listRights are the rights of the finer lists (sandbox.LockListNames) and
// the first ABI that has each.
var listRights = map[string]struct {
	access uint64
	abi    int
}{
	"exec": {ll.AccessFSExecute, 1}, "ioctl": {ll.AccessFSIoctlDev, 5}, "create": {ll.AccessFSMakeReg, 1},
	"delete": {ll.AccessFSRemoveFile, 1}, "rename": {ll.AccessFSRefer, 2}, "symlink": {ll.AccessFSMakeSym, 1},
	"truncate": {ll.AccessFSTruncate, 3}, "readdir": {ll.AccessFSReadDir, 1}, "mkdir": {ll.AccessFSMakeDir, 1},
	"rmdir": {ll.AccessFSRemoveDir, 1}, "mkbdev": {ll.AccessFSMakeBlock, 1}, "mkcdev": {ll.AccessFSMakeChar, 1},
	"mkfifo": {ll.AccessFSMakeFifo, 1}, "bind": {ll.AccessFSMakeSock, 1},
}

// Decide builds the sandbox's domain from the allow/lock/* lists for a kernel
// of Landlock ABI abi. Every file system right the kernel knows is handled, so
// anything the lists do not allow is refused: read paths get reading, listing
// and executing, write paths every right (execute and ioctl included, as in
// Syd), and each finer list (exec, create, mkdir, ...) its one right. A port list that is given restricts its operation (bind or connect)
// to its ports; one that is empty leaves it alone. It fails, rather than
// weakening the policy, on a kernel without Landlock, or without the right a
// list asks for (TCP port rules, refer, truncate, ioctl).
func Decide(l sandbox.Landlock, abi int) (Plan, error) {
	if abi < 1 {
		return Plan{}, fmt.Errorf("sandbox/lock:on needs Landlock, which this kernel does not have (or it is off: see the lsm= boot parameter)")
	}
	if (len(l.Bind) > 0 || len(l.Connect) > 0) && abi < netABI {
		return Plan{}, fmt.Errorf("allow/lock/bind and allow/lock/connect need Landlock ABI %d (Linux 6.7); this kernel has ABI %d", netABI, abi)
	}
	all := fsRights(abi)
	p := Plan{HandledFS: all}
	for _, path := range l.Read {
		p.Paths = append(p.Paths, Rule{path, readRights})
	}
	for _, path := range l.Write {
		p.Paths = append(p.Paths, Rule{path, all})
	}
	for _, name := range sandbox.LockListNames {
		r := listRights[name]
		if len(l.Lists[name]) > 0 && abi < r.abi {
			return Plan{}, fmt.Errorf("allow/lock/%s needs Landlock ABI %d; this kernel has ABI %d", name, r.abi, abi)
		}
		for _, path := range l.Lists[name] {
			p.Paths = append(p.Paths, Rule{path, r.access})
		}
	}
	for _, list := range []struct {
		ports  []netaddr.Ports
		access uint64
	}{{l.Bind, ll.AccessNetBindTCP}, {l.Connect, ll.AccessNetConnectTCP}} {
		if len(list.ports) > 0 {
			p.HandledNet |= list.access
		}
		for _, r := range list.ports {
			p.Ports = append(p.Ports, PortRule{r.Lo, r.Hi, list.access})
		}
	}
	return p, nil
}

// ForSyd is the domain syd itself enters: the sandbox's plus what syd needs to
// serve it. /proc, to read the tracees' state; every file mapped into syd (its
// binary, the loader and its libraries), to start the guard; files, the
// configuration files syd reads again after entering the domain, and the
// plugin it loads. These extra paths are the only ones an emulated call can
// reach beyond the sandbox's own domain (README "Landlock").
func (p Plan) ForSyd(files []string) Plan {
	q := p
	q.Paths = slices.Clone(p.Paths)
	q.Paths = append(q.Paths, Rule{"/proc", (ll.AccessFSReadFile | ll.AccessFSReadDir) & p.HandledFS})
	for _, f := range append(mappedFiles(), files...) {
		q.Paths = append(q.Paths, Rule{f, (ll.AccessFSReadFile | ll.AccessFSExecute) & p.HandledFS})
	}
	return q
}

// ForSandbox is the domain the stub nests in syd's: the file system part only.
// The port rules are enforced by syd's domain, which the sandbox inherits (a
// range of ports is one rule per port: this halves the cost of a large one).
func (p Plan) ForSandbox() Plan {
	return Plan{HandledFS: p.HandledFS, Paths: p.Paths}
}

// mappedFiles lists the files mapped into syd (/proc/self/maps).
func mappedFiles() []string {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 6 && strings.HasPrefix(fields[5], "/") && !slices.Contains(out, fields[5]) {
			out = append(out, fields[5])
		}
	}
	return out
}

// Encode renders the plan for launch/frame.c: 32-bit counts, 64-bit rights,
// paths ending in a NUL.
func (p Plan) Encode() []byte {
	var e handoff.Encoder
	e.U64(p.HandledFS)
	e.U64(p.HandledNet)
	e.U32(uint32(len(p.Paths)))
	for _, r := range p.Paths {
		e.U64(r.Access)
		e.Str(r.Path)
	}
	e.U32(uint32(len(p.Ports)))
	for _, r := range p.Ports {
		e.U64(r.Access)
		e.U32(uint32(r.Lo))
		e.U32(uint32(r.Hi))
	}
	return e.Bytes()
}
