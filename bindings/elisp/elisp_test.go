// elisp_test.go checks that syd.el is embedded whole and defines the functions of spec 07 §3.

package elisp

import (
	"strings"
	"testing"
)

func TestSourceDefinesTheAPI(t *testing.T) {
	s := string(Source)
	for _, fn := range []string{"syd-api", "syd-check", "syd-info", "syd-panic", "syd-reset", "syd-load",
		"syd-lock", "syd-exec", "syd-ioctl-deny", "syd-force-add", "syd-force-del", "syd-force-clr",
		"syd-mem-max", "syd-mem-vm-max", "syd-pid-max", "syd-segvguard-expiry", "syd-segvguard-suspension",
		"syd-segvguard-maxcrashes", "syd-enabled-read", "syd-enable-net", "syd-default-block",
		"syd-net-sendfd-add", "syd-mktemp-rem", "syd-enabled-crypt"} {
		if !strings.Contains(s, "(defun "+fn+" (") {
			t.Errorf("syd.el does not define %s", fn)
		}
	}
	if !strings.HasSuffix(s, ";;; syd.el ends here\n") || !strings.Contains(s, "(provide 'syd)") {
		t.Error("syd.el is not whole")
	}
}
