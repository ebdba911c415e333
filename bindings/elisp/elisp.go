// Package elisp embeds syd.el, the Emacs Lisp client of /dev/syd that `syd --el` prints and /dev/syd.el serves.
package elisp

import _ "embed" // for go:embed

// Source is syd.el.
//
//go:embed syd.el
var Source []byte
