// exec.go: execve and execveat. Exec cannot be emulated, so the supervisor checks the
// resolved binary, lets the kernel run the call, and then verifies what was actually
// executed: if /proc/<pid>/exe is not a binary it approved, the process is killed.
package handlers

import (
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/execcheck"
	"syd/supervisor/internal/pathres"
)

func init() {
	// Always supervised: exec of a memfd or of the dynamic loader is refused
	// whatever the categories (spec 06 §3); under both relaxations the exec
	// category alone decides.
	for _, c := range []sysName{{unix.SYS_EXECVE, "execve"}, {unix.SYS_EXECVEAT, "execveat"}} {
		register(c.nr, c.name, map[int]Handler{unix.SYS_EXECVE: sysExecve, unix.SYS_EXECVEAT: sysExecveat}[c.nr], nil)
		table[c.nr].needed = execNeeded
	}
}

// execNeeded reports whether exec is supervised although the exec category is
// off: as long as a hardening measure of exec is in force.
func execNeeded(p *sandbox.Policy) bool {
	return p.Enabled(sandbox.CatExec) || !p.Has(sandbox.FlagAllowUnsafeMemfd) || !p.Has(sandbox.FlagAllowUnsafeLdso) ||
		!execRules(p).AllowsAll() || p.FeatureEnabled(sandbox.FeatureTPE) || p.FeatureEnabled(sandbox.FeatureForce)
}

// execRules are the policy's checks of what an executable is (spec 06 §3).
func execRules(p *sandbox.Policy) execcheck.Rules {
	return execcheck.Rules{
		AllowNoPIE: p.Has(sandbox.FlagAllowUnsafeNopie), AllowExecStack: p.Has(sandbox.FlagAllowUnsafeStack),
		DenyElf32: p.Has(sandbox.FlagDenyElf32), DenyDynamic: p.Has(sandbox.FlagDenyElfDynamic),
		DenyStatic: p.Has(sandbox.FlagDenyElfStatic), DenyScript: p.Has(sandbox.FlagDenyScript),
	}
}

// kindRefusal is the decision refusing an executable of kind k, with the tip
// that lifts the check.
func kindRefusal(k execcheck.Kind) decision {
	tip := map[execcheck.Kind]string{
		execcheck.NoPIE: "trace/allow_unsafe_nopie:1", execcheck.ExecStack: "trace/allow_unsafe_stack:1",
		execcheck.Elf32: "trace/deny_elf32:0", execcheck.Dynamic: "trace/deny_elf_dynamic:0",
		execcheck.Static: "trace/deny_elf_static:0", execcheck.Script: "trace/deny_script:0",
		execcheck.Unreadable: "trace/allow_unsafe_nopie:1 and trace/allow_unsafe_stack:1 (or a readable file)",
	}[k]
	return decision{act: sandbox.ActionDeny, cat: sandbox.CatExec, tip: tip}
}

// loadedCheck is what the binary the kernel loaded must pass: checked on the
// file the kernel runs, which it keeps from being written while it runs, so
// nothing can change it after this check.
type loadedCheck struct {
	rules execcheck.Rules
	sum   execcheck.Checksum // the force checksum of file, when it has one
	file  fileID
}

