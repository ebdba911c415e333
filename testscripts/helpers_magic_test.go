// helpers_magic_test.go: programs that drive /dev/syd hard from inside the sandbox:
// concurrent commands and opens, and thousands of malformed commands.
package testscripts

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// helperMagicRace runs 8 threads for the given seconds; each adds and removes its own
// rule through stat, and opens a file that the rule allows while it is present. It
// fails on an unexpected errno, a lost command (a rule that did not take effect), or
// when the final state still holds any of its rules.
//
//	sydtest-magic-race SECONDS DIR
func helperMagicRace() {
	secs, _ := strconv.Atoi(os.Args[1])
	dir := os.Args[2]
	deadline := time.Now().Add(time.Duration(secs) * time.Second)
	var ops, failures atomic.Int64
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			pat := fmt.Sprintf("%s/t%d/***", dir, i)
			_ = os.MkdirAll(fmt.Sprintf("%s/t%d", dir, i), 0o755)
			file := fmt.Sprintf("%s/t%d/f", dir, i)
			var st unix.Stat_t
			for time.Now().Before(deadline) {
				if err := unix.Stat("/dev/syd/allow/write,create+"+pat, &st); err != nil {
					fmt.Printf("FAIL add: %v\n", err)
					failures.Add(1)
					return
				}
				fd, err := unix.Open(file, unix.O_WRONLY|unix.O_CREAT|unix.O_CLOEXEC, 0o644)
				if err != nil {
					fmt.Printf("FAIL lost command: open after add: %v\n", err)
					failures.Add(1)
					return
				}
				unix.Close(fd)
				if err := unix.Stat("/dev/syd/allow/write,create-"+pat, &st); err != nil {
					fmt.Printf("FAIL remove: %v\n", err)
					failures.Add(1)
					return
				}
				if fd, err := unix.Open(file, unix.O_WRONLY|unix.O_CLOEXEC, 0); err == nil {
					unix.Close(fd)
					fmt.Println("FAIL lost command: open allowed after remove")
					failures.Add(1)
					return
				}
				ops.Add(1)
			}
		}()
	}
	wg.Wait()
	state, err := os.ReadFile("/dev/syd")
	if err != nil || bytes.Contains(state, []byte(dir+"/t")) {
		fmt.Printf("FAIL final state: err=%v leftover rules=%v\n", err, bytes.Contains(state, []byte(dir+"/t")))
		failures.Add(1)
	}
	fmt.Printf("magic-race: %d rounds, %d failures\n", ops.Load(), failures.Load())
	if failures.Load() > 0 {
		os.Exit(1)
	}
}

// helperMagicFuzz stats N random, mostly malformed commands. Each must answer 0 or an
// errno of the contract; a failed command must leave the state unchanged.
//
//	sydtest-magic-fuzz N SEED
func helperMagicFuzz() {
	n, _ := strconv.Atoi(os.Args[1])
	seed, _ := strconv.ParseUint(os.Args[2], 10, 64)
	r := rand.New(rand.NewPCG(seed, 42))
	allowed := map[unix.Errno]bool{unix.EINVAL: true, unix.ENOENT: true, unix.EBUSY: true,
		unix.EPERM: true, unix.EEXIST: true, unix.ENOKEY: true, unix.EOPNOTSUPP: true, unix.ENAMETOOLONG: true}
	pieces := []string{"sandbox/", "allow/", "deny/", "filter/", "default/", "read", "write", "exec", "stat",
		"net/bind", "net/connect", "all", ",", "+", "-", "^", ":", "?", "!", "/", "on", "off", "1", "deny", "kill",
		"/tmp/***", "127.0.0.1!80", "@", "trace/", "mem/max", "pid/max", "\\", "*", "[", "{a,b}", "\x00x", "\xff", " "}
	state := func() []byte {
		b, err := os.ReadFile("/dev/syd")
		if err != nil {
			fmt.Printf("FAIL reading state: %v\n", err)
			os.Exit(1)
		}
		return b
	}
	before := state()
	var accepted, refused int
	for range n {
		var b bytes.Buffer
		for range 1 + r.IntN(6) {
			if r.IntN(4) == 0 {
				b.WriteByte(byte(r.IntN(256)))
			} else {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		cmd := b.String()
		if bytes.ContainsRune([]byte(cmd), 0) {
			continue // a C string ends at NUL: not a distinct command
		}
		switch {
		case hasAnyPrefix(cmd, "panic", "ghost", "lock", "reset", "load", "cmd/exec", "include"):
			continue // effects that end or reshape the run are tested elsewhere
		}
		var st unix.Stat_t
		err := unix.Stat("/dev/syd/"+cmd, &st)
		if err == nil {
			accepted++
			before = state()
			continue
		}
		refused++
		if e, ok := err.(unix.Errno); !ok || !allowed[e] {
			fmt.Printf("FAIL %q: errno %v outside the contract\n", cmd, err)
			os.Exit(1)
		}
		if after := state(); !bytes.Equal(after, before) {
			fmt.Printf("FAIL %q: refused (%v) but the state changed\n", cmd, err)
			os.Exit(1)
		}
	}
	fmt.Printf("magic-fuzz: %d accepted, %d refused, state intact\n", accepted, refused)
}

func hasAnyPrefix(s string, ps ...string) bool {
	for _, p := range ps {
		if len(s) >= len(p) && s[:len(p)] == p {
			return true
		}
	}
	return false
}
