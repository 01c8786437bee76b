/*
 * Conformance tests of MsftDiscFormat2Erase (IDiscFormat2Erase, the IDiscFormat2 base,
 * DDiscFormat2EraseEvents) on the emulated recorders: every member with its HRESULTs,
 * quick and full erases of a CD-RW and a DVD-RW written with IDiscFormat2Data::Write,
 * Update events counted and checked while the drive reports progress, the disc blank
 * afterwards as MediaPhysicallyBlank and READ DISC INFORMATION say; media that cannot be
 * erased, a recorder held by another client and drive faults answered with their codes
 * and the disc untouched. The decisions behind the [undoc] answers are written in
 * dlls/imapi2/format_erase.c and core/mmc/mmc_erase.h.
 */
#include <initguid.h>
#include "test.h"
#include <ocidl.h>
#include "imapi2.h"
#include "imapi2error.h"
#include "emu_clone.h"
#include "emu_media.h"

#define CDRW_BLOCKS  359849
#define DVDRW_BLOCKS 2298496

static IDiscFormat2Erase *new_erase(void)
{
    IDiscFormat2Erase *e = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftDiscFormat2Erase, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2Erase,
                                  (void **)&e);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscFormat2Erase) %08lx\n", hr);
    return e;
}

static HRESULT set_client(IDiscFormat2Erase *e, const WCHAR *name)
{
    BSTR b = SysAllocString(name);
    HRESULT hr = IDiscFormat2Erase_put_ClientName(e, b);
    SysFreeString(b);
    return hr;
}

/* ---- the event sink ---- */

struct sink
{
    IDispatch IDispatch_iface;
    IDiscFormat2Erase *format;
    unsigned updates, bad;
    LONG first_total, last_elapsed, last_total;
    BOOL reentry_checked;
    HRESULT reentry_erase, reentry_recorder, reentry_client;
};

static struct sink *sink_from(IDispatch *iface) { return CONTAINING_RECORD(iface, struct sink, IDispatch_iface); }
static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_DDiscFormat2EraseEvents))
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
    IDiscFormat2Erase *obj = NULL;
    LONG elapsed, total;

    if (id != DISPID_IDISCFORMAT2ERASEEVENTS_UPDATE || params->cArgs != 3 || V_VT(&params->rgvarg[2]) != VT_DISPATCH
        || V_VT(&params->rgvarg[1]) != VT_I4 || V_VT(&params->rgvarg[0]) != VT_I4)
    {
        s->bad++;
        return S_OK;
    }
    /* arguments last-first: object, elapsedSeconds, estimatedTotalSeconds */
    elapsed = V_I4(&params->rgvarg[1]);
    total = V_I4(&params->rgvarg[0]);
    if (V_DISPATCH(&params->rgvarg[2]))
        IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[2]), &IID_IDiscFormat2Erase, (void **)&obj);
    if (obj != s->format) s->bad++;
    if (obj) IDiscFormat2Erase_Release(obj);
    if (elapsed < 0 || total < elapsed || (s->updates && elapsed < s->last_elapsed)) s->bad++;
    if (!s->updates) s->first_total = total;
    s->last_elapsed = elapsed;
    s->last_total = total;
    s->updates++;
    if (!s->reentry_checked && s->format)
    {
        s->reentry_checked = TRUE;
        s->reentry_erase = IDiscFormat2Erase_EraseMedia(s->format);
        s->reentry_recorder = IDiscFormat2Erase_put_Recorder(s->format, NULL);
        s->reentry_client = set_client(s->format, L"other");
    }
    return S_OK;
}
static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames,
    sink_Invoke
};

