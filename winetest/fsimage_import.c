/*
 * Conformance and end-to-end test of the multisession import members of
 * MsftFileSystemImage (IdentifyFileSystemsOnDisc, GetDefaultFileSystemForImport,
 * ProbeSpecificFileSystem, CalculateDiscIdentifier, ImportFileSystem,
 * ImportSpecificFileSystem, ImportedVolumeName, DFileSystemImageImportEvents::UpdateImport)
 * on private copies of the emulated Empty recorder with blank CD-R, DVD+R and BD-R, and
 * once more on DVD+R with a bridge (ISO9660 + Joliet + UDF) whose UDF tree is imported:
 *
 *   session 1: a tree burned with IDiscFormat2Data::Write;
 *   session 2: a new image imports the disc's last session through the format's
 *              MultisessionInterfaces, loses one file (Remove), gets another replaced and
 *              new ones added (AddTree: the disk wins), and is burned after session 1.
 *
 * Session 2 must not copy the data of the files it keeps (its TotalBlocks stays below
 * their size), and an imported file's Data reads back from the disc. Both sessions are
 * read back with READ(10) into %IMAPI_TEST_TMP%\fscom-import-<media>.iso at their disc
 * addresses, with a line "<iso> <session 2 start> <expected tree> <recorder>" in
 * fscom-import.txt, so tests/fscom/verify_import.sh can ask xorriso (-toc of the drive:
 * two sessions; the last one extracted equals the expected tree), isoinfo and 7z.
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

static const IID null_iid;   /* IID_NULL (initguid.h would define GUID_NULL again) */
static WCHAR tmp_dir[MAX_PATH];
static char unix_tmp[MAX_PATH];

#define BIG_SIZE 600000   /* 293 blocks: a second session that copied it could not be small */

static IDiscRecorder2 *make_recorder(const char *clone, const char *media, unsigned capacity, BOOL formatted)
{
    return emu_clone_blank("Empty", clone, media, capacity, formatted);
}

static IDiscFormat2Data *new_data(IDiscRecorder2 *r)
{
    IDiscFormat2Data *d = NULL;
    BSTR name;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_MsftDiscFormat2Data, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2Data, (void **)&d);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscFormat2Data) %08lx\n", hr);
    if (!d) return NULL;
    hr = IDiscFormat2Data_put_Recorder(d, r);
    ok(hr == S_OK, "put_Recorder %08lx\n", hr);
    name = SysAllocString(L"winetest fsimage_import");
    IDiscFormat2Data_put_ClientName(d, name);
    SysFreeString(name);
    /* DVD+R: without this the disc is closed in compatible mode */
    IDiscFormat2Data_put_DisableConsumerDvdCompatibilityMode(d, VARIANT_TRUE);
    return d;
}

static IFileSystemImage *new_image(void)
{
    IFileSystemImage *image = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftFileSystemImage, NULL, CLSCTX_INPROC_SERVER, &IID_IFileSystemImage,
                                  (void **)&image);
    ok(hr == S_OK, "MsftFileSystemImage %08lx\n", hr);
    return image;
}

static void write_file(const WCHAR *dir, const WCHAR *name, const char *data, size_t len)
{
    WCHAR path[MAX_PATH];
    DWORD done;
    HANDLE h;

    swprintf(path, MAX_PATH, L"%ls\\%ls", dir, name);
    h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(h != INVALID_HANDLE_VALUE, "cannot create %s\n", wine_dbgstr_w(path));
    if (h == INVALID_HANDLE_VALUE) return;
    WriteFile(h, data, (DWORD)len, &done, NULL);
    CloseHandle(h);
}

static char *big_data(void)
{
    char *big = malloc(BIG_SIZE);
    size_t i;
    for (i = 0; i < BIG_SIZE; i++) big[i] = (char)(i * 13 + (i >> 11));
    return big;
}

/* %IMAPI_TEST_TMP_WIN%\<name>: which = 1 the first session's tree, 2 what AddTree adds
 * to the second, 3 the tree the second session must hold. */
static void make_tree(const WCHAR *name, int which, WCHAR *out)
{
    WCHAR sub[MAX_PATH];
    char *big = big_data();

    swprintf(out, MAX_PATH, L"%ls\\%ls", tmp_dir, name);
    CreateDirectoryW(out, NULL);
    swprintf(sub, MAX_PATH, L"%ls\\sub", out);
    if (which != 2)
    {
        write_file(out, L"readme.txt", "first session\n", 14);
        CreateDirectoryW(sub, NULL);
        write_file(sub, L"big.bin", big, BIG_SIZE);
        write_file(sub, L"Long name with spaces.text", "kept\n", 5);
    }
    if (which == 1)
    {
        write_file(out, L"replace.txt", "version 1\n", 10);
        write_file(out, L"remove.txt", "removed in session 2\n", 21);
    }
    else
    {
        write_file(out, L"replace.txt", "version 2, from session 2\n", 26);
        write_file(out, L"session2.txt", "added in session 2\n", 19);
        CreateDirectoryW(sub, NULL);
        write_file(sub, L"new.txt", "new beside old\n", 15);
    }
    free(big);
}

static IStream *result_stream(IFileSystemImage *image, LONG *total)
{
    IFileSystemImageResult *result = NULL;
    IStream *stream = NULL;
    HRESULT hr = IFileSystemImage_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %08lx\n", hr);
    if (!result) return NULL;
    IFileSystemImageResult_get_TotalBlocks(result, total);
    hr = IFileSystemImageResult_get_ImageStream(result, &stream);
    ok(hr == S_OK, "ImageStream %08lx\n", hr);
    IFileSystemImageResult_Release(result);
    return stream;
}

static HRESULT read10(IDiscRecorder2 *r, LONG lba, ULONG blocks, BYTE *buf)
{
    BYTE cdb[10] = { 0x28 }, sense[18];
    IDiscRecorder2Ex *ex = NULL;
    ULONG fetched = 0;
    HRESULT hr;

    IDiscRecorder2_QueryInterface(r, &IID_IDiscRecorder2Ex, (void **)&ex);
    if (!ex) return E_NOINTERFACE;
    cdb[2] = lba >> 24; cdb[3] = lba >> 16; cdb[4] = lba >> 8; cdb[5] = lba;
    cdb[7] = blocks >> 8; cdb[8] = blocks;
    hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(ex, cdb, 10, sense, 18, buf, blocks * 2048, &fetched);
    IDiscRecorder2Ex_Release(ex);
    return hr == S_OK && fetched == blocks * 2048 ? S_OK : (hr == S_OK ? E_FAIL : hr);
}

