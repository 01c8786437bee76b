/* FsiStream: the image as a read-only IStream, produced on demand by core/fs
 * (fs_image_read): metadata from memory, file data from each file's own source.
 * Clone gives an independent reader (own position) over the same layout.
 *
 * Read-only answers (our choice, as read-only storage streams answer): Write and
 * SetSize STG_E_ACCESSDENIED; LockRegion / UnlockRegion STG_E_INVALIDFUNCTION (no
 * locking); Commit and Revert S_OK (nothing to commit). Read past the end returns
 * S_OK with fewer bytes. A source that fails or changes size makes Read fail with
 * IMAPI_E_DATA_STREAM_READ_FAILURE / IMAPI_E_DATA_STREAM_INCONSISTENCY (core/fs). */

#include "imapi2fs_private.h"


struct fsi_stream
{
    struct imapi_object obj;
    IStream IStream_iface;
    IBlockRangeList IBlockRangeList_iface;   /* random-write images only (fsranges_ifaces) */
    fs_layout *layout;
    fs_image *image;
    ULONGLONG pos;
};

IMAPI_IUNKNOWN_METHODS(fstream, IStream, struct fsi_stream, IStream_iface)

static HRESULT stream_new(fs_layout *layout, ULONGLONG pos, IStream **out);

static HRESULT WINAPI fstream_Read(IStream *iface, void *pv, ULONG cb, ULONG *pcbRead)
{
    struct fsi_stream *stream = fstream_impl(iface);
    size_t done = 0;
    HRESULT hr;

    TRACE("(%p)->(%p %lu %p)\n", stream, pv, (unsigned long)cb, pcbRead);
    if (pcbRead) *pcbRead = 0;
    if (!pv) return STG_E_INVALIDPOINTER;
    hr = fs_image_read(stream->image, stream->pos, pv, cb, &done);
    stream->pos += done;
    if (pcbRead) *pcbRead = (ULONG)done;
    if (hr) WARN("read at %I64u failed %#lx\n", stream->pos, (unsigned long)hr);
    return hr;
}

static HRESULT WINAPI fstream_Write(IStream *iface, const void *pv, ULONG cb, ULONG *pcbWritten)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, pcbWritten);
    if (pcbWritten) *pcbWritten = 0;
    return STG_E_ACCESSDENIED;
}

static HRESULT WINAPI fstream_Seek(IStream *iface, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *newpos)
{
    struct fsi_stream *stream = fstream_impl(iface);
    LONGLONG base;

    TRACE("(%p)->(%s %lu %p)\n", iface, wine_dbgstr_longlong(move.QuadPart), origin, newpos);
    switch (origin)
    {
    case STREAM_SEEK_SET: base = 0; break;
    case STREAM_SEEK_CUR: base = stream->pos; break;
    case STREAM_SEEK_END: base = fs_image_size(stream->image); break;
    default: return STG_E_INVALIDFUNCTION;
    }
    if (base + move.QuadPart < 0) return STG_E_INVALIDFUNCTION;
    stream->pos = base + move.QuadPart;
    if (newpos) newpos->QuadPart = stream->pos;
    return S_OK;
}

static HRESULT WINAPI fstream_SetSize(IStream *iface, ULARGE_INTEGER size)
{
    TRACE("(%p)->(%s)\n", iface, wine_dbgstr_longlong(size.QuadPart));
    return STG_E_ACCESSDENIED;
}

struct copy_sink
{
    IStream *to;
    ULONGLONG written;
};

static int32_t copy_sink_write(void *ctx, const void *buf, size_t len)
{
    struct copy_sink *sink = ctx;
    ULONG put = 0;
    HRESULT hr = IStream_Write(sink->to, buf, (ULONG)len, &put);
    sink->written += put;
    if (FAILED(hr)) return hr;
    return put == len ? S_OK : STG_E_MEDIUMFULL;
}

/* Not a Read/Write loop: core/fs hands the destination file data straight from views
 * of the source files where it can (one copy fewer than reading into a buffer), and
 * the rest from a bounce buffer of FS_IMAGE_COPY_PIECE bytes. pcbRead is what the
 * image produced (the position moves by it), pcbWritten what the destination took. */
static HRESULT WINAPI fstream_CopyTo(IStream *iface, IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead,
                                     ULARGE_INTEGER *pcbWritten)
{
    struct fsi_stream *stream = fstream_impl(iface);
    struct copy_sink sink;
    ULONGLONG produced = 0;
    HRESULT hr;

    TRACE("(%p)->(%p %I64u)\n", stream, pstm, cb.QuadPart);
    if (pcbRead) pcbRead->QuadPart = 0;
    if (pcbWritten) pcbWritten->QuadPart = 0;
    if (!pstm) return STG_E_INVALIDPOINTER;
    sink.to = pstm;
    sink.written = 0;
    hr = fs_image_copy(stream->image, stream->pos, cb.QuadPart, copy_sink_write, &sink, &produced);
    stream->pos += produced;
    if (pcbRead) pcbRead->QuadPart = produced;
    if (pcbWritten) pcbWritten->QuadPart = sink.written;
    if (hr) WARN("copy at %I64u failed %#lx\n", stream->pos, (unsigned long)hr);
    return FAILED(hr) ? hr : S_OK;
}

