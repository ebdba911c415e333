package auditlog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder keeps every Write call as one entry; with a gate, each Write says
// so on entered (when not nil) and waits for a value on the gate first.
type recorder struct {
	mu      sync.Mutex
	writes  []string
	gate    chan struct{}
	entered chan struct{}
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.entered != nil {
		select {
		case r.entered <- struct{}{}:
		default:
		}
	}
	if r.gate != nil {
		<-r.gate
	}
	r.mu.Lock()
	r.writes = append(r.writes, string(p))
	r.mu.Unlock()
	return len(p), nil
}

func (r *recorder) lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.writes...)
}

// returns reports whether f returns within d.
func returns(f func(), d time.Duration) bool {
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

func TestWriterBlocksWhenFull(t *testing.T) {
	rec := &recorder{gate: make(chan struct{}), entered: make(chan struct{}, 1)}
	w := NewWriter(rec, 2)
	// Line 0 is taken by the writer goroutine (stuck in rec.Write), lines 1
	// and 2 fill the queue: line 3 must wait for room, not be dropped.
	fmt.Fprintf(w, "line 0\n")
	<-rec.entered
	for i := 1; i < 3; i++ {
		if !returns(func() { fmt.Fprintf(w, "line %d\n", i) }, 5*time.Second) {
			t.Fatalf("write %d blocked with room in the queue", i)
		}
	}
	third := make(chan struct{})
	go func() { fmt.Fprintf(w, "line 3\n"); close(third) }()
	select {
	case <-third:
		t.Fatal("write to a full queue returned at once (dropped?)")
	case <-time.After(100 * time.Millisecond):
	}
	close(rec.gate) // the reader catches up
	select {
	case <-third:
	case <-time.After(5 * time.Second):
		t.Fatal("blocked write did not resume once there was room")
	}
	w.Close()
	want := []string{"line 0\n", "line 1\n", "line 2\n", "line 3\n"}
	if got := rec.lines(); strings.Join(got, "") != strings.Join(want, "") || len(got) != 4 {
		t.Fatalf("lines %q, want %q", got, want)
	}
	if w.Dropped() != 0 {
		t.Fatalf("dropped %d", w.Dropped())
	}
}

func TestWriterOrderAndWholeLines(t *testing.T) {
	const writers, each = 16, 2000
	rec := &recorder{}
	w := NewWriter(rec, 8) // small: most writes meet a full queue
	log := New(w, slog.LevelDebug)
	var wg sync.WaitGroup
	for g := range writers {
		wg.Go(func() {
			for i := range each {
				log.Warn("access", "ctx", "access", "g", g, "i", i, "path", strings.Repeat("x", i%300))
			}
		})
	}
	wg.Wait()
	w.Close()
	got := rec.lines()
	if len(got) != writers*each {
		t.Fatalf("%d lines, want %d", len(got), writers*each)
	}
	next := make([]int, writers)
	for n, line := range got {
		var rec struct{ G, I int }
		if !strings.HasSuffix(line, "\n") || strings.Count(line, "\n") != 1 {
			t.Fatalf("write %d is not one line: %q", n, line)
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("line %d: %v: %q", n, err, line)
		}
		if rec.I != next[rec.G] {
			t.Fatalf("goroutine %d: line %d after %d", rec.G, rec.I, next[rec.G]-1)
		}
		next[rec.G]++
	}
}

func TestWriterClose(t *testing.T) {
	rec := &recorder{}
	w := NewWriter(rec, 4096)
	for i := range 1000 {
		fmt.Fprintf(w, "%d\n", i)
	}
	w.Close() // flushes
	if got := rec.lines(); len(got) != 1000 || got[999] != "999\n" {
		t.Fatalf("after Close: %d lines", len(got))
	}
	if !returns(func() { fmt.Fprintf(w, "late\n") }, time.Second) {
		t.Fatal("write after Close blocked")
	}
	w.Close() // twice is fine
	if len(rec.lines()) != 1000 || w.Dropped() != 1 {
		t.Fatalf("late line: %d lines, %d dropped", len(rec.lines()), w.Dropped())
	}
}

// A write blocked on a full queue when Close starts gives up (dropped), so
// exit never waits on a writer; what was queued is still written.
func TestWriterCloseReleasesBlockedWriter(t *testing.T) {
	rec := &recorder{gate: make(chan struct{}), entered: make(chan struct{}, 1)}
	w := NewWriter(rec, 1)
	fmt.Fprintf(w, "a\n") // taken by the writer goroutine, stuck in rec.Write
	<-rec.entered
	fmt.Fprintf(w, "b\n") // fills the queue
	blocked := make(chan struct{})
	go func() { fmt.Fprintf(w, "c\n"); close(blocked) }()
	time.Sleep(50 * time.Millisecond)
	closed := make(chan struct{})
	go func() { w.Close(); close(closed) }()
	select {
	case <-blocked:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not release the blocked writer")
	}
	select {
	case <-closed:
		t.Fatal("Close returned before the queue was written")
	case <-time.After(50 * time.Millisecond):
	}
	close(rec.gate)
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not finish")
	}
	if got := strings.Join(rec.lines(), ""); got != "a\nb\n" {
		t.Fatalf("written %q, want a, b", got)
	}
	if w.Dropped() != 1 {
		t.Fatalf("dropped %d, want 1", w.Dropped())
	}
}

