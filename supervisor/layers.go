// layers.go: the kernel layers a policy asks for, decided at start in one place:
// the namespaces and Landlock (sandbox/lock), which syd enters itself, and the
// memory and task limits, here; the stub applies the sandbox's part
// (launch/stub.c). The layers this syd does not build yet (README "Missing",
// issue 17) are an error at start, never a silent no-op: a user who relies on
// one, or a client that probes for it (Paludis runs `sydbox -ppaludis
// -pimmutable true` before it uses immutable), learns that it is not there.
package supervisor

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"syd/sandbox"
	"syd/supervisor/internal/boundary"
	"syd/supervisor/internal/handoff"
	"syd/supervisor/internal/launch"
	"syd/supervisor/internal/limits"
	"syd/supervisor/internal/lockdomain"
	"syd/supervisor/internal/namespaces"
	"syd/supervisor/internal/proxy"
	"syd/supervisor/internal/segvguard"
)

// startLimits decides sandbox/mem and sandbox/pid and creates the sandbox's
// pids cgroup (package limits); Run applies the plan to the stub before the
// command runs and closes it when the sandbox has ended. It runs after
// startLayers, in the namespaces syd entered.
func startLimits(p *sandbox.Policy) (limits.Plan, error) {
	plan, err := limits.Decide(p)
	if err != nil {
		return limits.Plan{}, &Error{errnoOf(err), err.Error()}
	}
	return plan, nil
}

// layers are the kernel layers syd enters at start: the sandbox's Landlock plan
// for the stub (nil when sandbox/lock is off) and the namespaces syd enters for
// its children before it starts the guard (pid, time).
type layers struct {
	lock     []byte
	children uintptr
}

// startLayers decides the namespaces (unshare/*, bind+, name/*) and sandbox/lock.
// Syd itself enters both (spec 06 §1, and so its emulated calls see what the
// sandbox sees), while it is one thread: a user namespace needs that, and so
// does a Landlock domain every thread of syd shares and the sandbox's nests in.
// Outside them, startLayers re-executes syd with the plans (launch/ctor.c
// enters them) and does not return. files are what syd reads again on the way:
// its configuration files and the plugin.
func startLayers(p *sandbox.Policy, files []string) (layers, error) {
	ns, err := namespaces.Decide(p)
	if err != nil {
		return layers{}, &Error{unix.EINVAL, err.Error()}
	}
	px, proxied, err := proxy.Decide(p)
	if err != nil {
		return layers{}, &Error{unix.EINVAL, err.Error()}
	}
	var lock lockdomain.Plan
	locked := p.FeatureEnabled(sandbox.FeatureLock)
	if locked {
		if lock, err = lockdomain.Decide(p.Landlock(), boundary.ABI()); err != nil {
			return layers{}, &Error{unix.EOPNOTSUPP, err.Error()}
		}
	}
	if !locked && ns.Empty() {
		return layers{}, nil
	}
	if launch.Layered() {
		if proxied {
			// In the sandbox's network namespace now: the forwarder started
			// before the re-execution gets its listener.
			ctl := proxy.CtlFromEnv()
			if ctl < 0 {
				return layers{}, &Error{unix.EINVAL, "sandbox/proxy: the forwarder's control socket is missing"}
			}
			if err := proxy.Serve(ctl, px); err != nil {
				return layers{}, &Error{errnoOf(err), "sandbox/proxy: " + err.Error()}
			}
		}
		// The configuration has been read: the sandbox's root can change.
		if err := ns.EnterRoot(); err != nil {
			return layers{}, &Error{errnoOf(err), err.Error()}
		}
		l := layers{children: ns.Children}
		if locked {
			l.lock = lock.ForSandbox().Encode()
		}
		return l, nil
	}
	var nsPlan, lockPlan []byte
	if ns.Clone != 0 || len(ns.Mounts) > 0 || ns.SetHostname || ns.SetDomainname {
		nsPlan = ns.Encode()
	}
	if locked {
		lockPlan = lock.ForSyd(files).Encode()
	}
	var e handoff.Encoder
	e.Blob(nsPlan)
	e.Blob(lockPlan)
	fd, err := handoff.Memfd(e.Bytes())
	if err != nil {
		return layers{}, &Error{errnoOf(err), "writing the plan of syd's layers"}
	}
	env := append(os.Environ(), handoff.EnvLayers+"="+strconv.Itoa(fd))
	if proxied {
		// The forwarder stays in this network namespace, the caller's.
		ctl, err := proxy.Start(px)
		if err != nil {
			return layers{}, &Error{errnoOf(err), "sandbox/proxy: " + err.Error()}
		}
		env = append(env, proxy.EnvCtl+"="+strconv.Itoa(ctl))
	}
	err = unix.Exec("/proc/self/exe", os.Args, env)
	return layers{}, &Error{errnoOf(err), "re-executing syd into its layers"}
}

// startSegvGuard returns SegvGuard's crash counter, or nil where the kernel
// cannot tell syd how a process ended (before Linux 6.15): then SegvGuard
// cannot count, and README says so.
func startSegvGuard(sb *sandbox.Sandbox) *segvguard.Guard {
	if !segvguard.Supported() {
		return nil
	}
	return segvguard.New(func() segvguard.Settings {
		s := sb.Policy().SegvGuard()
		return segvguard.Settings{Expiry: s.Expiry, Suspension: s.Suspension, MaxCrashes: int(s.MaxCrashes)}
	})
}
