# Makefile: build, test, demo and benchmark syd. `make deps` installs what is missing
# (as root; otherwise it prints the exact apt-get line).
GO      ?= go
BIN     ?= ./syd
PANDORA ?= ./pandora
SYD_AES ?= ./syd-aes
SYD_OCI ?= ./syd-oci
PREFIX  ?= /usr/local
# Debian packages the build and the tests need.
DEB_PKGS = libseccomp-dev libc6-dev pkg-config gcc make dash bash zsh jq python3 util-linux emacs-nox strace scdoc podman runc
UNPRIV  ?= 65534
# syd refuses non-PIE executables by default (spec 06 §3), and the tests run
# their Go helpers inside it: build everything as PIE (libsyd's explicit
# -buildmode=c-shared wins over this default).
export GOFLAGS ?= -buildmode=pie

.PHONY: all build deps demo test test-go test-unpriv test-escape vet fuzz bench bench-quick bench-oci clean libsyd install ltp ltp-quick ltp-build gnulib soak man

all: build

deps:
	@scripts/deps.sh $(DEB_PKGS)

build: deps
	$(GO) build -o $(BIN) ./cmd/syd
	$(GO) build -o $(PANDORA) ./cmd/pandora
	$(GO) build -o $(SYD_AES) ./cmd/syd-aes
	@# syd-oci also runs inside containers, whose root file systems have no C
	@# library: a static PIE, with libcontainer's seccomp support.
	@# (The linker's note that glibc's dlopen wants shared libraries is dropped.)
	@echo '$(GO) build -tags seccomp,osusergo,netgo -o $(SYD_OCI) ./cmd/syd-oci (static-pie)'
	@out=$$($(GO) build -tags seccomp,osusergo,netgo -ldflags '-linkmode external -extldflags "-static-pie"' \
		-o $(SYD_OCI) ./cmd/syd-oci 2>&1) || { echo "$$out"; exit 1; }; \
		echo "$$out" | grep -v "statically linked applications requires at runtime\|^# syd/cmd/syd-oci\|^$$" || true

# demo: one allowed write, one denied write, and the JSON denial line.
demo: build
	@scripts/demo.sh $(BIN)

STATICCHECK_VERSION ?= v0.8.2
STATICCHECK = $(shell $(GO) env GOPATH)/bin/staticcheck

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# vet: gofmt, go vet and staticcheck must all be clean.
vet: $(STATICCHECK)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

# test: vet, every Go test and testscript (fuzz seeds included), then the same
# sandbox tests again as an unprivileged user when run as root.
test: build vet test-go test-unpriv

test-go:
	SYD_OCI=$(abspath $(SYD_OCI)) $(GO) test -count=1 ./...

test-unpriv:
	@scripts/test-unpriv.sh $(UNPRIV)

# test-escape: the four escape races (exec pointer swap, symlink exchange,
# visibility swap, magic links) with ESCAPE_ITERS iterations each.
ESCAPE_ITERS ?= 100000
test-escape: build
	SYD_ESCAPE_ITERS=$(ESCAPE_ITERS) $(GO) test -count=1 -timeout 60m -run 'TestScripts/escape' ./testscripts

# soak: long loads under syd (100,000 short-lived processes, fd passing over UNIX
# sockets, sendmsg02's blocking sends, 64 threads, make -j8, a low RLIMIT_NOFILE)
# while syd's fds and RSS are sampled from outside; fails above 1,024 fds or 64 MiB
# of growth. `make test` runs the short version (go test ./soak).
soak: build
	$(GO) run ./soak -syd $(BIN)

# fuzz: run each fuzz target for FUZZTIME (seeds alone run in `make test`).
FUZZTIME ?= 30s
fuzz:
	@scripts/fuzz.sh $(FUZZTIME)

bench: build
	SYD=$(abspath $(BIN)) bench/run

# bench-oci: start-up of a podman container with runc and with syd-oci (root).
bench-oci: build
	SYD_OCI=$(abspath $(SYD_OCI)) bench/oci

# bench-quick: a smoke run of the same table with tiny counts (well under a minute).
bench-quick: build
	BENCH_QUICK=1 SYD=$(abspath $(BIN)) bench/run

# ltp: the Linux Test Project's syscalls runtest natively and under `syd -p ltp`,
# side by side (ltp/README.md). LTP is fetched and built outside the repository
# into LTP_DIR when it is not there yet (ltp-build); run as root, like the
# recorded results. ltp-quick runs the ltp/quick.txt subset (a few minutes).
LTP_DIR ?= /opt/ltp
LTP_ARGS ?=
ltp-build:
	@test -x $(LTP_DIR)/testcases/bin/open01 || sh ltp/build-ltp.sh $(LTP_DIR)

ltp: build ltp-build
	$(GO) run ./ltp -syd $(BIN) -ltp $(LTP_DIR) -q $(LTP_ARGS)

ltp-quick: build ltp-build
	$(GO) run ./ltp -syd $(BIN) -ltp $(LTP_DIR) -only ltp/quick.txt $(LTP_ARGS)

# gnulib: gnulib's test suite (Debian's gnulib package) built and checked natively
# and under `syd -p paludis` (gnulib/README.md).
gnulib: build
	bash gnulib/run.sh -s $(BIN)

# libsyd: the C library of /dev/syd (libsyd.so; the installed header is libsyd/syd.h,
# cgo's libsyd.h written next to it is not installed).
libsyd:
	$(GO) build -buildmode=c-shared -o libsyd.so ./libsyd

# man: the manual pages, man/*.scd rendered with scdoc(1) into man/syd.1 etc.
# When scdoc is missing, deps.sh installs it (as root) or prints the apt-get line.
MAN_SRC   = $(wildcard man/*.scd)
MAN_PAGES = $(MAN_SRC:.scd=)
MANDIR   ?= $(PREFIX)/share/man

man: $(MAN_PAGES)

$(MAN_PAGES): %: %.scd
	@command -v scdoc >/dev/null 2>&1 || scripts/deps.sh scdoc
	scdoc < $< > $@.tmp && mv $@.tmp $@

# install: syd, pandora, syd-aes, syd-oci, libsyd.so, syd.h, libsyd.pc and the manual pages below
# $(DESTDIR)$(PREFIX).
install: build libsyd man
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/syd
	install -m 0755 $(PANDORA) $(DESTDIR)$(PREFIX)/bin/pandora
	install -m 0755 $(SYD_AES) $(DESTDIR)$(PREFIX)/bin/syd-aes
	install -m 0755 $(SYD_OCI) $(DESTDIR)$(PREFIX)/bin/syd-oci
	ln -sf syd $(DESTDIR)$(PREFIX)/bin/sydbox
	LIBDIR=$(PREFIX)/lib INCLUDEDIR=$(PREFIX)/include sh libsyd/install.sh libsyd.so $(PREFIX) $(DESTDIR)
	for p in $(MAN_PAGES); do \
		d=$(DESTDIR)$(MANDIR)/man$${p##*.}; \
		install -d $$d && install -m 0644 $$p $$d/ || exit 1; \
	done
	ln -sf syd.1 $(DESTDIR)$(MANDIR)/man1/sydbox.1

clean:
	rm -f $(BIN) $(PANDORA) $(SYD_AES) $(SYD_OCI) libsyd.so libsyd.h $(MAN_PAGES)
