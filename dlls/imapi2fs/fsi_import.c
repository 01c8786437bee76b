/* Import glue of MsftFileSystemImage: a recorder as a disc for the core readers
 * (core/fs/fs_read.h), the recorder behind MultisessionInterfaces, UpdateImport
 * events and the disc identifier. The readers and every rule of the tree live in the
 * core; this file only moves blocks and events.
 *
 * Blocks are read as the format objects read them: READ(10) through the recorder's
 * IDiscRecorder2Ex (dlls/common/recorder_ex_transport.c), from the start of the last
 * session (READ DISC INFORMATION / READ TRACK INFORMATION via mmc_media_query). */

#include "imapi2fs_private.h"
#include "recorder_ex_transport.h"
#include "mmc/mmc_media.h"
#include "mmc/mmc_cdb.h"
#include "mmc/mmc_device.h"

#define READ_CHUNK 32   /* blocks per READ(10) */

struct recorder_disc
{
    IDiscRecorder2Ex *ex;
    struct recorder_ex_transport transport;
    mmc_device dev;
    SRWLOCK lock;          /* imported files may be read from several threads */
};

static int32_t recorder_read(void *ctx, uint32_t lba, uint32_t count, void *buf)
{
    struct recorder_disc *r = ctx;
    uint8_t *out = buf;
    int32_t hr = 0;

    AcquireSRWLockExclusive(&r->lock);
    while (count && !hr)
    {
        uint32_t n = count < READ_CHUNK ? count : READ_CHUNK;
        mmc_command c;
        mmc_cdb_read10(&c, out, lba, (uint16_t)n, MMC_SECTOR_DATA);
        if ((hr = mmc_dev_execute(&r->dev, &c))) WARN("READ(10) %u+%u failed %#x\n", lba, n, (unsigned)hr);
        lba += n;
        out += (size_t)n * MMC_SECTOR_DATA;
        count -= n;
    }
    ReleaseSRWLockExclusive(&r->lock);
    return hr;
}

static void recorder_free(void *ctx)
{
    struct recorder_disc *r = ctx;
    IDiscRecorder2Ex_Release(r->ex);
    free(r);
}

/* Overwrite media (spec 5): one physical session holding logical sessions; the next
 * one goes right after the file system recorded from block 0, whose end its volume
 * descriptors give (the spec's "end found from the VDS": fs_read_volume_end). [undoc]
 * Never before block 257, so the new session's UDF anchor (repeated at disc block 256)
 * and its volume descriptors (at 16) lie before it. No file system whose end we know,
 * or no room left: the disc takes no new session. */
static void overwrite_session(fs_disc *disc, struct fsi_disc_state *state)
{
    uint32_t end = 0;
    state->random_write = TRUE;
    state->appendable = FALSE;
    if (fs_read_volume_end(disc, &end) || end > (uint32_t)state->free_blocks)
    {
        WARN("no volume end (%u) on overwrite media of %ld blocks\n", end, (long)state->free_blocks);
        return;
    }
    if (end < FSI_RANDOM_WRITE_MIN_START) end = FSI_RANDOM_WRITE_MIN_START;
    if ((LONG)end >= state->free_blocks) return;
    state->next_writable = (LONG)end;
    state->free_blocks -= (LONG)end;
    state->appendable = TRUE;
    TRACE("random write: next logical session at %u, %ld blocks free\n", end, (long)state->free_blocks);
}

/* [undoc] What the media answers, mapped onto the import pages' codes: no medium is
 * IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE (the ImportFileSystem page says so), a medium
 * with nothing recorded IMAPI_E_EMPTY_DISC. */
