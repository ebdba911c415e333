// Package limits decides and applies the memory and task limits of
// sandbox/mem (mem/max, mem/vm_max) and sandbox/pid (pid/max) with mechanisms
// the kernel enforces, so no process in the sandbox can get past them whatever
// calls it makes (spec 05 §3):
//
//   - mem/max is every sandboxed process's RLIMIT_DATA (its private writable
//     memory: heap, anonymous mappings, stack excluded) and mem/vm_max its
//     RLIMIT_AS (everything it maps). An allocation past them fails with
//     ENOMEM, the errno of the deny action. Both are per process, as in Syd.
//   - pid/max bounds the tasks (processes and threads) of the whole sandbox: a
//     pids cgroup of its own where syd can create one (cgroup v2 with the pids
//     controller delegated, or a writable v1 pids hierarchy), otherwise, for an
//     ordinary user, RLIMIT_NPROC in a user namespace of the sandbox's own
//     (the kernel counts tasks per user and user namespace, so syd's own
//     threads and the user's other processes are not counted). A fork past the
//     limit fails with EAGAIN. Root is exempt from RLIMIT_NPROC: without a
//     cgroup it is refused at start.
//
// Neither hard limit can be raised from inside: that needs CAP_SYS_RESOURCE in
// the initial user namespace, which the sandbox does not hold.
package limits

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"syd/sandbox"
)

// Plan is what syd applies at start.
type Plan struct {
	// Data and AS are RLIMIT_DATA and RLIMIT_AS of the sandbox (0: unset).
	Data, AS uint64
	// Tasks is pid/max (0: no task limit).
	Tasks uint64
	// Cgroup holds the sandbox's pids cgroup; nil when the limit is RLIMIT_NPROC
	// (OwnUserNS) or there is none.
	Cgroup *Cgroup
	// OwnUserNS asks the stub for a user namespace of the sandbox's own, in
	// which RLIMIT_NPROC counts only the sandbox's tasks.
	OwnUserNS bool
}

// Empty reports whether the plan limits nothing.
func (p Plan) Empty() bool { return p.Data == 0 && p.AS == 0 && p.Tasks == 0 }

// Mechanism names how pid/max is enforced ("cgroup v1", "cgroup v2",
// "RLIMIT_NPROC"), or "" without one.
func (p Plan) Mechanism() string {
	switch {
	case p.Tasks == 0:
		return ""
	case p.Cgroup != nil:
		return p.Cgroup.version
	default:
		return "RLIMIT_NPROC"
	}
}

// Decide builds the plan of policy p and creates the pids cgroup it needs.
// The caller removes the cgroup (Plan.Close) when the sandbox has ended.
func Decide(p *sandbox.Policy) (Plan, error) {
	var plan Plan
	if p.FeatureEnabled(sandbox.FeatureMem) {
		plan.Data, plan.AS = p.MemMax(), p.MemVMMax()
		if plan.Data == 0 && plan.AS == 0 {
			return Plan{}, errors.New("sandbox/mem:on needs mem/max or mem/vm_max")
		}
	}
	if !p.FeatureEnabled(sandbox.FeaturePid) {
		return plan, nil
	}
	if plan.Tasks = p.PidMax(); plan.Tasks == 0 {
		return Plan{}, errors.New("sandbox/pid:on needs pid/max")
	}
	cg, cgErr := newCgroup(plan.Tasks)
	if cgErr == nil {
		plan.Cgroup = cg
		return plan, nil
	}
	if unix.Geteuid() == 0 {
		// The kernel does not hold root to RLIMIT_NPROC.
		return Plan{}, fmt.Errorf("pid/max as root needs a pids cgroup syd can create: %v", cgErr)
	}
	plan.OwnUserNS = true
	return plan, nil
}

// Apply sets the limits on pid, the stub, before it runs the command: its
// rlimits (inherited by everything it starts), and its place in the cgroup.
func (p Plan) Apply(pid int) error {
	set := func(res int, v uint64, name string) error {
		if v == 0 {
			return nil
		}
		lim := unix.Rlimit{Cur: v, Max: v}
		if err := unix.Prlimit(pid, res, &lim, nil); err != nil {
			return fmt.Errorf("setting %s of the sandbox: %w", name, err)
		}
		return nil
	}
	if err := set(unix.RLIMIT_DATA, p.Data, "RLIMIT_DATA (mem/max)"); err != nil {
		return err
	}
	if err := set(unix.RLIMIT_AS, p.AS, "RLIMIT_AS (mem/vm_max)"); err != nil {
		return err
	}
	if p.Tasks == 0 {
		return nil
	}
	if p.Cgroup != nil {
		return p.Cgroup.join(pid)
	}
	return set(unix.RLIMIT_NPROC, p.Tasks, "RLIMIT_NPROC (pid/max)")
}

