/*
 * Conformance tests of MsftDiscFormat2Data (IDiscFormat2Data, IDiscFormat2, IBurnVerification,
 * DDiscFormat2DataEvents with IDiscFormat2DataEventArgs), the IDiscFormat2 base of the other
 * three formats, IWriteSpeedDescriptor and the IMultisession objects, on the emulated
 * recorders of winetest/setup-recorders.sh (read only) and on private copies (emu_clone.h)
 * for everything that writes. A copy of the Empty recorder gets other blank media by
 * writing its state.txt (core/vdrive/README.md: the state format).
 *
 * End to end: an image of a small tree built with IMAPI2FS is burned with
 * IDiscFormat2Data::Write, read back with READ(10) through IDiscRecorder2Ex, compared with
 * the image stream, and kept as %IMAPI_TEST_TMP%\fscom-burned-<media>.iso with a line in
 * fscom-images.txt, so tests/fscom/verify_images.sh judges it with independent readers.
 */
#include <initguid.h>
#include "test.h"
#include <ocidl.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"
#include "emu_clone.h"
#include "emu_media.h"

static WCHAR tmp_dir[MAX_PATH];
static char unix_tmp[MAX_PATH];

/* ---- recorders ---- */

/* A private recorder with blank `media` (vdrive media name) of `capacity` blocks: a copy
 * of Empty whose state.txt is replaced. overwrite: formatted overwritable media. */
/* An emulated recorder's state.txt with a blank medium in a closed tray (what vdrive's
 * insert writes); a generation the drive has not seen makes it reload the file. */
static const char *next_fault;   /* a "fault ..." line the next blank state carries (vdrive syntax) */
static const char *next_config;  /* lines the next recorder's config.txt gets (later lines win) */

static void write_blank_state(FILE *f, const char *media, unsigned capacity, BOOL formatted, unsigned long generation)
{
    emu_write_blank_state(f, media, capacity, formatted, generation, next_fault);
}

static IDiscRecorder2 *make_recorder(const char *clone, const char *media, unsigned capacity, BOOL formatted)
{
    char path[MAX_PATH], dir[MAX_PATH];
    IDiscRecorder2 *r;
    LONG index;
    FILE *f;
    BSTR id;

    if (!emu_clone("Empty", clone, &id, &index)) return NULL;
    GetEnvironmentVariableA("IMAPI_TEST_TMP_WIN", dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s\\%s\\state.txt", dir, clone);
    f = fopen(path, "wb");
    ok(f != NULL, "cannot write %s\n", path);
    if (!f)
    {
        SysFreeString(id);
        return NULL;
    }
    write_blank_state(f, media, capacity, formatted, 100);
    fclose(f);
    if (next_config)
    {
        snprintf(path, sizeof(path), "%s\\%s\\config.txt", dir, clone);
        f = fopen(path, "ab");
        ok(f != NULL, "cannot append to %s\n", path);
        if (f)
        {
            fputs(next_config, f);
            fclose(f);
        }
    }
    r = emu_open_id(id);
    SysFreeString(id);
    return r;
}

static IDiscRecorder2Ex *ex_of(IDiscRecorder2 *r)
{
    IDiscRecorder2Ex *ex = NULL;
    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    return ex;
}

static IDiscFormat2Data *new_data(IDiscRecorder2 *r)
{
    IDiscFormat2Data *d = NULL;
    BSTR name;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_MsftDiscFormat2Data, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2Data, (void **)&d);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscFormat2Data) %08lx\n", hr);
    if (!d || !r) return d;
    hr = IDiscFormat2Data_put_Recorder(d, r);
    ok(hr == S_OK, "put_Recorder %08lx\n", hr);
    name = SysAllocString(L"winetest format_data");
    hr = IDiscFormat2Data_put_ClientName(d, name);
    ok(hr == S_OK, "put_ClientName %08lx\n", hr);
    SysFreeString(name);
    return d;
}

/* A stream of zeros of a given size (Read, Seek, Stat; MsftStreamZero is not there yet). */
struct zstream
{
    IStream IStream_iface;
    LONG ref;
    ULONGLONG size, pos;
};

static struct zstream *zs_from(IStream *iface) { return CONTAINING_RECORD(iface, struct zstream, IStream_iface); }

static HRESULT WINAPI zs_QueryInterface(IStream *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IStream) || IsEqualIID(riid, &IID_ISequentialStream))
    {
        *ppv = iface;
        IStream_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI zs_AddRef(IStream *iface) { return InterlockedIncrement(&zs_from(iface)->ref); }
static ULONG WINAPI zs_Release(IStream *iface)
{
    LONG ref = InterlockedDecrement(&zs_from(iface)->ref);
    if (!ref) free(zs_from(iface));
    return ref;
}
static HRESULT WINAPI zs_Read(IStream *iface, void *buf, ULONG len, ULONG *done)
{
    struct zstream *z = zs_from(iface);
    ULONG n = (ULONG)min((ULONGLONG)len, z->size - z->pos);
    memset(buf, 0, n);
    z->pos += n;
    if (done) *done = n;
    return S_OK;
}
static HRESULT WINAPI zs_Write(IStream *iface, const void *buf, ULONG len, ULONG *done) { return STG_E_ACCESSDENIED; }
static HRESULT WINAPI zs_Seek(IStream *iface, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *pos)
{
    struct zstream *z = zs_from(iface);
    LONGLONG base = origin == STREAM_SEEK_SET ? 0 : origin == STREAM_SEEK_CUR ? (LONGLONG)z->pos : (LONGLONG)z->size;
    if (base + move.QuadPart < 0) return STG_E_INVALIDFUNCTION;
    z->pos = base + move.QuadPart;
    if (pos) pos->QuadPart = z->pos;
    return S_OK;
}
static HRESULT WINAPI zs_SetSize(IStream *iface, ULARGE_INTEGER size) { return E_NOTIMPL; }
static HRESULT WINAPI zs_CopyTo(IStream *iface, IStream *to, ULARGE_INTEGER cb, ULARGE_INTEGER *r, ULARGE_INTEGER *w)
{ return E_NOTIMPL; }
static HRESULT WINAPI zs_Commit(IStream *iface, DWORD flags) { return S_OK; }
static HRESULT WINAPI zs_Revert(IStream *iface) { return S_OK; }
static HRESULT WINAPI zs_LockRegion(IStream *iface, ULARGE_INTEGER o, ULARGE_INTEGER cb, DWORD t) { return E_NOTIMPL; }
static HRESULT WINAPI zs_UnlockRegion(IStream *iface, ULARGE_INTEGER o, ULARGE_INTEGER cb, DWORD t) { return E_NOTIMPL; }
static HRESULT WINAPI zs_Stat(IStream *iface, STATSTG *st, DWORD flags)
{
    memset(st, 0, sizeof(*st));
    st->type = STGTY_STREAM;
    st->cbSize.QuadPart = zs_from(iface)->size;
    return S_OK;
}
static HRESULT WINAPI zs_Clone(IStream *iface, IStream **out) { return E_NOTIMPL; }

static const IStreamVtbl zs_vtbl =
{
    zs_QueryInterface, zs_AddRef, zs_Release, zs_Read, zs_Write, zs_Seek, zs_SetSize, zs_CopyTo, zs_Commit,
    zs_Revert, zs_LockRegion, zs_UnlockRegion, zs_Stat, zs_Clone
};

static IStream *zero_stream(ULONGLONG bytes)
{
    struct zstream *z = calloc(1, sizeof(*z));
    z->IStream_iface.lpVtbl = &zs_vtbl;
    z->ref = 1;
    z->size = bytes;
    return &z->IStream_iface;
}

static LONG data_long(IDiscFormat2Data *d, HRESULT (WINAPI *get)(IDiscFormat2Data *, LONG *), HRESULT *hr)
{
    LONG v = 0x7eadbeef;
    *hr = get(d, &v);
    return v;
}

#define GET_LONG(d, member, hr) data_long(d, (d)->lpVtbl->get_##member, hr)

static ULONG media_state(IDiscFormat2Data *d)
{
    IMAPI_FORMAT2_DATA_MEDIA_STATE s = 0;
    HRESULT hr = IDiscFormat2Data_get_CurrentMediaStatus(d, &s);
    ok(hr == S_OK, "CurrentMediaStatus %08lx\n", hr);
    return s;
}

/* ---- event sink ---- */

struct sink
{
    IDispatch IDispatch_iface;
    unsigned calls, bad;
    int actions[64];
    unsigned nactions;
    BOOL cancel_when_writing;
    HRESULT cancel_hr;
    LONG last_written, start, count;
    const char *flip_file;      /* when verification starts, flip one byte of this disc image */
    LONGLONG flip_offset;
    BOOL flipped;
    DWORD thread;               /* the thread that advised: Update must come on it */
    IDiscRecorder2Ex *probe;    /* ask the drive's buffer fill (READ BUFFER CAPACITY) while writing */
    LONG min_fill, max_fill, fill_samples, max_used;
};

/* The drive's write buffer: bytes waiting to be recorded, or -1. */
static LONG drive_buffer_fill(IDiscRecorder2Ex *ex)
{
    BYTE cdb[10] = { 0x5C }, sense[18], d[12];
    ULONG fetched = 0;
    cdb[8] = sizeof(d);
    if (IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 10, sense, 20, d, sizeof(d), &fetched) != S_OK
        || fetched < sizeof(d))
        return -1;
    return (LONG)(((ULONG)d[4] << 24 | d[5] << 16 | d[6] << 8 | d[7]) - ((ULONG)d[8] << 24 | d[9] << 16 | d[10] << 8 | d[11]));
}

/* Inverts one byte of a file (the emulated disc's backing image). */
static BOOL flip_byte(const char *path, LONGLONG offset)
{
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, 0, NULL);
    LARGE_INTEGER at;
    BYTE b = 0;
    DWORD done = 0;
    BOOL good;
    if (h == INVALID_HANDLE_VALUE) return FALSE;
    at.QuadPart = offset;
    good = SetFilePointerEx(h, at, NULL, FILE_BEGIN) && ReadFile(h, &b, 1, &done, NULL) && done == 1;
    b ^= 0xFF;
    good = good && SetFilePointerEx(h, at, NULL, FILE_BEGIN) && WriteFile(h, &b, 1, &done, NULL) && done == 1;
    CloseHandle(h);
    return good;
}

static struct sink *sink_from(IDispatch *iface) { return CONTAINING_RECORD(iface, struct sink, IDispatch_iface); }

