// plugin.go: loading a plugin library (`syd lib.so`) with purego and finding its
// `int syd_main(void)`.
package launch

import (
	"fmt"
	"os"
	"strings"

	"github.com/ebitengine/purego"
	"golang.org/x/sys/unix"
)

// loadPlugin opens path and returns its syd_main. On failure it prints what was wrong
// and returns the errno syd exits with: ENOENT for a missing file or symbol, ENOEXEC
// for a file that is not a shared library.
func loadPlugin(path string) (func() int32, unix.Errno) {
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(os.Stderr, "syd: plugin %s: %v\n", path, err)
		return nil, unix.ENOENT
	}
	h, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_LOCAL)
	if err != nil {
		fmt.Fprintf(os.Stderr, "syd: plugin %s: not a loadable shared library: %v\n", path, err)
		if strings.Contains(err.Error(), "No such file") {
			return nil, unix.ENOENT
		}
		return nil, unix.ENOEXEC
	}
	sym, err := purego.Dlsym(h, "syd_main")
	if err != nil || sym == 0 {
		fmt.Fprintf(os.Stderr, "syd: plugin %s: no syd_main symbol (want int syd_main(void))\n", path)
		return nil, unix.ENOENT
	}
	var fn func() int32
	purego.RegisterFunc(&fn, sym)
	return fn, 0
}

// exitFlushingC exits through libc's exit(3), so the plugin's stdio buffers are
// flushed as a C program's would be; os.Exit would drop them.
func exitFlushingC(code int) {
	if libc, err := purego.Dlopen("libc.so.6", purego.RTLD_NOW|purego.RTLD_GLOBAL); err == nil {
		var exit func(int32)
		purego.RegisterLibFunc(&exit, libc, "exit")
		exit(int32(code))
	}
	os.Exit(code)
}
