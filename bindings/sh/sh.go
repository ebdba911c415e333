// Package sh embeds esyd.sh, the shell client of /dev/syd that `syd --sh` prints and /dev/syd.sh serves.
package sh

import _ "embed" // for go:embed

// Script is esyd.sh: POSIX shell text that defines the function esyd.
//
//go:embed esyd.sh
var Script []byte
