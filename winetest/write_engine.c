/* MsftWriteEngine2::WriteSection against a fake IDiscRecorder2Ex written here: the
 * exact WRITE(10) CDBs (MMC-6 layout), the data that reaches the "disc", the
 * DWriteEngine2Events progress objects, CancelWrite from the handler, drive sense
 * mapped to IMAPI HRESULTs, and the argument checks.
 * Then exclusive access on private copies of the blank CD-R recorder (emu_clone.h):
 * WriteSection of a client locked out by another one, and two imapi2-burn.exe started
 * together on one recorder (issue 16, item 6). */
#include <initguid.h>
#include "test.h"
#include "imapi2.h"
#include "imapi2error.h"
#include "emu_clone.h"

#define DISC_SECTORS 4096

/* ---- a recorder that keeps what is written ---- */

struct fake_recorder
{
    IDiscRecorder2Ex IDiscRecorder2Ex_iface;
    LONG ref;
    BYTE *disc;
    unsigned writes;
    ULONG max_transfer;
    int bad_cdb;               /* a CDB that was not a well-formed WRITE(10) */
    LONG sense_lba;            /* LBA whose write reports sense_key/asc/ascq; -1 none */
    BYTE sense_key, asc, ascq;
    BOOL sense_once;
    unsigned slow_write;       /* this write (1-based) sleeps 700 ms */
    HRESULT fail_hr;           /* returned by every command when set */
};

static struct fake_recorder *impl_from(IDiscRecorder2Ex *iface)
{
    return CONTAINING_RECORD(iface, struct fake_recorder, IDiscRecorder2Ex_iface);
}