static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch)
        || IsEqualIID(riid, &IID_DDiscFormat2DataEvents))
    {
        *ppv = iface;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI sink_AddRef(IDispatch *iface) { return 2; }
static ULONG WINAPI sink_Release(IDispatch *iface) { return 1; }
static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *n) { return E_NOTIMPL; }
static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT i, LCID l, ITypeInfo **t) { return E_NOTIMPL; }
static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d)
{ return E_NOTIMPL; }

static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    struct sink *s = sink_from(iface);
    IDiscFormat2DataEventArgs *args = NULL;
    IDiscFormat2Data *format = NULL;
    IMAPI_FORMAT2_DATA_WRITE_ACTION action = -1;
    LONG start = 0, count = 0, read = 0, written = 0, total = 0, used = 0, avail = 0, el = 0, rem = 0, tot = 0;

    s->calls++;
    ok(GetCurrentThreadId() == s->thread, "Update fired on thread %04lx, not on the caller's %04lx\n",
       GetCurrentThreadId(), s->thread);
    if (id != DISPID_DDISCFORMAT2DATAEVENTS_UPDATE || params->cArgs != 2
        || V_VT(&params->rgvarg[0]) != VT_DISPATCH || V_VT(&params->rgvarg[1]) != VT_DISPATCH)
    {
        s->bad++;
        return S_OK;
    }
    /* arguments come last first */
    if (FAILED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[0]), &IID_IDiscFormat2DataEventArgs,
                                        (void **)&args))
        || FAILED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[1]), &IID_IDiscFormat2Data,
                                           (void **)&format)))
    {
        s->bad++;
        if (args) IDiscFormat2DataEventArgs_Release(args);
        return S_OK;
    }
    if (IDiscFormat2DataEventArgs_get_CurrentAction(args, &action) != S_OK
        || IDiscFormat2DataEventArgs_get_StartLba(args, &start) != S_OK
        || IDiscFormat2DataEventArgs_get_SectorCount(args, &count) != S_OK
        || IDiscFormat2DataEventArgs_get_LastReadLba(args, &read) != S_OK
        || IDiscFormat2DataEventArgs_get_LastWrittenLba(args, &written) != S_OK
        || IDiscFormat2DataEventArgs_get_TotalSystemBuffer(args, &total) != S_OK
        || IDiscFormat2DataEventArgs_get_UsedSystemBuffer(args, &used) != S_OK
        || IDiscFormat2DataEventArgs_get_FreeSystemBuffer(args, &avail) != S_OK
        || IDiscFormat2DataEventArgs_get_ElapsedTime(args, &el) != S_OK
        || IDiscFormat2DataEventArgs_get_RemainingTime(args, &rem) != S_OK
        || IDiscFormat2DataEventArgs_get_TotalTime(args, &tot) != S_OK)
        s->bad++;
    if (total != used + avail || used < 0 || el < 0 || rem < 0) s->bad++;
    if (action == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA)
    {
        if (written >= start + count || read >= start + count) s->bad++;
        s->last_written = written;
        s->start = start;
        s->count = count;
        if (used > s->max_used) s->max_used = used;
        if (s->probe && written >= start)
        {
            /* after the first WRITE: what the drive still holds to record */
            LONG fill = drive_buffer_fill(s->probe);
            if (!s->fill_samples++ || fill < s->min_fill) s->min_fill = fill;
            if (fill > s->max_fill) s->max_fill = fill;
        }
        if (s->cancel_when_writing && !s->cancel_hr) s->cancel_hr = IDiscFormat2Data_CancelWrite(format);
    }
    if (action == IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING && s->flip_file && !s->flipped)
        s->flipped = flip_byte(s->flip_file, s->flip_offset);
    if (s->nactions < ARRAYSIZE(s->actions)
        && (!s->nactions || s->actions[s->nactions - 1] != (int)action))
        s->actions[s->nactions++] = action;
    IDiscFormat2DataEventArgs_Release(args);
    IDiscFormat2Data_Release(format);
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo,
    sink_GetIDsOfNames, sink_Invoke
};

static IConnectionPoint *advise(IDiscFormat2Data *d, struct sink *s, DWORD *cookie)
{
    IConnectionPointContainer *cpc;
    IConnectionPoint *cp = NULL;
    HRESULT hr;

    s->IDispatch_iface.lpVtbl = &sink_vtbl;
    s->thread = GetCurrentThreadId();
    hr = IDiscFormat2Data_QueryInterface(d, &IID_IConnectionPointContainer, (void **)&cpc);
    ok(hr == S_OK, "no IConnectionPointContainer %08lx\n", hr);
    if (FAILED(hr)) return NULL;
    hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DDiscFormat2DataEvents, &cp);
    ok(hr == S_OK, "FindConnectionPoint %08lx\n", hr);
    IConnectionPointContainer_Release(cpc);
    if (cp && FAILED(hr = IConnectionPoint_Advise(cp, (IUnknown *)&s->IDispatch_iface, cookie)))
    {
        ok(0, "Advise %08lx\n", hr);
        IConnectionPoint_Release(cp);
        cp = NULL;
    }
    return cp;
}

static void unadvise(IConnectionPoint *cp, DWORD cookie)
{
    if (!cp) return;
    IConnectionPoint_Unadvise(cp, cookie);
    IConnectionPoint_Release(cp);
}

/* ---- images ---- */

static void write_file(const WCHAR *dir, const WCHAR *name, const char *data, size_t len)
{
    WCHAR path[MAX_PATH];
    DWORD done;
    HANDLE h;

    swprintf(path, MAX_PATH, L"%ls\\%ls", dir, name);
    h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) return;
    WriteFile(h, data, (DWORD)len, &done, NULL);
    CloseHandle(h);
}

/* A small tree %IMAPI_TEST_TMP_WIN%\<name> (distinct content per name). */
static void make_tree(const WCHAR *name, WCHAR *out)
{
    WCHAR sub[MAX_PATH];
    char *big;
    size_t i;

    swprintf(out, MAX_PATH, L"%ls\\%ls", tmp_dir, name);
    CreateDirectoryW(out, NULL);
    write_file(out, L"readme.txt", "burned by winetest format_data\n", 31);
    swprintf(sub, MAX_PATH, L"%ls\\sub", out);
    CreateDirectoryW(sub, NULL);
    big = malloc(200000);
    for (i = 0; i < 200000; i++) big[i] = (char)(i * 7 + name[0] + (i >> 9));
    write_file(sub, L"data.bin", big, 200000);
    free(big);
    write_file(sub, name, "name\n", 5);
}

/* The image stream of a tree (ISO 9660 + Joliet), or NULL. */
static IStream *tree_image(const WCHAR *src, LONG session_start)
{
    IFileSystemImage *image = NULL;
    IFsiDirectoryItem *root = NULL;
    IFileSystemImageResult *result = NULL;
    IStream *stream = NULL;
    BSTR b;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_MsftFileSystemImage, NULL, CLSCTX_INPROC_SERVER, &IID_IFileSystemImage,
                          (void **)&image);
    ok(hr == S_OK, "MsftFileSystemImage %08lx\n", hr);
    if (FAILED(hr)) return NULL;
    IFileSystemImage_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemJoliet);
    if (session_start > 0)
    {
        hr = IFileSystemImage_put_SessionStartBlock(image, session_start);
        ok(hr == S_OK, "put_SessionStartBlock %08lx\n", hr);
    }
    hr = IFileSystemImage_get_Root(image, &root);
    ok(hr == S_OK, "get_Root %08lx\n", hr);
    b = SysAllocString(src);
    if (root) hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree %08lx\n", hr);
    SysFreeString(b);
    if (SUCCEEDED(hr)) hr = IFileSystemImage_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %08lx\n", hr);
    if (result)
    {
        hr = IFileSystemImageResult_get_ImageStream(result, &stream);
        ok(hr == S_OK, "ImageStream %08lx\n", hr);
        IFileSystemImageResult_Release(result);
    }
    if (root) IFsiDirectoryItem_Release(root);
    IFileSystemImage_Release(image);
    return stream;
}

static ULONGLONG stream_size(IStream *s)
{
    STATSTG st;
    memset(&st, 0, sizeof(st));
    IStream_Stat(s, &st, STATFLAG_NONAME);
    return st.cbSize.QuadPart;
}

static HRESULT read10(IDiscRecorder2Ex *ex, LONG lba, ULONG blocks, BYTE *buf)
{
    BYTE cdb[10] = { 0x28 }, sense[18];
    ULONG fetched = 0;
    HRESULT hr;

    cdb[2] = lba >> 24; cdb[3] = lba >> 16; cdb[4] = lba >> 8; cdb[5] = lba;
    cdb[7] = blocks >> 8; cdb[8] = blocks;
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 10, sense, 20, buf, blocks * 2048, &fetched);
    return hr == S_OK && fetched == blocks * 2048 ? S_OK : (hr == S_OK ? E_FAIL : hr);
}

/* Reads `blocks` blocks from `lba` back, compares them with `image` and, with `iso`, keeps
 * them as %IMAPI_TEST_TMP%\<iso> listed in fscom-images.txt with its source tree. */
static void check_burned(IDiscRecorder2 *r, LONG lba, IStream *image, const char *iso, const WCHAR *src)
{
    IDiscRecorder2Ex *ex = ex_of(r);
    ULONGLONG bytes = stream_size(image);
    ULONG blocks = (ULONG)(bytes / 2048), done, n, got;
    BYTE *disc = malloc(32 * 2048), *want = malloc(32 * 2048);
    LARGE_INTEGER zero;
    unsigned mismatches = 0;
    FILE *out = NULL;
    HRESULT hr = S_OK;
    char path[MAX_PATH];

    if (iso)
    {
        snprintf(path, sizeof(path), "%ls\\%s", tmp_dir, iso);
        out = fopen(path, "wb");
        ok(out != NULL, "cannot write %s\n", path);
    }
    zero.QuadPart = 0;
    IStream_Seek(image, zero, STREAM_SEEK_SET, NULL);
    for (done = 0; ex && done < blocks && SUCCEEDED(hr); done += n)
    {
        n = min(32, blocks - done);
        hr = read10(ex, lba + done, n, disc);
        ok(hr == S_OK, "READ(10) of %lu blocks at %ld: %08lx\n", n, lba + done, hr);
        got = 0;
        IStream_Read(image, want, n * 2048, &got);
        if (SUCCEEDED(hr) && (got != n * 2048 || memcmp(disc, want, n * 2048))) mismatches++;
        if (SUCCEEDED(hr) && out) fwrite(disc, 2048, n, out);
    }
    ok(mismatches == 0, "%u chunks of the disc differ from the image\n", mismatches);
    if (out)
    {
        FILE *manifest;
        char src_unix[MAX_PATH];
        fclose(out);
        /* the source tree's Unix path: <IMAPI_TEST_TMP>/<last component> */
        snprintf(src_unix, sizeof(src_unix), "%s/%ls", unix_tmp, wcsrchr(src, '\\') + 1);
        snprintf(path, sizeof(path), "%ls\\fscom-images.txt", tmp_dir);
        if ((manifest = fopen(path, "a")))
        {
            fprintf(manifest, "%s %s\n", iso, src_unix);
            fclose(manifest);
        }
    }
    free(disc);
    free(want);
    if (ex) IDiscRecorder2Ex_Release(ex);
}

