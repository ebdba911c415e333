// Package namespaces decides the namespaces and mounts of unshare/*, bind+,
// name/host and name/domain (spec 02 §3, 06 §3). Syd enters the namespaces
// itself, before the Go runtime starts (launch/ns.c), and the sandbox inherits
// them: syd's emulated calls then see the mounts, network and names the
// sandbox sees. A pid namespace with a mount namespace is entered by a fork:
// syd becomes its init and mounts its /proc (bind+proc:/proc gives the
// options). Without a mount namespace, and for the time namespace, syd enters
// them on the thread that starts the guard, which becomes the pid namespace's
// init (and /proc stays the host's). Mounts are made at start, privately
// (nothing propagates to the host), and the sandbox still cannot mount.
package namespaces

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/handoff"
)

// Mount is one mount made at start: a bind mount of Src (FSType empty), or a
// new file system of type FSType, on Dst with Flags (MS_*) and Data.
type Mount struct {
	Src, Dst, FSType string
	Flags            uint64
	Data             string
}

// Plan is what syd enters at start.
type Plan struct {
	// Clone are the CLONE_NEW* flags syd unshares before the Go runtime starts;
	// Children those it unshares for its children (pid, time).
	Clone, Children uintptr
	Mounts          []Mount
	// Hostname and Domainname are set in the UTS namespace when Set* is true.
	Hostname, Domainname       string
	SetHostname, SetDomainname bool
	// Root is the new root of root: (canonical; "" for none). Mounts are
	// made beneath it and syd pivots into it (EnterRoot).
	Root string
}

// Empty reports whether the plan asks for nothing.
func (p Plan) Empty() bool {
	return p.Clone == 0 && p.Children == 0 && len(p.Mounts) == 0 && !p.SetHostname && !p.SetDomainname
}

var cloneFlags = []struct {
	ns    sandbox.Namespaces
	flag  uintptr
	child bool
}{
	{sandbox.NSUser, unix.CLONE_NEWUSER, false},
	{sandbox.NSMount, unix.CLONE_NEWNS, false},
	{sandbox.NSUTS, unix.CLONE_NEWUTS, false},
	{sandbox.NSIPC, unix.CLONE_NEWIPC, false},
	{sandbox.NSNet, unix.CLONE_NEWNET, false},
	{sandbox.NSCgroup, unix.CLONE_NEWCGROUP, false},
	{sandbox.NSPID, unix.CLONE_NEWPID, true},
	{sandbox.NSTime, unix.CLONE_NEWTIME, true},
}

// mountFlags are the bind options that are mount flags; for a file system
// mount anything else is passed on as its data (mode=1777, size=1M).
var mountFlags = map[string]uint64{
	"ro": unix.MS_RDONLY, "nodev": unix.MS_NODEV, "noexec": unix.MS_NOEXEC, "nosuid": unix.MS_NOSUID,
	"nosymfollow": unix.MS_NOSYMFOLLOW, "noatime": unix.MS_NOATIME, "nodiratime": unix.MS_NODIRATIME,
	"relatime": unix.MS_RELATIME, "strictatime": unix.MS_STRICTATIME,
}

