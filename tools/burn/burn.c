/* imapi2-burn: burns a directory onto a recorder using only the public IMAPI2 API, as
 * a Windows burning program would: IDiscMaster2 to find the recorder, IFileSystemImage
 * to build an ISO9660 + Joliet image of the directory, IWriteEngine2 to send its
 * sectors, and IDiscRecorder2Ex to synchronize the cache and close the track and
 * session. Blank write-once or overwritable media only (no multisession import).
 *
 * The whole burn, from the blank check to CLOSE SESSION, runs under exclusive access
 * (IDiscRecorder2::AcquireExclusiveAccess with the client name below), as
 * IDiscFormat2Data::Write takes it on Windows: a second burner started at the same
 * time is refused at once (E_ACCESSDENIED, or E_IMAPI_RECORDER_LOCKED for its
 * commands) and told who holds the recorder, instead of finding out from a failed
 * WRITE halfway through. The access is given back on every way out.
 *
 *   imapi2-burn [-d index] [-V volume] [-q] directory
 */
#define COBJMACROS
#define CONST_VTABLE
#include <stdio.h>
#include <wchar.h>
#include <windows.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"

static BOOL quiet;

/* The exclusive-access owner name others see (IDiscRecorder2::ExclusiveAccessOwner):
 * "imapi2-burn process <pid>", so that a second burner can say which one it waits for;
 * letters, digits, '-' and spaces only, as IOCTL_CDROM_EXCLUSIVE_ACCESS requires. */
static BSTR client_name(void)
{
    WCHAR name[48];
    swprintf(name, ARRAYSIZE(name), L"imapi2-burn process %lu", GetCurrentProcessId());
    return SysAllocString(name);
}

static void fail(const char *what, HRESULT hr)
{
    WCHAR *msg = NULL;
    HMODULE mods[2] = { GetModuleHandleW(L"imapi2.dll"), GetModuleHandleW(L"imapi2fs.dll") };
    unsigned i;
    for (i = 0; i < 2 && !msg; i++)
        if (mods[i])
            FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS,
                           mods[i], hr, 0, (WCHAR *)&msg, 0, NULL);
    if (!msg)
        FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS,
                       NULL, hr, 0, (WCHAR *)&msg, 0, NULL);
    fprintf(stderr, "imapi2-burn: %s failed: 0x%08lx %ls", what, (unsigned long)hr, msg ? msg : L"\n");
    LocalFree(msg);
}

/* Another program has the recorder: say who, in words, besides the code. */
static void report_in_use(IDiscRecorder2 *recorder, HRESULT hr)
{
    BSTR owner = NULL;
    if (hr != E_ACCESSDENIED && hr != E_IMAPI_RECORDER_LOCKED) return;
    if (FAILED(IDiscRecorder2_get_ExclusiveAccessOwner(recorder, &owner))) owner = NULL;
    if (owner && *owner)
        fprintf(stderr, "imapi2-burn: the recorder is in use: \"%ls\" has exclusive access to it; "
                "nothing was written. Try again when it has finished.\n", owner);
    else
        fprintf(stderr, "imapi2-burn: the recorder is in use by another program (exclusive access); "
                "nothing was written. Try again when it has finished.\n");
    SysFreeString(owner);
}

/* ---- progress sink for DWriteEngine2Events ---- */

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
    IWriteEngine2EventArgs *args;
    LONG start, count, written;

    if (quiet || id != DISPID_DWRITEENGINE2EVENTS_UPDATE || !params || params->cArgs != 2) return S_OK;
    if (FAILED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[0]), &IID_IWriteEngine2EventArgs,
                                        (void **)&args)))
        return S_OK;
    IWriteEngine2EventArgs_get_StartLba(args, &start);
    IWriteEngine2EventArgs_get_SectorCount(args, &count);
    IWriteEngine2EventArgs_get_LastWrittenLba(args, &written);
    printf("\rwriting: %ld of %ld sectors (%ld%%)", written - start + 1, count,
           count ? (written - start + 1) * 100 / count : 100);
    fflush(stdout);
    IWriteEngine2EventArgs_Release(args);
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo,
    sink_GetIDsOfNames, sink_Invoke
};
static IDispatch progress_sink = { &sink_vtbl };

/* ---- steps ---- */

