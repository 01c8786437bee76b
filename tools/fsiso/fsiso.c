/* fsiso: a mkisofs-like command-line client of IMAPI2FS.
 *
 *   fsiso [-o out.iso] [-V volname] [-l 1|2] [-J|-no-joliet] [-iso-only] [-udf] [-udf-only]
 *         [-stage] [-w workdir] [-media-blocks N] [-read KiB] [-q] [-stats] srcdir
 *   fsiso --explain HRESULT
 *
 * Uses nothing but the public COM API, as any Windows program would:
 * CoCreateInstance(CLSID_MsftFileSystemImage), FileSystemsToCreate, VolumeName,
 * ISO9660InterchangeLevel, Root->AddTree, CreateResultImage, ImageStream, and a
 * DFileSystemImageEvents sink (IDispatch) for progress. The image stream goes into
 * the output file by IStream::CopyTo, 64 MiB per call for the progress line, into an
 * IStream whose Write is WriteFile (IStream::Read chunks with -read, to compare).
 *
 * Exit codes: 0 success, 1 an IMAPI2FS/COM call failed (HRESULT and its message
 * printed), 2 bad command line, 3 the output file could not be written. */

#define COBJMACROS
#define CONST_VTABLE
#define PSAPI_VERSION 2
#include <windows.h>
#include <ole2.h>
#include <olectl.h>
#include <psapi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2fserror.h"

#define EXIT_FAIL  1
#define EXIT_USAGE 2
#define EXIT_IO    3

/* ---------------------------------------------------------------------------------------------
 * Output: wide text to the console when stdout/stderr is one, else UTF-8 to the file or pipe. */

static BOOL quiet;

static void vout(DWORD std, const WCHAR *fmt, va_list ap)
{
    WCHAR buf[2048];
    HANDLE h = GetStdHandle(std);
    DWORD mode, done;
    int n = _vsnwprintf(buf, ARRAYSIZE(buf) - 1, fmt, ap);

    if (n < 0) n = ARRAYSIZE(buf) - 1;
    buf[n] = 0;
    if (h == INVALID_HANDLE_VALUE || !h) return;
    if (GetConsoleMode(h, &mode))
        WriteConsoleW(h, buf, n, &done, NULL);
    else
    {
        char utf8[sizeof(buf) * 3];
        int len = WideCharToMultiByte(CP_UTF8, 0, buf, n, utf8, sizeof(utf8), NULL, NULL);
        if (len > 0) WriteFile(h, utf8, len, &done, NULL);
    }
}

static void out(const WCHAR *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(STD_OUTPUT_HANDLE, fmt, ap);
    va_end(ap);
}

/* Summary and statistics: stdout, unless the image itself is written there (-o -). */
static DWORD info_std = STD_OUTPUT_HANDLE;

static void info(const WCHAR *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(info_std, fmt, ap);
    va_end(ap);
}

static void err(const WCHAR *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(STD_ERROR_HANDLE, fmt, ap);
    va_end(ap);
}

/* Progress goes to stderr. On a terminal (character device) one line is rewritten in
 * place a few times a second; into a file or pipe a new line every few seconds. */
static BOOL progress_tty;
static BOOL progress_dirty;   /* a \r line is on screen and needs a newline before other text */

static void progress_line(const WCHAR *text)
{
    if (progress_tty)
    {
        err(L"\r%-78.78ls", text);
        progress_dirty = TRUE;
    }
    else
        err(L"%ls\n", text);
}

static void progress_end(void)
{
    if (progress_dirty) err(L"\n");
    progress_dirty = FALSE;
}

/* ---------------------------------------------------------------------------------------------
 * HRESULT reporting: the text comes from imapi2fs.dll's message table, else from the system. */