/* ---- tests ---- */

static void test_no_recorder(void)
{
    IDiscFormat2Data *d = new_data(NULL);
    IBurnVerification *verify = NULL;
    IMAPI_BURN_VERIFICATION_LEVEL level = -1;
    IMAPI_FORMAT2_DATA_MEDIA_STATE state;
    IMAPI_MEDIA_PHYSICAL_TYPE type;
    IDiscRecorder2 *rec = (void *)0xdeadbeef;
    VARIANT_BOOL vb;
    SAFEARRAY *sa;
    IStream *s;
    BSTR b;
    HRESULT hr;
    LONG l;

    if (!d) return;
    hr = IDiscFormat2Data_get_Recorder(d, &rec);
    ok(hr == S_OK && rec == NULL, "get_Recorder before put: %08lx %p\n", hr, rec);
    hr = IDiscFormat2Data_get_ClientName(d, &b);
    ok(hr == S_OK && b && !*b, "ClientName before put: %08lx %s\n", hr, wine_dbgstr_w(b));
    SysFreeString(b);
    hr = IDiscFormat2Data_get_CurrentMediaStatus(d, &state);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "CurrentMediaStatus without recorder: %08lx\n", hr);
    hr = IDiscFormat2Data_get_CurrentPhysicalMediaType(d, &type);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "CurrentPhysicalMediaType without recorder: %08lx\n", hr);
    hr = IDiscFormat2Data_get_MediaPhysicallyBlank(d, &vb);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "MediaPhysicallyBlank without recorder: %08lx\n", hr);
    hr = IDiscFormat2Data_get_MediaHeuristicallyBlank(d, &vb);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "MediaHeuristicallyBlank without recorder: %08lx\n", hr);
    hr = IDiscFormat2Data_get_SupportedMediaTypes(d, &sa);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "SupportedMediaTypes without recorder: %08lx\n", hr);
    GET_LONG(d, FreeSectorsOnMedia, &hr);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "FreeSectorsOnMedia without recorder: %08lx\n", hr);
    hr = IDiscFormat2Data_get_SupportedWriteSpeeds(d, &sa);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "SupportedWriteSpeeds without recorder: %08lx\n", hr);
    hr = IDiscFormat2Data_SetWriteSpeed(d, -1, VARIANT_FALSE);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "SetWriteSpeed without recorder: %08lx\n", hr);
    hr = IDiscFormat2Data_get_MultisessionInterfaces(d, &sa);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "MultisessionInterfaces without recorder: %08lx\n", hr);
    l = GET_LONG(d, RequestedWriteSpeed, &hr);
    ok(hr == S_OK && l == -1, "RequestedWriteSpeed default %08lx %ld\n", hr, l);
    hr = IDiscFormat2Data_get_RequestedRotationTypeIsPureCAV(d, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "RequestedRotationTypeIsPureCAV default %08lx %d\n", hr, vb);
    hr = IDiscFormat2Data_CancelWrite(d);
    ok(hr == E_IMAPI_DF2DATA_WRITE_NOT_IN_PROGRESS, "CancelWrite outside a write: %08lx\n", hr);
    hr = IDiscFormat2Data_Write(d, NULL);
    ok(hr == E_POINTER, "Write(NULL) %08lx\n", hr);
    if ((s = zero_stream(2048 * 16)))
    {
        hr = IDiscFormat2Data_Write(d, s);
        ok(hr == E_IMAPI_RECORDER_REQUIRED, "Write without recorder: %08lx\n", hr);
        IStream_Release(s);
    }
    hr = IDiscFormat2Data_put_Recorder(d, NULL);
    ok(hr == E_POINTER, "put_Recorder(NULL) %08lx\n", hr);

    hr = IDiscFormat2Data_QueryInterface(d, &IID_IBurnVerification, (void **)&verify);
    ok(hr == S_OK, "QI(IBurnVerification) %08lx\n", hr);
    if (verify)
    {
        hr = IBurnVerification_get_BurnVerificationLevel(verify, &level);
        ok(hr == S_OK && level == IMAPI_BURN_VERIFICATION_QUICK, "default level %08lx %d\n", hr, level);
        hr = IBurnVerification_put_BurnVerificationLevel(verify, 3);
        ok(hr == E_INVALIDARG, "level 3: %08lx\n", hr);
        hr = IBurnVerification_put_BurnVerificationLevel(verify, IMAPI_BURN_VERIFICATION_FULL);
        ok(hr == S_OK, "level FULL: %08lx\n", hr);
        hr = IBurnVerification_get_BurnVerificationLevel(verify, &level);
        ok(hr == S_OK && level == IMAPI_BURN_VERIFICATION_FULL, "level %08lx %d\n", hr, level);
        IBurnVerification_Release(verify);
    }
    IDiscFormat2Data_Release(d);
}

/* The IDiscFormat2 base of all four formats on the shared recorders. */
static void test_base(void)
{
    static const struct { const CLSID *clsid; const char *name; BOOL blank_cdr; } formats[] =
    {
        { &CLSID_MsftDiscFormat2Data, "Data", TRUE },
        { &CLSID_MsftDiscFormat2TrackAtOnce, "TrackAtOnce", TRUE },
        { &CLSID_MsftDiscFormat2RawCD, "RawCD", TRUE },
        { &CLSID_MsftDiscFormat2Erase, "Erase", FALSE },
    };
    IDiscRecorder2 *cdr = emu_open_named(L"BlankCDR"), *empty = emu_open_named(L"Empty"), *uninit = NULL;
    unsigned i;

    CoCreateInstance(&CLSID_MsftDiscRecorder2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscRecorder2, (void **)&uninit);
    for (i = 0; i < ARRAYSIZE(formats); i++)
    {
        IDiscFormat2 *f = NULL;
        VARIANT_BOOL vb;
        HRESULT hr;

        winetest_push_context("%s", formats[i].name);
        hr = CoCreateInstance(formats[i].clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2, (void **)&f);
        ok(hr == S_OK, "CoCreateInstance %08lx\n", hr);
        if (!f) { winetest_pop_context(); continue; }
        if (uninit)
        {
            vb = VARIANT_TRUE;
            hr = IDiscFormat2_IsRecorderSupported(f, uninit, &vb);
            ok(hr == E_IMAPI_RECORDER_REQUIRED && vb == VARIANT_FALSE, "uninitialized recorder: %08lx %d\n", hr, vb);
        }
        if (cdr)
        {
            vb = VARIANT_FALSE;
            hr = IDiscFormat2_IsRecorderSupported(f, cdr, &vb);
            ok(hr == S_OK && vb == VARIANT_TRUE, "IsRecorderSupported %08lx %d\n", hr, vb);
            vb = 2;
            hr = IDiscFormat2_IsCurrentMediaSupported(f, cdr, &vb);
            ok(hr == S_OK && vb == (formats[i].blank_cdr ? VARIANT_TRUE : VARIANT_FALSE),
               "IsCurrentMediaSupported(blank CD-R) %08lx %d\n", hr, vb);
        }
        if (empty)
        {
            vb = VARIANT_TRUE;
            hr = IDiscFormat2_IsCurrentMediaSupported(f, empty, &vb);
            ok(hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA && vb == VARIANT_FALSE,
               "IsCurrentMediaSupported(no disc) %08lx %d\n", hr, vb);
        }
        IDiscFormat2_Release(f);
        winetest_pop_context();
    }
    if (uninit) IDiscRecorder2_Release(uninit);
    if (cdr) IDiscRecorder2_Release(cdr);
    if (empty) IDiscRecorder2_Release(empty);
}

static void check_multisession(IDiscFormat2Data *d, BOOL random_write, LONG unit)
{
    SAFEARRAY *sa = NULL;
    LONG lo = 1, hi = -1, l;
    VARIANT v;
    HRESULT hr;

    hr = IDiscFormat2Data_get_MultisessionInterfaces(d, &sa);
    ok(hr == S_OK && sa, "MultisessionInterfaces %08lx\n", hr);
    if (!sa) return;
    SafeArrayGetLBound(sa, 1, &lo);
    SafeArrayGetUBound(sa, 1, &hi);
    ok(lo == 0 && hi == 0, "MultisessionInterfaces bounds %ld..%ld\n", lo, hi);
    l = 0;
    VariantInit(&v);
    hr = SafeArrayGetElement(sa, &l, &v);
    ok(hr == S_OK && V_VT(&v) == VT_DISPATCH, "element %08lx vt %d\n", hr, V_VT(&v));
    if (hr == S_OK && V_VT(&v) == VT_DISPATCH)
    {
        IMultisessionSequential2 *seq = NULL;
        IMultisessionRandomWrite *rw = NULL;
        IDiscRecorder2 *imp = NULL;
        IMultisession *ms = NULL;
        VARIANT_BOOL vb;

        IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IMultisession, (void **)&ms);
        ok(ms != NULL, "no IMultisession\n");
        IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IMultisessionSequential2, (void **)&seq);
        IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IMultisessionRandomWrite, (void **)&rw);
        ok(random_write ? rw && !seq : seq && !rw, "wrong multisession type (sequential %p, random %p)\n", seq, rw);
        if (ms)
        {
            hr = IMultisession_get_InUse(ms, &vb);
            ok(hr == S_OK && vb == VARIANT_FALSE, "InUse default %08lx %d\n", hr, vb);
            hr = IMultisession_put_InUse(ms, VARIANT_TRUE);
            ok(hr == S_OK, "put_InUse %08lx\n", hr);
            hr = IMultisession_get_ImportRecorder(ms, &imp);
            ok(hr == S_OK && imp, "ImportRecorder %08lx\n", hr);
            if (imp) IDiscRecorder2_Release(imp);
            hr = IMultisession_get_IsSupportedOnCurrentMediaState(ms, &vb);
            ok(hr == S_OK && vb == VARIANT_TRUE, "IsSupportedOnCurrentMediaState %08lx %d\n", hr, vb);
            IMultisession_Release(ms);
        }
        if (seq)
        {
            LONG nwa_d = GET_LONG(d, NextWritableAddress, &hr), nwa = -5, free_d, free_ms = -5;
            hr = IMultisessionSequential2_get_NextWritableAddress(seq, &nwa);
            ok(hr == S_OK && nwa == nwa_d, "sequential NWA %08lx %ld, format says %ld\n", hr, nwa, nwa_d);
            free_d = GET_LONG(d, FreeSectorsOnMedia, &hr);
            hr = IMultisessionSequential2_get_FreeSectorsOnMedia(seq, &free_ms);
            ok(hr == S_OK && free_ms > 0 && free_ms >= free_d - 150, "sequential free %08lx %ld (%ld)\n", hr, free_ms, free_d);
            hr = IMultisessionSequential2_get_WriteUnitSize(seq, &l);
            ok(hr == S_OK && l == unit, "WriteUnitSize %08lx %ld, want %ld\n", hr, l, unit);
            IMultisessionSequential2_Release(seq);
        }
        if (rw)
        {
            LONG total_d = GET_LONG(d, TotalSectorsOnMedia, &hr);
            hr = IMultisessionRandomWrite_get_TotalSectorsOnMedia(rw, &l);
            ok(hr == S_OK && l == total_d, "random TotalSectorsOnMedia %08lx %ld (%ld)\n", hr, l, total_d);
            hr = IMultisessionRandomWrite_get_WriteUnitSize(rw, &l);
            ok(hr == S_OK && l == unit, "WriteUnitSize %08lx %ld, want %ld\n", hr, l, unit);
            IMultisessionRandomWrite_Release(rw);
        }
    }
    VariantClear(&v);
    SafeArrayDestroy(sa);
}

