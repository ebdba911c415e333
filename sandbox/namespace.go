// This file defines the Linux namespaces that unshare/* and allow_unsafe_namespace name.

package sandbox

import "strings"

// Namespaces is a set of Linux namespaces.
type Namespaces uint8

// The namespaces, in the order the JSON state lists them.
const (
	NSMount Namespaces = 1 << iota
	NSUTS
	NSIPC
	NSUser
	NSPID
	NSNet
	NSCgroup
	NSTime
	allNamespaces = NSMount | NSUTS | NSIPC | NSUser | NSPID | NSNet | NSCgroup | NSTime
)

var namespaceNames = []string{"mount", "uts", "ipc", "user", "pid", "net", "cgroup", "time"}

// Has reports whether every namespace of n is in s.
func (s Namespaces) Has(n Namespaces) bool { return s&n == n }

// Names returns the names of the namespaces in s, in a fixed order.
func (s Namespaces) Names() []string {
	out := []string{}
	for i, name := range namespaceNames {
		if s&(1<<i) != 0 {
			out = append(out, name)
		}
	}
	return out
}

// String returns the names joined with commas, as written in unshare/<ns,...>.
func (s Namespaces) String() string { return strings.Join(s.Names(), ",") }

// parseNamespaces parses a comma list of namespace names ("all" for every one).
func parseNamespaces(list string) (Namespaces, *failure) {
	var s Namespaces
	for name := range strings.SplitSeq(list, ",") {
		if name == "all" {
			s |= allNamespaces
			continue
		}
		found := false
		for i, n := range namespaceNames {
			if name == n {
				s |= 1 << i
				found = true
			}
		}
		if !found {
			return 0, invalid("unknown namespace %q (want mount, uts, ipc, user, pid, net, cgroup, time or all)", name)
		}
	}
	return s, nil
}
