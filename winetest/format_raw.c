/*
 * Conformance tests of MsftDiscFormat2RawCD (IDiscFormat2RawCD, DDiscFormat2RawCDEvents with
 * IDiscFormat2RawCDEventArgs) on private copies (emu_clone.h) of the emulated recorders:
 * the prepared / not prepared rules, SupportedSectorTypes and RequestedSectorType, the
 * ATIP limits (StartOfNextSession in the lead-in, LastPossibleStartOfLeadout), an image of
 * MsftRawCDImageCreator written with WriteMedia and read back (TOC, audio, MCN and ISRC
 * through READ SUB-CHANNEL), the refusals (wrong media, ragged stream, a lead-in too short,
 * a second write, PrepareMedia twice) and CancelWrite from the Update handler.
 */
#include <initguid.h>
#include "test.h"
#include <ocidl.h>
#include "imapi2.h"
#include "imapi2error.h"
#include "emu_clone.h"
#include "emu_media.h"

#define SECTOR 2352

/* A CD-R (or other media) recorder: a clone of BlankCDR, or of Empty with a blank
 * `media` of `capacity` blocks (emu_media.h). */
static IDiscRecorder2 *clone_recorder(const char *source, const char *name, const char *media, unsigned capacity)
{
    return emu_clone_blank(source, name, media, capacity, FALSE);
}


static IDiscFormat2RawCD *new_raw(IDiscRecorder2 *r, BOOL name)
{
    IDiscFormat2RawCD *f = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftDiscFormat2RawCD, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2RawCD, (void **)&f);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscFormat2RawCD) %08lx\n", hr);
    if (!f) return NULL;
    if (r) ok(IDiscFormat2RawCD_put_Recorder(f, r) == S_OK, "put_Recorder\n");
    if (name)
    {
        BSTR s = SysAllocString(L"winetest format_raw");
        ok(IDiscFormat2RawCD_put_ClientName(f, s) == S_OK, "put_ClientName\n");
        SysFreeString(s);
    }
    return f;
}

static IStream *audio_stream(unsigned sectors, unsigned seed, BYTE **copy)
{
    IStream *s = NULL;
    SIZE_T n = (SIZE_T)sectors * SECTOR, i;
    BYTE *p = malloc(n ? n : 1);
    LARGE_INTEGER zero;
    for (i = 0; i < n; i++) p[i] = (BYTE)(i * 29 + seed + (i >> 10));
    CreateStreamOnHGlobal(NULL, TRUE, &s);
    IStream_Write(s, p, (ULONG)n, NULL);
    zero.QuadPart = 0;
    IStream_Seek(s, zero, STREAM_SEEK_SET, NULL);
    if (copy) *copy = p;
    else free(p);
    return s;
}

/* An image of two tracks (400 and 350 sectors) with an MCN and track 1's ISRC. */
static IStream *make_image(IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE type, BYTE **a1)
{
    IRawCDImageCreator *c = NULL;
    IRawCDImageTrackInfo *t = NULL;
    IStream *s1, *s2, *img = NULL;
    LONG index;
    BSTR b;

    CoCreateInstance(&CLSID_MsftRawCDImageCreator, NULL, CLSCTX_INPROC_SERVER, &IID_IRawCDImageCreator, (void **)&c);
    ok(c != NULL, "MsftRawCDImageCreator\n");
    if (!c) return NULL;
    IRawCDImageCreator_put_ResultingImageType(c, type);
    b = SysAllocString(L"0012345678905");
    ok(IRawCDImageCreator_put_MediaCatalogNumber(c, b) == S_OK, "MCN\n");
    SysFreeString(b);
    s1 = audio_stream(400, 1, a1);
    s2 = audio_stream(350, 2, NULL);
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s1, &index) == S_OK, "AddTrack 1\n");
    ok(IRawCDImageCreator_AddTrack(c, IMAPI_CD_SECTOR_AUDIO, s2, &index) == S_OK, "AddTrack 2\n");
    if (IRawCDImageCreator_get_TrackInfo(c, 1, &t) == S_OK)
    {
        b = SysAllocString(L"US-K7Y-98-12345");
        ok(IRawCDImageTrackInfo_put_ISRC(t, b) == S_OK, "ISRC\n");
        SysFreeString(b);
        IRawCDImageTrackInfo_Release(t);
    }
    ok(IRawCDImageCreator_CreateResultImage(c, &img) == S_OK, "CreateResultImage\n");
    IStream_Release(s1);
    IStream_Release(s2);
    IRawCDImageCreator_Release(c);
    return img;
}