/* Every property on the shared recorders (nothing written). */
static void test_properties(void)
{
    IDiscRecorder2 *cdr = emu_open_named(L"BlankCDR"), *rw = emu_open_named(L"DVDPlusRW"), *wp = emu_open_named(L"WriteProt");
    IDiscRecorder2 *empty = emu_open_named(L"Empty");
    IMAPI_MEDIA_WRITE_PROTECT_STATE prot;
    IMAPI_MEDIA_PHYSICAL_TYPE type;
    IDiscFormat2Data *d;
    VARIANT_BOOL vb;
    SAFEARRAY *sa;
    HRESULT hr;
    LONG l, total, freesec;
    ULONG state;

    if (cdr && (d = new_data(cdr)))
    {
        IDiscRecorder2 *got = NULL;
        hr = IDiscFormat2Data_get_Recorder(d, &got);
        ok(hr == S_OK && got == cdr, "get_Recorder %08lx %p\n", hr, got);
        if (got) IDiscRecorder2_Release(got);
        state = media_state(d);
        ok((state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) && !(state & 0xfc00), "blank CD-R state %#lx\n", state);
        hr = IDiscFormat2Data_get_CurrentPhysicalMediaType(d, &type);
        ok(hr == S_OK && type == IMAPI_MEDIA_TYPE_CDR, "media type %08lx %d\n", hr, type);
        hr = IDiscFormat2Data_get_MediaPhysicallyBlank(d, &vb);
        ok(hr == S_OK && vb == VARIANT_TRUE, "MediaPhysicallyBlank %08lx %d\n", hr, vb);
        hr = IDiscFormat2Data_get_MediaHeuristicallyBlank(d, &vb);
        ok(hr == S_OK && vb == VARIANT_TRUE, "MediaHeuristicallyBlank %08lx %d\n", hr, vb);
        total = GET_LONG(d, TotalSectorsOnMedia, &hr);
        ok(hr == S_OK && total > 300000, "TotalSectorsOnMedia %08lx %ld\n", hr, total);
        freesec = GET_LONG(d, FreeSectorsOnMedia, &hr);
        ok(hr == S_OK && freesec > 0 && freesec < total, "FreeSectorsOnMedia %08lx %ld (total %ld)\n", hr, freesec, total);
        IDiscFormat2Data_put_PostgapAlreadyInImage(d, VARIANT_TRUE);
        l = GET_LONG(d, FreeSectorsOnMedia, &hr);
        ok(hr == S_OK && l == freesec + 150, "FreeSectorsOnMedia with the post-gap in the image %ld, without %ld\n", l, freesec);
        IDiscFormat2Data_put_PostgapAlreadyInImage(d, VARIANT_FALSE);
        l = GET_LONG(d, NextWritableAddress, &hr);
        ok(hr == S_OK && l == 0, "NextWritableAddress %08lx %ld\n", hr, l);
        l = GET_LONG(d, StartAddressOfPreviousSession, &hr);
        ok(hr == S_OK && l == -1, "StartAddressOfPreviousSession %08lx %ld\n", hr, l);
        l = GET_LONG(d, LastWrittenAddressOfPreviousSession, &hr);
        ok(hr == S_OK && l == -1, "LastWrittenAddressOfPreviousSession %08lx %ld\n", hr, l);
        hr = IDiscFormat2Data_get_WriteProtectStatus(d, &prot);
        ok(hr == S_OK && prot == 0, "WriteProtectStatus %08lx %#x\n", hr, prot);
        hr = IDiscFormat2Data_get_SupportedMediaTypes(d, &sa);
        ok(hr == S_OK && sa, "SupportedMediaTypes %08lx\n", hr);
        if (sa)
        {
            LONG lo, hi, i;
            BOOL has_cdr = FALSE;
            VARIANT v;
            SafeArrayGetLBound(sa, 1, &lo);
            SafeArrayGetUBound(sa, 1, &hi);
            for (i = lo; i <= hi; i++)
            {
                VariantInit(&v);
                SafeArrayGetElement(sa, &i, &v);
                ok(V_VT(&v) == VT_I4, "media type element vt %d\n", V_VT(&v));
                if (V_VT(&v) == VT_I4 && V_I4(&v) == IMAPI_MEDIA_TYPE_CDR) has_cdr = TRUE;
                ok(V_VT(&v) != VT_I4 || (V_I4(&v) != IMAPI_MEDIA_TYPE_CDROM && V_I4(&v) != IMAPI_MEDIA_TYPE_DVDROM),
                   "ROM media type %ld listed\n", V_I4(&v));
            }
            ok(has_cdr, "CD-R not among the %ld supported media types\n", hi - lo + 1);
            SafeArrayDestroy(sa);
        }
        /* speeds */
        hr = IDiscFormat2Data_get_SupportedWriteSpeeds(d, &sa);
        ok(hr == S_OK && sa, "SupportedWriteSpeeds %08lx\n", hr);
        if (sa)
        {
            LONG lo, hi, i, prev = 0x7fffffff, count;
            SAFEARRAY *descs = NULL;
            VARIANT v;
            SafeArrayGetLBound(sa, 1, &lo);
            SafeArrayGetUBound(sa, 1, &hi);
            count = hi - lo + 1;
            ok(count > 0, "no write speeds\n");
            for (i = lo; i <= hi; i++)
            {
                VariantInit(&v);
                SafeArrayGetElement(sa, &i, &v);
                ok(V_VT(&v) == VT_UI4 && (LONG)V_UI4(&v) > 0 && (LONG)V_UI4(&v) < prev, "speed %ld: vt %d %lu\n",
                   i, V_VT(&v), V_UI4(&v));
                prev = V_UI4(&v);
            }
            SafeArrayDestroy(sa);
            hr = IDiscFormat2Data_get_SupportedWriteSpeedDescriptors(d, &descs);
            ok(hr == S_OK && descs, "SupportedWriteSpeedDescriptors %08lx\n", hr);
            if (descs)
            {
                SafeArrayGetUBound(descs, 1, &hi);
                ok(hi + 1 == count, "%ld descriptors for %ld speeds\n", hi + 1, count);
                i = 0;
                VariantInit(&v);
                if (SafeArrayGetElement(descs, &i, &v) == S_OK && V_VT(&v) == VT_DISPATCH)
                {
                    IWriteSpeedDescriptor *wsd = NULL;
                    IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IWriteSpeedDescriptor, (void **)&wsd);
                    ok(wsd != NULL, "no IWriteSpeedDescriptor\n");
                    if (wsd)
                    {
                        hr = IWriteSpeedDescriptor_get_MediaType(wsd, &type);
                        ok(hr == S_OK && type == IMAPI_MEDIA_TYPE_CDR, "descriptor media type %d\n", type);
                        hr = IWriteSpeedDescriptor_get_WriteSpeed(wsd, &l);
                        ok(hr == S_OK && l == prev * 0 + l && l > 0, "descriptor speed %ld\n", l);
                        hr = IWriteSpeedDescriptor_get_RotationTypeIsPureCAV(wsd, &vb);
                        ok(hr == S_OK, "RotationTypeIsPureCAV %08lx\n", hr);
                        ok(IWriteSpeedDescriptor_get_WriteSpeed(wsd, NULL) == E_POINTER, "NULL WriteSpeed\n");
                        IWriteSpeedDescriptor_Release(wsd);
                    }
                }
                else ok(0, "descriptor 0 is not a VT_DISPATCH\n");
                VariantClear(&v);
                SafeArrayDestroy(descs);
            }
        }
        hr = IDiscFormat2Data_SetWriteSpeed(d, 0, VARIANT_FALSE);
        ok(hr == E_INVALIDARG, "SetWriteSpeed(0) %08lx\n", hr);
        hr = IDiscFormat2Data_SetWriteSpeed(d, -1, VARIANT_FALSE);
        ok(hr == S_OK, "SetWriteSpeed(-1) %08lx\n", hr);
        hr = IDiscFormat2Data_SetWriteSpeed(d, 100, VARIANT_FALSE);
        ok(hr == S_IMAPI_SPEEDADJUSTED, "SetWriteSpeed(100) %08lx\n", hr);
        l = GET_LONG(d, RequestedWriteSpeed, &hr);
        ok(hr == S_OK && l == 100, "RequestedWriteSpeed %ld\n", l);
        l = GET_LONG(d, CurrentWriteSpeed, &hr);
        ok(hr == S_OK && l > 0 && l != 100, "CurrentWriteSpeed after asking 100: %08lx %ld\n", hr, l);
        hr = IDiscFormat2Data_get_CurrentRotationTypeIsPureCAV(d, &vb);
        ok(hr == S_OK, "CurrentRotationTypeIsPureCAV %08lx\n", hr);
        check_multisession(d, FALSE, 1);
        /* Recorder stays with the format; a second put with the same recorder is fine */
        hr = IDiscFormat2Data_put_Recorder(d, cdr);
        ok(hr == S_OK, "put_Recorder again %08lx\n", hr);
        IDiscFormat2Data_Release(d);
    }
    if (rw && (d = new_data(rw)))
    {
        state = media_state(d);
        ok((state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY) && !(state & 0xfc00), "DVD+RW state %#lx\n", state);
        hr = IDiscFormat2Data_get_CurrentPhysicalMediaType(d, &type);
        ok(hr == S_OK && type == IMAPI_MEDIA_TYPE_DVDPLUSRW, "media type %08lx %d\n", hr, type);
        total = GET_LONG(d, TotalSectorsOnMedia, &hr);
        freesec = GET_LONG(d, FreeSectorsOnMedia, &hr);
        ok(hr == S_OK && freesec == total && total > 2000000, "DVD+RW free %ld total %ld\n", freesec, total);
        check_multisession(d, TRUE, 16);
        IDiscFormat2Data_Release(d);
    }
    if (wp && (d = new_data(wp)))
    {
        state = media_state(d);
        ok(state & IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED, "write-protected disc state %#lx\n", state);
        hr = IDiscFormat2Data_get_WriteProtectStatus(d, &prot);
        ok(hr == S_OK && prot != 0, "WriteProtectStatus %08lx %#x\n", hr, prot);
        IDiscFormat2Data_Release(d);
    }
    if (empty && (d = new_data(empty)))
    {
        IMAPI_FORMAT2_DATA_MEDIA_STATE s;
        hr = IDiscFormat2Data_get_CurrentMediaStatus(d, &s);
        ok(hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA, "CurrentMediaStatus without a disc %08lx\n", hr);
        hr = IDiscFormat2Data_get_CurrentPhysicalMediaType(d, &type);
        ok(hr == S_OK && type == IMAPI_MEDIA_TYPE_UNKNOWN, "CurrentPhysicalMediaType without a disc %08lx %d\n", hr, type);
        IDiscFormat2Data_Release(d);
    }
    if (cdr) IDiscRecorder2_Release(cdr);
    if (rw) IDiscRecorder2_Release(rw);
    if (wp) IDiscRecorder2_Release(wp);
    if (empty) IDiscRecorder2_Release(empty);
}

