/* MsftStreamZero: a read-only IStream of zero bytes (spec 2.13), e.g. padding for
 * IStreamConcatenate or a blank region for IWriteEngine2. It has no extra interface;
 * its size is 0 until the caller sets it ("caller must SetSize").
 *
 * Decisions where the spec is silent ([undoc], tested in winetest/stream_zero.c):
 *  - Read gives zeros from the position up to the size, S_OK also for a short or empty
 *    read at the end (as memory streams); a NULL buffer: STG_E_INVALIDPOINTER.
 *  - Write: STG_E_ACCESSDENIED (read only, as FsiStream); NULL buffer STG_E_INVALIDPOINTER.
 *  - SetSize takes any size up to 2^63 - 1 (the largest position Seek can reach; beyond:
 *    STG_E_INVALIDFUNCTION) and leaves the position alone; positions past the end read
 *    nothing. Seek: origins SET/CUR/END, a resulting negative position or another
 *    origin: STG_E_INVALIDFUNCTION (as FsiStream and Wine's memory streams).
 *  - Stat: STGTY_STREAM, cbSize = the size, grfMode STGM_READ, clsid CLSID_MsftStreamZero,
 *    no name; flags other than NONAME / NOOPEN: STG_E_INVALIDFLAG.
 *  - CopyTo writes zeros to the destination in 64 KiB pieces; Commit / Revert S_OK
 *    (nothing to commit); Lock / UnlockRegion STG_E_INVALIDFUNCTION (as FsiStream).
 *  - Clone: a new zero stream of the same size at the same position, moving on its own.
 * Size and position are kept under a lock, so one stream may be used from several
 * threads (a format's write loop and the client). */

#include "imapi2_private.h"

#define ZERO_CHUNK (64 * 1024)
#define ZERO_MAX_SIZE 0x7fffffffffffffffULL

struct stream_zero
{
    struct imapi_object obj;
    IStream IStream_iface;
    SRWLOCK lock;
    ULONGLONG size, pos;
};

IMAPI_IUNKNOWN_METHODS(stream_zero, IStream, struct stream_zero, IStream_iface)

static HRESULT stream_zero_new(ULONGLONG size, ULONGLONG pos, REFIID riid, void **ppv);

/* Bytes left to read at the position (0 past the end), at most `want`. */
static ULONGLONG take(struct stream_zero *zero, ULONGLONG want)
{
    ULONGLONG n = 0;

    AcquireSRWLockExclusive(&zero->lock);
    if (zero->pos < zero->size) n = min(want, zero->size - zero->pos);
    zero->pos += n;
    ReleaseSRWLockExclusive(&zero->lock);
    return n;
}

static HRESULT WINAPI stream_zero_Read(IStream *iface, void *pv, ULONG cb, ULONG *pcbRead)
{
    struct stream_zero *zero = stream_zero_impl(iface);
    ULONG n;

    TRACE("%p %p %lu %p\n", zero, pv, (unsigned long)cb, pcbRead);
    if (pcbRead) *pcbRead = 0;
    if (!pv) return STG_E_INVALIDPOINTER;
    n = (ULONG)take(zero, cb);
    memset(pv, 0, n);
    if (pcbRead) *pcbRead = n;
    return S_OK;
}

static HRESULT WINAPI stream_zero_Write(IStream *iface, const void *pv, ULONG cb, ULONG *pcbWritten)
{
    TRACE("%p %p %lu %p\n", iface, pv, (unsigned long)cb, pcbWritten);
    if (pcbWritten) *pcbWritten = 0;
    if (!pv) return STG_E_INVALIDPOINTER;
    return STG_E_ACCESSDENIED;
}

static HRESULT WINAPI stream_zero_Seek(IStream *iface, LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition)
{
    struct stream_zero *zero = stream_zero_impl(iface);
    LONGLONG base;
    HRESULT hr = S_OK;

    TRACE("%p %I64d %lu %p\n", zero, dlibMove.QuadPart, (unsigned long)dwOrigin, plibNewPosition);
    AcquireSRWLockExclusive(&zero->lock);
    switch (dwOrigin)
    {
    case STREAM_SEEK_SET: base = 0; break;
    case STREAM_SEEK_CUR: base = (LONGLONG)zero->pos; break;
    case STREAM_SEEK_END: base = (LONGLONG)zero->size; break;
    default: hr = STG_E_INVALIDFUNCTION; base = 0; break;
    }
    if (SUCCEEDED(hr))
    {
        /* both are at most 2^63 - 1: an overflow shows as a negative sum */
        if ((dlibMove.QuadPart < 0 && base + dlibMove.QuadPart < 0)
            || (dlibMove.QuadPart > 0 && (ULONGLONG)base + (ULONGLONG)dlibMove.QuadPart > ZERO_MAX_SIZE))
            hr = STG_E_INVALIDFUNCTION;
        else zero->pos = (ULONGLONG)(base + dlibMove.QuadPart);
    }
    if (SUCCEEDED(hr) && plibNewPosition) plibNewPosition->QuadPart = zero->pos;
    ReleaseSRWLockExclusive(&zero->lock);
    return hr;
}

static HRESULT WINAPI stream_zero_SetSize(IStream *iface, ULARGE_INTEGER libNewSize)
{
    struct stream_zero *zero = stream_zero_impl(iface);

    TRACE("%p %I64u\n", zero, libNewSize.QuadPart);
    if (libNewSize.QuadPart > ZERO_MAX_SIZE) return STG_E_INVALIDFUNCTION;
    AcquireSRWLockExclusive(&zero->lock);
    zero->size = libNewSize.QuadPart;
    ReleaseSRWLockExclusive(&zero->lock);
    return S_OK;
}

