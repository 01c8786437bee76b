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
    memset(out, 0, sizeof(*out));
    out->size = st.cbSize.QuadPart;
    out->ctx = s;
    out->open = stream_source_open;
    out->addref = stream_source_addref;
    out->release = stream_source_release;
    return S_OK;
}

/* ---- source over a file on disk ----
 * AddTree makes one of these per file. The directory part of the path is shared by the
 * files of one directory (struct fsi_path_dir) and each source keeps only its name:
 * with 100,000 files the full paths would take about 10 MB of the process's peak. */

struct fsi_path_dir
{
    LONG ref;
    WCHAR path[1];
};

struct path_source
{
    LONG ref;
    struct fsi_path_dir *dir;
    WCHAR name[1];
};

struct handle_core
{
    core_stream base;
    HANDLE file;
    HRESULT read_error;   /* reported for failed reads (0: the Win32 error) */
    HANDLE mapping;       /* for views; made on the first one */
    void *view;           /* the view out, at allocation granularity */
};

static int handle_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    struct handle_core *c = s->ctx;
    DWORD got;

    *done = 0;
    while (len)
    {
        DWORD chunk = len > 0x40000000 ? 0x40000000 : (DWORD)len;
        if (!ReadFile(c->file, buf, chunk, &got, NULL))
            return c->read_error ? c->read_error : HRESULT_FROM_WIN32(GetLastError());
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

/* Views are read-only mappings of the file, so IStream::CopyTo of the image hands the
 * page cache's bytes straight to the destination's Write (core/fs/fs_image.h). Any
 * failure only means "read instead". A file truncated while mapped makes the
 * destination's Write fail (the kernel's copy faults), not this process crash. */
static int handle_view(core_stream *s, uint64_t offset, size_t len, const void **ptr)
{
    struct handle_core *c = s->ctx;
    static DWORD granularity;
    uint64_t base;

    if (c->view || !len) return -1;
    if (!granularity)
    {
        SYSTEM_INFO si;
        GetSystemInfo(&si);
        granularity = si.dwAllocationGranularity;
    }
    if (!c->mapping && !(c->mapping = CreateFileMappingW(c->file, NULL, PAGE_READONLY, 0, 0, NULL)))
    {
        TRACE("no mapping: %lu\n", (unsigned long)GetLastError());
        return -1;
    }
    base = offset - offset % granularity;
    if (!(c->view = MapViewOfFile(c->mapping, FILE_MAP_READ, (DWORD)(base >> 32), (DWORD)base,
                                  (SIZE_T)(offset - base) + len)))
    {
        TRACE("no view at %I64u+%Iu: %lu\n", offset, len, (unsigned long)GetLastError());
        return -1;
    }
    *ptr = (const BYTE *)c->view + (offset - base);
    return 0;
}

static void handle_unview(core_stream *s)
{
    struct handle_core *c = s->ctx;
    if (c->view) UnmapViewOfFile(c->view);
    c->view = NULL;
}

static void handle_close(core_stream *s)
{
    struct handle_core *c = s->ctx;
    handle_unview(s);
    if (c->mapping) CloseHandle(c->mapping);
    CloseHandle(c->file);
    free(c);
}

static const core_stream_ops handle_ops = { handle_read, NULL, handle_seek, handle_size, handle_close,
                                            handle_view, handle_unview };

HRESULT fsi_path_dir_create(const WCHAR *path, struct fsi_path_dir **out)
{
    size_t len = wcslen(path);
    struct fsi_path_dir *d = malloc(offsetof(struct fsi_path_dir, path[len + 1]));
    *out = d;
    if (!d) return E_OUTOFMEMORY;
    d->ref = 1;
    memcpy(d->path, path, (len + 1) * sizeof(WCHAR));
    return S_OK;
}

void fsi_path_dir_release(struct fsi_path_dir *d)
{
    if (d && !InterlockedDecrement(&d->ref)) free(d);
}

/* dir\name, malloc'd. */
static WCHAR *path_source_full(const struct path_source *s)
{
    size_t dlen = wcslen(s->dir->path), nlen = wcslen(s->name);
    WCHAR *p = malloc((dlen + nlen + 2) * sizeof(WCHAR));
    if (!p) return NULL;
    memcpy(p, s->dir->path, dlen * sizeof(WCHAR));
    p[dlen] = '\\';
    memcpy(p + dlen + 1, s->name, (nlen + 1) * sizeof(WCHAR));
    return p;
}

static void path_source_addref(void *ctx)
{
    InterlockedIncrement(&((struct path_source *)ctx)->ref);
}

static void path_source_release(void *ctx)
{
    struct path_source *s = ctx;
    if (InterlockedDecrement(&s->ref)) return;
    fsi_path_dir_release(s->dir);
    free(s);
}

static int32_t path_source_open(void *ctx, core_stream **out)
{
    struct path_source *s = ctx;
    struct handle_core *c;
    WCHAR *path = path_source_full(s);
    HANDLE file;

    if (!path) return E_OUTOFMEMORY;
    file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    if (file == INVALID_HANDLE_VALUE)
    {
        WARN("cannot open %s: %lu\n", debugstr_w(path), (unsigned long)GetLastError());
        free(path);
        return IMAPI_E_DATA_STREAM_READ_FAILURE;
    }
    free(path);
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

HRESULT fsi_source_from_path(struct fsi_path_dir *dir, const WCHAR *name, ULONGLONG size, fs_data_source *out)
{
    size_t len = wcslen(name);
    struct path_source *s;

    memset(out, 0, sizeof(*out));
    if (!(s = malloc(offsetof(struct path_source, name[len + 1])))) return E_OUTOFMEMORY;
    s->ref = 1;
    s->dir = dir;
    InterlockedIncrement(&dir->ref);
    memcpy(s->name, name, (len + 1) * sizeof(WCHAR));
    out->size = size;
    out->ctx = s;
    out->open = path_source_open;
    out->addref = path_source_addref;
    out->release = path_source_release;
    return S_OK;
}

/* ---- stash files (StageFiles TRUE) ----
 * One stash file per staged item, created by GetTempFileNameW in WorkingDirectory with
 * FILE_ATTRIBUTE_TEMPORARY and deleted (DeleteFileW) when the last reference to the
 * source goes: the item, layout snapshots of results, Data streams handed out. No
 * handle stays open between reads (trees with more files than a process may keep open
 * work); readers open with FILE_SHARE_DELETE so a late delete never fails on them.
 * A process that dies leaves its stash files behind ("fsi*.tmp"), as any temp file. */

struct stash_source
{
    LONG ref;
    SRWLOCK lock;          /* path: a WorkingDirectory change moves the file */
    WCHAR path[MAX_PATH];
};

static void stash_source_addref(void *ctx)
{
    InterlockedIncrement(&((struct stash_source *)ctx)->ref);
}

static void stash_source_release(void *ctx)
{
    struct stash_source *s = ctx;
    if (!InterlockedDecrement(&s->ref))
    {
        if (!DeleteFileW(s->path))
            WARN("cannot delete stash file %s: %lu\n", debugstr_w(s->path), (unsigned long)GetLastError());
        free(s);
    }
}

static HANDLE stash_open_read(struct stash_source *s)
{
    HANDLE file;
    AcquireSRWLockShared(&s->lock);
    file = CreateFileW(s->path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    ReleaseSRWLockShared(&s->lock);
    return file;
}

static int32_t stash_source_open(void *ctx, core_stream **out)
{
    struct stash_source *s = ctx;
    struct handle_core *c;
    HANDLE file;

    if ((file = stash_open_read(s)) == INVALID_HANDLE_VALUE)
    {
        WARN("cannot open stash file %s: %lu\n", debugstr_w(s->path), (unsigned long)GetLastError());
        return IMAPI_E_STASHFILE_OPEN_FAILURE;
    }
    if (!(c = calloc(1, sizeof(*c))))
    {
        CloseHandle(file);
        return E_OUTOFMEMORY;
    }
    c->base.ops = &handle_ops;
    c->base.ctx = c;
    c->file = file;
    c->read_error = IMAPI_E_STASHFILE_READ_FAILURE;
    *out = &c->base;
    return 0;
}

BOOL fsi_source_is_staged(const fs_data_source *src)
{
    return src && src->open == stash_source_open;
}

/* Data (get_Data) and named streams of a staged item: a read-only IStream over the
 * stash file that keeps the stash source alive, so the file goes with the last user. */
struct stash_stream
{
    IStream IStream_iface;
    LONG ref;
    struct stash_source *src;
    HANDLE file;
};

static inline struct stash_stream *stash_stream_impl(IStream *iface)
{
    return CONTAINING_RECORD(iface, struct stash_stream, IStream_iface);
}

static HRESULT stash_stream_create(struct stash_source *src, IStream **out);

static HRESULT WINAPI stash_stream_QueryInterface(IStream *iface, REFIID riid, void **ppv)
{
    TRACE("(%p)->(%s %p)\n", iface, debugstr_guid(riid), ppv);
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_ISequentialStream) || IsEqualIID(riid, &IID_IStream))
    {
        *ppv = iface;
        IStream_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI stash_stream_AddRef(IStream *iface)
{
    TRACE("(%p)\n", iface);
    return InterlockedIncrement(&stash_stream_impl(iface)->ref);
}

static ULONG WINAPI stash_stream_Release(IStream *iface)
{
    struct stash_stream *stash = stash_stream_impl(iface);
    ULONG ref = InterlockedDecrement(&stash->ref);
    TRACE("(%p)\n", iface);
    if (!ref)
    {
        CloseHandle(stash->file);
        stash_source_release(stash->src);
        free(stash);
    }
    return ref;
}

static HRESULT WINAPI stash_stream_Read(IStream *iface, void *pv, ULONG cb, ULONG *read)
{
    struct stash_stream *stash = stash_stream_impl(iface);
    DWORD got = 0;

    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, read);
    if (!pv) return STG_E_INVALIDPOINTER;
    if (!ReadFile(stash->file, pv, cb, &got, NULL))
    {
        if (read) *read = 0;
        return STG_E_READFAULT;
    }
    if (read) *read = got;
    return got < cb ? S_FALSE : S_OK;
}

static HRESULT WINAPI stash_stream_Write(IStream *iface, const void *pv, ULONG cb, ULONG *written)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, written);
    if (written) *written = 0;
    return STG_E_ACCESSDENIED;
}