/* Copy blocks [lba, lba + count) of the disc to the same place in f. */
static void dump_blocks(IDiscRecorder2 *r, FILE *f, LONG lba, LONG count)
{
    BYTE *buf = malloc(32 * 2048);
    LONG done, n;
    for (done = 0; done < count; done += n)
    {
        HRESULT hr;
        n = min(32, count - done);
        hr = read10(r, lba + done, n, buf);
        ok(hr == S_OK, "READ(10) %ld+%ld: %08lx\n", lba + done, n, hr);
        if (FAILED(hr)) break;
        fseek(f, (long)(lba + done) * 2048, SEEK_SET);
        fwrite(buf, 2048, n, f);
    }
    free(buf);
}

/* ---- DFileSystemImageImportEvents sink ---- */

struct import_sink
{
    IDispatch IDispatch_iface;
    unsigned calls, bad, files_minus_one;
    LONG want_fs, last_dirs, last_files, total_dirs;
    WCHAR last_item[MAX_PATH];
};

static struct import_sink *isink_from(IDispatch *iface) { return CONTAINING_RECORD(iface, struct import_sink, IDispatch_iface); }
static HRESULT WINAPI isink_QueryInterface(IDispatch *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch)
        || IsEqualIID(riid, &IID_DFileSystemImageImportEvents))
    {
        *ppv = iface;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI isink_AddRef(IDispatch *iface) { return 2; }
static ULONG WINAPI isink_Release(IDispatch *iface) { return 1; }
static HRESULT WINAPI isink_GetTypeInfoCount(IDispatch *iface, UINT *n) { return E_NOTIMPL; }
static HRESULT WINAPI isink_GetTypeInfo(IDispatch *iface, UINT i, LCID l, ITypeInfo **t) { return E_NOTIMPL; }
static HRESULT WINAPI isink_GetIDsOfNames(IDispatch *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d)
{ return E_NOTIMPL; }

/* UpdateImport(object, fileSystem, currentItem, importedDirectoryItems,
 * totalDirectoryItems, importedFileItems, totalFileItems): arguments come last first. */
static HRESULT WINAPI isink_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                   DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    struct import_sink *s = isink_from(iface);
    VARIANT *a = params->rgvarg;
    unsigned i;

    s->calls++;
    if (id != 257 || params->cArgs != 7 || V_VT(&a[6]) != VT_DISPATCH || V_VT(&a[4]) != VT_BSTR)
    {
        s->bad++;
        return S_OK;
    }
    for (i = 0; i < 4; i++) if (V_VT(&a[i]) != VT_I4) s->bad++;
    if (V_VT(&a[5]) != VT_I4 || V_I4(&a[5]) != s->want_fs) s->bad++;
    if (V_VT(&a[0]) == VT_I4 && V_I4(&a[0]) == -1) s->files_minus_one++;
    if (V_I4(&a[3]) < s->last_dirs || V_I4(&a[1]) < s->last_files) s->bad++;   /* counts only grow */
    s->last_dirs = V_I4(&a[3]);
    s->total_dirs = V_I4(&a[2]);
    s->last_files = V_I4(&a[1]);
    lstrcpynW(s->last_item, V_BSTR(&a[4]) ? V_BSTR(&a[4]) : L"", MAX_PATH);
    return S_OK;
}

static const IDispatchVtbl isink_vtbl =
{
    isink_QueryInterface, isink_AddRef, isink_Release, isink_GetTypeInfoCount, isink_GetTypeInfo,
    isink_GetIDsOfNames, isink_Invoke
};

static IConnectionPoint *advise_import(IFileSystemImage *image, struct import_sink *s, DWORD *cookie)
{
    IConnectionPointContainer *cpc = NULL;
    IConnectionPoint *cp = NULL;
    HRESULT hr;

    IFileSystemImage_QueryInterface(image, &IID_IConnectionPointContainer, (void **)&cpc);
    ok(cpc != NULL, "no IConnectionPointContainer\n");
    if (!cpc) return NULL;
    hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DFileSystemImageImportEvents, &cp);
    ok(hr == S_OK, "FindConnectionPoint(DFileSystemImageImportEvents) %08lx\n", hr);
    IConnectionPointContainer_Release(cpc);
    if (cp)
    {
        hr = IConnectionPoint_Advise(cp, (IUnknown *)&s->IDispatch_iface, cookie);
        ok(hr == S_OK, "Advise %08lx\n", hr);
    }
    return cp;
}

/* ---- the flow ---- */

static BOOL burn(IDiscFormat2Data *d, IStream *stream)
{
    HRESULT hr = IDiscFormat2Data_Write(d, stream);
    ok(hr == S_OK, "Write %08lx\n", hr);
    return hr == S_OK;
}

/* Before MultisessionInterfaces: the documented IMAPI_E_MULTISESSION_NOT_SET. */
static void test_not_set(void)
{
    IFileSystemImage *image = new_image();
    IFileSystemImage3 *image3 = NULL;
    FsiFileSystems fs = 99;
    VARIANT_BOOL vb;
    BSTR id = NULL;
    HRESULT hr;

    if (!image) return;
    hr = IFileSystemImage_ImportFileSystem(image, &fs);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET && fs == FsiFileSystemNone, "ImportFileSystem %08lx %d\n", hr, fs);
    hr = IFileSystemImage_ImportFileSystem(image, NULL);
    ok(hr == E_POINTER, "ImportFileSystem(NULL) %08lx\n", hr);
    hr = IFileSystemImage_ImportSpecificFileSystem(image, FsiFileSystemJoliet);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "ImportSpecificFileSystem %08lx\n", hr);
    hr = IFileSystemImage_ImportSpecificFileSystem(image, FsiFileSystemJoliet | FsiFileSystemISO9660);
    ok(hr == IMAPI_E_INVALID_PARAM, "ImportSpecificFileSystem(two) %08lx\n", hr);
    hr = IFileSystemImage_CalculateDiscIdentifier(image, &id);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "CalculateDiscIdentifier %08lx\n", hr);
    hr = IFileSystemImage_IdentifyFileSystemsOnDisc(image, NULL, &fs);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "IdentifyFileSystemsOnDisc %08lx\n", hr);
    hr = IFileSystemImage_GetDefaultFileSystemForImport(image, FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF, &fs);
    ok(hr == S_OK && fs == FsiFileSystemUDF, "GetDefaultFileSystemForImport %08lx %d\n", hr, fs);
    hr = IFileSystemImage_GetDefaultFileSystemForImport(image, FsiFileSystemISO9660 | FsiFileSystemJoliet, &fs);
    ok(hr == S_OK && fs == FsiFileSystemJoliet, "GetDefaultFileSystemForImport %08lx %d\n", hr, fs);
    IFileSystemImage_QueryInterface(image, &IID_IFileSystemImage3, (void **)&image3);
    if (image3)
    {
        hr = IFileSystemImage3_ProbeSpecificFileSystem(image3, FsiFileSystemJoliet, &vb);
        ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "ProbeSpecificFileSystem %08lx\n", hr);
        IFileSystemImage3_Release(image3);
    }
    IFileSystemImage_Release(image);
}

