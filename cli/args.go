// args.go: parsing syd's command line (spec 01 §1-2): short options with attached or
// separate values, clusters, long options, and "--".
package cli

import (
	"fmt"
	"strings"
)

// configStep is one -m, -p or -P, applied in command-line order.
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
	command       []string
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
			default:
				return nil, &usageError{fmt.Sprintf("unknown option --%s", name)}
			}
			if hasVal && name != "profile" {
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
		o.shellCmd = true
	case 'f', 'l':
		o.login = true
	case 'q':
		o.quick = true
	case 'x':
		o.trace = true
	}
}

const usage = `syd: a seccomp user-notification application kernel (Syd 3 command API)

Usage:
  syd [-acefhlmpqxEPV] [--] {command [arg...]}
  syd --el | --sh

Options:
  -h, --help         print this help and exit
  -V, --version      print version information and exit
  -m CMD             run a sandbox command (syd(2) grammar) at startup; repeatable
  -p NAME            apply a built-in profile; repeatable (also --profile NAME)
  -P PATH            apply a configuration file (.syd-3); repeatable
                     -m, -p and -P apply strictly left to right
  -a ALIAS           set argv[0] of the command
  -e VAR=VAL         set VAR in the command's environment
  -e VAR             remove VAR from the command's environment
  -e VAR=            pass VAR through even if it is an unsafe variable
  -E bpf|pfc         print the seccomp filter (raw BPF or pseudo filter code) and exit
  -c                 run the command string through $SYD_SHELL -c with the user profile
  -l, -f, --login    login-shell mode: load the user profile
  -q                 quick boot (accepted; syd never re-executes from a sealed copy)
  -x                 trace mode: log would-be denials and allow them
  --el               print syd.el, the Emacs Lisp client, and exit
  --sh               print the esyd shell helper, and exit

Environment:
  SYD_LOG      log level: emerg alert crit error warn notice info debug (default warn)
  SYD_LOG_FD   fd for JSON log lines (default 2; negative disables)
  SYD_NPROC    number of core notification receivers (default min(2, CPUs))

Exit status: the command's status, 128+signal if it was killed, or the errno of
syd's own failure (2 command not found, 13 exec denied, 16 nested syd, 22 bad input).
`
