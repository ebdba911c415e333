// tty.go: the readable one-line form of the log, for a terminal (or
// SYD_FORCE_TTY): an access record says what was refused and how to allow it,
//
//	syd: 18:49:32 warn deny write /tmp/x/file (openat) pid 17883 "sh -c ..." — tip: syd -m 'allow/write+/tmp/x/file' or esyd allow_write '/tmp/x/file'
//
// and any other record is its level, message and attributes as key=value.

package auditlog

import (
	"context"
	"encoding"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// IsTerminal reports whether fd is a terminal (isatty: TCGETS succeeds).
func IsTerminal(fd int) bool {
	_, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return err == nil
}

// TTYOptions configure a TTYHandler.
type TTYOptions struct {
	// Level is the least severe level written (default info, as slog's).
	Level slog.Leveler
	// Location is the zone of the clock time; nil is the local zone.
	Location *time.Location
	// CmdMax is how many characters of the command line are shown (default 80).
	CmdMax int
}

// TTYHandler is a slog.Handler that writes each record as one readable line.
// Every line is one Write call on w.
type TTYHandler struct {
	w      io.Writer
	mu     *sync.Mutex
	opts   TTYOptions
	attrs  []slog.Attr // from WithAttrs, flattened with their groups as key prefixes
	prefix string      // the open groups, "a.b."
}

// NewTTYHandler returns a TTYHandler writing to w.
func NewTTYHandler(w io.Writer, opts *TTYOptions) *TTYHandler {
	h := &TTYHandler{w: w, mu: new(sync.Mutex)}
	if opts != nil {
		h.opts = *opts
	}
	if h.opts.Level == nil {
		h.opts.Level = slog.LevelInfo
	}
	if h.opts.Location == nil {
		h.opts.Location = time.Local
	}
	if h.opts.CmdMax <= 0 {
		h.opts.CmdMax = 80
	}
	return h
}

// Enabled reports whether records at l are written.
func (h *TTYHandler) Enabled(_ context.Context, l slog.Level) bool {
	return l >= h.opts.Level.Level()
}

// WithAttrs returns a handler whose records carry as too.
func (h *TTYHandler) WithAttrs(as []slog.Attr) slog.Handler {
	if len(as) == 0 {
		return h
	}
	h2 := *h
	h2.attrs = append([]slog.Attr(nil), h.attrs...)
	for _, a := range as {
		h2.attrs = flatten(h2.attrs, h.prefix, a)
	}
	return &h2
}

// WithGroup returns a handler whose later attributes are qualified by name.
func (h *TTYHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.prefix = h.prefix + name + "."
	return &h2
}

// flatten appends a to dst as slog's text handler names it: the value
// resolved, groups spelled as key prefixes, empty attributes and groups left out.
func flatten(dst []slog.Attr, prefix string, a slog.Attr) []slog.Attr {
	a.Value = a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return dst
	}
	if a.Value.Kind() == slog.KindGroup {
		p := prefix
		if a.Key != "" {
			p += a.Key + "."
		}
		for _, ga := range a.Value.Group() {
			dst = flatten(dst, p, ga)
		}
		return dst
	}
	a.Key = prefix + a.Key
	return append(dst, a)
}

// Handle writes r as one line.
func (h *TTYHandler) Handle(_ context.Context, r slog.Record) error {
	attrs := make([]slog.Attr, 0, len(h.attrs)+r.NumAttrs())
	attrs = append(attrs, h.attrs...)
	r.Attrs(func(a slog.Attr) bool {
		attrs = flatten(attrs, h.prefix, a)
		return true
	})
	var b strings.Builder
	b.WriteString("syd:")
	if !r.Time.IsZero() {
		b.WriteString(" ")
		b.WriteString(r.Time.In(h.opts.Location).Format("15:04:05"))
	}
	b.WriteString(" ")
	b.WriteString(levelName(r.Level))
	if isAccess(attrs) {
		h.access(&b, attrs)
	} else {
		if r.Message != "" {
			b.WriteString(" ")
			b.WriteString(word(r.Message))
		}
		for _, a := range attrs {
			writeKV(&b, a)
		}
	}
	b.WriteString("\n")
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := io.WriteString(h.w, b.String())
	return err
}

// isAccess reports whether the record is an access record (ctx=access).
func isAccess(attrs []slog.Attr) bool {
	for _, a := range attrs {
		if a.Key == "ctx" {
			return a.Value.Kind() == slog.KindString && a.Value.String() == "access"
		}
	}
	return false
}