HRESULT fsi_disc_open(IDiscRecorder2 *recorder, struct fsi_disc_state *state, fs_disc **disc)
{
    struct recorder_disc *r;
    mmc_media_facts facts;
    fs_read_io io;
    HRESULT hr;

    *disc = NULL;
    memset(state, 0, sizeof(*state));
    if (!(r = calloc(1, sizeof(*r)))) return E_OUTOFMEMORY;
    if (FAILED(IDiscRecorder2_QueryInterface(recorder, &IID_IDiscRecorder2Ex, (void **)&r->ex)))
    {
        WARN("recorder %p has no IDiscRecorder2Ex\n", recorder);
        free(r);
        return E_INVALIDARG;
    }
    InitializeSRWLock(&r->lock);
    recorder_ex_transport_init(&r->transport, r->ex);
    mmc_dev_init(&r->dev, &r->transport.base);
    hr = mmc_media_query(&r->dev, &facts);
    if (FAILED(hr) && FAILED(r->transport.last_failure)) hr = r->transport.last_failure;
    if (SUCCEEDED(hr) && !facts.present) hr = IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE;
    if (SUCCEEDED(hr) && facts.last_written < 0) hr = IMAPI_E_EMPTY_DISC;
    if (FAILED(hr))
    {
        WARN("no disc to import from: %#lx\n", (unsigned long)hr);
        recorder_free(r);
        return hr;
    }
    state->profile = facts.profile;
    state->sessions = facts.sessions;
    state->sequential = facts.write_class == MMC_CLASS_SEQUENTIAL;
    /* Overwrite media hold one growing session whose descriptors stay at block 16. */
    state->session_start = state->sequential && facts.prev_session_start > 0 ? facts.prev_session_start : 0;
    state->last_written = facts.last_written;
    state->appendable = facts.nwa_valid && facts.next_writable > 0 && state->sequential;
    state->next_writable = facts.next_writable;
    state->free_blocks = mmc_media_data_free_sectors(&facts, 0);
    TRACE("profile %#x sessions %u last session at %ld, last written %ld, nwa %ld (%d), free %ld\n", facts.profile,
          facts.sessions, (long)state->session_start, (long)state->last_written, (long)state->next_writable,
          state->appendable, (long)state->free_blocks);
    memset(&io, 0, sizeof(io));
    io.ctx = r;
    io.media_blocks = (uint32_t)facts.last_written + 1;
    io.read = recorder_read;
    io.free_ctx = recorder_free;
    if (fs_disc_new(&io, disc))
    {
        recorder_free(r);
        return E_OUTOFMEMORY;
    }
    if (facts.write_class == MMC_CLASS_OVERWRITE) overwrite_session(*disc, state);
    return S_OK;
}

BOOL fsi_multisession_usable(IMultisession *ms)
{
    IMultisession *kind;
    VARIANT_BOOL flag = VARIANT_FALSE;
    if (FAILED(IMultisession_QueryInterface(ms, &IID_IMultisessionSequential, (void **)&kind))
        && FAILED(IMultisession_QueryInterface(ms, &IID_IMultisessionRandomWrite, (void **)&kind)))
        return FALSE;
    if (FAILED(IMultisession_get_IsSupportedOnCurrentMediaState(kind, &flag))) flag = VARIANT_FALSE;
    IMultisession_Release(kind);
    return flag != VARIANT_FALSE;
}

/* The element in use, else the first IMultisessionSequential or
 * IMultisessionRandomWrite usable on the medium (put_MultisessionInterfaces made sure
 * there is one). */
HRESULT fsi_multisession_recorder(IMultisession *const *ms, unsigned count, IDiscRecorder2 **out, IMultisession **used)
{
    IMultisession *pick = NULL;
    VARIANT_BOOL flag;
    unsigned i;
    HRESULT hr;

    *out = NULL;
    *used = NULL;
    for (i = 0; i < count && !pick; i++)
        if (SUCCEEDED(IMultisession_get_InUse(ms[i], &flag)) && flag) pick = ms[i];
    for (i = 0; i < count && !pick; i++)
        if (fsi_multisession_usable(ms[i])) pick = ms[i];
    if (!pick) return IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE;
    if (FAILED(hr = IMultisession_get_ImportRecorder(pick, out)) || !*out)
    {
        WARN("no import recorder: %#lx\n", (unsigned long)hr);
        return IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE;
    }
    *used = pick;
    return S_OK;
}

/* ---- the import itself, with DFileSystemImageImportEvents::UpdateImport ---- */

struct import_events
{
    struct fsimage *image;
    FsiFileSystems fs;
};

static void on_progress(void *ctx, int is_dir, const uint16_t *path, size_t len, uint32_t dirs, uint32_t files,
                        int32_t total_dirs)
{
    struct import_events *e = ctx;
    WCHAR *item = malloc((len + 1) * sizeof(WCHAR));
    (void)is_dir;
    if (!item) return;
    memcpy(item, path, len * sizeof(WCHAR));
    item[len] = 0;
    /* totalFileItems is -1 for ISO9660 and Joliet (spec 3.13). */
    fsimage_fire_import(e->image, e->fs, item, dirs, total_dirs, files, -1);
    free(item);
}

HRESULT fsi_import_tree(struct fsimage *image, fs_disc *disc, LONG session_start, FsiFileSystems fs,
                        fs_import_info *info)
{
    struct import_events e = { image, fs };
    fs_import_progress p = { &e, on_progress };
    int32_t hr;

    hr = fs_read_import(disc, (uint32_t)session_start, (uint32_t)fs, fsimage_tree(image),
                        fsimage_has_import_sinks(image) ? &p : NULL, info);
    TRACE("imported fs %#x from %ld: %#x, %u dirs %u files\n", fs, (long)session_start, (unsigned)hr, info->dirs,
          info->files);
    return hr;
}

