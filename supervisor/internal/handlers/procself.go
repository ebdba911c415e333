// procself.go: the name a path has for rule matching. The caller's own
// /proc/<pid> is matched as /proc/self and its own task directory as
// /proc/thread-self (spec 04: configurations grant /proc/self/***, while the
// canonical path of anything the caller reaches through /proc/self names its pid).
package handlers

import (
	"strconv"
	"strings"

	"syd/supervisor/internal/tracee"
)

// rulePath is path as rules see it: /proc/<tgid>[/...] of the caller becomes
// /proc/self[/...], /proc/<tgid>/task/<tid>[/...] of the calling thread becomes
// /proc/thread-self[/...]. Other processes' entries keep their numbers.
func (c *Call) rulePath(path string) string {
	rest, ok := strings.CutPrefix(path, "/proc/")
	if !ok || rest == "" || rest[0] < '0' || rest[0] > '9' {
		return path
	}
	num, tail, _ := strings.Cut(rest, "/")
	n, err := strconv.Atoi(num)
	if err != nil {
		return path
	}
	tid := c.Pid()
	tgid := tid
	if n != tid {
		// The caller may be a thread whose group leader's entry this is.
		st, err := tracee.ReadStatus(tid)
		if err != nil || st.Tgid != n {
			return path
		}
		tgid = st.Tgid
	}
	if t, ok := strings.CutPrefix(tail, "task/"+strconv.Itoa(tid)); ok && (t == "" || t[0] == '/') {
		return "/proc/thread-self" + t
	}
	if n != tgid {
		return path
	}
	if tail == "" {
		return "/proc/self"
	}
	return "/proc/self/" + tail
}
