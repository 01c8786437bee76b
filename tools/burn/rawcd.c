/* imapi2-burn -raw: WAV files burned as an audio CD disc at once: an image built by
 * IRawCDImageCreator (one track per file, 2 s pre-gaps or -gapless, -mcn for the disc,
 * -isrc per track in file order) and written by IDiscFormat2RawCD::WriteMedia.
 *
 *   imapi2-burn -raw [-d INDEX] [-gapless] [-mcn CODE] [-isrc CODE]... [-q] FILE.wav...
 *
 * WAVs are checked as -audio checks them; a track under 4 s is refused (IMAPI's raw
 * images need 300 sectors per track). The progress is one line, from
 * DDiscFormat2RawCDEvents. */
#include "burn.h"

static int raw_usage(const char *why)
{
    fprintf(stderr, "imapi2-burn: %s\nusage: imapi2-burn -raw [-d INDEX] [-gapless] [-mcn CODE] [-isrc CODE]... [-q] FILE.wav...\n", why);
    return 2;
}

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
static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *n) { *n = 0; return S_OK; }
static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT i, LCID l, ITypeInfo **t) { return E_NOTIMPL; }
static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d) { return E_NOTIMPL; }
static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    IDiscFormat2RawCDEventArgs *args = NULL;
    IMAPI_FORMAT2_RAW_CD_WRITE_ACTION action = 0;
    LONG start = 0, count = 0, written = 0, percent;
    static const char *const names[] = { "", "preparing", "writing", "finishing" };

    if (id != DISPID_DDISCFORMAT2RAWCDEVENTS_UPDATE || params->cArgs != 2) return S_OK;
    if (FAILED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[0]), &IID_IDiscFormat2RawCDEventArgs, (void **)&args)))
        return S_OK;
    IDiscFormat2RawCDEventArgs_get_CurrentAction(args, &action);
    IDiscFormat2RawCDEventArgs_get_StartLba(args, &start);
    IDiscFormat2RawCDEventArgs_get_SectorCount(args, &count);
    IDiscFormat2RawCDEventArgs_get_LastWrittenLba(args, &written);
    percent = count > 0 ? (LONG)((LONGLONG)max(0, min(written - start + 1, count)) * 100 / count) : 0;
    if (!quiet)
    {
        printf("\rdisc at once %-10s %3ld%%", action <= 3 ? names[action] : "", percent);
        fflush(stdout);
    }
    IDiscFormat2RawCDEventArgs_Release(args);
    return S_OK;
}
static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames, sink_Invoke
};
static IDispatch raw_sink = { &sink_vtbl };