/* CalculateDiscIdentifier: [undoc] format; a signature of the medium and its sessions
 * (profile, session count, where the last session starts and the medium ends) and of
 * the last session's volume descriptors (blocks 16-17 of it), as 32 hex digits. The
 * same disc in the same state gives the same string; another session changes it. */
HRESULT fsi_disc_identifier(fs_disc *disc, const struct fsi_disc_state *state, BSTR *out)
{
    ULONGLONG h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
    LONG vals[5] = { state->profile, (LONG)state->sessions, state->session_start, state->last_written, 0 };
    BYTE *vd = malloc(2 * 2048);
    const BYTE *p;
    WCHAR text[33];
    size_t i;

    if (!vd) return E_OUTOFMEMORY;
    memset(vd, 0, 2 * 2048);
    if (fs_disc_read(disc, (uint32_t)state->session_start + 16, 2, vd)) vals[4] = 1;   /* unreadable: still a signature */
    p = (const BYTE *)vals;
    for (i = 0; i < sizeof(vals); i++) { h1 = (h1 ^ p[i]) * 0x100000001b3ULL; h2 = (h2 ^ p[i]) * 0x100000001b3ULL + 1; }
    for (i = 0; i < 2 * 2048; i++) { h1 = (h1 ^ vd[i]) * 0x100000001b3ULL; h2 = (h2 ^ vd[i]) * 0x100000001b3ULL + 1; }
    free(vd);
    swprintf(text, 33, L"%08lX%08lX%08lX%08lX", (unsigned long)(h1 >> 32), (unsigned long)h1,
             (unsigned long)(h2 >> 32), (unsigned long)h2);
    return (*out = SysAllocString(text)) ? S_OK : E_OUTOFMEMORY;
}

/* ---- IFsiFileItem::Data of an imported file: a read-only IStream over its core
 * source (the bytes come from the disc through the same READ(10) path) ---- */

struct disc_stream
{
    IStream IStream_iface;
    LONG ref;
    fs_data_source src;        /* addref'ed */
    core_stream *core;
    ULONGLONG pos;
};

static struct disc_stream *disc_stream_impl(IStream *iface) { return CONTAINING_RECORD(iface, struct disc_stream, IStream_iface); }

static HRESULT WINAPI disc_stream_QueryInterface(IStream *iface, REFIID riid, void **ppv)
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

static ULONG WINAPI disc_stream_AddRef(IStream *iface)
{
    ULONG ref = InterlockedIncrement(&disc_stream_impl(iface)->ref);
    TRACE("(%p) ref %lu\n", iface, ref);
    return ref;
}

static ULONG WINAPI disc_stream_Release(IStream *iface)
{
    struct disc_stream *s = disc_stream_impl(iface);
    ULONG ref = InterlockedDecrement(&s->ref);
    TRACE("(%p) ref %lu\n", iface, ref);
    if (!ref)
    {
        s->core->ops->close(s->core);
        if (s->src.release) s->src.release(s->src.ctx);
        free(s);
    }
    return ref;
}

static HRESULT WINAPI disc_stream_Read(IStream *iface, void *buf, ULONG len, ULONG *read)
{
    struct disc_stream *s = disc_stream_impl(iface);
    size_t done = 0;
    TRACE("(%p)->(%p %lu %p)\n", iface, buf, len, read);
    if (read) *read = 0;
    if (s->core->ops->seek(s->core, s->pos) || s->core->ops->read(s->core, buf, len, &done))
        return IMAPI_E_IMPORT_READ_FAILURE;
    s->pos += done;
    if (read) *read = (ULONG)done;
    return S_OK;
}

static HRESULT WINAPI disc_stream_Write(IStream *iface, const void *buf, ULONG len, ULONG *written)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, buf, len, written);
    return STG_E_ACCESSDENIED;
}

static HRESULT WINAPI disc_stream_Seek(IStream *iface, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *pos)
{
    struct disc_stream *s = disc_stream_impl(iface);
    LONGLONG base;
    TRACE("(%p)->(%s %lu %p)\n", iface, wine_dbgstr_longlong(move.QuadPart), origin, pos);
    switch (origin)
    {
    case STREAM_SEEK_SET: base = 0; break;
    case STREAM_SEEK_CUR: base = (LONGLONG)s->pos; break;
    case STREAM_SEEK_END: base = (LONGLONG)s->src.size; break;
    default: return STG_E_INVALIDFUNCTION;
    }
    if (base + move.QuadPart < 0) return STG_E_INVALIDFUNCTION;
    s->pos = (ULONGLONG)(base + move.QuadPart);
    if (pos) pos->QuadPart = s->pos;
    return S_OK;
}

