// This file parses command values: escapes, separators, booleans, sizes, durations and numbers.

package sandbox

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// splitEscaped splits s at each sep byte that is not escaped by a backslash,
// into at most n parts (n < 0: all). Escapes are kept in the parts, so a glob
// part still sees "\*" as a literal star; unescape literal parts.
func splitEscaped(s string, sep byte, n int) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			if n >= 0 && len(parts) == n-1 {
				continue
			}
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// unescape removes the backslash of every "\x" pair: "\:" is ':', "\\" is
// '\'. A trailing lone backslash is kept.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// parseBool parses a boolean setting: on/off, 1/0, true/false.
func parseBool(s string) (bool, *failure) {
	switch s {
	case "on", "1", "true":
		return true, nil
	case "off", "0", "false":
		return false, nil
	}
	return false, invalid("invalid boolean %q (want on, off, 1, 0, true or false)", s)
}

// parseUint parses a decimal number that fits in bitSize bits.
func parseUint(s string, bitSize int) (uint64, *failure) {
	n, err := strconv.ParseUint(s, 10, bitSize)
	if err != nil || s == "" || s[0] == '+' {
		return 0, invalid("invalid number %q (want 0-%d)", s, uint64(1)<<bitSize-1)
	}
	return n, nil
}

// sizeUnits are the size suffixes, lower-case: decimal (k = 1000) and
// binary (ki, kib = 1024), as the parse-size crate Syd uses reads them.
var sizeUnits = []struct {
	suffix string
	mult   float64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40}, {"pib", 1 << 50}, {"eib", 1 << 60},
	{"ki", 1 << 10}, {"mi", 1 << 20}, {"gi", 1 << 30}, {"ti", 1 << 40}, {"pi", 1 << 50}, {"ei", 1 << 60},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12}, {"pb", 1e15}, {"eb", 1e18},
	{"k", 1e3}, {"m", 1e6}, {"g", 1e9}, {"t", 1e12}, {"p", 1e15}, {"e", 1e18},
	{"b", 1},
}

// parseSize parses a byte count: "4096", "512M", "1.5G", "1GiB", "64 kB".
// Suffixes are case-insensitive; K, M, G... are powers of 1000 and Ki, KiB,
// Mi... powers of 1024.
func parseSize(s string) (uint64, *failure) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := 1.0
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	if !isPlainDecimal(t) {
		return 0, invalid("invalid size %q (want a number with an optional unit: 512M, 1G, 1GiB)", s)
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, invalid("invalid size %q (want a number with an optional unit: 512M, 1G, 1GiB)", s)
	}
	v := f * mult
	if v >= math.MaxUint64 {
		return 0, invalid("size %q is too large", s)
	}
	return uint64(v), nil
}

// isPlainDecimal reports whether t is digits with at most one '.'.
func isPlainDecimal(t string) bool {
	dot, digits := false, 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// parseSeconds parses a duration: a number of seconds ("120") or a Go
// duration ("2m", "1h30m"); negative durations are refused.
func parseSeconds(s string) (time.Duration, *failure) {
	if n, err := strconv.ParseUint(s, 10, 32); err == nil && s[0] != '+' {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, invalid("invalid duration %q (want seconds, or a duration such as 10m or 1h)", s)
	}
	return d, nil
}

// parseMode parses an octal permission mask of at most 0777 ("077", "0o022").
func parseMode(s string) (uint32, *failure) {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "0o"), "0O")
	n, err := strconv.ParseUint(t, 8, 32)
	if err != nil || t == "" || t[0] == '+' || n > 0o777 {
		return 0, invalid("invalid mode %q (want an octal mask 000-777)", s)
	}
	return uint32(n), nil
}

// parseRequest parses an ioctl request: a number (decimal, 0x hex or 0o/0
// octal) or a request name from ioctlNames.
func parseRequest(s string) (uint64, *failure) {
	if n, ok := ioctlNames[s]; ok {
		return n, nil
	}
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		if n, err := strconv.ParseUint(s, 0, 64); err == nil {
			return n, nil
		}
	}
	return 0, invalid("unknown ioctl request %q (want a number or a request name such as TCGETS)", s)
}

// checkAbsolute returns an error unless p is an absolute path without NUL bytes.
func checkAbsolute(what, p string) *failure {
	if !strings.HasPrefix(p, "/") {
		return invalid("%s %q is not an absolute path", what, p)
	}
	if strings.IndexByte(p, 0) >= 0 {
		return invalid("%s %q contains a NUL byte", what, p)
	}
	return nil
}