// Close removes the sandbox's cgroup, once its processes are gone.
func (p Plan) Close() {
	if p.Cgroup != nil {
		p.Cgroup.remove()
	}
}

// Cgroup is the sandbox's own pids cgroup.
type Cgroup struct {
	dir, version string
}

// newCgroup creates a pids cgroup below syd's own with pids.max set to max:
// on cgroup v2 where syd's cgroup has the pids controller to give, else on a
// v1 pids hierarchy syd may write to.
func newCgroup(max uint64) (*Cgroup, error) {
	mounts, err := cgroupMounts()
	if err != nil {
		return nil, err
	}
	own, err := ownCgroups()
	if err != nil {
		return nil, err
	}
	name := "syd-" + strconv.Itoa(os.Getpid())
	var errs []error
	if root, ok := mounts["2"]; ok {
		parent := filepath.Join(root, own["2"])
		cg, err := makeV2(parent, name, max)
		if err == nil {
			return cg, nil
		}
		errs = append(errs, fmt.Errorf("cgroup v2 at %s: %w", parent, err))
	}
	if root, ok := mounts["pids"]; ok {
		parent := filepath.Join(root, own["pids"])
		cg, err := makeGroup(filepath.Join(parent, name), "cgroup v1", max)
		if err == nil {
			return cg, nil
		}
		errs = append(errs, fmt.Errorf("cgroup v1 pids at %s: %w", parent, err))
	}
	if len(errs) == 0 {
		return nil, errors.New("no cgroup file system with the pids controller is mounted")
	}
	return nil, errors.Join(errs...)
}

func makeV2(parent, name string, max uint64) (*Cgroup, error) {
	ctl, err := os.ReadFile(filepath.Join(parent, "cgroup.controllers"))
	if err != nil {
		return nil, err
	}
	if !hasWord(string(ctl), "pids") {
		return nil, errors.New("the pids controller is not delegated")
	}
	sub, err := os.ReadFile(filepath.Join(parent, "cgroup.subtree_control"))
	if err != nil {
		return nil, err
	}
	if !hasWord(string(sub), "pids") {
		if err := os.WriteFile(filepath.Join(parent, "cgroup.subtree_control"), []byte("+pids"), 0); err != nil {
			return nil, fmt.Errorf("enabling pids for children: %w", err)
		}
	}
	return makeGroup(filepath.Join(parent, name), "cgroup v2", max)
}

func makeGroup(dir, version string, max uint64) (*Cgroup, error) {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	cg := &Cgroup{dir: dir, version: version}
	if err := os.WriteFile(filepath.Join(dir, "pids.max"), []byte(strconv.FormatUint(max, 10)), 0); err != nil {
		cg.remove()
		return nil, fmt.Errorf("writing pids.max: %w", err)
	}
	return cg, nil
}

func (c *Cgroup) join(pid int) error {
	if err := os.WriteFile(filepath.Join(c.dir, "cgroup.procs"), []byte(strconv.Itoa(pid)), 0); err != nil {
		return fmt.Errorf("moving the sandbox into %s: %w", c.dir, err)
	}
	return nil
}

// remove deletes the cgroup, retrying briefly while its last processes exit.
func (c *Cgroup) remove() {
	for i := 0; i < 200; i++ {
		err := unix.Rmdir(c.dir)
		if err == nil || err == unix.ENOENT || err != unix.EBUSY {
			return
		}
		unix.Nanosleep(&unix.Timespec{Nsec: 10_000_000}, nil)
	}
}

// cgroupMounts maps "2" to the cgroup v2 mount point and each v1 controller to
// its hierarchy's, from /proc/self/mountinfo.
func cgroupMounts() (map[string]string, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		pre, post, ok := strings.Cut(sc.Text(), " - ")
		if !ok {
			continue
		}
		fields, tail := strings.Fields(pre), strings.Fields(post)
		if len(fields) < 5 || len(tail) < 3 {
			continue
		}
		switch tail[0] {
		case "cgroup2":
			if _, ok := out["2"]; !ok {
				out["2"] = fields[4]
			}
		case "cgroup":
			for _, o := range strings.Split(tail[2], ",") {
				if _, ok := out[o]; !ok {
					out[o] = fields[4]
				}
			}
		}
	}
	return out, sc.Err()
}

// ownCgroups maps "2" and each v1 controller to syd's cgroup path, from
// /proc/self/cgroup.
func ownCgroups() (map[string]string, error) {
	b, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		if parts[0] == "0" && parts[1] == "" {
			out["2"] = parts[2]
			continue
		}
		for _, c := range strings.Split(parts[1], ",") {
			out[c] = parts[2]
		}
	}
	return out, nil
}

func hasWord(s, w string) bool { return slices.Contains(strings.Fields(s), w) }
