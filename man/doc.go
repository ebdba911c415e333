// Package man holds the sources of syd's manual pages, in scdoc(5) format:
// syd.1 (the command line), syd.2 (the /dev/syd interface), syd.5 (files,
// profiles and the command language), syd.7 (categories, actions, patterns and
// security measures) and pandora.1. `make man` renders them with scdoc(1) and
// `make install` installs them.
//
// The package has no code; its test checks that the pages keep up with the
// program: every option of `syd -h`, every environment variable syd reads,
// every command key, trace option, category, action, lock state and profile
// the sandbox package accepts, and every pandora option appear in the right
// page, every trace/ option a page names is one the parser accepts, and (with
// scdoc installed) every page renders.
package man