static IConnectionPoint *advise(IDiscFormat2Erase *e, struct sink *s, DWORD *cookie)
{
    IConnectionPointContainer *cpc = NULL;
    IConnectionPoint *cp = NULL;
    HRESULT hr;

    memset(s, 0, sizeof(*s));
    s->IDispatch_iface.lpVtbl = &sink_vtbl;
    s->format = e;
    IDiscFormat2Erase_QueryInterface(e, &IID_IConnectionPointContainer, (void **)&cpc);
    ok(cpc != NULL, "no IConnectionPointContainer\n");
    if (!cpc) return NULL;
    hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DDiscFormat2EraseEvents, &cp);
    ok(hr == S_OK, "FindConnectionPoint(DDiscFormat2EraseEvents) %08lx\n", hr);
    IConnectionPointContainer_Release(cpc);
    if (cp && (hr = IConnectionPoint_Advise(cp, (IUnknown *)&s->IDispatch_iface, cookie)) != S_OK)
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
    ok(IConnectionPoint_Unadvise(cp, cookie) == S_OK, "Unadvise\n");
    IConnectionPoint_Release(cp);
}

/* ---- helpers on the disc ---- */

/* Writes `blocks` blocks of pseudo-random data with IDiscFormat2Data::Write. */
static BOOL burn(IDiscRecorder2 *r, ULONG blocks)
{
    IStreamPseudoRandomBased *data = NULL;
    IDiscFormat2Data *d = NULL;
    ULARGE_INTEGER size;
    BSTR name;
    HRESULT hr;

    CoCreateInstance(&CLSID_MsftDiscFormat2Data, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2Data, (void **)&d);
    CoCreateInstance(&CLSID_MsftStreamPrng001, NULL, CLSCTX_INPROC_SERVER, &IID_IStreamPseudoRandomBased,
                     (void **)&data);
    ok(d && data, "no data format or PRNG stream\n");
    if (!d || !data) return FALSE;
    size.QuadPart = blocks * 2048ull;
    IStreamPseudoRandomBased_SetSize(data, size);
    IStreamPseudoRandomBased_put_Seed(data, blocks);
    name = SysAllocString(L"winetest erase burn");
    IDiscFormat2Data_put_Recorder(d, r);
    IDiscFormat2Data_put_ClientName(d, name);
    SysFreeString(name);
    hr = IDiscFormat2Data_Write(d, (IStream *)data);
    ok(hr == S_OK, "IDiscFormat2Data::Write %08lx\n", hr);
    IDiscFormat2Data_Release(d);
    IStreamPseudoRandomBased_Release(data);
    return hr == S_OK;
}

static VARIANT_BOOL physically_blank(IDiscFormat2Erase *e, HRESULT *phr)
{
    VARIANT_BOOL vb = 2;
    *phr = IDiscFormat2Erase_get_MediaPhysicallyBlank(e, &vb);
    return vb;
}

/* ---- tests ---- */

