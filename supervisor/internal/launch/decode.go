// decode.go: the C decoders (stub config, Landlock and namespace plans) seen from Go, for the tests that
// hold them to the Go encoders (cgo cannot be used in _test.go files).
package launch

/*
#include <stdlib.h>
#include "launch.h"
*/
import "C"

import (
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/handoff"
)

// decodeStub decodes a stub frame (length included) with syd_decode_stub.
func decodeStub(frame []byte) (handoff.StubConfig, uint32, error) {
	var cfg handoff.StubConfig
	if len(frame) < 4 {
		return cfg, 0, unix.EINVAL
	}
	payload := frame[4:]
	buf := C.CBytes(payload)
	defer C.free(buf)
	var c C.struct_syd_stub_config
	if err := C.syd_decode_stub((*C.uchar)(buf), C.size_t(len(payload)), &c); err != 0 {
		return cfg, 0, errnoError(err)
	}
	defer C.free(unsafe.Pointer(c.argv))
	defer C.free(unsafe.Pointer(c.envp))
	defer C.free(unsafe.Pointer(c.statics))
	defer C.free(unsafe.Pointer(c.exec_roots))
	cfg.Path = C.GoString(c.path)
	cfg.Argv = goStrings(c.argv)
	cfg.Env = goStrings(c.envp)
	for _, b := range unsafe.Slice(c.statics, c.nstatic) {
		cfg.Static = append(cfg.Static, C.GoBytes(unsafe.Pointer(b.data), C.int(b.len)))
	}
	cfg.BPF = C.GoBytes(unsafe.Pointer(c.bpf.data), C.int(c.bpf.len))
	for _, s := range unsafe.Slice(c.exec_roots, c.nexec_roots) {
		cfg.ExecRoots = append(cfg.ExecRoots, C.GoString(s))
	}
	cfg.Plugin = C.GoString(c.plugin)
	if c.lock.len > 0 {
		cfg.Lock = C.GoBytes(unsafe.Pointer(c.lock.data), C.int(c.lock.len))
	}
	cfg.LoadFlags = uint32(c.load_flags)
	flags := uint32(c.flags)
	cfg.KeepCaps = flags&C.SYD_STUB_KEEP_CAPS != 0
	cfg.ScopeSignals = flags&C.SYD_STUB_SCOPE_SIGNALS != 0
	cfg.MDWE = flags&C.SYD_STUB_MDWE != 0
	if flags&C.SYD_STUB_EXEC_ROOTS != 0 && cfg.ExecRoots == nil {
		cfg.ExecRoots = []string{}
	}
	return cfg, flags, nil
}

// goStrings copies a NULL-terminated array of C strings.
func goStrings(v **C.char) []string {
	var out []string
	for ; *v != nil; v = (**C.char)(unsafe.Add(unsafe.Pointer(v), unsafe.Sizeof(*v))) {
		out = append(out, C.GoString(*v))
	}
	return out
}

func errnoError(e C.int) error { return unix.Errno(e) }

// decodeLock decodes a Landlock plan (lockdomain.Plan.Encode) with syd_decode_lock.
func decodeLock(b []byte) (fs, net uint64, paths []string, access []uint64, ports [][3]uint64, err error) {
	buf := C.CBytes(b)
	defer C.free(buf)
	var p C.struct_syd_lock_plan
	if e := C.syd_decode_lock((*C.uchar)(buf), C.size_t(len(b)), &p); e != 0 {
		return 0, 0, nil, nil, nil, unix.Errno(e)
	}
	defer C.free(unsafe.Pointer(p.paths))
	defer C.free(unsafe.Pointer(p.ports))
	for _, r := range unsafe.Slice(p.paths, p.npaths) {
		paths = append(paths, C.GoString(r.path))
		access = append(access, uint64(r.access))
	}
	for _, r := range unsafe.Slice(p.ports, p.nports) {
		ports = append(ports, [3]uint64{uint64(r.access), uint64(r.lo), uint64(r.hi)})
	}
	return uint64(p.handled_fs), uint64(p.handled_net), paths, access, ports, nil
}

// decodeNS decodes a namespace plan (namespaces.Plan.Encode) with syd_decode_ns:
// the clone flags, the names, and each mount as src, dst, fstype, data and flags.
func decodeNS(b []byte) (clone uint64, host, domain string, mounts [][4]string, flags []uint64, err error) {
	buf := C.CBytes(b)
	defer C.free(buf)
	var p C.struct_syd_ns_plan
	if e := C.syd_decode_ns((*C.uchar)(buf), C.size_t(len(b)), &p); e != 0 {
		return 0, "", "", nil, nil, unix.Errno(e)
	}
	defer C.free(unsafe.Pointer(p.mounts))
	if p.set_hostname != 0 {
		host = C.GoString(p.hostname)
	}
	if p.set_domainname != 0 {
		domain = C.GoString(p.domainname)
	}
	for _, m := range unsafe.Slice(p.mounts, p.nmounts) {
		mounts = append(mounts, [4]string{C.GoString(m.src), C.GoString(m.dst), C.GoString(m.fstype), C.GoString(m.data)})
		flags = append(flags, uint64(m.flags))
	}
	return uint64(p.clone), host, domain, mounts, flags, nil
}