static HRESULT open_recorder(LONG index, IDiscRecorder2 **recorder, IDiscRecorder2Ex **ex)
{
    IDiscMaster2 *master;
    LONG count = 0;
    BSTR id = NULL, vendor = NULL, product = NULL;
    HRESULT hr;

    if (FAILED(hr = CoCreateInstance(&CLSID_MsftDiscMaster2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscMaster2,
                                     (void **)&master)))
        return fail("creating MsftDiscMaster2", hr), hr;
    IDiscMaster2_get_Count(master, &count);
    if (index >= count)
    {
        fprintf(stderr, "imapi2-burn: no recorder %ld (%ld found)\n", index, count);
        IDiscMaster2_Release(master);
        return E_INVALIDARG;
    }
    hr = IDiscMaster2_get_Item(master, index, &id);
    IDiscMaster2_Release(master);
    if (FAILED(hr)) return fail("IDiscMaster2::Item", hr), hr;
    if (SUCCEEDED(hr = CoCreateInstance(&CLSID_MsftDiscRecorder2, NULL, CLSCTX_INPROC_SERVER,
                                        &IID_IDiscRecorder2, (void **)recorder)))
        hr = IDiscRecorder2_InitializeDiscRecorder(*recorder, id);
    if (FAILED(hr)) fail("InitializeDiscRecorder", hr);
    else
    {
        IDiscRecorder2_get_VendorId(*recorder, &vendor);
        IDiscRecorder2_get_ProductId(*recorder, &product);
        if (!quiet) printf("recorder: %ls %ls (%ls)\n", vendor, product, id);
        SysFreeString(vendor);
        SysFreeString(product);
        hr = IDiscRecorder2_QueryInterface(*recorder, &IID_IDiscRecorder2Ex, (void **)ex);
        if (FAILED(hr)) fail("QueryInterface(IDiscRecorder2Ex)", hr);
    }
    SysFreeString(id);
    return hr;
}

/* Disc status from READ DISC INFORMATION (byte 2, bits 0-1: 0 blank, 1 appendable,
 * 2 complete) and the current profile's random writability decide where to write. */
static HRESULT check_media(IDiscRecorder2Ex *ex)
{
    BYTE *info = NULL;
    ULONG size = 0;
    HRESULT hr;
    unsigned status, tries;

    /* A drive that just got its disc is "becoming ready" for a moment: poll it with
     * TEST UNIT READY as burning programs do. */
    for (tries = 0; tries < 100; tries++)
    {
        BYTE tur[6] = { 0 }, sense[18];
        hr = IDiscRecorder2Ex_SendCommandNoData(ex, tur, 6, sense, 10);
        if (hr != S_IMAPI_COMMAND_HAS_SENSE_DATA || (sense[2] & 15) != 2 || sense[12] != 4) break;
        Sleep(100);
    }
    hr = IDiscRecorder2Ex_GetDiscInformation(ex, &info, &size);

    if (FAILED(hr)) return fail("reading the disc information", hr), hr;
    status = size > 2 ? info[2] & 3 : 3;
    CoTaskMemFree(info);
    if (status != 0 && status != 3)
    {
        fprintf(stderr, "imapi2-burn: the disc is not blank (status %u); insert blank media\n", status);
        return E_IMAPI_DF2DATA_MEDIA_NOT_BLANK;
    }
    return S_OK;
}

static HRESULT build_image(const WCHAR *dir, const WCHAR *volume, IStream **image, LONG *blocks)
{
    IFileSystemImage *fsi;
    IFsiDirectoryItem *root;
    IFileSystemImageResult *result;
    BSTR bdir = SysAllocString(dir), bvol = SysAllocString(volume);
    HRESULT hr;

    if (FAILED(hr = CoCreateInstance(&CLSID_MsftFileSystemImage, NULL, CLSCTX_INPROC_SERVER,
                                     &IID_IFileSystemImage, (void **)&fsi)))
        return fail("creating MsftFileSystemImage", hr), hr;
    IFileSystemImage_put_FileSystemsToCreate(fsi, FsiFileSystemISO9660 | FsiFileSystemJoliet);
    if (volume && FAILED(hr = IFileSystemImage_put_VolumeName(fsi, bvol))) fail("VolumeName", hr);
    else if (FAILED(hr = IFileSystemImage_get_Root(fsi, &root))) fail("Root", hr);
    else
    {
        if (FAILED(hr = IFsiDirectoryItem_AddTree(root, bdir, VARIANT_FALSE))) fail("AddTree", hr);
        else if (FAILED(hr = IFileSystemImage_CreateResultImage(fsi, &result))) fail("CreateResultImage", hr);
        else
        {
            IFileSystemImageResult_get_TotalBlocks(result, blocks);
            if (FAILED(hr = IFileSystemImageResult_get_ImageStream(result, image))) fail("ImageStream", hr);
            IFileSystemImageResult_Release(result);
        }
        IFsiDirectoryItem_Release(root);
    }
    IFileSystemImage_Release(fsi);
    SysFreeString(bdir);
    SysFreeString(bvol);
    return hr;
}