static void test_members(void)
{
    IDiscRecorder2 *cdr = emu_open_named(L"BlankCDR"), *cdr2 = emu_open_named(L"BlankCDR");
    IDiscRecorder2 *empty = emu_open_named(L"Empty"), *got = NULL;
    IDiscFormat2Erase *e = new_erase();
    IMAPI_MEDIA_PHYSICAL_TYPE type;
    IDispatch *disp = NULL;
    IDiscFormat2 *base = NULL;
    SAFEARRAY *sa = NULL;
    VARIANT_BOOL vb;
    BSTR name = NULL;
    HRESULT hr;

    if (!e) goto done;
    hr = IDiscFormat2Erase_QueryInterface(e, &IID_IDiscFormat2, (void **)&base);
    ok(hr == S_OK, "QI IDiscFormat2 %08lx\n", hr);
    if (base) IDiscFormat2_Release(base);
    hr = IDiscFormat2Erase_QueryInterface(e, &IID_IDispatch, (void **)&disp);
    ok(hr == S_OK, "QI IDispatch %08lx\n", hr);
    if (disp)
    {
        static const WCHAR *names[] = { L"Recorder", L"FullErase", L"CurrentPhysicalMediaType", L"ClientName",
                                        L"EraseMedia" };
        static const DISPID ids[] = { 256, 257, 258, 259, 513 };
        static const IID null_iid;
        unsigned i;
        for (i = 0; i < ARRAYSIZE(names); i++)
        {
            DISPID id = -1;
            LPOLESTR n = (LPOLESTR)names[i];
            hr = IDispatch_GetIDsOfNames(disp, &null_iid, &n, 1, LOCALE_USER_DEFAULT, &id);
            ok(hr == S_OK && id == ids[i], "GetIDsOfNames(%s) %08lx %ld\n", wine_dbgstr_w(names[i]), hr, id);
        }
        IDispatch_Release(disp);
    }

    /* defaults and the properties before put_Recorder */
    hr = IDiscFormat2Erase_get_Recorder(e, &got);
    ok(hr == S_OK && !got, "get_Recorder before put %08lx %p\n", hr, got);
    ok(IDiscFormat2Erase_get_Recorder(e, NULL) == E_POINTER, "get_Recorder(NULL)\n");
    vb = 2;
    hr = IDiscFormat2Erase_get_FullErase(e, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "FullErase default %08lx %d\n", hr, vb);
    ok(IDiscFormat2Erase_put_FullErase(e, VARIANT_TRUE) == S_OK, "put_FullErase\n");
    IDiscFormat2Erase_get_FullErase(e, &vb);
    ok(vb == VARIANT_TRUE, "FullErase %d\n", vb);
    ok(IDiscFormat2Erase_get_FullErase(e, NULL) == E_POINTER, "get_FullErase(NULL)\n");
    hr = IDiscFormat2Erase_get_ClientName(e, &name);
    ok(hr == S_OK && name && !*name, "ClientName default %08lx %s\n", hr, wine_dbgstr_w(name));
    SysFreeString(name);
    ok(set_client(e, L"") == E_IMAPI_ERASE_CLIENT_NAME_IS_NOT_VALID, "empty ClientName\n");
    ok(set_client(e, L"winetest erase") == S_OK, "put_ClientName\n");
    hr = IDiscFormat2Erase_get_ClientName(e, &name);
    ok(hr == S_OK && name && !wcscmp(name, L"winetest erase"), "ClientName %s\n", wine_dbgstr_w(name));
    SysFreeString(name);
    hr = IDiscFormat2Erase_get_CurrentPhysicalMediaType(e, &type);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "CurrentPhysicalMediaType without recorder %08lx\n", hr);
    ok(IDiscFormat2Erase_get_CurrentPhysicalMediaType(e, NULL) == E_POINTER, "CurrentPhysicalMediaType(NULL)\n");
    hr = IDiscFormat2Erase_get_MediaPhysicallyBlank(e, &vb);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "MediaPhysicallyBlank without recorder %08lx\n", hr);
    hr = IDiscFormat2Erase_EraseMedia(e);
    ok(hr == E_IMAPI_RECORDER_REQUIRED, "EraseMedia without recorder %08lx\n", hr);
    if (!cdr || !empty || !cdr2) goto done;

    /* the IDiscFormat2 base */
    vb = VARIANT_FALSE;
    hr = IDiscFormat2Erase_IsRecorderSupported(e, cdr, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "IsRecorderSupported %08lx %d\n", hr, vb);
    vb = VARIANT_TRUE;
    hr = IDiscFormat2Erase_IsCurrentMediaSupported(e, cdr, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "IsCurrentMediaSupported(CD-R) %08lx %d\n", hr, vb);
    hr = IDiscFormat2Erase_IsCurrentMediaSupported(e, empty, &vb);
    ok(hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA && vb == VARIANT_FALSE, "IsCurrentMediaSupported(no disc) %08lx\n", hr);

    /* one recorder: another drive needs the current one cleared first */
    ok(IDiscFormat2Erase_put_Recorder(e, cdr) == S_OK, "put_Recorder(BlankCDR)\n");
    hr = IDiscFormat2Erase_put_Recorder(e, empty);
    ok(hr == E_IMAPI_ERASE_ONLY_ONE_RECORDER_SUPPORTED, "put_Recorder of another drive %08lx\n", hr);
    hr = IDiscFormat2Erase_put_Recorder(e, cdr2);
    ok(hr == S_OK, "put_Recorder of another object on the same drive %08lx\n", hr);
    hr = IDiscFormat2Erase_get_Recorder(e, &got);
    ok(hr == S_OK && got == cdr2, "get_Recorder %p, want %p\n", got, cdr2);
    if (got) IDiscRecorder2_Release(got);
    hr = IDiscFormat2Erase_get_SupportedMediaTypes(e, &sa);
    ok(hr == S_OK && sa, "SupportedMediaTypes %08lx\n", hr);
    if (sa)
    {
        LONG lo = 0, hi = -1, i, v;
        VARTYPE vt = VT_EMPTY;
        BOOL cdrw = FALSE, dvdrw = FALSE, other = FALSE;
        SafeArrayGetLBound(sa, 1, &lo);
        SafeArrayGetUBound(sa, 1, &hi);
        for (i = lo; i <= hi; i++)
        {
            VARIANT var;
            VariantInit(&var);
            v = -1;
            if (SafeArrayGetVartype(sa, &vt) == S_OK && vt == VT_VARIANT)
            {
                SafeArrayGetElement(sa, &i, &var);
                v = V_I4(&var);
            }
            else SafeArrayGetElement(sa, &i, &v);
            if (v == IMAPI_MEDIA_TYPE_CDRW) cdrw = TRUE;
            else if (v == IMAPI_MEDIA_TYPE_DVDDASHRW) dvdrw = TRUE;
            else other = TRUE;
        }
        ok(cdrw && dvdrw && !other, "SupportedMediaTypes: CD-RW %d DVD-RW %d other %d\n", cdrw, dvdrw, other);
        SafeArrayDestroy(sa);
    }
    type = 0;
    hr = IDiscFormat2Erase_get_CurrentPhysicalMediaType(e, &type);
    ok(hr == S_OK && type == IMAPI_MEDIA_TYPE_CDR, "CurrentPhysicalMediaType %08lx %d\n", hr, type);
    vb = VARIANT_FALSE;
    hr = IDiscFormat2Erase_get_MediaPhysicallyBlank(e, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "MediaPhysicallyBlank(blank CD-R) %08lx %d\n", hr, vb);
    hr = IDiscFormat2Erase_get_MediaHeuristicallyBlank(e, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "MediaHeuristicallyBlank(blank CD-R) %08lx %d\n", hr, vb);
    /* a CD-R cannot be erased */
    hr = IDiscFormat2Erase_EraseMedia(e);
    ok(hr == E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED, "EraseMedia(CD-R) %08lx\n", hr);
    /* clear, then another drive */
    ok(IDiscFormat2Erase_put_Recorder(e, NULL) == S_OK, "put_Recorder(NULL)\n");
    hr = IDiscFormat2Erase_get_Recorder(e, &got);
    ok(hr == S_OK && !got, "get_Recorder after clearing %p\n", got);
    ok(IDiscFormat2Erase_put_Recorder(e, empty) == S_OK, "put_Recorder(Empty) after clearing\n");
    hr = IDiscFormat2Erase_EraseMedia(e);
    ok(hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA, "EraseMedia without a disc %08lx\n", hr);
    hr = IDiscFormat2Erase_get_CurrentPhysicalMediaType(e, &type);
    ok(hr == S_OK && type == IMAPI_MEDIA_TYPE_UNKNOWN, "CurrentPhysicalMediaType(no disc) %08lx %d\n", hr, type);
