// Package auditlog writes syd's log (log/slog): JSON lines, or a one-line
// readable form on a terminal, through one writer goroutine that never loses a
// line (a slow reader slows the sandbox down instead), plus a best-effort copy
// of warnings and worse to the host syslog.
package auditlog

import (
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"
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

// queue hands values from any number of goroutines to one consumer goroutine,
// in the order they were put. Every value put is consumed before close returns
// (or its wait ends); values put after close are dropped and counted.
type queue[T any] struct {
	ch      chan T
	mu      sync.RWMutex  // held (shared) by put while it hands over a value
	closed  chan struct{} // closed by close: put gives up
	drain   chan struct{} // closed once no put is in flight: consume what is left and stop
	done    chan struct{} // closed when the consumer has stopped
	once    sync.Once
	dropped atomic.Uint64
}

func newQueue[T any](depth int, consume func(T)) *queue[T] {
	q := &queue[T]{
		ch:     make(chan T, max(depth, 1)),
		closed: make(chan struct{}),
		drain:  make(chan struct{}),
		done:   make(chan struct{}),
	}
	go q.run(consume)
	return q
}

func (q *queue[T]) run(consume func(T)) {
	defer close(q.done)
	for {
		select {
		case v := <-q.ch:
			consume(v)
		case <-q.drain:
			for {
				select {
				case v := <-q.ch:
					consume(v)
				default:
					return
				}
			}
		}
	}
}

// put queues v. With block it waits for room (back-pressure), otherwise a full
// queue drops v. It reports whether v was queued.
func (q *queue[T]) put(v T, block bool) bool {
	q.mu.RLock()
	defer q.mu.RUnlock()
	select {
	case <-q.closed:
		q.dropped.Add(1)
		return false
	default:
	}
	if block {
		select {
		case q.ch <- v:
			return true
		case <-q.closed:
			q.dropped.Add(1)
			return false
		}
	}
	select {
	case q.ch <- v:
		return true
	default:
		q.dropped.Add(1)
		return false
	}
}

// close stops the queue: puts in flight finish (a blocked one gives up), what is
// queued is consumed, and close waits for that up to wait (forever when wait
// is 0). It reports whether the consumer finished.
func (q *queue[T]) close(wait time.Duration) bool {
	q.once.Do(func() {
		close(q.closed) // a put waiting for room gives up
		q.mu.Lock()     // every put in flight has returned; later ones see closed
		close(q.drain)
		q.mu.Unlock()
	})
	if wait <= 0 {
		<-q.done
		return true
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-q.done:
		return true
	case <-t.C:
		return false
	}
}

// Writer queues whole lines and writes each with one Write call from one
// goroutine, so lines from many goroutines never interleave and keep the order
// in which they were queued. A full queue blocks the caller until there is room:
// no line is lost (under syd -x every access is a record a profile is learned
// from). After Close, lines are dropped and counted.
type Writer struct {
	q *queue[[]byte]
}

// NewWriter starts the writer goroutine with room for depth pending lines.
func NewWriter(out io.Writer, depth int) *Writer {
	return &Writer{q: newQueue(depth, func(b []byte) { _, _ = out.Write(b) })}
}

// Write queues a copy of p (slog's handlers call it once per record), waiting
// while the queue is full.
func (w *Writer) Write(p []byte) (int, error) {
	w.q.put(append([]byte(nil), p...), true)
	return len(p), nil
}

// Close writes out every queued line and stops the writer. Further writes are
// dropped; a write blocked on a full queue when Close starts is dropped too.
func (w *Writer) Close() {
	w.q.close(0)
}

// Dropped is the number of lines written after Close, and so not written out.
func (w *Writer) Dropped() uint64 {
	return w.q.dropped.Load()
}

// replaceAttr gives slog's built-in keys Syd's style: "time" as
// 20260614T020918Z (UTC), "level" as a lower-case syslog name.
func replaceAttr(groups []string, a slog.Attr) slog.Attr {
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
}

// NewJSONHandler is the JSON-lines handler with Syd's key style.
func NewJSONHandler(w io.Writer, level slog.Leveler) slog.Handler {
	return slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: replaceAttr})
}

// New returns a JSON logger on w with Syd's key style: "time" as 20260614T020918Z,
// "level" as a lower-case syslog name.
func New(w io.Writer, level slog.Leveler) *slog.Logger {
	return slog.New(NewJSONHandler(w, level))
}

// Config says where Open sends the log.
type Config struct {
	// Out receives the log lines (through a Writer); nil for none.
	Out io.Writer
	// Level is the least severe level logged.
	Level slog.Leveler
	// TTY writes the one-line readable form (TTYHandler) to Out instead of JSON.
	TTY bool
	// Syslog, when not nil, gets a copy of every record at warn and above.
	Syslog *Syslog
}

// Open builds the logger of c. The function it returns flushes Out, then the
// syslog copy (for a bounded time), and closes both; it may be called more
// than once. Records after it are dropped.
func Open(c Config) (*slog.Logger, func()) {
	var hs []slog.Handler
	var w *Writer
	if c.Out != nil {
		w = NewWriter(c.Out, 4096)
		if c.TTY {
			hs = append(hs, NewTTYHandler(w, &TTYOptions{Level: c.Level}))
		} else {
			hs = append(hs, NewJSONHandler(w, c.Level))
		}
	}
	if c.Syslog != nil {
		hs = append(hs, c.Syslog.Handler(c.Level))
	}
	var h slog.Handler
	switch len(hs) {
	case 0:
		h = slog.DiscardHandler
	case 1:
		h = hs[0]
	default:
		h = slog.NewMultiHandler(hs...)
	}
	var once sync.Once
	return slog.New(h), func() {
		once.Do(func() {
			if w != nil {
				w.Close()
			}
			if c.Syslog != nil {
				c.Syslog.Close()
			}
		})
	}
}