int raw_main(int argc, WCHAR **argv)
{
    IRawCDImageCreator *creator = NULL;
    IDiscFormat2RawCD *format = NULL;
    IDiscRecorder2 *recorder = NULL;
    IConnectionPointContainer *cpc = NULL;
    IConnectionPoint *cp = NULL;
    IStream *image = NULL;
    const WCHAR *mcn = NULL, *isrc[99];
    struct wav *wavs;
    LONG index = 0, nfiles = 0, nisrc = 0, i, first = 0, track;
    DWORD cookie = 0;
    BOOL gapless = FALSE;
    HRESULT hr = S_OK;
    WCHAR *end;
    BSTR b;
    int rc = 1;

    for (i = 2; i < argc; i++)
    {
        if (!wcscmp(argv[i], L"-q")) quiet = TRUE;
        else if (!wcscmp(argv[i], L"-gapless")) gapless = TRUE;
        else if (!wcscmp(argv[i], L"-mcn") && i + 1 < argc) mcn = argv[++i];
        else if (!wcscmp(argv[i], L"-isrc") && i + 1 < argc) { if (nisrc == 99) return raw_usage("too many -isrc"); isrc[nisrc++] = argv[++i]; }
        else if (!wcscmp(argv[i], L"-d") && i + 1 < argc)
        {
            index = wcstol(argv[++i], &end, 10);
            if (*end || index < 0) return raw_usage("-d wants a recorder index (see -list)");
        }
        else if (argv[i][0] == '-' && argv[i][1]) return raw_usage("unknown option");
        else { if (!first) first = i; nfiles++; }
    }
    if (!nfiles) return raw_usage("-raw needs at least one WAV file");
    if (nfiles > 99) return raw_usage("an audio CD holds at most 99 tracks");
    if (nisrc > nfiles) return raw_usage("more -isrc than tracks");
    for (i = first; i < argc; i++) if (argv[i][0] == '-') return raw_usage("options go before the WAV files");

    wavs = calloc(nfiles, sizeof(*wavs));
    for (i = 0; i < nfiles; i++)
    {
        if (!open_wav(argv[first + i], &wavs[i])) { nfiles = i; goto done; }
        if ((wavs[i].bytes + 2351) / 2352 < 300)
        {
            fprintf(stderr, "imapi2-burn: %ls lasts under 4 seconds: a disc-at-once track needs at least 4 s "
                    "(use -audio, which pads short tracks)\n", argv[first + i]);
            nfiles = i + 1;
            goto done;
        }
    }

    CoInitializeEx(NULL, COINIT_MULTITHREADED);   /* why: burn.c main */
    if (FAILED(hr = CoCreateInstance(&CLSID_MsftRawCDImageCreator, NULL, CLSCTX_INPROC_SERVER, &IID_IRawCDImageCreator,
                                     (void **)&creator)))
    {
        report_failure("creating MsftRawCDImageCreator", hr);
        goto uninit;
    }
    if (gapless) IRawCDImageCreator_put_DisableGaplessAudio(creator, VARIANT_TRUE);
    if (mcn)
    {
        b = SysAllocString(mcn);
        hr = IRawCDImageCreator_put_MediaCatalogNumber(creator, b);
        SysFreeString(b);
        if (FAILED(hr))
        {
            fprintf(stderr, "imapi2-burn: -mcn %ls is not a media catalogue number (13 digits with a valid check digit)\n", mcn);
            goto uninit;
        }
    }
    for (i = 0; i < nfiles; i++)
    {
        IStream *s = pcm_stream(&wavs[i]);
        IRawCDImageTrackInfo *info = NULL;
        if (!s) { hr = E_OUTOFMEMORY; goto uninit; }
        wavs[i].file = INVALID_HANDLE_VALUE;
        hr = IRawCDImageCreator_AddTrack(creator, IMAPI_CD_SECTOR_AUDIO, s, &track);
        IStream_Release(s);
        if (FAILED(hr)) { report_failure("adding a track (IRawCDImageCreator::AddTrack)", hr); goto uninit; }
        if (i < nisrc && SUCCEEDED(IRawCDImageCreator_get_TrackInfo(creator, track, &info)))
        {
            b = SysAllocString(isrc[i]);
            hr = IRawCDImageTrackInfo_put_ISRC(info, b);
            SysFreeString(b);
            IRawCDImageTrackInfo_Release(info);
            if (FAILED(hr))
            {
                fprintf(stderr, "imapi2-burn: -isrc %ls is not an ISRC (CC-OOO-YY-NNNNN)\n", isrc[i]);
                goto uninit;
            }
        }
    }
    IRawCDImageCreator_put_ResultingImageType(creator, IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW);
    if (FAILED(hr = IRawCDImageCreator_CreateResultImage(creator, &image)))
    {
        report_failure("building the image (IRawCDImageCreator::CreateResultImage)", hr);
        goto uninit;
    }

    if (FAILED(hr = open_recorder(index, &recorder))) goto uninit;
    if (FAILED(hr = CoCreateInstance(&CLSID_MsftDiscFormat2RawCD, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2RawCD,
                                     (void **)&format)) ||
        FAILED(hr = IDiscFormat2RawCD_put_Recorder(format, recorder)))
    {
        report_failure("this recorder cannot write raw CDs (IDiscFormat2RawCD::put_Recorder)", hr);
        goto uninit;
    }
    b = SysAllocString(L"imapi2-burn");
    IDiscFormat2RawCD_put_ClientName(format, b);
    SysFreeString(b);
    hr = IDiscFormat2RawCD_PrepareMedia(format);
    if (hr == E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED || hr == E_IMAPI_DF2RAW_MEDIA_IS_NOT_BLANK)
    {
        fprintf(stderr, "imapi2-burn: raw CDs are written to a blank CD-R or CD-RW; the disc in the recorder %s\n",
                hr == E_IMAPI_DF2RAW_MEDIA_IS_NOT_BLANK ? "is not blank" : "is not a CD-R or CD-RW");
        goto uninit;
    }
    if (FAILED(hr)) { report_recorder_failure(recorder, "preparing the disc (IDiscFormat2RawCD::PrepareMedia)", hr); goto uninit; }
    if (FAILED(hr = IDiscFormat2RawCD_put_RequestedSectorType(format, IMAPI_FORMAT2_RAW_CD_SUBCODE_IS_RAW)))
    {
        IDiscFormat2RawCD_put_RequestedSectorType(format, IMAPI_FORMAT2_RAW_CD_SUBCODE_PQ_ONLY);
        IRawCDImageCreator_Release(creator);
        creator = NULL;
        fprintf(stderr, "imapi2-burn: the recorder records P-Q sub-channel only, which this tool does not build yet\n");
        IDiscFormat2RawCD_ReleaseMedia(format);
        goto uninit;
    }
    if (SUCCEEDED(IDiscFormat2RawCD_QueryInterface(format, &IID_IConnectionPointContainer, (void **)&cpc)))
    {
        if (SUCCEEDED(IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DDiscFormat2RawCDEvents, &cp)) &&
            FAILED(IConnectionPoint_Advise(cp, (IUnknown *)&raw_sink, &cookie)))
        {
            IConnectionPoint_Release(cp);
            cp = NULL;
        }
        IConnectionPointContainer_Release(cpc);
    }
    hr = IDiscFormat2RawCD_WriteMedia(format, image);
    if (!quiet) printf("\n");
    if (cp) { IConnectionPoint_Unadvise(cp, cookie); IConnectionPoint_Release(cp); }
    if (FAILED(hr)) report_recorder_failure(recorder, "writing the disc (IDiscFormat2RawCD::WriteMedia)", hr);
    IDiscFormat2RawCD_ReleaseMedia(format);
    if (SUCCEEDED(hr) && !quiet) printf("done: %ld track(s) written disc at once\n", nfiles);
    rc = FAILED(hr) ? 1 : 0;
uninit:
    if (image) IStream_Release(image);
    if (format) IDiscFormat2RawCD_Release(format);
    if (creator) IRawCDImageCreator_Release(creator);
    if (recorder) IDiscRecorder2_Release(recorder);
    CoUninitialize();
done:
    for (i = 0; i < nfiles; i++) if (wavs[i].file && wavs[i].file != INVALID_HANDLE_VALUE) CloseHandle(wavs[i].file);
    free(wavs);
    return rc;
}
