// Package sandbox holds Syd's policy: the sandboxing categories, rules and
// actions, the syd(2) command language that changes them, and the JSON state
// document. It performs no system calls; the supervisor asks it for decisions.
//
// # Model
//
// A Sandbox holds the current Policy, an immutable snapshot that any number of
// goroutines may read without locks. Sandbox.Apply runs one command (the text
// given to -m, a configuration file line, or a /dev/syd path without its
// prefix), builds the next snapshot and swaps it in atomically. A command that
// fails returns an *Error carrying the errno /dev/syd reports and leaves the
// policy unchanged.
//
// For a request in category C on path X, Policy.CheckPath returns the action of
// the newest rule of C whose pattern matches X, or the default of C (spec 04
// §4). Whether C is checked at all is Policy.Enabled.
//
// # Commands
//
// A command is KEY, then an operator from ":?+-^!", then a value. Key names
// contain no operator byte, so the first operator ends the key and the rest is
// the value verbatim. Keys (the tables in command.go):
//
//	sandbox/<cats>:<bool>       switch categories on or off (on off 1 0 true false)
//	sandbox/<cats>?             query: nil if all are on, else ENOENT
//	default/<cats>:<action>     action when no rule matches
//	<action>/<cats>+<pattern>   append a rule to each category
//	<action>/<cats>-<pattern>   remove the newest rule with this action and text
//	<action>/<cats>^<pattern>   remove every rule with this action and text
//	lock:<off|exec|drop|read|on>
//
// <cats> is a comma list of category names (Category.String), "all" (every
// path category), "net" (net/bind, net/connect, net/sendfd) or the old names
// "net/send", "attr" (chmod, chattr, utime), "node" (mkdev, mkfifo) and
// "tmpfile" (mktemp). Path patterns must be absolute globs (package glob);
// braces expand into one rule per alternative, and "-"/"^" with the same
// braces remove the same rules. A network value starting with '/' or '@' is a
// UNIX socket pattern handled the same way; any other network value is an
// address, kept verbatim for now.
//
// Once the lock is on, every command fails with EPERM. The lock's other
// states restrict who may use /dev/syd; enforcing them is the caller's job.
//
// # JSON state
//
// Policy.MarshalJSON renders, with keys always in this order:
//
//	{
//	  "api": 3,
//	  "lock": "unset",                     // off exec drop read on unset
//	  "sandbox": {"stat": true, ...},      // every category, in category order
//	  "default": {"stat": "deny", ...},    // every category, in category order
//	  "rules": [                           // by category order, then oldest first
//	    {"act": "allow", "cap": "write", "pat": "/tmp/***"},
//	    ...
//	  ]
//	}
//
// A brace rule appears as its expansions. Since the newest matching rule wins,
// later entries of a category override earlier ones. Pattern bytes that are not
// valid UTF-8 are shown as U+FFFD.
package sandbox
