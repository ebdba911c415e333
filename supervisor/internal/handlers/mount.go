// mount.go: the mount family is refused inside the sandbox (spec 06 §2: Syd mounts
// only at start-up, for bind+ and root:). A mount changes what every later path
// means: a tmpfs or bind mount over an allowed directory would redirect checked
// paths to objects no rule was written for. No option relaxes it.
package handlers

import "golang.org/x/sys/unix"

func init() {
	for _, c := range []struct {
		nr   int
		name string
	}{
		{unix.SYS_MOUNT, "mount"}, {unix.SYS_UMOUNT2, "umount2"},
		{unix.SYS_FSOPEN, "fsopen"}, {unix.SYS_FSCONFIG, "fsconfig"},
		{unix.SYS_FSMOUNT, "fsmount"}, {unix.SYS_FSPICK, "fspick"},
		{unix.SYS_MOVE_MOUNT, "move_mount"}, {unix.SYS_OPEN_TREE, "open_tree"},
		{unix.SYS_MOUNT_SETATTR, "mount_setattr"}, {unix.SYS_PIVOT_ROOT, "pivot_root"},
	} {
		register(c.nr, c.name, sysMount, nil)
	}
}

// sysMount refuses with EPERM, what an unprivileged caller gets from the kernel.
func sysMount(c *Call) (int64, error) { return 0, unix.EPERM }