static HRESULT WINAPI fstream_Commit(IStream *iface, DWORD flags)
{
    TRACE("(%p)->(%lu)\n", iface, flags);
    return S_OK;
}

static HRESULT WINAPI fstream_Revert(IStream *iface)
{
    TRACE("(%p)\n", iface);
    return S_OK;
}

static HRESULT WINAPI fstream_LockRegion(IStream *iface, ULARGE_INTEGER offset, ULARGE_INTEGER cb, DWORD type)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(offset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), type);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI fstream_UnlockRegion(IStream *iface, ULARGE_INTEGER offset, ULARGE_INTEGER cb, DWORD type)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(offset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), type);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI fstream_Stat(IStream *iface, STATSTG *st, DWORD flags)
{
    struct fsi_stream *stream = fstream_impl(iface);

    TRACE("(%p)->(%p %lu)\n", iface, st, flags);
    if (!st) return STG_E_INVALIDPOINTER;
    if (flags & ~(STATFLAG_NONAME | STATFLAG_NOOPEN)) return STG_E_INVALIDFLAG;
    memset(st, 0, sizeof(*st));
    st->type = STGTY_STREAM;
    st->cbSize.QuadPart = fs_image_size(stream->image);
    st->grfMode = STGM_READ | STGM_SHARE_DENY_WRITE;
    st->clsid = CLSID_FsiStream;
    return S_OK;
}

static HRESULT WINAPI fstream_Clone(IStream *iface, IStream **out)
{
    struct fsi_stream *stream = fstream_impl(iface);
    TRACE("(%p)->(%p)\n", iface, out);
    if (!out) return STG_E_INVALIDPOINTER;
    return stream_new(stream->layout, stream->pos, out);
}

static const IStreamVtbl fstream_vtbl =
{
    fstream_QueryInterface, fstream_AddRef, fstream_Release, fstream_Read, fstream_Write, fstream_Seek,
    fstream_SetSize, fstream_CopyTo, fstream_Commit, fstream_Revert, fstream_LockRegion, fstream_UnlockRegion,
    fstream_Stat, fstream_Clone
};

static const struct imapi_iface_entry fstream_ifaces[] =
{
    IMAPI_IFACE(IID_IStream, struct fsi_stream, IStream_iface),
    IMAPI_IFACE(IID_ISequentialStream, struct fsi_stream, IStream_iface),
    { NULL }
};

/* The stream of a random-write image also answers IBlockRangeList (spec 2.12): the
 * ranges IDiscFormat2Data::Write is to write, the rest of the stream being zeros for
 * blocks the disc keeps. Other images do not: Write then writes the whole stream. */
IMAPI_IUNKNOWN_METHODS(fsranges, IBlockRangeList, struct fsi_stream, IBlockRangeList_iface)
IMAPI_IDISPATCH_METHODS(fsranges, IBlockRangeList, IID_IBlockRangeList)

static HRESULT WINAPI fsranges_get_BlockRanges(IBlockRangeList *iface, SAFEARRAY **value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    return fsi_block_ranges_array(fsranges_impl(iface)->layout, value);
}

static const IBlockRangeListVtbl fsranges_vtbl =
{
    fsranges_QueryInterface, fsranges_AddRef, fsranges_Release, fsranges_GetTypeInfoCount, fsranges_GetTypeInfo,
    fsranges_GetIDsOfNames, fsranges_Invoke, fsranges_get_BlockRanges
};

static const struct imapi_iface_entry fsranges_ifaces[] =
{
    IMAPI_IFACE(IID_IStream, struct fsi_stream, IStream_iface),
    IMAPI_IFACE(IID_ISequentialStream, struct fsi_stream, IStream_iface),
    IMAPI_IFACE(IID_IBlockRangeList, struct fsi_stream, IBlockRangeList_iface),
    { NULL }
};

static void fstream_destroy(struct imapi_object *obj)
{
    struct fsi_stream *stream = CONTAINING_RECORD(obj, struct fsi_stream, obj);
    if (stream->image) fsi_image_close(stream->image);
    fsi_layout_release(stream->layout);
    free(stream);
}

static HRESULT stream_new(fs_layout *layout, ULONGLONG pos, IStream **out)
{
    struct fsi_stream *stream;
    HRESULT hr;

    *out = NULL;
    if (!(stream = calloc(1, sizeof(*stream)))) return E_OUTOFMEMORY;
    stream->IStream_iface.lpVtbl = &fstream_vtbl;
    stream->IBlockRangeList_iface.lpVtbl = &fsranges_vtbl;
    imapi_object_init(&stream->obj, fs_layout_modified_count(layout) ? fsranges_ifaces : fstream_ifaces, FALSE,
                      fstream_destroy);
    stream->layout = layout;
    fsi_layout_addref(layout);
    stream->pos = pos;
    if ((hr = fsi_image_open(layout, &stream->image)))
    {
        imapi_object_release(&stream->obj);
        return hr;
    }
    *out = &stream->IStream_iface;
    return S_OK;
}

HRESULT fsi_stream_create(fs_layout *layout, IStream **out)
{
    return stream_new(layout, 0, out);
}