static HRESULT WINAPI stash_stream_Seek(IStream *iface, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *pos)
{
    struct stash_stream *stash = stash_stream_impl(iface);
    LARGE_INTEGER now;

    TRACE("(%p)->(%s %lu %p)\n", iface, wine_dbgstr_longlong(move.QuadPart), origin, pos);
    if (origin > STREAM_SEEK_END) return STG_E_INVALIDFUNCTION;
    if (!SetFilePointerEx(stash->file, move, &now, origin)) return STG_E_INVALIDFUNCTION;
    if (pos) pos->QuadPart = now.QuadPart;
    return S_OK;
}

static HRESULT WINAPI stash_stream_SetSize(IStream *iface, ULARGE_INTEGER size)
{
    TRACE("(%p)->(%s)\n", iface, wine_dbgstr_longlong(size.QuadPart));
    return STG_E_ACCESSDENIED;
}

static HRESULT WINAPI stash_stream_CopyTo(IStream *iface, IStream *dest, ULARGE_INTEGER cb, ULARGE_INTEGER *read,
                                          ULARGE_INTEGER *written)
{
    ULONGLONG left = cb.QuadPart, in = 0, outn = 0;
    char *buf;
    HRESULT hr = S_OK;

    TRACE("(%p)->(%p %s %p %p)\n", iface, dest, wine_dbgstr_longlong(cb.QuadPart), read, written);
    if (!dest) return STG_E_INVALIDPOINTER;
    if (!(buf = malloc(65536))) return E_OUTOFMEMORY;
    while (left)
    {
        ULONG got = 0, put = 0;
        if (FAILED(hr = stash_stream_Read(iface, buf, left < 65536 ? (ULONG)left : 65536, &got)) || !got) break;
        in += got;
        left -= got;
        hr = IStream_Write(dest, buf, got, &put);
        outn += put;
        if (FAILED(hr)) break;
    }
    free(buf);
    if (read) read->QuadPart = in;
    if (written) written->QuadPart = outn;
    return FAILED(hr) ? hr : S_OK;
}