done:
    if (e) ok(IDiscFormat2Erase_Release(e) == 0, "erase format not released\n");
    if (cdr) IDiscRecorder2_Release(cdr);
    if (cdr2) IDiscRecorder2_Release(cdr2);
    if (empty) IDiscRecorder2_Release(empty);
}

/* Burns, erases (quick or full) with events, checks the disc is blank; twice per medium. */
static void erase_written(const char *clone, const char *media, unsigned capacity, IMAPI_MEDIA_PHYSICAL_TYPE want)
{
    IDiscRecorder2 *r = emu_blank_medium(clone, media, capacity);
    IDiscFormat2Erase *e;
    unsigned pass, quick_updates = 0;
    BYTE info[34] = {0};

    if (!r) return;
    winetest_push_context("%s", media);
    if (!(e = new_erase())) goto done;
    ok(IDiscFormat2Erase_put_Recorder(e, r) == S_OK, "put_Recorder\n");
    for (pass = 0; pass < 2; pass++)
    {
        IMAPI_MEDIA_PHYSICAL_TYPE type = 0;
        IConnectionPoint *cp;
        struct sink sink;
        DWORD cookie = 0, start;
        VARIANT_BOOL vb;
        HRESULT hr;

        winetest_push_context("%s", pass ? "full" : "quick");
        if (!burn(r, 64 + pass * 64)) { winetest_pop_context(); break; }
        ok(emu_disc_info(r, info) >= 3 && (info[2] & 3) != 0, "disc status after the burn %u\n", info[2] & 3);
        vb = physically_blank(e, &hr);
        ok(hr == S_OK && vb == VARIANT_FALSE, "MediaPhysicallyBlank after the burn %08lx %d\n", hr, vb);
        hr = IDiscFormat2Erase_get_CurrentPhysicalMediaType(e, &type);
        ok(hr == S_OK && type == want, "CurrentPhysicalMediaType %08lx %d\n", hr, type);
        vb = VARIANT_FALSE;
        hr = IDiscFormat2Erase_IsCurrentMediaSupported(e, r, &vb);
        ok(hr == S_OK && vb == VARIANT_TRUE, "IsCurrentMediaSupported %08lx %d\n", hr, vb);
        /* no ClientName yet (first pass): refused, nothing erased */
        if (!pass)
        {
            hr = IDiscFormat2Erase_EraseMedia(e);
            ok(hr == E_IMAPI_ERASE_CLIENT_NAME_IS_NOT_VALID, "EraseMedia without ClientName %08lx\n", hr);
            vb = physically_blank(e, &hr);
            ok(vb == VARIANT_FALSE, "refused erase blanked the disc\n");
            ok(set_client(e, L"winetest erase") == S_OK, "put_ClientName\n");
        }
        IDiscFormat2Erase_put_FullErase(e, pass ? VARIANT_TRUE : VARIANT_FALSE);
        cp = advise(e, &sink, &cookie);
        start = GetTickCount();
        hr = IDiscFormat2Erase_EraseMedia(e);
        ok(hr == S_OK, "EraseMedia %08lx\n", hr);
        unadvise(cp, cookie);
        trace("%u updates in %lu ms, first estimate %ld s, last %ld/%ld s\n", sink.updates, GetTickCount() - start,
              sink.first_total, sink.last_elapsed, sink.last_total);
        /* the accepted BLANK, a poll every 0.5 s while the emulated drive works (1.5 s quick,
         * 3 s full), the end */
        ok(sink.updates >= (pass ? 6u : 3u), "%u Update events\n", sink.updates);
        ok(!sink.bad, "%u malformed Update events\n", sink.bad);
        ok(sink.first_total == (pass ? (want == IMAPI_MEDIA_TYPE_CDRW ? 600 : 3600) : 60),
           "first estimate %ld\n", sink.first_total);
        ok(sink.last_elapsed == sink.last_total, "last update %ld of %ld\n", sink.last_elapsed, sink.last_total);
        ok(sink.reentry_checked, "no Update to try re-entry from\n");
        ok(sink.reentry_erase == E_IMAPI_ERASE_RECORDER_IN_USE, "EraseMedia during the erase %08lx\n", sink.reentry_erase);
        ok(sink.reentry_recorder == E_IMAPI_ERASE_RECORDER_IN_USE, "put_Recorder during the erase %08lx\n",
           sink.reentry_recorder);
        ok(sink.reentry_client == E_IMAPI_ERASE_RECORDER_IN_USE, "put_ClientName during the erase %08lx\n",
           sink.reentry_client);
        if (pass) ok(sink.updates > quick_updates, "full erase: %u updates, quick %u\n", sink.updates, quick_updates);
        else quick_updates = sink.updates;
        /* blank now, by both */
        vb = physically_blank(e, &hr);
        ok(hr == S_OK && vb == VARIANT_TRUE, "MediaPhysicallyBlank after the erase %08lx %d\n", hr, vb);
        ok(emu_disc_info(r, info) >= 3 && (info[2] & 3) == 0 && (info[2] & 0x10),
           "READ DISC INFORMATION after the erase: byte 2 %#x\n", info[2]);
        winetest_pop_context();
    }
    ok(IDiscFormat2Erase_Release(e) == 0, "erase format not released\n");
done:
    winetest_pop_context();
    IDiscRecorder2_Release(r);
}

