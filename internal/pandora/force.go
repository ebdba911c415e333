// force.go: the SHA3-512 checksums of the executables a run used, computed by
// a few workers in parallel, for the profile's force rules.

package pandora

import (
	"crypto/sha3"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
)

// Checksum is the SHA3-512 checksum of one executable (Hex, 128 digits, the
// length by which syd knows the algorithm), or why there is none.
type Checksum struct {
	Path string
	Hex  string
	Err  error
}

// errNotRegular is the reason a file that is not a regular file gets no checksum.
var errNotRegular = errors.New("not a regular file")

// HashFiles returns the checksum of every path, in the order given, using up
// to workers goroutines (at least one).
func HashFiles(paths []string, workers int) []Checksum {
	out := make([]Checksum, len(paths))
	workers = max(1, min(workers, len(paths)))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				out[i] = hashFile(paths[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func hashFile(path string) Checksum {
	c := Checksum{Path: path}
	if strings.HasPrefix(path, "/proc/") {
		c.Err = errors.New("a /proc path names a different file in every run")
		return c
	}
	// O_NONBLOCK: a FIFO put where the executable was must not block us.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if err != nil {
		c.Err = unwrapPath(err)
		return c
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		c.Err = unwrapPath(err)
		return c
	} else if !st.Mode().IsRegular() {
		c.Err = errNotRegular
		return c
	}
	h := sha3.New512()
	if _, err := io.Copy(h, f); err != nil {
		c.Err = unwrapPath(err)
		return c
	}
	c.Hex = hex.EncodeToString(h.Sum(nil))
	return c
}

// unwrapPath drops the path from a *PathError: the profile names it already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
