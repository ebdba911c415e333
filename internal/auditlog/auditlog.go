// Package auditlog writes syd's JSON-lines log (log/slog) through a bounded
// asynchronous queue, so a slow log reader never stalls the sandbox.
package auditlog

import (
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
)

// Levels beyond slog's four, for the syslog-style names SYD_LOG accepts.
const (
	LevelNotice = slog.Level(2)
	LevelCrit   = slog.Level(12)
	LevelAlert  = slog.Level(16)
	LevelEmerg  = slog.Level(20)
)

// ParseLevel maps a SYD_LOG value (emerg alert crit error warn notice info debug,
// plus the older trace) to a slog level.
func ParseLevel(s string) (slog.Level, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "emerg":
		return LevelEmerg, true
	case "alert":
		return LevelAlert, true
	case "crit":
		return LevelCrit, true
	case "error", "err":
		return slog.LevelError, true
	case "warn", "warning", "":
		return slog.LevelWarn, true
	case "notice":
		return LevelNotice, true
	case "info":
		return slog.LevelInfo, true
	case "debug", "trace":
		return slog.LevelDebug, true
	}
	return slog.LevelWarn, false
}

func levelName(l slog.Level) string {
	switch {
	case l >= LevelEmerg:
		return "emerg"
	case l >= LevelAlert:
		return "alert"
	case l >= LevelCrit:
		return "crit"
	case l >= slog.LevelError:
		return "error"
	case l >= slog.LevelWarn:
		return "warn"
	case l >= LevelNotice:
		return "notice"
	case l >= slog.LevelInfo:
		return "info"
	}
	return "debug"
}

// Writer queues whole lines and writes them from one goroutine. When the queue is
// full, lines are dropped and counted instead of blocking the caller.
type Writer struct {
	out     io.Writer
	ch      chan []byte
	done    chan struct{}
	once    sync.Once
	Dropped atomic.Uint64
}

// NewWriter starts the writer goroutine with room for depth pending lines.
func NewWriter(out io.Writer, depth int) *Writer {
	w := &Writer{out: out, ch: make(chan []byte, depth), done: make(chan struct{})}
	go w.run()
	return w
}

func (w *Writer) run() {
	defer close(w.done)
	for b := range w.ch {
		_, _ = w.out.Write(b)
	}
}

// Write queues a copy of p (slog calls it once per record).
func (w *Writer) Write(p []byte) (int, error) {
	b := append([]byte(nil), p...)
	select {
	case w.ch <- b:
	default:
		w.Dropped.Add(1)
	}
	return len(p), nil
}

// Close flushes the queue and stops the writer. Further writes are dropped.
func (w *Writer) Close() {
	w.once.Do(func() {
		close(w.ch)
		<-w.done
	})
}

// New returns a JSON logger on w with Syd's key style: "time" as 20260614T020918Z,
// "level" as a lower-case syslog name.
func New(w io.Writer, level slog.Leveler) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{
		Level: level,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) > 0 {
				return a
			}
			switch a.Key {
			case slog.TimeKey:
				return slog.String("time", a.Value.Time().UTC().Format("20060102T150405Z"))
			case slog.LevelKey:
				l, _ := a.Value.Any().(slog.Level)
				return slog.String("level", levelName(l))
			}
			return a
		},
	}))
}