struct sink
{
    IDispatch IDispatch_iface;
    unsigned calls, bad, writing, actions;
    BOOL cancel;
    HRESULT cancel_hr;
    LONG start, last_written;
};
static struct sink *sink_from(IDispatch *iface) { return CONTAINING_RECORD(iface, struct sink, IDispatch_iface); }
static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_DDiscFormat2RawCDEvents))
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
static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d) { return E_NOTIMPL; }
static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    struct sink *s = sink_from(iface);
    IDiscFormat2RawCDEventArgs *args = NULL;
    IDiscFormat2RawCD *format = NULL;
    IMAPI_FORMAT2_RAW_CD_WRITE_ACTION action = -1;
    LONG start = 0, count = 0, written = 0, total = 0, used = 0, avail = 0, el = -1, rem = -1;

    s->calls++;
    if (id != DISPID_DDISCFORMAT2RAWCDEVENTS_UPDATE || params->cArgs != 2
        || FAILED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[0]), &IID_IDiscFormat2RawCDEventArgs, (void **)&args))
        || FAILED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[1]), &IID_IDiscFormat2RawCD, (void **)&format)))
    {
        s->bad++;
        if (args) IDiscFormat2RawCDEventArgs_Release(args);
        return S_OK;
    }
    if (IDiscFormat2RawCDEventArgs_get_CurrentAction(args, &action) != S_OK
        || IDiscFormat2RawCDEventArgs_get_StartLba(args, &start) != S_OK
        || IDiscFormat2RawCDEventArgs_get_SectorCount(args, &count) != S_OK
        || IDiscFormat2RawCDEventArgs_get_LastWrittenLba(args, &written) != S_OK
        || IDiscFormat2RawCDEventArgs_get_TotalSystemBuffer(args, &total) != S_OK
        || IDiscFormat2RawCDEventArgs_get_UsedSystemBuffer(args, &used) != S_OK
        || IDiscFormat2RawCDEventArgs_get_FreeSystemBuffer(args, &avail) != S_OK
        || IDiscFormat2RawCDEventArgs_get_ElapsedTime(args, &el) != S_OK
        || IDiscFormat2RawCDEventArgs_get_RemainingTime(args, &rem) != S_OK)
        s->bad++;
    if (total != used + avail || el < 0 || rem < 0 || action < IMAPI_FORMAT2_RAW_CD_WRITE_ACTION_PREPARING
        || action > IMAPI_FORMAT2_RAW_CD_WRITE_ACTION_FINISHING || written >= start + count)
        s->bad++;
    s->actions |= 1u << action;
    s->start = start;
    s->last_written = written;
    if (action == IMAPI_FORMAT2_RAW_CD_WRITE_ACTION_WRITING)
    {
        s->writing++;
        if (s->cancel && !s->cancel_hr) s->cancel_hr = IDiscFormat2RawCD_CancelWrite(format);
    }
    IDiscFormat2RawCDEventArgs_Release(args);
    IDiscFormat2RawCD_Release(format);
    return S_OK;
}
static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames, sink_Invoke
};

static IConnectionPoint *advise(IDiscFormat2RawCD *f, struct sink *s, DWORD *cookie)
{
    IConnectionPointContainer *cpc;
    IConnectionPoint *cp = NULL;
    s->IDispatch_iface.lpVtbl = &sink_vtbl;
    if (FAILED(IDiscFormat2RawCD_QueryInterface(f, &IID_IConnectionPointContainer, (void **)&cpc))) return NULL;
    IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DDiscFormat2RawCDEvents, &cp);
    IConnectionPointContainer_Release(cpc);
    if (cp && FAILED(IConnectionPoint_Advise(cp, (IUnknown *)&s->IDispatch_iface, cookie)))
    {
        IConnectionPoint_Release(cp);
        cp = NULL;
    }
    ok(cp != NULL, "no DDiscFormat2RawCDEvents connection\n");
    return cp;
}

