// Command syd-oci is an OCI runtime (podman --runtime, containerd) on runc's
// libcontainer whose containers run their workload under syd: sydoci.Main.
package main

import (
	"os"

	_ "github.com/opencontainers/cgroups/devices" // the devices cgroup rules of the spec
	"github.com/opencontainers/runc/libcontainer"
	_ "github.com/opencontainers/runc/libcontainer/nsenter" // the container's init joins its namespaces in C

	"syd/internal/sydoci"
	"syd/supervisor"
)

func init() {
	if len(os.Args) > 1 && os.Args[1] == "init" {
		// libcontainer's init, after nsenter's constructor: it sets the
		// container up and execs its process (the workload). No return.
		libcontainer.Init()
	}
}

func main() {
	supervisor.RunInternal() // syd's guard or a plugin's stub: never returns
	sydoci.Main()
}