static HRESULT WINAPI fr_QueryInterface(IDiscRecorder2Ex *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDiscRecorder2Ex))
    {
        *ppv = iface;
        IDiscRecorder2Ex_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI fr_AddRef(IDiscRecorder2Ex *iface) { return InterlockedIncrement(&impl_from(iface)->ref); }
static ULONG WINAPI fr_Release(IDiscRecorder2Ex *iface) { return InterlockedDecrement(&impl_from(iface)->ref); }

static HRESULT WINAPI fr_SendCommandNoData(IDiscRecorder2Ex *iface, BYTE *cdb, ULONG size, BYTE sense[18], ULONG timeout)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI fr_SendCommandSendDataToDevice(IDiscRecorder2Ex *iface, BYTE *cdb, ULONG cdb_size,
                                                     BYTE sense[18], ULONG timeout, BYTE *buffer, ULONG size)
{
    struct fake_recorder *r = impl_from(iface);
    ULONG lba, blocks;

    if (r->fail_hr) return r->fail_hr;
    if (cdb_size != 10 || cdb[0] != 0x2a || cdb[1] || cdb[6] || cdb[9] || !timeout)
    {
        r->bad_cdb = 1;
        return E_INVALIDARG;
    }
    lba = (cdb[2] << 24) | (cdb[3] << 16) | (cdb[4] << 8) | cdb[5];
    blocks = (cdb[7] << 8) | cdb[8];
    if (blocks * 2048 != size || lba + blocks > DISC_SECTORS || size > r->max_transfer
        || ((ULONG_PTR)buffer & 3))
    {
        r->bad_cdb = 1;
        return E_INVALIDARG;
    }
    r->writes++;
    if (r->writes == r->slow_write) Sleep(700);
    if (r->sense_lba >= 0 && (LONG)lba <= r->sense_lba && r->sense_lba < (LONG)(lba + blocks))
    {
        memset(sense, 0, 18);
        sense[0] = 0x70;
        sense[2] = r->sense_key;
        sense[7] = 10;
        sense[12] = r->asc;
        sense[13] = r->ascq;
        if (r->sense_once) r->sense_lba = -1;
        return S_IMAPI_COMMAND_HAS_SENSE_DATA;
    }
    memcpy(r->disc + (size_t)lba * 2048, buffer, size);
    return S_OK;
}

static HRESULT WINAPI fr_SendCommandGetDataFromDevice(IDiscRecorder2Ex *iface, BYTE *cdb, ULONG cdb_size,
                                                      BYTE sense[18], ULONG timeout, BYTE *buffer, ULONG size,
                                                      ULONG *fetched)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI fr_ReadDvdStructure(IDiscRecorder2Ex *iface, ULONG format, ULONG address, ULONG layer,
                                          ULONG agid, BYTE **data, ULONG *count) { return E_NOTIMPL; }
static HRESULT WINAPI fr_SendDvdStructure(IDiscRecorder2Ex *iface, ULONG format, BYTE *data, ULONG count)
{ return E_NOTIMPL; }
static HRESULT WINAPI fr_GetAdapterDescriptor(IDiscRecorder2Ex *iface, BYTE **data, ULONG *size) { return E_NOTIMPL; }
static HRESULT WINAPI fr_GetDeviceDescriptor(IDiscRecorder2Ex *iface, BYTE **data, ULONG *size) { return E_NOTIMPL; }
static HRESULT WINAPI fr_GetDiscInformation(IDiscRecorder2Ex *iface, BYTE **data, ULONG *size) { return E_NOTIMPL; }
static HRESULT WINAPI fr_GetTrackInformation(IDiscRecorder2Ex *iface, ULONG address,
                                             IMAPI_READ_TRACK_ADDRESS_TYPE type, BYTE **data, ULONG *size)
{ return E_NOTIMPL; }
static HRESULT WINAPI fr_GetFeaturePage(IDiscRecorder2Ex *iface, IMAPI_FEATURE_PAGE_TYPE f, BOOLEAN current,
                                        BYTE **data, ULONG *size) { return E_NOTIMPL; }
static HRESULT WINAPI fr_GetModePage(IDiscRecorder2Ex *iface, IMAPI_MODE_PAGE_TYPE p,
                                     IMAPI_MODE_PAGE_REQUEST_TYPE t, BYTE **data, ULONG *size) { return E_NOTIMPL; }
static HRESULT WINAPI fr_SetModePage(IDiscRecorder2Ex *iface, IMAPI_MODE_PAGE_REQUEST_TYPE t, BYTE *data, ULONG size)
{ return E_NOTIMPL; }
static HRESULT WINAPI fr_GetSupportedFeaturePages(IDiscRecorder2Ex *iface, BOOLEAN current,
                                                  IMAPI_FEATURE_PAGE_TYPE **f, ULONG *n) { return E_NOTIMPL; }
static HRESULT WINAPI fr_GetSupportedProfiles(IDiscRecorder2Ex *iface, BOOLEAN current, IMAPI_PROFILE_TYPE **p,
                                              ULONG *n) { return E_NOTIMPL; }
static HRESULT WINAPI fr_GetSupportedModePages(IDiscRecorder2Ex *iface, IMAPI_MODE_PAGE_REQUEST_TYPE t,
                                               IMAPI_MODE_PAGE_TYPE **p, ULONG *n) { return E_NOTIMPL; }
static HRESULT WINAPI fr_GetByteAlignmentMask(IDiscRecorder2Ex *iface, ULONG *v) { *v = 4; return S_OK; }
static HRESULT WINAPI fr_GetMaximumNonPageAlignedTransferSize(IDiscRecorder2Ex *iface, ULONG *v)
{ *v = impl_from(iface)->max_transfer; return S_OK; }
static HRESULT WINAPI fr_GetMaximumPageAlignedTransferSize(IDiscRecorder2Ex *iface, ULONG *v)
{ *v = impl_from(iface)->max_transfer; return S_OK; }

static const IDiscRecorder2ExVtbl fr_vtbl =
{
    fr_QueryInterface, fr_AddRef, fr_Release, fr_SendCommandNoData, fr_SendCommandSendDataToDevice,
    fr_SendCommandGetDataFromDevice, fr_ReadDvdStructure, fr_SendDvdStructure, fr_GetAdapterDescriptor,
    fr_GetDeviceDescriptor, fr_GetDiscInformation, fr_GetTrackInformation, fr_GetFeaturePage, fr_GetModePage,
    fr_SetModePage, fr_GetSupportedFeaturePages, fr_GetSupportedProfiles, fr_GetSupportedModePages,
    fr_GetByteAlignmentMask, fr_GetMaximumNonPageAlignedTransferSize, fr_GetMaximumPageAlignedTransferSize
};

static void fake_init(struct fake_recorder *r)
{
    memset(r, 0, sizeof(*r));
    r->IDiscRecorder2Ex_iface.lpVtbl = &fr_vtbl;
    r->ref = 1;
    r->disc = calloc(DISC_SECTORS, 2048);
    r->max_transfer = 64 * 1024;
    r->sense_lba = -1;
}

/* ---- an event sink ---- */

struct sink
{
    IDispatch IDispatch_iface;
    IWriteEngine2 *engine;
    unsigned updates;
    LONG first_written, last_written, start_lba, sector_count, total_buffer;
    BOOL in_progress_seen, object_ok;
    BOOL cancel_each;
    HRESULT cancel_results[8];
};

static struct sink *sink_from(IDispatch *iface) { return CONTAINING_RECORD(iface, struct sink, IDispatch_iface); }

static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch)
        || IsEqualIID(riid, &IID_DWriteEngine2Events))
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
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *ei, UINT *err)
{
    struct sink *s = sink_from(iface);
    IWriteEngine2EventArgs *args = NULL;
    IUnknown *a, *b;
    VARIANT_BOOL busy = VARIANT_FALSE;
    LONG v;

    ok(id == DISPID_DWRITEENGINE2EVENTS_UPDATE, "event DISPID %ld\n", id);
    ok(params && params->cArgs == 2 && !params->cNamedArgs, "%u arguments\n", params ? params->cArgs : 0);
    if (!params || params->cArgs != 2) return S_OK;
    /* Arguments arrive last-first: rgvarg[1] is the engine, rgvarg[0] the progress. */
    ok(V_VT(&params->rgvarg[1]) == VT_DISPATCH && V_VT(&params->rgvarg[0]) == VT_DISPATCH, "argument types\n");
    IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[1]), &IID_IUnknown, (void **)&a);
    IWriteEngine2_QueryInterface(s->engine, &IID_IUnknown, (void **)&b);
    if (a == b) s->object_ok = TRUE;
    IUnknown_Release(a);
    IUnknown_Release(b);
    IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[0]), &IID_IWriteEngine2EventArgs, (void **)&args);
    ok(args != NULL, "progress is no IWriteEngine2EventArgs\n");
    if (!args) return S_OK;
    IWriteEngine2EventArgs_get_LastWrittenLba(args, &v);
    if (!s->updates) s->first_written = v;
    s->last_written = v;
    IWriteEngine2EventArgs_get_StartLba(args, &s->start_lba);
    IWriteEngine2EventArgs_get_SectorCount(args, &s->sector_count);
    IWriteEngine2EventArgs_get_TotalSystemBuffer(args, &s->total_buffer);
    ok(IWriteEngine2EventArgs_get_StartLba(args, NULL) == E_POINTER, "NULL pointer accepted\n");
    IWriteEngine2EventArgs_Release(args);
    IWriteEngine2_get_WriteInProgress(s->engine, &busy);
    if (busy == VARIANT_TRUE) s->in_progress_seen = TRUE;
    if (s->cancel_each && s->updates < ARRAYSIZE(s->cancel_results))
        s->cancel_results[s->updates] = IWriteEngine2_CancelWrite(s->engine);
    s->updates++;
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo,
    sink_GetIDsOfNames, sink_Invoke
};

