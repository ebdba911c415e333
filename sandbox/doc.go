// Package sandbox holds Syd's policy: the sandboxing categories, rules and
// actions, the syd(2) command language that changes them, configuration
// files and built-in profiles, and the JSON state document. It performs no
// system calls apart from reading configuration files; the supervisor asks
// it for decisions and enforces them.
//
// # Model
//
// A Sandbox holds the current Policy, an immutable snapshot that any number of
// goroutines may read without locks. Sandbox.ApplyFrom runs one command (the
// text given to -m, a configuration file line, or a /dev/syd path without its
// prefix), builds the next snapshot and swaps it in atomically; Apply is
// ApplyFrom(SourceCLI, cmd) without the effect. A command that fails returns
// an *Error carrying the errno /dev/syd reports and leaves the policy
// unchanged. Sandbox.Start marks the moment the sandboxed command is
// executed: an unset lock becomes on, and startup-only settings fail with
// EBUSY from then on.
//
// For a request in category C on path X, Policy.CheckPath returns the action
// of the newest rule of C whose pattern matches X, or the default of C (spec
// 04 §4). Policy.CheckAddr does the same for an IP socket address against
// the address rules of a network category, and Policy.CheckUnix for a UNIX
// socket path or an abstract name written "@name". An IPv4-mapped IPv6
// address (::ffff:a.b.c.d) is checked as the IPv4 address a.b.c.d: it
// matches IPv4 rules, and IPv6 rules such as any6 or ::/0 do not match it.
// Whether C is checked at all is Policy.Enabled. All lookups are
// allocation-free scans of rules compiled once, when the command was
// applied (package glob, package netaddr).
//
// # Sources, effects and errors
//
// Every command comes from a Source. "include" and "include_profile" work
// only in files (SourceFile); "panic", "ghost", "load/<fd>" and
// "cmd/exec!..." only through /dev/syd (SourceMagic). A successful command
// may return an Effect the supervisor must carry out: EffectStat (print the
// state, also from -m), EffectPanic (exit 127), EffectGhost (the policy is
// locked; stop supervising), EffectLoad (read commands from the caller's fd
// and apply them with Sandbox.Load) and EffectExec (run Argv outside the
// sandbox; the value is split on \x1F).
//
// Errnos: EINVAL for bad syntax, an unknown key or a bad value; ENOENT for a
// false query; EPERM when the lock forbids the command; EBUSY for a
// startup-only setting after Start (unshare/*, bind, root, name/*, crypt,
// crypt/key, crypt/tmp, proxy/*, sandbox/lock, sandbox/crypt, sandbox/proxy,
// allow/lock/*, and every trace/* flag that shapes the seccomp filter or the
// process set-up; see runtimeFlags for the ones that stay changeable). The
// file loader adds ELOOP for include loops and the errnos of opening files.
//
// The lock (spec 02 §4) applies to every source: after lock:on every command
// fails with EPERM; lock:read accepts only queries, "stat" and lock:on;
// lock:drop accepts only commands that reduce privileges: deny, filter and
// harsher rules added, allow and warn rules removed, categories and features
// switched on, defaults raised, mask/append/force entries and ioctl denials
// added, lower mem/pid limits, allow_* flags off and deny_*/force_*/lock_*
// flags on, a stricter umask, and lock:drop, lock:read or lock:on. lock:exec
// and lock:off restrict who may use /dev/syd, which is the caller's job.
//
// # Commands
//
// A command is KEY, then an operator from ":?+-^!", then a value. Key names
// contain no operator byte, so the first operator ends the key and the rest
// is the value verbatim: "allow/read+/a-b+c" adds "/a-b+c". A plain command
// (reset, stat, panic, ghost, load/<fd>) has no operator. Keys:
//
//	sandbox/<cats>:<bool>  sandbox/<cats>?     categories and lock,mem,pid,force,tpe,crypt,proxy
//	default/<cats>:<action>                     categories and mem,pid,force,tpe,segvguard,block
//	<action>/<cats>+<pat>  -<pat>  ^<pat>       rule lists, for every action
//	allow/lock/<read,write>+<path>              Landlock paths (plain, not globs)
//	allow/lock/<bind,connect>+<port>[-<port>]   Landlock TCP ports
//	append+<glob>  mask+<glob>[:<path>]  crypt+<glob>   (and - ^)
//	force+<path>:<hex>[:<action>]  force-<path>  force^
//	bind+<src>:<dst>[:<opt>,...]  setuid+<id>:<id>  setgid+<id>:<id>   (and - ^)
//	ioctl/allow+<req>,...  ioctl/deny+<req>,...  (numbers or names such as TCGETS)
//	mem/max:<size>  mem/vm_max:<size>  pid/max:<n>
//	segvguard/expiry:<secs>  segvguard/suspension:<secs>  segvguard/maxcrashes:<n>
//	tpe/gid:<gid|none>  tpe/negate:<bool>  tpe/root_owned:<bool>  tpe/user_owned:<bool>
//	proxy/addr:<ip>  proxy/port:<n>  proxy/ext/host:<host>  proxy/ext/port:<n>
//	unshare/<ns,...>:<bool>  unshare/<ns,...>?  root:<dir|none>  name/host:<s>  name/domain:<s>
//	crypt/key:<64 hex>  crypt/tmp:<dir>  config/expand:<secs>
//	trace/<flag>:<bool>  trace/<flag>?  trace/force_umask:<octal|off>  trace/memory_access:<0-2>
//	trace/allow_unsafe_namespace:<bool|ns,...>
//	lock:<off|exec|drop|read|on>  reset  stat  panic  ghost  load/<fd>  cmd/exec!<argv>  3
//
// <cats> is a comma list of category names (Category.String), "all" (every
// path category), "net" (net/bind, net/connect, net/sendfd) or the old and
// new names "net/send", "attr" (chmod, chattr, utime), "node" (mkdev,
// mkfifo), "tmpfile" (mktemp), "mkbdev" and "mkcdev" (mkdev). Booleans are
// on/off, 1/0, true/false; a query "?" succeeds when every named setting is
// on and fails with ENOENT otherwise. Sizes take decimal (K, M, G = 1000^n)
// and binary (Ki, KiB, Mi... = 1024^n) units; durations are seconds or Go
// durations ("10m"). Unknown trace/* names, allow_unsafe_* included, are
// EINVAL; the flags are the Flag constants, allow_unsafe_debug sets
// ptrace and perf, and allow_unsafe_exec_nopie, allow_unsafe_exec_stack and
// allow_unsafe_uring are older names.
//
// Path patterns must be absolute globs (package glob); braces expand into
// one rule per alternative, and "-"/"^" with the same braces remove the same
// rules. A network value starting with '/' or '@' is a UNIX socket pattern
// handled the same way; any other network value is an address (package
// netaddr): IP[/prefix]!port[-port], with '@' also accepted before the port
// (Paludis's LOOPBACK@0), or a case-insensitive alias (any, loopback, local,
// linklocal, multicast, each also with 4 or 6) whose port part is optional.
// An address rule is one rule with its text as written; removal compares
// that text. net/sendfd takes UNIX socket patterns only.
//
// In values, a backslash escapes the next byte. Where a value has parts
// (mask+pat:repl, force+path:hash:action, bind+src:dst:opts) only
// unescaped ':' and ',' separate them. Glob parts keep their escapes, so
// "\*" stays a literal star; plain path parts (replacements, Landlock paths,
// bind paths, root, crypt/tmp) are unescaped.
//
// # Files and profiles
//
// Sandbox.LoadFile applies a .syd-3 file (other extensions: EINVAL): UTF-8,
// one command per trimmed line, blank lines and lines starting with '#'
// skipped, "include <path>" relative to the including file, "include_profile
// <name>", $VAR, ${VAR} (unset is an error) and a leading ~ in values and
// include paths. Errors are *FileError values, "file:line: error".
// Sandbox.LoadProfile applies a built-in profile: a file in the same
// language embedded from profiles/ (ProfileNames, ProfileText); the user
// profile then reads /etc/user.syd-3 and ~/.user.syd-3 if they exist.
//
// # Accessors
//
// Besides the checks above, the supervisor reads: Lock, Started, Enabled,
// Default, FeatureEnabled, FeatureDefault, Has (trace flags), UnsafeNamespaces,
// ForceUmask, MemoryAccess, Masked (replacement path of the newest matching
// mask), AppendOnly, Crypted, CryptKey, CryptTmp, Force, ForceRules, Binds,
// SetUIDs, SetGIDs, Ioctl (the request lists: deny wins), IoctlAllowList,
// IoctlDenyList, MemMax, MemVMMax, PidMax, SegvGuard, TPE, Proxy, Unshare,
// Root, Hostname, Domainname, Landlock and ConfigExpand. Slices they return
// are copies; the per-call ones (Check*, Masked, AppendOnly, Crypted, Force,
// Ioctl, Has) do not allocate.
//
// # JSON state
//
// Policy.MarshalJSON renders one object whose keys always come in this
// order (the values shown are the defaults):
//
//	"api": 3
//	"lock": "unset"                       off exec drop read on unset
//	"started": false                      whether Sandbox.Start ran
//	"sandbox": {"stat": true, ..., "net/sendfd": true,
//	            "lock": false, "mem": false, "pid": false, "force": false,
//	            "tpe": false, "crypt": false, "proxy": false}
//	"default": {"stat": "deny", ..., "net/sendfd": "deny", "mem": "deny",
//	            "pid": "kill", "force": "kill", "tpe": "deny",
//	            "segvguard": "deny", "block": "deny"}
//	"rules": [{"act": "allow", "cap": "write", "pat": "/tmp/***"}, ...]
//	                                      by category order, then oldest first
//	"append": ["/var/log/***", ...]
//	"mask": [{"pat": "/proc/cpuinfo", "repl": "/dev/null"}, ...]
//	"crypt": {"key": false, "tmp": null, "pats": [...]}   the key is never shown
//	"force": [{"path": ..., "alg": "sha3-512", "hash": ..., "act": "kill"}, ...]  by path
//	"bind": [{"src": "tmpfs", "dst": "/tmp", "opts": ["nodev"]}, ...]
//	"setuid": [{"src": "1000", "dst": "65534"}, ...]   "setgid": [...]
//	"ioctl": {"allow": [], "deny": [{"req": 21522, "name": "TIOCSTI"},
//	                                {"req": 21532, "name": "TIOCLINUX"}]}
//	"mem": {"max": 0, "vm_max": 0}        bytes, 0 = no limit
//	"pid": {"max": 0}
//	"segvguard": {"expiry": 120, "suspension": 600, "maxcrashes": 5}   seconds
//	"tpe": {"gid": null, "negate": false, "root_owned": false, "user_owned": false}
//	"proxy": {"addr": "127.0.0.1", "port": 9050, "ext_host": "127.0.0.1", "ext_port": 9050}
//	"unshare": {"mount": false, "uts": false, "ipc": false, "user": false,
//	            "pid": false, "net": false, "cgroup": false, "time": false}
//	"root": null
//	"name": {"host": null, "domain": null}
//	"landlock": {"read": [], "write": [], "bind": [], "connect": []}
//	"trace": {"exit_wait_all": false, ..., "sync_seccomp": false,   every Flag
//	          "allow_unsafe_namespace": [], "force_umask": null, "memory_access": 0}
//	"config": {"expand": 0}
//
// A brace rule appears as its expansions. Since the newest matching rule
// wins, later entries of a category override earlier ones. Strings that are
// not valid UTF-8 are shown with U+FFFD.
package sandbox