static HMODULE fs_module(void)
{
    HMODULE mod = GetModuleHandleW(L"imapi2fs.dll");
    if (!mod)
        mod = LoadLibraryExW(L"imapi2fs.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
    return mod;
}

static void hr_text(HRESULT hr, WCHAR *buf, DWORD size)
{
    DWORD flags = FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_MAX_WIDTH_MASK;
    HMODULE mod = fs_module();
    DWORD n = 0;

    buf[0] = 0;
    if (mod)
        n = FormatMessageW(flags | FORMAT_MESSAGE_FROM_HMODULE, mod, hr, 0, buf, size, NULL);
    if (!n)
        n = FormatMessageW(flags | FORMAT_MESSAGE_FROM_SYSTEM, NULL, hr, 0, buf, size, NULL);
    if (!n && HRESULT_FACILITY(hr) == FACILITY_WIN32)
        n = FormatMessageW(flags | FORMAT_MESSAGE_FROM_SYSTEM, NULL, HRESULT_CODE(hr), 0, buf, size, NULL);
    if (!n)
        lstrcpynW(buf, L"(no message text for this code)", size);
    /* Drop trailing blanks and line breaks. */
    for (n = lstrlenW(buf); n && (buf[n - 1] == ' ' || buf[n - 1] == '\r' || buf[n - 1] == '\n'); n--)
        buf[n - 1] = 0;
}

static int fail(HRESULT hr, const WCHAR *what)
{
    WCHAR text[512];
    IErrorInfo *info;
    HRESULT info_hr;
    hr_text(hr, text, ARRAYSIZE(text));
    progress_end();
    err(L"fsiso: %ls failed: 0x%08lx: %ls\n", what, (unsigned long)hr, text);
    /* the failed member's own description: it names the path (AddTree) or the
     * feature (CreateResultImage) the failure is about */
    if ((info_hr = GetErrorInfo(0, &info)) == S_OK)
    {
        BSTR desc = NULL;
        if (SUCCEEDED(IErrorInfo_GetDescription(info, &desc)) && desc && *desc) err(L"fsiso: %ls\n", desc);
        SysFreeString(desc);
        IErrorInfo_Release(info);
    }
    else if (hr == E_NOTIMPL)
        err(L"fsiso: (this IMAPI2FS implementation does not implement that member yet)\n");
    return EXIT_FAIL;
}

static void warn_hr(HRESULT hr, const WCHAR *what)
{
    WCHAR text[512];
    if (quiet) return;
    hr_text(hr, text, ARRAYSIZE(text));
    progress_end();
    err(L"fsiso: warning: %ls: 0x%08lx: %ls\n", what, (unsigned long)hr, text);
}

/* ---------------------------------------------------------------------------------------------
 * Clock and memory. */

static LARGE_INTEGER qpc_freq;

static double now_s(void)
{
    LARGE_INTEGER t;
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart / (double)qpc_freq.QuadPart;
}

static double peak_mib(void)
{
    PROCESS_MEMORY_COUNTERS pmc;
    pmc.cb = sizeof(pmc);
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof(pmc))) return -1.0;
    return (double)pmc.PeakWorkingSetSize / (1024.0 * 1024.0);
}

/* ---------------------------------------------------------------------------------------------
 * DFileSystemImageEvents sink. IMAPI2FS fires Update(object, currentFile, copiedSectors,
 * totalSectors) through IDispatch::Invoke (DISPID 256); the vtable method is implemented
 * as well for sources that call it directly. */

struct sink
{
    DFileSystemImageEvents DFileSystemImageEvents_iface;
    LONG ref;
    LONG64 events;
    DWORD last_tick;
    WCHAR file[MAX_PATH];
    LONG copied, total;
};

static inline struct sink *impl_from_events(DFileSystemImageEvents *iface)
{
    return CONTAINING_RECORD(iface, struct sink, DFileSystemImageEvents_iface);
}

static void sink_update(struct sink *s, const WCHAR *file, LONG copied, LONG total)
{
    DWORD tick = GetTickCount();
    WCHAR line[256];
    const WCHAR *shown = file ? file : L"";
    size_t len = wcslen(shown);

    s->events++;
    s->copied = copied;
    s->total = total;
    lstrcpynW(s->file, shown, ARRAYSIZE(s->file));
    if (quiet || tick - s->last_tick < (progress_tty ? 250u : 2000u)) return;
    s->last_tick = tick;
    if (len > 48) shown += len - 45;
    _snwprintf(line, ARRAYSIZE(line) - 1, L"adding: %ls%ls %ld/%ld sectors (%I64d events)",
               len > 48 ? L"..." : L"", shown, (long)copied, (long)total, s->events);
    line[ARRAYSIZE(line) - 1] = 0;
    progress_line(line);
}