/* One burn of a tree: Write with events, then the facts and the bytes. */
static BOOL burn_tree(IDiscRecorder2 *r, IDiscFormat2Data *d, const WCHAR *tree, const char *iso, BOOL sequential)
{
    struct sink sink = {{0}};
    WCHAR src[MAX_PATH];
    IConnectionPoint *cp;
    IStream *image;
    DWORD cookie = 0;
    LONG nwa_before, nwa_after, start;
    ULONGLONG bytes;
    HRESULT hr;
    unsigned i;
    BOOL writing = FALSE, completed = FALSE;

    nwa_before = sequential ? GET_LONG(d, NextWritableAddress, &hr) : 0;
    ok(!sequential || hr == S_OK, "NextWritableAddress before %08lx\n", hr);
    make_tree(tree, src);
    if (!(image = tree_image(src, nwa_before))) return FALSE;
    bytes = stream_size(image);
    ok(bytes && bytes % 2048 == 0, "image of %I64u bytes\n", bytes);
    cp = advise(d, &sink, &cookie);
    hr = IDiscFormat2Data_Write(d, image);
    ok(hr == S_OK, "Write %08lx\n", hr);
    unadvise(cp, cookie);
    ok(sink.calls >= 3 && !sink.bad, "%u events, %u bad\n", sink.calls, sink.bad);
    for (i = 0; i < sink.nactions; i++)
    {
        if (i) ok(sink.actions[i] > sink.actions[i - 1] || sink.actions[i] == IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING
                  || sink.actions[i - 1] == IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING,
                  "action %d after %d\n", sink.actions[i], sink.actions[i - 1]);
        if (sink.actions[i] == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA) writing = TRUE;
        if (sink.actions[i] == IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED) completed = TRUE;
    }
    ok(sink.nactions && sink.actions[0] == IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA,
       "first action %d\n", sink.nactions ? sink.actions[0] : -1);
    ok(writing && completed, "actions: writing %d, completed %d\n", writing, completed);
    {
        IMAPI_MEDIA_PHYSICAL_TYPE type = 0;
        LONG postgap;
        IDiscFormat2Data_get_CurrentPhysicalMediaType(d, &type);
        /* CD: the 150-block post-gap the format appends is part of the write */
        postgap = type == IMAPI_MEDIA_TYPE_CDR || type == IMAPI_MEDIA_TYPE_CDRW ? 150 : 0;
        ok(sink.count == (LONG)(bytes / 2048) + postgap, "SectorCount %ld for %I64u blocks (+%ld)\n", sink.count,
           bytes / 2048, postgap);
    }
    if (hr != S_OK)
    {
        IStream_Release(image);
        return FALSE;
    }
    start = sequential ? nwa_before : 0;
    ok(sink.start == start, "StartLba %ld, want %ld\n", sink.start, start);
    if (sequential)
    {
        ULONG state = media_state(d);
        ok(state & (IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE | IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED),
           "state after the burn %#lx\n", state);
        ok(!(state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK), "still blank after the burn: %#lx\n", state);
        nwa_after = GET_LONG(d, NextWritableAddress, &hr);
        if (state & IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE)
            ok(hr == S_OK && nwa_after >= nwa_before + (LONG)(bytes / 2048), "NWA %ld after %ld + %I64u\n",
               nwa_after, nwa_before, bytes / 2048);
        start = GET_LONG(d, StartAddressOfPreviousSession, &hr);
        ok(hr == S_OK && start == nwa_before, "StartAddressOfPreviousSession %ld, want %ld\n", start, nwa_before);
    }
    check_burned(r, sequential ? nwa_before : 0, image, iso, src);
    IStream_Release(image);
    return TRUE;
}

static void test_burn(void)
{
    static const struct
    {
        const char *media, *clone, *iso;
        unsigned capacity;
        BOOL formatted, sequential, append;
    } profiles[] =
    {
        { "cdr", "FmtCDR", "fscom-burned-cdr.iso", 359849, FALSE, TRUE, TRUE },
        { "cdrw", "FmtCDRW", "fscom-burned-cdrw.iso", 359849, FALSE, TRUE, FALSE },
        { "dvd-r", "FmtDVDR", "fscom-burned-dvdr.iso", 2298496, FALSE, TRUE, FALSE },
        { "dvd+r", "FmtDVDPR", "fscom-burned-dvdplusr.iso", 2295104, FALSE, TRUE, TRUE },
        { "dvd+r-dl", "FmtDVDPRDL", "fscom-burned-dvdplusr-dl.iso", 4173824, FALSE, TRUE, FALSE },
        { "bdr", "FmtBDR", "fscom-burned-bdr.iso", 12219392, FALSE, TRUE, TRUE },
        { "dvd+rw", "FmtDVDPRW", "fscom-burned-dvdplusrw.iso", 2295104, FALSE, FALSE, FALSE },
        { "dvd-ram", "FmtDVDRAM", "fscom-burned-dvdram.iso", 2236704, TRUE, FALSE, FALSE },
        { "dvd-rw-ro", "FmtDVDRWRO", "fscom-burned-dvdrw-ro.iso", 2298496, TRUE, FALSE, FALSE },
        { "bdre", "FmtBDRE", "fscom-burned-bdre.iso", 11826176, FALSE, FALSE, FALSE },
    };
    unsigned i;

    for (i = 0; i < ARRAYSIZE(profiles); i++)
    {
        IDiscRecorder2 *r;
        IDiscFormat2Data *d;
        WCHAR tree[32], tree2[32];

        winetest_push_context("%s", profiles[i].media);
        if (!(r = make_recorder(profiles[i].clone, profiles[i].media, profiles[i].capacity, profiles[i].formatted))
            || !(d = new_data(r)))
        {
            if (r) IDiscRecorder2_Release(r);
            winetest_pop_context();
            continue;
        }
        /* DVD+R: without this the disc is closed in compatible mode (documented table) */
        if (profiles[i].append) IDiscFormat2Data_put_DisableConsumerDvdCompatibilityMode(d, VARIANT_TRUE);
        swprintf(tree, ARRAYSIZE(tree), L"fmt-%hs", profiles[i].clone);
        if (burn_tree(r, d, tree, profiles[i].iso, profiles[i].sequential) && profiles[i].append)
        {
            LONG first_nwa, prev;
            HRESULT hr;

            first_nwa = GET_LONG(d, NextWritableAddress, &hr);
            swprintf(tree2, ARRAYSIZE(tree2), L"fmt-%hs-2", profiles[i].clone);
            if (burn_tree(r, d, tree2, NULL, TRUE))
            {
                prev = GET_LONG(d, StartAddressOfPreviousSession, &hr);
                ok(hr == S_OK && prev == first_nwa && prev > 0, "second session starts at %ld, NWA was %ld\n",
                   prev, first_nwa);
            }
        }
        if (!profiles[i].sequential)
        {
            /* overwrite media: not blank any more, a second write needs ForceOverwrite */
            IStream *s = zero_stream(2048 * 32);
            HRESULT hr;
            VARIANT_BOOL vb;
            hr = IDiscFormat2Data_get_MediaHeuristicallyBlank(d, &vb);
            ok(hr == S_OK && vb == VARIANT_FALSE, "MediaHeuristicallyBlank after the burn %08lx %d\n", hr, vb);
            hr = IDiscFormat2Data_Write(d, s);
            ok(hr == E_IMAPI_DF2DATA_MEDIA_NOT_BLANK, "second Write without ForceOverwrite %08lx\n", hr);
            IDiscFormat2Data_put_ForceOverwrite(d, VARIANT_TRUE);
            hr = IDiscFormat2Data_Write(d, s);
            ok(hr == S_OK, "Write with ForceOverwrite %08lx\n", hr);
            if (s) IStream_Release(s);
        }
        IDiscFormat2Data_Release(d);
        IDiscRecorder2_Release(r);
        winetest_pop_context();
    }
}

/* IBurnVerification: a sector that reads back different from the stream is caught. The
 * sink flips one byte of the emulated disc's image when VERIFYING begins, after every
 * block was written (DVD+R keeps block n at byte n * 2048 of disc.img). */
