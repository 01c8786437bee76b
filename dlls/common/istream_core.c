/* A core_stream over an IStream, so the portable core reads client streams (image data
 * to burn, file data for images) through its own I/O seam. */
#include "imapi_com.h"
#include "io/core_io.h"

struct istream_core
{
    core_stream base;
    IStream *stream;
};

static int istream_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    struct istream_core *c = s->ctx;
    ULONG got = 0;
    HRESULT hr;

    *done = 0;
    while (len)
    {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        hr = IStream_Read(c->stream, buf, chunk, &got);
        if (FAILED(hr)) return hr;
        *done += got;
        if (!got) break;
        buf = (char *)buf + got;
        len -= got;
    }
    return 0;
}

static int istream_seek(core_stream *s, uint64_t offset)
{
    struct istream_core *c = s->ctx;
    LARGE_INTEGER pos;
    pos.QuadPart = offset;
    return IStream_Seek(c->stream, pos, STREAM_SEEK_SET, NULL);
}

static int istream_size(core_stream *s, uint64_t *size)
{
    struct istream_core *c = s->ctx;
    STATSTG st;
    HRESULT hr = IStream_Stat(c->stream, &st, STATFLAG_NONAME);
    if (FAILED(hr)) return hr;
    *size = st.cbSize.QuadPart;
    return 0;
}

static void istream_close(core_stream *s)
{
    struct istream_core *c = s->ctx;
    IStream_Release(c->stream);
    free(c);
}

static const core_stream_ops istream_ops = { istream_read, NULL, istream_seek, istream_size, istream_close };

HRESULT imapi_core_stream_from_istream(IStream *stream, core_stream **out)
{
    struct istream_core *c = calloc(1, sizeof(*c));
    if (!c) return E_OUTOFMEMORY;
    c->base.ops = &istream_ops;
    c->base.ctx = c;
    c->stream = stream;   /* takes the caller's reference */
    *out = &c->base;
    return S_OK;
}
