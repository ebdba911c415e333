// Package launch is the guard and the stub, the two processes between the
// supervisor and the sandboxed command. They are written in C (guard.c,
// stub.c) and run from a cgo constructor, before the Go runtime starts: the
// supervisor re-executes syd in guard mode, which costs one exec, and the
// guard forks the stub, which costs a fork. A Go guard and stub cost two more
// Go runtime start-ups, which dominated syd's start-up. Only a plugin's stub
// starts the Go runtime, to load the plugin with purego.
//
// The supervisor's side of the protocol is in package handoff.
package launch

/*
#cgo CFLAGS: -Wall -Wextra -Wno-unused-parameter
#include "launch.h"
*/
import "C"

import (
	"os"
	"runtime"

	"syd/supervisor/internal/handoff"
)

// RunInternal runs a plugin's stub and never returns there; anywhere else it
// returns at once. It must be the first thing main (and every TestMain) does.
func RunInternal() {
	if Layered() {
		// The Go runtime read the environment before ctor.c dropped the marker.
		os.Unsetenv(handoff.EnvLayers)
	}
	if C.syd_plugin_child == 0 {
		return
	}
	runtime.LockOSThread()
	fn, errno := loadPlugin(C.GoString(C.syd_stub.plugin))
	if errno != 0 {
		C.syd_stub_fail(C.int(errno))
	}
	C.syd_stub_confine()
	// No exec will close the control socket: close it so syd sees "started".
	C.syd_stub_close_ctl()
	exitFlushingC(int(fn()))
}

// Layered reports whether syd entered its layers (namespaces, Landlock) at start
// (ctor.c), after re-executing itself with handoff.EnvLayers.
func Layered() bool { return C.syd_layered != 0 }
