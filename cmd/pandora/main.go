// Command pandora learns a syd profile: it runs a command under `syd -x` (or reads
// syd's logs) and writes the allow rules it saw as a .syd-3 file.
package main

import "syd/internal/pandora"

func main() { pandora.Main() }