static void test_verify_flip(void)
{
    static const struct { IMAPI_BURN_VERIFICATION_LEVEL level; const char *clone; LONG block; } cases[] =
    {
        { IMAPI_BURN_VERIFICATION_FULL, "VerifyFull", 37 },   /* FULL reads back every block */
        { IMAPI_BURN_VERIFICATION_QUICK, "VerifyQuick", 16 }, /* QUICK compares sampled blocks, 16 among them */
        { IMAPI_BURN_VERIFICATION_NONE, "VerifyNone", 16 },   /* NONE does not look */
    };
    unsigned i;

    for (i = 0; i < ARRAYSIZE(cases); i++)
    {
        struct sink sink = {{0}};
        IBurnVerification *verify = NULL;
        IConnectionPoint *cp;
        IDiscRecorder2 *r;
        IDiscFormat2Data *d;
        IStream *image;
        DWORD cookie = 0;
        char img[MAX_PATH], dir[MAX_PATH];
        WCHAR src[MAX_PATH], tree[32];
        HRESULT hr, want;

        winetest_push_context("%s", cases[i].clone);
        if (!(r = make_recorder(cases[i].clone, "dvd+r", 2295104, FALSE)) || !(d = new_data(r)))
        {
            if (r) IDiscRecorder2_Release(r);
            winetest_pop_context();
            continue;
        }
        hr = IDiscFormat2Data_QueryInterface(d, &IID_IBurnVerification, (void **)&verify);
        ok(hr == S_OK, "QI(IBurnVerification) %08lx\n", hr);
        if (verify)
        {
            hr = IBurnVerification_put_BurnVerificationLevel(verify, cases[i].level);
            ok(hr == S_OK, "put_BurnVerificationLevel %08lx\n", hr);
            IBurnVerification_Release(verify);
        }
        swprintf(tree, ARRAYSIZE(tree), L"vfy-%hs", cases[i].clone);
        make_tree(tree, src);
        image = tree_image(src, 0);
        GetEnvironmentVariableA("IMAPI_TEST_TMP_WIN", dir, sizeof(dir));
        snprintf(img, sizeof(img), "%s\\%s\\disc.img", dir, cases[i].clone);
        sink.flip_file = img;
        sink.flip_offset = (LONGLONG)cases[i].block * 2048 + 100;
        cp = advise(d, &sink, &cookie);
        hr = image ? IDiscFormat2Data_Write(d, image) : E_FAIL;
        unadvise(cp, cookie);
        want = cases[i].level == IMAPI_BURN_VERIFICATION_NONE ? S_OK : E_IMAPI_BURN_VERIFICATION_FAILED;
        if (cases[i].level == IMAPI_BURN_VERIFICATION_NONE)
            ok(!sink.flipped, "a burn without verification reported VERIFYING\n");
        else
        {
            ok(sink.flipped, "no VERIFYING event, or the disc image could not be changed (%s)\n", img);
            ok(hr == want, "Write with a flipped sector at block %ld returned %08lx, expected %08lx\n",
               cases[i].block, hr, want);
        }
        if (cases[i].level == IMAPI_BURN_VERIFICATION_NONE) ok(hr == S_OK, "Write %08lx\n", hr);
        if (image) IStream_Release(image);
        IDiscFormat2Data_Release(d);
        IDiscRecorder2_Release(r);
        winetest_pop_context();
    }
}

/* DisableConsumerDvdCompatibilityMode x ForceMediaToBeClosed on DVD+R and DVD+R DL, the
 * documented table: only DVD+R with compatibility disabled and no forced close stays
 * appendable; everything else is closed. */
static void test_dvdplusr_closing(void)
{
    static const struct { const char *media, *clone; BOOL disable_compat, force_close, appendable; } cases[] =
    {
        { "dvd+r", "CloseCompat", FALSE, FALSE, FALSE },       /* still closed, in compatible mode */
        { "dvd+r", "CloseCompatForce", FALSE, TRUE, FALSE },
        { "dvd+r", "CloseForce", TRUE, TRUE, FALSE },
        { "dvd+r", "CloseSessionOnly", TRUE, FALSE, TRUE },    /* only the session is closed */
        { "dvd+r-dl", "CloseDL", TRUE, FALSE, FALSE },         /* DL: the disc is closed normally */
    };
    unsigned i;

    for (i = 0; i < ARRAYSIZE(cases); i++)
    {
        IDiscRecorder2 *r;
        IDiscFormat2Data *d;
        WCHAR tree[32];
        ULONG state;

        winetest_push_context("%s %s", cases[i].media, cases[i].clone);
        if (!(r = make_recorder(cases[i].clone, cases[i].media, !strcmp(cases[i].media, "dvd+r") ? 2295104 : 4173824,
                                FALSE)) || !(d = new_data(r)))
        {
            if (r) IDiscRecorder2_Release(r);
            winetest_pop_context();
            continue;
        }
        IDiscFormat2Data_put_DisableConsumerDvdCompatibilityMode(d, cases[i].disable_compat ? VARIANT_TRUE : VARIANT_FALSE);
        IDiscFormat2Data_put_ForceMediaToBeClosed(d, cases[i].force_close ? VARIANT_TRUE : VARIANT_FALSE);
        swprintf(tree, ARRAYSIZE(tree), L"cls-%hs", cases[i].clone);
        if (burn_tree(r, d, tree, NULL, TRUE))
        {
            state = media_state(d);
            if (cases[i].appendable)
                ok((state & IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE) && !(state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED),
                   "state %#lx, expected appendable\n", state);
            else
                ok((state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED) && !(state & IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE),
                   "state %#lx, expected finalized\n", state);
        }
        IDiscFormat2Data_Release(d);
        IDiscRecorder2_Release(r);
        winetest_pop_context();
    }
}

/* Faults of the drive in the middle of a write (vdrive's fault injection on WRITE(10),
 * opcode 2Ah, 40 blocks into the second WRITE of a DVD+R, so that one WRITE went out
 * before): each its documented HRESULT, and the disc still readable up to its last
 * closed session (the burn closes what it had written). */
static void test_write_faults(void)
{
    static const struct { const char *clone, *fault; HRESULT want; BOOL disc_left; } cases[] =
    {
        { "FaultUnderrun", "op=2a lba=%lu sense=3/0c/09 once", E_IMAPI_LOSS_OF_STREAMING, TRUE },
        { "FaultTimeout", "op=2a lba=%lu timeout once", E_IMAPI_RECORDER_COMMAND_TIMEOUT, TRUE },
        { "FaultProtect", "op=2a lba=%lu protect once", E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED, TRUE },
        { "FaultRemoved", "op=2a lba=%lu remove once", E_IMAPI_RECORDER_MEDIA_NO_MEDIA, FALSE },
    };
    IDiscRecorder2 *probe;
    IDiscRecorder2Ex *pex;
    ULONG per_write = 0;
    char fault[64];
    unsigned i;

    /* Write sends WRITEs of the recorder's page-aligned transfer size */
    if ((probe = make_recorder("FaultProbe", "dvd+r", 2295104, FALSE)))
    {
        if ((pex = ex_of(probe)))
        {
            IDiscRecorder2Ex_GetMaximumPageAlignedTransferSize(pex, &per_write);
            IDiscRecorder2Ex_Release(pex);
        }
        IDiscRecorder2_Release(probe);
    }
    ok(per_write >= 2048, "GetMaximumPageAlignedTransferSize %lu\n", per_write);
    per_write /= 2048;

    for (i = 0; i < ARRAYSIZE(cases); i++)
    {
        IDiscRecorder2 *r;
        IDiscFormat2Data *d;
        IDiscRecorder2Ex *ex;
        IStream *image;
        WCHAR src[MAX_PATH], tree[32];
        BYTE *block;
        HRESULT hr;

        winetest_push_context("%s", cases[i].clone);
        snprintf(fault, sizeof(fault), cases[i].fault, per_write + 40);
        next_fault = fault;
        r = make_recorder(cases[i].clone, "dvd+r", 2295104, FALSE);
        next_fault = NULL;
        if (!r || !(d = new_data(r)))
        {
            if (r) IDiscRecorder2_Release(r);
            winetest_pop_context();
            continue;
        }
        IDiscFormat2Data_put_DisableConsumerDvdCompatibilityMode(d, VARIANT_TRUE);
        swprintf(tree, ARRAYSIZE(tree), L"flt-%hs", cases[i].clone);
        make_tree(tree, src);
        /* enough data for more than two WRITEs */
        block = calloc(1, (per_write * 2 + 100) * 2048);
        if (block) write_file(src, L"bulk.bin", (const char *)block, (per_write * 2 + 100) * 2048);
        free(block);
        image = tree_image(src, 0);
        hr = image ? IDiscFormat2Data_Write(d, image) : E_FAIL;
        ok(hr == cases[i].want, "Write with the fault \"%s\" returned %08lx, expected %08lx\n", fault, hr,
           cases[i].want);
        if (cases[i].disc_left)
        {
            ULONG state = media_state(d);
            ok((state & IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE) && !(state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK),
               "state after the failed write %#lx: expected an appendable disc with a closed session\n", state);
            block = malloc(2048);
            if ((ex = ex_of(r)))
            {
                ok(read10(ex, 16, 1, block) == S_OK && !memcmp(block + 1, "CD001", 5),
                   "the closed session does not read back (block 16 is not the ISO 9660 descriptor)\n");
                IDiscRecorder2Ex_Release(ex);
            }
            free(block);
        }
        if (image) IStream_Release(image);
        IDiscFormat2Data_Release(d);
        IDiscRecorder2_Release(r);
        winetest_pop_context();
    }
}

/* ---- read-ahead: a slow stream does not starve the drive ---- */

/* Zeros, read slowly: every Read sleeps 1 ms per 64 KiB, and the Read that reaches
 * `stall_at` first sleeps `stall_ms` (a stream that stops for a while: a network share,
 * a busy disk). Counts Reads on any thread but the one that made it (a script's stream
 * must only be called from its apartment). */
struct slow_stream
{
    struct zstream z;           /* first: the zs_* methods work on it */
    DWORD thread;
    LONG foreign_reads, reads;
    ULONGLONG stall_at;
    DWORD stall_ms;
};

static HRESULT WINAPI slow_Read(IStream *iface, void *buf, ULONG len, ULONG *done)
{
    struct slow_stream *s = CONTAINING_RECORD(zs_from(iface), struct slow_stream, z);
    s->reads++;
    if (GetCurrentThreadId() != s->thread) s->foreign_reads++;
    Sleep(len / 65536);
    if (s->stall_ms && s->z.pos + len > s->stall_at)
    {
        Sleep(s->stall_ms);
        s->stall_ms = 0;
    }
    return zs_Read(iface, buf, len, done);
}

static const IStreamVtbl slow_vtbl =
{
    zs_QueryInterface, zs_AddRef, zs_Release, slow_Read, zs_Write, zs_Seek, zs_SetSize, zs_CopyTo, zs_Commit,
    zs_Revert, zs_LockRegion, zs_UnlockRegion, zs_Stat, zs_Clone
};

/* The drive records at 1x DVD (1385 kB/s) with a 2 MiB buffer and takes data no faster
 * (vdrive `realtime 1`: a full buffer answers 02/04/08), BUFE off (an underrun is loss of
 * streaming, E_IMAPI_LOSS_OF_STREAMING). The stream of 8 MiB stops for 2.2 s after 4 MiB:
 * longer than the drive's buffer lasts (at most 1.5 s), so a write loop that reads the
 * stream only between WRITEs underruns; on average the stream is still faster than the
 * drive (8 MiB in ~2.4 s). Reading ahead (the 2 MiB in the drive and the ring filled while
 * the stream was fast) bridges the stop. A 6 s stop outlasts the ring as well: the
 * model does underrun then, so the first case is no accident of the model. */