/* ---- helpers ---- */

static IStream *pattern_stream(unsigned sectors, ULONG extra_bytes)
{
    IStream *stream;
    ULONG size = sectors * 2048 + extra_bytes, i;
    HGLOBAL mem = GlobalAlloc(GMEM_MOVEABLE, size);
    BYTE *p = GlobalLock(mem);
    for (i = 0; i < size; i++) p[i] = (BYTE)(i * 13 + i / 2048);
    GlobalUnlock(mem);
    CreateStreamOnHGlobal(mem, TRUE, &stream);
    return stream;
}

static BOOL disc_matches(const struct fake_recorder *r, LONG lba, unsigned sectors)
{
    ULONG i;
    for (i = 0; i < sectors * 2048; i++)
        if (r->disc[(size_t)lba * 2048 + i] != (BYTE)(i * 13 + i / 2048)) return FALSE;
    return TRUE;
}

static IWriteEngine2 *new_engine(struct fake_recorder *r, LONG bytes_per_sector)
{
    IWriteEngine2 *engine = NULL;
    CoCreateInstance(&CLSID_MsftWriteEngine2, NULL, CLSCTX_INPROC_SERVER, &IID_IWriteEngine2, (void **)&engine);
    ok(engine != NULL, "cannot create the write engine\n");
    if (engine && r) IWriteEngine2_put_Recorder(engine, &r->IDiscRecorder2Ex_iface);
    if (engine && bytes_per_sector) IWriteEngine2_put_BytesPerSector(engine, bytes_per_sector);
    return engine;
}

