/*
 * Conformance tests of MsftDiscFormat2TrackAtOnce (IDiscFormat2TrackAtOnce, IBurnVerification,
 * DDiscFormat2TrackAtOnceEvents with IDiscFormat2TrackAtOnceEventArgs) on private copies
 * (emu_clone.h) of the emulated recorders of winetest/setup-recorders.sh: the
 * prepared / not prepared rules, a TAO burn of CD-DA tracks read back with READ CD and
 * READ TOC, and the refusals (wrong media, used disc, a stream not of whole 2352-byte
 * sectors, not enough space, the 100th track, PrepareMedia twice), each leaving the disc
 * as it was. HRESULTs as IMAPI2_SPEC.md 2.9 documents them; the [undoc] choices are the
 * ones format_tao.c lists.
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

static IDiscFormat2TrackAtOnce *new_tao(IDiscRecorder2 *r, BOOL name)
{
    IDiscFormat2TrackAtOnce *t = NULL;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_MsftDiscFormat2TrackAtOnce, NULL, CLSCTX_INPROC_SERVER,
                          &IID_IDiscFormat2TrackAtOnce, (void **)&t);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscFormat2TrackAtOnce) %08lx\n", hr);
    if (!t) return NULL;
    if (r)
    {
        hr = IDiscFormat2TrackAtOnce_put_Recorder(t, r);
        ok(hr == S_OK, "put_Recorder %08lx\n", hr);
    }
    if (name)
    {
        BSTR s = SysAllocString(L"winetest format_tao");
        hr = IDiscFormat2TrackAtOnce_put_ClientName(t, s);
        ok(hr == S_OK, "put_ClientName %08lx\n", hr);
        SysFreeString(s);
    }
    return t;
}

/* A memory stream of `sectors` CD-DA sectors of a pattern (extra: bytes added). */
static IStream *audio_stream(unsigned sectors, unsigned seed, unsigned extra, BYTE **copy)
{
    IStream *s = NULL;
    SIZE_T n = (SIZE_T)sectors * SECTOR + extra, i;
    BYTE *p = malloc(n ? n : 1);
    LARGE_INTEGER zero;
    for (i = 0; i < n; i++) p[i] = (BYTE)(i * 31 + seed + (i >> 11));
    CreateStreamOnHGlobal(NULL, TRUE, &s);
    IStream_Write(s, p, (ULONG)n, NULL);
    zero.QuadPart = 0;
    IStream_Seek(s, zero, STREAM_SEEK_SET, NULL);
    if (copy) *copy = p;
    else free(p);
    return s;
}

static LONG get_long(IDiscFormat2TrackAtOnce *t, HRESULT (STDMETHODCALLTYPE *getter)(IDiscFormat2TrackAtOnce *, LONG *), HRESULT want)
{
    LONG v = -12345;
    HRESULT hr = getter(t, &v);
    ok(hr == want, "getter %08lx, want %08lx\n", hr, want);
    return v;
}
#define TAO_GET(t, Name, want) get_long(t, (t)->lpVtbl->get_##Name, want)

/* ---- events ---- */

struct sink
{
    IDispatch IDispatch_iface;
    unsigned calls, bad, writing;
    LONG track, start, count, last_written;
    BOOL cancel;
    HRESULT cancel_hr;
    HRESULT tracks_hr;
};

