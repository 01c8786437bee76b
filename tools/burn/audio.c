/* imapi2-burn -audio: WAV files burned as an audio CD, one track each, track at once
 * (IDiscFormat2TrackAtOnce: PrepareMedia, AddAudioTrack per file, ReleaseMedia).
 *
 *   imapi2-burn -audio [-d INDEX] [-nofinal] [-speed N] [-q] FILE.wav...
 *
 * Only CD-DA's own format is taken: PCM, 16 bits, 44,100 Hz, 2 channels; any other WAV
 * is refused before the disc is touched, saying what it is. A track that does not end on
 * a 2352-byte sector is completed with silence (tracks under 4 s are padded by IMAPI).
 * Progress: one line per track from DDiscFormat2TrackAtOnceEvents; Ctrl-C cancels the
 * track (CancelAddTrack from the handler) and ReleaseMedia closes what was written. */
#include "burn.h"

#define SECTOR 2352

/* ---- WAV: where the PCM data lies, checked to be CD-DA ---- */


static DWORD le32(const BYTE *p) { return p[0] | p[1] << 8 | p[2] << 16 | (DWORD)p[3] << 24; }
static WORD le16(const BYTE *p) { return (WORD)(p[0] | p[1] << 8); }

static BOOL read_at(HANDLE h, ULONGLONG at, void *buf, DWORD len)
{
    OVERLAPPED ov;
    DWORD done = 0;
    memset(&ov, 0, sizeof(ov));
    ov.Offset = (DWORD)at;
    ov.OffsetHigh = (DWORD)(at >> 32);
    return ReadFile(h, buf, len, &done, &ov) && done == len;
}

BOOL open_wav(const WCHAR *path, struct wav *w)
{
    BYTE head[12], chunk[8], fmt[16];
    ULONGLONG at = 12, size;
    LARGE_INTEGER li;
    BOOL have_fmt = FALSE;

    w->file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (w->file == INVALID_HANDLE_VALUE)
    {
        fprintf(stderr, "imapi2-burn: cannot open %ls (error %lu)\n", path, GetLastError());
        return FALSE;
    }
    GetFileSizeEx(w->file, &li);
    size = li.QuadPart;
    if (!read_at(w->file, 0, head, 12) || memcmp(head, "RIFF", 4) || memcmp(head + 8, "WAVE", 4))
    {
        fprintf(stderr, "imapi2-burn: %ls is not a WAV file (no RIFF/WAVE header)\n", path);
        goto fail;
    }
    while (at + 8 <= size && read_at(w->file, at, chunk, 8))
    {
        DWORD len = le32(chunk + 4);
        if (!memcmp(chunk, "fmt ", 4))
        {
            WORD tag, channels, bits;
            DWORD rate;
            if (len < 16 || !read_at(w->file, at + 8, fmt, 16)) break;
            tag = le16(fmt); channels = le16(fmt + 2); rate = le32(fmt + 4); bits = le16(fmt + 14);
            if (tag != 1 || channels != 2 || rate != 44100 || bits != 16)
            {
                fprintf(stderr, "imapi2-burn: %ls is %s, %u channel(s), %lu Hz, %u bits: an audio CD needs "
                        "PCM, 2 channels, 44100 Hz, 16 bits (convert it first, e.g. sox in.wav -r 44100 -c 2 -b 16 out.wav)\n",
                        path, tag == 1 ? "PCM" : tag == 0xFFFE ? "extensible format" : "compressed",
                        channels, rate, bits);
                goto fail;
            }
            have_fmt = TRUE;
        }
        else if (!memcmp(chunk, "data", 4))
        {
            if (!have_fmt) break;
            w->offset = at + 8;
            w->bytes = min((ULONGLONG)len, size - w->offset);
            if (!w->bytes)
            {
                fprintf(stderr, "imapi2-burn: %ls holds no audio\n", path);
                goto fail;
            }
            return TRUE;
        }
        at += 8 + len + (len & 1);
    }
    fprintf(stderr, "imapi2-burn: %ls is not a usable WAV file (no fmt chunk before its data chunk)\n", path);
fail:
    CloseHandle(w->file);
    w->file = INVALID_HANDLE_VALUE;
    return FALSE;
}

