// mmapexec.go: a file mapped executable (mmap with PROT_EXEC of a file, how the
// loader and dlopen load a library) is decided as an exec of that file: exec
// sandboxing and Force (spec 06 §3, 05 §2), on the file the caller's fd names
// (pidfd_getfd), refused with EACCES before anything is mapped. Where nothing
// else can change the caller's fd table while it waits (one thread, and no
// process shares the table: newtask.go), the kernel then maps exactly that file.
// Otherwise another thread could put another file at that fd number between the
// check and the kernel's mapping: then the call is continued under ptrace, and
// at its return the mapping made at the address returned must be of the path
// checked, or the process is killed before it runs another instruction.
// memfds and other files without a path are not checked here.
package handlers

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/filter"
	"syd/supervisor/internal/pathres"
)

func init() {
	register(unix.SYS_MMAP, "mmap", sysMmapExec, nil,
		filter.ArgMask{Arg: 2, Mask: unix.PROT_EXEC, Value: unix.PROT_EXEC})
	table[unix.SYS_MMAP].needed = libraryChecked
}

// libraryChecked reports whether p decides libraries at all.
func libraryChecked(p *sandbox.Policy) bool {
	return p.Enabled(sandbox.CatExec) || p.FeatureEnabled(sandbox.FeatureForce)
}

func sysMmapExec(c *Call) (int64, error) {
	fd := int32(c.Arg(4))
	if c.Arg(2)&unix.PROT_EXEC == 0 || c.Arg(3)&unix.MAP_ANONYMOUS != 0 || fd < 0 || !libraryChecked(c.Policy) {
		return 0, errContinue
	}
	// want is the file the kernel may map: "" for a bad fd (nothing); a
	// device may also come out as an anonymous mapping (/dev/zero).
	want, device := "", false
	res, err := c.callerFile(fd)
	switch {
	case err == errGone:
		return 0, err
	case err == nil:
		defer res.Close()
		want = strings.TrimSuffix(res.Path, " (deleted)")
		if unix.Fstat(res.Dir, &res.Stat) == nil {
			device = res.Stat.Mode&unix.S_IFMT == unix.S_IFCHR
			if err := c.checkLibrary(&res); err != nil {
				return 0, err
			}
		}
	}
	status, err := c.status()
	if err == unix.ESRCH {
		return 0, errGone
	}
	if err == nil && status.Threads == 1 && !sharedFiles.Load() {
		return 0, errContinue // nothing can swap the fd before the kernel maps it
	}
	// Whatever the check saw (a bad fd, a device, a memfd, an allowed file),
	// the mapping made must be of that file.
	if traceContinued(c, nil, func(pid int) bool { return mappedAt(pid, want, device) }, nil) {
		return 0, nil // answered by the tracer
	}
	return 0, errContinue // no ptrace: checked before the call only
}

// checkLibrary decides the file res (its Stat filled in), which the caller
// maps executable: exec sandboxing, then Force. Files that are not regular,
// and memfds, are not decided here.
func (c *Call) checkLibrary(res *pathres.Result) error {
	if res.Stat.Mode&unix.S_IFMT != unix.S_IFREG || strings.HasPrefix(res.Path, "/memfd:") {
		return nil
	}
	d := c.checkPath(res.Path, sandbox.CatExec)
	if !d.act.Denies() {
		if f, _ := c.force(res, res.Path); f.act != sandbox.ActionAllow {
			d = f
		}
	}
	return c.enforce(d, res.Path, unix.EACCES)
}

// mappedAt reports whether the mmap that tid has just returned from mapped
// path (or failed): the mapping that starts at the address it returns, its
// " (deleted)" mark aside. An empty path accepts only a failed call; anon also
// accepts a mapping without a file.
func mappedAt(tid int, path string, anon bool) bool {
	var regs unix.PtraceRegs
	if unix.PtraceGetRegs(tid, &regs) != nil {
		return false
	}
	addr := regs.Rax
	if int64(addr) < 0 && int64(addr) > -4096 {
		return true // an errno: nothing was mapped
	}
	f, err := os.Open("/proc/" + strconv.Itoa(tid) + "/maps")
	if err != nil {
		return false
	}
	defer f.Close()
	start := fmt.Appendf(nil, "%08x-", addr)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, start) {
			continue
		}
		got := strings.TrimSuffix(mapsPath(line), " (deleted)")
		return (path != "" && got == path) || (anon && got == "")
	}
	return false
}

// mapsPath is the path of a /proc/<pid>/maps line: what follows its five
// fields (range, perms, offset, device, inode) and the padding after them.
func mapsPath(line []byte) string {
	rest := line
	for range 5 {
		rest = bytes.TrimLeft(rest, " ")
		i := bytes.IndexByte(rest, ' ')
		if i < 0 {
			return ""
		}
		rest = rest[i:]
	}
	return string(bytes.TrimLeft(rest, " "))
}
