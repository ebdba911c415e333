// This file holds the Safename rules (spec 06 §4): which file names a sandboxed
// process may create, and which existing ones it sees.

package sandbox

import (
	"strings"
	"unicode/utf8"
)

// unsafeFilenameBytes are the characters shells, option parsers and terminals
// give meaning to.
const unsafeFilenameBytes = "*?:[]\"<>|(){}&'!\\;$`"

// SafeFilename reports whether name (one path component) obeys the Safename
// rules: valid UTF-8; no control characters (0x00-0x1F, 0x7F); none of
// * ? : [ ] " < > | ( ) { } & ' ! \ ; $ and backtick; no leading space, '-' or
// '~'; no trailing space. "." and ".." are safe.
func SafeFilename(name string) bool {
	if name == "" || name == "." || name == ".." {
		return true
	}
	switch name[0] {
	case ' ', '-', '~':
		return false
	}
	if name[len(name)-1] == ' ' {
		return false
	}
	for i := 0; i < len(name); i++ {
		b := name[i]
		if b < 0x20 || b == 0x7f || strings.IndexByte(unsafeFilenameBytes, b) >= 0 {
			return false
		}
	}
	return utf8.ValidString(name)
}

// kernelNamed are the trees whose names the kernel makes (sysfs device names
// hold ':', /dev/char holds "major:minor"): Safename does not hide them.
var kernelNamed = []string{"/proc/", "/sys/", "/dev/"}

// KernelNamed reports whether path lies in a tree whose names the kernel makes.
func KernelNamed(path string) bool {
	for _, k := range kernelNamed {
		if strings.HasPrefix(path, k) {
			return true
		}
	}
	return false
}

// SafePath reports whether every component of the absolute path obeys the
// Safename rules, outside the trees the kernel names (and the " (deleted)" the
// kernel appends to the name of an unlinked file).
func SafePath(path string) bool {
	if KernelNamed(path) {
		return true
	}
	// The kernel names an unlinked file behind an fd "NAME (deleted)".
	path = strings.TrimSuffix(path, " (deleted)")
	for len(path) > 0 {
		i := strings.IndexByte(path, '/')
		if i < 0 {
			return SafeFilename(path)
		}
		if !SafeFilename(path[:i]) {
			return false
		}
		path = path[i+1:]
	}
	return true
}