// Writers racing with Close: each line is either written whole or counted as
// dropped, and nobody hangs.
func TestWriterCloseRace(t *testing.T) {
	for range 50 {
		rec := &recorder{}
		w := NewWriter(rec, 4)
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				for i := range 200 {
					fmt.Fprintf(w, "%d %d\n", g, i)
				}
			})
		}
		time.Sleep(time.Millisecond)
		w.Close()
		if !returns(wg.Wait, 5*time.Second) {
			t.Fatal("writers hang after Close")
		}
		if n := uint64(len(rec.lines())) + w.Dropped(); n != 8*200 {
			t.Fatalf("written + dropped = %d, want %d", n, 8*200)
		}
	}
}

func TestParseLevel(t *testing.T) {
	for s, want := range map[string]slog.Level{
		"emerg": LevelEmerg, "alert": LevelAlert, "crit": LevelCrit, "error": slog.LevelError,
		"warn": slog.LevelWarn, "": slog.LevelWarn, "notice": LevelNotice, "info": slog.LevelInfo,
		"debug": slog.LevelDebug, "trace": slog.LevelDebug,
	} {
		if got, ok := ParseLevel(s); !ok || got != want {
			t.Errorf("ParseLevel(%q) = %v, %v", s, got, ok)
		}
		if s != "" && s != "trace" && levelName(want) != s {
			t.Errorf("levelName(%v) = %q, want %q", want, levelName(want), s)
		}
	}
	if _, ok := ParseLevel("loud"); ok {
		t.Error("ParseLevel accepted loud")
	}
}

func TestJSONKeys(t *testing.T) {
	var buf bytes.Buffer
	New(&buf, slog.LevelInfo).Log(t.Context(), LevelNotice, "hello", "k", 1)
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if m["level"] != "notice" || m["msg"] != "hello" || len(m["time"].(string)) != len("20260614T020918Z") {
		t.Fatalf("record %s", buf.Bytes())
	}
	if _, err := time.Parse("20060102T150405Z", m["time"].(string)); err != nil {
		t.Fatal(err)
	}
}

func TestOpenDisabled(t *testing.T) {
	log, closeFn := Open(Config{Level: slog.LevelWarn})
	if log.Enabled(t.Context(), slog.LevelError) {
		t.Fatal("a log with no output and no syslog is enabled")
	}
	closeFn()
	closeFn()
}

func TestOpenTTY(t *testing.T) {
	rec := &recorder{}
	log, closeFn := Open(Config{Out: rec, Level: slog.LevelWarn, TTY: true})
	log.Info("hidden")
	log.Warn("shown", "n", 1)
	closeFn()
	got := rec.lines()
	if len(got) != 1 || !strings.HasPrefix(got[0], "syd: ") || !strings.HasSuffix(got[0], " warn shown n=1\n") {
		t.Fatalf("tty lines %q", got)
	}
	log.Warn("after close")
	if len(rec.lines()) != 1 {
		t.Fatal("line written after close")
	}
}