/* Two entries claiming InUse (the same object twice, InUse set): the documented
 * IMAPI_E_BAD_MULTISESSION_PARAMETER, and the image keeps no multisession objects. The
 * object's InUse goes back to what it was. */
static void check_two_in_use(IFileSystemImage *image, SAFEARRAY *from)
{
    IMultisession *ms = NULL;
    SAFEARRAY *two;
    VARIANT v, got;
    VARIANT_BOOL was = VARIANT_FALSE;
    LONG idx = 0;
    FsiFileSystems fs;
    HRESULT hr;

    VariantInit(&got);
    if (FAILED(SafeArrayGetElement(from, &idx, &got)) || (V_VT(&got) != VT_DISPATCH && V_VT(&got) != VT_UNKNOWN)
        || !V_UNKNOWN(&got) || FAILED(IUnknown_QueryInterface(V_UNKNOWN(&got), &IID_IMultisession, (void **)&ms)))
    {
        ok(0, "first multisession entry: vt %d\n", V_VT(&got));
        VariantClear(&got);
        return;
    }
    IMultisession_get_InUse(ms, &was);
    ok(IMultisession_put_InUse(ms, VARIANT_TRUE) == S_OK, "put_InUse\n");
    two = SafeArrayCreateVector(VT_VARIANT, 0, 2);
    V_VT(&v) = VT_DISPATCH;
    V_DISPATCH(&v) = (IDispatch *)ms;
    for (idx = 0; idx < 2; idx++) SafeArrayPutElement(two, &idx, &v);
    hr = IFileSystemImage_put_MultisessionInterfaces(image, two);
    ok(hr == IMAPI_E_BAD_MULTISESSION_PARAMETER, "two InUse entries: %08lx\n", hr);
    hr = IFileSystemImage_ImportFileSystem(image, &fs);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "ImportFileSystem after the refused array: %08lx\n", hr);
    SafeArrayDestroy(two);
    IMultisession_put_InUse(ms, was);
    IMultisession_Release(ms);
    VariantClear(&got);
}

static void put_ms(IFileSystemImage *image, IDiscFormat2Data *d, LONG *nwa)
{
    SAFEARRAY *sa = NULL;
    HRESULT hr = IDiscFormat2Data_get_MultisessionInterfaces(d, &sa);
    ok(hr == S_OK && sa, "get_MultisessionInterfaces %08lx\n", hr);
    if (!sa) return;
    check_two_in_use(image, sa);
    hr = IFileSystemImage_put_MultisessionInterfaces(image, sa);
    ok(hr == S_OK, "put_MultisessionInterfaces %08lx\n", hr);
    SafeArrayDestroy(sa);
    IDiscFormat2Data_get_NextWritableAddress(d, nwa);
}

static void check_imported_data(IFsiDirectoryItem *root)
{
    IFsiItem *item = NULL;
    IFsiFileItem *file = NULL;
    IFsiFileItem2 *file2 = NULL;
    IStream *data = NULL;
    char buf[64] = { 0 };
    ULONG got = 0;
    BSTR path = SysAllocString(L"readme.txt");
    HRESULT hr = IFsiDirectoryItem_get_Item(root, path, &item);
    SysFreeString(path);
    ok(hr == S_OK, "Item(readme.txt) %08lx\n", hr);
    if (!item) return;
    IFsiItem_QueryInterface(item, &IID_IFsiFileItem, (void **)&file);
    IFsiItem_Release(item);
    ok(file != NULL, "readme.txt is no file item\n");
    if (!file) return;
    hr = IFsiFileItem_get_Data(file, &data);
    ok(hr == S_OK && data, "get_Data of an imported file %08lx\n", hr);
    if (data)
    {
        IStream_Read(data, buf, sizeof(buf) - 1, &got);
        ok(got == 14 && !memcmp(buf, "first session\n", 14), "imported data read back: %lu %s\n", got, buf);
        IFsiFileItem_QueryInterface(file, &IID_IFsiFileItem2, (void **)&file2);
        if (file2)
        {
            path = SysAllocString(L"stream");
            hr = IFsiFileItem2_AddStream(file2, path, data);
            ok(hr == IMAPI_E_READONLY, "AddStream on an imported image %08lx\n", hr);
            SysFreeString(path);
            IFsiFileItem2_Release(file2);
        }
        IStream_Release(data);
    }
    IFsiFileItem_Release(file);
}