static DWORD advise(IWriteEngine2 *engine, struct sink *s)
{
    IConnectionPointContainer *cpc;
    IConnectionPoint *cp;
    DWORD cookie = 0;
    IWriteEngine2_QueryInterface(engine, &IID_IConnectionPointContainer, (void **)&cpc);
    IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DWriteEngine2Events, &cp);
    ok(IConnectionPoint_Advise(cp, (IUnknown *)&s->IDispatch_iface, &cookie) == S_OK, "Advise failed\n");
    IConnectionPoint_Release(cp);
    IConnectionPointContainer_Release(cpc);
    return cookie;
}

/* ---- tests ---- */

static void test_arguments(void)
{
    struct fake_recorder r;
    IWriteEngine2 *engine = new_engine(NULL, 0);
    IDiscRecorder2Ex *got = (void *)0xdeadbeef;
    IStream *data = pattern_stream(10, 0);
    HRESULT hr;

    fake_init(&r);
    hr = IWriteEngine2_get_Recorder(engine, &got);
    ok(hr == S_OK && !got, "Recorder before put: %08lx %p\n", hr, got);
    hr = IWriteEngine2_get_Recorder(engine, NULL);
    ok(hr == E_POINTER, "get_Recorder(NULL) returned %08lx\n", hr);
    hr = IWriteEngine2_put_Recorder(engine, NULL);
    ok(hr == E_POINTER, "put_Recorder(NULL) returned %08lx\n", hr);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 10);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "WriteSection without recorder returned %08lx\n", hr);

    hr = IWriteEngine2_put_Recorder(engine, &r.IDiscRecorder2Ex_iface);
    ok(hr == S_OK, "put_Recorder returned %08lx\n", hr);
    ok(r.ref == 2, "recorder not referenced: %ld\n", r.ref);
    hr = IWriteEngine2_get_Recorder(engine, &got);
    ok(hr == S_OK && got == &r.IDiscRecorder2Ex_iface, "get_Recorder: %08lx\n", hr);
    if (got) IDiscRecorder2Ex_Release(got);

    hr = IWriteEngine2_WriteSection(engine, data, 0, 10);
    ok(hr == E_INVALIDARG, "WriteSection without BytesPerSector returned %08lx\n", hr);
    IWriteEngine2_put_BytesPerSector(engine, 2048);
    hr = IWriteEngine2_WriteSection(engine, NULL, 0, 10);
    ok(hr == E_POINTER, "WriteSection(NULL) returned %08lx\n", hr);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 0);
    ok(hr == E_INVALIDARG, "WriteSection of 0 blocks returned %08lx\n", hr);
    hr = IWriteEngine2_WriteSection(engine, data, 0, -5);
    ok(hr == E_INVALIDARG, "WriteSection of -5 blocks returned %08lx\n", hr);
    IWriteEngine2_put_BytesPerSector(engine, 128 * 1024);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 10);
    ok(hr == E_INVALIDARG, "sectors larger than a transfer: %08lx\n", hr);
    ok(r.writes == 0, "%u writes sent by failed calls\n", r.writes);

    hr = IWriteEngine2_CancelWrite(engine);
    ok(hr == S_IMAPI_WRITE_NOT_IN_PROGRESS, "CancelWrite outside a write returned %08lx\n", hr);
    IStream_Release(data);
    IWriteEngine2_Release(engine);
    ok(r.ref == 1, "recorder reference leaked: %ld\n", r.ref);
    free(r.disc);
}