static void test_erase_cdrw(void) { erase_written("EraseCDRW", "cdrw", CDRW_BLOCKS, IMAPI_MEDIA_TYPE_CDRW); }
static void test_erase_dvdrw(void) { erase_written("EraseDVDRW", "dvd-rw", DVDRW_BLOCKS, IMAPI_MEDIA_TYPE_DVDDASHRW); }

/* The current profile from the GET CONFIGURATION header, or 0. */
static int current_profile(IDiscRecorder2 *r)
{
    BYTE cdb[10] = { 0x46, 0x02, 0, 0, 0, 0, 0, 0, 8, 0 }, buf[8] = { 0 }, sense[18];
    IDiscRecorder2Ex *ex = NULL;
    ULONG got = 0;
    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    if (!ex) return 0;
    IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 10, sense, 10, buf, 8, &got);
    IDiscRecorder2Ex_Release(ex);
    return got == 8 ? buf[6] << 8 | buf[7] : 0;
}

/* A DVD-RW quick-formatted to restricted overwrite (FORMAT UNIT type 15h, sent as a program
 * would through IDiscRecorder2Ex), written, erased: sequential and blank again. */
static void test_erase_dvdrw_restricted(void)
{
    BYTE cdb[6] = { 0x04, 0x11 }, params[12] = { 0, 0, 0, 8, 0, 0x23, 0x12, 0x80, 0x15 << 2 }, sense[18];
    IDiscRecorder2 *r = emu_blank_medium("EraseDVDRWRO", "dvd-rw", DVDRW_BLOCKS);
    IDiscRecorder2Ex *ex = NULL;
    IDiscFormat2Erase *e;
    VARIANT_BOOL vb;
    BYTE info[34] = {0};
    HRESULT hr;

    if (!r) return;
    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    hr = ex ? IDiscRecorder2Ex_SendCommandSendDataToDevice(ex, cdb, 6, sense, 60, params, sizeof(params)) : E_FAIL;
    ok(hr == S_OK, "FORMAT UNIT (quick, restricted overwrite) %08lx\n", hr);
    if (ex) IDiscRecorder2Ex_Release(ex);
    ok(current_profile(r) == 0x13, "profile after the format %#x\n", current_profile(r));
    if (hr == S_OK && burn(r, 48) && (e = new_erase()))
    {
        IDiscFormat2Erase_put_Recorder(e, r);
        set_client(e, L"winetest erase");
        vb = VARIANT_FALSE;
        hr = IDiscFormat2Erase_IsCurrentMediaSupported(e, r, &vb);
        ok(hr == S_OK && vb == VARIANT_TRUE, "IsCurrentMediaSupported(restricted overwrite) %08lx %d\n", hr, vb);
        hr = IDiscFormat2Erase_EraseMedia(e);
        ok(hr == S_OK, "EraseMedia(restricted overwrite) %08lx\n", hr);
        ok(current_profile(r) == 0x14, "profile after the erase %#x\n", current_profile(r));
        vb = physically_blank(e, &hr);
        ok(hr == S_OK && vb == VARIANT_TRUE, "MediaPhysicallyBlank after the erase %08lx %d\n", hr, vb);
        ok(emu_disc_info(r, info) >= 3 && (info[2] & 3) == 0, "disc status after the erase %u\n", info[2] & 3);
        IDiscFormat2Erase_Release(e);
    }
    IDiscRecorder2_Release(r);
}