static HRESULT read_cd(IDiscRecorder2 *r, LONG lba, unsigned count, BYTE *buf)
{
    IDiscRecorder2Ex *ex = NULL;
    BYTE cdb[12] = { 0xBE, 0x04 }, sense[20];
    ULONG fetched = 0;
    HRESULT hr;

    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    if (!ex) return E_NOINTERFACE;
    cdb[2] = (BYTE)(lba >> 24); cdb[3] = (BYTE)(lba >> 16); cdb[4] = (BYTE)(lba >> 8); cdb[5] = (BYTE)lba;
    cdb[6] = (BYTE)(count >> 16); cdb[7] = (BYTE)(count >> 8); cdb[8] = (BYTE)count;
    cdb[9] = 0x10;                                   /* user data: the 2352 CD-DA bytes */
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 12, sense, 20, buf, count * SECTOR, &fetched);
    IDiscRecorder2Ex_Release(ex);
    return hr;
}

static HRESULT read_toc(IDiscRecorder2 *r, BYTE *buf, ULONG len)
{
    IDiscRecorder2Ex *ex = NULL;
    BYTE cdb[10] = { 0x43, 0, 0, 0, 0, 0, 1 }, sense[20];
    ULONG fetched = 0;
    HRESULT hr;

    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    if (!ex) return E_NOINTERFACE;
    cdb[7] = (BYTE)(len >> 8); cdb[8] = (BYTE)len;
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 10, sense, 20, buf, len, &fetched);
    IDiscRecorder2Ex_Release(ex);
    return hr;
}

static ULONG be32(const BYTE *p) { return (ULONG)p[0] << 24 | (ULONG)p[1] << 16 | (ULONG)p[2] << 8 | p[3]; }


static HRESULT read_subchannel(IDiscRecorder2 *r, BYTE format, BYTE track, BYTE *buf)
{
    IDiscRecorder2Ex *ex = NULL;
    BYTE cdb[10] = { 0x42, 0, 0x40, 0, 0, 0, 0, 0, 24 }, sense[20];
    ULONG fetched = 0;
    HRESULT hr;
    cdb[3] = format;
    cdb[6] = track;
    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    if (!ex) return E_NOINTERFACE;
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 10, sense, 20, buf, 24, &fetched);
    IDiscRecorder2Ex_Release(ex);
    return hr;
}

static BOOL blank_cd(IDiscRecorder2 *r)
{
    IDiscRecorder2Ex *ex = NULL;
    BYTE *info = NULL;
    ULONG size = 0;
    BOOL blank = FALSE;
    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    if (ex && SUCCEEDED(IDiscRecorder2Ex_GetDiscInformation(ex, &info, &size)) && info && size > 2)
        blank = (info[2] & 3) == 0;
    if (info) CoTaskMemFree(info);
    if (ex) IDiscRecorder2Ex_Release(ex);
    return blank;
}

