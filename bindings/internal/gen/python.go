// python.go renders the per-category functions of syd.py and their ctypes signatures.

package main

import (
	"fmt"
	"strings"
)

// python renders the generated block of syd.py.
func python(ts []target) string {
	var sigs, defs, names strings.Builder
	def := func(pyName, cName, params, doc, call string, ret string, argtypes string) {
		fmt.Fprintf(&sigs, "    %q: (%s, (%s)),\n", cName, ret, argtypes)
		fmt.Fprintf(&defs, "\n\ndef %s(%s):\n    \"\"\"%s\"\"\"\n    return %s\n", pyName, params, doc, call)
		fmt.Fprintf(&names, "    %q,\n", pyName)
	}
	for _, t := range ts {
		if !t.library() {
			continue
		}
		id, text := t.Ident(), t.Text()
		if t.Query {
			def("enabled_"+id, "syd_enabled_"+id, "", "Return True when "+text+" is on.",
				fmt.Sprintf("bool(_lib().syd_enabled_%s())", id), "ctypes.c_bool", "")
		}
		if t.Switch {
			def("enable_"+id, "syd_enable_"+id, "", "Turn "+text+" on; raise OSError on failure.",
				fmt.Sprintf("_ok(_lib().syd_enable_%s())", id), "ctypes.c_int", "")
			def("disable_"+id, "syd_disable_"+id, "", "Turn "+text+" off; raise OSError on failure.",
				fmt.Sprintf("_ok(_lib().syd_disable_%s())", id), "ctypes.c_int", "")
		}
		if t.Default {
			def("default_"+id, "syd_default_"+id, "action", "Set the default action of "+text+"; raise OSError on failure.",
				fmt.Sprintf("_ok(_lib().syd_default_%s(_enum(action)))", id), "ctypes.c_int", "ctypes.c_uint8,")
		}
		if t.Rules && !t.Group {
			v := t.valueName()
			docs := map[string]string{
				"add": "Add a rule of " + text + ": action for " + v + "; raise OSError on failure.",
				"del": "Remove the newest rule of " + text + " equal to (action, " + v + "); raise OSError on failure.",
				"rem": "Remove every rule of " + text + " equal to (action, " + v + "); raise OSError on failure.",
			}
			for _, op := range []string{"add", "del", "rem"} {
				def(id+"_"+op, "syd_"+id+"_"+op, "action, "+v, docs[op],
					fmt.Sprintf("_ok(_lib().syd_%s_%s(_enum(action), _bytes(%s)))", id, op, v), "ctypes.c_int", "ctypes.c_uint8, ctypes.c_char_p")
			}
		}
	}
	var b strings.Builder
	b.WriteString("_SIGNATURES.update({\n")
	b.WriteString(sigs.String())
	b.WriteString("})\n\n__all__ += [\n")
	b.WriteString(names.String())
	b.WriteString("]\n")
	b.WriteString(defs.String())
	b.WriteString("\n")
	return b.String()
}