/* Refusals that leave the written disc exactly as it was, with no Update. */
static void check_refused(IDiscRecorder2 *r, IDiscFormat2Erase *e, HRESULT want, const char *what)
{
    BYTE before[34], after[34];
    IConnectionPoint *cp;
    struct sink sink;
    DWORD cookie = 0;
    HRESULT hr;

    emu_disc_info(r, before);
    cp = advise(e, &sink, &cookie);
    hr = IDiscFormat2Erase_EraseMedia(e);
    ok(hr == want, "%s: EraseMedia %08lx, want %08lx\n", what, hr, want);
    unadvise(cp, cookie);
    ok(sink.updates == 0, "%s: %u Update events\n", what, sink.updates);
    emu_disc_info(r, after);
    ok(!memcmp(before, after, sizeof(before)), "%s: the disc changed\n", what);
}

static void test_refusals(void)
{
    IDiscRecorder2 *cdr, *rw, *holder = NULL, *prot = emu_open_named(L"WriteProt");
    IDiscFormat2Erase *e;
    LONG index;
    HRESULT hr;
    BSTR id, name;

    /* a written CD-R */
    if ((cdr = emu_blank_medium("EraseCDR", NULL, 0)) && burn(cdr, 32) && (e = new_erase()))
    {
        IDiscFormat2Erase_put_Recorder(e, cdr);
        set_client(e, L"winetest erase");
        check_refused(cdr, e, E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED, "written CD-R");
        IDiscFormat2Erase_put_FullErase(e, VARIANT_TRUE);
        check_refused(cdr, e, E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED, "written CD-R, full");
        IDiscFormat2Erase_Release(e);
    }
    if (cdr) IDiscRecorder2_Release(cdr);
    /* a write-protected DVD+RW (no blanking on DVD+RW either) */
    if (prot && (e = new_erase()))
    {
        hr = IDiscFormat2Erase_put_Recorder(e, prot);
        ok(hr == S_OK, "put_Recorder(WriteProt) %08lx\n", hr);
        set_client(e, L"winetest erase");
        check_refused(prot, e, E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED, "DVD+RW");
        IDiscFormat2Erase_Release(e);
    }
    if (prot) IDiscRecorder2_Release(prot);

    /* a written CD-RW: held by another client, then drive faults */
    if (!(rw = emu_blank_medium("EraseFaults", "cdrw", CDRW_BLOCKS))) return;
    if (burn(rw, 32) && (e = new_erase()))
    {
        IDiscFormat2Erase_put_Recorder(e, rw);
        set_client(e, L"winetest erase");
        if ((id = emu_find_id(L"EraseFaults", &index)))
        {
            holder = emu_open_id(id);
            SysFreeString(id);
        }
        if (holder)
        {
            name = SysAllocString(L"winetest holder");
            hr = IDiscRecorder2_AcquireExclusiveAccess(holder, VARIANT_FALSE, name);
            ok(hr == S_OK, "AcquireExclusiveAccess %08lx\n", hr);
            {
                BYTE before[34], after[34];
                emu_disc_info(holder, before);
                hr = IDiscFormat2Erase_EraseMedia(e);
                ok(hr == E_IMAPI_RECORDER_LOCKED || hr == E_ACCESSDENIED, "EraseMedia of a held recorder %08lx\n", hr);
                emu_disc_info(holder, after);
                ok(!memcmp(before, after, sizeof(before)), "held: the disc changed\n");
            }
            IDiscRecorder2_ReleaseExclusiveAccess(holder);
            SysFreeString(name);
            IDiscRecorder2_Release(holder);
        }
        /* the drive refuses BLANK (medium error), then START STOP UNIT (hardware error) */
        if (emu_state_rewrite("EraseFaults", NULL, 0, "op=a1 sense=3/0c/00"))
            check_refused(rw, e, E_IMAPI_ERASE_DRIVE_FAILED_ERASE_COMMAND, "BLANK failing");
        if (emu_state_rewrite("EraseFaults", NULL, 0, "op=1b sense=4/44/00"))
            check_refused(rw, e, E_IMAPI_ERASE_DRIVE_FAILED_SPINUP_COMMAND, "START STOP UNIT failing");
        IDiscFormat2Erase_Release(e);
    }
    IDiscRecorder2_Release(rw);
}

START_TEST(format_erase)
{
    CoInitialize(NULL);
    test_members();
    test_erase_cdrw();
    test_erase_dvdrw();
    test_erase_dvdrw_restricted();
    test_refusals();
    CoUninitialize();
}