static HRESULT WINAPI stash_stream_Commit(IStream *iface, DWORD flags)
{
    TRACE("(%p)->(%#lx)\n", iface, flags);
    return S_OK;
}

static HRESULT WINAPI stash_stream_Revert(IStream *iface)
{
    TRACE("(%p)\n", iface);
    return S_OK;
}

static HRESULT WINAPI stash_stream_LockRegion(IStream *iface, ULARGE_INTEGER off, ULARGE_INTEGER cb, DWORD type)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(off.QuadPart), wine_dbgstr_longlong(cb.QuadPart), type);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI stash_stream_UnlockRegion(IStream *iface, ULARGE_INTEGER off, ULARGE_INTEGER cb, DWORD type)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(off.QuadPart), wine_dbgstr_longlong(cb.QuadPart), type);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI stash_stream_Stat(IStream *iface, STATSTG *st, DWORD flag)
{
    struct stash_stream *stash = stash_stream_impl(iface);
    LARGE_INTEGER size;

    TRACE("(%p)->(%p %lu)\n", iface, st, flag);
    if (!st) return STG_E_INVALIDPOINTER;
    memset(st, 0, sizeof(*st));
    if (!GetFileSizeEx(stash->file, &size)) return STG_E_ACCESSDENIED;
    st->type = STGTY_STREAM;
    st->cbSize.QuadPart = size.QuadPart;
    st->grfMode = STGM_READ;
    return S_OK;
}