/* ---- an IStream of the PCM data, completed with silence to whole sectors ---- */

struct pcm_stream
{
    IStream IStream_iface;
    LONG ref;
    struct wav w;
    ULONGLONG size, pos;
};

static struct pcm_stream *pcm_from(IStream *iface) { return CONTAINING_RECORD(iface, struct pcm_stream, IStream_iface); }

static HRESULT WINAPI pcm_QueryInterface(IStream *iface, REFIID riid, void **ppv)
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
static ULONG WINAPI pcm_AddRef(IStream *iface) { return InterlockedIncrement(&pcm_from(iface)->ref); }
static ULONG WINAPI pcm_Release(IStream *iface)
{
    struct pcm_stream *s = pcm_from(iface);
    LONG ref = InterlockedDecrement(&s->ref);
    if (!ref)
    {
        CloseHandle(s->w.file);
        free(s);
    }
    return ref;
}
static HRESULT WINAPI pcm_Read(IStream *iface, void *buf, ULONG len, ULONG *done)
{
    struct pcm_stream *s = pcm_from(iface);
    ULONG n = (ULONG)min((ULONGLONG)len, s->size - s->pos), from_file = 0;
    if (s->pos < s->w.bytes)
    {
        from_file = (ULONG)min((ULONGLONG)n, s->w.bytes - s->pos);
        if (!read_at(s->w.file, s->w.offset + s->pos, buf, from_file)) return STG_E_READFAULT;
    }
    memset((BYTE *)buf + from_file, 0, n - from_file);
    s->pos += n;
    if (done) *done = n;
    return S_OK;
}
static HRESULT WINAPI pcm_Write(IStream *iface, const void *buf, ULONG len, ULONG *done) { return STG_E_ACCESSDENIED; }
static HRESULT WINAPI pcm_Seek(IStream *iface, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *newpos)
{
    struct pcm_stream *s = pcm_from(iface);
    LONGLONG base = origin == STREAM_SEEK_SET ? 0 : origin == STREAM_SEEK_CUR ? (LONGLONG)s->pos : (LONGLONG)s->size;
    if (origin > STREAM_SEEK_END || base + move.QuadPart < 0) return STG_E_INVALIDFUNCTION;
    s->pos = base + move.QuadPart;
    if (newpos) newpos->QuadPart = s->pos;
    return S_OK;
}
static HRESULT WINAPI pcm_SetSize(IStream *iface, ULARGE_INTEGER size) { return STG_E_ACCESSDENIED; }
static HRESULT WINAPI pcm_CopyTo(IStream *iface, IStream *to, ULARGE_INTEGER n, ULARGE_INTEGER *r, ULARGE_INTEGER *w) { return E_NOTIMPL; }
static HRESULT WINAPI pcm_Commit(IStream *iface, DWORD flags) { return S_OK; }
static HRESULT WINAPI pcm_Revert(IStream *iface) { return S_OK; }
static HRESULT WINAPI pcm_LockRegion(IStream *iface, ULARGE_INTEGER o, ULARGE_INTEGER n, DWORD t) { return STG_E_INVALIDFUNCTION; }
static HRESULT WINAPI pcm_UnlockRegion(IStream *iface, ULARGE_INTEGER o, ULARGE_INTEGER n, DWORD t) { return STG_E_INVALIDFUNCTION; }
static HRESULT WINAPI pcm_Stat(IStream *iface, STATSTG *st, DWORD flags)
{
    memset(st, 0, sizeof(*st));
    st->type = STGTY_STREAM;
    st->cbSize.QuadPart = pcm_from(iface)->size;
    return S_OK;
}
static HRESULT WINAPI pcm_Clone(IStream *iface, IStream **out) { *out = NULL; return E_NOTIMPL; }

