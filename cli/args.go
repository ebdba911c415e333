// args.go: parsing syd's command line (spec 01 §1-2): short options with attached or
// separate values, clusters, long options, and "--".
package cli

import (
	"fmt"
	"strings"
)

// configStep is one -m, -p or -P, applied in command-line order. -x is the
// trace profile, and -l, -f, --login and -c the user profile, at their place.
type configStep struct {
	kind  byte // 'm', 'p' or 'P'
	value string
}

// options is the parsed command line.
type options struct {
	help, version bool
	steps         []configStep
	argv0         string   // -a
	env           []string // -e, in order
	export        string   // -E
	shellCmd      bool     // -c
	login         bool     // -l, -f, --login
	quick         bool     // -q
	trace         bool     // -x
	printEl       bool     // --el
	printSh       bool     // --sh
	profileList   bool     // --profile-list
	profilePrint  string   // --profile-print NAME
	profileJSON   string   // --profile-json NAME
	command       []string
}

// useUserProfile adds the user profile as a step, once.
func (o *options) useUserProfile() {
	if !o.login && !o.shellCmd {
		o.steps = append(o.steps, configStep{'p', "user"})
	}
}

// usageError is a command-line mistake; syd exits with EINVAL for it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// takesValue lists the short options that need an argument.
const takesValue = "mpPaeE"

// knownFlags lists the short options without an argument.
const knownFlags = "hVcflqx"

func parseArgs(args []string) (*options, error) {
	o := &options{}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			o.command = args[i+1:]
			return o, nil
		}
		if strings.HasPrefix(arg, "--") {
			name, val, hasVal := strings.Cut(arg[2:], "=")
			needVal := func() (string, error) {
				if hasVal {
					return val, nil
				}
				if i+1 >= len(args) {
					return "", &usageError{fmt.Sprintf("option --%s requires an argument", name)}
				}
				i++
				return args[i], nil
			}
			switch name {
			case "help":
				o.help = true
			case "version":
				o.version = true
			case "login":
				o.useUserProfile()
				o.login = true
			case "el":
				o.printEl = true
			case "sh":
				o.printSh = true
			case "profile": // Paludis spells -p this way
				v, err := needVal()
				if err != nil {
					return nil, err
				}
				o.steps = append(o.steps, configStep{'p', v})
			case "profile-list":
				o.profileList = true
			case "profile-print", "profile-json":
				v, err := needVal()
				if err != nil {
					return nil, err
				}
				if name == "profile-print" {
					o.profilePrint = v
				} else {
					o.profileJSON = v
				}
			default:
				return nil, &usageError{fmt.Sprintf("unknown option --%s", name)}
			}
			if hasVal && name != "profile" && name != "profile-print" && name != "profile-json" {
				return nil, &usageError{fmt.Sprintf("option --%s takes no argument", name)}
			}
			continue
		}
		if len(arg) < 2 || arg[0] != '-' {
			o.command = args[i:]
			return o, nil
		}
		// A cluster of short options: -lq, -mlock:on, -m lock:on.
		for j := 1; j < len(arg); j++ {
			c := arg[j]
			switch {
			case strings.IndexByte(takesValue, c) >= 0:
				val := arg[j+1:]
				if val == "" {
					if i+1 >= len(args) {
						return nil, &usageError{fmt.Sprintf("option -%c requires an argument", c)}
					}
					i++
					val = args[i]
				}
				if err := o.setValue(c, val); err != nil {
					return nil, err
				}
				j = len(arg)
			case strings.IndexByte(knownFlags, c) >= 0:
				o.setFlag(c)
			default:
				return nil, &usageError{fmt.Sprintf("unknown option -%c", c)}
			}
		}
	}
	return o, nil
}

func (o *options) setValue(c byte, val string) error {
	switch c {
	case 'm', 'p', 'P':
		o.steps = append(o.steps, configStep{c, val})
	case 'a':
		o.argv0 = val
	case 'e':
		if val == "" || strings.HasPrefix(val, "=") {
			return &usageError{fmt.Sprintf("invalid -e argument %q: expected VAR, VAR= or VAR=VAL", val)}
		}
		o.env = append(o.env, val)
	case 'E':
		if val != "bpf" && val != "pfc" {
			return &usageError{fmt.Sprintf("invalid -E mode %q: expected bpf or pfc", val)}
		}
		o.export = val
	}
	return nil
}

func (o *options) setFlag(c byte) {
	switch c {
	case 'h':
		o.help = true
	case 'V':
		o.version = true
	case 'c':
		o.useUserProfile()
		o.shellCmd = true
	case 'f', 'l':
		o.useUserProfile()
		o.login = true
	case 'q':
		o.quick = true
	case 'x':
		o.trace = true
		o.steps = append(o.steps, configStep{'p', "trace"})
	}
}

const usage = `syd: a seccomp user-notification application kernel (Syd 3 command API)

Usage:
  syd [-acefhlmpqxEPV] [--] {command [arg...]}
  syd [-acefhlmpqxEPV]            (no command: a login shell under the user profile)
  syd --profile-list | --profile-print NAME | --profile-json NAME
  syd --el | --sh

Options:
  -h, --help         print this help and exit
  -V, --version      print version information and exit
  -m CMD             run a sandbox command (syd(2) grammar) at startup; repeatable
  -p NAME            apply a built-in profile; repeatable (also --profile NAME)
  -P PATH            apply a configuration file (.syd-3); repeatable; lines are
                     commands, # comments, include PATH, include_profile NAME,
                     $VAR, ${VAR} and a leading ~ are expanded
                     -m, -p and -P apply strictly left to right
  -a ALIAS           set argv[0] of the command
  -e VAR=VAL         set VAR in the command's environment
  -e VAR             remove VAR from the command's environment
  -e VAR=            pass VAR through even if it is an unsafe variable
  -E bpf|pfc         print the seccomp filter (raw BPF or pseudo filter code) and exit
  -c                 run the command words as one string through $SYD_SHELL -c
                     (default /bin/sh), with the user profile
  -l, -f, --login    load the user profile (then /etc/user.syd-3, ~/.user.syd-3)
  -q                 quick boot (accepted; syd never re-executes from a sealed copy)
  -x                 trace mode: the trace profile, every default action warn
  --profile-list     print the names of the built-in profiles, one per line
  --profile-print N  print profile N as written (include_profile lines not expanded)
  --profile-json N   print the JSON state that profile N gives on top of the defaults
  --el               print syd.el, the Emacs Lisp client, and exit
  --sh               print the esyd shell helper, and exit

Environment:
  SYD_SHELL      shell for -c and for the login shell (default /bin/sh)
  SYD_LOG        log level: emerg alert crit error warn notice info debug
                 (default warn)
  SYD_LOG_FD     fd for the log (default 2; negative disables): JSON lines, or
                 one readable line per record when the fd is a terminal
  SYD_FORCE_TTY  write the readable form even when the log fd is no terminal
  SYD_QUIET_TTY  write JSON lines even to a terminal (wins over SYD_FORCE_TTY)
  SYD_NO_SYSLOG  do not copy warnings and worse to the host syslog (ident syd)
  SYD_NPROC      number of core notification receivers (default min(2, CPUs))

Exit status: the command's status, 128+signal if it was killed, or the errno of
syd's own failure (2 command not found, 13 exec denied, 16 nested syd, 22 bad input).
`