static HRESULT WINAPI sink_QueryInterface(DFileSystemImageEvents *iface, REFIID riid, void **ppv)
{
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch)
        || IsEqualIID(riid, &IID_DFileSystemImageEvents))
    {
        *ppv = iface;
        DFileSystemImageEvents_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI sink_AddRef(DFileSystemImageEvents *iface)
{
    return InterlockedIncrement(&impl_from_events(iface)->ref);
}

static ULONG WINAPI sink_Release(DFileSystemImageEvents *iface)
{
    /* The sink lives in main()'s frame and outlives every connection. */
    return InterlockedDecrement(&impl_from_events(iface)->ref);
}

static HRESULT WINAPI sink_GetTypeInfoCount(DFileSystemImageEvents *iface, UINT *count)
{
    if (!count) return E_POINTER;
    *count = 0;
    return S_OK;
}

static HRESULT WINAPI sink_GetTypeInfo(DFileSystemImageEvents *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    if (info) *info = NULL;
    return E_NOTIMPL;
}

static HRESULT WINAPI sink_GetIDsOfNames(DFileSystemImageEvents *iface, REFIID riid, LPOLESTR *names,
                                         UINT count, LCID lcid, DISPID *ids)
{
    UINT i;
    HRESULT hr = S_OK;
    for (i = 0; i < count; i++)
    {
        if (i == 0 && !lstrcmpiW(names[0], L"Update"))
            ids[0] = DISPID_DFILESYSTEMIMAGEEVENTS_UPDATE;
        else
        {
            ids[i] = DISPID_UNKNOWN;
            hr = DISP_E_UNKNOWNNAME;
        }
    }
    return hr;
}

/* Argument i counted from the first declared parameter (DISPPARAMS holds them last-first). */
static HRESULT arg_as(DISPPARAMS *params, UINT i, VARTYPE vt, VARIANT *out_var)
{
    VariantInit(out_var);
    if (i >= params->cArgs) return DISP_E_BADPARAMCOUNT;
    return VariantChangeType(out_var, &params->rgvarg[params->cArgs - 1 - i], 0, vt);
}

static HRESULT WINAPI sink_Invoke(DFileSystemImageEvents *iface, DISPID id, REFIID riid, LCID lcid,
                                  WORD flags, DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep,
                                  UINT *argerr)
{
    struct sink *s = impl_from_events(iface);
    VARIANT file, copied, total;

    if (id != DISPID_DFILESYSTEMIMAGEEVENTS_UPDATE) return DISP_E_MEMBERNOTFOUND;
    if (!params || params->cArgs != 4) return DISP_E_BADPARAMCOUNT;
    /* Fast path: the types the event is declared with, no copies (it may fire per file). */
    if (V_VT(&params->rgvarg[2]) == VT_BSTR && V_VT(&params->rgvarg[1]) == VT_I4
        && V_VT(&params->rgvarg[0]) == VT_I4)
    {
        sink_update(s, V_BSTR(&params->rgvarg[2]), V_I4(&params->rgvarg[1]), V_I4(&params->rgvarg[0]));
        return S_OK;
    }
    if (SUCCEEDED(arg_as(params, 1, VT_BSTR, &file)) && SUCCEEDED(arg_as(params, 2, VT_I4, &copied))
        && SUCCEEDED(arg_as(params, 3, VT_I4, &total)))
        sink_update(s, V_BSTR(&file), V_I4(&copied), V_I4(&total));
    else
        s->events++;
    VariantClear(&file);
    return S_OK;
}

static HRESULT WINAPI sink_Update(DFileSystemImageEvents *iface, IDispatch *object, BSTR file,
                                  LONG copied, LONG total)
{
    sink_update(impl_from_events(iface), file, copied, total);
    return S_OK;
}

static const DFileSystemImageEventsVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release,
    sink_GetTypeInfoCount, sink_GetTypeInfo, sink_GetIDsOfNames, sink_Invoke,
    sink_Update,
};

/* Connects the sink; returns the connection point (to Unadvise) or NULL. */
static IConnectionPoint *advise(IFileSystemImage *image, struct sink *s, DWORD *cookie)
{
    IConnectionPointContainer *cpc;
    IConnectionPoint *cp = NULL;
    HRESULT hr;

    hr = IFileSystemImage_QueryInterface(image, &IID_IConnectionPointContainer, (void **)&cpc);
    if (FAILED(hr))
    {
        warn_hr(hr, L"no IConnectionPointContainer, so no progress events");
        return NULL;
    }
    hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DFileSystemImageEvents, &cp);
    IConnectionPointContainer_Release(cpc);
    if (FAILED(hr))
    {
        warn_hr(hr, L"FindConnectionPoint(DFileSystemImageEvents), so no progress events");
        return NULL;
    }
    hr = IConnectionPoint_Advise(cp, (IUnknown *)&s->DFileSystemImageEvents_iface, cookie);
    if (FAILED(hr))
    {
        warn_hr(hr, L"Advise(DFileSystemImageEvents), so no progress events");
        IConnectionPoint_Release(cp);
        return NULL;
    }
    return cp;
}

/* ---------------------------------------------------------------------------------------------
 * Command line. */