static const IStreamVtbl pcm_vtbl =
{
    pcm_QueryInterface, pcm_AddRef, pcm_Release, pcm_Read, pcm_Write, pcm_Seek, pcm_SetSize, pcm_CopyTo,
    pcm_Commit, pcm_Revert, pcm_LockRegion, pcm_UnlockRegion, pcm_Stat, pcm_Clone
};

IStream *pcm_stream(const struct wav *w)
{
    struct pcm_stream *s = calloc(1, sizeof(*s));
    if (!s) return NULL;
    s->IStream_iface.lpVtbl = &pcm_vtbl;
    s->ref = 1;
    s->w = *w;
    s->size = (w->bytes + SECTOR - 1) / SECTOR * SECTOR;
    return &s->IStream_iface;
}

/* ---- progress: DDiscFormat2TrackAtOnceEvents ---- */

static volatile LONG cancel_requested;
static BOOL cancel_sent;

static BOOL WINAPI ctrl_handler(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT) return FALSE;
    InterlockedExchange(&cancel_requested, 1);
    return TRUE;
}

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
static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *n) { *n = 0; return S_OK; }
static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT i, LCID l, ITypeInfo **t) { return E_NOTIMPL; }
static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d) { return E_NOTIMPL; }

static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    IDiscFormat2TrackAtOnceEventArgs *args = NULL;
    IDiscFormat2TrackAtOnce *tao = NULL;
    IMAPI_FORMAT2_TAO_WRITE_ACTION action = 0;
    LONG track = 0, start = 0, count = 0, written = 0, percent;
    static const char *const names[] = { "", "preparing", "writing", "finishing", "verifying" };

    if (id != DISPID_DDISCFORMAT2TAOEVENTS_UPDATE || params->cArgs != 2) return S_OK;
    if (FAILED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[0]), &IID_IDiscFormat2TrackAtOnceEventArgs, (void **)&args)))
        return S_OK;
    IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[1]), &IID_IDiscFormat2TrackAtOnce, (void **)&tao);
    IDiscFormat2TrackAtOnceEventArgs_get_CurrentAction(args, &action);
    IDiscFormat2TrackAtOnceEventArgs_get_CurrentTrackNumber(args, &track);
    IDiscFormat2TrackAtOnceEventArgs_get_StartLba(args, &start);
    IDiscFormat2TrackAtOnceEventArgs_get_SectorCount(args, &count);
    IDiscFormat2TrackAtOnceEventArgs_get_LastWrittenLba(args, &written);
    percent = count > 0 ? (LONG)((LONGLONG)max(0, min(written - start + 1, count)) * 100 / count) : 0;
    if (action >= IMAPI_FORMAT2_TAO_WRITE_ACTION_FINISHING) percent = 100;
    if (!quiet)
    {
        printf("\rtrack %2ld %-10s %3ld%%", track, action <= 4 ? names[action] : "", percent);
        fflush(stdout);
    }
    if (cancel_requested && !cancel_sent && tao)
        cancel_sent = SUCCEEDED(IDiscFormat2TrackAtOnce_CancelAddTrack(tao));
    IDiscFormat2TrackAtOnceEventArgs_Release(args);
    if (tao) IDiscFormat2TrackAtOnce_Release(tao);
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames, sink_Invoke
};
static IDispatch tao_sink = { &sink_vtbl };

static HRESULT advise(IDiscFormat2TrackAtOnce *tao, IConnectionPoint **cp, DWORD *cookie)
{
    IConnectionPointContainer *cpc;
    HRESULT hr;
    *cp = NULL;
    if (FAILED(hr = IDiscFormat2TrackAtOnce_QueryInterface(tao, &IID_IConnectionPointContainer, (void **)&cpc))) return hr;
    hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DDiscFormat2TrackAtOnceEvents, cp);
    IConnectionPointContainer_Release(cpc);
    if (SUCCEEDED(hr) && FAILED(hr = IConnectionPoint_Advise(*cp, (IUnknown *)&tao_sink, cookie)))
    {
        IConnectionPoint_Release(*cp);
        *cp = NULL;
    }
    return hr;
}

