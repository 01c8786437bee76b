/* imapi2-burn -erase [-full]: blanks a CD-RW or DVD-RW with IDiscFormat2Erase, as
 * Microsoft's imapi2sample does: Recorder, ClientName, FullErase, EraseMedia, with
 * DDiscFormat2EraseEvents::Update(object, elapsed, estimated) drawn on the burn's progress
 * line ("erasing  37% [#######.....]  0:12 left"). An erase cannot be cancelled (the
 * interface has no CancelWrite); Ctrl-C ends the program and the drive finishes blanking. */
#include "burn.h"


static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch)
        || IsEqualIID(riid, &IID_DDiscFormat2EraseEvents))
    {
        *ppv = iface;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI sink_AddRef(IDispatch *iface) { return 2; }     /* static object */
static ULONG WINAPI sink_Release(IDispatch *iface) { return 1; }
static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *n) { *n = 0; return S_OK; }
static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT i, LCID l, ITypeInfo **t) { return E_NOTIMPL; }
static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d)
{ return DISP_E_UNKNOWNNAME; }

static unsigned updates;

/* Update(object, elapsedSeconds, estimatedTotalSeconds): arguments arrive last-first. */
static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *ei, UINT *err)
{
    LONG elapsed, total, percent, left;
    char text[24];

    if (id != DISPID_IDISCFORMAT2ERASEEVENTS_UPDATE) return DISP_E_MEMBERNOTFOUND;
    if (!params || params->cArgs != 3) return DISP_E_BADPARAMCOUNT;
    updates++;
    if (quiet || V_VT(&params->rgvarg[1]) != VT_I4 || V_VT(&params->rgvarg[0]) != VT_I4) return S_OK;
    elapsed = V_I4(&params->rgvarg[1]);
    total = V_I4(&params->rgvarg[0]);
    percent = total > 0 ? (LONG)min((LONGLONG)elapsed * 100 / total, 100) : -1;
    left = total > elapsed ? total - elapsed : 0;
    snprintf(text, sizeof(text), "%ld:%02ld left", left / 60, left % 60);
    progress_line("erasing", percent, "", text);
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo,
    sink_GetIDsOfNames, sink_Invoke
};
static IDispatch erase_sink = { &sink_vtbl };

static HRESULT advise(IDiscFormat2Erase *format, IConnectionPoint **cp, DWORD *cookie)
{
    IConnectionPointContainer *cpc;
    HRESULT hr;

    *cp = NULL;
    *cookie = 0;
    if (FAILED(hr = IDiscFormat2Erase_QueryInterface(format, &IID_IConnectionPointContainer, (void **)&cpc)))
        return hr;
    if (SUCCEEDED(hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DDiscFormat2EraseEvents, cp))
        && FAILED(hr = IConnectionPoint_Advise(*cp, (IUnknown *)&erase_sink, cookie)))
    {
        IConnectionPoint_Release(*cp);
        *cp = NULL;
    }
    IConnectionPointContainer_Release(cpc);
    return hr;
}