static void test_write(void)
{
    struct fake_recorder r;
    struct sink s = { { &sink_vtbl } };
    IWriteEngine2 *engine;
    IStream *data = pattern_stream(300, 0);
    VARIANT_BOOL busy = VARIANT_TRUE;
    HRESULT hr;

    fake_init(&r);
    engine = new_engine(&r, 2048);
    s.engine = engine;
    advise(engine, &s);
    hr = IWriteEngine2_WriteSection(engine, data, 100, 300);
    ok(hr == S_OK, "WriteSection returned %08lx\n", hr);
    ok(!r.bad_cdb, "a malformed WRITE(10) was sent\n");
    /* 64 KiB transfers of 2048-byte sectors: 32 per command, 10 commands for 300. */
    ok(r.writes == 10, "%u WRITE commands\n", r.writes);
    ok(disc_matches(&r, 100, 300), "disc content differs\n");
    ok(s.updates >= 2, "%u progress events\n", s.updates);
    ok(s.object_ok, "event object is not the engine\n");
    ok(s.in_progress_seen, "WriteInProgress was not TRUE during the write\n");
    ok(s.first_written == 99, "first event: LastWrittenLba %ld\n", s.first_written);
    ok(s.last_written == 399, "last event: LastWrittenLba %ld\n", s.last_written);
    ok(s.start_lba == 100 && s.sector_count == 300, "StartLba %ld SectorCount %ld\n", s.start_lba, s.sector_count);
    ok(s.total_buffer > 0, "TotalSystemBuffer %ld\n", s.total_buffer);
    IWriteEngine2_get_WriteInProgress(engine, &busy);
    ok(busy == VARIANT_FALSE, "WriteInProgress after the write\n");

    /* A recorder with smaller transfers and raw 2352-byte sectors is not our concern
     * here; a short stream is: fewer bytes than blocks * BytesPerSector. */
    IStream_Release(data);
    data = pattern_stream(9, 100);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 10);
    ok(hr == E_FAIL, "short stream gave %08lx\n", hr);
    IStream_Release(data);
    IWriteEngine2_Release(engine);
    free(r.disc);
}

static void test_cancel(void)
{
    struct fake_recorder r;
    struct sink s = { { &sink_vtbl } };
    IWriteEngine2 *engine;
    IStream *data = pattern_stream(600, 0);
    HRESULT hr;

    fake_init(&r);
    r.slow_write = 2;   /* let a progress interval pass in the middle of the write */
    engine = new_engine(&r, 2048);
    s.engine = engine;
    s.cancel_each = TRUE;
    advise(engine, &s);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 600);
    ok(hr == E_IMAPI_REQUEST_CANCELLED, "cancelled WriteSection returned %08lx\n", hr);
    ok(s.updates >= 2, "%u events\n", s.updates);
    ok(s.cancel_results[0] == S_IMAPI_WRITE_NOT_IN_PROGRESS, "cancel before the first write: %08lx\n",
       s.cancel_results[0]);
    ok(s.cancel_results[1] == S_OK, "cancel during the write: %08lx\n", s.cancel_results[1]);
    ok(r.writes < 600 / 32, "%u writes after cancel\n", r.writes);
    IStream_Release(data);
    IWriteEngine2_Release(engine);
    free(r.disc);
}

static void test_drive_errors(void)
{
    struct fake_recorder r;
    IWriteEngine2 *engine;
    IStream *data;
    HRESULT hr;

    fake_init(&r);
    engine = new_engine(&r, 2048);

    /* 03/0C/09: loss of streaming (buffer underrun). */
    r.sense_lba = 40;
    r.sense_key = 3; r.asc = 0x0c; r.ascq = 0x09;
    data = pattern_stream(100, 0);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 100);
    ok(hr == E_IMAPI_LOSS_OF_STREAMING, "underrun gave %08lx\n", hr);
    IStream_Release(data);

    /* 02/04/08: long write in progress (drive buffer full) is waited out. */
    r.sense_lba = 50;
    r.sense_key = 2; r.asc = 0x04; r.ascq = 0x08;
    r.sense_once = TRUE;
    r.writes = 0;
    data = pattern_stream(100, 0);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 100);
    ok(hr == S_OK, "busy drive gave %08lx\n", hr);
    ok(r.writes == 5, "%u writes (4 plus one repeat expected)\n", r.writes);
    ok(disc_matches(&r, 0, 100), "data lost around the busy condition\n");
    IStream_Release(data);

    /* 07/27/00: write protected. */
    r.sense_lba = 0;
    r.sense_key = 7; r.asc = 0x27; r.ascq = 0;
    r.sense_once = FALSE;
    data = pattern_stream(10, 0);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 10);
    ok(hr == E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED, "write protect gave %08lx\n", hr);
    IStream_Release(data);

    /* The recorder's own failure comes back as it is. */
    r.sense_lba = -1;
    r.fail_hr = HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST);
    data = pattern_stream(10, 0);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 10);
    ok(hr == HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST), "vanished recorder gave %08lx\n", hr);
    IStream_Release(data);
    IWriteEngine2_Release(engine);
    free(r.disc);
}

