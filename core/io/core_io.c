/* Memory stream and helpers for the core I/O seam. */
#include <string.h>
#include "core_io.h"

static int mem_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    core_mem_stream *m = (core_mem_stream *)s;
    size_t left = m->pos < m->len ? m->len - m->pos : 0;
    size_t n = len < left ? len : left;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    *done = n;
    return 0;
}

static int mem_write(core_stream *s, const void *buf, size_t len, size_t *done)
{
    core_mem_stream *m = (core_mem_stream *)s;
    size_t left = m->pos < m->len ? m->len - m->pos : 0;
    size_t n = len < left ? len : left;
    memcpy(m->data + m->pos, buf, n);
    m->pos += n;
    *done = n;
    return n == len ? 0 : CORE_IO_SHORT;
}

static int mem_seek(core_stream *s, uint64_t offset)
{
    core_mem_stream *m = (core_mem_stream *)s;
    if (offset > m->len) return CORE_IO_SHORT;
    m->pos = (size_t)offset;
    return 0;
}

static int mem_size(core_stream *s, uint64_t *size)
{
    *size = ((core_mem_stream *)s)->len;
    return 0;
}

static const core_stream_ops mem_ops = { mem_read, mem_write, mem_seek, mem_size, NULL, NULL, NULL };

void core_mem_stream_init(core_mem_stream *m, void *data, size_t len)
{
    m->base.ops = &mem_ops;
    m->base.ctx = m;
    m->data = data;
    m->len = len;
    m->pos = 0;
}

int core_read_full(core_stream *s, void *buf, size_t len)
{
    uint8_t *p = buf;
    while (len)
    {
        size_t done = 0;
        int r = s->ops->read(s, p, len, &done);
        if (r) return r;
        if (!done) return CORE_IO_SHORT;
        p += done;
        len -= done;
    }
    return 0;
}