// ok reports whether process pid's binary passes (a binary syd cannot read
// does not, when there is anything to check).
func (l loadedCheck) ok(pid int) bool {
	if l.rules.AllowsAll() && l.sum.Alg == "" {
		return true
	}
	fd, err := unix.Open("/proc/"+strconv.Itoa(pid)+"/exe", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	if execcheck.Check(fd, l.rules) != "" {
		return false
	}
	var st unix.Stat_t
	if l.sum.Alg != "" && unix.Fstat(fd, &st) == nil && (fileID{st.Dev, st.Ino}) == l.file && !l.sum.Matches(fd) {
		return false // rewritten between the check and the exec
	}
	return true
}

func sysExecve(c *Call) (int64, error) {
	return c.exec(-1, 0, pathres.FollowLast, false)
}

func sysExecveat(c *Call) (int64, error) {
	flags := c.Arg(4)
	if flags&^uint64(unix.AT_SYMLINK_NOFOLLOW|unix.AT_EMPTY_PATH) != 0 {
		return 0, unix.EINVAL
	}
	fl := pathres.FollowLast
	if flags&unix.AT_SYMLINK_NOFOLLOW != 0 {
		fl = 0
	}
	return c.exec(0, 1, fl, flags&unix.AT_EMPTY_PATH != 0)
}

func (c *Call) exec(dirfdIdx, pathIdx int, fl pathres.Flags, emptyPath bool) (int64, error) {
	res, err := c.resolveAt(dirfdIdx, pathIdx, fl, emptyPath)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	if !res.Exists {
		return 0, unix.ENOENT
	}
	if res.Mode&unix.S_IFMT == unix.S_IFLNK {
		return 0, unix.ELOOP // execveat(AT_SYMLINK_NOFOLLOW) on a symlink
	}
	// A memfd has no path: it is checked as "!memfd:NAME", and not run at all
	// unless trace/allow_unsafe_memfd.
	path := res.Path
	if name, ok := execcheck.MemfdName(path); ok {
		path = sandbox.MemfdPrefix + name
		if !c.Policy.Has(sandbox.FlagAllowUnsafeMemfd) {
			return 0, c.enforce(refusal(sandbox.CatExec, sandbox.FlagAllowUnsafeMemfd), path, unix.EACCES)
		}
	}
	// What the file is: the dynamic loader run directly runs its argument
	// unchecked; non-PIE, executable stack, ... are checked here for the
	// caller's errno, and again on what the kernel loaded (a file can be
	// rewritten until it runs).
	rules := execRules(c.Policy)
	if d, refused := c.fileRefusal(&res, rules); refused {
		return 0, c.enforce(d, path, unix.EACCES)
	}
	st, err := c.status()
	if err != nil {
		return 0, goneIfESRCH(err)
	}
	// Trusted Path Execution and verified execution (Force).
	if d := c.tpe(&res, &st); d.act != sandbox.ActionAllow {
		if err := c.enforce(d, path, unix.EACCES); err != nil {
			return 0, err
		}
	}
	d, sum := c.force(&res, path)
	if d.act != sandbox.ActionAllow {
		if err := c.enforce(d, path, unix.EACCES); err != nil {
			return 0, err
		}
	}
	if d := c.segvguard(path); d.act != sandbox.ActionAllow {
		if err := c.enforce(d, path, unix.EACCES); err != nil {
			return 0, err
		}
	}
	loaded := loadedCheck{rules: rules, sum: sum, file: fileID{res.Stat.Dev, res.Stat.Ino}}
	// A refused exec is EACCES even on a hidden path (spec 04 §2: `syd -- true` is
	// 13); an allowed exec of a hidden path finds nothing (ENOENT), like every call.
	if c.Policy.Enabled(sandbox.CatExec) {
		if d := c.checkPath(path, sandbox.CatExec); d.act != sandbox.ActionAllow {
			if err := c.enforce(d, path, unix.EACCES); err != nil {
				return 0, err
			}
		}
	}
	if res.HasPath() && c.hidden(res.Path) {
		return 0, c.access(res.Path) // logs the stat decision, answers ENOENT
	}
	if !c.Policy.Enabled(sandbox.CatExec) && c.Policy.Has(sandbox.FlagAllowUnsafeMemfd) && c.Policy.Has(sandbox.FlagAllowUnsafeLdso) {
		return 0, errContinue
	}
	// The kernel reads the path again after we answer; a sibling thread or a
	// renamed file could make it run something else. Approve this binary (and its
	// #! interpreters), then verify what the kernel actually loaded.
	if !c.Valid() {
		return 0, errGone
	}
	approved, err := c.approvedBinaries(&res)
	if err != nil {
		return 0, err
	}
	if verifyExecTraced(c, approved, loaded, c.crashWatch(path)) {
		return 0, nil // answered by the tracer, after it attached
	}
	for id := range approved {
		execWatches.approve(c, st.Tgid, id, loaded)
	}
	return 0, errContinue
}

// fileRefusal reads the resolved binary once for what the policy refuses in
// it: the dynamic loader (unless trace/allow_unsafe_exec_ldso), then what rules
// refuse. A binary syd cannot read (mode --x) is refused when rules check
// anything: what it is cannot be checked.
func (c *Call) fileRefusal(res *pathres.Result, rules execcheck.Rules) (decision, bool) {
	ldso := !c.Policy.Has(sandbox.FlagAllowUnsafeLdso)
	if !ldso && rules.AllowsAll() {
		return decision{}, false
	}
	fd, err := openResolved(res)
	if err != nil {
		if rules.AllowsAll() {
			return decision{}, false // unreadable: not something ld.so could be either
		}
		return kindRefusal(execcheck.Unreadable), true
	}
	defer unix.Close(fd)
	if ldso && execcheck.IsLoader(fd) {
		return refusal(sandbox.CatExec, sandbox.FlagAllowUnsafeLdso), true
	}
	if k := execcheck.Check(fd, rules); k != "" {
		return kindRefusal(k), true
	}
	return decision{}, false
}

// openResolved opens the resolved binary for reading, without following it again.
func openResolved(res *pathres.Result) (int, error) {
	dirfd, name, flags := res.At()
	if flags == unix.AT_EMPTY_PATH {
		return unix.Open(res.ProcPath(), unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	}
	oflags := unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK
	if flags&unix.AT_SYMLINK_NOFOLLOW != 0 {
		oflags |= unix.O_NOFOLLOW // a magic link (/proc/self/fd/N) is followed
	}
	return unix.Openat(dirfd, name, oflags, 0)
}

// approvedBinaries is the checked binary plus the interpreter chain of a #! script
// (the kernel runs the interpreter, which then shows as /proc/<pid>/exe), each
// interpreter checked against exec rules too.
func (c *Call) approvedBinaries(res *pathres.Result) (map[fileID]bool, error) {
	out := map[fileID]bool{{res.Stat.Dev, res.Stat.Ino}: true}
	dirfd, name, flags := res.At()
	path := "/proc/self/fd/" + strconv.Itoa(dirfd) + "/" + name
	if flags == unix.AT_EMPTY_PATH {
		path = res.ProcPath()
	}
	for depth := 0; depth < 4; depth++ { // the kernel's BINPRM_MAX_RECURSION
		interp := shebang(path)
		if interp == "" {
			break
		}
		var st unix.Stat_t
		if unix.Stat(interp, &st) != nil {
			break
		}
		// Rules name canonical paths: "#!/bin/sh" runs /usr/bin/dash here.
		if canon, err := filepath.EvalSymlinks(interp); err == nil {
			interp = canon
		}
		// The kernel runs the interpreter too: a denied one refuses the
		// script (EACCES), and a warned one is learned like the script.
		if err := c.enforce(c.checkPath(interp, sandbox.CatExec), interp, unix.EACCES); err != nil {
			return nil, err
		}
		out[fileID{st.Dev, st.Ino}] = true
		path = interp
	}
	return out, nil
}

// shebang returns the interpreter named by a "#!" line, or "".
func shebang(path string) string {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		return ""
	}
	defer unix.Close(fd)
	var buf [256]byte
	n, _ := unix.Read(fd, buf[:])
	if n < 3 || buf[0] != '#' || buf[1] != '!' {
		return ""
	}
	line := strings.TrimLeft(string(buf[2:n]), " \t")
	if i := strings.IndexAny(line, " \t\n"); i >= 0 {
		line = line[:i]
	}
	return line
}

// fileID identifies a file by device and inode.
type fileID struct{ dev, ino uint64 }

// exeOf reads the identity of the running binary of process pid.
func exeOf(pid int) (fileID, error) {
	var st unix.Stat_t
	err := unix.Stat("/proc/"+strconv.Itoa(pid)+"/exe", &st)
	return fileID{st.Dev, st.Ino}, err
}

// execWatch follows one process after an approved exec until its binary changes,
// then kills it unless the new binary is one the supervisor approved for it.
type execWatch struct {
	pidfd    int
	before   fileID
	approved map[fileID]bool
	loaded   loadedCheck
}

type watchSet struct {
	mu sync.Mutex
	m  map[int]*execWatch // by tgid
}

var execWatches = watchSet{m: map[int]*execWatch{}}

// execWatchFor is how long a watch lives: an exec that has not replaced the binary by
// then has failed (its errno went back to the caller) or the process is gone.
const execWatchFor = 2 * time.Second

func (ws *watchSet) approve(c *Call, tgid int, id fileID, loaded loadedCheck) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if w, ok := ws.m[tgid]; ok {
		w.approved[id] = true // a chain of execs: every approved binary is acceptable
		return
	}
	before, err := exeOf(tgid)
	if err != nil {
		return
	}
	pidfd, err := unix.PidfdOpen(tgid, 0)
	if err != nil {
		return
	}
	if !c.Valid() { // tgid may have been reused before pidfd_open
		unix.Close(pidfd)
		return
	}
	w := &execWatch{pidfd: pidfd, before: before, approved: map[fileID]bool{id: true}, loaded: loaded}
	ws.m[tgid] = w
	go ws.follow(tgid, w)
}

// follow polls the process's binary; exec replaces it within milliseconds.
func (ws *watchSet) follow(tgid int, w *execWatch) {
	defer func() {
		ws.mu.Lock()
		delete(ws.m, tgid)
		ws.mu.Unlock()
		unix.Close(w.pidfd)
	}()
	deadline := time.Now().Add(execWatchFor)
	for delay := 50 * time.Microsecond; time.Now().Before(deadline); delay = min(2*delay, 2*time.Millisecond) {
		time.Sleep(delay)
		cur, err := exeOf(tgid)
		if err != nil {
			return // gone
		}
		if cur == w.before {
			continue
		}
		ws.mu.Lock()
		ok := w.approved[cur]
		ws.mu.Unlock()
		if !ok || !w.loaded.ok(tgid) {
			_ = unix.PidfdSendSignal(w.pidfd, unix.SIGKILL, nil, 0)
		}
		return
	}
}
