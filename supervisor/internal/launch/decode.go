// decode.go: the C decoder of the stub config seen from Go, for the tests that
// hold it to handoff's encoder (cgo cannot be used in _test.go files).
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