static struct sink *sink_from(IDispatch *iface) { return CONTAINING_RECORD(iface, struct sink, IDispatch_iface); }
static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_DDiscFormat2TrackAtOnceEvents))
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
    IDiscFormat2TrackAtOnceEventArgs *args = NULL;
    IDiscFormat2TrackAtOnce *format = NULL;
    IMAPI_FORMAT2_TAO_WRITE_ACTION action = -1;
    LONG track = 0, start = 0, count = 0, written = 0, total = 0, used = 0, avail = 0, el = 0, rem = 0, n;

    s->calls++;
    if (id != DISPID_DDISCFORMAT2TAOEVENTS_UPDATE || params->cArgs != 2
        || V_VT(&params->rgvarg[0]) != VT_DISPATCH || V_VT(&params->rgvarg[1]) != VT_DISPATCH
        || FAILED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[0]), &IID_IDiscFormat2TrackAtOnceEventArgs, (void **)&args))
        || FAILED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[1]), &IID_IDiscFormat2TrackAtOnce, (void **)&format)))
    {
        s->bad++;
        if (args) IDiscFormat2TrackAtOnceEventArgs_Release(args);
        return S_OK;
    }
    if (IDiscFormat2TrackAtOnceEventArgs_get_CurrentAction(args, &action) != S_OK
        || IDiscFormat2TrackAtOnceEventArgs_get_CurrentTrackNumber(args, &track) != S_OK
        || IDiscFormat2TrackAtOnceEventArgs_get_StartLba(args, &start) != S_OK
        || IDiscFormat2TrackAtOnceEventArgs_get_SectorCount(args, &count) != S_OK
        || IDiscFormat2TrackAtOnceEventArgs_get_LastWrittenLba(args, &written) != S_OK
        || IDiscFormat2TrackAtOnceEventArgs_get_TotalSystemBuffer(args, &total) != S_OK
        || IDiscFormat2TrackAtOnceEventArgs_get_UsedSystemBuffer(args, &used) != S_OK
        || IDiscFormat2TrackAtOnceEventArgs_get_FreeSystemBuffer(args, &avail) != S_OK
        || IDiscFormat2TrackAtOnceEventArgs_get_ElapsedTime(args, &el) != S_OK
        || IDiscFormat2TrackAtOnceEventArgs_get_RemainingTime(args, &rem) != S_OK)
        s->bad++;
    if (total != used + avail || el < 0 || rem < 0 || action < IMAPI_FORMAT2_TAO_WRITE_ACTION_PREPARING
        || action > IMAPI_FORMAT2_TAO_WRITE_ACTION_VERIFYING || written >= start + count)
        s->bad++;
    /* the track count from the handler: a write is in progress */
    s->tracks_hr = IDiscFormat2TrackAtOnce_get_NumberOfExistingTracks(format, &n);
    s->track = track;
    s->start = start;
    s->count = count;
    s->last_written = written;
    if (action == IMAPI_FORMAT2_TAO_WRITE_ACTION_WRITING)
    {
        s->writing++;
        if (s->cancel && !s->cancel_hr) s->cancel_hr = IDiscFormat2TrackAtOnce_CancelAddTrack(format);
    }
    IDiscFormat2TrackAtOnceEventArgs_Release(args);
    IDiscFormat2TrackAtOnce_Release(format);
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo,
    sink_GetIDsOfNames, sink_Invoke
};

static IConnectionPoint *advise(IDiscFormat2TrackAtOnce *t, struct sink *s, DWORD *cookie)
{
    IConnectionPointContainer *cpc;
    IConnectionPoint *cp = NULL;
    HRESULT hr;

    s->IDispatch_iface.lpVtbl = &sink_vtbl;
    hr = IDiscFormat2TrackAtOnce_QueryInterface(t, &IID_IConnectionPointContainer, (void **)&cpc);
    ok(hr == S_OK, "no IConnectionPointContainer %08lx\n", hr);
    if (FAILED(hr)) return NULL;
    hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DDiscFormat2TrackAtOnceEvents, &cp);
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

/* ---- reading the disc back ---- */

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

static BOOL blank(IDiscFormat2TrackAtOnce *t)
{
    VARIANT_BOOL v = VARIANT_FALSE;
    HRESULT hr = IDiscFormat2TrackAtOnce_get_MediaPhysicallyBlank(t, &v);
    ok(hr == S_OK, "MediaPhysicallyBlank %08lx\n", hr);
    return v != VARIANT_FALSE;
}

/* ---- tests ---- */

