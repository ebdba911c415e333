// Package crypt is crypt sandboxing at run time: the sandbox reads and writes
// the plaintext of files matching crypt+ rules while only ciphertext
// (internal/cryptfile) is ever on disk.
//
// An open of such a file gets a description of a plaintext copy held by syd: a
// memfd, or an O_TMPFILE in crypt/tmp. Every open of the same file while a copy
// exists shares it (concurrent readers and appenders see each other's writes).
// syd watches the copy with inotify: the kernel reports IN_CLOSE_WRITE when the
// last reference to a writable description goes (every dup and fork closed), and
// the copy is then encrypted back into the file; when no description is left the
// copy is dropped. What a description can do is what the open asked for: a
// read-only open gets a read-only description.
package crypt

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/internal/cryptfile"
)

// fileID names a file by device and inode.
type fileID struct {
	dev, ino uint64
}

// plain is the plaintext copy of one encrypted file.
type plain struct {
	id       fileID
	copyID   fileID
	file     *os.File // the encrypted file, opened by syd as the caller
	copy     *os.File // the plaintext, syd's own description
	wd       int32
	open     int  // descriptions given out and not closed yet
	wrote    bool // a writable description was given out
	writable bool // file is open for writing (the first opener may only read)
}

// Files is the set of plaintext copies of one syd.
type Files struct {
	keys cryptfile.Keys
	tmp  string // crypt/tmp, or "" for memfds
	log  *slog.Logger

	mu     sync.Mutex
	in     int               // inotify fd
	byID   map[fileID]*plain // by the encrypted file
	byCopy map[fileID]*plain // by the plaintext copy
	byWD   map[int32]*plain
	closed bool
}

// New starts crypt sandboxing with keys; tmp is crypt/tmp ("" for memory).
func New(keys cryptfile.Keys, tmp string, log *slog.Logger) (*Files, error) {
	in, err := unix.InotifyInit1(unix.IN_CLOEXEC)
	if err != nil {
		return nil, err
	}
	f := &Files{keys: keys, tmp: tmp, log: log, in: in, byID: map[fileID]*plain{}, byCopy: map[fileID]*plain{}, byWD: map[int32]*plain{}}
	go f.watch()
	return f, nil
}

// Errors of Open, as the caller sees them.
var (
	// ErrBadFile: the file is no encrypted file of this key (wrong key, changed,
	// not encrypted): EBADMSG, and no byte of it.
	ErrBadFile = unix.EBADMSG
)

// Open gives the caller a description of the plaintext of the encrypted file
// file, which syd opened as the caller (read-only for a read-only open,
// read-write otherwise, so the caller's permissions decide); Open owns it.
// flags are the caller's open flags: the access mode, O_APPEND and O_TRUNC are
// honoured. The returned fd is syd's, close-on-exec, for ADDFD.
func (f *Files) Open(file *os.File, flags int) (int, error) {
	var st unix.Stat_t
	if err := unix.Fstat(int(file.Fd()), &st); err != nil {
		file.Close()
		return -1, err
	}
	id := fileID{st.Dev, st.Ino}
	writer := flags&unix.O_ACCMODE != unix.O_RDONLY
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		file.Close()
		return -1, unix.EIO
	}
	p := f.byID[id]
	if p == nil {
		var err error
		if p, err = f.load(id, file, writer && flags&unix.O_TRUNC != 0); err != nil {
			file.Close()
			return -1, err
		}
	} else {
		if writer && !p.writable {
			// The first opener only read: write back through this one.
			p.file.Close()
			p.file, p.writable = file, true
		} else {
			file.Close() // the copy's own file stays
		}
		if flags&unix.O_TRUNC != 0 && writer {
			if err := p.copy.Truncate(0); err != nil {
				return -1, err
			}
			p.wrote = true
		}
	}
	acc := flags & (unix.O_ACCMODE | unix.O_APPEND)
	fd, err := unix.Open("/proc/self/fd/"+strconv.Itoa(int(p.copy.Fd())), acc|unix.O_CLOEXEC, 0)
	if err != nil {
		f.dropIfUnused(p)
		return -1, err
	}
	p.open++
	p.wrote = p.wrote || writer
	return fd, nil
}

// load makes the plaintext copy of file (empty when truncate) and watches it.
func (f *Files) load(id fileID, file *os.File, truncate bool) (*plain, error) {
	cp, err := f.newCopy()
	if err != nil {
		return nil, err
	}
	if !truncate {
		fi, err := file.Stat()
		if err == nil {
			err = cryptfile.Decrypt(f.keys, cp, file, fi.Size())
		}
		if err != nil {
			cp.Close()
			if errors.Is(err, cryptfile.ErrAuth) || errors.Is(err, cryptfile.ErrFormat) {
				f.log.Warn("crypt", "ctx", "crypt", "path", file.Name(), "err", err.Error())
				return nil, ErrBadFile
			}
			return nil, unix.EIO
		}
	}
	var cst unix.Stat_t
	if err := unix.Fstat(int(cp.Fd()), &cst); err != nil {
		cp.Close()
		return nil, err
	}
	wd, err := unix.InotifyAddWatch(f.in, "/proc/self/fd/"+strconv.Itoa(int(cp.Fd())), unix.IN_CLOSE_WRITE|unix.IN_CLOSE_NOWRITE)
	if err != nil {
		cp.Close()
		return nil, err
	}
	acc, _ := unix.FcntlInt(file.Fd(), unix.F_GETFL, 0)
	p := &plain{id: id, copyID: fileID{cst.Dev, cst.Ino}, file: file, copy: cp, wd: int32(wd), wrote: truncate,
		writable: acc&unix.O_ACCMODE != unix.O_RDONLY}
	f.byID[id] = p
	f.byCopy[p.copyID] = p
	f.byWD[p.wd] = p
	return p, nil
}

