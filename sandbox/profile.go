// This file holds the built-in profiles: embedded configuration files, one per profile.

package sandbox

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

// profileFiles are the built-in profiles, each a file in the command
// language named <name>.syd-3 under profiles/. A profile may use
// "include_profile <name>"; each file starts with a comment saying what it is
// for and what it is based on.
//
//go:embed profiles/*.syd-3
var profileFiles embed.FS

// ProfileNames returns the names of the built-in profiles, sorted.
func ProfileNames() []string {
	entries, _ := fs.ReadDir(profileFiles, "profiles")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ConfigExt); ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// ProfileText returns the text of the built-in profile name as written
// (comments and include_profile lines included), or false if there is none.
func ProfileText(name string) (string, bool) {
	if name == "" || strings.ContainsAny(name, "/.\\") {
		return "", false
	}
	b, err := profileFiles.ReadFile("profiles/" + name + ConfigExt)
	if err != nil {
		return "", false
	}
	return string(b), true
}

// ProfileSummary returns the first line of a profile's leading comment: its
// name and purpose ("paludis: package builds under Paludis ...").
func ProfileSummary(name string) string {
	text, _ := ProfileText(name)
	line, _, _ := strings.Cut(text, "\n")
	return strings.TrimSpace(strings.TrimPrefix(line, "#"))
}