static void test_unprepared(void)
{
    IDiscFormat2TrackAtOnce *t = new_tao(NULL, FALSE);
    IBurnVerification *bv = NULL;
    IMAPI_BURN_VERIFICATION_LEVEL level = -1;
    IStream *s = audio_stream(300, 1, 0, NULL);
    VARIANT_BOOL flag = VARIANT_TRUE;
    SAFEARRAY *sa = (SAFEARRAY *)1;
    HRESULT hr;

    if (!t) return;
    ok(IDiscFormat2TrackAtOnce_PrepareMedia(t) == E_IMAPI_DF2TAO_NO_RECORDER_SPECIFIED, "PrepareMedia without recorder\n");
    ok(IDiscFormat2TrackAtOnce_ReleaseMedia(t) == E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED, "ReleaseMedia not prepared\n");
    ok(IDiscFormat2TrackAtOnce_AddAudioTrack(t, NULL) == E_POINTER, "AddAudioTrack(NULL)\n");
    hr = IDiscFormat2TrackAtOnce_AddAudioTrack(t, s);
    ok(hr == E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED, "AddAudioTrack not prepared %08lx\n", hr);
    ok(IDiscFormat2TrackAtOnce_CancelAddTrack(t) == E_IMAPI_DF2TAO_WRITE_NOT_IN_PROGRESS, "CancelAddTrack\n");
    TAO_GET(t, NumberOfExistingTracks, E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED);
    TAO_GET(t, TotalSectorsOnMedia, E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED);
    TAO_GET(t, FreeSectorsOnMedia, E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED);
    TAO_GET(t, UsedSectorsOnMedia, E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED);
    hr = IDiscFormat2TrackAtOnce_get_ExpectedTableOfContents(t, &sa);
    ok(hr == E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED && !sa, "ExpectedTableOfContents %08lx\n", hr);
    hr = IDiscFormat2TrackAtOnce_put_BufferUnderrunFreeDisabled(t, VARIANT_TRUE);
    ok(hr == E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED, "put_BufferUnderrunFreeDisabled %08lx\n", hr);
    hr = IDiscFormat2TrackAtOnce_get_BufferUnderrunFreeDisabled(t, &flag);
    ok(hr == S_OK && flag == VARIANT_FALSE, "BufferUnderrunFreeDisabled %08lx %d\n", hr, flag);
    hr = IDiscFormat2TrackAtOnce_get_DoNotFinalizeMedia(t, &flag);
    ok(hr == S_OK && flag == VARIANT_FALSE, "DoNotFinalizeMedia default %08lx %d\n", hr, flag);
    ok(IDiscFormat2TrackAtOnce_put_DoNotFinalizeMedia(t, VARIANT_TRUE) == S_OK, "put_DoNotFinalizeMedia\n");
    hr = IDiscFormat2TrackAtOnce_get_DoNotFinalizeMedia(t, &flag);
    ok(hr == S_OK && flag == VARIANT_TRUE, "DoNotFinalizeMedia %08lx %d\n", hr, flag);
    ok(TAO_GET(t, RequestedWriteSpeed, S_OK) == -1, "RequestedWriteSpeed default\n");
    hr = IDiscFormat2TrackAtOnce_get_CurrentWriteSpeed(t, &(LONG){0});
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "CurrentWriteSpeed without recorder %08lx\n", hr);
    ok(IDiscFormat2TrackAtOnce_SetWriteSpeed(t, 0, VARIANT_FALSE) == E_INVALIDARG, "SetWriteSpeed(0)\n");

    hr = IDiscFormat2TrackAtOnce_QueryInterface(t, &IID_IBurnVerification, (void **)&bv);
    ok(hr == S_OK, "IBurnVerification %08lx\n", hr);
    if (bv)
    {
        ok(IBurnVerification_get_BurnVerificationLevel(bv, &level) == S_OK && level == IMAPI_BURN_VERIFICATION_QUICK,
           "default level %d\n", level);
        ok(IBurnVerification_put_BurnVerificationLevel(bv, IMAPI_BURN_VERIFICATION_NONE) == S_OK, "put NONE\n");
        ok(IBurnVerification_put_BurnVerificationLevel(bv, 7) == E_INVALIDARG, "put 7\n");
        ok(IBurnVerification_get_BurnVerificationLevel(bv, &level) == S_OK && level == IMAPI_BURN_VERIFICATION_NONE,
           "level %d\n", level);
        IBurnVerification_Release(bv);
    }
    IStream_Release(s);
    IDiscFormat2TrackAtOnce_Release(t);
}

