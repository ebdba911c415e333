// elisp.go renders the per-category functions of syd.el.

package main

import (
	"fmt"
	"strings"
)

// docstring wraps text into an Emacs Lisp string literal whose lines fit in
// 70 columns, the first line holding the first sentence.
func docstring(text string) string {
	var lines []string
	for para := range strings.SplitSeq(text, "\n") {
		lines = append(lines, wrap(strings.Fields(para), "", 70)...)
	}
	s := strings.Join(lines, "\n")
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	return `"` + s + `"`
}

// elispFunctions renders the generated defuns.
func elispFunctions(ts []target) string {
	var b strings.Builder
	def := func(name, args, doc, body string) {
		fmt.Fprintf(&b, "\n(defun %s (%s)\n  %s\n  %s)\n", name, args, docstring(doc), body)
	}
	for _, t := range ts {
		if !t.library() {
			continue
		}
		l, n, text := t.Lisp(), t.Name, t.Text()
		if t.Query {
			def("syd-enabled-"+l, "", "Return t when "+text+" is on.", fmt.Sprintf("(syd--stat %q)", "sandbox/"+n+"?"))
		}
		if t.Switch {
			def("syd-enable-"+l, "", "Turn "+text+" on.\nReturn t on success, nil on failure.", fmt.Sprintf("(syd--stat %q)", "sandbox/"+n+":on"))
			def("syd-disable-"+l, "", "Turn "+text+" off.\nReturn t on success, nil on failure.", fmt.Sprintf("(syd--stat %q)", "sandbox/"+n+":off"))
		}
		if t.Default {
			def("syd-default-"+l, "action", "Set the default action of "+text+" to ACTION.\nACTION is one of the keywords of `syd-actions'.\nReturn t on success, nil on failure.", fmt.Sprintf("(syd--default %q action)", n))
		}
		if t.Rules && !t.Group {
			v := strings.ToUpper(t.valueName())
			what := "paths matching GLOB"
			if t.Net {
				what = "the address ADDR"
			}
			ops := []struct{ suffix, op, doc string }{
				{"add", "+", "Add a rule of " + text + ": ACTION for " + what + "."},
				{"del", "-", "Remove the newest rule of " + text + " equal to ACTION and " + v + "."},
				{"rem", "^", "Remove every rule of " + text + " equal to ACTION and " + v + "."},
			}
			for _, o := range ops {
				def("syd-"+l+"-"+o.suffix, "action "+strings.ToLower(v),
					o.doc+"\nACTION is one of the keywords of `syd-actions'.\nReturn t on success, nil on failure.",
					fmt.Sprintf("(syd--rule action %q %q %s)", n, o.op, strings.ToLower(v)))
			}
		}
	}
	b.WriteString("\n")
	return b.String()
}