/* ---- exclusive access on an emulated recorder ---- */

static IDiscRecorder2Ex *ex_of(IDiscRecorder2 *r)
{
    IDiscRecorder2Ex *ex = NULL;
    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    ok(ex != NULL, "no IDiscRecorder2Ex\n");
    return ex;
}

/* Disc status of READ DISC INFORMATION (0 blank, 1 appendable, 2 complete), or -1. */
static int disc_status(IDiscRecorder2Ex *ex)
{
    BYTE *info = NULL;
    ULONG size = 0;
    int status = -1;
    if (SUCCEEDED(IDiscRecorder2Ex_GetDiscInformation(ex, &info, &size)) && size > 2) status = info[2] & 3;
    CoTaskMemFree(info);
    return status;
}

/* imapi2-burn.exe of this build, started on recorder index with its output in log. */
static BOOL burn_path(char *exe, DWORD size)
{
    char dir[MAX_PATH];
    if (!GetEnvironmentVariableA("IMAPI_BUILD_DIR_WIN", dir, sizeof(dir))) return FALSE;
    snprintf(exe, size, "%s\\tools\\burn\\imapi2-burn.exe", dir);
    return GetFileAttributesA(exe) != INVALID_FILE_ATTRIBUTES;
}

static HANDLE start_burn(const char *exe, LONG index, const char *volume, const char *dir, const char *log)
{
    SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char cmd[3 * MAX_PATH];
    HANDLE out = CreateFileA(log, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, CREATE_ALWAYS, 0, NULL);
    BOOL started;

    /* -close: the winner finalizes the disc, so a burner that comes later finds it closed */
    snprintf(cmd, sizeof(cmd), "\"%s\" -q -close -d %ld -V %s \"%s\"", exe, index, volume, dir);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = si.hStdError = out;
    started = CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    ok(started, "could not start %s: error %lu\n", cmd, GetLastError());
    CloseHandle(out);
    if (!started) return NULL;
    CloseHandle(pi.hThread);
    return pi.hProcess;
}