struct options
{
    const WCHAR *output;
    const WCHAR *volume;
    const WCHAR *workdir;
    const WCHAR *source;
    LONG level;          /* 0 = leave the default */
    BOOL joliet, iso9660, udf, stage, stats;
    LONG media_blocks;   /* FreeMediaBlocks; 0 = unlimited */
    DWORD read_kib;      /* 0: IStream::CopyTo; else IStream::Read chunks of this size */
};

static void usage(void)
{
    out(L"Usage: fsiso [options] srcdir\n"
        L"Builds an ISO 9660 / Joliet / UDF image of the contents of srcdir with IMAPI2FS\n"
        L"(MsftFileSystemImage), like mkisofs.\n"
        L"\n"
        L"  -o FILE          write the image to FILE (default: image.iso; - is standard output)\n"
        L"  -V NAME          volume name (IMAPI2FS allows up to 15 characters)\n"
        L"  -l 1|2           ISO 9660 interchange level\n"
        L"  -J               add Joliet names (the default)\n"
        L"  -no-joliet       no Joliet\n"
        L"  -iso-only        ISO 9660 only (no Joliet, no UDF)\n"
        L"  -udf             add UDF\n"
        L"  -udf-only        UDF only\n"
        L"  -stage           stage file data in the working directory (StageFiles = TRUE;\n"
        L"                   default FALSE: data is read from srcdir while writing)\n"
        L"  -w DIR           working directory for staging files\n"
        L"  -media-blocks N  FreeMediaBlocks limit in 2048-byte blocks (default 0 = unlimited)\n"
        L"  -read KIB        copy with IStream::Read calls of KIB each and a Write per\n"
        L"                   call (default: IStream::CopyTo, faster for big files)\n"
        L"  -q               quiet: no progress, no summary (errors are still printed)\n"
        L"  -stats           print counts, timings per phase and peak memory\n"
        L"  -h, --help       this text\n"
        L"  --explain HRESULT  print the message text of an HRESULT (e.g. 0xC0AAB104) and exit\n"
        L"\n"
        L"Exit status: 0 success, 1 an IMAPI2FS call failed (its HRESULT and message are\n"
        L"printed), 2 bad command line, 3 the output file could not be written.\n");
}

static int bad_usage(const WCHAR *msg, const WCHAR *arg)
{
    err(L"fsiso: %ls%ls\n", msg, arg ? arg : L"");
    err(L"Try 'fsiso --help'.\n");
    return EXIT_USAGE;
}

static BOOL parse_long(const WCHAR *s, LONG *v)
{
    WCHAR *end;
    long n;
    if (!s || !*s) return FALSE;
    n = wcstol(s, &end, 10);
    if (*end || n < 0) return FALSE;
    *v = n;
    return TRUE;
}

/* Returns -1 to go on, else an exit code. */
static int parse_args(int argc, WCHAR **argv, struct options *o)
{
    int i;

    memset(o, 0, sizeof(*o));
    o->output = L"image.iso";
    o->iso9660 = o->joliet = TRUE;
    for (i = 1; i < argc; i++)
    {
        const WCHAR *a = argv[i];
        const WCHAR *next = i + 1 < argc ? argv[i + 1] : NULL;

        if (!wcscmp(a, L"-h") || !wcscmp(a, L"--help") || !wcscmp(a, L"-help") || !wcscmp(a, L"/?"))
        {
            usage();
            return 0;
        }
        else if (!wcscmp(a, L"--explain"))
        {
            WCHAR text[512];
            HRESULT hr;
            if (!next) return bad_usage(L"missing argument after ", a);
            hr = (HRESULT)wcstoul(next, NULL, 0);
            hr_text(hr, text, ARRAYSIZE(text));
            out(L"0x%08lx: %ls\n", (unsigned long)hr, text);
            return 0;
        }
        else if (!wcscmp(a, L"-o") || !wcscmp(a, L"-V") || !wcscmp(a, L"-l") || !wcscmp(a, L"-w")
                 || !wcscmp(a, L"-media-blocks") || !wcscmp(a, L"-read"))
        {
            LONG v;
            if (!next) return bad_usage(L"missing argument after ", a);
            i++;
            if (!wcscmp(a, L"-o")) o->output = next;
            else if (!wcscmp(a, L"-V")) o->volume = next;
            else if (!wcscmp(a, L"-w")) o->workdir = next;
            else if (!wcscmp(a, L"-l"))
            {
                if (!parse_long(next, &v) || v < 1 || v > 3) return bad_usage(L"bad interchange level: ", next);
                o->level = v;
            }
            else if (!wcscmp(a, L"-media-blocks"))
            {
                if (!parse_long(next, &v)) return bad_usage(L"bad block count: ", next);
                o->media_blocks = v;
            }
            else
            {
                if (!parse_long(next, &v) || v < 1 || v > 262144) return bad_usage(L"bad read size (KiB, 1-262144): ", next);
                o->read_kib = v;
            }
        }
        else if (!wcscmp(a, L"-J")) o->joliet = TRUE;
        else if (!wcscmp(a, L"-no-joliet")) o->joliet = FALSE;
        else if (!wcscmp(a, L"-iso-only")) { o->iso9660 = TRUE; o->joliet = o->udf = FALSE; }
        else if (!wcscmp(a, L"-udf")) o->udf = TRUE;
        else if (!wcscmp(a, L"-udf-only")) { o->udf = TRUE; o->iso9660 = o->joliet = FALSE; }
        else if (!wcscmp(a, L"-stage")) o->stage = TRUE;
        else if (!wcscmp(a, L"-q")) quiet = TRUE;
        else if (!wcscmp(a, L"-stats")) o->stats = TRUE;
        else if (a[0] == '-' && a[1]) return bad_usage(L"unknown option ", a);
        else if (o->source) return bad_usage(L"more than one source directory: ", a);
        else o->source = a;
    }
    if (!o->source) return bad_usage(L"no source directory given", NULL);
    if (!wcscmp(o->output, L"-")) info_std = STD_ERROR_HANDLE;
    return -1;
}