/* Recorder and ClientName; "cannot erase" is explained, not just coded. */
static HRESULT prepare(IDiscRecorder2 *recorder, IDiscFormat2Erase *format, BOOL full)
{
    IMAPI_MEDIA_PHYSICAL_TYPE type = IMAPI_MEDIA_TYPE_UNKNOWN;
    VARIANT_BOOL supported = VARIANT_FALSE;
    WCHAR name[48];
    BSTR client;
    HRESULT hr;

    if (FAILED(hr = IDiscFormat2Erase_IsRecorderSupported(format, recorder, &supported)))
        return report_recorder_failure(recorder, "IDiscFormat2Erase::IsRecorderSupported", hr), hr;
    if (!supported)
    {
        fprintf(stderr, "imapi2-burn: this recorder cannot erase discs (IsRecorderSupported is FALSE)\n");
        return E_IMAPI_ERASE_RECORDER_NOT_SUPPORTED;
    }
    if (FAILED(hr = IDiscFormat2Erase_put_Recorder(format, recorder)))
        return report_recorder_failure(recorder, "IDiscFormat2Erase::Recorder", hr), hr;
    swprintf(name, ARRAYSIZE(name), L"imapi2-burn process %lu", GetCurrentProcessId());
    client = SysAllocString(name);
    hr = IDiscFormat2Erase_put_ClientName(format, client);
    SysFreeString(client);
    if (FAILED(hr)) return report_failure("IDiscFormat2Erase::ClientName", hr), hr;
    IDiscFormat2Erase_put_FullErase(format, full ? VARIANT_TRUE : VARIANT_FALSE);

    hr = IDiscFormat2Erase_IsCurrentMediaSupported(format, recorder, &supported);
    if (hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA)
    {
        fprintf(stderr, "imapi2-burn: there is no disc in the recorder\n");
        return hr;
    }
    if (FAILED(hr)) return report_recorder_failure(recorder, "IDiscFormat2Erase::IsCurrentMediaSupported", hr), hr;
    IDiscFormat2Erase_get_CurrentPhysicalMediaType(format, &type);
    if (!supported)
    {
        fprintf(stderr, "imapi2-burn: a %s cannot be erased: only CD-RW and DVD-RW are blanked "
                "(DVD+RW, DVD-RAM and BD-RE are simply written over)\n", media_type_name(type));
        return E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED;
    }
    if (!quiet) printf("erasing:  %s, %s erase\n", media_type_name(type), full ? "full" : "quick");
    return S_OK;
}

int erase_disc(LONG index, BOOL full, BOOL eject)
{
    IDiscRecorder2 *recorder = NULL;
    IDiscFormat2Erase *format = NULL;
    IConnectionPoint *cp = NULL;
    VARIANT_BOOL blank = VARIANT_FALSE;
    ULONGLONG t0;
    DWORD cookie = 0;
    char text[400];
    HRESULT hr;

    if (FAILED(open_recorder(index, &recorder))) return 1;
    describe_recorder(recorder, text, sizeof(text));
    if (!quiet) printf("recorder: %ld: %s\n", index, text);
    if (FAILED(hr = CoCreateInstance(&CLSID_MsftDiscFormat2Erase, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2Erase,
                                     (void **)&format)))
        report_failure("creating MsftDiscFormat2Erase", hr);
    else if (SUCCEEDED(hr = prepare(recorder, format, full)))
    {
        if (FAILED(advise(format, &cp, &cookie))) cp = NULL;   /* erase anyway, without the bar */
        t0 = GetTickCount64();
        hr = IDiscFormat2Erase_EraseMedia(format);
        progress_finish();
        if (cp)
        {
            IConnectionPoint_Unadvise(cp, cookie);
            IConnectionPoint_Release(cp);
        }
        if (FAILED(hr)) report_recorder_failure(recorder, "erasing the disc (IDiscFormat2Erase::EraseMedia)", hr);
        else
        {
            hr = IDiscFormat2Erase_get_MediaPhysicallyBlank(format, &blank);
            if (FAILED(hr)) report_failure("IDiscFormat2Erase::MediaPhysicallyBlank", hr);
            else if (!blank)
            {
                fprintf(stderr, "imapi2-burn: EraseMedia succeeded but the disc is not blank\n");
                hr = E_FAIL;
            }
            else if (!quiet)
                printf("erased:   in %.1f s (%u progress updates); disc now: blank\n",
                       (GetTickCount64() - t0) / 1000.0, updates);
        }
    }
    if (SUCCEEDED(hr) && eject)
    {
        if (FAILED(hr = IDiscRecorder2_EjectMedia(recorder))) report_failure("IDiscRecorder2::EjectMedia", hr);
        else if (!quiet) printf("ejected the disc\n");
    }
    if (format) IDiscFormat2Erase_Release(format);
    IDiscRecorder2_Release(recorder);
    return FAILED(hr) ? 1 : 0;
}