static void test_wrong_media(void)
{
    IDiscRecorder2 *r = clone_recorder("DVDPlusRW", "TaoDVD", NULL, 0);
    IDiscFormat2TrackAtOnce *t;
    HRESULT hr;

    if (!r) return;
    t = new_tao(r, FALSE);
    hr = IDiscFormat2TrackAtOnce_PrepareMedia(t);
    ok(hr == E_IMAPI_DF2TAO_CLIENT_NAME_IS_NOT_VALID, "PrepareMedia without ClientName %08lx\n", hr);
    IDiscFormat2TrackAtOnce_Release(t);
    t = new_tao(r, TRUE);
    hr = IDiscFormat2TrackAtOnce_PrepareMedia(t);
    ok(hr == E_IMAPI_DF2TAO_MEDIA_IS_NOT_SUPPORTED, "PrepareMedia on DVD+RW %08lx\n", hr);
    TAO_GET(t, NumberOfExistingTracks, E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED);
    /* nothing is held: another format can take the drive */
    ok(IDiscRecorder2_AcquireExclusiveAccess(r, VARIANT_FALSE, (BSTR)L"other") == S_OK, "drive still held\n");
    IDiscRecorder2_ReleaseExclusiveAccess(r);
    IDiscFormat2TrackAtOnce_Release(t);
    IDiscRecorder2_Release(r);
}

