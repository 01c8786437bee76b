/* The result of IRawCDImageCreator::CreateResultImage: a read-only IStream that makes
 * each sector of the raw image as it is read (the image of a full CD is 800 MB): the main
 * channel from the track streams (silence in pre-gaps, lead-in and lead-out), then the
 * sub-channel of the requested sector type from core/cd, with the R-W generator's bytes
 * where one was given. The creator is read-only by then, so the layout is fixed. */

#include "raw_image.h"

struct raw_stream
{
    IStream IStream_iface;
    LONG ref;
    struct raw_image *image;      /* AddRef'ed: its track streams are read */
    cd_layout *layout;
    unsigned bytes;               /* per sector */
    int type;
    ULONGLONG size, pos;
    LONGLONG cached;              /* sector in cache, -1 none */
    BYTE cache[CD_SECTOR_BYTES + CD_SUBCODE_BYTES];
    unsigned hint;                /* track of the last sector made */
};

static struct raw_stream *raw_stream_from(IStream *iface) { return CONTAINING_RECORD(iface, struct raw_stream, IStream_iface); }

static HRESULT read_from(IStream *s, ULONGLONG offset, BYTE *buf, ULONG len)
{
    LARGE_INTEGER at;
    ULONG done = 0;
    HRESULT hr;
    at.QuadPart = (LONGLONG)offset;
    if (FAILED(hr = IStream_Seek(s, at, STREAM_SEEK_SET, NULL))) return hr;
    if (FAILED(hr = IStream_Read(s, buf, len, &done))) return hr;
    if (done < len) memset(buf + done, 0, len - done);   /* a stream that shrank: silence */
    return S_OK;
}

static HRESULT make_sector(struct raw_stream *st, LONGLONG sector)
{
    const struct raw_image *image = st->image;
    int32_t lba = CD_IMAGE_FIRST_LBA + (int32_t)sector;
    BYTE rw[CD_SUBCODE_BYTES], *rwp = NULL;
    unsigned i, n = st->layout->ntracks;
    HRESULT hr = S_OK;
    BOOL found = FALSE;

    memset(st->cache, 0, CD_SECTOR_BYTES);
    if (image->special_pregap && lba >= -CD_PREGAP_FRAMES && lba < -CD_PREGAP_FRAMES + (int32_t)image->pregap_sectors)
    {
        hr = read_from(image->special_pregap, (ULONGLONG)(lba + CD_PREGAP_FRAMES) * CD_SECTOR_BYTES, st->cache, CD_SECTOR_BYTES);
        found = TRUE;
    }
    for (i = 0; !found && i < n; i++)
    {
        unsigned k = (st->hint + i) % n;
        int32_t start = st->layout->tracks[k].start;
        if (lba >= start && lba < start + (int32_t)image->tracks[k].sectors)
        {
            hr = read_from(image->tracks[k].data, (ULONGLONG)(lba - start) * CD_SECTOR_BYTES, st->cache, CD_SECTOR_BYTES);
            st->hint = k;
            found = TRUE;
        }
    }
    if (FAILED(hr)) return hr;
    if (image->rw && st->type != CD_SUB_PQ)
    {
        if (FAILED(hr = read_from(image->rw, (ULONGLONG)sector * CD_SUBCODE_BYTES, rw, CD_SUBCODE_BYTES))) return hr;
        rwp = rw;
    }
    cd_image_subcode(st->layout, lba, st->type, rwp, st->cache + CD_SECTOR_BYTES);
    st->cached = sector;
    return S_OK;
}

static HRESULT WINAPI raw_stream_QueryInterface(IStream *iface, REFIID riid, void **ppv)
{
    TRACE("(%p)->(%s %p)\n", iface, debugstr_guid(riid), ppv);
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IStream) || IsEqualIID(riid, &IID_ISequentialStream))
    {
        *ppv = iface;
        IStream_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI raw_stream_AddRef(IStream *iface)
{
    TRACE("(%p)\n", iface);
    return InterlockedIncrement(&raw_stream_from(iface)->ref);
}

static ULONG WINAPI raw_stream_Release(IStream *iface)
{
    struct raw_stream *st = raw_stream_from(iface);
    LONG ref = InterlockedDecrement(&st->ref);
    TRACE("(%p) ref %ld\n", iface, ref);
    if (!ref)
    {
        raw_image_release(st->image);
        free(st->layout);
        free(st);
    }
    return ref;
}

static HRESULT WINAPI raw_stream_Read(IStream *iface, void *buf, ULONG len, ULONG *read)
{
    struct raw_stream *st = raw_stream_from(iface);
    BYTE *out = buf;
    ULONG done = 0;
    HRESULT hr = S_OK;

    TRACE("(%p)->(%p %lu %p)\n", iface, buf, len, read);
    if (!buf) return STG_E_INVALIDPOINTER;
    EnterCriticalSection(&st->image->cs);
    while (done < len && st->pos < st->size)
    {
        LONGLONG sector = (LONGLONG)(st->pos / st->bytes);
        ULONG off = (ULONG)(st->pos % st->bytes), n = min(len - done, st->bytes - off);
        if (st->cached != sector && FAILED(hr = make_sector(st, sector))) break;
        memcpy(out + done, st->cache + off, n);
        done += n;
        st->pos += n;
    }
    LeaveCriticalSection(&st->image->cs);
    if (read) *read = done;
    return FAILED(hr) ? hr : S_OK;
}

static HRESULT WINAPI raw_stream_Write(IStream *iface, const void *buf, ULONG len, ULONG *written)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, buf, len, written);
    return STG_E_ACCESSDENIED;
}