// access writes the rest of an access record's line:
// ACT CAP OBJECT (SYS) pid PID "CMD" [KEY=VALUE...] — tip: HOW.
func (h *TTYHandler) access(b *strings.Builder, attrs []slog.Attr) {
	get := func(key string) (string, bool) {
		for _, a := range attrs {
			if a.Key == key {
				return a.Value.String(), true
			}
		}
		return "", false
	}
	for _, key := range []string{"act", "cap"} {
		if v, ok := get(key); ok {
			b.WriteString(" ")
			b.WriteString(word(v))
		}
	}
	for _, key := range []string{"path", "addr", "unix"} {
		if v, ok := get(key); ok {
			b.WriteString(" ")
			b.WriteString(word(v))
			break
		}
	}
	if v, ok := get("sys"); ok {
		b.WriteString(" (" + word(v) + ")")
	}
	if v, ok := get("pid"); ok {
		b.WriteString(" pid " + word(v))
	}
	if v, ok := get("cmd"); ok {
		b.WriteString(" " + strconv.Quote(truncate(v, h.opts.CmdMax)))
	}
	for _, a := range attrs {
		switch a.Key {
		case "act", "cap", "path", "addr", "unix", "sys", "pid", "cmd", "tip",
			"ctx", "syd", "uid", "cwd": // shown above, or left to the JSON form
			continue
		}
		writeKV(b, a)
	}
	if v, ok := get("tip"); ok {
		b.WriteString(" — tip: ")
		b.WriteString(Tip(v))
	}
}

// Tip turns a record's tip (configure `CMD') into what to type: for an allow
// rule, the syd -m option and the esyd call that add it,
//
//	syd -m 'allow/write+/tmp/x' or esyd allow_write '/tmp/x'
//	syd -m 'allow/net/connect+1.2.3.4!80' or esyd allow_net --connect '1.2.3.4!80'
//
// for any other setting the -m options alone (several for "A and B", a
// trailing "(...)" kept as a note), and a quoted tip when it has characters a
// terminal line should not carry.
func Tip(tip string) string {
	x := tip
	if s, ok := strings.CutPrefix(x, "configure `"); ok {
		if s, ok := strings.CutSuffix(s, "'"); ok {
			x = s
		}
	}
	if x == "" || !printable(x) {
		return strconv.Quote(x)
	}
	if rest, ok := strings.CutPrefix(x, "allow/"); ok {
		cats, pat, ok := strings.Cut(rest, "+")
		if ok && cats != "" && pat != "" && !strings.ContainsAny(cats, " \t") {
			var es []string
			for _, c := range strings.Split(cats, ",") {
				if kind, ok := strings.CutPrefix(c, "net/"); ok {
					es = append(es, "esyd allow_net --"+kind+" "+ShellQuote(pat))
				} else {
					es = append(es, "esyd allow_"+strings.ReplaceAll(c, "/", "_")+" "+ShellQuote(pat))
				}
			}
			return "syd -m " + ShellQuote(x) + " or " + strings.Join(es, " && ")
		}
	}
	cmds, note := x, ""
	if i := strings.LastIndex(x, " ("); i > 0 && strings.HasSuffix(x, ")") {
		cmds, note = x[:i], x[i:]
	}
	var ms []string
	for _, c := range strings.Split(cmds, " and ") {
		if c == "" {
			return x
		}
		ms = append(ms, "-m "+ShellQuote(c))
	}
	return "syd " + strings.Join(ms, " ") + note
}

// ShellQuote quotes s as one word for sh: in single quotes, with each quote
// in s closed, escaped as \' and reopened.
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// printable reports whether s is valid UTF-8 without control characters.
func printable(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// word is s as one word of the line: as it is, or Go-quoted when it is empty
// or has spaces, quotes or control characters.
func word(s string) string {
	if s == "" || !printable(s) || strings.ContainsAny(s, " \"") {
		return strconv.Quote(s)
	}
	return s
}

// truncate shortens s to n characters, the last of them "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// writeKV writes " key=value", quoting either as slog's text handler would.
func writeKV(b *strings.Builder, a slog.Attr) {
	b.WriteString(" ")
	b.WriteString(kvQuote(a.Key))
	b.WriteString("=")
	b.WriteString(kvQuote(valueString(a.Value)))
}

func valueString(v slog.Value) string {
	switch v.Kind() {
	case slog.KindTime:
		return v.Time().Format(time.RFC3339Nano)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return x.Error()
		case encoding.TextMarshaler:
			if t, err := x.MarshalText(); err == nil {
				return string(t)
			}
		case []byte:
			return string(x)
		}
		return fmt.Sprint(v.Any())
	}
	return v.String()
}

func kvQuote(s string) string {
	if s == "" || !printable(s) || strings.ContainsAny(s, " \"=") {
		return strconv.Quote(s)
	}
	return s
}
