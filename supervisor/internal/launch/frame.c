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

static char **strs(struct reader *r, uint32_t *out)
{
	uint32_t n = count(r);
	char **v = calloc((size_t)n + 1, sizeof *v);
	if (!v) {
		r->err = ENOMEM;
		return NULL;
	}
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
	if (!r.err && !(cfg->statics = calloc((size_t)cfg->nstatic + 1, sizeof *cfg->statics)))
		r.err = ENOMEM;
	for (uint32_t i = 0; i < cfg->nstatic && !r.err; i++)
		cfg->statics[i] = blob(&r);
	cfg->bpf = blob(&r);
	cfg->exec_roots = (const char **)strs(&r, &cfg->nexec_roots);
	cfg->plugin = str(&r);
	if (!r.err && r.p != r.end)
		r.err = EINVAL; /* trailing bytes: not a frame of ours */
	if (!r.err && (!cfg->argv || !cfg->argv[0]))
		r.err = EINVAL;
	return r.err;
}