static HRESULT send_no_data(IDiscRecorder2Ex *ex, BYTE *cdb, const char *what)
{
    BYTE sense[18];
    HRESULT hr = IDiscRecorder2Ex_SendCommandNoData(ex, cdb, 10, sense, 600);
    if (hr == S_IMAPI_COMMAND_HAS_SENSE_DATA)
    {
        fprintf(stderr, "imapi2-burn: %s: drive sense %x/%02x/%02x\n", what, sense[2] & 15, sense[12], sense[13]);
        return E_FAIL;
    }
    if (FAILED(hr)) fail(what, hr);
    return hr;
}

static HRESULT write_image(IDiscRecorder2Ex *ex, IStream *image, LONG blocks)
{
    IWriteEngine2 *engine;
    IConnectionPointContainer *cpc;
    IConnectionPoint *cp = NULL;
    DWORD cookie = 0;
    /* SYNCHRONIZE CACHE, CLOSE TRACK (function 1, track 1), CLOSE SESSION (function 2):
     * MMC-6 CDB layouts. */
    BYTE sync[10] = { 0x35 }, close_track[10] = { 0x5b, 0, 1, 0, 0, 1 }, close_session[10] = { 0x5b, 0, 2 };
    HRESULT hr;

    if (FAILED(hr = CoCreateInstance(&CLSID_MsftWriteEngine2, NULL, CLSCTX_INPROC_SERVER, &IID_IWriteEngine2,
                                     (void **)&engine)))
        return fail("creating MsftWriteEngine2", hr), hr;
    if (SUCCEEDED(IWriteEngine2_QueryInterface(engine, &IID_IConnectionPointContainer, (void **)&cpc)))
    {
        if (SUCCEEDED(IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DWriteEngine2Events, &cp)))
            IConnectionPoint_Advise(cp, (IUnknown *)&progress_sink, &cookie);
        IConnectionPointContainer_Release(cpc);
    }
    IWriteEngine2_put_Recorder(engine, ex);
    IWriteEngine2_put_BytesPerSector(engine, 2048);
    hr = IWriteEngine2_WriteSection(engine, image, 0, blocks);
    if (!quiet) printf("\n");
    if (FAILED(hr)) fail("WriteSection", hr);
    if (cp)
    {
        IConnectionPoint_Unadvise(cp, cookie);
        IConnectionPoint_Release(cp);
    }
    IWriteEngine2_Release(engine);
    if (FAILED(hr)) return hr;
    if (FAILED(hr = send_no_data(ex, sync, "SYNCHRONIZE CACHE"))) return hr;
    if (FAILED(hr = send_no_data(ex, close_track, "CLOSE TRACK"))) return hr;
    return send_no_data(ex, close_session, "CLOSE SESSION");
}

int wmain(int argc, WCHAR **argv)
{
    IDiscRecorder2 *recorder = NULL;
    IDiscRecorder2Ex *ex = NULL;
    IStream *image = NULL;
    const WCHAR *dir = NULL, *volume = NULL;
    LONG index = 0, blocks = 0;
    HRESULT hr;
    int i;

    for (i = 1; i < argc; i++)
    {
        if (!wcscmp(argv[i], L"-d") && i + 1 < argc) index = _wtoi(argv[++i]);
        else if (!wcscmp(argv[i], L"-V") && i + 1 < argc) volume = argv[++i];
        else if (!wcscmp(argv[i], L"-q")) quiet = TRUE;
        else if (argv[i][0] == '-' || dir)
        {
            fprintf(stderr, "usage: imapi2-burn [-d recorder-index] [-V volume] [-q] directory\n");
            return 2;
        }
        else dir = argv[i];
    }
    if (!dir)
    {
        fprintf(stderr, "usage: imapi2-burn [-d recorder-index] [-V volume] [-q] directory\n");
        return 2;
    }
    CoInitialize(NULL);
    if (SUCCEEDED(hr = open_recorder(index, &recorder, &ex)))
    {
        BSTR client = client_name();
        /* Before the blank check: what it finds must still hold when the writes go out. */
        if (FAILED(hr = IDiscRecorder2_AcquireExclusiveAccess(recorder, VARIANT_FALSE, client)))
            fail("AcquireExclusiveAccess", hr);
        else
        {
            if (SUCCEEDED(hr = check_media(ex)) && SUCCEEDED(hr = build_image(dir, volume, &image, &blocks)))
            {
                if (!quiet) printf("image: %ld sectors of 2048 bytes\n", blocks);
                if (SUCCEEDED(hr = write_image(ex, image, blocks)) && !quiet)
                    printf("burned %ld sectors; track and session closed\n", blocks);
            }
            IDiscRecorder2_ReleaseExclusiveAccess(recorder);
        }
        SysFreeString(client);
        report_in_use(recorder, hr);
    }
    if (image) IStream_Release(image);
    if (ex) IDiscRecorder2Ex_Release(ex);
    if (recorder) IDiscRecorder2_Release(recorder);
    CoUninitialize();
    return FAILED(hr) ? 1 : 0;
}