static HRESULT WINAPI stash_stream_Clone(IStream *iface, IStream **out)
{
    struct stash_stream *stash = stash_stream_impl(iface);
    LARGE_INTEGER zero = {{0}}, pos;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, out);
    if (!out) return STG_E_INVALIDPOINTER;
    if (FAILED(hr = stash_stream_create(stash->src, out))) return hr;
    if (SetFilePointerEx(stash->file, zero, &pos, FILE_CURRENT)) IStream_Seek(*out, pos, STREAM_SEEK_SET, NULL);
    return S_OK;
}

static const IStreamVtbl stash_stream_vtbl =
{
    stash_stream_QueryInterface, stash_stream_AddRef, stash_stream_Release, stash_stream_Read, stash_stream_Write,
    stash_stream_Seek, stash_stream_SetSize, stash_stream_CopyTo, stash_stream_Commit, stash_stream_Revert,
    stash_stream_LockRegion, stash_stream_UnlockRegion, stash_stream_Stat, stash_stream_Clone
};

static HRESULT stash_stream_create(struct stash_source *src, IStream **out)
{
    struct stash_stream *stash;

    *out = NULL;
    if (!(stash = calloc(1, sizeof(*stash)))) return E_OUTOFMEMORY;
    if ((stash->file = stash_open_read(src)) == INVALID_HANDLE_VALUE)
    {
        free(stash);
        return IMAPI_E_STASHFILE_OPEN_FAILURE;
    }
    stash->IStream_iface.lpVtbl = &stash_stream_vtbl;
    stash->ref = 1;
    stash->src = src;
    stash_source_addref(src);
    *out = &stash->IStream_iface;
    return S_OK;
}

HRESULT fsi_source_stage_stream(struct fsimage *image, const WCHAR *dir, const WCHAR *name, IStream *stream,
                                IStream **out)
{
    fs_data_source src, staged;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = fsi_source_from_stream(stream, &src))) return hr;
    hr = fsi_source_stage(image, dir, name, &src, &staged);
    src.release(src.ctx);
    if (FAILED(hr)) return hr;
    hr = stash_stream_create(staged.ctx, out);
    staged.release(staged.ctx);
    return hr;
}

#define STAGE_CHUNK (1024 * 1024)   /* copy unit, and the Update event step (spec 3.13) */

static HRESULT write_all(HANDLE file, const char *buf, DWORD len)
{
    DWORD done;

    while (len)
    {
        if (!WriteFile(file, buf, len, &done, NULL) || !done)
        {
            DWORD err = GetLastError();
            WARN("stash write failed: %lu\n", (unsigned long)err);
            /* [undoc] a full disk is reported as the working directory's lack of space */
            if (err == ERROR_DISK_FULL || err == ERROR_HANDLE_DISK_FULL) return IMAPI_E_WORKING_DIRECTORY_SPACE;
            return IMAPI_E_STASHFILE_WRITE_FAILURE;
        }
        buf += done;
        len -= done;
    }
    return S_OK;
}

