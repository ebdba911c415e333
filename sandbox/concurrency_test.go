// This file checks that readers of snapshots never race with writers (run with -race).

package sandbox

import (
	"fmt"
	"sync"
	"testing"
)

func TestReadersSeeConsistentSnapshotsWhileWritersApply(t *testing.T) {
	s := New()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				p := s.Policy()
				n := len(p.rules[CatRead])
				for i := range n {
					_ = p.rules[CatRead][i].pat
				}
				p.CheckPath(CatRead, "/p1")
				_, _ = p.MarshalJSON()
			}
		})
	}
	for i := range 500 {
		cmds := []string{fmt.Sprintf("allow/read,write+/p%d", i), "deny/read+/p1", "allow/read-/p1"}
		if i%7 == 0 {
			cmds = append(cmds, fmt.Sprintf("allow/read^/p%d", i-1))
		}
		for _, c := range cmds {
			if err := s.Apply(c); err != nil {
				t.Error(err)
			}
		}
	}
	close(stop)
	wg.Wait()
}
