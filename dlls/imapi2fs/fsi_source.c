/* File data for core/fs: fs_data_source implementations over a client IStream
 * (AddFile, put_Data, AddStream) and over a file on disk (AddTree), plus small
 * automation helpers of the imapi2fs objects. */

#include "imapi2fs_private.h"
#include <shlwapi.h>


/* ---- source over a client IStream ---- */

struct stream_source
{
    LONG ref;
    IStream *stream;
    SRWLOCK lock;         /* serialises readers when the stream cannot be cloned */
};

static void stream_source_addref(void *ctx)
{
    InterlockedIncrement(&((struct stream_source *)ctx)->ref);
}

static void stream_source_release(void *ctx)
{
    struct stream_source *s = ctx;
    if (!InterlockedDecrement(&s->ref))
    {
        IStream_Release(s->stream);
        free(s);
    }
}

/* A clone reads independently of other readers; streams that cannot be cloned are
 * shared and rewound. */
static HRESULT clone_at_start(IStream *stream, IStream **out)
{
    LARGE_INTEGER zero = {{0}};
    HRESULT hr;

    if (FAILED(IStream_Clone(stream, out)) || !*out)
    {
        *out = stream;
        IStream_AddRef(stream);
    }
    if (FAILED(hr = IStream_Seek(*out, zero, STREAM_SEEK_SET, NULL)))
    {
        IStream_Release(*out);
        *out = NULL;
    }
    return hr;
}

static int32_t stream_source_open(void *ctx, core_stream **out)
{
    struct stream_source *s = ctx;
    IStream *stream = NULL;
    SRWLOCK *shared = NULL;
    HRESULT hr;

    if (FAILED(IStream_Clone(s->stream, &stream)) || !stream)
    {
        stream = s->stream;
        IStream_AddRef(stream);
        shared = &s->lock;
    }
    if ((hr = imapi_core_stream_from_istream(stream, shared, out)))
    {
        IStream_Release(stream);
        return hr;
    }
    if (((*out)->ops->seek(*out, 0)))
    {
        (*out)->ops->close(*out);
        return IMAPI_E_DATA_STREAM_READ_FAILURE;
    }
    return 0;
}

HRESULT fsi_source_from_stream(IStream *stream, fs_data_source *out)
{
    struct stream_source *s;
    STATSTG st;
    HRESULT hr;

    memset(out, 0, sizeof(*out));
    if (!stream) return E_POINTER;
    if (FAILED(hr = IStream_Stat(stream, &st, STATFLAG_NONAME)))
    {
        WARN("Stat failed %#lx\n", (unsigned long)hr);
        return IMAPI_E_DATA_STREAM_READ_FAILURE;
    }
    if (!(s = malloc(sizeof(*s)))) return E_OUTOFMEMORY;
    s->ref = 1;
    s->stream = stream;
    InitializeSRWLock(&s->lock);
    IStream_AddRef(stream);
    out->size = st.cbSize.QuadPart;
    out->ctx = s;
    out->open = stream_source_open;
    out->addref = stream_source_addref;
    out->release = stream_source_release;
    return S_OK;
}

/* ---- source over a file on disk ---- */

struct path_source
{
    LONG ref;
    WCHAR path[1];
};

struct handle_core
{
    core_stream base;
    HANDLE file;
};

static int handle_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    struct handle_core *c = s->ctx;
    DWORD got;

    *done = 0;
    while (len)
    {
        DWORD chunk = len > 0x40000000 ? 0x40000000 : (DWORD)len;
        if (!ReadFile(c->file, buf, chunk, &got, NULL)) return HRESULT_FROM_WIN32(GetLastError());
        *done += got;
        if (!got) break;
        buf = (char *)buf + got;
        len -= got;
    }
    return 0;
}

static int handle_seek(core_stream *s, uint64_t offset)
{
    struct handle_core *c = s->ctx;
    LARGE_INTEGER pos;
    pos.QuadPart = offset;
    return SetFilePointerEx(c->file, pos, NULL, FILE_BEGIN) ? 0 : HRESULT_FROM_WIN32(GetLastError());
}

static int handle_size(core_stream *s, uint64_t *size)
{
    struct handle_core *c = s->ctx;
    LARGE_INTEGER sz;
    if (!GetFileSizeEx(c->file, &sz)) return HRESULT_FROM_WIN32(GetLastError());
    *size = sz.QuadPart;
    return 0;
}

static void handle_close(core_stream *s)
{
    struct handle_core *c = s->ctx;
    CloseHandle(c->file);
    free(c);
}

static const core_stream_ops handle_ops = { handle_read, NULL, handle_seek, handle_size, handle_close };

static void path_source_addref(void *ctx)
{
    InterlockedIncrement(&((struct path_source *)ctx)->ref);
}

