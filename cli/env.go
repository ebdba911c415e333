// env.go: the sandboxed command's environment: syd's own minus unsafe loader
// variables (spec 06 §4), then the -e edits in order.
package cli

import (
	"strings"
)

// activeMarker tells programs in the sandbox that they run under syd. It is the
// variable sydbox always set and Paludis still checks before prefixing its build
// phases with `sydbox --profile paludis --`: a Paludis inside syd then warns and
// does not nest (a nested syd could not load its filter). -e SYDBOX_ACTIVE removes it.
const activeMarker = "SYDBOX_ACTIVE=1"

// unsafeEnv are variables that change how the dynamic loader or libc behave and are
// removed before exec unless passed with -e VAR=. Names ending in "*" are prefixes.
var unsafeEnv = []string{
	"LD_*", "GCONV_PATH", "GETCONF_DIR", "GLIBC_TUNABLES", "HOSTALIASES", "LOCALDOMAIN",
	"LOCPATH", "MALLOC_*", "NIS_PATH", "NLSPATH", "RESOLV_HOST_CONF", "RES_OPTIONS", "TZDIR",
}

func isUnsafeEnv(name string) bool {
	for _, u := range unsafeEnv {
		if p, ok := strings.CutSuffix(u, "*"); ok {
			if strings.HasPrefix(name, p) {
				return true
			}
		} else if name == u {
			return true
		}
	}
	return false
}

// childEnv applies the scrub and the -e edits (VAR=VAL set, VAR unset, VAR= keep).
func childEnv(base, edits []string, keepUnsafe bool) []string {
	passed := map[string]bool{}
	for _, e := range edits {
		if name, val, ok := strings.Cut(e, "="); ok && val == "" {
			passed[name] = true
		}
	}
	var out []string
	index := map[string]int{}
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		if !keepUnsafe && isUnsafeEnv(name) && !passed[name] {
			continue
		}
		index[name] = len(out)
		out = append(out, kv)
	}
	for _, e := range edits {
		name, val, ok := strings.Cut(e, "=")
		switch {
		case !ok: // unset
			if i, found := index[name]; found {
				out[i] = ""
				delete(index, name)
			}
		case val == "": // pass through: already kept above
		default:
			if i, found := index[name]; found {
				out[i] = e
			} else {
				index[name] = len(out)
				out = append(out, e)
			}
		}
	}
	clean := out[:0]
	for _, kv := range out {
		if kv != "" {
			clean = append(clean, kv)
		}
	}
	return clean
}