/* ---------------------------------------------------------------------------------------------
 * Copying the image stream into the output file. */

/* The output file as the IStream that IStream::CopyTo writes into: Write is WriteFile,
 * which is all CopyTo uses; the rest answers STG_E_INVALIDFUNCTION. */
struct out_stream
{
    IStream IStream_iface;
    HANDLE file;
    HRESULT error;       /* of a failed Write: the copy failed on our side */
};

static struct out_stream *out_impl(IStream *iface)
{
    return CONTAINING_RECORD(iface, struct out_stream, IStream_iface);
}

static HRESULT WINAPI out_QueryInterface(IStream *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_ISequentialStream) || IsEqualIID(riid, &IID_IStream))
    {
        *ppv = iface;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

/* Lives on copy_stream's stack for the whole copy: no reference counting needed. */
static ULONG WINAPI out_AddRef(IStream *iface) { return 2; }
static ULONG WINAPI out_Release(IStream *iface) { return 1; }

static HRESULT WINAPI out_Read(IStream *iface, void *pv, ULONG cb, ULONG *read)
{
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI out_Write(IStream *iface, const void *pv, ULONG cb, ULONG *written)
{
    DWORD done = 0;
    struct out_stream *This = out_impl(iface);
    if (written) *written = 0;
    if (!WriteFile(This->file, pv, cb, &done, NULL)) return This->error = HRESULT_FROM_WIN32(GetLastError());
    if (written) *written = done;
    return S_OK;
}

static HRESULT WINAPI out_Seek(IStream *iface, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *pos)
{
    return STG_E_INVALIDFUNCTION;
}

static HRESULT WINAPI out_SetSize(IStream *iface, ULARGE_INTEGER size) { return STG_E_INVALIDFUNCTION; }
static HRESULT WINAPI out_CopyTo(IStream *iface, IStream *to, ULARGE_INTEGER cb, ULARGE_INTEGER *r, ULARGE_INTEGER *w)
{
    return STG_E_INVALIDFUNCTION;
}
static HRESULT WINAPI out_Commit(IStream *iface, DWORD flags) { return S_OK; }
static HRESULT WINAPI out_Revert(IStream *iface) { return STG_E_INVALIDFUNCTION; }
static HRESULT WINAPI out_LockRegion(IStream *iface, ULARGE_INTEGER off, ULARGE_INTEGER cb, DWORD type)
{
    return STG_E_INVALIDFUNCTION;
}
static HRESULT WINAPI out_UnlockRegion(IStream *iface, ULARGE_INTEGER off, ULARGE_INTEGER cb, DWORD type)
{
    return STG_E_INVALIDFUNCTION;
}
static HRESULT WINAPI out_Stat(IStream *iface, STATSTG *st, DWORD flags) { return STG_E_INVALIDFUNCTION; }
static HRESULT WINAPI out_Clone(IStream *iface, IStream **out) { return STG_E_INVALIDFUNCTION; }

static const IStreamVtbl out_vtbl =
{
    out_QueryInterface, out_AddRef, out_Release, out_Read, out_Write, out_Seek, out_SetSize, out_CopyTo,
    out_Commit, out_Revert, out_LockRegion, out_UnlockRegion, out_Stat, out_Clone
};

static void copy_progress(ULONGLONG written, ULONGLONG expected, double start, BOOL final)
{
    WCHAR line[128];
    double secs = now_s() - start;
    double mib = (double)written / (1024.0 * 1024.0);
    double rate = secs > 0 ? mib / secs : 0;

    if (expected)
        _snwprintf(line, ARRAYSIZE(line) - 1, L"writing: %.1f of %.1f MiB (%u%%), %.1f MiB/s", mib,
                   (double)expected / (1024.0 * 1024.0), (unsigned)(written * 100 / expected), rate);
    else
        _snwprintf(line, ARRAYSIZE(line) - 1, L"writing: %.1f MiB, %.1f MiB/s", mib, rate);
    line[ARRAYSIZE(line) - 1] = 0;
    progress_line(line);
    if (final) progress_end();
}

/* CopyTo is asked for this much at a time, so progress can be shown in between. */
#define COPY_SLICE (64ull * 1024 * 1024)

/* One step of the copy: CopyTo of the next slice, or (-read) one IStream::Read into buf
 * and its Write, the way a program without CopyTo would do it. *got: bytes of image. */
static HRESULT copy_step(IStream *stream, IStream *to, BYTE *buf, DWORD chunk, ULONGLONG *got, ULONGLONG *put)
{
    HRESULT hr;
    if (!buf)
    {
        ULARGE_INTEGER cb, r, w;
        cb.QuadPart = COPY_SLICE;
        hr = IStream_CopyTo(stream, to, cb, &r, &w);
        *got = r.QuadPart;
        *put = w.QuadPart;
    }
    else
    {
        ULONG n = 0, w = 0;
        *put = 0;
        hr = IStream_Read(stream, buf, chunk, &n);
        *got = n;
        if (SUCCEEDED(hr) && n)
        {
            hr = IStream_Write(to, buf, n, &w);
            *put = w;
        }
    }
    return hr;
}

/* Returns an exit code; *written gets the bytes copied. read_chunk 0: IStream::CopyTo,
 * which lets IMAPI2FS hand big files' data to our Write straight from where it lives. */
static int copy_stream(IStream *stream, const WCHAR *path, ULONGLONG expected, DWORD read_chunk, ULONGLONG *written)
{
    BOOL to_stdout = !wcscmp(path, L"-");
    struct out_stream out = { { &out_vtbl }, INVALID_HANDLE_VALUE, S_OK };
    double start = now_s();
    DWORD last_tick = GetTickCount();
    BYTE *buf = NULL;
    int rc = 0;

    *written = 0;
    if (read_chunk && !(buf = malloc(read_chunk))) return fail(E_OUTOFMEMORY, L"allocating the read buffer");
    if (to_stdout)
        out.file = GetStdHandle(STD_OUTPUT_HANDLE);
    else
        out.file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                               FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    if (out.file == INVALID_HANDLE_VALUE)
    {
        fail(HRESULT_FROM_WIN32(GetLastError()), L"creating the output file");
        free(buf);
        return EXIT_IO;
    }
    while (!rc)
    {
        ULONGLONG got = 0, put = 0;
        HRESULT hr = copy_step(stream, &out.IStream_iface, buf, read_chunk, &got, &put);
        *written += put;
        if (FAILED(hr) && FAILED(out.error))
        {
            fail(out.error, L"writing the output file");
            rc = EXIT_IO;
        }
        else if (FAILED(hr))
            rc = fail(hr, buf ? L"reading the image stream (IStream::Read)" : L"copying the image stream (IStream::CopyTo)");
        else if (!got)
            break;
        else if (!quiet && GetTickCount() - last_tick >= (progress_tty ? 250u : 5000u))
        {
            last_tick = GetTickCount();
            copy_progress(*written, expected, start, FALSE);
        }
    }
    free(buf);
    if (!rc && !quiet) copy_progress(*written, expected, start, TRUE);
    if (!rc && expected && *written != expected)
    {
        progress_end();
        err(L"fsiso: the image stream ended after %I64u bytes; %I64u were expected\n", *written, expected);
        rc = EXIT_FAIL;
    }
    if (!to_stdout)
    {
        if (!CloseHandle(out.file) && !rc)
        {
            fail(HRESULT_FROM_WIN32(GetLastError()), L"closing the output file");
            rc = EXIT_IO;
        }
        if (rc) DeleteFileW(path);
    }
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * The image. */

struct stats
{
    double t_setup, t_addtree, t_create, t_copy;
    LONG files, dirs, blocks, block_size;
    ULONGLONG bytes;
};

static int build(const struct options *o, IFileSystemImage *image, struct sink *s, struct stats *st)
{
    IFsiDirectoryItem *root = NULL;
    IFileSystemImageResult *result = NULL;
    IStream *stream = NULL;
    WCHAR source[MAX_PATH * 2];
    FsiFileSystems fs = 0, supported = 0;
    ULONGLONG expected = 0;
    BSTR bstr;
    DWORD n;
    HRESULT hr;
    double t;
    int rc = 0;

    n = GetFullPathNameW(o->source, ARRAYSIZE(source), source, NULL);
    if (!n || n >= ARRAYSIZE(source))
        return fail(HRESULT_FROM_WIN32(GetLastError()), L"resolving the source directory");
    /* AddTree wants the directory itself, not "dir\". */
    while (n > 3 && (source[n - 1] == '\\' || source[n - 1] == '/')) source[--n] = 0;
    n = GetFileAttributesW(source);
    if (n == INVALID_FILE_ATTRIBUTES || !(n & FILE_ATTRIBUTE_DIRECTORY))
    {
        err(L"fsiso: %ls is not a directory\n", source);
        return EXIT_USAGE;
    }

    t = now_s();
    if (o->iso9660) fs |= FsiFileSystemISO9660;
    if (o->joliet) fs |= FsiFileSystemJoliet;
    if (o->udf) fs |= FsiFileSystemUDF;
    if (FAILED(hr = IFileSystemImage_put_FileSystemsToCreate(image, fs)))
        return fail(hr, L"put_FileSystemsToCreate");
    /* Say so up front rather than write an image without a requested file system. */
    if (SUCCEEDED(IFileSystemImage_get_FileSystemsSupported(image, &supported)) && (fs & ~supported))
    {
        err(L"fsiso: this IMAPI2FS cannot create%ls%ls%ls (FileSystemsSupported = 0x%lx)\n",
            (fs & ~supported & FsiFileSystemISO9660) ? L" ISO9660" : L"",
            (fs & ~supported & FsiFileSystemJoliet) ? L" Joliet" : L"",
            (fs & ~supported & FsiFileSystemUDF) ? L" UDF" : L"", (unsigned long)supported);
        return EXIT_FAIL;
    }
    if (FAILED(hr = IFileSystemImage_put_FreeMediaBlocks(image, o->media_blocks)))
        return fail(hr, L"put_FreeMediaBlocks");
    if (o->level && FAILED(hr = IFileSystemImage_put_ISO9660InterchangeLevel(image, o->level)))
        return fail(hr, L"put_ISO9660InterchangeLevel");
    if (o->volume)
    {
        bstr = SysAllocString(o->volume);
        hr = IFileSystemImage_put_VolumeName(image, bstr);
        SysFreeString(bstr);
        if (FAILED(hr)) return fail(hr, L"put_VolumeName");
    }
    if (o->workdir)
    {
        bstr = SysAllocString(o->workdir);
        hr = IFileSystemImage_put_WorkingDirectory(image, bstr);
        SysFreeString(bstr);
        if (FAILED(hr)) return fail(hr, L"put_WorkingDirectory");
    }
    /* StageFiles may be unimplemented (its page lists E_NOTIMPL); only -stage insists. */
    hr = IFileSystemImage_put_StageFiles(image, o->stage ? VARIANT_TRUE : VARIANT_FALSE);
    if (FAILED(hr))
    {
        if (o->stage) return fail(hr, L"put_StageFiles(TRUE)");
        if (o->stats) warn_hr(hr, L"put_StageFiles(FALSE) (ignored)");
    }
    if (FAILED(hr = IFileSystemImage_get_Root(image, &root)))
        return fail(hr, L"get_Root");
    st->t_setup = now_s() - t;

    if (!quiet)
    {
        progress_line(L"adding the source tree...");
        if (!progress_tty) progress_dirty = FALSE;
    }
    t = now_s();
    bstr = SysAllocString(source);
    hr = IFsiDirectoryItem_AddTree(root, bstr, VARIANT_FALSE);
    SysFreeString(bstr);
    st->t_addtree = now_s() - t;
    IFsiDirectoryItem_Release(root);
    if (FAILED(hr))
    {
        WCHAR what[MAX_PATH * 2 + 32];
        _snwprintf(what, ARRAYSIZE(what) - 1, L"AddTree(\"%ls\")", source);
        what[ARRAYSIZE(what) - 1] = 0;
        progress_end();
        if (s->events) err(L"fsiso: last file reported by the progress events: %ls\n", s->file);
        return fail(hr, what);
    }
    if (FAILED(hr = IFileSystemImage_get_FileCount(image, &st->files))) st->files = -1;
    if (FAILED(hr = IFileSystemImage_get_DirectoryCount(image, &st->dirs))) st->dirs = -1;
    if (!quiet)
    {
        WCHAR line[128];
        _snwprintf(line, ARRAYSIZE(line) - 1, L"added %ld files, %ld directories in %.2f s", (long)st->files,
                   (long)st->dirs, st->t_addtree);
        line[ARRAYSIZE(line) - 1] = 0;
        progress_line(line);
        progress_end();
    }

    t = now_s();
    hr = IFileSystemImage_CreateResultImage(image, &result);
    st->t_create = now_s() - t;
    if (FAILED(hr)) return fail(hr, L"CreateResultImage");
    if (FAILED(hr = IFileSystemImageResult_get_ImageStream(result, &stream)))
    {
        IFileSystemImageResult_Release(result);
        return fail(hr, L"IFileSystemImageResult::get_ImageStream");
    }
    if (SUCCEEDED(IFileSystemImageResult_get_TotalBlocks(result, &st->blocks))
        && SUCCEEDED(IFileSystemImageResult_get_BlockSize(result, &st->block_size)))
        expected = (ULONGLONG)(ULONG)st->blocks * (ULONG)st->block_size;
    else
    {
        STATSTG stat;
        st->blocks = st->block_size = -1;
        if (SUCCEEDED(IStream_Stat(stream, &stat, STATFLAG_NONAME))) expected = stat.cbSize.QuadPart;
    }
    IFileSystemImageResult_Release(result);

    t = now_s();
    rc = copy_stream(stream, o->output, expected, o->read_kib * 1024, &st->bytes);
    st->t_copy = now_s() - t;
    IStream_Release(stream);
    return rc;
}

int wmain(int argc, WCHAR **argv)
{
    struct options o;
    struct sink s;
    struct stats st;
    IFileSystemImage *image = NULL;
    IConnectionPoint *cp = NULL;
    DWORD cookie = 0, type;
    double start;
    HRESULT hr;
    int rc;

    QueryPerformanceFrequency(&qpc_freq);
    start = now_s();
    type = GetFileType(GetStdHandle(STD_ERROR_HANDLE));
    progress_tty = (type == FILE_TYPE_CHAR);
    if ((rc = parse_args(argc, argv, &o)) >= 0) return rc;

    memset(&s, 0, sizeof(s));
    s.DFileSystemImageEvents_iface.lpVtbl = &sink_vtbl;
    s.ref = 1;
    memset(&st, 0, sizeof(st));

    hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (FAILED(hr)) return fail(hr, L"CoInitializeEx");
    hr = CoCreateInstance(&CLSID_MsftFileSystemImage, NULL, CLSCTX_INPROC_SERVER, &IID_IFileSystemImage,
                          (void **)&image);
    if (FAILED(hr))
    {
        rc = fail(hr, L"CoCreateInstance(MsftFileSystemImage)");
        if (hr == REGDB_E_CLASSNOTREG)
            err(L"fsiso: is imapi2fs.dll installed and registered (regsvr32 imapi2fs.dll)?\n");
        CoUninitialize();
        return rc;
    }
    cp = advise(image, &s, &cookie);

    rc = build(&o, image, &s, &st);

    if (cp)
    {
        IConnectionPoint_Unadvise(cp, cookie);
        IConnectionPoint_Release(cp);
    }
    IFileSystemImage_Release(image);
    CoUninitialize();

    if (!rc && !quiet)
        info(L"fsiso: wrote %ls: %I64u bytes (%.1f MiB) in %.2f s\n", o.output, st.bytes,
            (double)st.bytes / (1024.0 * 1024.0), now_s() - start);
    if (o.stats)
    {
        double total = now_s() - start;
        info(L"stats: files %ld, directories %ld\n", (long)st.files, (long)st.dirs);
        info(L"stats: image %ld blocks of %ld bytes, %I64u bytes written\n", (long)st.blocks,
            (long)st.block_size, st.bytes);
        info(L"stats: time setup %.3f s, AddTree %.3f s, CreateResultImage %.3f s, stream copy %.3f s, "
            L"total %.3f s\n", st.t_setup, st.t_addtree, st.t_create, st.t_copy, total);
        if (st.t_copy > 0)
            info(L"stats: stream copy rate %.1f MiB/s\n", (double)st.bytes / (1024.0 * 1024.0) / st.t_copy);
        info(L"stats: progress events %I64d\n", s.events);
        info(L"stats: peak working set %.1f MiB\n", peak_mib());
        info(L"stats: exit code %d\n", rc);
    }
    return rc;
}
