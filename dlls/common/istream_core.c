/* A core_stream over an IStream, so the portable core reads client streams (image data
 * to burn, file data for images) through its own I/O seam. */
#include "imapi_com.h"
#include "io/core_io.h"

/* A client stream that cannot be Cloned is shared by every reader of the image
 * (several image streams, several threads): each reader then keeps its own position
 * and seeks before every read, under the source's lock. */
struct istream_core
{
    core_stream base;
    IStream *stream;
    SRWLOCK *shared;       /* the source's lock when the stream is shared, else NULL */
    ULONGLONG pos;
};

static int istream_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    struct istream_core *c = s->ctx;
    ULONG got = 0;
    HRESULT hr = S_OK;
    LARGE_INTEGER at;

    *done = 0;
    if (c->shared)
    {
        AcquireSRWLockExclusive(c->shared);
        at.QuadPart = c->pos;
        hr = IStream_Seek(c->stream, at, STREAM_SEEK_SET, NULL);
    }
    while (SUCCEEDED(hr) && len)
    {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        hr = IStream_Read(c->stream, buf, chunk, &got);
        if (FAILED(hr)) break;
        *done += got;
        if (!got) break;
        buf = (char *)buf + got;
        len -= got;
    }
    c->pos += *done;
    if (c->shared) ReleaseSRWLockExclusive(c->shared);
    return FAILED(hr) ? hr : 0;
}

static int istream_seek(core_stream *s, uint64_t offset)
{
    struct istream_core *c = s->ctx;
    LARGE_INTEGER pos;
    HRESULT hr = S_OK;

    if (c->shared)
    {
        c->pos = offset;
        return 0;
    }
    pos.QuadPart = offset;
    hr = IStream_Seek(c->stream, pos, STREAM_SEEK_SET, NULL);
    if (SUCCEEDED(hr)) c->pos = offset;
    return FAILED(hr) ? hr : 0;
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

static const core_stream_ops istream_ops = { istream_read, NULL, istream_seek, istream_size, istream_close, NULL, NULL };

HRESULT imapi_core_stream_from_istream(IStream *stream, SRWLOCK *shared, core_stream **out)
{
    struct istream_core *c = calloc(1, sizeof(*c));
    if (!c) return E_OUTOFMEMORY;
    c->base.ops = &istream_ops;
    c->base.ctx = c;
    c->stream = stream;   /* takes the reference */
    c->shared = shared;
    *out = &c->base;
    return 0;
}
