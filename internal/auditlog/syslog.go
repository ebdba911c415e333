// syslog.go: the copy of warnings and worse that goes to the host syslog
// (identifier "syd", facility user), as Syd does unless SYD_NO_SYSLOG is set.

package auditlog

import (
	"bytes"
	"context"
	"log/slog"
	"log/syslog"
	"sync"
	"time"
)

// SyslogPaths are the sockets DialSyslog tries, in order: where syslog daemons
// and journald listen (the same list log/syslog uses). Tests point it elsewhere.
var SyslogPaths = []string{"/dev/log", "/var/run/syslog", "/var/run/log"}

// SyslogTag is the identifier of the messages (journalctl SYSLOG_IDENTIFIER=syd).
const SyslogTag = "syd"

// syslogDepth is how many messages may wait for the daemon; more are dropped.
const syslogDepth = 1024

// syslogFlushWait bounds how long Close waits for the daemon to take the rest.
var syslogFlushWait = 500 * time.Millisecond

// Syslog sends copies of log records to the syslog daemon from a goroutine of
// its own, through a bounded queue: it is only a copy, so when the daemon is
// slow, messages are dropped (and counted) rather than slowing the sandbox.
type Syslog struct {
	w *syslog.Writer
	q *queue[sysMsg]
}

type sysMsg struct {
	level slog.Level
	msg   string
}

// DialSyslog connects to the first of SyslogPaths that accepts (datagram, then
// stream), once: later writes reuse the connection, which is close-on-exec like
// every socket Go opens, so the sandbox does not inherit it. It returns nil when
// no daemon listens.
func DialSyslog() *Syslog {
	for _, path := range SyslogPaths {
		for _, network := range []string{"unixgram", "unix"} {
			w, err := syslog.Dial(network, path, syslog.LOG_USER|syslog.LOG_WARNING, SyslogTag)
			if err == nil {
				return newSyslog(w)
			}
		}
	}
	return nil
}

func newSyslog(w *syslog.Writer) *Syslog {
	s := &Syslog{w: w}
	s.q = newQueue(syslogDepth, s.send)
	return s
}

// send writes one message with the severity of its level.
func (s *Syslog) send(m sysMsg) {
	w := s.w
	var write func(string) error
	switch {
	case m.level >= LevelEmerg:
		write = w.Emerg
	case m.level >= LevelAlert:
		write = w.Alert
	case m.level >= LevelCrit:
		write = w.Crit
	case m.level >= slog.LevelError:
		write = w.Err
	case m.level >= slog.LevelWarn:
		write = w.Warning
	case m.level >= LevelNotice:
		write = w.Notice
	case m.level >= slog.LevelInfo:
		write = w.Info
	default:
		write = w.Debug
	}
	_ = write(m.msg)
}

// Dropped is the number of messages the daemon did not get from the queue.
func (s *Syslog) Dropped() uint64 {
	return s.q.dropped.Load()
}

// Close gives the daemon what is queued, for at most a short while, and closes
// the connection. Later records are dropped.
func (s *Syslog) Close() {
	if s.q.close(syslogFlushWait) {
		_ = s.w.Close()
	}
}

// Handler is the handler of the copy: the same JSON object as the log line, for
// records at warn and at least level.
func (s *Syslog) Handler(level slog.Leveler) slog.Handler {
	if level == nil {
		level = slog.LevelInfo
	}
	sink := &sysSink{s: s}
	return &syslogHandler{h: NewJSONHandler(sink, level), sink: sink, level: level}
}

// sysSink receives the JSON handler's one Write per record and queues it with
// the level of the record being handled (set under mu by syslogHandler.Handle).
type sysSink struct {
	mu    sync.Mutex
	level slog.Level
	s     *Syslog
}

func (k *sysSink) Write(p []byte) (int, error) {
	k.s.q.put(sysMsg{level: k.level, msg: string(bytes.TrimSuffix(p, []byte("\n")))}, false)
	return len(p), nil
}

type syslogHandler struct {
	h     slog.Handler
	sink  *sysSink
	level slog.Leveler
}

func (h *syslogHandler) Enabled(_ context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && l >= h.level.Level()
}

func (h *syslogHandler) Handle(ctx context.Context, r slog.Record) error {
	if !h.Enabled(ctx, r.Level) {
		return nil
	}
	h.sink.mu.Lock()
	defer h.sink.mu.Unlock()
	h.sink.level = r.Level
	return h.h.Handle(ctx, r)
}

func (h *syslogHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &syslogHandler{h: h.h.WithAttrs(as), sink: h.sink, level: h.level}
}

func (h *syslogHandler) WithGroup(name string) slog.Handler {
	return &syslogHandler{h: h.h.WithGroup(name), sink: h.sink, level: h.level}
}