/* udf: session 1 is a bridge (ISO9660 + Joliet + UDF); the import picks UDF. */
static void test_media(const char *media, const char *clone, unsigned capacity, BOOL udf)
{
    struct import_sink sink = { { &isink_vtbl } };
    const FsiFileSystems on_disc = FsiFileSystemISO9660 | FsiFileSystemJoliet | (udf ? FsiFileSystemUDF : 0);
    const FsiFileSystems chosen = udf ? FsiFileSystemUDF : FsiFileSystemJoliet;
    IDiscRecorder2 *r;
    IDiscFormat2Data *d;
    IFileSystemImage *image;
    IFileSystemImage3 *image3 = NULL;
    IFsiDirectoryItem *root = NULL;
    IConnectionPoint *cp;
    IStream *stream;
    WCHAR src1[MAX_PATH], src2[MAX_PATH], expect[MAX_PATH], name[64];
    LONG total1 = 0, total2 = 0, nwa = 0, start = 0, count = 0, nwa_after = 0;
    FsiFileSystems fs = 0;
    VARIANT_BOOL vb;
    DWORD cookie = 0;
    BSTR b, id1 = NULL, id2 = NULL;
    HRESULT hr;

    winetest_push_context("%s%s", media, udf ? " UDF bridge" : "");
    sink.want_fs = chosen;
    if (!(r = make_recorder(clone, media, capacity, FALSE)) || !(d = new_data(r)))
    {
        if (r) IDiscRecorder2_Release(r);
        winetest_pop_context();
        return;
    }
    swprintf(name, ARRAYSIZE(name), L"imp-%hs-1", clone);
    make_tree(name, 1, src1);
    swprintf(name, ARRAYSIZE(name), L"imp-%hs-2", clone);
    make_tree(name, 2, src2);
    swprintf(name, ARRAYSIZE(name), L"imp-%hs-expect", clone);
    make_tree(name, 3, expect);

    /* Session 1. */
    image = new_image();
    IFileSystemImage_put_FileSystemsToCreate(image, on_disc);
    if (udf) IFileSystemImage_put_UDFRevision(image, 0x250);   /* a metadata partition to import */
    b = SysAllocString(L"SESSION1");
    IFileSystemImage_put_VolumeName(image, b);
    SysFreeString(b);
    IFileSystemImage_get_Root(image, &root);
    b = SysAllocString(src1);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree %08lx\n", hr);
    SysFreeString(b);
    IFsiDirectoryItem_Release(root);
    stream = result_stream(image, &total1);
    IFileSystemImage_Release(image);
    if (!stream || !burn(d, stream)) goto done;
    IStream_Release(stream);

    /* Session 2: import, remove, replace, add. */
    image = new_image();
    IFileSystemImage_QueryInterface(image, &IID_IFileSystemImage3, (void **)&image3);
    put_ms(image, d, &nwa);
    ok(nwa >= total1, "NextWritableAddress %ld after %ld blocks\n", nwa, total1);
    hr = IFileSystemImage_IdentifyFileSystemsOnDisc(image, NULL, &fs);
    ok(hr == S_OK && fs == on_disc, "IdentifyFileSystemsOnDisc %08lx %#x\n", hr, fs);
    hr = IFileSystemImage_IdentifyFileSystemsOnDisc(image, r, &fs);
    ok(hr == S_OK && fs == on_disc, "IdentifyFileSystemsOnDisc(r) %08lx %#x\n", hr, fs);
    if (image3)
    {
        hr = IFileSystemImage3_ProbeSpecificFileSystem(image3, FsiFileSystemJoliet, &vb);
        ok(hr == S_OK && vb == VARIANT_TRUE, "ProbeSpecificFileSystem(Joliet) %08lx %d\n", hr, vb);
        hr = IFileSystemImage3_ProbeSpecificFileSystem(image3, FsiFileSystemUDF, &vb);
        ok(hr == S_OK && vb == (udf ? VARIANT_TRUE : VARIANT_FALSE), "ProbeSpecificFileSystem(UDF) %08lx %d\n", hr, vb);
        IFileSystemImage3_Release(image3);
    }
    hr = IFileSystemImage_CalculateDiscIdentifier(image, &id1);
    ok(hr == S_OK && id1 && SysStringLen(id1) == 32, "CalculateDiscIdentifier %08lx %s\n", hr, wine_dbgstr_w(id1));
    hr = IFileSystemImage_CalculateDiscIdentifier(image, &id2);
    ok(hr == S_OK && id1 && id2 && !wcscmp(id1, id2), "CalculateDiscIdentifier not stable\n");
    SysFreeString(id2);
    if (!udf)
    {
        hr = IFileSystemImage_ImportSpecificFileSystem(image, FsiFileSystemUDF);
        ok(hr == IMAPI_E_FILE_SYSTEM_NOT_FOUND, "ImportSpecificFileSystem(UDF) %08lx\n", hr);
    }
    hr = IFileSystemImage_GetDefaultFileSystemForImport(image, on_disc, &fs);
    ok(hr == S_OK && fs == chosen, "GetDefaultFileSystemForImport %08lx %#x\n", hr, fs);
    cp = advise_import(image, &sink, &cookie);
    hr = IFileSystemImage_ImportFileSystem(image, &fs);
    ok(hr == S_OK && fs == chosen, "ImportFileSystem %08lx %#x\n", hr, fs);
    if (cp) { IConnectionPoint_Unadvise(cp, cookie); IConnectionPoint_Release(cp); }
    /* before each of 2 directories (root, sub) and after each of 5 files */
    ok(sink.calls == 7 && !sink.bad, "UpdateImport: %u calls, %u bad\n", sink.calls, sink.bad);
    ok(sink.files_minus_one == sink.calls, "totalFileItems -1 in %u of %u\n", sink.files_minus_one, sink.calls);
    ok(sink.last_files == 5 && sink.last_dirs == 1 && sink.total_dirs == 2, "UpdateImport counts %ld/%ld dirs %ld files\n",
       sink.last_dirs, sink.total_dirs, sink.last_files);
    IFileSystemImage_get_SessionStartBlock(image, &start);
    ok(start == nwa, "SessionStartBlock %ld, NWA %ld\n", start, nwa);
    if (udf)
    {
        LONG rev = 0;
        IFileSystemImage_get_UDFRevision(image, &rev);
        ok(rev == 0x250, "UDFRevision after a UDF import %#lx, want the disc's 0x250\n", rev);
    }
    IFileSystemImage_get_FileCount(image, &count);
    ok(count == 5, "FileCount %ld\n", count);
    b = NULL;
    hr = IFileSystemImage_get_ImportedVolumeName(image, &b);
    ok(hr == S_OK && b && !wcscmp(b, L"SESSION1"), "ImportedVolumeName %08lx %s\n", hr, wine_dbgstr_w(b));
    SysFreeString(b);
    hr = IFileSystemImage_ImportSpecificFileSystem(image, FsiFileSystemISO9660);
    ok(hr == IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION, "second import, another file system %08lx\n", hr);
    hr = IFileSystemImage_put_FileSystemsToCreate(image, FsiFileSystemISO9660);
    ok(hr == IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED, "FileSystemsToCreate without Joliet %08lx\n", hr);
    hr = IFileSystemImage_put_SessionStartBlock(image, 0);
    ok(hr == IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION, "SessionStartBlock after import %08lx\n", hr);

    IFileSystemImage_get_Root(image, &root);
    check_imported_data(root);
    b = SysAllocString(L"remove.txt");
    hr = IFsiDirectoryItem_Remove(root, b);
    ok(hr == S_OK, "Remove(imported) %08lx\n", hr);
    SysFreeString(b);
    b = SysAllocString(src2);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree over the imported tree %08lx\n", hr);
    SysFreeString(b);
    IFsiDirectoryItem_Release(root);
    IFileSystemImage_get_FileCount(image, &count);
    ok(count == 6, "FileCount after the changes %ld\n", count);
    stream = result_stream(image, &total2);
    /* UDF's anchor sits at block 256 of the session: a UDF session has 257 blocks or more. */
    ok(total2 > 0 && total2 - (udf ? 257 : 0) < BIG_SIZE / 2048, "session 2 has %ld blocks: imported data was copied\n",
       total2);
    IFileSystemImage_Release(image);
    if (!stream || !burn(d, stream)) goto done;
    IStream_Release(stream);
    IDiscFormat2Data_get_StartAddressOfPreviousSession(d, &start);
    ok(start == nwa, "StartAddressOfPreviousSession %ld, want %ld\n", start, nwa);
    hr = IDiscFormat2Data_get_NextWritableAddress(d, &nwa_after);

    /* A new image sees the new last session and a new identifier. */
    image = new_image();
    put_ms(image, d, &nwa_after);
    hr = IFileSystemImage_CalculateDiscIdentifier(image, &id2);
    ok(hr == S_OK && id1 && id2 && wcscmp(id1, id2), "CalculateDiscIdentifier unchanged by a new session\n");
    SysFreeString(id2);
    hr = IFileSystemImage_ImportFileSystem(image, &fs);
    ok(hr == S_OK && fs == chosen, "ImportFileSystem of session 2 %08lx %#x\n", hr, fs);
    IFileSystemImage_get_FileCount(image, &count);
    ok(count == 6, "session 2 holds %ld files\n", count);
    IFileSystemImage_Release(image);

    /* Both sessions, at their addresses, for verify_import.sh. */
    {
        char path[MAX_PATH], iso[64], line[3 * MAX_PATH];
        FILE *f, *manifest;
        snprintf(iso, sizeof(iso), "fscom-import-%s%s.iso", media, udf ? "-udf" : "");
        snprintf(path, sizeof(path), "%ls\\%s", tmp_dir, iso);
        if ((f = fopen(path, "wb")))
        {
            dump_blocks(r, f, 0, total1);
            dump_blocks(r, f, nwa, total2);
            fclose(f);
            snprintf(path, sizeof(path), "%ls\\fscom-import.txt", tmp_dir);
            snprintf(line, sizeof(line), "%s %ld %s/%ls %s/%s\n", iso, nwa, unix_tmp, wcsrchr(expect, '\\') + 1,
                     unix_tmp, clone);
            if ((manifest = fopen(path, "ab")))
            {
                fputs(line, manifest);
                fclose(manifest);
            }
        }
        else ok(0, "cannot write %s\n", path);
    }
done:
    SysFreeString(id1);
    IDiscFormat2Data_Release(d);
    IDiscRecorder2_Release(r);
    winetest_pop_context();
}

