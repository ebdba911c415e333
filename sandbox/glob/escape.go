// This file quotes a literal path so that, as a pattern, it matches exactly itself.

package glob

import "strings"

// special lists the bytes a pattern gives a meaning: wildcards, sets, braces, the
// escape itself, and '$', which a .syd-3 file expands as a variable.
const special = `\*?[]{}$`

// Escape returns the pattern that matches s and nothing else: every byte with a
// meaning in patterns is preceded by a backslash. The result is also safe in a
// .syd-3 file, where "\$" stays a literal '$'.
func Escape(s string) string {
	if !strings.ContainsAny(s, special) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(special, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