static void test_slow_stream(void)
{
    static const struct { const char *clone; DWORD stall_ms; HRESULT want; } cases[] =
    {
        { "SlowStream", 2200, S_OK },
        { "StalledStream", 6000, E_IMAPI_LOSS_OF_STREAMING },
    };
    unsigned i;

    for (i = 0; i < ARRAYSIZE(cases); i++)
    {
        struct slow_stream *s = calloc(1, sizeof(*s));
        struct sink sink;
        IConnectionPoint *cp;
        IDiscRecorder2 *r;
        IDiscFormat2Data *d;
        DWORD cookie = 0, t0;
        HRESULT hr;

        winetest_push_context("%s", cases[i].clone);
        next_config = "realtime 1\nbuffer_kb 2048\ndvd_speeds 1\n";
        r = make_recorder(cases[i].clone, "dvd-r", 2298496, FALSE);
        next_config = NULL;
        if (!r || !(d = new_data(r)))
        {
            if (r) IDiscRecorder2_Release(r);
            free(s);
            winetest_pop_context();
            continue;
        }
        hr = IDiscFormat2Data_put_BufferUnderrunFreeDisabled(d, VARIANT_TRUE);
        ok(hr == S_OK, "put_BufferUnderrunFreeDisabled %08lx\n", hr);
        s->z.IStream_iface.lpVtbl = &slow_vtbl;
        s->z.ref = 1;
        s->z.size = 8 << 20;
        s->thread = GetCurrentThreadId();
        s->stall_at = 4 << 20;
        s->stall_ms = cases[i].stall_ms;
        memset(&sink, 0, sizeof(sink));
        cp = advise(d, &sink, &cookie);
        sink.probe = ex_of(r);
        t0 = GetTickCount();
        hr = IDiscFormat2Data_Write(d, &s->z.IStream_iface);
        ok(hr == cases[i].want, "Write returned %08lx, expected %08lx\n", hr, cases[i].want);
        ok(!s->foreign_reads, "%ld of %ld Reads came on another thread\n", s->foreign_reads, s->reads);
        ok(!sink.bad, "%u bad events\n", sink.bad);
        if (cases[i].want == S_OK)
        {
            /* the drive held data at every Update after its first WRITE: never ran dry */
            ok(sink.fill_samples >= 2 && sink.min_fill > 0, "drive buffer: %ld samples, min %ld bytes\n",
               sink.fill_samples, sink.min_fill);
            ok(sink.max_used > 1 << 20, "our buffers never held more than %ld bytes\n", sink.max_used);
            ok(media_state(d) & IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE, "disc state %#lx after the burn\n",
               media_state(d));
        }
        trace("%s: %08lx in %lu ms, %ld Reads; drive buffer at the Updates: %ld samples, %ld..%ld bytes; "
              "ours up to %ld bytes\n", cases[i].clone, hr, GetTickCount() - t0, s->reads, sink.fill_samples,
              sink.min_fill, sink.max_fill, sink.max_used);
        if (sink.probe) IDiscRecorder2Ex_Release(sink.probe);
        unadvise(cp, cookie);
        IStream_Release(&s->z.IStream_iface);
        IDiscFormat2Data_Release(d);
        IDiscRecorder2_Release(r);
        winetest_pop_context();
    }
}

/* ---- overwrite media: only the ranges a stream offers (IBlockRangeList by QI) ---- */

/* An IBlockRange of the test: an inclusive range. */
struct test_range
{
    IBlockRange IBlockRange_iface;
    LONG ref, start, end;
};