/* The ranges of a BlockRangeList as "a-b,c-d"; the count, or -1 on failure. */
static int list_ranges(IBlockRangeList *list, LONG (*out)[2], int cap)
{
    SAFEARRAY *sa = NULL;
    LONG lb = 0, ub = -1, i;
    int n = 0;
    HRESULT hr = IBlockRangeList_get_BlockRanges(list, &sa);
    ok(hr == S_OK && sa, "BlockRanges %08lx\n", hr);
    if (!sa) return -1;
    SafeArrayGetLBound(sa, 1, &lb);
    SafeArrayGetUBound(sa, 1, &ub);
    for (i = lb; i <= ub && n < cap; i++)
    {
        VARIANT v;
        IBlockRange *range = NULL;
        VariantInit(&v);
        SafeArrayGetElement(sa, &i, &v);
        ok(V_VT(&v) == VT_DISPATCH, "element %ld is a %d\n", i, V_VT(&v));
        if (V_VT(&v) == VT_DISPATCH && V_DISPATCH(&v))
            IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IBlockRange, (void **)&range);
        ok(range != NULL, "element %ld is no IBlockRange\n", i);
        if (range)
        {
            LPOLESTR names[] = { (LPOLESTR)L"EndLba" };
            DISPID id = 0;
            ok(IBlockRange_get_StartLba(range, NULL) == E_POINTER, "StartLba(NULL)\n");
            ok(IBlockRange_get_EndLba(range, NULL) == E_POINTER, "EndLba(NULL)\n");
            hr = IBlockRange_GetIDsOfNames(range, &null_iid, names, 1, LOCALE_USER_DEFAULT, &id);
            ok(hr == S_OK && id == 257, "GetIDsOfNames(EndLba) %08lx %ld\n", hr, id);
            IBlockRange_get_StartLba(range, &out[n][0]);
            IBlockRange_get_EndLba(range, &out[n][1]);
            n++;
            IBlockRange_Release(range);
        }
        VariantClear(&v);
    }
    SafeArrayDestroy(sa);
    return n;
}

/* Overwrite media (spec 5), a bridge or UDF alone: session 1 written from block 0; a new image imports it
 * through the format's IMultisessionRandomWrite, changes the tree and is written as
 * one growing file system: the new logical session right after the old volume
 * (SessionStartBlock), the volume descriptors at 16 and UDF's anchor at 256 updated in
 * place. ModifiedBlocks and the stream's IBlockRangeList give those ranges, and Write
 * (which takes them from the stream) writes nothing else: session 1's last block (its
 * UDF closing anchor, zeros in the new stream) keeps its bytes. The disc from
 * block 0 goes to fscom-rw-<media>[-udfonly].iso with a line "<iso> <expected tree>" in
 * fscom-rw.txt for tests/fscom/verify_random_write.sh (xorriso, isoinfo, 7z -tudf,
 * libudfread). */