/* ---- the burn ---- */

static int audio_usage(const char *why)
{
    fprintf(stderr, "imapi2-burn: %s\nusage: imapi2-burn -audio [-d INDEX] [-nofinal] [-speed N] [-q] FILE.wav...\n", why);
    return 2;
}

int audio_main(int argc, WCHAR **argv)
{
    IDiscRecorder2 *recorder = NULL;
    IDiscFormat2TrackAtOnce *tao = NULL;
    IConnectionPoint *cp = NULL;
    struct wav *wavs;
    DWORD cookie = 0;
    LONG index = 0, speed = 0, nfiles = 0, i, first = 0, free_sectors = 0, needed = 0;
    BOOL nofinal = FALSE;
    HRESULT hr = S_OK, hr2;
    WCHAR *end;
    BSTR name;
    int rc = 1;

    for (i = 2; i < argc; i++)
    {
        if (!wcscmp(argv[i], L"-q")) quiet = TRUE;
        else if (!wcscmp(argv[i], L"-nofinal")) nofinal = TRUE;
        else if (!wcscmp(argv[i], L"-d") && i + 1 < argc)
        {
            index = wcstol(argv[++i], &end, 10);
            if (*end || index < 0) return audio_usage("-d wants a recorder index (see -list)");
        }
        else if (!wcscmp(argv[i], L"-speed") && i + 1 < argc)
        {
            if ((speed = wcstol(argv[++i], &end, 10)) <= 0 || *end) return audio_usage("-speed wants a positive number");
        }
        else if (argv[i][0] == '-' && argv[i][1]) return audio_usage("unknown option");
        else { if (!first) first = i; nfiles++; }
    }
    if (!nfiles) return audio_usage("-audio needs at least one WAV file");
    if (nfiles > 99) return audio_usage("an audio CD holds at most 99 tracks");
    for (i = first; i < argc; i++) if (argv[i][0] == '-') return audio_usage("options go before the WAV files");

    /* every file is checked before the disc is touched */
    wavs = calloc(nfiles, sizeof(*wavs));
    for (i = 0; i < nfiles; i++)
    {
        if (!open_wav(argv[first + i], &wavs[i])) { nfiles = i; goto done; }
        needed += (LONG)max((wavs[i].bytes + SECTOR - 1) / SECTOR, 300) + (i ? 150 : 0);
    }

    CoInitializeEx(NULL, COINIT_MULTITHREADED);   /* why: burn.c main */
    if (FAILED(hr = open_recorder(index, &recorder))) goto uninit;
    if (FAILED(hr = CoCreateInstance(&CLSID_MsftDiscFormat2TrackAtOnce, NULL, CLSCTX_INPROC_SERVER,
                                     &IID_IDiscFormat2TrackAtOnce, (void **)&tao)))
    {
        report_failure("creating MsftDiscFormat2TrackAtOnce", hr);
        goto uninit;
    }
    if (FAILED(hr = IDiscFormat2TrackAtOnce_put_Recorder(tao, recorder)))
    {
        report_failure("this recorder cannot write audio CDs (IDiscFormat2TrackAtOnce::put_Recorder)", hr);
        goto uninit;
    }
    name = SysAllocString(L"imapi2-burn");
    IDiscFormat2TrackAtOnce_put_ClientName(tao, name);
    SysFreeString(name);
    if (nofinal && FAILED(hr = IDiscFormat2TrackAtOnce_put_DoNotFinalizeMedia(tao, VARIANT_TRUE)))
    {
        report_failure("-nofinal (IDiscFormat2TrackAtOnce::put_DoNotFinalizeMedia)", hr);
        goto uninit;
    }
    if (speed && FAILED(hr = IDiscFormat2TrackAtOnce_SetWriteSpeed(tao, speed * 75, VARIANT_FALSE)))
        report_failure("setting the speed (the drive chooses)", hr);
    hr = IDiscFormat2TrackAtOnce_PrepareMedia(tao);
    if (hr == E_IMAPI_DF2TAO_MEDIA_IS_NOT_SUPPORTED || hr == E_IMAPI_DF2TAO_MEDIA_IS_NOT_BLANK)
    {
        fprintf(stderr, "imapi2-burn: audio CDs are written to a blank CD-R or CD-RW; the disc in the recorder %s\n",
                hr == E_IMAPI_DF2TAO_MEDIA_IS_NOT_BLANK ? "is not blank" : "is not a CD-R or CD-RW");
        goto uninit;
    }
    if (FAILED(hr))
    {
        report_recorder_failure(recorder, "preparing the disc (IDiscFormat2TrackAtOnce::PrepareMedia)", hr);
        goto uninit;
    }
    IDiscFormat2TrackAtOnce_get_FreeSectorsOnMedia(tao, &free_sectors);
    if (needed > free_sectors)
    {
        fprintf(stderr, "imapi2-burn: the tracks need %ld sectors (%ld:%02ld), the disc has %ld free; nothing was written\n",
                needed, needed / 75 / 60, needed / 75 % 60, free_sectors);
        IDiscFormat2TrackAtOnce_ReleaseMedia(tao);
        hr = E_IMAPI_DF2TAO_NOT_ENOUGH_SPACE;
        goto uninit;
    }
    advise(tao, &cp, &cookie);
    SetConsoleCtrlHandler(ctrl_handler, TRUE);
    for (i = 0; i < nfiles && SUCCEEDED(hr); i++)
    {
        IStream *s = pcm_stream(&wavs[i]);
        if (!s) { hr = E_OUTOFMEMORY; break; }
        wavs[i].file = INVALID_HANDLE_VALUE;           /* the stream owns it now */
        hr = IDiscFormat2TrackAtOnce_AddAudioTrack(tao, s);
        IStream_Release(s);
        if (!quiet) printf("\n");
        if (hr == E_IMAPI_REQUEST_CANCELLED) fprintf(stderr, "imapi2-burn: cancelled (Ctrl-C) in track %ld\n", i + 1);
        else if (FAILED(hr)) report_recorder_failure(recorder, "writing a track (IDiscFormat2TrackAtOnce::AddAudioTrack)", hr);
        else if (!quiet) printf("track %2ld: %ls\n", i + 1, argv[first + i]);
    }
    if (cp) { IConnectionPoint_Unadvise(cp, cookie); IConnectionPoint_Release(cp); }
    /* always: it closes the session (finalizes unless -nofinal) and unlocks the drive */
    if (FAILED(hr2 = IDiscFormat2TrackAtOnce_ReleaseMedia(tao)))
        report_recorder_failure(recorder, "closing the disc (IDiscFormat2TrackAtOnce::ReleaseMedia)", hr2);
    if (SUCCEEDED(hr)) hr = hr2;
    if (SUCCEEDED(hr) && !quiet) printf("done: %ld track(s), the disc is %s\n", nfiles, nofinal ? "left open" : "finalized");
    rc = hr == E_IMAPI_REQUEST_CANCELLED ? 3 : FAILED(hr) ? 1 : 0;
uninit:
    if (tao) IDiscFormat2TrackAtOnce_Release(tao);
    if (recorder) IDiscRecorder2_Release(recorder);
    CoUninitialize();
done:
    for (i = 0; i < nfiles; i++) if (wavs[i].file && wavs[i].file != INVALID_HANDLE_VALUE) CloseHandle(wavs[i].file);
    free(wavs);
    return rc;
}
