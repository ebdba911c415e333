// Package magic recognises the /dev/syd virtual paths: the probe "/dev/syd", commands
// "/dev/syd/<cmd>" and the helper files "/dev/syd.el" and "/dev/syd.sh". It is pure:
// no system calls, no policy.
package magic

import "strings"

// Kind says what a path names.
type Kind uint8

const (
	None    Kind = iota // not a /dev/syd path
	Probe               // "/dev/syd" itself
	Command             // "/dev/syd/<cmd>"
	File                // "/dev/syd.el" or "/dev/syd.sh"
)

// Prefix is the magic directory.
const Prefix = "/dev/syd"

// MayBe is a cheap filter for the hot path: only paths containing "syd" can be magic.
func MayBe(path string) bool { return strings.Contains(path, "syd") }

// Parse classifies an absolute path. The leading part is normalised lexically ("//",
// ".", "..", so "/dev/../dev//syd/stat" is the command "stat"); once "/dev/syd" is
// reached, the rest after one "/" is the command verbatim: commands may contain "/",
// "..", "+" and any other byte the grammar allows. For File, the name is returned.
func Parse(path string) (Kind, string) {
	if !strings.HasPrefix(path, "/") {
		return None, ""
	}
	var stack [2]string
	depth := 0
	rest := path
	for {
		for strings.HasPrefix(rest, "/") {
			rest = rest[1:]
		}
		comp, after, _ := strings.Cut(rest, "/")
		switch comp {
		case "":
			return None, ""
		case ".":
			rest = after
			continue
		case "..":
			if depth > 0 {
				depth--
			}
			rest = after
			continue
		}
		if depth >= 2 {
			// Deeper than /dev/syd without having matched it: only ".." could bring us
			// back, which lexical paths into /dev/syd do not need; not magic.
			return None, ""
		}
		stack[depth] = comp
		depth++
		if depth == 1 && comp != "dev" {
			// Allow "/x/../dev/syd": keep walking, a ".." may pop it.
			rest = after
			continue
		}
		if depth == 2 && stack[0] == "dev" {
			switch comp {
			case "syd":
				if !strings.Contains(rest, "/") {
					return Probe, ""
				}
				cmd := after
				if cmd == "" {
					return Probe, ""
				}
				return Command, cmd
			case "syd.el", "syd.sh":
				if after == "" && !strings.Contains(rest, "/") {
					return File, comp
				}
			}
		}
		rest = after
		if rest == "" && !strings.Contains(path[len(path)-1:], "/") {
			return None, ""
		}
	}
}