static void test_unprepared(void)
{
    IDiscFormat2RawCD *f = new_raw(NULL, FALSE);
    IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE type = 0;
    IStream *s = audio_stream(10, 1, NULL);
    SAFEARRAY *sa = (SAFEARRAY *)1;
    VARIANT_BOOL flag = VARIANT_TRUE;
    LONG v = 1;

    if (!f) return;
    ok(IDiscFormat2RawCD_PrepareMedia(f) == E_IMAPI_DF2RAW_NO_RECORDER_SPECIFIED, "PrepareMedia without recorder\n");
    ok(IDiscFormat2RawCD_WriteMedia(f, NULL) == E_POINTER, "WriteMedia(NULL)\n");
    ok(IDiscFormat2RawCD_WriteMedia(f, s) == E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED, "WriteMedia not prepared\n");
    ok(IDiscFormat2RawCD_WriteMedia2(f, s, 22650) == E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED, "WriteMedia2 not prepared\n");
    ok(IDiscFormat2RawCD_CancelWrite(f) == E_IMAPI_DF2RAW_WRITE_NOT_IN_PROGRESS, "CancelWrite\n");
    ok(IDiscFormat2RawCD_ReleaseMedia(f) == E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED, "ReleaseMedia\n");
    ok(IDiscFormat2RawCD_get_StartOfNextSession(f, &v) == E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED, "StartOfNextSession\n");
    ok(IDiscFormat2RawCD_get_LastPossibleStartOfLeadout(f, &v) == E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED, "LastPossibleStartOfLeadout\n");
    ok(IDiscFormat2RawCD_get_SupportedSectorTypes(f, &sa) == E_POINTER, "SupportedSectorTypes without recorder\n");
    ok(IDiscFormat2RawCD_get_RequestedSectorType(f, &type) == S_OK && type == IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_COOKED, "type %d\n", type);
    ok(IDiscFormat2RawCD_put_RequestedSectorType(f, IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY) == E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED,
       "put_RequestedSectorType not prepared\n");
    ok(IDiscFormat2RawCD_put_BufferUnderrunFreeDisabled(f, VARIANT_TRUE) == E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED, "put BUFE\n");
    ok(IDiscFormat2RawCD_get_BufferUnderrunFreeDisabled(f, &flag) == S_OK && flag == VARIANT_FALSE, "BUFE %d\n", flag);
    ok(IDiscFormat2RawCD_get_RequestedWriteSpeed(f, &v) == S_OK && v == -1, "RequestedWriteSpeed %ld\n", v);
    IStream_Release(s);
    IDiscFormat2RawCD_Release(f);
}

/* A recorder that writes no CD: IsRecorderSupported says so through the documented
 * E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED; put_Recorder refuses it. */