static DWORD finish_burn(HANDLE process, const char *log, char *text, DWORD size)
{
    DWORD code = 0xdead, got = 0;
    HANDLE f;
    if (WaitForSingleObject(process, 60000) == WAIT_TIMEOUT)
    {
        ok(0, "imapi2-burn did not finish within 60 s\n");
        TerminateProcess(process, 99);
        WaitForSingleObject(process, 5000);
    }
    GetExitCodeProcess(process, &code);
    CloseHandle(process);
    text[0] = 0;
    f = CreateFileA(log, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (f != INVALID_HANDLE_VALUE)
    {
        ReadFile(f, text, size - 1, &got, NULL);
        text[got] = 0;
        CloseHandle(f);
    }
    return code;
}

/* %IMAPI_TEST_TMP_WIN%\<name> with payload.bin: size bytes of the letter fill. */
static BOOL make_source(const char *name, char fill, DWORD size, char *dir, DWORD dir_size)
{
    char tmp[MAX_PATH], file[MAX_PATH];
    BYTE *data;
    DWORD done = 0;
    HANDLE f;
    if (!GetEnvironmentVariableA("IMAPI_TEST_TMP_WIN", tmp, sizeof(tmp))) return FALSE;
    snprintf(dir, dir_size, "%s\\%s", tmp, name);
    CreateDirectoryA(dir, NULL);
    snprintf(file, sizeof(file), "%s\\payload.bin", dir);
    f = CreateFileA(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    if (f == INVALID_HANDLE_VALUE) return FALSE;
    data = malloc(size);
    memset(data, fill, size);
    WriteFile(f, data, size, &done, NULL);
    CloseHandle(f);
    free(data);
    return done == size;
}

/* Reads the disc back: the PVD's volume identifier (LBA 16, bytes 40-71) and how many
 * sectors are entirely 'A' and entirely 'B', up to the first block that cannot be read. */
static void read_back(IDiscRecorder2Ex *ex, char volume[33], ULONG *a, ULONG *b)
{
    BYTE *buf = malloc(2048), sense[18];
    ULONG lba, got, i;
    *a = *b = 0;
    volume[0] = 0;
    for (lba = 0; lba < 4096; lba++)
    {
        BYTE cdb[10] = { 0x28, 0, 0, 0, (BYTE)(lba >> 8), (BYTE)lba, 0, 0, 1, 0 };
        got = 0;
        if (IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 10, sense, 10, buf, 2048, &got) != S_OK || got != 2048)
            break;
        if (lba == 16 && !memcmp(buf + 1, "CD001", 5))
        {
            memcpy(volume, buf + 40, 32);
            for (i = 32; i > 0 && volume[i - 1] == ' '; i--) ;
            volume[i] = 0;
        }
        for (i = 0; i < 2048 && buf[i] == 'A'; i++) ;
        if (i == 2048) (*a)++;
        for (i = 0; i < 2048 && buf[i] == 'B'; i++) ;
        if (i == 2048) (*b)++;
    }
    free(buf);
}

#define PAYLOAD_SECTORS 512

/* WriteSection of a client that does not hold the recorder while another one does:
 * E_IMAPI_RECORDER_LOCKED, nothing written (on Windows CDROM.SYS refuses the other
 * handles' commands; the documentation: LOCKED = "the device ... was exclusively locked"). 
 * imapi2-burn is refused at once and names the holder. The holder itself writes. */
static void test_locked_out(void)
{
    IDiscRecorder2 *holder = NULL, *other = NULL;
    IDiscRecorder2Ex *hex = NULL, *oex = NULL;
    IWriteEngine2 *engine;
    IStream *data;
    BSTR id = NULL, name = SysAllocString(L"winetest holder");
    char exe[MAX_PATH], dir[MAX_PATH], log[MAX_PATH], text[4096];
    LONG index;
    DWORD code;
    HANDLE p;
    HRESULT hr;

    if (!emu_clone("BlankCDR", "LockCDR", &id, &index)) goto done;
    if (!(holder = emu_open_id(id)) || !(other = emu_open_id(id))) goto done;
    hex = ex_of(holder);
    oex = ex_of(other);
    ok(disc_status(hex) == 0, "the copy of BlankCDR is not blank: %d\n", disc_status(hex));
    hr = IDiscRecorder2_AcquireExclusiveAccess(holder, VARIANT_FALSE, name);
    ok(hr == S_OK, "AcquireExclusiveAccess returned %08lx\n", hr);

    engine = new_engine(NULL, 2048);
    IWriteEngine2_put_Recorder(engine, oex);
    data = pattern_stream(32, 0);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 32);
    ok(hr == E_IMAPI_RECORDER_LOCKED, "WriteSection of a locked-out client returned %08lx\n", hr);
    IStream_Release(data);
    ok(disc_status(hex) == 0, "the locked-out write changed the disc: status %d\n", disc_status(hex));

    if (burn_path(exe, sizeof(exe)) && make_source("lockedsrc", 'B', 64 * 1024, dir, sizeof(dir)))
    {
        snprintf(log, sizeof(log), "%s.log", dir);
        p = start_burn(exe, index, "LOCKED", dir, log);
        code = p ? finish_burn(p, log, text, sizeof(text)) : 0xdead;
        ok(code == 1, "imapi2-burn on a held recorder exited %lu\n", code);
        /* refused at its first command (E_IMAPI_RECORDER_LOCKED) or at Write's exclusive access */
        ok(strstr(text, "0x80070005") || strstr(text, "0xc0aa0210"),
           "imapi2-burn did not report E_ACCESSDENIED or E_IMAPI_RECORDER_LOCKED: %s\n", text);
        ok(strstr(text, "in use") && strstr(text, "\"winetest holder\""), "imapi2-burn did not name the holder: %s\n", text);
        ok(disc_status(hex) == 0, "imapi2-burn changed a held disc: status %d\n", disc_status(hex));
    }
    else skip("no imapi2-burn.exe (IMAPI_BUILD_DIR_WIN not set) or no scratch directory\n");

    /* the holder's own engine writes */
    IWriteEngine2_put_Recorder(engine, hex);
    data = pattern_stream(32, 0);
    hr = IWriteEngine2_WriteSection(engine, data, 0, 32);
    ok(hr == S_OK, "WriteSection of the holder returned %08lx\n", hr);
    IStream_Release(data);
    IWriteEngine2_Release(engine);
    hr = IDiscRecorder2_ReleaseExclusiveAccess(holder);
    ok(hr == S_OK, "ReleaseExclusiveAccess returned %08lx\n", hr);
done:
    if (hex) IDiscRecorder2Ex_Release(hex);
    if (oex) IDiscRecorder2Ex_Release(oex);
    if (holder) IDiscRecorder2_Release(holder);
    if (other) IDiscRecorder2_Release(other);
    SysFreeString(id);
    SysFreeString(name);
}