static LONG sectors_of(ULONGLONG bytes)
{
    ULONGLONG n = (bytes + 2047) / 2048;
    return n > MAXLONG ? MAXLONG : (LONG)n;
}

/* Copies src into a new stash file in dir, in STAGE_CHUNK pieces (never the whole file
 * in memory), firing DFileSystemImageEvents::Update for name with copiedSectors 0
 * before the first byte, after every MB and once more at the end when the size is not
 * a MB multiple (spec 3.13). Errors: IMAPI_E_INVALID_WORKING_DIRECTORY (dir is gone),
 * IMAPI_E_WORKING_DIRECTORY_SPACE (GetDiskFreeSpaceExW says it cannot fit, or the disk
 * fills up), IMAPI_E_STASHFILE_OPEN_FAILURE / _WRITE_FAILURE, and for the source
 * IMAPI_E_DATA_STREAM_READ_FAILURE (cannot be opened or a read fails) or
 * IMAPI_E_DATA_STREAM_INCONSISTENCY [undoc] (it ends before its size). On failure
 * nothing is left in dir and *out is untouched; src is never consumed. */
HRESULT fsi_source_stage(struct fsimage *image, const WCHAR *dir, const WCHAR *name, const fs_data_source *src,
                         fs_data_source *out)
{
    ULARGE_INTEGER avail;
    struct stash_source *s;
    core_stream *in = NULL;
    ULONGLONG copied = 0, size = src->size;
    LONG total = sectors_of(size);
    HANDLE file;
    DWORD attrs;
    char *buf = NULL;
    HRESULT hr;

    attrs = GetFileAttributesW(dir);
    if (attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_DIRECTORY))
    {
        WARN("working directory %s is gone\n", debugstr_w(dir));
        return IMAPI_E_INVALID_WORKING_DIRECTORY;
    }
    if (GetDiskFreeSpaceExW(dir, &avail, NULL, NULL) && avail.QuadPart < size)
    {
        WARN("%s: %.0f bytes free, %.0f needed\n", debugstr_w(dir), (double)avail.QuadPart, (double)size);
        return IMAPI_E_WORKING_DIRECTORY_SPACE;
    }
    if (!(s = calloc(1, sizeof(*s)))) return E_OUTOFMEMORY;
    s->ref = 1;
    InitializeSRWLock(&s->lock);
    if (!GetTempFileNameW(dir, L"fsi", 0, s->path))
    {
        WARN("no stash file in %s: %lu\n", debugstr_w(dir), (unsigned long)GetLastError());
        free(s);
        return IMAPI_E_STASHFILE_OPEN_FAILURE;
    }
    file = CreateFileW(s->path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, TRUNCATE_EXISTING,
                       FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    if (file == INVALID_HANDLE_VALUE)
    {
        WARN("cannot open stash file %s: %lu\n", debugstr_w(s->path), (unsigned long)GetLastError());
        hr = IMAPI_E_STASHFILE_OPEN_FAILURE;
        goto done;
    }
    SetFileAttributesW(s->path, FILE_ATTRIBUTE_TEMPORARY);
    if (!(buf = malloc(size < STAGE_CHUNK ? (size ? size : 1) : STAGE_CHUNK)))
    {
        hr = E_OUTOFMEMORY;
        goto done;
    }
    if (size && src->open && (hr = src->open(src->ctx, &in)))
    {
        WARN("cannot open the source of %s: %#lx\n", debugstr_w(name), (unsigned long)hr);
        if (hr != E_OUTOFMEMORY) hr = IMAPI_E_DATA_STREAM_READ_FAILURE;
        in = NULL;
        goto done;
    }
    hr = S_OK;
    fsimage_fire_update(image, name, 0, total);
    while (copied < size)
    {
        size_t want = size - copied < STAGE_CHUNK ? (size_t)(size - copied) : STAGE_CHUNK, got = 0, n;

        /* fill the whole chunk: sources may answer short reads */
        while (got < want)
        {
            if (!in || in->ops->read(in, buf + got, want - got, &n))
            {
                hr = IMAPI_E_DATA_STREAM_READ_FAILURE;
                break;
            }
            if (!n)
            {
                hr = IMAPI_E_DATA_STREAM_INCONSISTENCY;   /* shorter than its size */
                break;
            }
            got += n;
        }
        if (FAILED(hr))
        {
            WARN("reading %s failed at %.0f: %#lx\n", debugstr_w(name), (double)(copied + got), (unsigned long)hr);
            break;
        }
        if (FAILED(hr = write_all(file, buf, (DWORD)want))) break;
        copied += want;
        if (!(copied % STAGE_CHUNK) || copied == size) fsimage_fire_update(image, name, sectors_of(copied), total);
    }

done:
    if (in) in->ops->close(in);
    free(buf);
    if (file != INVALID_HANDLE_VALUE && !CloseHandle(file) && SUCCEEDED(hr)) hr = IMAPI_E_STASHFILE_WRITE_FAILURE;
    if (FAILED(hr))
    {
        DeleteFileW(s->path);
        free(s);
        return hr;
    }
    TRACE("%s staged in %s\n", debugstr_w(name), debugstr_w(s->path));
    memset(out, 0, sizeof(*out));
    out->size = size;
    out->ctx = s;
    out->open = stash_source_open;
    out->addref = stash_source_addref;
    out->release = stash_source_release;
    return S_OK;
}

