// shell.go renders the per-category subcommands of esyd and their help text.

package main

import (
	"fmt"
	"strings"
)

// esydRuleVerbs maps each rule subcommand verb to its list and operator.
var esydRuleVerbs = []struct{ Verb, List, Op string }{
	{"allow", "allow", "+"}, {"disallow", "allow", "-"},
	{"deny", "deny", "+"}, {"nodeny", "deny", "-"},
	{"addfilter", "filter", "+"}, {"rmfilter", "filter", "-"},
}

// esydPathRules reports whether esyd has the glob subcommands for t: the
// path categories and "all" (network rules go through the *_net forms).
func esydPathRules(t target) bool { return t.Rules && !t.Net }

// esydCases renders the case branches of the per-category subcommands.
func esydCases(ts []target) string {
	var b strings.Builder
	for _, t := range ts {
		id, n := t.Ident(), t.Name
		if t.Query {
			fmt.Fprintf(&b, "\tenabled_%s) _esyd_do 'sandbox/%s?' \"$@\" ;;\n", id, n)
		}
		if t.Switch {
			fmt.Fprintf(&b, "\tenable_%s) _esyd_do 'sandbox/%s:on' \"$@\" ;;\n", id, n)
			fmt.Fprintf(&b, "\tdisable_%s) _esyd_do 'sandbox/%s:off' \"$@\" ;;\n", id, n)
		}
		if esydPathRules(t) {
			for _, v := range esydRuleVerbs {
				fmt.Fprintf(&b, "\t%s_%s) _esyd_rule '%s/%s' '%s' \"$@\" ;;\n", v.Verb, id, v.List, n, v.Op)
			}
		}
	}
	return b.String()
}

// wrap joins words into lines of at most width bytes, each indented.
func wrap(words []string, indent string, width int) []string {
	var lines []string
	line := indent
	for _, w := range words {
		if len(line) > len(indent) && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// esydHelp renders the help lines that list the categories.
func esydHelp(ts []target) string {
	var queries, switches, rules []string
	for _, t := range ts {
		if t.Query {
			queries = append(queries, t.Ident())
		}
		if t.Switch {
			switches = append(switches, t.Ident())
		}
		if esydPathRules(t) {
			rules = append(rules, t.Ident())
		}
	}
	lines := []string{"enabled_X (query) for X in:"}
	lines = append(lines, wrap(queries, "    ", 76)...)
	lines = append(lines, "enable_X, disable_X for X in:")
	lines = append(lines, wrap(switches, "    ", 76)...)
	lines = append(lines, "allow_X, disallow_X, deny_X, nodeny_X, addfilter_X, rmfilter_X GLOB... for X in:")
	lines = append(lines, wrap(rules, "    ", 76)...)
	var b strings.Builder
	b.WriteString("\tprintf '%s\\n' \\\n")
	for i, l := range lines {
		sep := " \\\n"
		if i == len(lines)-1 {
			sep = "\n"
		}
		fmt.Fprintf(&b, "\t\t'  %s'%s", l, sep)
	}
	return b.String()
}
