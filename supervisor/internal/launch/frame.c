/* frame.c: reading the supervisor's length-prefixed frames and decoding the stub
 * config (the encoder is handoff.StubConfig.Encode). All numbers are 32-bit
 * little endian; a string is its length and bytes ending in one NUL, with no NUL
 * before it; a list is its count and its items. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "launch.h"

/* maxFrame in handoff: a broken peer cannot make us allocate without limit. */
#define SYD_MAX_FRAME (64u << 20)

static int read_full(int fd, void *p, size_t n)
{
	unsigned char *b = p;
	while (n > 0) {
		ssize_t r = read(fd, b, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? EPIPE : errno;
		b += r;
		n -= (size_t)r;
	}
	return 0;
}

int syd_read_frame(int fd, unsigned char **buf, size_t *len)
{
	unsigned char hdr[4];
	int err = read_full(fd, hdr, sizeof hdr);
	if (err)
		return err;
	uint32_t n = (uint32_t)hdr[0] | (uint32_t)hdr[1] << 8 | (uint32_t)hdr[2] << 16 | (uint32_t)hdr[3] << 24;
	if (n > SYD_MAX_FRAME)
		return E2BIG;
	unsigned char *b = malloc(n ? n : 1);
	if (!b)
		return ENOMEM;
	if ((err = read_full(fd, b, n))) {
		free(b);
		return err;
	}
	*buf = b;
	*len = n;
	return 0;
}

struct reader {
	const unsigned char *p, *end;
	int err;
};

static uint32_t u32(struct reader *r)
{
	if (r->err || r->end - r->p < 4) {
		r->err = EINVAL;
		return 0;
	}
	uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
	r->p += 4;
	return v;
}

static uint64_t u64(struct reader *r)
{
	uint64_t lo = u32(r);
	return lo | (uint64_t)u32(r) << 32;
}

static struct syd_blob blob(struct reader *r)
{
	struct syd_blob b = {0};
	uint32_t n = u32(r);
	if (r->err || (size_t)(r->end - r->p) < n) {
		r->err = EINVAL;
		return b;
	}
	b.data = r->p;
	b.len = n;
	r->p += n;
	return b;
}

static const char *str(struct reader *r)
{
	struct syd_blob b = blob(r);
	if (r->err || b.len == 0 || memchr(b.data, 0, b.len) != b.data + b.len - 1) {
		r->err = EINVAL;
		return "";
	}
	return (const char *)b.data;
}

/* count reads a list's length, bounded by what the rest of the frame can hold
 * (every item takes at least 4 bytes), so the allocation below is bounded too. */
static uint32_t count(struct reader *r)
{
	uint32_t n = u32(r);
	if (!r->err && n > (size_t)(r->end - r->p) / 4)
		r->err = EINVAL;
	return r->err ? 0 : n;
}

/* array allocates n (zeroed) items of size, plus one, for a list just counted. */
static void *array(struct reader *r, uint32_t n, size_t size)
{
	void *v = r->err ? NULL : calloc((size_t)n + 1, size);
	if (!v && !r->err)
		r->err = ENOMEM;
	return v;
}

/* done checks that the whole payload was read: trailing bytes are not ours. */
static int done(struct reader *r)
{
	if (!r->err && r->p != r->end)
		r->err = EINVAL;
	return r->err;
}

static char **strs(struct reader *r, uint32_t *out)
{
	uint32_t n = count(r);
	char **v = array(r, n, sizeof *v);
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < n && !r->err; i++)
		v[i] = (char *)str(r);
	if (out)
		*out = n;
	return v;
}

int syd_decode_stub(const unsigned char *buf, size_t len, struct syd_stub_config *cfg)
{
	struct reader r = {buf, buf + len, 0};
	memset(cfg, 0, sizeof *cfg);
	cfg->flags = u32(&r);
	cfg->load_flags = u32(&r);
	cfg->path = str(&r);
	cfg->argv = strs(&r, NULL);
	cfg->envp = strs(&r, NULL);
	cfg->nstatic = count(&r);
	cfg->statics = array(&r, cfg->nstatic, sizeof *cfg->statics);
	for (uint32_t i = 0; i < cfg->nstatic && !r.err; i++)
		cfg->statics[i] = blob(&r);
	cfg->bpf = blob(&r);
	cfg->exec_roots = (const char **)strs(&r, &cfg->nexec_roots);
	cfg->plugin = str(&r);
	cfg->lock = blob(&r);
	if (!done(&r) && (!cfg->argv || !cfg->argv[0]))
		r.err = EINVAL;
	return r.err;
}

int syd_decode_lock(const unsigned char *buf, size_t len, struct syd_lock_plan *plan)
{
	struct reader r = {buf, buf + len, 0};
	memset(plan, 0, sizeof *plan);
	plan->handled_fs = u64(&r);
	plan->handled_net = u64(&r);
	plan->npaths = count(&r);
	plan->paths = array(&r, plan->npaths, sizeof *plan->paths);
	for (uint32_t i = 0; i < plan->npaths && !r.err; i++) {
		plan->paths[i].access = u64(&r);
		plan->paths[i].path = str(&r);
	}
	plan->nports = count(&r);
	plan->ports = array(&r, plan->nports, sizeof *plan->ports);
	for (uint32_t i = 0; i < plan->nports && !r.err; i++) {
		plan->ports[i].access = u64(&r);
		plan->ports[i].lo = u32(&r);
		plan->ports[i].hi = u32(&r);
		if (plan->ports[i].lo > plan->ports[i].hi || plan->ports[i].hi > 65535)
			r.err = EINVAL;
	}
	return done(&r);
}

int syd_decode_layers(const unsigned char *buf, size_t len, struct syd_blob *ns, struct syd_blob *lock)
{
	struct reader r = {buf, buf + len, 0};
	*ns = blob(&r);
	*lock = blob(&r);
	return done(&r);
}

int syd_decode_ns(const unsigned char *buf, size_t len, struct syd_ns_plan *plan)
{
	struct reader r = {buf, buf + len, 0};
	memset(plan, 0, sizeof *plan);
	plan->clone = u32(&r);
	uint32_t flags = u32(&r);
	plan->set_hostname = flags & 1;
	plan->set_domainname = (flags & 2) != 0;
	plan->hostname = str(&r);
	plan->domainname = str(&r);
	plan->nmounts = count(&r);
	plan->mounts = array(&r, plan->nmounts, sizeof *plan->mounts);
	for (uint32_t i = 0; i < plan->nmounts && !r.err; i++) {
		struct syd_ns_mount *m = &plan->mounts[i];
		m->src = str(&r);
		m->dst = str(&r);
		m->fstype = str(&r);
		m->flags = (unsigned long)u64(&r);
		m->data = str(&r);
	}
	return done(&r);
}