static void test_random_write(const char *media, const char *clone, unsigned capacity, FsiFileSystems on_disc)
{
    const BOOL iso = (on_disc & FsiFileSystemISO9660) != 0;
    IDiscRecorder2 *r;
    IDiscFormat2Data *d;
    IFileSystemImage *image;
    IFileSystemImageResult *result = NULL;
    IFileSystemImageResult2 *result2 = NULL;
    IBlockRangeList *list = NULL, *slist = NULL;
    IMultisession *ms = NULL;
    IFsiDirectoryItem *root = NULL;
    IStream *stream = NULL;
    SAFEARRAY *sa = NULL;
    WCHAR src1[MAX_PATH], src2[MAX_PATH], expect[MAX_PATH], name[64];
    LONG total1 = 0, total2 = 0, start = 0, count = 0, ranges[8][2], sranges[8][2], idx = 0, last = 0;
    FsiFileSystems fs = 0;
    BYTE *marker = NULL;
    VARIANT v;
    int n, sn;
    BSTR b;
    HRESULT hr;

    winetest_push_context("%s random write%s", media, iso ? "" : " UDF only");
    if (!(r = make_recorder(clone, media, capacity, TRUE)) || !(d = new_data(r)))
    {
        if (r) IDiscRecorder2_Release(r);
        winetest_pop_context();
        return;
    }
    IDiscFormat2Data_put_ForceOverwrite(d, VARIANT_TRUE);
    swprintf(name, ARRAYSIZE(name), L"rw-%hs-1", clone);   /* clone names differ per case */
    make_tree(name, 1, src1);
    swprintf(name, ARRAYSIZE(name), L"rw-%hs-2", clone);
    make_tree(name, 2, src2);
    swprintf(name, ARRAYSIZE(name), L"rw-%hs-expect", clone);
    make_tree(name, 3, expect);

    /* Session 1 from block 0; its own ModifiedBlocks: E_NOTIMPL (the whole image). */
    image = new_image();
    IFileSystemImage_put_FileSystemsToCreate(image, on_disc);
    IFileSystemImage_put_UDFRevision(image, 0x201);
    IFileSystemImage_get_Root(image, &root);
    b = SysAllocString(src1);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree %08lx\n", hr);
    SysFreeString(b);
    IFsiDirectoryItem_Release(root);
    hr = IFileSystemImage_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %08lx\n", hr);
    IFileSystemImage_Release(image);
    if (!result) goto done;
    IFileSystemImageResult_get_TotalBlocks(result, &total1);
    IFileSystemImageResult_QueryInterface(result, &IID_IFileSystemImageResult2, (void **)&result2);
    hr = result2 ? IFileSystemImageResult2_get_ModifiedBlocks(result2, &list) : E_FAIL;
    ok(hr == E_NOTIMPL && !list, "session 1 ModifiedBlocks %08lx %p\n", hr, list);
    if (result2) IFileSystemImageResult2_Release(result2);
    result2 = NULL;
    IFileSystemImageResult_get_ImageStream(result, &stream);
    IFileSystemImageResult_Release(result);
    result = NULL;
    if (!stream) goto done;
    hr = IStream_QueryInterface(stream, &IID_IBlockRangeList, (void **)&slist);
    ok(hr == E_NOINTERFACE && !slist, "session 1 stream answers IBlockRangeList %08lx\n", hr);
    if (slist) IBlockRangeList_Release(slist);
    slist = NULL;
    winetest_push_context("session 1");
    n = burn(d, stream);
    winetest_pop_context();
    if (!n) goto done;
    IStream_Release(stream);
    stream = NULL;
    /* Session 1's last block (UDF's closing anchor): not modified by session 2, and
     * not zero, so a Write of the whole stream (zeros there) would show. */
    marker = calloc(2, 2048);
    hr = read10(r, total1 - 1, 1, marker);
    ok(hr == S_OK && marker[0], "block %ld: %08lx %02x\n", total1 - 1, hr, marker[0]);

    /* Session 2: import through IMultisessionRandomWrite. */
    image = new_image();
    hr = IDiscFormat2Data_get_MultisessionInterfaces(d, &sa);
    ok(hr == S_OK && sa, "get_MultisessionInterfaces %08lx\n", hr);
    if (!sa) { IFileSystemImage_Release(image); goto done; }
    VariantInit(&v);
    SafeArrayGetLBound(sa, 1, &idx);
    SafeArrayGetElement(sa, &idx, &v);
    if (V_VT(&v) == VT_DISPATCH && V_DISPATCH(&v))
        IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IMultisessionRandomWrite, (void **)&ms);
    ok(ms != NULL, "the format offers no IMultisessionRandomWrite\n");
    if (ms)
    {
        hr = IMultisessionRandomWrite_get_LastWrittenAddress((IMultisessionRandomWrite *)ms, &last);
        trace("LastWrittenAddress %08lx %ld\n", hr, last);
        IMultisession_Release(ms);
    }
    VariantClear(&v);
    hr = IFileSystemImage_put_MultisessionInterfaces(image, sa);
    ok(hr == S_OK, "put_MultisessionInterfaces(IMultisessionRandomWrite) %08lx\n", hr);
    SafeArrayDestroy(sa);
    hr = IFileSystemImage_IdentifyFileSystemsOnDisc(image, NULL, &fs);
    ok(hr == S_OK && fs == on_disc, "IdentifyFileSystemsOnDisc %08lx %#x\n", hr, fs);
    hr = IFileSystemImage_ImportFileSystem(image, &fs);
    ok(hr == S_OK && fs == FsiFileSystemUDF, "ImportFileSystem %08lx %#x\n", hr, fs);
    IFileSystemImage_get_SessionStartBlock(image, &start);
    ok(start == total1, "SessionStartBlock %ld, want the old volume's end %ld\n", start, total1);
    /* the new image's defaults would add ISO9660 + Joliet: keep what the disc has */
    hr = IFileSystemImage_put_FileSystemsToCreate(image, on_disc);
    ok(hr == S_OK, "FileSystemsToCreate %08lx\n", hr);
    IFileSystemImage_get_FileCount(image, &count);
    ok(count == 5, "FileCount %ld\n", count);
    IFileSystemImage_get_Root(image, &root);
    check_imported_data(root);
    b = SysAllocString(L"remove.txt");
    hr = IFsiDirectoryItem_Remove(root, b);
    ok(hr == S_OK, "Remove(imported) %08lx\n", hr);
    SysFreeString(b);
    b = SysAllocString(src2);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree over the imported tree %08lx\n", hr);
    SysFreeString(b);
    IFsiDirectoryItem_Release(root);
    hr = IFileSystemImage_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %08lx\n", hr);
    IFileSystemImage_Release(image);
    if (!result) goto done;
    IFileSystemImageResult_get_TotalBlocks(result, &total2);
    ok(total2 > start && total2 - start < 400, "TotalBlocks %ld from block 0, session at %ld\n", total2, start);
    IFileSystemImageResult_QueryInterface(result, &IID_IFileSystemImageResult2, (void **)&result2);
    ok(result2 != NULL, "no IFileSystemImageResult2\n");
    if (result2)
    {
        ok(IFileSystemImageResult2_get_ModifiedBlocks(result2, NULL) == E_POINTER, "ModifiedBlocks(NULL)\n");
        hr = IFileSystemImageResult2_get_ModifiedBlocks(result2, &list);
        ok(hr == S_OK && list, "ModifiedBlocks %08lx\n", hr);
        IFileSystemImageResult2_Release(result2);
    }
    IFileSystemImageResult_get_ImageStream(result, &stream);
    IFileSystemImageResult_Release(result);
    if (!list || !stream) goto done;
    {
        /* dual: scripts reach BlockRanges (DISPID 256) and StartLba/EndLba (256/257) */
        LPOLESTR names[] = { (LPOLESTR)L"BlockRanges" };
        DISPID id = 0;
        hr = IBlockRangeList_GetIDsOfNames(list, &null_iid, names, 1, LOCALE_USER_DEFAULT, &id);
        ok(hr == S_OK && id == 256, "GetIDsOfNames(BlockRanges) %08lx %ld\n", hr, id);
    }
    n = list_ranges(list, ranges, 8);
    ok(n == 3, "%d ranges\n", n);
    if (n == 3)
    {
        /* PVD, Joliet SVD, terminator, BEA01/NSR02/TEA01; the anchor; the new session */
        ok(ranges[0][0] == 16 && ranges[0][1] == (iso ? 21 : 18), "descriptors %ld-%ld\n", ranges[0][0], ranges[0][1]);
        ok(ranges[1][0] == 256 && ranges[1][1] == 256, "anchor %ld-%ld\n", ranges[1][0], ranges[1][1]);
        ok(ranges[2][0] == start && ranges[2][1] == total2 - 1, "session %ld-%ld\n", ranges[2][0], ranges[2][1]);
    }
    hr = IStream_QueryInterface(stream, &IID_IBlockRangeList, (void **)&slist);
    ok(hr == S_OK && slist, "the stream answers no IBlockRangeList %08lx\n", hr);
    if (slist)
    {
        sn = list_ranges(slist, sranges, 8);
        ok(sn == n && !memcmp(ranges, sranges, sizeof(ranges[0]) * (n > 0 ? n : 0)), "stream ranges differ\n");
        IBlockRangeList_Release(slist);
    }
    IBlockRangeList_Release(list);
    winetest_push_context("session 2");
    n = burn(d, stream);
    winetest_pop_context();
    if (!n) goto done;

    /* Session 1's last block was not written; a new import sees the grown file system. */
    if (marker && SUCCEEDED(read10(r, total1 - 1, 1, marker + 2048)))
        ok(!memcmp(marker, marker + 2048, 2048), "block %ld was written\n", total1 - 1);
    image = new_image();
    {
        LONG dummy;
        put_ms(image, d, &dummy);
    }
    hr = IFileSystemImage_ImportFileSystem(image, &fs);
    ok(hr == S_OK && fs == FsiFileSystemUDF, "ImportFileSystem after the write %08lx %#x\n", hr, fs);
    IFileSystemImage_get_FileCount(image, &count);
    ok(count == 6, "the disc holds %ld files\n", count);
    IFileSystemImage_get_SessionStartBlock(image, &start);
    ok(start == total2, "next logical session at %ld, want %ld\n", start, total2);
    IFileSystemImage_Release(image);

    {
        char path[MAX_PATH], name8[64], line[3 * MAX_PATH];
        FILE *f, *manifest;
        snprintf(name8, sizeof(name8), "fscom-rw-%s%s.iso", media, iso ? "" : "-udfonly");
        snprintf(path, sizeof(path), "%ls\\%s", tmp_dir, name8);
        if ((f = fopen(path, "wb")))
        {
            dump_blocks(r, f, 0, total2);
            fclose(f);
            snprintf(path, sizeof(path), "%ls\\fscom-rw.txt", tmp_dir);
            snprintf(line, sizeof(line), "%s %s/%ls\n", name8, unix_tmp, wcsrchr(expect, '\\') + 1);
            if ((manifest = fopen(path, "ab")))
            {
                fputs(line, manifest);
                fclose(manifest);
            }
        }
        else ok(0, "cannot write %s\n", path);
    }
