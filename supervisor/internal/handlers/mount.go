// mount.go: the mount family is refused inside the sandbox (spec 06 §2: Syd mounts
// only at start-up, for bind+ and root:). A mount changes what every later path
// means: a tmpfs or bind mount over an allowed directory would redirect checked
// paths to objects no rule was written for. No option relaxes it.
package handlers

import "golang.org/x/sys/unix"

func init() {
	registerEach(sysMount,
		sysName{unix.SYS_MOUNT, "mount"}, sysName{unix.SYS_UMOUNT2, "umount2"},
		sysName{unix.SYS_FSOPEN, "fsopen"}, sysName{unix.SYS_FSCONFIG, "fsconfig"},
		sysName{unix.SYS_FSMOUNT, "fsmount"}, sysName{unix.SYS_FSPICK, "fspick"},
		sysName{unix.SYS_MOVE_MOUNT, "move_mount"}, sysName{unix.SYS_OPEN_TREE, "open_tree"},
		sysName{unix.SYS_MOUNT_SETATTR, "mount_setattr"}, sysName{unix.SYS_PIVOT_ROOT, "pivot_root"})
}

// sysMount refuses with EPERM, what an unprivileged caller gets from the kernel.
func sysMount(c *Call) (int64, error) { return 0, unix.EPERM }
