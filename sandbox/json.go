// This file renders a Policy as the JSON state document that reading /dev/syd returns.

package sandbox

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// apiVersion is the version of the command language (spec 02 §2).
const apiVersion = 3

// jsonWriter appends a JSON document with keys in a fixed order.
type jsonWriter struct {
	b     []byte
	first bool // no member written yet in the current object or array
}

func (w *jsonWriter) open(c byte) { w.b = append(w.b, c); w.first = true }

func (w *jsonWriter) close(c byte) { w.b = append(w.b, c); w.first = false }

// sep writes the comma before a member unless it is the first.
func (w *jsonWriter) sep() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
}

// key writes `"name":` (with its separator).
func (w *jsonWriter) key(name string) {
	w.sep()
	w.b = appendJSONString(w.b, name)
	w.b = append(w.b, ':')
	w.first = false
}

func (w *jsonWriter) str(s string)         { w.b = appendJSONString(w.b, s) }
func (w *jsonWriter) boolean(v bool)       { w.b = strconv.AppendBool(w.b, v) }
func (w *jsonWriter) uint(v uint64)        { w.b = strconv.AppendUint(w.b, v, 10) }
func (w *jsonWriter) null()                { w.b = append(w.b, "null"...) }
func (w *jsonWriter) secs(d time.Duration) { w.uint(uint64(d / time.Second)) }

// optStr writes s, or null when it is empty.
func (w *jsonWriter) optStr(s string) {
	if s == "" {
		w.null()
		return
	}
	w.str(s)
}

// strs writes an array of strings.
func (w *jsonWriter) strs(ss []string) {
	w.open('[')
	for _, s := range ss {
		w.sep()
		w.str(s)
	}
	w.close(']')
}