static HRESULT WINAPI raw_stream_Seek(IStream *iface, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *newpos)
{
    struct raw_stream *st = raw_stream_from(iface);
    LONGLONG base;

    TRACE("(%p)->(%s %lu %p)\n", iface, wine_dbgstr_longlong(move.QuadPart), origin, newpos);
    switch (origin)
    {
    case STREAM_SEEK_SET: base = 0; break;
    case STREAM_SEEK_CUR: base = (LONGLONG)st->pos; break;
    case STREAM_SEEK_END: base = (LONGLONG)st->size; break;
    default: return STG_E_INVALIDFUNCTION;
    }
    if (base + move.QuadPart < 0) return STG_E_INVALIDFUNCTION;
    st->pos = (ULONGLONG)(base + move.QuadPart);
    if (newpos) newpos->QuadPart = st->pos;
    return S_OK;
}

static HRESULT WINAPI raw_stream_SetSize(IStream *iface, ULARGE_INTEGER size)
{
    TRACE("(%p)->(%s)\n", iface, wine_dbgstr_longlong(size.QuadPart));
    return STG_E_ACCESSDENIED;
}

static HRESULT WINAPI raw_stream_CopyTo(IStream *iface, IStream *dest, ULARGE_INTEGER count, ULARGE_INTEGER *read, ULARGE_INTEGER *written)
{
    BYTE buf[16 * (CD_SECTOR_BYTES + CD_SUBCODE_BYTES)];
    ULONGLONG total_read = 0, total_written = 0;
    HRESULT hr = S_OK;

    TRACE("(%p)->(%p %s %p %p)\n", iface, dest, wine_dbgstr_longlong(count.QuadPart), read, written);
    if (!dest) return STG_E_INVALIDPOINTER;
    while (total_read < count.QuadPart)
    {
        ULONG n = (ULONG)min((ULONGLONG)sizeof(buf), count.QuadPart - total_read), got = 0, put = 0;
        if (FAILED(hr = raw_stream_Read(iface, buf, n, &got)) || !got) break;
        total_read += got;
        if (FAILED(hr = IStream_Write(dest, buf, got, &put))) break;
        total_written += put;
    }
    if (read) read->QuadPart = total_read;
    if (written) written->QuadPart = total_written;
    return hr;
}

static HRESULT WINAPI raw_stream_Commit(IStream *iface, DWORD flags)
{
    TRACE("(%p)->(%#lx)\n", iface, flags);
    return S_OK;
}

static HRESULT WINAPI raw_stream_Revert(IStream *iface)
{
    TRACE("(%p)\n", iface);
    return S_OK;
}

static HRESULT WINAPI raw_stream_LockRegion(IStream *iface, ULARGE_INTEGER offset, ULARGE_INTEGER count, DWORD type)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(offset.QuadPart), wine_dbgstr_longlong(count.QuadPart), type);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI raw_stream_UnlockRegion(IStream *iface, ULARGE_INTEGER offset, ULARGE_INTEGER count, DWORD type)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(offset.QuadPart), wine_dbgstr_longlong(count.QuadPart), type);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI raw_stream_Stat(IStream *iface, STATSTG *stat, DWORD flags)
{
    TRACE("(%p)->(%p %#lx)\n", iface, stat, flags);
    if (!stat) return STG_E_INVALIDPOINTER;
    memset(stat, 0, sizeof(*stat));
    stat->type = STGTY_STREAM;
    stat->cbSize.QuadPart = raw_stream_from(iface)->size;
    stat->grfMode = STGM_READ;
    return S_OK;
}

static HRESULT create(struct raw_image *image, const cd_layout *layout, ULONGLONG pos, IStream **out);

static HRESULT WINAPI raw_stream_Clone(IStream *iface, IStream **out)
{
    struct raw_stream *st = raw_stream_from(iface);
    TRACE("(%p)->(%p)\n", iface, out);
    if (!out) return STG_E_INVALIDPOINTER;
    return create(st->image, st->layout, st->pos, out);
}

static const IStreamVtbl raw_stream_vtbl =
{
    raw_stream_QueryInterface, raw_stream_AddRef, raw_stream_Release, raw_stream_Read, raw_stream_Write,
    raw_stream_Seek, raw_stream_SetSize, raw_stream_CopyTo, raw_stream_Commit, raw_stream_Revert,
    raw_stream_LockRegion, raw_stream_UnlockRegion, raw_stream_Stat, raw_stream_Clone
};

static HRESULT create(struct raw_image *image, const cd_layout *layout, ULONGLONG pos, IStream **out)
{
    struct raw_stream *st = calloc(1, sizeof(*st));

    *out = NULL;
    if (!st || !(st->layout = malloc(sizeof(*layout))))
    {
        free(st);
        return E_OUTOFMEMORY;
    }
    memcpy(st->layout, layout, sizeof(*layout));
    st->IStream_iface.lpVtbl = &raw_stream_vtbl;
    st->ref = 1;
    raw_image_addref(image);
    st->image = image;
    st->type = image->resulting_image_type;
    st->bytes = cd_image_sector_bytes(st->type);
    st->size = (ULONGLONG)cd_image_sectors(layout) * st->bytes;
    st->pos = pos;
    st->cached = -1;
    *out = &st->IStream_iface;
    return S_OK;
}

HRESULT raw_image_stream_create(struct raw_image *image, IStream **out)
{
    cd_layout *layout = raw_image_layout(image);
    HRESULT hr;
    if (!layout) return E_OUTOFMEMORY;
    hr = create(image, layout, 0, out);
    free(layout);
    return hr;
}