static void test_dvd_only_recorder(void)
{
    char path[MAX_PATH], dir[MAX_PATH];
    IDiscRecorder2 *r;
    IDiscFormat2RawCD *f;
    VARIANT_BOOL vb = VARIANT_TRUE;
    LONG index;
    FILE *cfg;
    BSTR id;
    HRESULT hr;

    if (!emu_clone("Empty", "RawDvdOnly", &id, &index)) return;
    GetEnvironmentVariableA("IMAPI_TEST_TMP_WIN", dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s\\RawDvdOnly\\config.txt", dir);
    if ((cfg = fopen(path, "wb")))
    {
        fprintf(cfg, "imapi-vdrive-config 1\nvendor IMAPITST\nproduct DVD ONLY\nrevision 1.00\nserial VDDVDONLY1\n"
                     "profiles dvdrom dvd+r dvd+rw\nbuffer_kb 4096\nbecoming_ready 0\nunit_attention 0\n"
                     "dvd_speeds 16 8 4\n");
        fclose(cfg);
    }
    ok(cfg != NULL, "cannot write %s\n", path);
    r = emu_open_id(id);
    SysFreeString(id);
    if (!r) return;
    f = new_raw(NULL, FALSE);
    hr = IDiscFormat2RawCD_IsRecorderSupported(f, r, &vb);
    ok(hr == E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED && vb == VARIANT_FALSE, "IsRecorderSupported(DVD only) %08lx %d\n", hr, vb);
    hr = IDiscFormat2RawCD_put_Recorder(f, r);
    ok(hr == E_IMAPI_DF2RAW_RECORDER_NOT_SUPPORTED, "put_Recorder(DVD only) %08lx\n", hr);
    IDiscFormat2RawCD_Release(f);
    IDiscRecorder2_Release(r);
}

static void test_wrong_media(void)
{
    IDiscRecorder2 *r = clone_recorder("DVDPlusRW", "RawDVD", NULL, 0);
    IDiscFormat2RawCD *f;
    HRESULT hr;
    if (!r) return;
    f = new_raw(r, FALSE);
    ok(IDiscFormat2RawCD_PrepareMedia(f) == E_IMAPI_DF2RAW_CLIENT_NAME_IS_NOT_VALID, "PrepareMedia without ClientName\n");
    IDiscFormat2RawCD_Release(f);
    f = new_raw(r, TRUE);
    hr = IDiscFormat2RawCD_PrepareMedia(f);
    ok(hr == E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED, "PrepareMedia on DVD+RW %08lx\n", hr);
    ok(IDiscRecorder2_AcquireExclusiveAccess(r, VARIANT_FALSE, (BSTR)L"other") == S_OK, "drive still held\n");
    IDiscRecorder2_ReleaseExclusiveAccess(r);
    IDiscFormat2RawCD_Release(f);
    IDiscRecorder2_Release(r);
}

static void test_write(void)
{
    IDiscRecorder2 *r = clone_recorder("BlankCDR", "RawCDR", NULL, 0);
    IDiscFormat2RawCD *f;
    IStream *img, *bad;
    struct sink sink = {{0}};
    IConnectionPoint *cp;
    DWORD cookie = 0;
    SAFEARRAY *sa = NULL;
    BYTE *a1 = NULL, *back, toc[4 + 8 * 3], sub[24];
    LONG next = 0, last = 0;
    HRESULT hr;

    if (!r) return;
    f = new_raw(r, TRUE);
    hr = IDiscFormat2RawCD_get_SupportedSectorTypes(f, &sa);
    ok(hr == S_OK && sa, "SupportedSectorTypes %08lx\n", hr);
    if (sa)
    {
        LONG lo = 0, hi = -1;
        VARIANT *v;
        SafeArrayGetLBound(sa, 1, &lo);
        SafeArrayGetUBound(sa, 1, &hi);
        ok(hi - lo + 1 == 3, "%ld sector types\n", hi - lo + 1);
        if (hi - lo + 1 == 3 && SUCCEEDED(SafeArrayAccessData(sa, (void **)&v)))
        {
            ok(V_VT(&v[0]) == VT_UI4 && V_UI4(&v[0]) == 1 && V_UI4(&v[1]) == 2 && V_UI4(&v[2]) == 3, "types\n");
            SafeArrayUnaccessData(sa);
        }
        SafeArrayDestroy(sa);
    }
    hr = IDiscFormat2RawCD_PrepareMedia(f);
    ok(SUCCEEDED(hr), "PrepareMedia %08lx\n", hr);
    ok(IDiscFormat2RawCD_PrepareMedia(f) == E_IMAPI_DF2RAW_MEDIA_IS_PREPARED, "PrepareMedia twice\n");
    ok(IDiscFormat2RawCD_put_Recorder(f, r) == E_IMAPI_DF2RAW_MEDIA_IS_PREPARED, "put_Recorder while prepared\n");
    ok(IDiscFormat2RawCD_get_StartOfNextSession(f, &next) == S_OK && next < -150 && next > -22650,
       "StartOfNextSession %ld (the lead-in)\n", next);
    ok(IDiscFormat2RawCD_get_LastPossibleStartOfLeadout(f, &last) == S_OK && last == 359849, "LastPossibleStartOfLeadout %ld\n", last);
    ok(IDiscFormat2RawCD_put_RequestedSectorType(f, 0) == E_IMAPI_DF2RAW_DATA_BLOCK_TYPE_NOT_SUPPORTED, "sector type 0\n");
    ok(IDiscFormat2RawCD_put_RequestedSectorType(f, IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY) == S_OK, "PQ_ONLY\n");
    ok(IDiscFormat2RawCD_put_BufferUnderrunFreeDisabled(f, VARIANT_FALSE) == S_OK, "put BUFE while prepared\n");

    img = make_image(IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY, &a1);
    bad = audio_stream(1, 0, NULL);                  /* 2352 bytes: not whole 2368-byte sectors */
    ok(IDiscFormat2RawCD_WriteMedia(f, bad) == E_IMAPI_DF2RAW_STREAM_NOT_SUPPORTED, "ragged stream\n");
    IStream_Release(bad);
    ok(IDiscFormat2RawCD_WriteMedia2(f, img, -1) == E_INVALIDARG, "negative lead-in\n");
    hr = IDiscFormat2RawCD_WriteMedia2(f, img, 100);
    ok(hr == E_IMAPI_DF2RAW_STREAM_LEADIN_TOO_SHORT, "a lead-in of 100 sectors %08lx\n", hr);
    ok(blank_cd(r), "the disc is still blank after the refusals\n");

    cp = advise(f, &sink, &cookie);
    hr = IDiscFormat2RawCD_WriteMedia(f, img);
    ok(hr == S_OK, "WriteMedia %08lx\n", hr);
    ok(sink.calls >= 3 && !sink.bad, "events: %u calls, %u bad\n", sink.calls, sink.bad);
    ok(sink.actions == (1u << 1 | 1u << 2 | 1u << 3), "actions %#x\n", sink.actions);
    ok(sink.start == next, "events start at the lead-in (%ld)\n", sink.start);
    if (cp) { IConnectionPoint_Unadvise(cp, cookie); IConnectionPoint_Release(cp); }
    hr = IDiscFormat2RawCD_WriteMedia(f, img);
    ok(hr == E_IMAPI_DF2RAW_MEDIA_IS_NOT_BLANK, "a second WriteMedia %08lx\n", hr);
    ok(IDiscFormat2RawCD_ReleaseMedia(f) == S_OK, "ReleaseMedia\n");
    ok(IDiscFormat2RawCD_ReleaseMedia(f) == E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED, "ReleaseMedia twice\n");

    ok(read_toc(r, toc, sizeof(toc)) == S_OK, "READ TOC\n");
    ok(toc[2] == 1 && toc[3] == 2, "tracks %u-%u\n", toc[2], toc[3]);
    ok(toc[6] == 1 && be32(toc + 8) == 0 && (toc[5] & 0x0F) == 2, "track 1 at %lu control %x\n", be32(toc + 8), toc[5] & 15);
    ok(toc[14] == 2 && be32(toc + 16) == 550, "track 2 at %lu\n", be32(toc + 16));
    ok(toc[22] == 0xAA && be32(toc + 24) == 900, "lead-out at %lu\n", be32(toc + 24));
    back = malloc(400 * SECTOR);
    ok(read_cd(r, 0, 400, back) == S_OK && a1 && !memcmp(back, a1, 400 * SECTOR), "track 1 reads back as the image had it\n");
    free(back);
    ok(read_subchannel(r, 2, 0, sub) == S_OK && (sub[8] & 0x80) && !memcmp(sub + 9, "0012345678905", 13), "MCN on the disc\n");
    ok(read_subchannel(r, 3, 1, sub) == S_OK && (sub[8] & 0x80) && !memcmp(sub + 9, "USK7Y9812345", 12), "ISRC of track 1\n");
    hr = IDiscFormat2RawCD_PrepareMedia(f);
    ok(hr == E_IMAPI_DF2RAW_MEDIA_IS_NOT_BLANK, "PrepareMedia on the written disc %08lx\n", hr);
    free(a1);
    IStream_Release(img);
    IDiscFormat2RawCD_Release(f);
    IDiscRecorder2_Release(r);
}

static void test_cancel(void)
{
    IDiscRecorder2 *r = clone_recorder("BlankCDR", "RawCancel", NULL, 0);
    IDiscFormat2RawCD *f;
    struct sink sink = {{0}};
    IConnectionPoint *cp;
    DWORD cookie = 0;
    IStream *img;
    HRESULT hr;

    if (!r) return;
    f = new_raw(r, TRUE);
    ok(SUCCEEDED(IDiscFormat2RawCD_PrepareMedia(f)), "PrepareMedia\n");
    img = make_image(IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_COOKED, NULL);
    cp = advise(f, &sink, &cookie);
    sink.cancel = TRUE;
    hr = IDiscFormat2RawCD_WriteMedia(f, img);
    ok(hr == E_IMAPI_REQUEST_CANCELLED, "cancelled WriteMedia %08lx\n", hr);
    ok(sink.cancel_hr == S_OK, "CancelWrite from the handler %08lx\n", sink.cancel_hr);
    if (cp) { IConnectionPoint_Unadvise(cp, cookie); IConnectionPoint_Release(cp); }
    ok(IDiscFormat2RawCD_ReleaseMedia(f) == S_OK, "ReleaseMedia after cancel\n");
    IStream_Release(img);
    IDiscFormat2RawCD_Release(f);
    IDiscRecorder2_Release(r);
}

START_TEST(format_raw)
{
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_unprepared();
    test_dvd_only_recorder();
    test_wrong_media();
    test_write();
    test_cancel();
    CoUninitialize();
}