// newCopy is an empty plaintext file: a memfd, or an unnamed file in crypt/tmp.
func (f *Files) newCopy() (*os.File, error) {
	if f.tmp != "" {
		// O_EXCL: never linkable, so no plaintext can get a name on disk
		// (linkat of /proc/self/fd/N).
		fd, err := unix.Open(f.tmp, unix.O_TMPFILE|unix.O_EXCL|unix.O_RDWR|unix.O_CLOEXEC, 0o600)
		if err != nil {
			return nil, err
		}
		return os.NewFile(uintptr(fd), "crypt-tmp"), nil
	}
	fd, err := unix.MemfdCreate("syd-crypt", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), "syd-crypt"), nil
}

// watch handles the close events of the copies.
func (f *Files) watch() {
	buf := make([]byte, 64*(unix.SizeofInotifyEvent+unix.NAME_MAX+1))
	for {
		n, err := unix.Read(f.in, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n <= 0 {
			return
		}
		for off := 0; off+unix.SizeofInotifyEvent <= n; {
			ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
			off += unix.SizeofInotifyEvent + int(ev.Len)
			if ev.Mask&(unix.IN_CLOSE_WRITE|unix.IN_CLOSE_NOWRITE) != 0 {
				f.closedOne(ev.Wd, ev.Mask&unix.IN_CLOSE_WRITE != 0)
			}
		}
	}
}

// closedOne is the release of one description of the copy watched as wd: a
// writable one is encrypted back; the last one drops the copy.
func (f *Files) closedOne(wd int32, wrote bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := f.byWD[wd]
	if p == nil || f.closed {
		return
	}
	p.open--
	if wrote && p.writable {
		f.flush(p)
	}
	f.dropIfUnused(p)
}

// dropIfUnused forgets p once no description of it is left.
func (f *Files) dropIfUnused(p *plain) {
	if p.open > 0 {
		return
	}
	if p.wrote && p.writable {
		f.flush(p)
	}
	_, _ = unix.InotifyRmWatch(f.in, uint32(p.wd))
	delete(f.byWD, p.wd)
	delete(f.byID, p.id)
	delete(f.byCopy, p.copyID)
	p.copy.Close()
	p.file.Close()
}

// flush encrypts the copy into the file.
func (f *Files) flush(p *plain) {
	fi, err := p.copy.Stat()
	if err == nil {
		var n int64
		n, err = cryptfile.Encrypt(f.keys, p.file, io.NewSectionReader(p.copy, 0, fi.Size()))
		if err == nil {
			err = p.file.Truncate(n)
		}
	}
	if err != nil {
		f.log.Error("crypt", "ctx", "crypt", "path", p.file.Name(), "err", "writing the encrypted file: "+err.Error())
		return
	}
	p.wrote = false
}

// Adopt counts fd, a description syd opened for the caller through a magic
// link (/proc/self/fd/N of its own copy), as one of a copy's descriptions when it
// is one: its close must not be taken for the last.
func (f *Files) Adopt(fd int) {
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if p := f.byCopy[fileID{st.Dev, st.Ino}]; p != nil {
		p.open++
		if acc, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0); err == nil && acc&unix.O_ACCMODE != unix.O_RDONLY {
			p.wrote = true
		}
	}
}

// Stat adjusts st, the stat of a file the sandbox looks at: a plaintext copy
// reads as its encrypted file (device, inode, owner, mode, times), and both with
// the plaintext's size, so that programs that compare stat(2) of the path with
// fstat(2) of what they opened (cp, tar) see one file. crypted says that a
// crypt+ rule matches the path: an encrypted file without a copy open reads
// with its size less the header.
func (f *Files) Stat(st *unix.Stat_t, crypted bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := fileID{st.Dev, st.Ino}
	if p := f.byCopy[id]; p != nil {
		if err := unix.Fstat(int(p.file.Fd()), st); err != nil {
			return
		}
		st.Size = p.size()
		return
	}
	if p := f.byID[id]; p != nil {
		st.Size = p.size()
		return
	}
	if crypted && st.Mode&unix.S_IFMT == unix.S_IFREG && st.Size >= cryptfile.HeaderSize {
		st.Size -= cryptfile.HeaderSize
	}
}

// Statx is Stat for statx(2); mask is the caller's.
func (f *Files) Statx(stx *unix.Statx_t, mask int, crypted bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := fileID{unix.Mkdev(stx.Dev_major, stx.Dev_minor), stx.Ino}
	if p := f.byCopy[id]; p != nil {
		if err := unix.Statx(int(p.file.Fd()), "", unix.AT_EMPTY_PATH, mask, stx); err != nil {
			return
		}
		stx.Size = uint64(p.size())
		return
	}
	if p := f.byID[id]; p != nil {
		stx.Size = uint64(p.size())
		return
	}
	if crypted && stx.Mode&unix.S_IFMT == unix.S_IFREG && stx.Size >= cryptfile.HeaderSize {
		stx.Size -= cryptfile.HeaderSize
	}
}

// size is the plaintext's size.
func (p *plain) size() int64 {
	var st unix.Stat_t
	if unix.Fstat(int(p.copy.Fd()), &st) != nil {
		return 0
	}
	return st.Size
}

// Close encrypts every copy still written to (the sandbox is gone: no
// description is left) and stops.
func (f *Files) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return
	}
	for _, p := range f.byID {
		p.open = 0
		f.dropIfUnused(p)
	}
	f.closed = true
	unix.Close(f.in)
}
