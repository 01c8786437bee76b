/* The IStream side shared by the helper streams; the decisions are in stream_base.h. */

#include "stream_base.h"

#define COPY_CHUNK (64 * 1024)

void stream_base_init(struct stream_base *base, const struct stream_base_ops *ops)
{
    base->ops = ops;
    InitializeSRWLock(&base->lock);
    base->size = base->pos = 0;
}

ULONGLONG stream_base_size(struct stream_base *base)
{
    ULONGLONG size;
    AcquireSRWLockShared(&base->lock);
    size = base->size;
    ReleaseSRWLockShared(&base->lock);
    return size;
}

void stream_base_set_pos(struct stream_base *base, ULONGLONG pos)
{
    AcquireSRWLockExclusive(&base->lock);
    base->pos = pos;
    ReleaseSRWLockExclusive(&base->lock);
}

/* Reads at the position and moves it, under the lock. */
static HRESULT read_locked(struct stream_base *base, BYTE *buf, ULONG cb, ULONG *read)
{
    HRESULT hr = S_OK;
    ULONG n = 0, got = 0;

    *read = 0;
    AcquireSRWLockExclusive(&base->lock);
    if (base->pos < base->size) n = (ULONG)min((ULONGLONG)cb, base->size - base->pos);
    while (n)
    {
        got = 0;
        hr = base->ops->read_at(base, base->pos, buf, n, &got);
        base->pos += got;
        *read += got;
        buf += got;
        n -= got;
        if (FAILED(hr) || !got) break;
    }
    ReleaseSRWLockExclusive(&base->lock);
    return hr;
}

HRESULT stream_base_read(struct stream_base *base, void *pv, ULONG cb, ULONG *read)
{
    ULONG done = 0;
    HRESULT hr;

    if (read) *read = 0;
    if (!pv) return STG_E_INVALIDPOINTER;
    hr = read_locked(base, pv, cb, &done);
    if (read) *read = done;
    return hr;
}

HRESULT stream_base_write(const void *pv, ULONG cb, ULONG *written)
{
    if (written) *written = 0;
    if (!pv) return STG_E_INVALIDPOINTER;
    return STG_E_ACCESSDENIED;
}

HRESULT stream_base_seek(struct stream_base *base, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *newpos)
{
    LONGLONG from = 0;
    HRESULT hr = S_OK;

    AcquireSRWLockExclusive(&base->lock);
    switch (origin)
    {
    case STREAM_SEEK_SET: from = 0; break;
    case STREAM_SEEK_CUR: from = (LONGLONG)base->pos; break;
    case STREAM_SEEK_END: from = (LONGLONG)base->size; break;
    default: hr = STG_E_INVALIDFUNCTION; break;
    }
    if (SUCCEEDED(hr))
    {
        /* both are at most 2^63 - 1: compare without overflowing */
        if ((move.QuadPart < 0 && from + move.QuadPart < 0)
            || (move.QuadPart > 0 && (ULONGLONG)from + (ULONGLONG)move.QuadPart > STREAM_MAX_SIZE))
            hr = STG_E_INVALIDFUNCTION;
        else base->pos = (ULONGLONG)(from + move.QuadPart);
    }
    if (SUCCEEDED(hr) && newpos) newpos->QuadPart = base->pos;
    ReleaseSRWLockExclusive(&base->lock);
    return hr;
}

HRESULT stream_base_set_size(struct stream_base *base, ULARGE_INTEGER size)
{
    if (!base->ops->size_settable) return STG_E_ACCESSDENIED;
    if (size.QuadPart > STREAM_MAX_SIZE) return STG_E_INVALIDFUNCTION;
    AcquireSRWLockExclusive(&base->lock);
    base->size = size.QuadPart;
    ReleaseSRWLockExclusive(&base->lock);
    return S_OK;
}

HRESULT stream_base_copy_to(struct stream_base *base, IStream *dest, ULARGE_INTEGER cb, ULARGE_INTEGER *pread,
                            ULARGE_INTEGER *pwritten)
{
    ULONGLONG left = cb.QuadPart, read = 0, written = 0;
    HRESULT hr = S_OK;
    BYTE *buf;

    if (pread) pread->QuadPart = 0;
    if (pwritten) pwritten->QuadPart = 0;
    if (!dest) return STG_E_INVALIDPOINTER;
    if (!(buf = malloc(COPY_CHUNK))) return E_OUTOFMEMORY;
    while (left)
    {
        ULONG n = 0, done = 0;
        hr = read_locked(base, buf, (ULONG)min(left, (ULONGLONG)COPY_CHUNK), &n);
        if (FAILED(hr) || !n) break;
        read += n;
        left -= n;
        hr = IStream_Write(dest, buf, n, &done);
        written += done;
        if (FAILED(hr)) break;
        if (done < n)
        {
            hr = STG_E_MEDIUMFULL;
            break;
        }
    }
    free(buf);
    if (pread) pread->QuadPart = read;
    if (pwritten) pwritten->QuadPart = written;
    return hr;
}

HRESULT stream_base_stat(struct stream_base *base, STATSTG *st, DWORD flags)
{
    if (!st) return STG_E_INVALIDPOINTER;
    if (flags & ~(STATFLAG_NONAME | STATFLAG_NOOPEN)) return STG_E_INVALIDFLAG;
    memset(st, 0, sizeof(*st));
    st->type = STGTY_STREAM;
    st->cbSize.QuadPart = stream_base_size(base);
    st->grfMode = STGM_READ;
    st->clsid = *base->ops->clsid;
    return S_OK;
}

HRESULT stream_base_clone(struct stream_base *base, IStream **out)
{
    struct stream_base *copy = NULL;
    HRESULT hr;

    if (!out) return STG_E_INVALIDPOINTER;
    *out = NULL;
    AcquireSRWLockExclusive(&base->lock);
    hr = base->ops->clone(base, &copy, out);
    if (SUCCEEDED(hr))
    {
        copy->size = base->size;
        copy->pos = base->pos;
    }
    ReleaseSRWLockExclusive(&base->lock);
    return hr;
}

HRESULT stream_part_read(IStream *part, ULONGLONG offset, BYTE *buf, ULONG len, ULONG *got)
{
    LARGE_INTEGER at;
    HRESULT hr;

    *got = 0;
    at.QuadPart = offset;
    if (FAILED(hr = IStream_Seek(part, at, STREAM_SEEK_SET, NULL))) return hr;
    while (len)
    {
        ULONG n = 0;
        hr = IStream_Read(part, buf, len, &n);
        if (FAILED(hr)) return hr;
        if (!n) break;
        *got += n;
        buf += n;
        len -= n;
    }
    return S_OK;
}

HRESULT stream_part_size(IStream *part, ULONGLONG *size)
{
    STATSTG st;
    HRESULT hr = IStream_Stat(part, &st, STATFLAG_NONAME);
    if (FAILED(hr)) return hr;
    *size = st.cbSize.QuadPart;
    return S_OK;
}

struct stream_shared_lock *stream_shared_lock_new(void)
{
    struct stream_shared_lock *lock = calloc(1, sizeof(*lock));
    if (!lock) return NULL;
    lock->ref = 1;
    InitializeSRWLock(&lock->lock);
    return lock;
}

struct stream_shared_lock *stream_shared_lock_ref(struct stream_shared_lock *lock)
{
    InterlockedIncrement(&lock->ref);
    return lock;
}

void stream_shared_lock_unref(struct stream_shared_lock *lock)
{
    if (lock && !InterlockedDecrement(&lock->ref)) free(lock);
}