static void test_burn(void)
{
    IDiscRecorder2 *r = clone_recorder("BlankCDR", "TaoCDR", NULL, 0), *other = NULL;
    IDiscFormat2TrackAtOnce *t;
    IStream *s1, *s2, *bad;
    BYTE *a1, *a2, *back, toc[4 + 8 * 3];
    struct sink sink = {{0}};
    IConnectionPoint *cp;
    DWORD cookie = 0;
    SAFEARRAY *sa = NULL;
    LONG total, free0;
    VARIANT_BOOL flag;
    HRESULT hr;
    BSTR name;

    if (!r) return;
    t = new_tao(r, TRUE);
    ok(blank(t), "the clone is blank\n");
    hr = IDiscFormat2TrackAtOnce_PrepareMedia(t);
    ok(hr == S_OK || hr == S_IMAPI_SPEEDADJUSTED || hr == S_IMAPI_ROTATIONADJUSTED || hr == S_IMAPI_BOTHADJUSTED,
       "PrepareMedia %08lx\n", hr);
    ok(IDiscFormat2TrackAtOnce_PrepareMedia(t) == E_IMAPI_DF2TAO_MEDIA_IS_PREPARED, "PrepareMedia twice\n");
    ok(IDiscFormat2TrackAtOnce_put_Recorder(t, r) == E_IMAPI_DF2TAO_MEDIA_IS_PREPARED, "put_Recorder while prepared\n");
    name = SysAllocString(L"another");
    ok(IDiscFormat2TrackAtOnce_put_ClientName(t, name) == E_IMAPI_DF2TAO_MEDIA_IS_PREPARED, "put_ClientName while prepared\n");
    SysFreeString(name);
    ok(IDiscFormat2TrackAtOnce_put_DoNotFinalizeMedia(t, VARIANT_TRUE) == E_IMAPI_DF2TAO_MEDIA_IS_PREPARED,
       "put_DoNotFinalizeMedia while prepared\n");
    /* the drive is ours while prepared */
    hr = CoCreateInstance(&CLSID_MsftDiscRecorder2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscRecorder2, (void **)&other);
    if (other)
    {
        BSTR id = NULL;
        IDiscRecorder2_get_ActiveDiscRecorder(r, &id);
        IDiscRecorder2_InitializeDiscRecorder(other, id);
        hr = IDiscRecorder2_AcquireExclusiveAccess(other, VARIANT_FALSE, (BSTR)L"other");
        ok(FAILED(hr), "another client got the prepared drive: %08lx\n", hr);
        if (SUCCEEDED(hr)) IDiscRecorder2_ReleaseExclusiveAccess(other);
        SysFreeString(id);
        IDiscRecorder2_Release(other);
    }
    total = TAO_GET(t, TotalSectorsOnMedia, S_OK);
    free0 = TAO_GET(t, FreeSectorsOnMedia, S_OK);
    ok(total == 359849, "TotalSectorsOnMedia %ld\n", total);
    ok(free0 > 359000 && free0 <= total, "FreeSectorsOnMedia %ld\n", free0);
    ok(TAO_GET(t, UsedSectorsOnMedia, S_OK) == total - free0, "UsedSectorsOnMedia\n");
    ok(TAO_GET(t, NumberOfExistingTracks, S_OK) == 0, "NumberOfExistingTracks\n");
    hr = IDiscFormat2TrackAtOnce_get_ExpectedTableOfContents(t, &sa);
    ok(hr == E_IMAPI_DF2TAO_TABLE_OF_CONTENTS_EMPTY_DISC, "ExpectedTableOfContents empty %08lx\n", hr);
    ok(IDiscFormat2TrackAtOnce_put_BufferUnderrunFreeDisabled(t, VARIANT_TRUE) == S_OK, "put BUFE while prepared\n");
    hr = IDiscFormat2TrackAtOnce_get_BufferUnderrunFreeDisabled(t, &flag);
    ok(hr == S_OK && flag == VARIANT_TRUE, "BufferUnderrunFreeDisabled %d\n", flag);

    /* bad streams: refused, nothing written */
    bad = audio_stream(300, 5, 100, NULL);
    hr = IDiscFormat2TrackAtOnce_AddAudioTrack(t, bad);
    ok(hr == E_IMAPI_DF2TAO_STREAM_NOT_SUPPORTED, "stream not whole sectors %08lx\n", hr);
    IStream_Release(bad);
    bad = audio_stream(0, 5, 0, NULL);
    hr = IDiscFormat2TrackAtOnce_AddAudioTrack(t, bad);
    ok(hr == E_IMAPI_DF2TAO_STREAM_NOT_SUPPORTED, "empty stream %08lx\n", hr);
    IStream_Release(bad);
    ok(TAO_GET(t, NumberOfExistingTracks, S_OK) == 0, "no track after refusals\n");
    ok(TAO_GET(t, FreeSectorsOnMedia, S_OK) == free0, "free unchanged\n");

    /* two tracks, the second shorter than 4 s (padded); events on the first */
    cp = advise(t, &sink, &cookie);
    s1 = audio_stream(400, 1, 0, &a1);
    s2 = audio_stream(100, 2, 0, &a2);
    hr = IDiscFormat2TrackAtOnce_AddAudioTrack(t, s1);
    ok(hr == S_OK, "AddAudioTrack 1 %08lx\n", hr);
    ok(sink.calls >= 2 && !sink.bad && sink.writing >= 1, "events: %u calls, %u bad, %u writing\n", sink.calls, sink.bad, sink.writing);
    ok(sink.track == 1 && sink.start == 0 && sink.count == 400 && sink.last_written == 399,
       "last event: track %ld start %ld count %ld written %ld\n", sink.track, sink.start, sink.count, sink.last_written);
    ok(sink.tracks_hr == E_IMAPI_DF2TAO_WRITE_IN_PROGRESS, "NumberOfExistingTracks from the handler %08lx\n", sink.tracks_hr);
    ok(TAO_GET(t, NumberOfExistingTracks, S_OK) == 1, "one track\n");
    ok(TAO_GET(t, FreeSectorsOnMedia, S_OK) == free0 - 550, "free after track 1 (400 + 2 s gap)\n");
    hr = IDiscFormat2TrackAtOnce_AddAudioTrack(t, s2);
    ok(hr == S_OK, "AddAudioTrack 2 %08lx\n", hr);
    ok(sink.track == 2 && sink.start == 550 && sink.count == 300, "track 2 event: %ld %ld %ld\n", sink.track, sink.start, sink.count);
    ok(TAO_GET(t, NumberOfExistingTracks, S_OK) == 2, "two tracks\n");
    ok(TAO_GET(t, UsedSectorsOnMedia, S_OK) == total - free0 + 1000, "used after two tracks\n");
    hr = IDiscFormat2TrackAtOnce_get_ExpectedTableOfContents(t, &sa);
    ok(hr == S_OK && sa, "ExpectedTableOfContents %08lx\n", hr);
    if (sa)
    {
        LONG lo = 0, hi = -1;
        VARIANT *v;
        SafeArrayGetLBound(sa, 1, &lo);
        SafeArrayGetUBound(sa, 1, &hi);
        ok(hi - lo + 1 == 4 + 8 * 3, "TOC length %ld\n", hi - lo + 1);
        if (hi - lo + 1 == 4 + 8 * 3 && SUCCEEDED(SafeArrayAccessData(sa, (void **)&v)))
        {
            ok(V_VT(&v[0]) == VT_UI1, "element type %d\n", V_VT(&v[0]));
            ok(V_UI1(&v[2]) == 1 && V_UI1(&v[3]) == 2 && V_UI1(&v[14]) == 2 && V_UI1(&v[22]) == 0xAA,
               "TOC tracks %u %u %u %u\n", V_UI1(&v[2]), V_UI1(&v[3]), V_UI1(&v[14]), V_UI1(&v[22]));
            ok(V_UI1(&v[18]) == (550 >> 8) && V_UI1(&v[19]) == (550 & 0xFF), "track 2 at 550\n");
            ok(V_UI1(&v[26]) == (850 >> 8) && V_UI1(&v[27]) == (850 & 0xFF), "lead-out at 850\n");
            SafeArrayUnaccessData(sa);
        }
        SafeArrayDestroy(sa);
    }
    if (cp)
    {
        IConnectionPoint_Unadvise(cp, cookie);
        IConnectionPoint_Release(cp);
    }
    hr = IDiscFormat2TrackAtOnce_ReleaseMedia(t);
    ok(hr == S_OK, "ReleaseMedia %08lx\n", hr);
    ok(IDiscFormat2TrackAtOnce_ReleaseMedia(t) == E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED, "ReleaseMedia twice\n");

    /* the disc: two audio tracks at 0 and 550, lead-out at 850, the audio as sent */
    hr = read_toc(r, toc, sizeof(toc));
    ok(hr == S_OK, "READ TOC %08lx\n", hr);
    if (hr == S_OK)
    {
        ok(toc[2] == 1 && toc[3] == 2, "tracks %u-%u\n", toc[2], toc[3]);
        ok((toc[5] & 0x0D) == 0 && toc[6] == 1 && be32(toc + 8) == 0, "track 1: control %02x at %lu\n", toc[5], be32(toc + 8));
        ok((toc[13] & 0x0D) == 0 && toc[14] == 2 && be32(toc + 16) == 550, "track 2 at %lu\n", be32(toc + 16));
        ok(toc[22] == 0xAA && be32(toc + 24) == 850, "lead-out at %lu\n", be32(toc + 24));
    }
    back = malloc(400 * SECTOR);
    ok(read_cd(r, 0, 400, back) == S_OK && !memcmp(back, a1, 400 * SECTOR), "track 1 reads back as sent\n");
    ok(read_cd(r, 550, 100, back) == S_OK && !memcmp(back, a2, 100 * SECTOR), "track 2 reads back as sent\n");
    {
        BYTE *zeros = calloc(200, SECTOR);
        ok(read_cd(r, 650, 200, back) == S_OK && !memcmp(back, zeros, 200 * SECTOR), "track 2 padded with silence\n");
        free(zeros);
    }
    free(back);
    free(a1);
    free(a2);
    IStream_Release(s1);
    IStream_Release(s2);

    /* a used disc: not prepared again, DoNotFinalizeMedia only for blank media */
    ok(!blank(t), "the disc is not blank\n");
    hr = IDiscFormat2TrackAtOnce_PrepareMedia(t);
    ok(hr == E_IMAPI_DF2TAO_MEDIA_IS_NOT_BLANK, "PrepareMedia on a used disc %08lx\n", hr);
    hr = IDiscFormat2TrackAtOnce_put_DoNotFinalizeMedia(t, VARIANT_TRUE);
    ok(hr == E_IMAPI_DF2TAO_PROPERTY_FOR_BLANK_MEDIA_ONLY, "put_DoNotFinalizeMedia on a used disc %08lx\n", hr);
    IDiscFormat2TrackAtOnce_Release(t);
    IDiscRecorder2_Release(r);
}

