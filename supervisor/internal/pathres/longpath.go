// longpath.go: naming a directory whose absolute path is PATH_MAX (4096) bytes or
// longer. The kernel builds such a directory without complaint (mkdir and chdir take
// one component at a time), but it will not name it: readlink of /proc/<pid>/cwd or
// /proc/self/fd/N fails with ENAMETOOLONG, like getcwd(2). The name is then found
// the way getcwd(3) finds it in user space: walk up with "..", and look the child up
// in each parent by device and inode.
//
// A process working that deep makes every call from there, and each would cost a
// walk as long as the tree is deep (gnulib's test-getcwd goes 12 KiB down and back
// up, one level at a time). So what the walks learn (this directory is NAME in that
// one) is remembered, and a remembered path is used only after checking that it
// leads, now, to the very directory: the path is opened again from the root,
// without following any symlink, and must reach the same mount, device and inode.
// Within one mount a directory has exactly one path, so that is its name.
package pathres

import (
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// MaxLongPath bounds the names DirPath builds by walking (64 KiB, 16 × PATH_MAX): a
// sandboxed process must not be able to make the supervisor's walks arbitrarily
// long. Deeper directories cannot be named: ENAMETOOLONG.
const MaxLongPath = 64 << 10

// readlinkEvery is how many levels the walk climbs between attempts to let the
// kernel name the ancestor reached so far (a failed readlink costs a full d_path).
const readlinkEvery = 8

// DirPath returns the absolute path of the directory fd (O_PATH or not), as readlink
// of /proc/self/fd/N gives it, also when that path is PATH_MAX bytes or longer.
// Objects the kernel names otherwise (pipes, sockets) and non-directories are named
// by readlink alone. A directory that is not reachable from the root (removed, or
// outside the supervisor's root) is ENOENT.
func DirPath(fd int) (string, error) {
	text, err := FDLink(fd)
	if err == nil {
		return text, nil
	}
	if err != unix.ENAMETOOLONG {
		return "", err
	}
	n, err := statNode(fd)
	if err != nil {
		return "", err
	}
	if n.mode&unix.S_IFMT != unix.S_IFDIR {
		return "", unix.ENAMETOOLONG
	}
	return walkUp(fd, n)
}

// dirKey identifies a directory: within one mount a directory has one path.
type dirKey struct{ mnt, dev, ino uint64 }

// node is what the walk needs to know of a directory.
type node struct {
	key   dirKey
	mode  uint32
	nlink uint32
	mnt   bool // the kernel reported the mount id: the key may be remembered
}

func statNode(fd int) (node, error) {
	var sx unix.Statx_t
	err := unix.Statx(fd, "", unix.AT_EMPTY_PATH|unix.AT_STATX_SYNC_AS_STAT,
		unix.STATX_TYPE|unix.STATX_INO|unix.STATX_NLINK|unix.STATX_MNT_ID, &sx)
	if err != nil {
		return node{}, err
	}
	return node{
		key:   dirKey{mnt: sx.Mnt_id, dev: unix.Mkdev(sx.Dev_major, sx.Dev_minor), ino: sx.Ino},
		mode:  uint32(sx.Mode),
		nlink: sx.Nlink,
		mnt:   sx.Mask&unix.STATX_MNT_ID != 0,
	}, nil
}

// walkUp names the directory fd (n) by climbing with ".." and looking each
// directory up in its parent, until it reaches a directory it has named before (and
// that name still leads to it), one the kernel can name, or the root.
func walkUp(fd int, n node) (string, error) {
	if n.nlink == 0 {
		return "", unix.ENOENT // removed: no parent holds it any more
	}
	cur, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return "", err
	}
	defer func() { unix.Close(cur) }()
	var names []string // from fd upwards
	var keys []dirKey  // the directory each name names, when it may be remembered
	size := 0
	buf := make([]byte, 8<<10)
	for level := 0; ; level++ {
		if base, ok := known.lookup(n); ok {
			return known.learn(n, base, names, keys), nil
		}
		if level > 0 && level%readlinkEvery == 0 {
			text, err := FDLink(cur)
			if err == nil {
				if !strings.HasPrefix(text, "/") || strings.HasSuffix(text, " (deleted)") {
					return "", unix.ENOENT
				}
				return known.learn(n, text, names, keys), nil
			}
			if err != unix.ENAMETOOLONG {
				return "", err
			}
		}
		parent, err := unix.Openat(cur, "..", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			return "", err
		}
		pn, err := statNode(parent)
		if err != nil {
			unix.Close(parent)
			return "", err
		}
		if pn.key == n.key { // the root is its own parent
			unix.Close(parent)
			return known.learn(n, "/", names, keys), nil
		}
		name, err := childName(parent, n.key, buf)
		if err != nil {
			unix.Close(parent)
			return "", err
		}
		if size += len(name) + 1; size > MaxLongPath {
			unix.Close(parent)
			return "", unix.ENAMETOOLONG
		}
		names = append(names, name)
		k := n.key
		if !n.mnt {
			k = dirKey{}
		}
		keys = append(keys, k)
		unix.Close(cur)
		cur, n = parent, pn
	}
}

// joinUp appends names, collected from the bottom up, to the directory path base.
func joinUp(base string, names []string) string {
	var b strings.Builder
	b.WriteString(base)
	for i := len(names) - 1; i >= 0; i-- {
		if b.Len() > 1 || base != "/" {
			b.WriteByte('/')
		}
		b.WriteString(names[i])
	}
	return b.String()
}

