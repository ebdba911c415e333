// normalize.go: turning the paths and addresses of access records into rule
// patterns: a process's own /proc entries as /proc/self, other pids as
// /proc/[0-9]*, terminals as /dev/pts/[0-9]*, the depth limit (/***), ${HOME},
// and escaping, so that every pattern matches what was logged and is one valid
// line of a .syd-3 file.

package pandora

import (
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"syd/sandbox"
	"syd/sandbox/glob"
)

// Normalizer turns logged paths into patterns.
type Normalizer struct {
	depth int      // components kept before "/***"; 0 = no limit
	home  []string // components of $HOME, written as ${HOME}; nil = none
	temp  []string // shared temporary directories (WithTempDirs)
}

// WithTempDirs returns n with the shared temporary directories (/tmp, $TMPDIR)
// in which a file name that looks made by mkstemp(3) becomes a pattern: the
// random part differs from run to run (gcc's /tmp/ccAbC123.o is /tmp/*.o).
func (n Normalizer) WithTempDirs(dirs ...string) Normalizer {
	for _, d := range dirs {
		if strings.HasPrefix(d, "/") && path.Clean(d) != "/" {
			n.temp = append(n.temp, path.Clean(d))
		}
	}
	return n
}

// NewNormalizer returns a Normalizer with depth limit depth (0 = none) that
// writes paths under home as ${HOME}/... . home is ignored when it is empty,
// "/", relative, or holds a byte that would need escaping (the file expands
// ${HOME} to the bare value, which would then be read as a pattern) or a ':'
// (force rules separate the path from the hash with one).
func NewNormalizer(depth int, home string) Normalizer {
	n := Normalizer{depth: depth}
	if !strings.HasPrefix(home, "/") || glob.Escape(home) != home || strings.ContainsAny(home, ":\n") {
		return n
	}
	if h := path.Clean(home); h != "/" {
		n.home = strings.Split(h[1:], "/")
	}
	return n
}

// part is one path component: literal text, or a pattern written as is.
type part struct {
	text string
	pat  bool
}

// anyPid is the pattern that stands for a pid, tid or fd number in /proc, or
// a terminal's number in /dev/pts.
const anyPid = "[0-9]*"

// Path returns the pattern for path, logged for process pid in a record whose
// tip named tipPath ("" if none: syd's tip already says /proc/self for a
// thread's own group leader, which the pid alone cannot tell). exact turns the
// depth limit off (exec rules). ok is false for a path no rule can name.
func (n Normalizer) Path(p string, pid int, tipPath string, exact bool) (pattern string, ok bool) {
	if strings.HasPrefix(p, sandbox.MemfdPrefix) {
		return finish(literal(p)), true
	}
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	p = path.Clean(p)
	if strings.HasPrefix(p, "/proc/") && (underDir(tipPath, "/proc/self") || underDir(tipPath, "/proc/thread-self")) {
		p = path.Clean(tipPath)
	}
	parts := procParts(split(p), pid)
	if len(parts) == 3 && parts[0].text == "dev" && parts[1].text == "pts" && isNumber(parts[2].text) {
		parts[2] = part{text: anyPid, pat: true} // the terminal differs from run to run
	}
	if !exact && len(parts) > 0 && n.inTemp(parts[:len(parts)-1]) {
		if pat, ok := tempName(parts[len(parts)-1].text); ok {
			parts[len(parts)-1] = part{text: pat, pat: true}
		}
	}
	tree := false
	if !exact && n.depth > 0 && len(parts) > n.depth {
		parts, tree = parts[:n.depth], true
	}
	return n.build(parts, tree), true
}

// inTemp reports whether dir (literal components) is a shared temporary directory.
func (n Normalizer) inTemp(dir []part) bool {
	var b strings.Builder
	for _, p := range dir {
		if p.pat {
			return false
		}
		b.WriteByte('/')
		b.WriteString(p.text)
	}
	for _, t := range n.temp {
		if b.String() == t {
			return true
		}
	}
	return false
}

// tempName returns the pattern for a file name made by mkstemp(3) and the like
// in a shared temporary directory: the last run of at least six letters and
// digits (mkstemp's XXXXXX, mktemp's ten) becomes "*", the rest stays literal
// (gcc's ccAbC123.o is *.o, mktemp's tmp.k3J9xQ2aZ1 is tmp.*). The random part
// can be anything, one case or no digits included, so the shape decides alone.
// A name without such a run is no temporary name: ok is false.
func tempName(name string) (pat string, ok bool) {
	alnum := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	start, end := -1, -1
	for i := 0; i < len(name); {
		if !alnum(name[i]) {
			i++
			continue
		}
		j := i
		for j < len(name) && alnum(name[j]) {
			j++
		}
		if j-i >= 6 {
			start, end = i, j
		}
		i = j
	}
	if start < 0 {
		return "", false
	}
	return literal(name[:start]) + "*" + literal(name[end:]), true
}

