// devsyd.go: the /dev/syd interface. A stat of "/dev/syd/<cmd>" runs the command
// through the same parser as -m and answers with the stat of /dev/null (a character
// device, so `test -c` is true exactly when the command succeeded); an open of
// "/dev/syd" reads the state as JSON. Nothing here ever reaches the real filesystem.
package handlers

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"syd/magic"
	"syd/sandbox"
	"syd/supervisor/internal/tracee"
)

// ghost is set by the "ghost" command: supervision stops, every call runs as asked.
var ghost atomic.Bool

var (
	devNullOnce sync.Once
	devNullStat unix.Stat_t
	devNullErr  error
)

// devNull is the stat every successful magic call reports.
func devNull() (*unix.Stat_t, error) {
	devNullOnce.Do(func() { devNullErr = unix.Stat("/dev/null", &devNullStat) })
	return &devNullStat, devNullErr
}

// magicPath classifies a path the caller passed; relative paths are taken from the
// caller's cwd or dirfd only when they could name /dev/syd at all. A /dev/syd
// path is validated (errGone): callers that read the path lazily act on it.
func (c *Call) magicPath(dirfd int32, path string) (magic.Kind, string, error) {
	kind, name := c.classifyMagic(dirfd, path)
	if kind != magic.None && !c.Valid() {
		return magic.None, "", errGone
	}
	return kind, name, nil
}

func (c *Call) classifyMagic(dirfd int32, path string) (magic.Kind, string) {
	if !magic.MayBe(path) {
		return magic.None, ""
	}
	if !strings.HasPrefix(path, "/") {
		var base string
		if dirfd == unix.AT_FDCWD {
			base = tracee.Cwd(c.Pid())
		} else {
			base, _ = os.Readlink("/proc/" + strconv.Itoa(c.Pid()) + "/fd/" + strconv.Itoa(int(dirfd)))
		}
		if !strings.HasPrefix(base, "/dev") {
			return magic.None, ""
		}
		path = base + "/" + path
	}
	return magic.Parse(path)
}

// magicAllowed applies the lock (spec 02 §4): on hides /dev/syd from everyone, exec
// from everyone but the initial exec child.
func (c *Call) magicAllowed() bool {
	switch c.Policy.Lock() {
	case sandbox.LockOn, sandbox.LockUnset:
		return false
	case sandbox.LockExec:
		st, err := c.status()
		return err == nil && st.Tgid == c.Env.ExecPid && c.Valid()
	}
	return true
}

// magicStat runs a probe or command and, on success, writes /dev/null's stat via put.
func (c *Call) magicStat(kind magic.Kind, cmd string, put func(*unix.Stat_t) error) (int64, error) {
	if !c.magicAllowed() {
		return 0, unix.ENOENT
	}
	if kind == magic.Command {
		if err := c.runCommand(cmd); err != nil {
			return 0, err
		}
	}
	st, err := devNull()
	if err != nil {
		return 0, unix.EIO
	}
	if err := put(st); err != nil {
		return 0, err
	}
	return 0, nil
}

// runCommand applies one /dev/syd command and carries out its effect.
func (c *Call) runCommand(cmd string) error {
	// Which commands each lock state admits (read: queries, stat and lock:on; drop:
	// what reduces privilege) is the parser's decision, the same for every source.
	sb := c.Env.Sandbox
	eff, err := sb.ApplyFrom(sandbox.SourceMagic, cmd)
	c.logConfig(cmd, err)
	if err != nil {
		var se *sandbox.Error
		if errors.As(err, &se) {
			return se.Errno
		}
		return unix.EINVAL
	}
	switch eff.Kind {
	case sandbox.EffectPanic:
		c.Env.Exit(127)
	case sandbox.EffectStat:
		if b, err := json.MarshalIndent(sb.Policy(), "", "  "); err == nil {
			os.Stderr.Write(append(b, '\n'))
		}
	case sandbox.EffectLoad:
		return c.loadFrom(eff.FD)
	case sandbox.EffectExec:
		return runOutside(eff.Argv)
	case sandbox.EffectGhost:
		ghost.Store(true)
	}
	return nil
}

// logConfig records every runtime configuration attempt.
func (c *Call) logConfig(cmd string, err error) {
	log := c.Env.Log
	if log == nil {
		return
	}
	attrs := []slog.Attr{slog.String("ctx", "config"), slog.String("cmd", cmd), slog.Int("pid", c.Pid())}
	if err != nil {
		attrs = append(attrs, slog.String("err", err.Error()))
		level := slog.LevelWarn
		if errors.Is(err, unix.ENOENT) {
			level = slog.LevelInfo // a false query is an answer, not a failure
		}
		log.LogAttrs(context.Background(), level, "magic command refused", attrs...)
		return
	}
	log.LogAttrs(context.Background(), slog.LevelInfo, "magic command", attrs...)
}

