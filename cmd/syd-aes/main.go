// Command syd-aes encrypts and decrypts files in the format of crypt sandboxing
// outside the sandbox (internal/sydaes).
package main

import "syd/internal/sydaes"

func main() { sydaes.Main() }