// MarshalJSON renders the state document described in the package comment.
// Keys come in a fixed order, so equal policies give equal bytes.
func (p *Policy) MarshalJSON() ([]byte, error) {
	w := &jsonWriter{b: make([]byte, 0, 4096)}
	w.open('{')
	w.key("api")
	w.uint(apiVersion)
	w.key("lock")
	w.str(p.lock.String())
	w.key("started")
	w.boolean(p.started)

	w.key("sandbox")
	w.open('{')
	for c := range NumCategories {
		w.key(c.String())
		w.boolean(p.enabled.has(c))
	}
	for f := range NumFeatures {
		if switchFeats.has(f) {
			w.key(f.String())
			w.boolean(p.features.has(f))
		}
	}
	w.close('}')

	w.key("default")
	w.open('{')
	for c := range NumCategories {
		w.key(c.String())
		w.str(p.defaults[c].String())
	}
	for f := range NumFeatures {
		if defaultFeats.has(f) {
			w.key(f.String())
			w.str(p.featDef[f].String())
		}
	}
	w.close('}')

	w.key("rules")
	w.open('[')
	for c := range NumCategories {
		for _, r := range p.rules[c] {
			w.sep()
			w.open('{')
			w.key("act")
			w.str(r.act.String())
			w.key("cap")
			w.str(c.String())
			w.key("pat")
			w.str(r.pat)
			w.close('}')
		}
	}
	w.close(']')

	w.key("append")
	w.listPats(p.appendOnly)
	w.key("mask")
	w.open('[')
	for _, r := range p.masks {
		w.sep()
		w.open('{')
		w.key("pat")
		w.str(r.pat)
		w.key("repl")
		w.str(r.repl)
		w.close('}')
	}
	w.close(']')

	w.key("crypt")
	w.open('{')
	w.key("key")
	w.boolean(p.cryptKey != "") // whether one is set; the key itself is never shown
	w.key("tmp")
	w.optStr(p.cryptTmp)
	w.key("pats")
	w.listPats(p.crypts)
	w.close('}')

	w.key("force")
	w.open('[')
	for _, r := range p.ForceRules() {
		w.sep()
		w.open('{')
		w.key("path")
		w.str(r.Path)
		w.key("alg")
		w.str(r.Alg)
		w.key("hash")
		w.str(r.Hash)
		w.key("act")
		w.str(r.Action.String())
		w.close('}')
	}
	w.close(']')

	w.key("bind")
	w.open('[')
	for _, b := range p.binds {
		w.sep()
		w.open('{')
		w.key("src")
		w.str(b.Src)
		w.key("dst")
		w.str(b.Dst)
		w.key("opts")
		w.strs(b.Opts)
		w.close('}')
	}
	w.close(']')

	w.key("setuid")
	w.transitions(p.setuids)
	w.key("setgid")
	w.transitions(p.setgids)

	w.key("ioctl")
	w.open('{')
	w.key("allow")
	w.requests(p.ioctlAllow)
	w.key("deny")
	w.requests(p.ioctlDeny)
	w.close('}')

	w.key("mem")
	w.open('{')
	w.key("max")
	w.uint(p.memMax)
	w.key("vm_max")
	w.uint(p.memVMMax)
	w.close('}')
	w.key("pid")
	w.open('{')
	w.key("max")
	w.uint(p.pidMax)
	w.close('}')

	w.key("segvguard")
	w.open('{')
	w.key("expiry")
	w.secs(p.segv.Expiry)
	w.key("suspension")
	w.secs(p.segv.Suspension)
	w.key("maxcrashes")
	w.uint(uint64(p.segv.MaxCrashes))
	w.close('}')

	w.key("tpe")
	w.open('{')
	w.key("gid")
	if p.tpe.HasGID {
		w.uint(uint64(p.tpe.GID))
	} else {
		w.null()
	}
	w.key("negate")
	w.boolean(p.tpe.Negate)
	w.key("root_owned")
	w.boolean(p.tpe.RootOwned)
	w.key("user_owned")
	w.boolean(p.tpe.UserOwned)
	w.close('}')

	w.key("proxy")
	w.open('{')
	w.key("addr")
	w.str(p.proxy.Addr.String())
	w.key("port")
	w.uint(uint64(p.proxy.Port))
	w.key("ext_host")
	w.str(p.proxy.ExtHost)
	w.key("ext_port")
	w.uint(uint64(p.proxy.ExtPort))
	w.close('}')

	w.key("unshare")
	w.namespaces(p.unshare)
	w.key("root")
	w.optStr(p.root)
	w.key("name")
	w.open('{')
	w.key("host")
	w.optStr(p.hostname)
	w.key("domain")
	w.optStr(p.domainname)
	w.close('}')

	w.key("landlock")
	w.open('{')
	w.key("read")
	w.strs(p.landlock.Read)
	w.key("write")
	w.strs(p.landlock.Write)
	w.key("bind")
	w.open('[')
	for _, r := range p.landlock.Bind {
		w.sep()
		w.str(r.String())
	}
	w.close(']')
	w.key("connect")
	w.open('[')
	for _, r := range p.landlock.Connect {
		w.sep()
		w.str(r.String())
	}
	w.close(']')
	for _, name := range LockListNames {
		if paths := p.landlock.Lists[name]; len(paths) > 0 {
			key := name
			if name == "bind" {
				key = "bind_unix"
			}
			w.key(key)
			w.strs(paths)
		}
	}
	w.close('}')

	w.key("trace")
	w.open('{')
	for f := range numFlags {
		w.key(f.String())
		w.boolean(p.flags.has(f))
	}
	w.key("allow_unsafe_namespace")
	w.strs(p.unsafeNS.Names())
	w.key("force_umask")
	if m, ok := p.ForceUmask(); ok {
		w.str(fmt.Sprintf("%03o", m))
	} else {
		w.null()
	}
	w.key("memory_access")
	w.uint(uint64(p.memoryAccess))
	w.close('}')

	w.key("config")
	w.open('{')
	w.key("expand")
	w.secs(p.configExpand)
	w.close('}')

	w.close('}')
	return w.b, nil
}

func (w *jsonWriter) listPats(rules []listRule) {
	w.open('[')
	for _, r := range rules {
		w.sep()
		w.str(r.pat)
	}
	w.close(']')
}

func (w *jsonWriter) transitions(ts []IDTransition) {
	w.open('[')
	for _, t := range ts {
		w.sep()
		w.open('{')
		w.key("src")
		w.str(t.Src)
		w.key("dst")
		w.str(t.Dst)
		w.close('}')
	}
	w.close(']')
}

func (w *jsonWriter) requests(rs []IoctlRequest) {
	w.open('[')
	for _, r := range rs {
		w.sep()
		w.open('{')
		w.key("req")
		w.uint(r.Req)
		w.key("name")
		w.optStr(r.Name)
		w.close('}')
	}
	w.close(']')
}

func (w *jsonWriter) namespaces(s Namespaces) {
	w.open('{')
	for i, name := range namespaceNames {
		w.key(name)
		w.boolean(s&(1<<i) != 0)
	}
	w.close('}')
}

// appendJSONString appends s as a JSON string. Bytes that are not valid UTF-8
// become U+FFFD, as encoding/json does, since paths need not be UTF-8.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c == '\t':
				b = append(b, `\t`...)
			case c < 0x20 || c == 0x7f:
				b = append(b, `\u00`...)
				b = append(b, hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