/* A stash file into another directory (put_WorkingDirectory, spec 4.3): a new name
 * there, then MoveFileExW (a copy across volumes). Open readers keep reading the old
 * file (they share delete). Failure: IMAPI_E_STASHFILE_MOVE, the file stays. */
static HRESULT stash_move(struct stash_source *s, const WCHAR *dir)
{
    WCHAR path[MAX_PATH], full[MAX_PATH], *name;
    DWORD len = GetFullPathNameW(dir, ARRAY_SIZE(full), full, NULL);
    HRESULT hr = S_OK;

    /* already there (the same directory put again) */
    while (len > 3 && len < ARRAY_SIZE(full) && full[len - 1] == '\\') full[--len] = 0;
    AcquireSRWLockShared(&s->lock);
    name = wcsrchr(s->path, '\\');
    if (len && len < ARRAY_SIZE(full) && name && (size_t)(name - s->path) == len && !_wcsnicmp(s->path, full, len))
        len = 0;
    ReleaseSRWLockShared(&s->lock);
    if (!len) return S_OK;
    if (!GetTempFileNameW(dir, L"fsi", 0, path))
    {
        WARN("no stash file in %s: %lu\n", debugstr_w(dir), (unsigned long)GetLastError());
        return IMAPI_E_STASHFILE_MOVE;
    }
    AcquireSRWLockExclusive(&s->lock);
    if (MoveFileExW(s->path, path, MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED))
    {
        TRACE("%s moved to %s\n", debugstr_w(s->path), debugstr_w(path));
        wcscpy(s->path, path);
    }
    else
    {
        WARN("cannot move %s to %s: %lu\n", debugstr_w(s->path), debugstr_w(path), (unsigned long)GetLastError());
        DeleteFileW(path);
        hr = IMAPI_E_STASHFILE_MOVE;
    }
    ReleaseSRWLockExclusive(&s->lock);
    return hr;
}

HRESULT fsi_source_move_stash(const fs_data_source *src, const WCHAR *dir)
{
    return fsi_source_is_staged(src) ? stash_move(src->ctx, dir) : S_OK;
}

HRESULT fsi_stream_move_stash(IStream *stream, const WCHAR *dir)
{
    if (!stream || stream->lpVtbl != &stash_stream_vtbl) return S_OK;
    return stash_move(stash_stream_impl(stream)->src, dir);
}

HRESULT fsi_source_get_stream(const fs_data_source *src, IStream **out)
{
    *out = NULL;
    if (!src || !src->ctx) return S_OK;
    if (src->extents && src->open) return fsi_import_data_stream(src, out);   /* imported: read from the disc */
    if (src->open == stash_source_open) return stash_stream_create(src->ctx, out);
    if (src->open == stream_source_open)
        return clone_at_start(((struct stream_source *)src->ctx)->stream, out);
    if (src->open == path_source_open)
    {
        WCHAR *path = path_source_full(src->ctx);
        HRESULT hr;
        if (!path) return E_OUTOFMEMORY;
        hr = SHCreateStreamOnFileEx(path, STGM_READ | STGM_SHARE_DENY_NONE, FILE_ATTRIBUTE_NORMAL, FALSE, NULL, out);
        free(path);
        return hr;
    }
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