// Unix returns the pattern for a UNIX socket address: an absolute path (exact,
// no depth limit) or an abstract name "@name".
func (n Normalizer) Unix(addr string) (string, bool) {
	if name, ok := strings.CutPrefix(addr, "@"); ok {
		return finish("@" + literal(name)), true
	}
	if !strings.HasPrefix(addr, "/") {
		return "", false
	}
	return n.build(split(path.Clean(addr)), false), true
}

// Force returns path as written in a force rule (matched exactly, not a
// pattern: backslashes only quote, ':' must be quoted). ok is false when the
// path cannot be written exactly: it holds a newline or a byte the log could
// not show, or ends in white space that the loader would trim.
func (n Normalizer) Force(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\n\uFFFD") {
		return "", false
	}
	if r, _ := utf8.DecodeLastRuneInString(p); unicode.IsSpace(r) {
		return "", false
	}
	prefix, rest := "", p
	if n.home != nil {
		h := "/" + strings.Join(n.home, "/")
		if tail, ok := strings.CutPrefix(p, h); ok && (tail == "" || tail[0] == '/') {
			prefix, rest = "${HOME}", tail
		}
	}
	return prefix + strings.ReplaceAll(glob.Escape(rest), ":", `\:`), true
}

// split returns the literal components of a clean absolute path ("/" has none).
func split(p string) []part {
	if p == "/" {
		return nil
	}
	names := strings.Split(p[1:], "/")
	parts := make([]part, len(names))
	for i, s := range names {
		parts[i] = part{text: s}
	}
	return parts
}

// procParts rewrites /proc paths: the caller's /proc/<pid> becomes /proc/self,
// /proc/<tgid>/task/<pid> /proc/thread-self, and any other number under /proc
// (other pids, tids, fd numbers) the pattern [0-9]*.
func procParts(parts []part, pid int) []part {
	if len(parts) < 2 || parts[0].text != "proc" {
		return parts
	}
	out := append([]part(nil), parts...)
	if isNumber(out[1].text) {
		switch {
		case len(out) >= 4 && out[2].text == "task" && out[3].text == strconv.Itoa(pid) && pid > 0:
			out = append([]part{{text: "proc"}, {text: "thread-self"}}, out[4:]...)
		case out[1].text == strconv.Itoa(pid) && pid > 0:
			out[1] = part{text: "self"}
		}
	}
	for i := 1; i < len(out); i++ {
		if isNumber(out[i].text) {
			out[i] = part{text: anyPid, pat: true}
		}
	}
	return out
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// underDir reports whether p is dir or below it.
func underDir(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// build writes parts as a pattern, with ${HOME} for a leading $HOME and "/***"
// when tree is set.
func (n Normalizer) build(parts []part, tree bool) string {
	var b strings.Builder
	if n.home != nil && len(parts) >= len(n.home) {
		at := true
		for i, h := range n.home {
			if parts[i].pat || parts[i].text != h {
				at = false
				break
			}
		}
		if at {
			b.WriteString("${HOME}")
			parts = parts[len(n.home):]
		}
	}
	for _, p := range parts {
		b.WriteByte('/')
		if p.pat {
			b.WriteString(p.text)
		} else {
			b.WriteString(literal(p.text))
		}
	}
	if tree {
		b.WriteString("/***")
	}
	if b.Len() == 0 {
		return "/"
	}
	return finish(b.String())
}

// literal quotes s so that it matches itself. A newline cannot be written on
// a line, and U+FFFD stands for a byte that was not UTF-8 (the log could not
// show it): both become "?", one byte other than '/'.
func literal(s string) string {
	s = glob.Escape(s)
	if strings.ContainsAny(s, "\n\uFFFD") {
		s = strings.NewReplacer("\n", "?", "\uFFFD", "?").Replace(s)
	}
	return s
}

// finish protects a pattern's trailing white space, which the loader would
// trim from the line: an ASCII space becomes the set "[ ]", other white space
// W the alternatives "{W,W}" (a set matches one byte only).
func finish(pat string) string {
	r, size := utf8.DecodeLastRuneInString(pat)
	if !unicode.IsSpace(r) { // literal never escapes white space
		return pat
	}
	w := pat[len(pat)-size:]
	if size == 1 {
		return pat[:len(pat)-size] + "[" + w + "]"
	}
	return pat[:len(pat)-size] + "{" + w + "," + w + "}"
}