static HRESULT WINAPI disc_stream_SetSize(IStream *iface, ULARGE_INTEGER size)
{
    TRACE("(%p)->(%s)\n", iface, wine_dbgstr_longlong(size.QuadPart));
    return STG_E_ACCESSDENIED;
}

static HRESULT WINAPI disc_stream_CopyTo(IStream *iface, IStream *to, ULARGE_INTEGER cb, ULARGE_INTEGER *read,
                                         ULARGE_INTEGER *written)
{
    BYTE buf[16384];
    ULONGLONG total = 0, wtotal = 0;
    HRESULT hr = S_OK;

    TRACE("(%p)->(%p %s %p %p)\n", iface, to, wine_dbgstr_longlong(cb.QuadPart), read, written);
    if (!to) return STG_E_INVALIDPOINTER;
    while (total < cb.QuadPart)
    {
        ULONG n = 0, w = 0, want = (ULONG)min(sizeof(buf), cb.QuadPart - total);
        if (FAILED(hr = IStream_Read(iface, buf, want, &n)) || !n) break;
        total += n;
        if (FAILED(hr = IStream_Write(to, buf, n, &w))) break;
        wtotal += w;
    }
    if (read) read->QuadPart = total;
    if (written) written->QuadPart = wtotal;
    return hr;
}

static HRESULT WINAPI disc_stream_Commit(IStream *iface, DWORD flags)
{
    TRACE("(%p)->(%#lx)\n", iface, flags);
    return S_OK;
}

static HRESULT WINAPI disc_stream_Revert(IStream *iface)
{
    TRACE("(%p)\n", iface);
    return S_OK;
}

static HRESULT WINAPI disc_stream_LockRegion(IStream *iface, ULARGE_INTEGER offset, ULARGE_INTEGER cb, DWORD type)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(offset.QuadPart), wine_dbgstr_longlong(cb.QuadPart), type);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI disc_stream_UnlockRegion(IStream *iface, ULARGE_INTEGER offset, ULARGE_INTEGER cb, DWORD type)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(offset.QuadPart), wine_dbgstr_longlong(cb.QuadPart), type);
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI disc_stream_Stat(IStream *iface, STATSTG *st, DWORD flags)
{
    struct disc_stream *s = disc_stream_impl(iface);
    TRACE("(%p)->(%p %#lx)\n", iface, st, flags);
    if (!st) return STG_E_INVALIDPOINTER;
    memset(st, 0, sizeof(*st));
    st->type = STGTY_STREAM;
    st->cbSize.QuadPart = s->src.size;
    st->grfMode = STGM_READ;
    return S_OK;
}

static HRESULT WINAPI disc_stream_Clone(IStream *iface, IStream **out)
{
    struct disc_stream *s = disc_stream_impl(iface);
    HRESULT hr;
    TRACE("(%p)->(%p)\n", iface, out);
    if (!out) return STG_E_INVALIDPOINTER;
    if (SUCCEEDED(hr = fsi_import_data_stream(&s->src, out))) disc_stream_impl(*out)->pos = s->pos;
    return hr;
}

static const IStreamVtbl disc_stream_vtbl =
{
    disc_stream_QueryInterface, disc_stream_AddRef, disc_stream_Release, disc_stream_Read, disc_stream_Write,
    disc_stream_Seek, disc_stream_SetSize, disc_stream_CopyTo, disc_stream_Commit, disc_stream_Revert,
    disc_stream_LockRegion, disc_stream_UnlockRegion, disc_stream_Stat, disc_stream_Clone
};

HRESULT fsi_import_data_stream(const fs_data_source *src, IStream **out)
{
    struct disc_stream *s;

    *out = NULL;
    if (!(s = calloc(1, sizeof(*s)))) return E_OUTOFMEMORY;
    if (src->open(src->ctx, &s->core))
    {
        free(s);
        return IMAPI_E_IMPORT_READ_FAILURE;
    }
    s->IStream_iface.lpVtbl = &disc_stream_vtbl;
    s->ref = 1;
    s->src = *src;
    if (s->src.addref) s->src.addref(s->src.ctx);
    *out = &s->IStream_iface;
    return S_OK;
}