static void path_source_release(void *ctx)
{
    struct path_source *s = ctx;
    if (!InterlockedDecrement(&s->ref)) free(s);
}

static int32_t path_source_open(void *ctx, core_stream **out)
{
    struct path_source *s = ctx;
    struct handle_core *c;
    HANDLE file;

    file = CreateFileW(s->path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    if (file == INVALID_HANDLE_VALUE)
    {
        WARN("cannot open %s: %lu\n", debugstr_w(s->path), (unsigned long)GetLastError());
        return IMAPI_E_DATA_STREAM_READ_FAILURE;
    }
    if (!(c = calloc(1, sizeof(*c))))
    {
        CloseHandle(file);
        return E_OUTOFMEMORY;
    }
    c->base.ops = &handle_ops;
    c->base.ctx = c;
    c->file = file;
    *out = &c->base;
    return 0;
}

HRESULT fsi_source_from_path(const WCHAR *path, ULONGLONG size, fs_data_source *out)
{
    size_t len = wcslen(path);
    struct path_source *s;

    memset(out, 0, sizeof(*out));
    if (!(s = malloc(offsetof(struct path_source, path[len + 1])))) return E_OUTOFMEMORY;
    s->ref = 1;
    memcpy(s->path, path, (len + 1) * sizeof(WCHAR));
    out->size = size;
    out->ctx = s;
    out->open = path_source_open;
    out->addref = path_source_addref;
    out->release = path_source_release;
    return S_OK;
}

HRESULT fsi_source_get_stream(const fs_data_source *src, IStream **out)
{
    *out = NULL;
    if (!src || !src->ctx) return S_OK;
    if (src->open == stream_source_open)
        return clone_at_start(((struct stream_source *)src->ctx)->stream, out);
    if (src->open == path_source_open)
        return SHCreateStreamOnFileEx(((struct path_source *)src->ctx)->path, STGM_READ | STGM_SHARE_DENY_NONE,
                                      FILE_ATTRIBUTE_NORMAL, FALSE, NULL, out);
    return S_OK;
}

/* ---- helpers ---- */

HRESULT fsi_safearray_from_ulongs(const ULONG *values, unsigned count, SAFEARRAY **out)
{
    SAFEARRAY *sa;
    VARIANT *data;
    unsigned i;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!(sa = SafeArrayCreateVector(VT_VARIANT, 0, count))) return E_OUTOFMEMORY;
    SafeArrayAccessData(sa, (void **)&data);
    for (i = 0; i < count; i++)
    {
        V_VT(&data[i]) = VT_UI4;
        V_UI4(&data[i]) = values[i];
    }
    SafeArrayUnaccessData(sa);
    *out = sa;
    return S_OK;
}

/* DATE is local-free here: IMAPI documents the item times as UTC DATEs, so a DATE
 * maps to a UTC FILETIME without time-zone conversion. */
HRESULT fsi_date_to_time(DATE date, fs_time *out)
{
    SYSTEMTIME st;
    FILETIME ft;

    if (!VariantTimeToSystemTime(date, &st) || !SystemTimeToFileTime(&st, &ft)) return E_INVALIDARG;
    *out = (fs_time)(((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime);
    return S_OK;
}

HRESULT fsi_time_to_date(fs_time t, DATE *out)
{
    SYSTEMTIME st;
    FILETIME ft;

    ft.dwLowDateTime = (DWORD)t;
    ft.dwHighDateTime = (DWORD)((ULONGLONG)t >> 32);
    if (!FileTimeToSystemTime(&ft, &st) || !SystemTimeToVariantTime(&st, out))
    {
        *out = 0;
        return E_FAIL;
    }
    return S_OK;
}

/* ---- layout lock ---- */

static SRWLOCK layout_lock = SRWLOCK_INIT;

void fsi_layout_addref(fs_layout *layout)
{
    AcquireSRWLockExclusive(&layout_lock);
    fs_layout_addref(layout);
    ReleaseSRWLockExclusive(&layout_lock);
}

void fsi_layout_release(fs_layout *layout)
{
    AcquireSRWLockExclusive(&layout_lock);
    fs_layout_release(layout);
    ReleaseSRWLockExclusive(&layout_lock);
}

int32_t fsi_image_open(fs_layout *layout, fs_image **out)
{
    int32_t hr;
    AcquireSRWLockExclusive(&layout_lock);
    hr = fs_image_open(layout, out);
    ReleaseSRWLockExclusive(&layout_lock);
    return hr;
}

void fsi_image_close(fs_image *image)
{
    AcquireSRWLockExclusive(&layout_lock);
    fs_image_close(image);
    ReleaseSRWLockExclusive(&layout_lock);
}
