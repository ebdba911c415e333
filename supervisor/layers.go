// layers.go: the kernel layers and features a policy may ask for that this syd
// does not build yet (README "Missing", issue 17). Asking for one is an error
// at start, never a silent no-op: a user who relies on it, or a client that
// probes for it (Paludis runs `sydbox -ppaludis -pimmutable true` before it
// uses immutable), learns that it is not there.
package supervisor

import (
	"strings"

	"golang.org/x/sys/unix"

	"syd/sandbox"
)

// notBuilt lists what p asks for at start that syd cannot apply.
func notBuilt(p *sandbox.Policy) []string {
	var out []string
	for _, f := range []sandbox.Feature{sandbox.FeatureLock, sandbox.FeatureMem, sandbox.FeaturePid,
		sandbox.FeatureForce, sandbox.FeatureTPE, sandbox.FeatureCrypt, sandbox.FeatureProxy} {
		if p.FeatureEnabled(f) {
			out = append(out, "sandbox/"+f.String()+":on")
		}
	}
	if ns := p.Unshare(); ns != 0 {
		out = append(out, "unshare/"+ns.String()+":on")
	}
	if len(p.Binds()) > 0 {
		out = append(out, "bind+")
	}
	if _, ok := p.Root(); ok {
		out = append(out, "root:")
	}
	if _, ok := p.Hostname(); ok {
		out = append(out, "name/host:")
	}
	if _, ok := p.Domainname(); ok {
		out = append(out, "name/domain:")
	}
	return out
}

// checkBuilt refuses a policy that asks for layers syd does not build.
func checkBuilt(p *sandbox.Policy) error {
	if missing := notBuilt(p); len(missing) > 0 {
		return &Error{unix.EOPNOTSUPP, "not built in this syd yet (README \"Missing\"): " + strings.Join(missing, ", ")}
	}
	return nil
}