// Decide builds the plan of policy p. It refuses what cannot be done as asked:
// a bind+ or root: without unshare/mount (it would change the host's mounts
// or root), a name without unshare/uts, options a bind mount cannot take.
func Decide(p *sandbox.Policy) (Plan, error) {
	var plan Plan
	ns := p.Unshare()
	// With a mount namespace to mount its /proc in, syd enters the pid
	// namespace itself (launch/ns.c forks into it): syd, the guard and the
	// sandbox then number processes alike, in /proc too.
	ownPID := ns.Has(sandbox.NSPID) && ns.Has(sandbox.NSMount)
	for _, c := range cloneFlags {
		if ns.Has(c.ns) {
			if c.child && !(c.flag == unix.CLONE_NEWPID && ownPID) {
				plan.Children |= c.flag
			} else {
				plan.Clone |= c.flag
			}
		}
	}
	if p.FeatureEnabled(sandbox.FeatureProxy) {
		// sandbox/proxy implies unshare/net: its listener is the only way
		// out. An ordinary user can make a network namespace only inside a
		// user namespace of its own: that is implied too.
		plan.Clone |= unix.CLONE_NEWNET
		if unix.Geteuid() != 0 {
			plan.Clone |= unix.CLONE_NEWUSER
		}
	}
	if h, ok := p.Hostname(); ok {
		plan.Hostname, plan.SetHostname = h, true
	}
	if d, ok := p.Domainname(); ok {
		plan.Domainname, plan.SetDomainname = d, true
	}
	if (plan.SetHostname || plan.SetDomainname) && !ns.Has(sandbox.NSUTS) {
		return Plan{}, fmt.Errorf("name/host and name/domain need unshare/uts:1 (they would rename the host)")
	}
	binds := p.Binds()
	if len(binds) > 0 && !ns.Has(sandbox.NSMount) {
		return Plan{}, fmt.Errorf("bind+ needs unshare/mount:1 (it would change the host's mounts)")
	}
	if root, ok := p.Root(); ok {
		if !ns.Has(sandbox.NSMount) {
			return Plan{}, fmt.Errorf("root: needs unshare/mount:1 (it would change the host's root)")
		}
		dir, err := filepath.EvalSymlinks(root)
		if err == nil {
			var st os.FileInfo
			if st, err = os.Stat(dir); err == nil && !st.IsDir() {
				err = fmt.Errorf("not a directory")
			}
		}
		if err != nil {
			return Plan{}, fmt.Errorf("root:%s: %v", root, err)
		}
		// The new root becomes a mount point (pivot_root wants one); the
		// mounts of bind+ are made beneath it.
		plan.Root = dir
		plan.Mounts = append(plan.Mounts, Mount{Src: dir, Dst: dir})
	}
	for _, b := range binds {
		m := Mount{Src: b.Src, Dst: plan.Root + b.Dst}
		if !strings.HasPrefix(b.Src, "/") {
			m.FSType = b.Src
		}
		var data []string
		for _, o := range b.Opts {
			if f, ok := mountFlags[o]; ok {
				m.Flags |= f
			} else if m.FSType != "" {
				data = append(data, o)
			} else {
				return Plan{}, fmt.Errorf("bind+%s:%s: %q is not an option of a bind mount (want ro, nodev, noexec, nosuid, nosymfollow or an atime option)", b.Src, b.Dst, o)
			}
		}
		m.Data = strings.Join(data, ",")
		plan.Mounts = append(plan.Mounts, m)
	}
	switch {
	case plan.mountsProc():
	case ownPID:
		plan.Mounts = append(plan.Mounts, Mount{Src: "proc", Dst: plan.Root + "/proc", FSType: "proc",
			Flags: unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC})
	case plan.Root != "":
		// Syd needs /proc in the new root too: the host's (a new proc of
		// the host's pid namespace needs privilege there).
		plan.Mounts = append(plan.Mounts, Mount{Src: "/proc", Dst: plan.Root + "/proc"})
	}
	return plan, nil
}

// mountsProc reports whether the plan mounts a proc file system on /proc.
func (p Plan) mountsProc() bool {
	for _, m := range p.Mounts {
		if m.FSType == "proc" && m.Dst == p.Root+"/proc" {
			return true
		}
	}
	return false
}

// EnterRoot makes the plan's root (root:) the root of syd's mount namespace,
// and so of the sandbox, with pivot_root(2); the old root is detached, so
// nothing outside the new root can be reached again. The working directory
// is kept when it exists in the new root, else it is the new root. Syd calls
// it once its configuration is read (launch/ns.c made the mounts beneath the
// new root).
func (p Plan) EnterRoot() error {
	if p.Root == "" {
		return nil
	}
	cwd, _ := os.Getwd()
	if err := unix.Chdir(p.Root); err != nil {
		return fmt.Errorf("root:%s: %w", p.Root, err)
	}
	if err := unix.PivotRoot(".", "."); err != nil {
		return fmt.Errorf("root:%s: pivot_root: %w", p.Root, err)
	}
	if err := unix.Unmount(".", unix.MNT_DETACH); err != nil {
		return fmt.Errorf("root:%s: detaching the old root: %w", p.Root, err)
	}
	if cwd == "" || unix.Chdir(cwd) != nil {
		return unix.Chdir("/")
	}
	return nil
}

// Encode renders what launch/ns.c applies before the Go runtime starts: the
// Clone flags, the names and the mounts (Children are Go's to apply).
func (p Plan) Encode() []byte {
	var e handoff.Encoder
	e.U32(uint32(p.Clone))
	var flags uint32
	if p.SetHostname {
		flags |= 1
	}
	if p.SetDomainname {
		flags |= 2
	}
	e.U32(flags)
	e.Str(p.Hostname)
	e.Str(p.Domainname)
	e.U32(uint32(len(p.Mounts)))
	for _, m := range p.Mounts {
		e.Str(m.Src)
		e.Str(m.Dst)
		e.Str(m.FSType)
		e.U64(m.Flags)
		e.Str(m.Data)
	}
	return e.Bytes()
}