static HRESULT WINAPI stream_zero_CopyTo(IStream *iface, IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten)
{
    struct stream_zero *zero = stream_zero_impl(iface);
    ULONGLONG left, read = 0, written = 0;
    HRESULT hr = S_OK;
    BYTE *zeros;

    TRACE("%p %p %I64u %p %p\n", zero, pstm, cb.QuadPart, pcbRead, pcbWritten);
    if (pcbRead) pcbRead->QuadPart = 0;
    if (pcbWritten) pcbWritten->QuadPart = 0;
    if (!pstm) return STG_E_INVALIDPOINTER;
    if (!(zeros = calloc(1, ZERO_CHUNK))) return E_OUTOFMEMORY;
    left = cb.QuadPart;
    while (left)
    {
        ULONG n = (ULONG)take(zero, min(left, (ULONGLONG)ZERO_CHUNK)), done = 0;
        if (!n) break;
        read += n;
        left -= n;
        hr = IStream_Write(pstm, zeros, n, &done);
        written += done;
        if (FAILED(hr)) break;
        if (done < n)
        {
            hr = STG_E_MEDIUMFULL;
            break;
        }
    }
    free(zeros);
    if (pcbRead) pcbRead->QuadPart = read;
    if (pcbWritten) pcbWritten->QuadPart = written;
    return hr;
}

static HRESULT WINAPI stream_zero_Commit(IStream *iface, DWORD grfCommitFlags)
{
    TRACE("%p %#lx\n", iface, (unsigned long)grfCommitFlags);
    return S_OK;
}

static HRESULT WINAPI stream_zero_Revert(IStream *iface)
{
    TRACE("%p\n", iface);
    return S_OK;
}

static HRESULT WINAPI stream_zero_LockRegion(IStream *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("%p %I64u %I64u %lu\n", iface, libOffset.QuadPart, cb.QuadPart,
          (unsigned long)dwLockType);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI stream_zero_UnlockRegion(IStream *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("%p %I64u %I64u %lu\n", iface, libOffset.QuadPart, cb.QuadPart,
          (unsigned long)dwLockType);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI stream_zero_Stat(IStream *iface, STATSTG *pstatstg, DWORD grfStatFlag)
{
    struct stream_zero *zero = stream_zero_impl(iface);

    TRACE("%p %p %#lx\n", zero, pstatstg, (unsigned long)grfStatFlag);
    if (!pstatstg) return STG_E_INVALIDPOINTER;
    if (grfStatFlag & ~(STATFLAG_NONAME | STATFLAG_NOOPEN)) return STG_E_INVALIDFLAG;
    memset(pstatstg, 0, sizeof(*pstatstg));
    pstatstg->type = STGTY_STREAM;
    AcquireSRWLockShared(&zero->lock);
    pstatstg->cbSize.QuadPart = zero->size;
    ReleaseSRWLockShared(&zero->lock);
    pstatstg->grfMode = STGM_READ;
    pstatstg->clsid = CLSID_MsftStreamZero;
    return S_OK;
}

static HRESULT WINAPI stream_zero_Clone(IStream *iface, IStream **ppstm)
{
    struct stream_zero *zero = stream_zero_impl(iface);
    ULONGLONG size, pos;

    TRACE("%p %p\n", zero, ppstm);
    if (!ppstm) return STG_E_INVALIDPOINTER;
    *ppstm = NULL;
    AcquireSRWLockShared(&zero->lock);
    size = zero->size;
    pos = zero->pos;
    ReleaseSRWLockShared(&zero->lock);
    return stream_zero_new(size, pos, &IID_IStream, (void **)ppstm);
}

static const IStreamVtbl stream_zero_vtbl =
{
    stream_zero_QueryInterface, stream_zero_AddRef, stream_zero_Release, stream_zero_Read, stream_zero_Write,
    stream_zero_Seek, stream_zero_SetSize, stream_zero_CopyTo, stream_zero_Commit, stream_zero_Revert,
    stream_zero_LockRegion, stream_zero_UnlockRegion, stream_zero_Stat, stream_zero_Clone
};

static const struct imapi_iface_entry stream_zero_ifaces[] =
{
    IMAPI_IFACE(IID_IStream, struct stream_zero, IStream_iface),
    IMAPI_IFACE(IID_ISequentialStream, struct stream_zero, IStream_iface),
    { NULL }
};

static void stream_zero_destroy(struct imapi_object *obj)
{
    struct stream_zero *zero = CONTAINING_RECORD(obj, struct stream_zero, obj);
    free(zero);
}

static HRESULT stream_zero_new(ULONGLONG size, ULONGLONG pos, REFIID riid, void **ppv)
{
    struct stream_zero *zero;

    if (!(zero = calloc(1, sizeof(*zero)))) return E_OUTOFMEMORY;
    zero->IStream_iface.lpVtbl = &stream_zero_vtbl;
    InitializeSRWLock(&zero->lock);
    zero->size = size;
    zero->pos = pos;
    imapi_object_init(&zero->obj, stream_zero_ifaces, FALSE, stream_zero_destroy);
    return imapi_object_create_done(&zero->obj, NULL, 0, riid, ppv);
}

HRESULT stream_zero_create(REFIID riid, void **ppv)
{
    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    return stream_zero_new(0, 0, riid, ppv);
}
