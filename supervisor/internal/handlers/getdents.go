// getdents.go: getdents64 and getdents, emulated to leave out the entries stat
// sandboxing hides. The supervisor reads from the caller's own open file description
// (pidfd_getfd), so the directory offset advances exactly as if the caller had read.
package handlers

import (
	"encoding/binary"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

func init() {
	register(unix.SYS_GETDENTS64, "getdents64", sysGetdents64, cats(sandbox.CatStat))
	register(unix.SYS_GETDENTS, "getdents", sysGetdents, cats(sandbox.CatStat))
}

// dirent layouts: where the name starts, and whether d_type sits at the end (old getdents).
const (
	dirent64Name = 19 // u64 ino, s64 off, u16 reclen, u8 type, name
	direntName   = 18 // ulong ino, ulong off, u16 reclen, name, ..., u8 type
)

func sysGetdents64(c *Call) (int64, error) { return c.getdents(true) }
func sysGetdents(c *Call) (int64, error)   { return c.getdents(false) }

func (c *Call) getdents(is64 bool) (int64, error) {
	fd := int(c.argFD(0))
	count := int(uint32(c.Arg(2)))
	ofd, err := c.callerFD(fd)
	if err != nil {
		return 0, err // EBADF for a closed fd, as getdents would say
	}
	defer unix.Close(ofd)
	dir, err := pathres.DirPath(ofd)
	if err != nil {
		return 0, unix.EBADF
	}
	if !c.Policy.Enabled(sandbox.CatStat) && !pathres.IsProcRoot(ofd) && c.Policy.Has(sandbox.FlagAllowUnsafeFilename) {
		// Nothing can be hidden, and the decision read no tracee memory.
		return 0, errContinue
	}
	buf := c.DirBuf[:min(count, len(c.DirBuf))]
	for {
		var n int
		if is64 {
			n, err = unix.Getdents(ofd, buf)
		} else {
			r, _, e := unix.Syscall(unix.SYS_GETDENTS, uintptr(ofd), uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
			n, err = int(r), nil
			if e != 0 {
				err = e
			}
		}
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, nil
		}
		kept := c.filterDirents(dir, buf[:n], is64)
		if kept == 0 {
			continue // everything in this chunk was hidden: read on, never report a false end
		}
		if err := c.writeMem(c.Arg(1), buf[:kept]); err != nil {
			return 0, err
		}
		return int64(kept), nil
	}
}

// filterDirents compacts b in place, dropping entries whose path is hidden, and
// returns the new length.
func (c *Call) filterDirents(dir string, b []byte, is64 bool) int {
	nameOff := direntName
	if is64 {
		nameOff = dirent64Name
	}
	out := 0
	for off := 0; off+nameOff <= len(b); {
		reclen := int(binary.NativeEndian.Uint16(b[off+16:]))
		if reclen == 0 || off+reclen > len(b) {
			break
		}
		rec := b[off : off+reclen]
		name := rec[nameOff:]
		for i, ch := range name {
			if ch == 0 {
				name = name[:i]
				break
			}
		}
		keep := string(name) == "." || string(name) == ".." || c.listed(dir, name)
		if keep {
			copy(b[out:], rec)
			out += reclen
		}
		off += reclen
	}
	return out
}

// listed reports whether a listing of dir shows the entry name: not another
// process's /proc directory, not a name stat sandboxing or the Safename rules hide.
func (c *Call) listed(dir string, name []byte) bool {
	if !c.procListed(dir, name) {
		return false
	}
	if c.Policy.Enabled(sandbox.CatStat) {
		return !c.hidden(c.joinPath(dir, name)) // Safename included
	}
	return c.Policy.Has(sandbox.FlagAllowUnsafeFilename) || sandbox.KernelNamed(dir+"/") || sandbox.SafeFilename(string(name))
}

// procListed reports whether a /proc listing shows name to the caller: a pid
// directory only when the caller may see that process (pathres.ProcVisible).
func (c *Call) procListed(dir string, name []byte) bool {
	if dir != "/proc" || pathres.ProcVisible == nil || len(name) == 0 || name[0] < '1' || name[0] > '9' {
		return true
	}
	pid, err := strconv.Atoi(string(name))
	if err != nil {
		return true
	}
	st, err := c.status()
	if err != nil {
		return false
	}
	return pid == st.Tgid || pathres.ProcVisible(st.Tgid, pid)
}

// joinPath builds dir/name in the call's scratch buffer; the result is only valid
// until the next call.
func (c *Call) joinPath(dir string, name []byte) string {
	p := append(c.joinBuf[:0], dir...)
	if len(dir) > 1 {
		p = append(p, '/')
	}
	p = append(p, name...)
	c.joinBuf = p
	return unsafe.String(unsafe.SliceData(p), len(p))
}