done:
    if (stream) IStream_Release(stream);
    free(marker);
    IDiscFormat2Data_Release(d);
    IDiscRecorder2_Release(r);
    winetest_pop_context();
}

/* A last session that holds no file system (1 MiB of a pattern, burned as it is):
 * IdentifyFileSystemsOnDisc finds none, ImportFileSystem answers the documented
 * IMAPI_E_NO_SUPPORTED_FILE_SYSTEM and ImportSpecificFileSystem
 * IMAPI_E_FILE_SYSTEM_NOT_FOUND; the image stays empty. */
static void test_no_file_system(void)
{
    IDiscRecorder2 *r;
    IDiscFormat2Data *d;
    IFileSystemImage *image;
    IStream *stream = NULL;
    FsiFileSystems fs = 0x55;
    LONG nwa = 0, count = -1;
    HGLOBAL mem;
    HRESULT hr;

    winetest_push_context("no file system");
    if (!(r = make_recorder("ImpNoFS", "dvd+r", 2295104, FALSE)) || !(d = new_data(r)))
    {
        if (r) IDiscRecorder2_Release(r);
        winetest_pop_context();
        return;
    }
    if ((mem = GlobalAlloc(GMEM_MOVEABLE, 1024 * 1024)))
    {
        memset(GlobalLock(mem), 0x5A, 1024 * 1024);
        GlobalUnlock(mem);
        ok(CreateStreamOnHGlobal(mem, TRUE, &stream) == S_OK, "CreateStreamOnHGlobal\n");
    }
    if (stream && burn(d, stream))
    {
        image = new_image();
        put_ms(image, d, &nwa);
        hr = IFileSystemImage_IdentifyFileSystemsOnDisc(image, NULL, &fs);
        ok(hr == S_OK && fs == FsiFileSystemNone, "IdentifyFileSystemsOnDisc %08lx %#x\n", hr, fs);
        fs = 0x55;
        hr = IFileSystemImage_ImportFileSystem(image, &fs);
        ok(hr == IMAPI_E_NO_SUPPORTED_FILE_SYSTEM, "ImportFileSystem %08lx\n", hr);
        hr = IFileSystemImage_ImportSpecificFileSystem(image, FsiFileSystemISO9660);
        ok(hr == IMAPI_E_FILE_SYSTEM_NOT_FOUND, "ImportSpecificFileSystem(ISO9660) %08lx\n", hr);
        IFileSystemImage_get_FileCount(image, &count);
        ok(count == 0, "FileCount %ld after the failed imports\n", count);
        IFileSystemImage_Release(image);
    }
    if (stream) IStream_Release(stream);
    IDiscFormat2Data_Release(d);
    IDiscRecorder2_Release(r);
    winetest_pop_context();
}

/* The result stream of an image holding make_tree(name, 1), for session 1, or NULL. */
static IStream *tree_session(const WCHAR *name)
{
    IFileSystemImage *image = new_image();
    IFsiDirectoryItem *root = NULL;
    IStream *stream;
    WCHAR src[MAX_PATH];
    LONG total = 0;
    BSTR b;

    make_tree(name, 1, src);
    IFileSystemImage_get_Root(image, &root);
    b = SysAllocString(src);
    ok(IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE) == S_OK, "AddTree\n");
    SysFreeString(b);
    IFsiDirectoryItem_Release(root);
    stream = result_stream(image, &total);
    IFileSystemImage_Release(image);
    return stream;
}

