// This file holds the special lists: append, mask, crypt, force, bind, setuid/setgid and the ioctl request lists.

package sandbox

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"syd/sandbox/glob"
)

// patternList returns the handler of a glob list without actions (append,
// mask, crypt). With repl, a value may end in ":<replacement>" (mask only;
// the default replacement is /dev/null); removal compares the pattern alone.
// Adding entries restricts the sandbox, so lock:drop accepts '+'.
func patternList(get func(*Policy) *[]listRule, repl bool) func(x *cmdCtx) *failure {
	return func(x *cmdCtx) *failure {
		if f := x.drop(x.op == '+'); f != nil {
			return f
		}
		pattern, replacement := x.val, ""
		if repl {
			parts := splitEscaped(x.val, ':', 2)
			pattern, replacement = parts[0], "/dev/null"
			if len(parts) == 2 {
				replacement = unescape(parts[1])
				if f := checkAbsolute("replacement", replacement); f != nil {
					return f
				}
			}
		}
		pats, err := glob.ExpandBraces(pattern)
		if err != nil {
			return invalid("bad pattern: %v", err)
		}
		list := get(x.p)
		for _, pat := range pats {
			if !strings.HasPrefix(pat, "/") {
				return invalid("pattern %q is not an absolute path", pat)
			}
			switch x.op {
			case '+':
				g, err := glob.Compile(pat)
				if err != nil {
					return invalid("bad pattern: %v", err)
				}
				r := listRule{glob: g, pat: pat, repl: replacement}
				r.head, r.mask = headMask(g)
				*list = append(slices.Clip(*list), r)
			case '-':
				for i := len(*list) - 1; i >= 0; i-- {
					if (*list)[i].pat == pat {
						*list = slices.Delete(slices.Clone(*list), i, i+1)
						break
					}
				}
			case '^':
				*list = slices.DeleteFunc(slices.Clone(*list), func(r listRule) bool { return r.pat == pat })
			}
		}
		return nil
	}
}

// hashAlgorithms maps the hex length of a force hash to its algorithm.
var hashAlgorithms = map[int]string{8: "crc32", 16: "crc64", 32: "md5", 40: "sha1", 64: "sha3-256", 96: "sha3-384", 128: "sha3-512"}

// forceList runs "force+<path>:<hash>[:<action>]", "force-<path>" and "force^".
// The list is a map keyed by path: adding a path again replaces its rule.
func forceList(x *cmdCtx) *failure {
	if f := x.drop(x.op == '+'); f != nil {
		return f
	}
	p := x.p
	switch x.op {
	case '^':
		p.force = nil
		return nil
	case '-':
		path := unescape(x.val)
		if _, ok := p.force[path]; ok {
			p.force = maps.Clone(p.force)
			delete(p.force, path)
		}
		return nil
	}
	parts := splitEscaped(x.val, ':', 3)
	if len(parts) < 2 {
		return invalid("want force+<path>:<hash>[:<action>]")
	}
	r := ForceRule{Path: unescape(parts[0]), Hash: strings.ToLower(parts[1]), Action: ActionKill}
	if f := checkAbsolute("path", r.Path); f != nil {
		return f
	}
	for i := 0; i < len(r.Hash); i++ {
		if c := r.Hash[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return invalid("hash %q is not hexadecimal", parts[1])
		}
	}
	alg, ok := hashAlgorithms[len(r.Hash)]
	if !ok {
		return invalid("hash %q has %d hex digits (want 8 crc32, 16 crc64, 32 md5, 40 sha1, 64 sha3-256, 96 sha3-384 or 128 sha3-512)", parts[1], len(r.Hash))
	}
	r.Alg = alg
	if len(parts) == 3 {
		a, ok := ParseAction(parts[2])
		if !ok || a == ActionAllow {
			return invalid("invalid force action %q (want warn, filter, deny, panic, stop, abort, kill or exit)", parts[2])
		}
		r.Action = a
	}
	p.force = maps.Clone(p.force)
	if p.force == nil {
		p.force = map[string]ForceRule{}
	}
	p.force[r.Path] = r
	return nil
}

// mountFlags are the bind options that are mount flags; any other option
// must be file system data written key=value (size=1M, mode=700).
var mountFlags = map[string]bool{
	"ro": true, "rw": true, "nodev": true, "noexec": true, "nosuid": true, "nosymfollow": true,
	"noatime": true, "nodiratime": true, "relatime": true, "strictatime": true, "lazytime": true,
	"dirsync": true, "sync": true, "mand": true, "rec": true, "private": true, "slave": true, "shared": true,
}

