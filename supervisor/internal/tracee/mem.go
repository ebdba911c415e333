// Package tracee reads and writes sandboxed processes' memory and /proc entries; it knows nothing about policy.
package tracee

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// PathMax is the kernel's PATH_MAX, terminating NUL included.
const PathMax = 4096

const pageSize = 4096

// ReadCString reads a NUL-terminated string at addr of process pid into buf
// (len(buf) must be >= PathMax) and returns the bytes before the NUL. It reads in
// page-bounded chunks so a string ending just before an unmapped page is still read.
// A string without NUL in the first PathMax bytes gives ENAMETOOLONG; an unreadable
// first byte gives EFAULT.
func ReadCString(pid int, addr uint64, buf []byte) ([]byte, error) {
	if addr == 0 {
		return nil, unix.EFAULT
	}
	off := 0
	for off < PathMax {
		chunk := pageSize - int((addr+uint64(off))%pageSize)
		if off+chunk > PathMax {
			chunk = PathMax - off
		}
		n, err := readAt(pid, addr+uint64(off), buf[off:off+chunk])
		if n <= 0 {
			if err == nil || err == unix.ESRCH {
				err = unix.EFAULT
			}
			if err == unix.EPERM || err == unix.ENOSYS {
				return nil, err
			}
			return nil, unix.EFAULT
		}
		for i := off; i < off+n; i++ {
			if buf[i] == 0 {
				return buf[:i], nil
			}
		}
		off += n
		if n < chunk {
			return nil, unix.EFAULT
		}
	}
	return nil, unix.ENAMETOOLONG
}

// Read copies len(buf) bytes at addr of pid into buf. A short read is EFAULT.
func Read(pid int, addr uint64, buf []byte) error {
	if len(buf) == 0 {
		return nil
	}
	n, err := readAt(pid, addr, buf)
	if err != nil {
		return unix.EFAULT
	}
	if n != len(buf) {
		return unix.EFAULT
	}
	return nil
}

// Write copies buf to addr of pid. A short write is EFAULT.
func Write(pid int, addr uint64, buf []byte) error {
	if len(buf) == 0 {
		return nil
	}
	local := []unix.Iovec{{Base: &buf[0]}}
	local[0].SetLen(len(buf))
	remote := []unix.RemoteIovec{{Base: uintptr(addr), Len: len(buf)}}
	n, err := unix.ProcessVMWritev(pid, local, remote, 0)
	if err != nil || n != len(buf) {
		return unix.EFAULT
	}
	return nil
}

func readAt(pid int, addr uint64, buf []byte) (int, error) {
	local := []unix.Iovec{{Base: &buf[0]}}
	local[0].SetLen(len(buf))
	remote := []unix.RemoteIovec{{Base: uintptr(addr), Len: len(buf)}}
	return unix.ProcessVMReadv(pid, local, remote, 0)
}

// ReadStruct reads a value of type T at addr.
func ReadStruct[T any](pid int, addr uint64, v *T) error {
	// v is plain data of fixed size; we fill its bytes.
	b := unsafe.Slice((*byte)(unsafe.Pointer(v)), unsafe.Sizeof(*v))
	return Read(pid, addr, b)
}
