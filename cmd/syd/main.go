// Command syd runs a program under syd's seccomp user-notification sandbox.
package main

import "syd/cli"

func main() { cli.Main() }