// bindList runs "bind+<src>:<dst>[:<opts>]" and its removals.
func bindList(x *cmdCtx) *failure {
	if f := x.drop(false); f != nil {
		return f
	}
	parts := splitEscaped(x.val, ':', 3)
	if len(parts) < 2 {
		return invalid("want bind+<src>:<dst>[:<opts>]")
	}
	b := Bind{Src: unescape(parts[0]), Dst: unescape(parts[1])}
	if !strings.HasPrefix(b.Src, "/") && !isFSType(b.Src) {
		return invalid("source %q is neither an absolute path nor a file system type", b.Src)
	}
	if f := checkAbsolute("destination", b.Dst); f != nil {
		return f
	}
	if len(parts) == 3 {
		for _, opt := range splitEscaped(parts[2], ',', -1) {
			opt = unescape(opt)
			if !mountFlags[opt] && !(strings.Contains(opt, "=") && opt[0] != '=') {
				return invalid("unknown mount option %q", opt)
			}
			b.Opts = append(b.Opts, opt)
		}
	}
	same := func(o Bind) bool { return o.Src == b.Src && o.Dst == b.Dst && slices.Equal(o.Opts, b.Opts) }
	p := x.p
	switch x.op {
	case '+':
		p.binds = append(slices.Clip(p.binds), b)
	case '-':
		for i := len(p.binds) - 1; i >= 0; i-- {
			if same(p.binds[i]) {
				p.binds = slices.Delete(slices.Clone(p.binds), i, i+1)
				break
			}
		}
	case '^':
		p.binds = slices.DeleteFunc(slices.Clone(p.binds), same)
	}
	return nil
}

// isFSType reports whether s looks like a file system type name (tmpfs, proc).
func isFSType(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// idList returns the handler of setuid+ or setgid+: "<src>:<dst>" with
// numbers or user/group names. A transition to 0 (root) is refused.
// Adding transitions widens what the sandbox may do, so lock:drop accepts
// only removals.
func idList(get func(*Policy) *[]IDTransition) func(x *cmdCtx) *failure {
	return func(x *cmdCtx) *failure {
		if f := x.drop(x.op != '+'); f != nil {
			return f
		}
		src, dst, ok := strings.Cut(x.val, ":")
		if !ok {
			return invalid("want <src>:<dst>")
		}
		for _, id := range []string{src, dst} {
			if !isID(id) {
				return invalid("invalid user or group %q (want a number or a name)", id)
			}
		}
		if dst == "root" || strings.Trim(dst, "0") == "" {
			return invalid("a transition to root (%q) is never allowed", dst)
		}
		list := get(x.p)
		*list = editList(*list, x.op, IDTransition{src, dst})
		return nil
	}
}

// isID reports whether s is a uid/gid number or a user/group name.
func isID(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	if s[0] >= '0' && s[0] <= '9' {
		_, err := strconv.ParseUint(s, 10, 32)
		return err == nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		case i > 0 && c == '$' && i == len(s)-1:
		default:
			return false
		}
	}
	return true
}

// ioctlList returns the handler of ioctl/allow or ioctl/deny: a comma list
// of request numbers or names. Adding to the deny list or removing from the
// allow list reduces privileges.
func ioctlList(deny bool) func(x *cmdCtx) *failure {
	return func(x *cmdCtx) *failure {
		if f := x.drop((x.op == '+') == deny); f != nil {
			return f
		}
		list := &x.p.ioctlAllow
		if deny {
			list = &x.p.ioctlDeny
		}
		for item := range strings.SplitSeq(x.val, ",") {
			req, f := parseRequest(item)
			if f != nil {
				return f
			}
			name := item
			if _, named := ioctlNames[item]; !named {
				name = ""
			}
			same := func(r IoctlRequest) bool { return r.Req == req }
			switch x.op {
			case '+':
				if !slices.ContainsFunc(*list, same) {
					*list = append(slices.Clip(*list), IoctlRequest{req, name})
				}
			case '-', '^': // requests are unique in a list
				*list = slices.DeleteFunc(slices.Clone(*list), same)
			}
		}
		return nil
	}
}