// loadFrom reads commands, one per line, from the caller's fd (load/<fd>).
func (c *Call) loadFrom(fd int) error {
	ofd, err := c.callerFD(fd)
	if err == errGone {
		return unix.ESRCH
	} else if err != nil {
		return unix.EBADF
	}
	f := os.NewFile(uintptr(ofd), "syd-load")
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := c.runCommand(line); err != nil {
			return err
		}
	}
	if sc.Err() != nil {
		return unix.EIO
	}
	return nil
}

// runOutside starts a program as syd itself, outside the sandbox (cmd/exec!).
func runOutside(argv []string) error {
	if len(argv) == 0 {
		return unix.EINVAL
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	if err := cmd.Start(); err != nil {
		return unix.ENOENT
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// magicContent is what an open of the probe path or a helper file reads, or nil.
func (c *Call) magicContent(kind magic.Kind, name string) []byte {
	switch {
	case kind == magic.Probe:
		b, err := json.Marshal(c.Env.Sandbox.Policy())
		if err != nil {
			return nil
		}
		return append(b, '\n')
	case kind == magic.File && c.Env.Files != nil:
		return c.Env.Files[name]
	}
	return nil
}

// magicAccess answers access(2) on the magic paths: they exist while the lock lets
// the caller in, readable and never writable.
func (c *Call) magicAccess(kind magic.Kind, name string, mode uint32) (int64, error) {
	if !c.magicAllowed() || (kind != magic.Probe && c.magicContent(kind, name) == nil) {
		return 0, unix.ENOENT
	}
	if mode&(unix.W_OK|unix.X_OK) != 0 {
		return 0, unix.EACCES
	}
	return 0, nil
}

// magicFileStat describes a helper file as the read-only regular file it reads as.
func (c *Call) magicFileStat(name string) (*unix.Stat_t, error) {
	fd, err := c.magicFileFD(name)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, unix.EIO
	}
	st.Mode = unix.S_IFREG | 0o444
	return &st, nil
}

// magicFileStatx is magicFileStat for statx(2), with the caller's mask.
func (c *Call) magicFileStatx(name string, mask int) (*unix.Statx_t, error) {
	fd, err := c.magicFileFD(name)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	var stx unix.Statx_t
	if err := unix.Statx(fd, "", unix.AT_EMPTY_PATH, mask, &stx); err != nil {
		return nil, unix.EIO
	}
	stx.Mode = unix.S_IFREG | 0o444
	return &stx, nil
}

// magicFileFD is a memory file holding the helper file name (/dev/syd.el,
// /dev/syd.sh), for its size and times.
func (c *Call) magicFileFD(name string) (int, error) {
	content := c.magicContent(magic.File, name)
	if !c.magicAllowed() || content == nil {
		return -1, unix.ENOENT
	}
	fd, err := memfile(content)
	if err != nil {
		return -1, unix.EIO
	}
	return fd, nil
}

// magicOpen serves opens of /dev/syd (the JSON state) and the helper files from
// memory; every other open below /dev/syd does not exist.
func (c *Call) magicOpen(kind magic.Kind, name string, flags uint64) (int64, error) {
	if !c.magicAllowed() {
		return 0, unix.ENOENT
	}
	content := c.magicContent(kind, name)
	if content == nil {
		return 0, unix.ENOENT
	}
	if flags&unix.O_ACCMODE != unix.O_RDONLY || flags&(unix.O_CREAT|unix.O_TRUNC) != 0 {
		return 0, unix.EACCES
	}
	fd, err := memfile(content)
	if err != nil {
		return 0, unix.EIO
	}
	return 0, c.inject(fd, flags, false)
}

// memfile returns a read-only fd of a sealed memfd holding content.
func memfile(content []byte) (int, error) {
	mfd, err := unix.MemfdCreate("syd", unix.MFD_CLOEXEC|unix.MFD_ALLOW_SEALING)
	if err != nil {
		return -1, err
	}
	defer unix.Close(mfd)
	for b := content; len(b) > 0; {
		n, err := unix.Write(mfd, b)
		if err != nil {
			return -1, err
		}
		b = b[n:]
	}
	seals := unix.F_SEAL_SEAL | unix.F_SEAL_SHRINK | unix.F_SEAL_GROW | unix.F_SEAL_WRITE
	if _, err := unix.FcntlInt(uintptr(mfd), unix.F_ADD_SEALS, seals); err != nil {
		return -1, err
	}
	// A fresh read-only open file description, at offset 0.
	return unix.Open("/proc/self/fd/"+strconv.Itoa(mfd), unix.O_RDONLY|unix.O_CLOEXEC, 0)
}