static void test_space_and_limit(void)
{
    IDiscRecorder2 *r = clone_recorder("Empty", "TaoSmall", "cdr", 2000);
    IDiscFormat2TrackAtOnce *t;
    struct sink sink = {{0}};
    IConnectionPoint *cp;
    DWORD cookie = 0;
    IStream *s;
    HRESULT hr;
    unsigned i;

    if (r)
    {
        /* a track larger than the disc: refused before anything is written */
        t = new_tao(r, TRUE);
        ok(SUCCEEDED(IDiscFormat2TrackAtOnce_PrepareMedia(t)), "PrepareMedia small disc\n");
        s = audio_stream(2100, 3, 0, NULL);
        hr = IDiscFormat2TrackAtOnce_AddAudioTrack(t, s);
        ok(hr == E_IMAPI_DF2TAO_NOT_ENOUGH_SPACE, "AddAudioTrack too large %08lx\n", hr);
        IStream_Release(s);
        ok(TAO_GET(t, NumberOfExistingTracks, S_OK) == 0, "no track\n");
        /* cancel from the handler: the partial track is closed, ReleaseMedia follows */
        cp = advise(t, &sink, &cookie);
        sink.cancel = TRUE;
        s = audio_stream(600, 4, 0, NULL);
        hr = IDiscFormat2TrackAtOnce_AddAudioTrack(t, s);
        ok(hr == E_IMAPI_REQUEST_CANCELLED, "cancelled AddAudioTrack %08lx\n", hr);
        ok(sink.cancel_hr == S_OK, "CancelAddTrack from the handler %08lx\n", sink.cancel_hr);
        IStream_Release(s);
        if (cp) { IConnectionPoint_Unadvise(cp, cookie); IConnectionPoint_Release(cp); }
        ok(IDiscFormat2TrackAtOnce_ReleaseMedia(t) == S_OK, "ReleaseMedia after cancel\n");
        IDiscFormat2TrackAtOnce_Release(t);
        IDiscRecorder2_Release(r);
    }

    /* 99 tracks, then the 100th is refused and the disc keeps 99 */
    if (!(r = clone_recorder("BlankCDR", "Tao99", NULL, 0))) return;
    t = new_tao(r, TRUE);
    ok(IDiscFormat2TrackAtOnce_put_DoNotFinalizeMedia(t, VARIANT_TRUE) == S_OK, "put_DoNotFinalizeMedia on blank\n");
    ok(SUCCEEDED(IDiscFormat2TrackAtOnce_PrepareMedia(t)), "PrepareMedia\n");
    s = audio_stream(300, 6, 0, NULL);
    for (i = 0; i < 99; i++)
        if ((hr = IDiscFormat2TrackAtOnce_AddAudioTrack(t, s)) != S_OK) break;
    ok(i == 99, "tracks added: %u (%08lx)\n", i, hr);
    hr = IDiscFormat2TrackAtOnce_AddAudioTrack(t, s);
    ok(hr == E_IMAPI_DF2TAO_TRACK_LIMIT_REACHED, "100th track %08lx\n", hr);
    ok(TAO_GET(t, NumberOfExistingTracks, S_OK) == 99, "99 tracks\n");
    IStream_Release(s);
    ok(IDiscFormat2TrackAtOnce_ReleaseMedia(t) == S_OK, "ReleaseMedia\n");
    {
        BYTE toc[4 + 8];
        hr = read_toc(r, toc, sizeof(toc));
        ok(hr == S_OK && toc[3] == 99, "the disc has 99 tracks (%u)\n", toc[3]);
    }
    IDiscFormat2TrackAtOnce_Release(t);
    IDiscRecorder2_Release(r);
}

START_TEST(format_tao)
{
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_unprepared();
    test_wrong_media();
    test_burn();
    test_space_and_limit();
    CoUninitialize();
}