// childName returns the name under which the directory parent (opened for reading)
// holds the directory with key child. The inode number in the directory entry
// settles it on the same file system; a mount point (whose entry carries the
// covered inode) or a file system whose entries carry other numbers (overlayfs)
// needs a stat of each directory entry. Every candidate is confirmed with a stat.
func childName(parent int, child dirKey, buf []byte) (string, error) {
	is := func(name string) bool {
		var st unix.Stat_t
		return unix.Fstatat(parent, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil &&
			st.Dev == child.dev && st.Ino == child.ino
	}
	var dirs []string // entries to stat in the second pass
	for {
		n, err := unix.Getdents(parent, buf)
		if err != nil {
			return "", err
		}
		if n == 0 {
			break
		}
		for off := 0; off+19 <= n; {
			// struct linux_dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name.
			ino := *(*uint64)(unsafe.Pointer(&buf[off]))
			reclen := int(*(*uint16)(unsafe.Pointer(&buf[off+16])))
			if reclen < 19 || off+reclen > n {
				return "", unix.EIO
			}
			typ := buf[off+18]
			nameb := buf[off+19 : off+reclen]
			if i := strings.IndexByte(string(nameb), 0); i >= 0 {
				nameb = nameb[:i]
			}
			off += reclen
			if typ != unix.DT_DIR && typ != unix.DT_UNKNOWN {
				continue
			}
			name := string(nameb)
			if name == "." || name == ".." {
				continue
			}
			if ino == child.ino && is(name) {
				return name, nil
			}
			dirs = append(dirs, name)
		}
	}
	for _, name := range dirs {
		if is(name) {
			return name, nil
		}
	}
	return "", unix.ENOENT // moved away or removed meanwhile
}

// knownDirs remembers, for directories the walk has named, which directory holds
// them under which name, or (at the top of a walk) their full path.
type knownDirs struct {
	mu sync.Mutex
	m  map[dirKey]knownDir
}

type knownDir struct {
	parent dirKey
	name   string
	path   string // set at the top of a walk: parent and name are unused
}

// maxKnown bounds the entries remembered (each is a name and two keys); when it is
// reached everything is forgotten.
const maxKnown = 1 << 16

var known = knownDirs{m: map[dirKey]knownDir{}}

// lookup returns the path of directory n if it was learnt before and still leads to
// n: opened again from the root, component by component without following any
// symlink, it reaches the same mount, device and inode. A path that does not is
// forgotten.
func (k *knownDirs) lookup(n node) (string, bool) {
	if !n.mnt {
		return "", false
	}
	path, ok := k.path(n.key)
	if !ok {
		return "", false
	}
	if fd, err := openLong(path); err == nil {
		got, err := statNode(fd)
		unix.Close(fd)
		if err == nil && got.key == n.key {
			return path, true
		}
	}
	k.mu.Lock()
	delete(k.m, n.key)
	k.mu.Unlock()
	return "", false
}

// path rebuilds the remembered path of key from the chain of parents.
func (k *knownDirs) path(key dirKey) (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	var names []string
	size := 0
	for {
		d, ok := k.m[key]
		if !ok {
			return "", false
		}
		if d.path != "" {
			return joinUp(d.path, names), true
		}
		if size += len(d.name) + 1; size > MaxLongPath {
			return "", false
		}
		names = append(names, d.name)
		key = d.parent
	}
}

// learn records what a walk found, and returns the full path: the walk stopped at
// directory top, named base; names[i] names keys[i] in the directory keys[i+1], the
// last one in top. A zero key is not remembered (no mount id).
func (k *knownDirs) learn(top node, base string, names []string, keys []dirKey) string {
	full := joinUp(base, names)
	if len(names) == 0 || !top.mnt {
		return full
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.m)+len(names)+1 > maxKnown {
		clear(k.m)
	}
	if _, ok := k.m[top.key]; !ok {
		k.m[top.key] = knownDir{path: base}
	}
	parent := top.key
	for i := len(names) - 1; i >= 0 && keys[i] != (dirKey{}); i-- {
		k.m[keys[i]] = knownDir{parent: parent, name: names[i]}
		parent = keys[i]
	}
	return full
}

// openLong opens the directory at the absolute path p, which may be longer than
// PATH_MAX, from the root: in pieces shorter than PATH_MAX, following no symlink.
func openLong(p string) (int, error) {
	r, err := root()
	if err != nil {
		return -1, err
	}
	fd := r
	rest := strings.TrimLeft(p, "/")
	if rest == "" {
		return unix.FcntlInt(uintptr(r), unix.F_DUPFD_CLOEXEC, 0)
	}
	how := unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS}
	for rest != "" {
		piece := rest
		if len(piece) >= unix.PathMax {
			i := strings.LastIndexByte(rest[:unix.PathMax-1], '/')
			if i <= 0 {
				if fd != r {
					unix.Close(fd)
				}
				return -1, unix.ENAMETOOLONG
			}
			piece = rest[:i]
		}
		rest = strings.TrimLeft(rest[len(piece):], "/")
		next, err := unix.Openat2(fd, piece, &how)
		if fd != r {
			unix.Close(fd)
		}
		if err != nil {
			return -1, err
		}
		fd = next
	}
	return fd, nil
}