/* Two imapi2-burn.exe -close started together on one blank CD-R: one burns, the other is
 * refused with E_IMAPI_RECORDER_LOCKED or E_ACCESSDENIED and the holder's name (or, when it
 * only got to the recorder after the first had finished, finds the disc closed); never a
 * failed WRITE. The winner's
 * disc holds its whole payload and none of the loser's. */
static void test_two_burners(void)
{
    char exe[MAX_PATH], dir_a[MAX_PATH], dir_b[MAX_PATH], log_a[MAX_PATH], log_b[MAX_PATH];
    char text_a[4096], text_b[4096], volume[33], clone[32];
    unsigned round, refused = 0, late = 0;

    if (!burn_path(exe, sizeof(exe)) || !make_source("burnsrcA", 'A', PAYLOAD_SECTORS * 2048, dir_a, sizeof(dir_a))
        || !make_source("burnsrcB", 'B', PAYLOAD_SECTORS * 2048, dir_b, sizeof(dir_b)))
    {
        skip("no imapi2-burn.exe (IMAPI_BUILD_DIR_WIN not set) or no scratch directory\n");
        return;
    }
    for (round = 0; round < 2; round++)
    {
        IDiscRecorder2 *r;
        IDiscRecorder2Ex *ex;
        HANDLE pa, pb;
        DWORD ca, cb;
        ULONG a = 0, b = 0;
        LONG index;
        BSTR id;
        const char *loser_text;
        BOOL a_won;

        snprintf(clone, sizeof(clone), "RaceCDR%u", round);
        if (!emu_clone("BlankCDR", clone, &id, &index)) return;
        snprintf(log_a, sizeof(log_a), "%s-%u.log", dir_a, round);
        snprintf(log_b, sizeof(log_b), "%s-%u.log", dir_b, round);
        pa = start_burn(exe, index, "WRITER_A", dir_a, log_a);
        pb = start_burn(exe, index, "WRITER_B", dir_b, log_b);
        ca = pa ? finish_burn(pa, log_a, text_a, sizeof(text_a)) : 0xdead;
        cb = pb ? finish_burn(pb, log_b, text_b, sizeof(text_b)) : 0xdead;
        ok((ca == 0) + (cb == 0) == 1, "round %u: exit codes %lu and %lu, one burn must win\n(A) %s\n(B) %s\n",
           round, ca, cb, text_a, text_b);
        a_won = ca == 0;
        loser_text = a_won ? text_b : text_a;
        if ((strstr(loser_text, "0x80070005") || strstr(loser_text, "0xc0aa0210"))
            && strstr(loser_text, "\"imapi2-burn process ")) refused++;
        else if (strstr(loser_text, "disc is closed")) late++;   /* the winner had closed the disc */
        else ok(0, "round %u: the second burner failed otherwise: %s\n", round, loser_text);

        if ((r = emu_open_id(id)))
        {
            if ((ex = ex_of(r)))
            {
                ok(disc_status(ex) == 2, "round %u: disc status %d after the burn\n", round, disc_status(ex));
                read_back(ex, volume, &a, &b);
                ok(!strcmp(volume, a_won ? "WRITER_A" : "WRITER_B"), "round %u: volume %s on the disc\n", round, volume);
                ok((a_won ? a : b) == PAYLOAD_SECTORS && (a_won ? b : a) == 0,
                   "round %u: %lu sectors of A and %lu of B on the disc (%s won)\n", round, a, b, a_won ? "A" : "B");
                IDiscRecorder2Ex_Release(ex);
            }
            IDiscRecorder2_Release(r);
        }
        SysFreeString(id);
    }
    trace("two burners: %u refused while the other held the recorder, %u came after it had finished\n", refused, late);
}

START_TEST(write_engine)
{
    CoInitialize(NULL);
    test_arguments();
    test_write();
    test_cancel();
    test_drive_errors();
    test_locked_out();
    test_two_burners();
    CoUninitialize();
}