static struct test_range *tr_from(IBlockRange *iface) { return CONTAINING_RECORD(iface, struct test_range, IBlockRange_iface); }
static HRESULT WINAPI tr_QueryInterface(IBlockRange *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_IBlockRange))
    {
        *ppv = iface;
        IBlockRange_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI tr_AddRef(IBlockRange *iface) { return InterlockedIncrement(&tr_from(iface)->ref); }
static ULONG WINAPI tr_Release(IBlockRange *iface)
{
    LONG ref = InterlockedDecrement(&tr_from(iface)->ref);
    if (!ref) free(tr_from(iface));
    return ref;
}
static HRESULT WINAPI tr_GetTypeInfoCount(IBlockRange *iface, UINT *n) { return E_NOTIMPL; }
static HRESULT WINAPI tr_GetTypeInfo(IBlockRange *iface, UINT i, LCID l, ITypeInfo **t) { return E_NOTIMPL; }
static HRESULT WINAPI tr_GetIDsOfNames(IBlockRange *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d)
{ return E_NOTIMPL; }
static HRESULT WINAPI tr_Invoke(IBlockRange *iface, DISPID id, REFIID riid, LCID lcid, WORD flags, DISPPARAMS *params,
                                VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{ return E_NOTIMPL; }
static HRESULT WINAPI tr_get_StartLba(IBlockRange *iface, LONG *v) { *v = tr_from(iface)->start; return S_OK; }
static HRESULT WINAPI tr_get_EndLba(IBlockRange *iface, LONG *v) { *v = tr_from(iface)->end; return S_OK; }
static const IBlockRangeVtbl tr_vtbl =
{
    tr_QueryInterface, tr_AddRef, tr_Release, tr_GetTypeInfoCount, tr_GetTypeInfo, tr_GetIDsOfNames, tr_Invoke,
    tr_get_StartLba, tr_get_EndLba
};

/* A stream whose block n holds the byte n + 1, offering IBlockRangeList with `ranges`. */
struct ranged_stream
{
    struct zstream z;           /* first: the zs_* methods work on it */
    IBlockRangeList IBlockRangeList_iface;
    const LONG (*ranges)[2];
    unsigned nranges;
};

static struct ranged_stream *rs_from_list(IBlockRangeList *iface)
{
    return CONTAINING_RECORD(iface, struct ranged_stream, IBlockRangeList_iface);
}
static HRESULT WINAPI rs_QueryInterface(IStream *iface, REFIID riid, void **ppv)
{
    struct ranged_stream *s = CONTAINING_RECORD(zs_from(iface), struct ranged_stream, z);
    if (IsEqualIID(riid, &IID_IBlockRangeList))
    {
        *ppv = &s->IBlockRangeList_iface;
        IStream_AddRef(iface);
        return S_OK;
    }
    return zs_QueryInterface(iface, riid, ppv);
}
static HRESULT WINAPI rs_Read(IStream *iface, void *buf, ULONG len, ULONG *done)
{
    struct zstream *z = zs_from(iface);
    ULONG n = (ULONG)min((ULONGLONG)len, z->size - z->pos), i;
    for (i = 0; i < n; i++) ((BYTE *)buf)[i] = (BYTE)((z->pos + i) / 2048 + 1);
    z->pos += n;
    if (done) *done = n;
    return S_OK;
}
static const IStreamVtbl rs_vtbl =
{
    rs_QueryInterface, zs_AddRef, zs_Release, rs_Read, zs_Write, zs_Seek, zs_SetSize, zs_CopyTo, zs_Commit,
    zs_Revert, zs_LockRegion, zs_UnlockRegion, zs_Stat, zs_Clone
};

static HRESULT WINAPI rl_QueryInterface(IBlockRangeList *iface, REFIID riid, void **ppv)
{
    return IStream_QueryInterface(&rs_from_list(iface)->z.IStream_iface, riid, ppv);
}
static ULONG WINAPI rl_AddRef(IBlockRangeList *iface) { return IStream_AddRef(&rs_from_list(iface)->z.IStream_iface); }
static ULONG WINAPI rl_Release(IBlockRangeList *iface) { return IStream_Release(&rs_from_list(iface)->z.IStream_iface); }
static HRESULT WINAPI rl_GetTypeInfoCount(IBlockRangeList *iface, UINT *n) { return E_NOTIMPL; }
static HRESULT WINAPI rl_GetTypeInfo(IBlockRangeList *iface, UINT i, LCID l, ITypeInfo **t) { return E_NOTIMPL; }
static HRESULT WINAPI rl_GetIDsOfNames(IBlockRangeList *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d)
{ return E_NOTIMPL; }
static HRESULT WINAPI rl_Invoke(IBlockRangeList *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{ return E_NOTIMPL; }
static HRESULT WINAPI rl_get_BlockRanges(IBlockRangeList *iface, SAFEARRAY **out)
{
    struct ranged_stream *s = rs_from_list(iface);
    SAFEARRAY *sa = SafeArrayCreateVector(VT_VARIANT, 0, s->nranges);
    VARIANT *items;
    unsigned i;

    if (!sa) return E_OUTOFMEMORY;
    SafeArrayAccessData(sa, (void **)&items);
    for (i = 0; i < s->nranges; i++)
    {
        struct test_range *r = calloc(1, sizeof(*r));
        r->IBlockRange_iface.lpVtbl = &tr_vtbl;
        r->ref = 1;
        r->start = s->ranges[i][0];
        r->end = s->ranges[i][1];
        V_VT(&items[i]) = VT_DISPATCH;
        V_DISPATCH(&items[i]) = (IDispatch *)&r->IBlockRange_iface;
    }
    SafeArrayUnaccessData(sa);
    *out = sa;
    return S_OK;
}
static const IBlockRangeListVtbl rl_vtbl =
{
    rl_QueryInterface, rl_AddRef, rl_Release, rl_GetTypeInfoCount, rl_GetTypeInfo, rl_GetIDsOfNames, rl_Invoke,
    rl_get_BlockRanges
};

/* Spec 2.12 / Write: on overwrite-only media a stream that QIs to IBlockRangeList has only
 * the listed ranges written, in list order, each at its own LBA (the stream's block n
 * at LBA n); the rest of the disc keeps what it had. The disc is first filled with a
 * whole 64-block stream of zeros; then a 64-block stream offering three ranges (not in
 * LBA order) is written. Blocks outside them still read zeros, those inside the stream's
 * bytes; SectorCount in the Update events is the ranges' total. */
static void test_write_ranges(void)
{
    static const LONG ranges[][2] = { { 40, 41 }, { 10, 12 }, { 60, 63 } };
    struct ranged_stream *s = calloc(1, sizeof(*s));
    IDiscRecorder2Ex *ex = NULL;
    IConnectionPoint *cp;
    IDiscRecorder2 *r;
    IDiscFormat2Data *d;
    IStream *zeros;
    struct sink sink;
    DWORD cookie = 0;
    BYTE *buf;
    LONG lba;
    HRESULT hr;

    r = make_recorder("RangesBDRE", "bdre", 11826176, TRUE);
    if (!r || !(d = new_data(r)))
    {
        if (r) IDiscRecorder2_Release(r);
        free(s);
        return;
    }
    IDiscFormat2Data_put_ForceOverwrite(d, VARIANT_TRUE);
    zeros = zero_stream(64 * 2048);
    hr = IDiscFormat2Data_Write(d, zeros);
    ok(hr == S_OK, "Write of the whole zero stream %08lx\n", hr);
    IStream_Release(zeros);

    s->z.IStream_iface.lpVtbl = &rs_vtbl;
    s->z.ref = 1;
    s->z.size = 64 * 2048;
    s->IBlockRangeList_iface.lpVtbl = &rl_vtbl;
    s->ranges = ranges;
    s->nranges = ARRAYSIZE(ranges);
    memset(&sink, 0, sizeof(sink));
    cp = advise(d, &sink, &cookie);
    hr = IDiscFormat2Data_Write(d, &s->z.IStream_iface);
    ok(hr == S_OK, "Write of the ranges %08lx\n", hr);
    ok(sink.count == 2 + 3 + 4, "SectorCount %ld, expected the ranges' 9 blocks\n", sink.count);
    unadvise(cp, cookie);

    buf = malloc(64 * 2048);
    if ((ex = ex_of(r)) && read10(ex, 0, 64, buf) == S_OK)
    {
        for (lba = 0; lba < 64; lba++)
        {
            BOOL inside = (lba >= 40 && lba <= 41) || (lba >= 10 && lba <= 12) || (lba >= 60 && lba <= 63);
            BYTE want = inside ? (BYTE)(lba + 1) : 0;
            ok(buf[lba * 2048] == want && buf[lba * 2048 + 2047] == want, "block %ld holds %02x, expected %02x\n",
               lba, buf[lba * 2048], want);
        }
    }
    else ok(0, "cannot read the disc back\n");
    if (ex) IDiscRecorder2Ex_Release(ex);
    free(buf);
    IStream_Release(&s->z.IStream_iface);
    IDiscFormat2Data_Release(d);
    IDiscRecorder2_Release(r);
}

/* Documented errors, each leaving the disc as it was. */
static void test_errors(void)
{
    IDiscRecorder2 *r, *wp, *empty;
    IDiscFormat2Data *d;
    struct sink sink = {{0}};
    IConnectionPoint *cp;
    DWORD cookie;
    IStream *s;
    HRESULT hr;
    ULONG state;

    if ((r = make_recorder("FmtErrCDR", "cdr", 359849, FALSE)) && (d = new_data(r)))
    {
        BSTR name = SysAllocString(L"bad/name");
        s = zero_stream(2048 * 16 + 1000);
        hr = IDiscFormat2Data_Write(d, s);
        ok(hr == E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED, "stream not a multiple of 2048: %08lx\n", hr);
        if (s) IStream_Release(s);
        s = zero_stream((ULONGLONG)2048 * 400000);
        hr = IDiscFormat2Data_Write(d, s);
        ok(hr == E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA, "stream too large: %08lx\n", hr);
        if (s) IStream_Release(s);
        state = media_state(d);
        ok(state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK, "disc changed by failed writes: %#lx\n", state);
        hr = IDiscFormat2Data_put_ClientName(d, name);
        ok(hr == E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID, "ClientName with '/': %08lx\n", hr);
        SysFreeString(name);

        /* cancel from inside the handler */
        sink.cancel_when_writing = TRUE;
        cp = advise(d, &sink, &cookie);
        s = zero_stream((ULONGLONG)2048 * 20000);
        hr = IDiscFormat2Data_Write(d, s);
        ok(hr == E_IMAPI_REQUEST_CANCELLED, "cancelled Write %08lx\n", hr);
        ok(sink.cancel_hr == S_OK, "CancelWrite in the handler %08lx\n", sink.cancel_hr);
        if (s) IStream_Release(s);
        unadvise(cp, cookie);
        hr = IDiscFormat2Data_CancelWrite(d);
        ok(hr == E_IMAPI_DF2DATA_WRITE_NOT_IN_PROGRESS, "CancelWrite after the write %08lx\n", hr);

        /* a closed disc takes nothing more */
        IDiscFormat2Data_put_ForceMediaToBeClosed(d, VARIANT_TRUE);
        s = zero_stream(2048 * 64);
        hr = IDiscFormat2Data_Write(d, s);
        ok(hr == S_OK, "Write with ForceMediaToBeClosed %08lx\n", hr);
        state = media_state(d);
        ok(state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED, "state after closing %#lx\n", state);
        hr = IDiscFormat2Data_Write(d, s);
        ok(hr == E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED, "Write onto a closed disc %08lx\n", hr);
        if (s) IStream_Release(s);
        IDiscFormat2Data_Release(d);
    }
    if (r) IDiscRecorder2_Release(r);

    if ((wp = emu_open_named(L"WriteProt")))
    {
        d = NULL;
        CoCreateInstance(&CLSID_MsftDiscFormat2Data, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2Data, (void **)&d);
        if (d)
        {
            BSTR name = SysAllocString(L"winetest");
            hr = IDiscFormat2Data_put_Recorder(d, wp);
            ok(hr == S_OK, "put_Recorder(write protected) %08lx\n", hr);
            hr = IDiscFormat2Data_Write(d, (s = zero_stream(2048 * 16)));
            ok(hr == E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID, "Write without ClientName %08lx\n", hr);
            IDiscFormat2Data_put_ClientName(d, name);
            SysFreeString(name);
            hr = IDiscFormat2Data_Write(d, s);
            ok(hr == E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED, "Write onto a write-protected disc %08lx\n", hr);
            if (s) IStream_Release(s);
            IDiscFormat2Data_Release(d);
        }
        IDiscRecorder2_Release(wp);
    }
    if ((empty = emu_open_named(L"Empty")) && (d = new_data(empty)))
    {
        s = zero_stream(2048 * 16);
        hr = IDiscFormat2Data_Write(d, s);
        ok(hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA, "Write without a disc %08lx\n", hr);
        if (s) IStream_Release(s);
        IDiscFormat2Data_Release(d);
    }
    if (empty) IDiscRecorder2_Release(empty);
}

/* Through SCSI pass-through (the run's recorders behind CD-ROM drive letters, answered by
 * the SG_IO preload library): the Empty recorder gets a blank DVD+R by a rewrite of its
 * state.txt, is burned through its drive letter (events, facts, read-back), and gets its
 * empty tray back afterwards for the tests that follow. */
static void test_passthrough_burn(void)
{
    char dir[MAX_PATH], state[MAX_PATH], image[MAX_PATH], *saved = NULL, *gen;
    unsigned long generation = 1;
    IDiscRecorder2 *r = NULL;
    IDiscFormat2Data *d = NULL;
    HANDLE h;
    DWORD size = 0, done = 0;
    FILE *f;
    BSTR id;

    if (!GetEnvironmentVariableA("IMAPI_TEST_RECORDERS_WIN", dir, sizeof(dir)))
    {
        skip("IMAPI_TEST_RECORDERS_WIN is not set\n");
        return;
    }
    snprintf(state, sizeof(state), "%s\\Empty\\state.txt", dir);
    snprintf(image, sizeof(image), "%s\\Empty\\disc.img", dir);
    h = CreateFileA(state, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "cannot read %s\n", state);
    if (h == INVALID_HANDLE_VALUE) return;
    size = GetFileSize(h, NULL);
    saved = calloc(1, size + 1);
    ReadFile(h, saved, size, &done, NULL);
    CloseHandle(h);
    if ((gen = strstr(saved, "\ngeneration "))) generation = strtoul(gen + 12, NULL, 10);

    if ((f = fopen(state, "wb")))
    {
        write_blank_state(f, "dvd+r", 2295104, FALSE, generation + 1000);
        fclose(f);
    }
    /* the drive letter's recorder: its ID names the letter, not the directory */
    {
        IDiscMaster2 *master = NULL;
        LONG count = 0, i;
        CoCreateInstance(&CLSID_MsftDiscMaster2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscMaster2, (void **)&master);
        if (master) IDiscMaster2_get_Count(master, &count);
        for (i = 0; i < count && !d; i++)
        {
            BSTR product = NULL;
            id = NULL;
            if (IDiscMaster2_get_Item(master, i, &id) != S_OK) continue;
            if ((r = emu_open_id(id)) && IDiscRecorder2_get_ProductId(r, &product) == S_OK && product
                && !wcscmp(product, L"IMAPI EMPTY"))
                d = new_data(r);
            else if (r)
            {
                IDiscRecorder2_Release(r);
                r = NULL;
            }
            SysFreeString(product);
            SysFreeString(id);
        }
        if (master) IDiscMaster2_Release(master);
    }
    ok(d != NULL, "no pass-through recorder with the product id IMAPI EMPTY\n");
    if (d)
    {
        IDiscFormat2Data_put_DisableConsumerDvdCompatibilityMode(d, VARIANT_TRUE);
        ok(burn_tree(r, d, L"pt-burn", NULL, TRUE), "burning through pass-through failed\n");
        IDiscFormat2Data_Release(d);
    }
    if (r) IDiscRecorder2_Release(r);

    /* back to an empty drive, a generation later, without the burned bytes */
    if ((f = fopen(state, "wb")))
    {
        char *rest = gen ? strchr(gen + 1, '\n') : NULL;
        if (gen && rest) fprintf(f, "%.*s\ngeneration %lu%s", (int)(gen - saved), saved, generation + 2000, rest);
        else fputs(saved, f);
        fclose(f);
    }
    if ((h = CreateFileA(image, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL))
        != INVALID_HANDLE_VALUE)
    {
        SetEndOfFile(h);
        CloseHandle(h);
    }
    free(saved);
}

START_TEST(format_data)
{
    const char *env;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    GetEnvironmentVariableW(L"IMAPI_TEST_TMP_WIN", tmp_dir, MAX_PATH);
    env = getenv("IMAPI_TEST_TMP");
    lstrcpynA(unix_tmp, env ? env : "", MAX_PATH);
    if (getenv("IMAPI_TEST_TRANSPORT") && !strcmp(getenv("IMAPI_TEST_TRANSPORT"), "passthrough"))
    {
        /* the emulated run covers the rest; here the transport is what is tested */
        test_passthrough_burn();
        CoUninitialize();
        return;
    }
    test_no_recorder();
    test_base();
    test_properties();
    if (tmp_dir[0])
    {
        test_burn();
        test_verify_flip();
        test_dvdplusr_closing();
        test_write_faults();
        test_slow_stream();
        test_write_ranges();
        test_errors();
    }
    else skip("IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)\n");
    CoUninitialize();
}
