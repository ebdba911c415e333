// Package main is libsyd, the C library of syd's /dev/syd interface (go build -buildmode=c-shared -o libsyd.so ./libsyd; header syd.h).
//
// Every function returns 0 on success or a negated errno (-ENOENT outside
// syd or when the lock keeps the caller out, -EINVAL for an out-of-range
// action_t or lock_state_t, -EFAULT for a NULL string); the syd_enabled_*
// predicates return bool. The functions wrap package syd/bindings/go/syd,
// which speaks the protocol with plain stat(2) calls; nothing here imports
// the supervisor. The per-category functions are in zz_generated.go.
package main

// #include <stdbool.h>
// #include <stddef.h>
// #include <stdint.h>
import "C"

import (
	"errors"
	"syscall"
	"unsafe"

	"syd/bindings/go/syd"
)

// main is required by -buildmode=c-shared and never runs.
func main() {}

// neg returns the negated errno as a C int.
func neg(e syscall.Errno) C.int { return -C.int(e) }

// result turns an error of package syd into 0 or -errno.
func result(err error) C.int {
	if err == nil {
		return 0
	}
	var se *syd.Error
	if errors.As(err, &se) {
		return neg(se.Errno)
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return neg(errno)
	}
	return neg(syscall.EIO)
}

// validAction reports whether a is a defined action_t value.
func validAction(a C.uint8_t) bool { return syd.Action(a).String() != "" }

// actionCall runs f(a) after checking a.
func actionCall(f func(syd.Action) error, a C.uint8_t) C.int {
	if !validAction(a) {
		return neg(syscall.EINVAL)
	}
	return result(f(syd.Action(a)))
}

// ruleCall runs f(a, value) after checking a and value.
func ruleCall(f func(syd.Action, string) error, a C.uint8_t, value *C.char) C.int {
	if !validAction(a) {
		return neg(syscall.EINVAL)
	}
	if value == nil {
		return neg(syscall.EFAULT)
	}
	return result(f(syd.Action(a), C.GoString(value)))
}

// stringCall runs f(s) after checking s.
func stringCall(f func(string) error, s *C.char) C.int {
	if s == nil {
		return neg(syscall.EFAULT)
	}
	return result(f(C.GoString(s)))
}

//export syd_api
func syd_api() C.int {
	n, err := syd.API()
	if err != nil {
		return result(err)
	}
	return C.int(n)
}

//export syd_check
func syd_check() C.int { return result(syd.Check()) }

//export syd_panic
func syd_panic() C.int { return result(syd.Panic()) }

//export syd_reset
func syd_reset() C.int { return result(syd.Reset()) }

//export syd_load
func syd_load(fd C.int) C.int { return result(syd.Load(int(fd))) }

//export syd_lock
func syd_lock(state C.uint8_t) C.int {
	if syd.LockState(state).String() == "" {
		return neg(syscall.EINVAL)
	}
	return result(syd.Lock(syd.LockState(state)))
}

//export syd_exec
func syd_exec(file *C.char, argv **C.char) C.int {
	if file == nil || argv == nil {
		return neg(syscall.EFAULT)
	}
	var args []string
	for p := argv; *p != nil; p = (**C.char)(unsafe.Add(unsafe.Pointer(p), unsafe.Sizeof(*p))) {
		args = append(args, C.GoString(*p))
	}
	return result(syd.Exec(C.GoString(file), args))
}

//export syd_ioctl_deny
func syd_ioctl_deny(request C.uint64_t) C.int { return result(syd.IoctlDeny(uint64(request))) }

//export syd_force_add
func syd_force_add(path, hash *C.char, action C.uint8_t) C.int {
	if !validAction(action) {
		return neg(syscall.EINVAL)
	}
	if path == nil || hash == nil {
		return neg(syscall.EFAULT)
	}
	return result(syd.ForceAdd(C.GoString(path), C.GoString(hash), syd.Action(action)))
}

//export syd_force_del
func syd_force_del(path *C.char) C.int { return stringCall(syd.ForceDel, path) }

//export syd_force_clr
func syd_force_clr() C.int { return result(syd.ForceClr()) }

//export syd_mem_max
func syd_mem_max(size *C.char) C.int { return stringCall(syd.MemMax, size) }

//export syd_mem_vm_max
func syd_mem_vm_max(size *C.char) C.int { return stringCall(syd.MemVMMax, size) }

//export syd_pid_max
func syd_pid_max(n C.size_t) C.int { return result(syd.PIDMax(uint64(n))) }

//export syd_segvguard_expiry
func syd_segvguard_expiry(seconds C.uint64_t) C.int {
	return result(syd.SegvGuardExpiry(uint64(seconds)))
}

//export syd_segvguard_suspension
func syd_segvguard_suspension(seconds C.uint64_t) C.int {
	return result(syd.SegvGuardSuspension(uint64(seconds)))
}

//export syd_segvguard_maxcrashes
func syd_segvguard_maxcrashes(n C.uint8_t) C.int { return result(syd.SegvGuardMaxCrashes(uint8(n))) }