/* The disc stops reading (every READ(10) answers 03/11/00, UNRECOVERED READ ERROR, an
 * injected fault) after session 1 was imported: the imported file's data stream answers
 * the documented IMAPI_E_IMPORT_READ_FAILURE, and so does a new ImportFileSystem. */
static void test_read_failure(void)
{
    IDiscRecorder2 *r;
    IDiscFormat2Data *d;
    IFileSystemImage *image;
    IFsiDirectoryItem *root = NULL;
    IFsiItem *item = NULL;
    IFsiFileItem *file = NULL;
    IStream *stream, *data = NULL;
    FsiFileSystems fs = 0;
    LONG nwa = 0;
    char buf[16];
    ULONG got = 0;
    BSTR b;
    HRESULT hr;

    winetest_push_context("read failure");
    if (!(r = make_recorder("ImpReadErr", "dvd+r", 2295104, FALSE)) || !(d = new_data(r)))
    {
        if (r) IDiscRecorder2_Release(r);
        winetest_pop_context();
        return;
    }
    stream = tree_session(L"imp-readerr");
    if (stream && burn(d, stream))
    {
        image = new_image();
        put_ms(image, d, &nwa);
        hr = IFileSystemImage_ImportFileSystem(image, &fs);
        ok(hr == S_OK, "ImportFileSystem before the fault %08lx\n", hr);
        IFileSystemImage_get_Root(image, &root);
        b = SysAllocString(L"readme.txt");
        if (root && SUCCEEDED(IFsiDirectoryItem_get_Item(root, b, &item)) && item)
        {
            IFsiItem_QueryInterface(item, &IID_IFsiFileItem, (void **)&file);
            IFsiItem_Release(item);
        }
        SysFreeString(b);
        if (file) IFsiFileItem_get_Data(file, &data);
        ok(data != NULL, "no data stream for the imported readme.txt\n");

        if (emu_state_rewrite("ImpReadErr", NULL, 0, "op=28 sense=03/11/00"))
        {
            IFileSystemImage *again = new_image();
            if (data)
            {
                hr = IStream_Read(data, buf, sizeof(buf), &got);
                ok(hr == IMAPI_E_IMPORT_READ_FAILURE && got == 0, "Read of imported data from an unreadable disc %08lx %lu\n",
                   hr, got);
            }
            put_ms(again, d, &nwa);
            hr = IFileSystemImage_ImportFileSystem(again, &fs);
            ok(hr == IMAPI_E_IMPORT_READ_FAILURE, "ImportFileSystem from an unreadable disc %08lx\n", hr);
            IFileSystemImage_Release(again);
        }
        if (data) IStream_Release(data);
        if (file) IFsiFileItem_Release(file);
        if (root) IFsiDirectoryItem_Release(root);
        IFileSystemImage_Release(image);
    }
    if (stream) IStream_Release(stream);
    IDiscFormat2Data_Release(d);
    IDiscRecorder2_Release(r);
    winetest_pop_context();
}

/* An image imports session 1; before it is made, another image (another burner)
 * appends session 2. The first image would now be burned over session 2's place with
 * stale references: CreateResultImage answers the documented IMAPI_E_DISC_MISMATCH. A
 * new import (the multisession objects read the drive as it is now) brings it up to
 * date and it is made again. */
static void test_disc_mismatch(void)
{
    IDiscRecorder2 *r;
    IDiscFormat2Data *d;
    IFileSystemImage *stale, *other;
    IFileSystemImageResult *result = NULL;
    IStream *stream;
    FsiFileSystems fs = 0;
    LONG total = 0, nwa = 0;
    HRESULT hr;

    winetest_push_context("disc mismatch");
    if (!(r = make_recorder("ImpMismatch", "dvd+r", 2295104, FALSE)) || !(d = new_data(r)))
    {
        if (r) IDiscRecorder2_Release(r);
        winetest_pop_context();
        return;
    }
    stream = tree_session(L"imp-mismatch");
    if (stream && burn(d, stream))
    {
        IStream_Release(stream);
        stream = NULL;
        stale = new_image();
        put_ms(stale, d, &nwa);
        ok(IFileSystemImage_ImportFileSystem(stale, &fs) == S_OK, "ImportFileSystem\n");
        /* another burner appends a session meanwhile */
        other = new_image();
        put_ms(other, d, &nwa);
        ok(IFileSystemImage_ImportFileSystem(other, &fs) == S_OK, "ImportFileSystem (other)\n");
        stream = result_stream(other, &total);
        IFileSystemImage_Release(other);
        if (stream && burn(d, stream))
        {
            hr = IFileSystemImage_CreateResultImage(stale, &result);
            ok(hr == IMAPI_E_DISC_MISMATCH && !result, "CreateResultImage after another session %08lx\n", hr);
            if (result) IFileSystemImageResult_Release(result);
            result = NULL;
            ok(IFileSystemImage_ImportFileSystem(stale, &fs) == S_OK, "ImportFileSystem again\n");
            hr = IFileSystemImage_CreateResultImage(stale, &result);
            ok(hr == S_OK && result, "CreateResultImage after a new import %08lx\n", hr);
            if (result) IFileSystemImageResult_Release(result);
        }
        IFileSystemImage_Release(stale);
    }
    if (stream) IStream_Release(stream);
    IDiscFormat2Data_Release(d);
    IDiscRecorder2_Release(r);
    winetest_pop_context();
}

START_TEST(fsimage_import)
{
    const char *env;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    GetEnvironmentVariableW(L"IMAPI_TEST_TMP_WIN", tmp_dir, MAX_PATH);
    env = getenv("IMAPI_TEST_TMP");
    lstrcpynA(unix_tmp, env ? env : "", MAX_PATH);
    test_not_set();
    if (tmp_dir[0])
    {
        char path[MAX_PATH];
        snprintf(path, sizeof(path), "%ls\\fscom-import.txt", tmp_dir);
        DeleteFileA(path);
        test_no_file_system();
        test_read_failure();
        test_disc_mismatch();
        test_media("cdr", "ImpCDR", 359849, FALSE);
        test_media("dvd+r", "ImpDVDPR", 2295104, FALSE);
        test_media("bdr", "ImpBDR", 12219392, FALSE);
        test_media("dvd+r", "ImpDVDPRU", 2295104, TRUE);
        snprintf(path, sizeof(path), "%ls\\fscom-rw.txt", tmp_dir);
        DeleteFileA(path);
        test_random_write("bdre", "ImpBDRE", 11826176, FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF);
        test_random_write("dvd+rw", "ImpDVDPRW", 2295104, FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF);
        test_random_write("bdre", "ImpBDREU", 11826176, FsiFileSystemUDF);
    }
    else ok(0, "IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)\n");
    CoUninitialize();
}
