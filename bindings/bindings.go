// Package bindings holds the clients of syd's /dev/syd interface: esyd (sh/), syd.el (elisp/), the Go package (go/syd), Python (python/) and, in ../libsyd, the C library.
//
// Their per-category parts are generated from the category list of package
// sandbox; run `go generate ./bindings` after changing it (a test fails
// while the generated files are out of date).
package bindings

//go:generate go run ./internal/gen -root ..
