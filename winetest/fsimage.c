/*
 * Conformance tests of IMAPI2FS's MsftFileSystemImage and the objects it hands out:
 * IFileSystemImage/2/3, FsiDirectoryItem, FsiFileItem, IEnumFsiItems, FsiNamedStreams,
 * FileSystemImageResult, its image stream and progress items, and the
 * DFileSystemImageEvents::Update event.
 *
 * Images built from a tree on disk are written to %IMAPI_TEST_TMP_WIN%\fscom-*.iso with
 * a manifest (fscom-images.txt) naming the source tree of each; tests/fscom/
 * verify_images.sh judges them natively with xorriso, isoinfo, 7z and pycdlib.
 *
 * Where the reference leaves a result open ([undoc] in the spec), the check asserts
 * the choice written beside our implementation and says so.
 */
#include <stdio.h>
#include <windows.h>
#include <ole2.h>
#include <olectl.h>
#include <ocidl.h>
#include <shlwapi.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"
#include "test.h"
#include "fsi_test.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Short-lived printable forms for messages (a small ring of buffers). */
static const char *wine_dbgstr_w_(const WCHAR *s)
{
    static char bufs[4][300];
    static int n;
    char *buf = bufs[n++ & 3];
    if (!s) return "(null)";
    buf[0] = '"';
    WideCharToMultiByte(CP_UTF8, 0, s, -1, buf + 1, sizeof(bufs[0]) - 3, NULL, NULL);
    buf[sizeof(bufs[0]) - 3] = 0;
    strcat(buf, "\"");
    return buf;
}

static const char *wine_dbgstr_guid_(const GUID *g)
{
    static char bufs[4][40];
    static int n;
    char *buf = bufs[n++ & 3];
    sprintf(buf, "{%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", g->Data1, g->Data2, g->Data3, g->Data4[0],
            g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7]);
    return buf;
}

static BSTR bstr(const WCHAR *s) { return SysAllocString(s); }

/* A client stream of size pattern bytes that never fails. */
static IStream *test_stream_any(ULONGLONG size) { return test_stream(size, ~0ull); }

static HRESULT add_dir(IFsiDirectoryItem *dir, const WCHAR *path)
{
    BSTR b = bstr(path);
    HRESULT hr = IFsiDirectoryItem_AddDirectory(dir, b);
    SysFreeString(b);
    return hr;
}

static HRESULT add_file(IFsiDirectoryItem *dir, const WCHAR *path, IStream *data)
{
    BSTR b = bstr(path);
    HRESULT hr = IFsiDirectoryItem_AddFile(dir, b, data);
    SysFreeString(b);
    return hr;
}

static HRESULT add_text(IFsiDirectoryItem *dir, const WCHAR *path, const char *text)
{
    IStream *s = mem_stream(text, strlen(text));
    HRESULT hr = add_file(dir, path, s);
    IStream_Release(s);
    return hr;
}

static HRESULT get_item(IFsiDirectoryItem *dir, const WCHAR *path, IFsiItem **item)
{
    BSTR b = bstr(path);
    HRESULT hr = IFsiDirectoryItem_get_Item(dir, b, item);
    SysFreeString(b);
    return hr;
}

static LONG ref_count(IUnknown *unk)
{
    IUnknown_AddRef(unk);
    return IUnknown_Release(unk);
}

#define check_qi(unk, iid, expect) check_qi_(__FILE__, __LINE__, (IUnknown *)(unk), iid, expect)
static void check_qi_(const char *file, int line, IUnknown *unk, REFIID iid, HRESULT expect)
{
    IUnknown *out = (IUnknown *)0xdeadbeef;
    HRESULT hr = IUnknown_QueryInterface(unk, iid, (void **)&out);
    ok_(file, line)(hr == expect, "QueryInterface(%s) returned %#lx, expected %#lx\n", wine_dbgstr_guid_(iid), hr, expect);
    if (SUCCEEDED(hr)) IUnknown_Release(out);
    else ok_(file, line)(out == NULL, "out pointer not cleared\n");
}

/* ---------------------------------------------------------------------------- */

static void test_image_defaults(void)
{
    IFileSystemImage3 *image = create_image();
    VARIANT_BOOL vb;
    FsiFileSystems fs;
    SAFEARRAY *sa;
    LONG l, lb, ub, i;
    BSTR s;
    HRESULT hr;
    BOOL found102 = FALSE, found250 = FALSE;

    if (!image) return;
    check_qi(image, &IID_IFileSystemImage, S_OK);
    check_qi(image, &IID_IFileSystemImage2, S_OK);
    check_qi(image, &IID_IFileSystemImage3, S_OK);
    check_qi(image, &IID_IDispatch, S_OK);
    check_qi(image, &IID_IConnectionPointContainer, S_OK);
    check_qi(image, &IID_IFsiItem, E_NOINTERFACE);
    check_qi(image, &IID_IStream, E_NOINTERFACE);

    hr = IFileSystemImage3_get_FreeMediaBlocks(image, &l);
    ok(hr == S_OK && l == 332800, "FreeMediaBlocks %#lx %ld, expected 332800\n", hr, l);
    hr = IFileSystemImage3_get_SessionStartBlock(image, &l);
    ok(hr == S_OK && l == 0, "SessionStartBlock %#lx %ld\n", hr, l);
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == 0, "FileCount %#lx %ld\n", hr, l);
    hr = IFileSystemImage3_get_DirectoryCount(image, &l);
    ok(hr == S_OK && l == 0, "DirectoryCount %#lx %ld\n", hr, l);
    hr = IFileSystemImage3_get_ChangePoint(image, &l);
    ok(hr == S_OK && l == 0, "ChangePoint %#lx %ld\n", hr, l);
    hr = IFileSystemImage3_get_FileSystemsToCreate(image, &fs);
    ok(hr == S_OK && fs == (FsiFileSystemISO9660 | FsiFileSystemJoliet), "FileSystemsToCreate %#lx %#x\n", hr, fs);
    hr = IFileSystemImage3_get_FileSystemsSupported(image, &fs);
    ok(hr == S_OK && (fs & (FsiFileSystemISO9660 | FsiFileSystemJoliet)) == 3, "FileSystemsSupported %#lx %#x\n", hr, fs);
    ok(fs == (FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF), "FileSystemsSupported %#x\n", fs);
    hr = IFileSystemImage3_get_UDFRevision(image, &l);
    ok(hr == S_OK && l == 0x102, "UDFRevision %#lx %#lx\n", hr, l);
    hr = IFileSystemImage3_get_StrictFileSystemCompliance(image, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "StrictFileSystemCompliance %#lx %d\n", hr, vb);
    hr = IFileSystemImage3_get_UseRestrictedCharacterSet(image, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "UseRestrictedCharacterSet %#lx %d\n", hr, vb);
    hr = IFileSystemImage3_get_StageFiles(image, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "StageFiles %#lx %d\n", hr, vb);
    hr = IFileSystemImage3_put_StageFiles(image, VARIANT_FALSE);
    ok(hr == S_OK, "put_StageFiles(FALSE) %#lx\n", hr);
    hr = IFileSystemImage3_put_StageFiles(image, VARIANT_TRUE);
    ok(hr == S_OK, "put_StageFiles(TRUE) %#lx\n", hr);
    hr = IFileSystemImage3_get_StageFiles(image, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "StageFiles after TRUE %#lx %d (staging: winetest/fsimage_stage.c)\n", hr, vb);
    hr = IFileSystemImage3_get_CreateRedundantUdfMetadataFiles(image, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "CreateRedundantUdfMetadataFiles %#lx %d\n", hr, vb);
    hr = IFileSystemImage3_get_UsedBlocks(image, &l);
    ok(hr == S_OK && l > 16, "UsedBlocks %#lx %ld (system area + descriptors at least)\n", hr, l);

    /* [undoc] choice: empty until set or generated by CreateResultImage */
    hr = IFileSystemImage3_get_VolumeName(image, &s);
    ok(hr == S_OK && s, "VolumeName %#lx\n", hr);
    SysFreeString(s);
    hr = IFileSystemImage3_get_ImportedVolumeName(image, &s);
    ok(hr == S_OK && s && !*s, "ImportedVolumeName %#lx\n", hr);
    SysFreeString(s);
    hr = IFileSystemImage3_get_WorkingDirectory(image, &s);
    ok(hr == S_OK && s && *s, "WorkingDirectory %#lx\n", hr);
    if (s) ok(GetFileAttributesW(s) & FILE_ATTRIBUTE_DIRECTORY, "%s is not a directory\n", wine_dbgstr_w_(s));
    SysFreeString(s);

    hr = IFileSystemImage3_get_UDFRevisionsSupported(image, &sa);
    ok(hr == S_OK && sa, "UDFRevisionsSupported %#lx\n", hr);
    if (sa)
    {
        SafeArrayGetLBound(sa, 1, &lb);
        SafeArrayGetUBound(sa, 1, &ub);
        for (i = lb; i <= ub; i++)
        {
            VARIANT v;
            VariantInit(&v);
            SafeArrayGetElement(sa, &i, &v);
            ok(V_VT(&v) == VT_I4, "element type %d\n", V_VT(&v));
            if (V_I4(&v) == 0x102) found102 = TRUE;
            if (V_I4(&v) == 0x250) found250 = TRUE;
        }
        ok(found102 && found250, "0x102 / 0x250 missing\n");
        SafeArrayDestroy(sa);
    }
    hr = IFileSystemImage3_get_ISO9660InterchangeLevelsSupported(image, &sa);
    ok(hr == S_OK && sa, "ISO9660InterchangeLevelsSupported %#lx\n", hr);
    if (sa)
    {
        SafeArrayGetLBound(sa, 1, &lb);
        SafeArrayGetUBound(sa, 1, &ub);
        ok(ub - lb + 1 >= 1, "no levels\n");
        for (i = lb; i <= ub; i++)
        {
            VARIANT v;
            VariantInit(&v);
            SafeArrayGetElement(sa, &i, &v);
            ok(V_VT(&v) == VT_UI4, "element type %d\n", V_VT(&v));
            ok(V_UI4(&v) == 1 || V_UI4(&v) == 2, "level %lu (level 3 is not supported)\n", V_UI4(&v));
        }
        SafeArrayDestroy(sa);
    }
    hr = IFileSystemImage3_get_ISO9660InterchangeLevel(image, &l);
    ok(hr == S_OK && (l == 1 || l == 2), "ISO9660InterchangeLevel %#lx %ld\n", hr, l);

    /* NULL out pointers */
    ok(IFileSystemImage3_get_Root(image, NULL) == E_POINTER, "get_Root(NULL)\n");
    ok(IFileSystemImage3_get_SessionStartBlock(image, NULL) == E_POINTER, "SessionStartBlock(NULL)\n");
    ok(IFileSystemImage3_get_FreeMediaBlocks(image, NULL) == E_POINTER, "FreeMediaBlocks(NULL)\n");
    ok(IFileSystemImage3_get_UsedBlocks(image, NULL) == E_POINTER, "UsedBlocks(NULL)\n");
    ok(IFileSystemImage3_get_VolumeName(image, NULL) == E_POINTER, "VolumeName(NULL)\n");
    ok(IFileSystemImage3_get_ImportedVolumeName(image, NULL) == E_POINTER, "ImportedVolumeName(NULL)\n");
    ok(IFileSystemImage3_get_BootImageOptions(image, NULL) == E_POINTER, "BootImageOptions(NULL)\n");
    ok(IFileSystemImage3_get_FileCount(image, NULL) == E_POINTER, "FileCount(NULL)\n");
    ok(IFileSystemImage3_get_DirectoryCount(image, NULL) == E_POINTER, "DirectoryCount(NULL)\n");
    ok(IFileSystemImage3_get_WorkingDirectory(image, NULL) == E_POINTER, "WorkingDirectory(NULL)\n");
    ok(IFileSystemImage3_get_ChangePoint(image, NULL) == E_POINTER, "ChangePoint(NULL)\n");
    ok(IFileSystemImage3_get_StrictFileSystemCompliance(image, NULL) == E_POINTER, "Strict(NULL)\n");
    ok(IFileSystemImage3_get_UseRestrictedCharacterSet(image, NULL) == E_POINTER, "Restricted(NULL)\n");
    ok(IFileSystemImage3_get_FileSystemsToCreate(image, NULL) == E_POINTER, "FileSystemsToCreate(NULL)\n");
    ok(IFileSystemImage3_get_FileSystemsSupported(image, NULL) == E_POINTER, "FileSystemsSupported(NULL)\n");
    ok(IFileSystemImage3_get_UDFRevision(image, NULL) == E_POINTER, "UDFRevision(NULL)\n");
    ok(IFileSystemImage3_get_UDFRevisionsSupported(image, NULL) == E_POINTER, "UDFRevisionsSupported(NULL)\n");
    ok(IFileSystemImage3_get_ISO9660InterchangeLevel(image, NULL) == E_POINTER, "Level(NULL)\n");
    ok(IFileSystemImage3_get_ISO9660InterchangeLevelsSupported(image, NULL) == E_POINTER, "Levels(NULL)\n");
    ok(IFileSystemImage3_CreateResultImage(image, NULL) == E_POINTER, "CreateResultImage(NULL)\n");
    ok(IFileSystemImage3_CalculateDiscIdentifier(image, NULL) == E_POINTER, "CalculateDiscIdentifier(NULL)\n");
    ok(IFileSystemImage3_get_VolumeNameUDF(image, NULL) == E_POINTER, "VolumeNameUDF(NULL)\n");
    ok(IFileSystemImage3_get_VolumeNameJoliet(image, NULL) == E_POINTER, "VolumeNameJoliet(NULL)\n");
    ok(IFileSystemImage3_get_VolumeNameISO9660(image, NULL) == E_POINTER, "VolumeNameISO9660(NULL)\n");
    ok(IFileSystemImage3_get_StageFiles(image, NULL) == E_POINTER, "StageFiles(NULL)\n");
    ok(IFileSystemImage3_get_MultisessionInterfaces(image, NULL) == E_POINTER, "MultisessionInterfaces(NULL)\n");
    ok(IFileSystemImage3_get_BootImageOptionsArray(image, NULL) == E_POINTER, "BootImageOptionsArray(NULL)\n");
    ok(IFileSystemImage3_get_CreateRedundantUdfMetadataFiles(image, NULL) == E_POINTER, "Redundant(NULL)\n");

    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

static void test_image_properties(void)
{
    IFileSystemImage3 *image = create_image();
    IFsiDirectoryItem *root;
    FsiFileSystems fs;
    IStream *stream;
    VARIANT_BOOL vb;
    LONG l;
    BSTR s, name;
    HRESULT hr;
    WCHAR temp[MAX_PATH];

    if (!image) return;
    /* VolumeName: up to 15 characters (spec 4.1) */
    name = bstr(L"MY_VOLUME_12345");
    hr = IFileSystemImage3_put_VolumeName(image, name);
    ok(hr == S_OK, "15 characters: %#lx\n", hr);
    SysFreeString(name);
    hr = IFileSystemImage3_get_VolumeName(image, &s);
    ok(hr == S_OK && !wcscmp(s, L"MY_VOLUME_12345"), "VolumeName %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    name = bstr(L"MY_VOLUME_123456");
    hr = IFileSystemImage3_put_VolumeName(image, name);
    ok(hr == IMAPI_E_INVALID_VOLUME_NAME, "16 characters: %#lx\n", hr);
    SysFreeString(name);
    /* characters no volume identifier can hold (Joliet's * / : ; ? \, Windows' " < > |):
     * IMAPI_E_INVALID_VOLUME_NAME and the name stays; spaces and '-' are accepted [undoc] */
    {
        static const WCHAR *bad[] = { L"A*B?C:D|", L"a/b", L"a\\b", L"a:b", L"a;b", L"a\"b", L"a<b>", L"a|b" };
        unsigned i;
        for (i = 0; i < ARRAY_SIZE(bad); i++)
        {
            name = bstr(bad[i]);
            hr = IFileSystemImage3_put_VolumeName(image, name);
            ok(hr == IMAPI_E_INVALID_VOLUME_NAME, "put_VolumeName(%s) %#lx\n", wine_dbgstr_w_(bad[i]), hr);
            SysFreeString(name);
        }
        hr = IFileSystemImage3_get_VolumeName(image, &s);
        ok(hr == S_OK && !wcscmp(s, L"MY_VOLUME_12345"), "VolumeName changed to %s\n", wine_dbgstr_w_(s));
        SysFreeString(s);
        name = bstr(L"My Disc-2024");
        ok(IFileSystemImage3_put_VolumeName(image, name) == S_OK, "space and '-' refused\n");
        SysFreeString(name);
    }
    name = bstr(L"Vol.name x");
    hr = IFileSystemImage3_put_VolumeName(image, name);
    ok(hr == S_OK, "put_VolumeName %#lx\n", hr);
    SysFreeString(name);
    hr = IFileSystemImage3_get_VolumeNameISO9660(image, &s);
    ok(hr == S_OK && s, "VolumeNameISO9660 %#lx\n", hr);
    if (s)
    {
        const WCHAR *p;
        for (p = s; *p; p++)
            ok((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_', "ISO9660 name %s has %#x\n",
               wine_dbgstr_w_(s), *p);
    }
    SysFreeString(s);
    hr = IFileSystemImage3_get_VolumeNameJoliet(image, &s);
    ok(hr == S_OK && s && *s, "VolumeNameJoliet %#lx\n", hr);
    SysFreeString(s);
    hr = IFileSystemImage3_get_VolumeNameUDF(image, &s);
    ok(hr == S_OK && s && !wcscmp(s, L"Vol.name x"), "VolumeNameUDF %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);

    /* FreeMediaBlocks */
    ok(IFileSystemImage3_put_FreeMediaBlocks(image, 0) == S_OK, "0 = unlimited\n");
    hr = IFileSystemImage3_get_FreeMediaBlocks(image, &l);
    ok(hr == S_OK && l == 0, "FreeMediaBlocks %ld\n", l);
    ok(IFileSystemImage3_put_FreeMediaBlocks(image, -1) == IMAPI_E_INVALID_PARAM, "-1 accepted\n");
    root = get_root(image);
    stream = test_stream_any(100 * 2048);
    ok(add_file(root, L"hundred.bin", stream) == S_OK, "AddFile failed\n");
    IStream_Release(stream);
    hr = IFileSystemImage3_put_FreeMediaBlocks(image, 50);
    ok(hr == IMAPI_E_IMAGE_TOO_BIG, "smaller than the image: %#lx\n", hr);
    hr = IFileSystemImage3_put_FreeMediaBlocks(image, 1000);
    ok(hr == S_OK, "1000 blocks: %#lx\n", hr);
    stream = test_stream_any(1000 * 2048);
    hr = add_file(root, L"thousand.bin", stream);
    ok(hr == IMAPI_E_IMAGE_SIZE_LIMIT, "past FreeMediaBlocks: %#lx\n", hr);
    IStream_Release(stream);
    hr = IFileSystemImage3_get_UsedBlocks(image, &l);
    ok(hr == S_OK && l > 100 && l < 1000, "UsedBlocks %ld\n", l);

    /* ISO9660/Joliet file size: exactly 2 GiB accepted, one byte more refused ([3p] spec 4.1) */
    ok(IFileSystemImage3_put_FreeMediaBlocks(image, 0) == S_OK, "0 = unlimited\n");
    stream = test_stream_any(((ULONGLONG)2 << 30) + 1);
    hr = add_file(root, L"toobig.bin", stream);
    ok(hr == IMAPI_E_DATA_TOO_BIG, "2 GiB + 1: %#lx\n", hr);
    IStream_Release(stream);
    stream = test_stream_any((ULONGLONG)2 << 30);
    hr = add_file(root, L"twogig.bin", stream);
    ok(hr == S_OK, "2 GiB: %#lx\n", hr);
    IStream_Release(stream);

    /* SessionStartBlock */
    ok(IFileSystemImage3_put_SessionStartBlock(image, 1000) == S_OK, "put_SessionStartBlock\n");
    hr = IFileSystemImage3_get_SessionStartBlock(image, &l);
    ok(hr == S_OK && l == 1000, "SessionStartBlock %ld\n", l);
    ok(IFileSystemImage3_put_SessionStartBlock(image, -5) == IMAPI_E_INVALID_PARAM, "[undoc] negative start\n");

    /* FileSystemsToCreate */
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, 0) == IMAPI_E_INVALID_PARAM, "none\n");
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemJoliet) == IMAPI_E_INVALID_PARAM, "Joliet only\n");
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, 8) == IMAPI_E_INVALID_PARAM, "unknown bit\n");
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemUnknown) == IMAPI_E_INVALID_PARAM, "Unknown\n");
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660) == S_OK, "ISO9660 only\n");
    hr = IFileSystemImage3_get_FileSystemsToCreate(image, &fs);
    ok(hr == S_OK && fs == FsiFileSystemISO9660, "FileSystemsToCreate %#x\n", fs);
    hr = IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF);
    ok(hr == S_OK, "ISO9660|Joliet|UDF: %#lx\n", hr);
    hr = IFileSystemImage3_get_FileSystemsToCreate(image, &fs);
    ok(hr == S_OK && fs == 7, "FileSystemsToCreate %#x\n", fs);

    /* UDFRevision, interchange level */
    ok(IFileSystemImage3_put_UDFRevision(image, 0x999) == IMAPI_E_INVALID_PARAM, "UDF 9.99\n");
    ok(IFileSystemImage3_put_UDFRevision(image, 0x300) == IMAPI_E_INVALID_PARAM, "UDF 3.00\n");
    ok(IFileSystemImage3_put_UDFRevision(image, 0x250) == S_OK, "UDF 2.50\n");
    hr = IFileSystemImage3_get_UDFRevision(image, &l);
    ok(hr == S_OK && l == 0x250, "UDFRevision %#lx\n", l);
    ok(IFileSystemImage3_put_ISO9660InterchangeLevel(image, 3) == IMAPI_E_INVALID_PARAM, "level 3\n");
    ok(IFileSystemImage3_put_ISO9660InterchangeLevel(image, 0) == IMAPI_E_INVALID_PARAM, "level 0\n");
    ok(IFileSystemImage3_put_ISO9660InterchangeLevel(image, 1) == S_OK, "level 1\n");
    hr = IFileSystemImage3_get_ISO9660InterchangeLevel(image, &l);
    ok(hr == S_OK && l == 1, "level %ld\n", l);

    /* CreateRedundantUdfMetadataFiles: effective with UDF >= 2.50 only (pitfall 14) */
    hr = IFileSystemImage3_put_CreateRedundantUdfMetadataFiles(image, VARIANT_TRUE);
    ok(hr == S_OK, "UDF 2.50 selected: %#lx\n", hr);
    ok(IFileSystemImage3_put_UDFRevision(image, 0x201) == S_OK, "UDF 2.01\n");
    hr = IFileSystemImage3_put_CreateRedundantUdfMetadataFiles(image, VARIANT_TRUE);
    ok(hr == IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED, "UDF 2.01: %#lx\n", hr);
    hr = IFileSystemImage3_get_CreateRedundantUdfMetadataFiles(image, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "value is stored: %d\n", vb);

    /* WorkingDirectory */
    ok(IFileSystemImage3_put_WorkingDirectory(image, NULL) == IMAPI_E_INVALID_PARAM, "NULL directory\n");
    name = bstr(L"C:\\no\\such\\directory\\here");
    hr = IFileSystemImage3_put_WorkingDirectory(image, name);
    ok(hr == IMAPI_E_INVALID_WORKING_DIRECTORY, "missing directory: %#lx\n", hr);
    SysFreeString(name);
    GetTempPathW(ARRAY_SIZE(temp), temp);
    name = bstr(temp);
    hr = IFileSystemImage3_put_WorkingDirectory(image, name);
    ok(hr == S_OK, "temp directory: %#lx\n", hr);
    hr = IFileSystemImage3_get_WorkingDirectory(image, &s);
    ok(hr == S_OK && !wcscmp(s, temp), "WorkingDirectory %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    SysFreeString(name);

    ok(IFileSystemImage3_put_StrictFileSystemCompliance(image, VARIANT_TRUE) == S_OK, "Strict\n");
    hr = IFileSystemImage3_get_StrictFileSystemCompliance(image, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "Strict %d\n", vb);
    ok(IFileSystemImage3_put_UseRestrictedCharacterSet(image, VARIANT_TRUE) == S_OK, "Restricted\n");
    hr = IFileSystemImage3_get_UseRestrictedCharacterSet(image, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "Restricted %d\n", vb);
    hr = add_text(root, L"\x3042\x3044.txt", "x");
    ok(hr == IMAPI_E_RESTRICTED_NAME_VIOLATION, "non-ANSI name with UseRestrictedCharacterSet: %#lx\n", hr);

    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

static void test_media_defaults(void)
{
    IFileSystemImage3 *image = create_image();
    IFsiDirectoryItem *root;
    FsiFileSystems fs;
    IStream *stream;
    LONG l;
    HRESULT hr;

    if (!image) return;
    ok(IFileSystemImage3_ChooseImageDefaults(image, NULL) == E_POINTER, "ChooseImageDefaults(NULL)\n");
    ok(IFileSystemImage3_SetMaxMediaBlocksFromDevice(image, NULL) == E_POINTER, "SetMaxMediaBlocksFromDevice(NULL)\n");
    ok(IFileSystemImage3_ChooseImageDefaultsForMediaType(image, IMAPI_MEDIA_TYPE_UNKNOWN) == IMAPI_E_INVALID_PARAM,
       "UNKNOWN\n");
    ok(IFileSystemImage3_ChooseImageDefaultsForMediaType(image, IMAPI_MEDIA_TYPE_MAX + 1) == IMAPI_E_INVALID_PARAM,
       "MAX + 1\n");

    /* [undoc] mapping, our choice (fsimage.c): CD -> ISO9660|Joliet, DVD/BD add UDF */
    hr = IFileSystemImage3_ChooseImageDefaultsForMediaType(image, IMAPI_MEDIA_TYPE_CDR);
    ok(hr == S_OK, "CD-R %#lx\n", hr);
    IFileSystemImage3_get_FileSystemsToCreate(image, &fs);
    ok(fs == (FsiFileSystemISO9660 | FsiFileSystemJoliet), "CD-R file systems %#x\n", fs);
    IFileSystemImage3_get_FreeMediaBlocks(image, &l);
    ok(l >= 332800 && l <= 360000, "CD-R blocks %ld\n", l);
    hr = IFileSystemImage3_ChooseImageDefaultsForMediaType(image, IMAPI_MEDIA_TYPE_DVDPLUSR);
    ok(hr == S_OK, "DVD+R %#lx\n", hr);
    IFileSystemImage3_get_FileSystemsToCreate(image, &fs);
    ok(fs == (FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF), "DVD+R file systems %#x\n", fs);
    IFileSystemImage3_get_FreeMediaBlocks(image, &l);
    ok(l > 2200000 && l < 2300000, "DVD+R blocks %ld\n", l);
    hr = IFileSystemImage3_ChooseImageDefaultsForMediaType(image, IMAPI_MEDIA_TYPE_BDR);
    ok(hr == S_OK, "BD-R %#lx\n", hr);
    IFileSystemImage3_get_FreeMediaBlocks(image, &l);
    ok(l > 12000000, "BD-R blocks %ld\n", l);
    IFileSystemImage3_get_UDFRevision(image, &l);
    ok(l >= 0x250, "BD-R UDF revision %#lx\n", l);

    /* an image larger than a CD: IMAPI_E_IMAGE_TOO_BIG and nothing changes */
    root = get_root(image);
    stream = test_stream_any((ULONGLONG)400000 * 2048);
    ok(add_file(root, L"big.bin", stream) == S_OK, "400,000 blocks on a BD\n");
    IStream_Release(stream);
    hr = IFileSystemImage3_ChooseImageDefaultsForMediaType(image, IMAPI_MEDIA_TYPE_CDR);
    ok(hr == IMAPI_E_IMAGE_TOO_BIG, "CD-R for 800 MB: %#lx\n", hr);
    IFileSystemImage3_get_FreeMediaBlocks(image, &l);
    ok(l > 12000000, "blocks changed to %ld\n", l);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

static void test_multisession_args(void)
{
    IFileSystemImage3 *image = create_image();
    FsiFileSystems fs;
    VARIANT_BOOL vb;
    SAFEARRAY *sa;
    LONG lb, ub;
    BSTR s;
    HRESULT hr;

    if (!image) return;
    hr = IFileSystemImage3_CalculateDiscIdentifier(image, &s);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "CalculateDiscIdentifier %#lx\n", hr);
    ok(IFileSystemImage3_ImportFileSystem(image, NULL) == E_POINTER, "ImportFileSystem(NULL)\n");
    hr = IFileSystemImage3_ImportFileSystem(image, &fs);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "ImportFileSystem %#lx\n", hr);
    ok(IFileSystemImage3_ImportSpecificFileSystem(image, 8) == IMAPI_E_INVALID_PARAM, "import FS 8\n");
    ok(IFileSystemImage3_ImportSpecificFileSystem(image, 3) == IMAPI_E_INVALID_PARAM, "import FS 3\n");
    hr = IFileSystemImage3_ImportSpecificFileSystem(image, FsiFileSystemJoliet);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "ImportSpecificFileSystem %#lx\n", hr);
    ok(IFileSystemImage3_ProbeSpecificFileSystem(image, FsiFileSystemISO9660, NULL) == E_POINTER, "Probe(NULL)\n");
    hr = IFileSystemImage3_ProbeSpecificFileSystem(image, FsiFileSystemISO9660, &vb);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "ProbeSpecificFileSystem %#lx\n", hr);
    ok(IFileSystemImage3_IdentifyFileSystemsOnDisc(image, NULL, NULL) == E_POINTER, "Identify(NULL)\n");
    hr = IFileSystemImage3_IdentifyFileSystemsOnDisc(image, NULL, &fs);
    ok(hr == IMAPI_E_MULTISESSION_NOT_SET, "[undoc] Identify without a recorder %#lx\n", hr);

    ok(IFileSystemImage3_GetDefaultFileSystemForImport(image, 7, NULL) == E_POINTER, "GetDefault(NULL)\n");
    hr = IFileSystemImage3_GetDefaultFileSystemForImport(image, 7, &fs);
    ok(hr == S_OK && fs == FsiFileSystemUDF, "UDF first: %#lx %#x\n", hr, fs);
    hr = IFileSystemImage3_GetDefaultFileSystemForImport(image, 3, &fs);
    ok(hr == S_OK && fs == FsiFileSystemJoliet, "then Joliet: %#lx %#x\n", hr, fs);
    hr = IFileSystemImage3_GetDefaultFileSystemForImport(image, 1, &fs);
    ok(hr == S_OK && fs == FsiFileSystemISO9660, "then ISO9660: %#lx %#x\n", hr, fs);
    hr = IFileSystemImage3_GetDefaultFileSystemForImport(image, 0x100, &fs);
    ok(hr == IMAPI_E_INVALID_PARAM, "unknown bits: %#lx\n", hr);

    ok(IFileSystemImage3_put_MultisessionInterfaces(image, NULL) == E_POINTER, "put_Multisession(NULL)\n");
    sa = SafeArrayCreateVector(VT_VARIANT, 0, 0);
    hr = IFileSystemImage3_put_MultisessionInterfaces(image, sa);
    ok(hr == IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE, "empty array: %#lx\n", hr);
    SafeArrayDestroy(sa);
    {
        VARIANT v;
        LONG idx = 0;
        sa = SafeArrayCreateVector(VT_VARIANT, 0, 1);
        V_VT(&v) = VT_DISPATCH;
        V_DISPATCH(&v) = (IDispatch *)image;
        SafeArrayPutElement(sa, &idx, &v);
        hr = IFileSystemImage3_put_MultisessionInterfaces(image, sa);
        ok(hr == E_NOINTERFACE, "not a multisession object %#lx\n", hr);
        SafeArrayDestroy(sa);
    }
    hr = IFileSystemImage3_get_MultisessionInterfaces(image, &sa);
    ok(hr == S_OK && sa, "[undoc] get_MultisessionInterfaces %#lx\n", hr);
    if (sa)
    {
        SafeArrayGetLBound(sa, 1, &lb);
        SafeArrayGetUBound(sa, 1, &ub);
        ok(ub < lb, "not empty\n");
        SafeArrayDestroy(sa);
    }
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

static void test_items(void)
{
    IFileSystemImage3 *image = create_image();
    IFsiDirectoryItem *root, *dir, *detached;
    IFsiDirectoryItem2 *dir2;
    IFsiFileItem *file, *newfile;
    IFsiFileItem2 *file2;
    IFsiItem *item;
    IEnumFsiItems *efi, *clone;
    IEnumVARIANT *ev;
    IStream *stream, *data;
    FsiItemType type;
    VARIANT_BOOL vb;
    VARIANT var[4];
    LONGLONG size;
    ULONG fetched;
    IFsiItem *items[4];
    DATE date, date2;
    LONG l;
    BSTR s, name;
    char buf[64];
    HRESULT hr;
    int i;

    if (!image) return;
    root = get_root(image);
    if (!root) return;
    check_qi(root, &IID_IFsiItem, S_OK);
    check_qi(root, &IID_IFsiDirectoryItem, S_OK);
    check_qi(root, &IID_IFsiDirectoryItem2, S_OK);
    check_qi(root, &IID_IDispatch, S_OK);
    check_qi(root, &IID_IFsiFileItem, E_NOINTERFACE);
    check_qi(root, &IID_IFileSystemImage, E_NOINTERFACE);
    ok(ref_count((IUnknown *)root) == 1, "root refcount %ld\n", ref_count((IUnknown *)root));

    hr = IFsiDirectoryItem_get_Name(root, &s);
    ok(hr == S_OK && s && !*s, "root name %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    hr = IFsiDirectoryItem_get_FullPath(root, &s);
    ok(hr == S_OK && !wcscmp(s, L"\\"), "root path %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    ok(IFsiDirectoryItem_get_Name(root, NULL) == E_POINTER, "Name(NULL)\n");
    ok(IFsiDirectoryItem_get_FullPath(root, NULL) == E_POINTER, "FullPath(NULL)\n");
    ok(IFsiDirectoryItem_get_Count(root, NULL) == E_POINTER, "Count(NULL)\n");
    ok(IFsiDirectoryItem_get__NewEnum(root, NULL) == E_POINTER, "_NewEnum(NULL)\n");
    ok(IFsiDirectoryItem_get_EnumFsiItems(root, NULL) == E_POINTER, "EnumFsiItems(NULL)\n");
    ok(IFsiDirectoryItem_get_CreationTime(root, NULL) == E_POINTER, "CreationTime(NULL)\n");
    ok(IFsiDirectoryItem_get_IsHidden(root, NULL) == E_POINTER, "IsHidden(NULL)\n");
    ok(IFsiDirectoryItem_FileSystemName(root, FsiFileSystemISO9660, NULL) == E_POINTER, "FileSystemName(NULL)\n");
    ok(IFsiDirectoryItem_FileSystemPath(root, FsiFileSystemISO9660, NULL) == E_POINTER, "FileSystemPath(NULL)\n");
    hr = get_item(root, L"x", NULL);
    ok(hr == E_POINTER, "Item(NULL) %#lx\n", hr);

    /* AddDirectory / AddFile / duplicates / bad names */
    ok(add_dir(root, L"sub") == S_OK, "AddDirectory\n");
    ok(add_dir(root, L"SUB") == IMAPI_E_DUP_NAME, "case-insensitive duplicate\n");
    ok(add_dir(root, L"missing\\child") != S_OK, "parent must exist\n");
    ok(add_dir(root, L"a:b") == IMAPI_E_INVALID_PATH || add_dir(root, L"a:b") == IMAPI_E_INVALID_PARAM, "bad name\n");
    ok(IFsiDirectoryItem_AddDirectory(root, NULL) == IMAPI_E_INVALID_PARAM, "NULL path\n");
    ok(add_text(root, L"sub\\abc.txt", "hello world") == S_OK, "AddFile\n");
    ok(add_text(root, L"sub\\ABC.TXT", "again") == IMAPI_E_DUP_NAME, "duplicate file\n");
    ok(add_file(root, L"sub\\null.txt", NULL) == E_POINTER, "NULL stream\n");
    ok(add_text(root, L"\\sub\\two.txt", "two") == S_OK, "AddFile with a rooted path\n");
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == 2, "FileCount %ld\n", l);
    hr = IFileSystemImage3_get_DirectoryCount(image, &l);
    ok(hr == S_OK && l == 1, "DirectoryCount %ld (root not counted)\n", l);
    hr = IFileSystemImage3_get_ChangePoint(image, &l);
    ok(hr == S_OK && l == 3, "ChangePoint %ld after 3 adds\n", l);

    /* Exists */
    name = bstr(L"\\sub\\abc.txt");
    hr = IFileSystemImage3_Exists(image, name, &type);
    ok(hr == S_OK && type == FsiItemFile, "Exists file %#lx %d\n", hr, type);
    ok(IFileSystemImage3_Exists(image, name, NULL) == E_POINTER, "Exists(NULL)\n");
    SysFreeString(name);
    name = bstr(L"/sub");
    hr = IFileSystemImage3_Exists(image, name, &type);
    ok(hr == S_OK && type == FsiItemDirectory, "Exists dir %#lx %d\n", hr, type);
    SysFreeString(name);
    name = bstr(L"sub");
    hr = IFileSystemImage3_Exists(image, name, &type);
    ok(hr == IMAPI_E_INVALID_PATH, "relative path %#lx\n", hr);
    SysFreeString(name);
    name = bstr(L"\\nothing");
    hr = IFileSystemImage3_Exists(image, name, &type);
    ok(hr == S_OK && type == FsiItemNotFound, "missing %#lx %d\n", hr, type);
    SysFreeString(name);
    name = bstr(L"\\nothing\\below");
    hr = IFileSystemImage3_Exists(image, name, &type);
    ok(hr == IMAPI_E_DIR_NOT_FOUND, "missing directory %#lx\n", hr);
    SysFreeString(name);

    /* Item */
    hr = get_item(root, L"sub", &item);
    ok(hr == S_OK, "Item(sub) %#lx\n", hr);
    hr = IFsiItem_QueryInterface(item, &IID_IFsiDirectoryItem, (void **)&dir);
    ok(hr == S_OK, "sub is a directory: %#lx\n", hr);
    check_qi(item, &IID_IFsiFileItem, E_NOINTERFACE);
    IFsiItem_Release(item);
    hr = IFsiDirectoryItem_get_Name(dir, &s);
    ok(hr == S_OK && !wcscmp(s, L"sub"), "Name %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    hr = IFsiDirectoryItem_get_FullPath(dir, &s);
    ok(hr == S_OK && !wcscmp(s, L"\\sub"), "FullPath %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    hr = IFsiDirectoryItem_get_Count(dir, &l);
    ok(hr == S_OK && l == 2, "Count %ld\n", l);
    hr = get_item(root, L"nothing", &item);
    ok(hr == IMAPI_E_ITEM_NOT_FOUND, "missing item %#lx\n", hr);
    hr = get_item(root, L"nothing\\x", &item);
    ok(hr == IMAPI_E_DIR_NOT_FOUND, "missing directory %#lx\n", hr);
    hr = get_item(root, L"sub\\abc.txt\\x", &item);
    ok(hr == IMAPI_E_INVALID_PATH, "file as a directory %#lx\n", hr);

    hr = get_item(dir, L"abc.txt", &item);
    ok(hr == S_OK, "relative Item %#lx\n", hr);
    hr = IFsiItem_QueryInterface(item, &IID_IFsiFileItem, (void **)&file);
    ok(hr == S_OK, "abc.txt is a file: %#lx\n", hr);
    check_qi(item, &IID_IFsiFileItem2, S_OK);
    check_qi(item, &IID_IDispatch, S_OK);
    check_qi(item, &IID_IFsiDirectoryItem, E_NOINTERFACE);
    IFsiItem_Release(item);
    hr = IFsiFileItem_get_DataSize(file, &size);
    ok(hr == S_OK && size == 11, "DataSize %#lx %I64d\n", hr, size);
    hr = IFsiFileItem_get_DataSize32BitLow(file, &l);
    ok(hr == S_OK && l == 11, "DataSize32BitLow %ld\n", l);
    hr = IFsiFileItem_get_DataSize32BitHigh(file, &l);
    ok(hr == S_OK && l == 0, "DataSize32BitHigh %ld\n", l);
    ok(IFsiFileItem_get_DataSize(file, NULL) == E_POINTER, "DataSize(NULL)\n");
    ok(IFsiFileItem_get_Data(file, NULL) == E_POINTER, "Data(NULL)\n");
    hr = IFsiFileItem_get_Data(file, &data);
    ok(hr == S_OK && data, "Data %#lx\n", hr);
    if (data)
    {
        memset(buf, 0, sizeof(buf));
        hr = IStream_Read(data, buf, sizeof(buf), &fetched);
        ok(SUCCEEDED(hr) && fetched == 11 && !memcmp(buf, "hello world", 11), "Data read %lu %s\n", fetched, buf);
        IStream_Release(data);
    }
    stream = mem_stream("other", 5);
    hr = IFsiFileItem_put_Data(file, stream);
    ok(hr == IMAPI_E_READONLY, "put_Data in the image: %#lx\n", hr);
    ok(IFsiFileItem_put_Data(file, NULL) == E_POINTER, "put_Data(NULL)\n");
    IStream_Release(stream);

    /* times and hidden flag */
    hr = IFsiFileItem_get_LastModifiedTime(file, &date);
    ok(hr == S_OK && date > 40000.0, "LastModifiedTime %#lx %f (time the item was added)\n", hr, date);
    date = 40000.5;   /* 2009-07-06 12:00 */
    ok(IFsiFileItem_put_CreationTime(file, date) == S_OK, "put_CreationTime\n");
    hr = IFsiFileItem_get_CreationTime(file, &date2);
    ok(hr == S_OK && date2 == date, "CreationTime %f\n", date2);
    ok(IFsiFileItem_put_LastAccessedTime(file, date + 1) == S_OK, "put_LastAccessedTime\n");
    hr = IFsiFileItem_get_LastAccessedTime(file, &date2);
    ok(hr == S_OK && date2 == date + 1, "LastAccessedTime %f\n", date2);
    ok(IFsiFileItem_put_LastModifiedTime(file, date + 2) == S_OK, "put_LastModifiedTime\n");
    hr = IFsiFileItem_get_LastModifiedTime(file, &date2);
    ok(hr == S_OK && date2 == date + 2, "LastModifiedTime %f\n", date2);
    hr = IFsiFileItem_get_IsHidden(file, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "IsHidden %d\n", vb);
    ok(IFsiFileItem_put_IsHidden(file, VARIANT_TRUE) == S_OK, "put_IsHidden\n");
    hr = IFsiFileItem_get_IsHidden(file, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "IsHidden %d\n", vb);
    /* a second wrapper of the same item sees the same state */
    hr = get_item(root, L"sub\\abc.txt", &item);
    ok(hr == S_OK, "Item %#lx\n", hr);
    hr = IFsiItem_get_IsHidden(item, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "IsHidden through another wrapper %d\n", vb);
    IFsiItem_Release(item);

    /* FileSystemName / FileSystemPath */
    hr = IFsiFileItem_FileSystemName(file, FsiFileSystemISO9660, &s);
    ok(hr == S_OK && !wcscmp(s, L"ABC.TXT"), "ISO9660 name %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    hr = IFsiFileItem_FileSystemName(file, FsiFileSystemJoliet, &s);
    ok(hr == S_OK && !wcscmp(s, L"abc.txt"), "Joliet name %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    hr = IFsiFileItem_FileSystemName(file, 8, &s);
    ok(hr == IMAPI_E_INVALID_PARAM, "FS 8: %#lx\n", hr);
    hr = IFsiFileItem_FileSystemName(file, FsiFileSystemISO9660 | FsiFileSystemJoliet, &s);
    ok(hr == IMAPI_E_INVALID_PARAM, "two file systems: %#lx\n", hr);
    hr = IFsiFileItem_FileSystemPath(file, FsiFileSystemISO9660, &s);
    ok(hr == S_OK && !wcscmp(s, L"\\SUB\\ABC.TXT"), "ISO9660 path %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    hr = IFsiFileItem_FileSystemPath(file, FsiFileSystemJoliet, &s);
    ok(hr == S_OK && !wcscmp(s, L"\\sub\\abc.txt"), "Joliet path %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    hr = IFsiFileItem_FileSystemPath(file, 0, &s);
    ok(hr == IMAPI_E_INVALID_PARAM, "FS 0: %#lx\n", hr);

    /* named streams and real time: kept, not written without UDF >= 2.00 / 2.01 */
    hr = IFsiFileItem_QueryInterface(file, &IID_IFsiFileItem2, (void **)&file2);
    ok(hr == S_OK, "IFsiFileItem2 %#lx\n", hr);
    if (file2)
    {
        IFsiNamedStreams *streams;
        IFsiFileItem2 *ns;

        hr = IFsiFileItem2_get_IsNamedStream(file2, &vb);
        ok(hr == S_OK && vb == VARIANT_FALSE, "IsNamedStream %d\n", vb);
        stream = mem_stream("stream data", 11);
        name = bstr(L"info");
        hr = IFsiFileItem2_AddStream(file2, name, stream);
        ok(hr == IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED, "AddStream without UDF: %#lx\n", hr);
        hr = IFsiFileItem2_AddStream(file2, name, stream);
        ok(hr == IMAPI_E_DUP_NAME, "AddStream duplicate: %#lx\n", hr);
        ok(IFsiFileItem2_AddStream(file2, name, NULL) == E_POINTER, "AddStream(NULL)\n");
        ok(IFsiFileItem2_AddStream(file2, NULL, stream) == IMAPI_E_INVALID_PARAM, "AddStream no name\n");
        hr = IFsiFileItem2_get_FsiNamedStreams(file2, &streams);
        ok(hr == S_OK, "FsiNamedStreams %#lx\n", hr);
        if (SUCCEEDED(hr))
        {
            hr = IFsiNamedStreams_get_Count(streams, &l);
            ok(hr == S_OK && l == 1, "named streams %ld\n", l);
            hr = IFsiNamedStreams_get_Item(streams, 1, &ns);
            ok(hr == IMAPI_E_INVALID_PARAM && !ns, "Item(1) %#lx\n", hr);
            hr = IFsiNamedStreams_get_Item(streams, -1, &ns);
            ok(hr == IMAPI_E_INVALID_PARAM && !ns, "Item(-1) %#lx\n", hr);
            hr = IFsiNamedStreams_get_Item(streams, 0, &ns);
            ok(hr == S_OK && ns, "Item(0) %#lx\n", hr);
            if (ns)
            {
                hr = IFsiFileItem2_get_IsNamedStream(ns, &vb);
                ok(hr == S_OK && vb == VARIANT_TRUE, "IsNamedStream %d\n", vb);
                hr = IFsiFileItem2_get_DataSize(ns, &size);
                ok(hr == S_OK && size == 11, "stream size %I64d\n", size);
                hr = IFsiFileItem2_put_IsRealTime(ns, VARIANT_TRUE);
                ok(hr == IMAPI_E_PROPERTY_NOT_ACCESSIBLE, "IsRealTime on a stream %#lx\n", hr);
                IFsiFileItem2_Release(ns);
            }
            ok(IFsiNamedStreams_get_Count(streams, NULL) == E_POINTER, "Count(NULL)\n");
            IFsiNamedStreams_Release(streams);
        }
        hr = IFsiFileItem2_RemoveStream(file2, name);
        ok(hr == IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED || hr == S_OK, "RemoveStream %#lx\n", hr);
        hr = IFsiFileItem2_RemoveStream(file2, name);
        ok(FAILED(hr), "RemoveStream twice %#lx\n", hr);
        SysFreeString(name);
        IStream_Release(stream);

        hr = IFsiFileItem2_get_IsRealTime(file2, &vb);
        ok(hr == S_OK && vb == VARIANT_FALSE, "IsRealTime %d\n", vb);
        hr = IFsiFileItem2_put_IsRealTime(file2, VARIANT_TRUE);
        ok(hr == IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED, "IsRealTime without UDF 2.01: %#lx\n", hr);
        hr = IFsiFileItem2_get_IsRealTime(file2, &vb);
        ok(hr == S_OK && vb == VARIANT_TRUE, "IsRealTime kept %d\n", vb);
        IFsiFileItem2_Release(file2);
    }

    /* _NewEnum: VT_DISPATCH items (spec docbug 10) */
    hr = IFsiDirectoryItem_get__NewEnum(dir, &ev);
    ok(hr == S_OK, "_NewEnum %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        for (i = 0; i < 4; i++) VariantInit(&var[i]);
        hr = IEnumVARIANT_Next(ev, 4, var, &fetched);
        ok(fetched == 2, "fetched %lu\n", fetched);
        ok(V_VT(&var[0]) == VT_DISPATCH, "type %d\n", V_VT(&var[0]));
        if (V_VT(&var[0]) == VT_DISPATCH)
        {
            IFsiItem *first;
            hr = IDispatch_QueryInterface(V_DISPATCH(&var[0]), &IID_IFsiItem, (void **)&first);
            ok(hr == S_OK, "not an IFsiItem\n");
            if (SUCCEEDED(hr))
            {
                IFsiItem_get_Name(first, &s);
                ok(!wcscmp(s, L"abc.txt"), "first child %s (insertion order)\n", wine_dbgstr_w_(s));
                SysFreeString(s);
                IFsiItem_Release(first);
            }
        }
        for (i = 0; i < 4; i++) VariantClear(&var[i]);
        IEnumVARIANT_Release(ev);
    }

    /* EnumFsiItems: S_OK also when fewer come back (spec 3.9), S_FALSE when none is left */
    hr = IFsiDirectoryItem_get_EnumFsiItems(dir, &efi);
    ok(hr == S_OK, "EnumFsiItems %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        ok(IEnumFsiItems_Next(efi, 2, items, NULL) == E_INVALIDARG, "NULL fetched with celt 2\n");
        ok(IEnumFsiItems_Next(efi, 1, NULL, &fetched) == E_POINTER, "NULL array\n");
        hr = IEnumFsiItems_Next(efi, 1, items, NULL);
        ok(hr == S_OK, "Next(1) %#lx\n", hr);
        if (hr == S_OK) IFsiItem_Release(items[0]);
        hr = IEnumFsiItems_Clone(efi, &clone);
        ok(hr == S_OK, "Clone %#lx\n", hr);
        hr = IEnumFsiItems_Next(efi, 4, items, &fetched);
        ok(hr == S_OK && fetched == 1, "Next(4) with 1 left: %#lx %lu\n", hr, fetched);
        if (fetched) IFsiItem_Release(items[0]);
        hr = IEnumFsiItems_Next(efi, 1, items, &fetched);
        ok(hr == S_FALSE && fetched == 0, "Next at the end: %#lx %lu\n", hr, fetched);
        ok(IEnumFsiItems_Reset(efi) == S_OK, "Reset\n");
        ok(IEnumFsiItems_Skip(efi, 1) == S_OK, "Skip(1)\n");
        ok(IEnumFsiItems_Skip(efi, 5) == S_FALSE, "Skip past the end\n");
        if (clone)
        {
            hr = IEnumFsiItems_Next(clone, 4, items, &fetched);
            ok(hr == S_OK && fetched == 1, "clone keeps the position: %#lx %lu\n", hr, fetched);
            if (fetched) IFsiItem_Release(items[0]);
            ok(IEnumFsiItems_Clone(clone, NULL) == E_POINTER, "Clone(NULL)\n");
            IEnumFsiItems_Release(clone);
        }
        check_qi(efi, &IID_IEnumFsiItems, S_OK);
        check_qi(efi, &IID_IDispatch, E_NOINTERFACE);
        ok(IEnumFsiItems_Release(efi) == 0, "enumerator not released\n");
    }

    /* Remove / RemoveTree */
    ok(IFsiDirectoryItem_Remove(root, NULL) == IMAPI_E_INVALID_PARAM, "Remove(NULL)\n");
    name = bstr(L"sub");
    hr = IFsiDirectoryItem_Remove(root, name);
    ok(hr == IMAPI_E_DIR_NOT_EMPTY, "Remove non-empty %#lx\n", hr);
    SysFreeString(name);
    name = bstr(L"sub\\two.txt");
    hr = IFsiDirectoryItem_RemoveTree(root, name);
    ok(hr == IMAPI_E_NOT_DIR, "RemoveTree on a file %#lx\n", hr);
    hr = IFsiDirectoryItem_Remove(root, name);
    ok(hr == S_OK, "Remove file %#lx\n", hr);
    hr = IFsiDirectoryItem_Remove(root, name);
    ok(hr == IMAPI_E_ITEM_NOT_FOUND, "Remove twice %#lx\n", hr);
    SysFreeString(name);
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == 1, "FileCount %ld\n", l);

    /* the removed item's wrapper stays usable */
    hr = IFsiFileItem_get_Name(file, &s);
    ok(hr == S_OK && !wcscmp(s, L"abc.txt"), "Name %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    IFsiFileItem_Release(file);

    /* CreateFileItem / CreateDirectoryItem / Add */
    ok(IFileSystemImage3_CreateFileItem(image, NULL, &newfile) == IMAPI_E_INVALID_PARAM, "CreateFileItem(NULL name)\n");
    name = bstr(L"bad|name");
    ok(IFileSystemImage3_CreateFileItem(image, name, &newfile) == IMAPI_E_INVALID_PARAM, "bad name\n");
    ok(IFileSystemImage3_CreateDirectoryItem(image, name, &detached) == IMAPI_E_INVALID_PARAM, "bad dir name\n");
    SysFreeString(name);
    name = bstr(L"new.txt");
    ok(IFileSystemImage3_CreateFileItem(image, name, NULL) == E_POINTER, "CreateFileItem(NULL)\n");
    hr = IFileSystemImage3_CreateFileItem(image, name, &newfile);
    ok(hr == S_OK, "CreateFileItem %#lx\n", hr);
    SysFreeString(name);
    hr = IFsiFileItem_get_DataSize(newfile, &size);
    ok(hr == S_OK && size == 0, "new item size %I64d\n", size);
    stream = mem_stream("new data!", 9);
    hr = IFsiFileItem_put_Data(newfile, stream);
    ok(hr == S_OK, "put_Data on a detached item %#lx\n", hr);
    IStream_Release(stream);
    hr = IFsiFileItem_get_DataSize(newfile, &size);
    ok(hr == S_OK && size == 9, "size after put_Data %I64d\n", size);
    hr = IFsiFileItem_get_FullPath(newfile, &s);
    ok(hr == S_OK && s, "detached FullPath %#lx\n", hr);
    SysFreeString(s);
    ok(IFsiDirectoryItem_Add(root, NULL) == E_POINTER, "Add(NULL)\n");
    hr = IFsiDirectoryItem_Add(root, (IFsiItem *)newfile);
    ok(hr == S_OK, "Add %#lx\n", hr);
    hr = IFsiFileItem_get_FullPath(newfile, &s);
    ok(hr == S_OK && !wcscmp(s, L"\\new.txt"), "FullPath after Add %s\n", wine_dbgstr_w_(s));
    SysFreeString(s);
    stream = mem_stream("x", 1);
    ok(IFsiFileItem_put_Data(newfile, stream) == IMAPI_E_READONLY, "Data read-only after Add\n");
    IStream_Release(stream);
    name = bstr(L"NEW.TXT");
    hr = IFileSystemImage3_CreateFileItem(image, name, &file);
    ok(hr == S_OK, "CreateFileItem %#lx\n", hr);
    SysFreeString(name);
    hr = IFsiDirectoryItem_Add(root, (IFsiItem *)file);
    ok(hr == IMAPI_E_DUP_NAME, "Add duplicate %#lx\n", hr);
    IFsiFileItem_Release(file);
    IFsiFileItem_Release(newfile);

    name = bstr(L"newdir");
    hr = IFileSystemImage3_CreateDirectoryItem(image, name, &detached);
    ok(hr == S_OK, "CreateDirectoryItem %#lx\n", hr);
    SysFreeString(name);
    ok(add_text(detached, L"inside.txt", "inside") == S_OK, "AddFile into a detached directory\n");
    hr = IFsiDirectoryItem_Add(dir, (IFsiItem *)detached);
    ok(hr == S_OK, "Add directory %#lx\n", hr);
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == 3, "FileCount %ld\n", l);
    hr = IFileSystemImage3_get_DirectoryCount(image, &l);
    ok(hr == S_OK && l == 2, "DirectoryCount %ld\n", l);
    IFsiDirectoryItem_Release(detached);

    /* AddTreeWithNamedStreams is on IFsiDirectoryItem2 */
    hr = IFsiDirectoryItem_QueryInterface(root, &IID_IFsiDirectoryItem2, (void **)&dir2);
    ok(hr == S_OK, "IFsiDirectoryItem2 %#lx\n", hr);
    if (dir2)
    {
        ok(IFsiDirectoryItem2_AddTreeWithNamedStreams(dir2, NULL, VARIANT_FALSE) == IMAPI_E_INVALID_PARAM,
           "AddTreeWithNamedStreams(NULL)\n");
        IFsiDirectoryItem2_Release(dir2);
    }

    name = bstr(L"\\");
    hr = IFsiDirectoryItem_RemoveTree(root, name);
    ok(hr == S_OK, "RemoveTree(\\) %#lx\n", hr);
    SysFreeString(name);
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == 0, "FileCount after clearing %ld\n", l);
    hr = IFsiDirectoryItem_get_Count(root, &l);
    ok(hr == S_OK && l == 0, "root Count %ld\n", l);

    IFsiDirectoryItem_Release(dir);
    ok(IFsiDirectoryItem_Release(root) == 0, "root not released\n");
    ok(IFileSystemImage3_Release(image) == 0, "image not released (items keep it alive only while they live)\n");
}

static void test_depth_and_change_points(void)
{
    IFileSystemImage3 *image = create_image();
    IFsiDirectoryItem *root;
    FsiItemType type;
    LONG l;
    BSTR name;
    HRESULT hr;

    if (!image) return;
    root = get_root(image);
    /* ISO9660: 8 levels with the root as level 1 (ECMA-119 6.8.2.1) */
    ok(add_dir(root, L"1") == S_OK, "level 2\n");
    ok(add_dir(root, L"1\\2\\") == S_OK, "level 3 (trailing separator)\n");
    ok(add_dir(root, L"1\\2\\3") == S_OK, "level 4\n");
    ok(add_dir(root, L"1\\2\\3\\4") == S_OK, "level 5\n");
    ok(add_dir(root, L"1\\2\\3\\4\\5") == S_OK, "level 6\n");
    ok(add_dir(root, L"1\\2\\3\\4\\5\\6") == S_OK, "level 7\n");
    ok(add_dir(root, L"1\\2\\3\\4\\5\\6\\7") == S_OK, "level 8\n");
    hr = add_dir(root, L"1\\2\\3\\4\\5\\6\\7\\8");
    ok(hr == IMAPI_E_ISO9660_LEVELS, "level 9: %#lx\n", hr);
    ok(add_text(root, L"1\\2\\3\\4\\5\\6\\7\\file.txt", "deep") == S_OK, "files add no level\n");
    /* UDF only: no ISO9660 level limit; back to ISO9660 refused while too deep */
    ok(SUCCEEDED(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemUDF)), "UDF only\n");
    ok(add_dir(root, L"1\\2\\3\\4\\5\\6\\7\\8") == S_OK, "level 9 without ISO9660\n");
    hr = IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemJoliet);
    ok(hr == IMAPI_E_ISO9660_LEVELS, "ISO9660 on a deep tree: %#lx\n", hr);

    /* change points */
    hr = IFileSystemImage3_get_ChangePoint(image, &l);
    ok(hr == S_OK && l == 9, "ChangePoint %ld\n", l);
    ok(IFileSystemImage3_RollbackToChangePoint(image, 8) == S_OK, "rollback one step\n");
    name = bstr(L"\\1\\2\\3\\4\\5\\6\\7\\8");
    hr = IFileSystemImage3_Exists(image, name, &type);
    ok(hr == S_OK && type == FsiItemNotFound, "rolled back item still there: %d\n", type);
    SysFreeString(name);
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemJoliet) == S_OK,
       "ISO9660 again\n");
    hr = IFileSystemImage3_get_ChangePoint(image, &l);
    ok(hr == S_OK && l == 8, "ChangePoint after rollback %ld\n", l);
    ok(IFileSystemImage3_RollbackToChangePoint(image, 20) == IMAPI_E_INVALID_PARAM, "[undoc] future point\n");
    ok(IFileSystemImage3_RollbackToChangePoint(image, 2) == S_OK, "rollback to 2\n");
    hr = IFileSystemImage3_get_DirectoryCount(image, &l);
    ok(hr == S_OK && l == 2, "DirectoryCount %ld\n", l);
    ok(IFileSystemImage3_LockInChangePoint(image) == S_OK, "LockInChangePoint\n");
    hr = IFileSystemImage3_get_ChangePoint(image, &l);
    ok(hr == S_OK && l == 2, "ChangePoint unchanged by lock-in: %ld\n", l);
    ok(add_dir(root, L"x") == S_OK, "AddDirectory\n");
    hr = IFileSystemImage3_RollbackToChangePoint(image, 1);
    ok(hr == IMAPI_E_INVALID_PARAM, "[undoc] below the locked point %#lx\n", hr);
    ok(IFileSystemImage3_RollbackToChangePoint(image, 2) == S_OK, "to the locked point\n");
    hr = IFileSystemImage3_get_DirectoryCount(image, &l);
    ok(hr == S_OK && l == 2, "DirectoryCount %ld\n", l);

    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* ---- events ---- */

static void test_events(void)
{
    IFileSystemImage3 *image = create_image();
    struct event_sink sink = {{0}};
    IConnectionPoint *cp;
    IFsiDirectoryItem *root;
    IFsiFileItem *file;
    IStream *stream;
    DWORD cookie = 0;
    BSTR name;
    HRESULT hr;

    if (!image) return;
    root = get_root(image);
    if (!(cp = advise(image, &sink, &cookie))) goto done;
    stream = test_stream_any(5000);   /* 3 sectors */
    ok(add_file(root, L"events.bin", stream) == S_OK, "AddFile\n");
    IStream_Release(stream);
    ok(sink.calls >= 2, "Update fired %d times\n", sink.calls);
    ok(!sink.bad_args, "bad Update arguments\n");
    ok(sink.last.copied == 3 && sink.last.total == 3, "last Update %ld/%ld, expected 3/3\n", sink.last.copied,
       sink.last.total);
    ok(!wcscmp(sink.last.file, L"\\events.bin"), "currentFile %s\n", wine_dbgstr_w_(sink.last.file));
    ok(sink.last.object == (IDispatch *)image, "object %p, expected the image %p\n", sink.last.object, image);

    /* Add of a created item fires too */
    sink.calls = 0;
    name = bstr(L"created.bin");
    hr = IFileSystemImage3_CreateFileItem(image, name, &file);
    SysFreeString(name);
    ok(hr == S_OK, "CreateFileItem %#lx\n", hr);
    stream = test_stream_any(2048 * 10);
    IFsiFileItem_put_Data(file, stream);
    IStream_Release(stream);
    ok(sink.calls == 0, "events before Add: %d\n", sink.calls);
    ok(IFsiDirectoryItem_Add(root, (IFsiItem *)file) == S_OK, "Add\n");
    ok(sink.calls >= 2 && sink.last.copied == 10 && sink.last.total == 10, "Add: %d calls, %ld/%ld\n",
       sink.calls, sink.last.copied, sink.last.total);
    IFsiFileItem_Release(file);

    /* no events for directories */
    sink.calls = 0;
    ok(add_dir(root, L"dir") == S_OK, "AddDirectory\n");
    ok(sink.calls == 0, "AddDirectory fired %d events\n", sink.calls);

    ok(IConnectionPoint_Unadvise(cp, cookie) == S_OK, "Unadvise\n");
    sink.calls = 0;
    ok(add_text(root, L"quiet.txt", "q") == S_OK, "AddFile\n");
    ok(sink.calls == 0, "events after Unadvise: %d\n", sink.calls);
    ok(sink.ref == 1, "sink refcount %ld\n", sink.ref);
    IConnectionPoint_Release(cp);
done:
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* ---- result image ---- */

/* Issue 16: what a client asks for and we cannot write yet fails CreateResultImage
 * (E_NOTIMPL, the description names the feature), never an image without it; the
 * file systems cannot change while a result (or a stream of it) is alive. */
static void test_unwritten_features(void)
{
    IFileSystemImage3 *image = create_image();
    IFileSystemImageResult *result = (IFileSystemImageResult *)0xdeadbeef;
    IFsiDirectoryItem *root;
    IBootOptions *boot;
    IStream *stream, *data;
    FsiFileSystems fs;
    HRESULT hr;

    if (!image) return;
    root = get_root(image);
    ok(add_text(root, L"readme.txt", "features") == S_OK, "AddFile\n");

    /* ISO9660 + Joliet + UDF 2.50: written (winetest/fsimage_udf.c judges the bytes) */
    hr = IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF);
    ok(hr == S_OK, "put UDF %#lx\n", hr);
    ok(IFileSystemImage3_put_UDFRevision(image, 0x250) == S_OK, "UDF 2.50\n");
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK && result, "CreateResultImage with UDF %#lx\n", hr);
    if (hr == S_OK) IFileSystemImageResult_Release(result);
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemJoliet) == S_OK,
       "back to ISO9660|Joliet\n");

    /* a boot image (BootImageOptions, then BootImageOptionsArray of two) is written */
    hr = CoCreateInstance(&CLSID_BootOptions, NULL, CLSCTX_INPROC_SERVER, &IID_IBootOptions, (void **)&boot);
    ok(hr == S_OK, "BootOptions %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        SAFEARRAY *sa;
        LONG i;

        data = test_stream_any(4096);
        ok(IBootOptions_AssignBootImage(boot, data) == S_OK, "AssignBootImage\n");
        IStream_Release(data);
        ok(IFileSystemImage3_put_BootImageOptions(image, boot) == S_OK, "put_BootImageOptions\n");
        result = NULL;
        hr = IFileSystemImage3_CreateResultImage(image, &result);
        ok(hr == S_OK && result, "CreateResultImage with a boot image %#lx (more in boot_options.c)\n", hr);
        if (result) IFileSystemImageResult_Release(result);

        sa = SafeArrayCreateVector(VT_DISPATCH, 0, 2);
        for (i = 0; i < 2; i++)
        {
            IBootOptions_AddRef(boot);
            SafeArrayPutElement(sa, &i, boot);
            IBootOptions_Release(boot);
        }
        ok(IFileSystemImage3_put_BootImageOptionsArray(image, sa) == S_OK, "put_BootImageOptionsArray\n");
        SafeArrayDestroy(sa);
        result = NULL;
        hr = IFileSystemImage3_CreateResultImage(image, &result);
        ok(hr == S_OK && result, "CreateResultImage with two boot images %#lx\n", hr);
        if (result) IFileSystemImageResult_Release(result);
        ok(IFileSystemImage3_put_BootImageOptions(image, NULL) == S_OK, "no boot image\n");
        IBootOptions_Release(boot);
    }

    /* without them: an image as before */
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage without UDF or boot images %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        /* FileSystemsToCreate is fixed while the result or a stream of it lives */
        hr = IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660);
        ok(hr == IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED, "change with a live result %#lx\n", hr);
        hr = IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemJoliet);
        ok(hr == S_OK, "the same value with a live result %#lx\n", hr);
        hr = IFileSystemImage3_ChooseImageDefaultsForMediaType(image, IMAPI_MEDIA_TYPE_CDR);
        ok(hr == S_OK, "defaults that change nothing %#lx\n", hr);
        hr = IFileSystemImageResult_get_ImageStream(result, &stream);
        ok(hr == S_OK, "ImageStream %#lx\n", hr);
        IFileSystemImageResult_Release(result);
        if (SUCCEEDED(hr))
        {
            hr = IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660);
            ok(hr == IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED, "change with a live image stream %#lx\n", hr);
            IStream_Release(stream);
        }
        hr = IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660);
        ok(hr == S_OK, "change after the result is gone %#lx\n", hr);
        IFileSystemImage3_get_FileSystemsToCreate(image, &fs);
        ok(fs == FsiFileSystemISO9660, "FileSystemsToCreate %#x\n", fs);
    }
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

static void test_result(void)
{
    IFileSystemImage3 *image = create_image();
    IFileSystemImageResult *result;
    IFileSystemImageResult2 *result2;
    IFsiDirectoryItem *root;
    IProgressItems *progress;
    IProgressItem *pitem, *pitem2;
    IEnumProgressItems *epi;
    IStream *stream, *clone, *copy;
    IBlockRangeList *ranges;
    ULARGE_INTEGER upos, cbr, cbw;
    LARGE_INTEGER pos;
    STATSTG st;
    ULONG n, first, last, count;
    LONG l, total;
    BYTE *buf;
    BSTR s, name;
    HRESULT hr;

    if (!image) return;
    root = get_root(image);
    ok(add_text(root, L"readme.txt", "Hello from the image") == S_OK, "AddFile\n");
    ok(add_dir(root, L"data") == S_OK, "AddDirectory\n");
    stream = test_stream_any(3 * 2048 + 100);
    ok(add_file(root, L"data\\four.bin", stream) == S_OK, "AddFile\n");
    IStream_Release(stream);
    stream = mem_stream(NULL, 0);
    ok(add_file(root, L"data\\empty.txt", stream) == S_OK, "AddFile empty\n");
    IStream_Release(stream);
    name = bstr(L"RESULTTEST");
    IFileSystemImage3_put_VolumeName(image, name);
    SysFreeString(name);

    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %#lx\n", hr);
    if (FAILED(hr)) goto done;
    check_qi(result, &IID_IFileSystemImageResult, S_OK);
    check_qi(result, &IID_IFileSystemImageResult2, S_OK);
    check_qi(result, &IID_IDispatch, S_OK);
    check_qi(result, &IID_IStream, E_NOINTERFACE);
    hr = IFileSystemImageResult_get_TotalBlocks(result, &total);
    ok(hr == S_OK && total > 20, "TotalBlocks %ld\n", total);
    hr = IFileSystemImage3_get_UsedBlocks(image, &l);
    ok(hr == S_OK && l == total, "UsedBlocks %ld, TotalBlocks %ld\n", l, total);
    hr = IFileSystemImageResult_get_BlockSize(result, &l);
    ok(hr == S_OK && l == 2048, "BlockSize %ld\n", l);
    hr = IFileSystemImageResult_get_DiscId(result, &s);
    ok(hr == S_OK && s && *s, "DiscId %#lx\n", hr);
    SysFreeString(s);
    ok(IFileSystemImageResult_get_TotalBlocks(result, NULL) == E_POINTER, "TotalBlocks(NULL)\n");
    ok(IFileSystemImageResult_get_BlockSize(result, NULL) == E_POINTER, "BlockSize(NULL)\n");
    ok(IFileSystemImageResult_get_DiscId(result, NULL) == E_POINTER, "DiscId(NULL)\n");
    ok(IFileSystemImageResult_get_ImageStream(result, NULL) == E_POINTER, "ImageStream(NULL)\n");
    ok(IFileSystemImageResult_get_ProgressItems(result, NULL) == E_POINTER, "ProgressItems(NULL)\n");
    if (SUCCEEDED(IFileSystemImageResult_QueryInterface(result, &IID_IFileSystemImageResult2, (void **)&result2)))
    {
        /* E_NOTIMPL: "write the whole image" (spec 3.4) */
        hr = IFileSystemImageResult2_get_ModifiedBlocks(result2, &ranges);
        ok(hr == E_NOTIMPL, "ModifiedBlocks %#lx\n", hr);
        IFileSystemImageResult2_Release(result2);
    }

    /* the image stream */
    hr = IFileSystemImageResult_get_ImageStream(result, &stream);
    ok(hr == S_OK && stream, "ImageStream %#lx\n", hr);
    if (stream)
    {
        buf = malloc(2048 * 20);
        hr = IStream_Stat(stream, &st, STATFLAG_NONAME);
        ok(hr == S_OK, "Stat %#lx\n", hr);
        ok(st.type == STGTY_STREAM, "type %lu\n", st.type);
        ok(st.cbSize.QuadPart == (ULONGLONG)total * 2048, "cbSize %I64u, TotalBlocks %ld\n", st.cbSize.QuadPart, total);
        ok(IStream_Stat(stream, NULL, STATFLAG_NONAME) == STG_E_INVALIDPOINTER, "Stat(NULL)\n");
        hr = IStream_Read(stream, buf, 2048 * 17, &n);
        ok(hr == S_OK && n == 2048 * 17, "Read %#lx %lu\n", hr, n);
        for (n = 0; n < 16 * 2048 && !buf[n]; n++) {}
        ok(n == 16 * 2048, "system area not zero at %lu\n", n);
        ok(!memcmp(buf + 16 * 2048, "\x01" "CD001\x01", 7), "no primary volume descriptor at block 16\n");
        ok(!memcmp(buf + 16 * 2048 + 40, "RESULTTEST", 10), "volume identifier %.10s\n", buf + 16 * 2048 + 40);
        hr = IStream_Write(stream, buf, 10, &n);
        ok(hr == STG_E_ACCESSDENIED, "Write %#lx\n", hr);
        upos.QuadPart = 10;
        ok(IStream_SetSize(stream, upos) == STG_E_ACCESSDENIED, "SetSize\n");
        ok(IStream_Commit(stream, 0) == S_OK, "Commit\n");
        ok(IStream_Revert(stream) == S_OK, "Revert\n");
        ok(IStream_LockRegion(stream, upos, upos, LOCK_WRITE) == STG_E_INVALIDFUNCTION, "LockRegion\n");
        ok(IStream_UnlockRegion(stream, upos, upos, LOCK_WRITE) == STG_E_INVALIDFUNCTION, "UnlockRegion\n");
        ok(IStream_Read(stream, NULL, 10, &n) == STG_E_INVALIDPOINTER, "Read(NULL)\n");

        /* Seek / Clone with an independent position */
        pos.QuadPart = 16 * 2048;
        hr = IStream_Seek(stream, pos, STREAM_SEEK_SET, &upos);
        ok(hr == S_OK && upos.QuadPart == 16 * 2048, "Seek %#lx\n", hr);
        hr = IStream_Clone(stream, &clone);
        ok(hr == S_OK && clone, "Clone %#lx\n", hr);
        pos.QuadPart = 0;
        hr = IStream_Seek(stream, pos, STREAM_SEEK_END, &upos);
        ok(hr == S_OK && upos.QuadPart == (ULONGLONG)total * 2048, "Seek end %I64u\n", upos.QuadPart);
        hr = IStream_Read(stream, buf, 10, &n);
        ok(hr == S_OK && n == 0, "Read at the end %#lx %lu\n", hr, n);
        pos.QuadPart = -1;
        ok(IStream_Seek(stream, pos, STREAM_SEEK_SET, NULL) == STG_E_INVALIDFUNCTION, "Seek before the start\n");
        ok(IStream_Seek(stream, pos, 7, NULL) == STG_E_INVALIDFUNCTION, "bad origin\n");
        if (clone)
        {
            hr = IStream_Read(clone, buf, 6, &n);
            ok(hr == S_OK && n == 6 && !memcmp(buf, "\x01" "CD001", 6), "Clone reads at its own position\n");
            IStream_Release(clone);
        }

        /* CopyTo the whole image, then check the file data in it through ProgressItems */
        pos.QuadPart = 0;
        IStream_Seek(stream, pos, STREAM_SEEK_SET, NULL);
        copy = mem_stream(NULL, 0);
        upos.QuadPart = (ULONGLONG)total * 2048 + 1000;
        hr = IStream_CopyTo(stream, copy, upos, &cbr, &cbw);
        ok(hr == S_OK && cbr.QuadPart == (ULONGLONG)total * 2048 && cbw.QuadPart == cbr.QuadPart,
           "CopyTo %#lx %I64u %I64u\n", hr, cbr.QuadPart, cbw.QuadPart);

        hr = IFileSystemImageResult_get_ProgressItems(result, &progress);
        ok(hr == S_OK, "ProgressItems %#lx\n", hr);
        if (SUCCEEDED(hr))
        {
            check_qi(progress, &IID_IProgressItems, S_OK);
            check_qi(progress, &IID_IDispatch, S_OK);
            hr = IProgressItems_get_Count(progress, &l);
            ok(hr == S_OK && l == 2, "[undoc] one item per file with data: %ld\n", l);
            hr = IProgressItems_ProgressItemFromDescription(progress, NULL, &pitem);
            ok(hr == E_FAIL, "ProgressItemFromDescription(NULL) %#lx (pitfall 15)\n", hr);
            name = bstr(L"\\readme.txt");
            hr = IProgressItems_ProgressItemFromDescription(progress, name, &pitem);
            ok(hr == S_OK, "ProgressItemFromDescription %#lx\n", hr);
            SysFreeString(name);
            if (SUCCEEDED(hr))
            {
                IProgressItem_get_FirstBlock(pitem, &first);
                IProgressItem_get_LastBlock(pitem, &last);
                IProgressItem_get_BlockCount(pitem, &count);
                ok(count == 1 && first == last, "readme.txt blocks %lu..%lu (%lu)\n", first, last, count);
                ok(first < (ULONG)total, "block %lu outside the image\n", first);
                pos.QuadPart = (LONGLONG)first * 2048;
                IStream_Seek(copy, pos, STREAM_SEEK_SET, NULL);
                memset(buf, 0, 32);
                IStream_Read(copy, buf, 20, &n);
                ok(!memcmp(buf, "Hello from the image", 20), "file data %.20s\n", buf);
                hr = IProgressItems_ProgressItemFromBlock(progress, first, &pitem2);
                ok(hr == S_OK && pitem2 == pitem, "ProgressItemFromBlock %#lx\n", hr);
                if (pitem2) IProgressItem_Release(pitem2);
                hr = IProgressItem_get_Description(pitem, &s);
                ok(hr == S_OK && !wcscmp(s, L"\\readme.txt"), "Description %s\n", wine_dbgstr_w_(s));
                SysFreeString(s);
                ok(IProgressItem_get_FirstBlock(pitem, NULL) == E_POINTER, "FirstBlock(NULL)\n");
                ok(IProgressItem_get_Description(pitem, NULL) == E_POINTER, "Description(NULL)\n");
                IProgressItem_Release(pitem);
            }
            name = bstr(L"\\data\\four.bin");
            hr = IProgressItems_ProgressItemFromDescription(progress, name, &pitem);
            ok(hr == S_OK, "ProgressItemFromDescription %#lx\n", hr);
            SysFreeString(name);
            if (SUCCEEDED(hr))
            {
                IProgressItem_get_BlockCount(pitem, &count);
                ok(count == 4, "four.bin blocks %lu\n", count);
                IProgressItem_Release(pitem);
            }
            hr = IProgressItems_ProgressItemFromBlock(progress, 0, &pitem);
            ok(hr == E_INVALIDARG, "block 0 holds no file: %#lx\n", hr);
            hr = IProgressItems_get_Item(progress, 2, &pitem);
            ok(hr == E_INVALIDARG, "Item(2) %#lx\n", hr);
            hr = IProgressItems_get_Item(progress, -1, &pitem);
            ok(hr == E_INVALIDARG, "Item(-1) %#lx\n", hr);
            hr = IProgressItems_get_Item(progress, 0, &pitem);
            ok(hr == S_OK, "Item(0) %#lx\n", hr);
            hr = IProgressItems_get_Item(progress, 1, &pitem2);
            ok(hr == S_OK, "Item(1) %#lx\n", hr);
            if (pitem && pitem2)
            {
                IProgressItem_get_LastBlock(pitem, &last);
                IProgressItem_get_FirstBlock(pitem2, &first);
                ok(first > last, "items not in block order: %lu after %lu\n", first, last);
            }
            if (pitem) IProgressItem_Release(pitem);
            if (pitem2) IProgressItem_Release(pitem2);
            hr = IProgressItems_get_EnumProgressItems(progress, &epi);
            ok(hr == S_OK, "EnumProgressItems %#lx\n", hr);
            if (SUCCEEDED(hr))
            {
                IProgressItem *two[3] = { NULL };
                /* COM: pceltFetched may be NULL only for celt 1 (spec 3.9) */
                hr = IEnumProgressItems_Next(epi, 2, two, NULL);
                ok(hr == E_INVALIDARG && !two[0], "Next(2) with NULL pceltFetched %#lx\n", hr);
                ok(IEnumProgressItems_Next(epi, 1, NULL, &n) == E_POINTER, "Next with NULL rgelt\n");
                hr = IEnumProgressItems_Next(epi, 3, two, &n);
                ok(hr == S_OK && n == 2, "Next %#lx %lu\n", hr, n);
                while (n) { n--; IProgressItem_Release(two[n]); }
                hr = IEnumProgressItems_Next(epi, 1, two, &n);
                ok(hr == S_FALSE && n == 0, "Next at the end %#lx %lu\n", hr, n);
                IEnumProgressItems_Release(epi);
            }

            ok(IProgressItems_Release(progress) == 0, "progress items not released\n");
        }
        IStream_Release(copy);
        free(buf);
        ok(IStream_Release(stream) == 0, "stream not released\n");
    }

    /* VolumeName generated when none was set */
    ok(IFileSystemImage3_put_VolumeName(image, NULL) == S_OK, "clear VolumeName\n");
    IFileSystemImageResult_Release(result);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        hr = IFileSystemImage3_get_VolumeName(image, &s);
        ok(hr == S_OK && s && wcslen(s) == 15, "generated VolumeName %s (<= 15 characters, from the date)\n",
           wine_dbgstr_w_(s));
        SysFreeString(s);
        IFileSystemImageResult_Release(result);
    }
    /* UDF alone */
    IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemUDF);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "UDF-only image %#lx\n", hr);
    if (SUCCEEDED(hr)) IFileSystemImageResult_Release(result);
done:
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

struct reader
{
    IStream *stream;
    DWORD total;
    ULONGLONG sum;
    HRESULT hr;
};

static DWORD WINAPI read_stream_thread(void *arg)
{
    struct reader *r = arg;
    BYTE *buf = malloc(65536);
    ULONG n, i;

    do
    {
        r->hr = IStream_Read(r->stream, buf, 65536, &n);
        for (i = 0; i < n; i++) r->sum = r->sum * 31 + buf[i] + (r->total + i);
        r->total += n;
    } while (r->hr == S_OK && n);
    free(buf);
    return 0;
}

/* The image stream outlives its result and the image, and is read on other threads
 * (ThreadingModel Both: a burner reads it on its own thread), two clones at once over
 * a client stream that cannot be cloned: both must read the same bytes. */
static void test_stream_threads(void)
{
    IFileSystemImage3 *image = create_image();
    IFileSystemImageResult *result;
    IFsiDirectoryItem *root;
    IStream *data;
    struct reader r[3];
    HANDLE threads[2];
    LONG total = 0;
    HRESULT hr;
    int i;

    if (!image) return;
    memset(r, 0, sizeof(r));
    root = get_root(image);
    data = test_stream_any(3 * 1024 * 1024 + 5);
    ok(add_file(root, L"three-mb.bin", data) == S_OK, "AddFile\n");
    IStream_Release(data);
    data = test_stream_any(700000);
    ok(add_file(root, L"second.bin", data) == S_OK, "AddFile\n");
    IStream_Release(data);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %#lx\n", hr);
    if (FAILED(hr)) return;
    IFileSystemImageResult_get_TotalBlocks(result, &total);
    IFileSystemImageResult_get_ImageStream(result, &r[0].stream);
    IStream_Clone(r[0].stream, &r[1].stream);
    IFileSystemImageResult_get_ImageStream(result, &r[2].stream);
    IFileSystemImageResult_Release(result);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
    read_stream_thread(&r[2]);   /* alone, for reference */
    ok(r[2].hr == S_OK && r[2].total == (DWORD)total * 2048, "read %lu bytes of %ld blocks\n", r[2].total, total);
    threads[0] = CreateThread(NULL, 0, read_stream_thread, &r[0], 0, NULL);
    threads[1] = CreateThread(NULL, 0, read_stream_thread, &r[1], 0, NULL);
    WaitForMultipleObjects(2, threads, TRUE, 60000);
    for (i = 0; i < 2; i++)
    {
        CloseHandle(threads[i]);
        ok(r[i].hr == S_OK && r[i].total == r[2].total, "thread %d: %#lx, %lu bytes\n", i, r[i].hr, r[i].total);
        ok(r[i].sum == r[2].sum, "thread %d read other bytes\n", i);
    }
    for (i = 0; i < 3; i++) ok(IStream_Release(r[i].stream) == 0, "stream %d not released\n", i);
}

/* A source that changes size after it was added; an item of another image. */
static void test_sources(void)
{
    IFileSystemImage3 *image = create_image(), *other = create_image();
    IFileSystemImageResult *result;
    IFsiDirectoryItem *root;
    IFsiFileItem *foreign;
    IStream *client, *stream;
    LARGE_INTEGER zero = {{0}};
    BYTE *buf;
    ULONG n, total = 0;
    BSTR name;
    HRESULT hr;

    if (!image || !other) return;
    root = get_root(image);
    name = bstr(L"foreign.txt");
    hr = IFileSystemImage3_CreateFileItem(other, name, &foreign);
    ok(hr == S_OK, "CreateFileItem %#lx\n", hr);
    SysFreeString(name);
    hr = IFsiDirectoryItem_Add(root, (IFsiItem *)foreign);
    ok(hr == IMAPI_E_INVALID_PARAM, "[undoc] item of another image: %#lx\n", hr);
    IFsiFileItem_Release(foreign);
    ok(IFileSystemImage3_Release(other) == 0, "other image not released\n");

    client = mem_stream("0123456789", 10);
    ok(add_file(root, L"grows.txt", client) == S_OK, "AddFile\n");
    IStream_Seek(client, zero, STREAM_SEEK_END, NULL);
    IStream_Write(client, "more bytes", 10, NULL);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        IFileSystemImageResult_get_ImageStream(result, &stream);
        buf = malloc(65536);
        do
        {
            hr = IStream_Read(stream, buf, 65536, &n);
            total += n;
        } while (hr == S_OK && n);
        ok(hr == IMAPI_E_DATA_STREAM_INCONSISTENCY, "source grew after AddFile: %#lx after %lu bytes\n", hr, total);
        free(buf);
        IStream_Release(stream);
        IFileSystemImageResult_Release(result);
    }
    IStream_Release(client);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* ---- trees on disk, images for the native readers ---- */

static WCHAR tmp_dir[MAX_PATH];
static FILE *manifest;

static void write_disk_file(const WCHAR *dir, const WCHAR *name, const char *data, size_t len, DWORD attrs)
{
    WCHAR path[MAX_PATH];
    HANDLE h;
    DWORD done;

    swprintf(path, MAX_PATH, L"%ls\\%ls", dir, name);
    h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(h != INVALID_HANDLE_VALUE, "cannot create %s: %lu\n", wine_dbgstr_w_(path), GetLastError());
    if (h == INVALID_HANDLE_VALUE) return;
    if (len) WriteFile(h, data, (DWORD)len, &done, NULL);
    CloseHandle(h);
    if (attrs) SetFileAttributesW(path, attrs);
}

static void make_tree(const WCHAR *base)
{
    WCHAR path[MAX_PATH];
    char *big;
    size_t i;

    CreateDirectoryW(base, NULL);
    write_disk_file(base, L"readme.txt", "top level file\n", 15, 0);
    write_disk_file(base, L"empty.dat", "", 0, 0);
    write_disk_file(base, L"A Long File Name With Spaces.text", "long name\n", 10, 0);
    write_disk_file(base, L"hidden.txt", "hidden\n", 7, FILE_ATTRIBUTE_HIDDEN);
    swprintf(path, MAX_PATH, L"%ls\\sub", base);
    CreateDirectoryW(path, NULL);
    big = malloc(300000);
    for (i = 0; i < 300000; i++) big[i] = (char)(i * 31 + (i >> 11));
    write_disk_file(path, L"big.bin", big, 300000, 0);
    free(big);
    write_disk_file(path, L"\x00e9t\x00e9 \x65e5\x672c.txt", "unicode\n", 8, 0);
    swprintf(path, MAX_PATH, L"%ls\\sub\\deeper", base);
    CreateDirectoryW(path, NULL);
    write_disk_file(path, L"c.txt", "deeper file\n", 12, 0);
    swprintf(path, MAX_PATH, L"%ls\\emptydir", base);
    CreateDirectoryW(path, NULL);
}

static void save_image(IFileSystemImage3 *image, const WCHAR *file, ULONGLONG *size)
{
    IFileSystemImageResult *result;
    IStream *stream;
    WCHAR path[MAX_PATH];
    HANDLE h;
    BYTE *buf;
    ULONG n;
    DWORD done;
    HRESULT hr;

    *size = 0;
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %#lx\n", hr);
    if (FAILED(hr)) return;
    hr = IFileSystemImageResult_get_ImageStream(result, &stream);
    ok(hr == S_OK, "ImageStream %#lx\n", hr);
    swprintf(path, MAX_PATH, L"%ls\\%ls", tmp_dir, file);
    h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(h != INVALID_HANDLE_VALUE, "cannot create %s\n", wine_dbgstr_w_(path));
    buf = malloc(65536);
    while (SUCCEEDED(hr) && h != INVALID_HANDLE_VALUE)
    {
        hr = IStream_Read(stream, buf, 65536, &n);
        ok(SUCCEEDED(hr), "Read %#lx\n", hr);
        if (!n) break;
        WriteFile(h, buf, n, &done, NULL);
        *size += n;
    }
    free(buf);
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
    IStream_Release(stream);
    IFileSystemImageResult_Release(result);
}

/* Run a shell script with the Unix shell Wine can start (names Windows cannot create:
 * case clashes, ':', '?', a trailing dot). FALSE on Windows, where there is none. */
static BOOL run_unix_script(const char *unix_tmp, const char *name, const char *text)
{
    STARTUPINFOA si = { sizeof(si) };
    PROCESS_INFORMATION pi;
    char cmd[MAX_PATH * 2];
    WCHAR path[MAX_PATH], done[MAX_PATH];
    unsigned i;
    FILE *f;

    /* Wine gives no exit code for a Unix process: the script leaves <name>.done last */
    swprintf(path, MAX_PATH, L"%ls\\%hs", tmp_dir, name);
    swprintf(done, MAX_PATH, L"%ls.done", path);
    DeleteFileW(done);
    if (!(f = _wfopen(path, L"wb"))) return FALSE;
    fputs(text, f);
    fprintf(f, ": > \"$0.done\"\n");
    fclose(f);
    snprintf(cmd, sizeof(cmd), "/bin/sh %s/%s", unix_tmp, name);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return FALSE;
    WaitForSingleObject(pi.hProcess, 30000);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    for (i = 0; i < 100 && GetFileAttributesW(done) == INVALID_FILE_ATTRIBUTES; i++) Sleep(100);
    return GetFileAttributesW(done) != INVALID_FILE_ATTRIBUTES;
}

static void check_item_data(IFsiDirectoryItem *root, const WCHAR *path, const char *want)
{
    IFsiItem *item;
    IFsiFileItem *file;
    IStream *data;
    char buf[64] = {0};
    ULONG n = 0;
    HRESULT hr = get_item(root, path, &item);

    ok(hr == S_OK, "%s is not in the image: %#lx\n", wine_dbgstr_w_(path), hr);
    if (FAILED(hr)) return;
    if (SUCCEEDED(IFsiItem_QueryInterface(item, &IID_IFsiFileItem, (void **)&file)))
    {
        if (SUCCEEDED(hr = IFsiFileItem_get_Data(file, &data)))
        {
            hr = IStream_Read(data, buf, sizeof(buf) - 1, &n);
            IStream_Release(data);
        }
        ok(SUCCEEDED(hr) && !strcmp(buf, want), "%s holds [%s] (%#lx), expected [%s]\n", wine_dbgstr_w_(path), buf,
           hr, want);
        IFsiFileItem_Release(file);
    }
    else ok(0, "%s is not a file\n", wine_dbgstr_w_(path));
    IFsiItem_Release(item);
}

/* Issue 16: names a Linux folder holds and Windows cannot. Every file is kept under a
 * conformed, unique name (core/fs fs_conform.h): CaseA.txt + casea.txt -> casea~1.txt,
 * forbidden characters and a trailing dot or space -> '_'. The data is read at add time
 * already (a failure then, not while the image is written). The image goes to the
 * native readers with the tree it must show (fscom-names-want). */
static void test_add_tree_names(const char *unix_tmp)
{
    static const struct { const WCHAR *item; const char *data; } want[] =
    {
        { L"CaseA.txt", "upper" },
        { L"casea~1.txt", "lower" },
        { L"Song_ Title.mp3", "song" },
        { L"notes_", "dot" },
        { L"trail_", "space" },
        { L"q______.txt", "marks" },
        { L"a_b.txt", "underscore" },
        { L"a_b~1.txt", "colon" },
        { L"Dir\\x.txt", "Dir" },
        { L"dir~1\\x.txt", "dir" },
        { L"Dots_\\in.txt", "in" },
    };
    static const char script[] =
        "set -e\n"
        "d=\"$(dirname \"$0\")/fscom-names\"\n"
        "rm -rf \"$d\"; mkdir -p \"$d/Dir\" \"$d/dir\" \"$d/Dots.\"\n"
        "printf upper > \"$d/CaseA.txt\"; printf lower > \"$d/casea.txt\"\n"
        "printf song > \"$d/Song: Title.mp3\"; printf dot > \"$d/notes.\"; printf space > \"$d/trail \"\n"
        "printf marks > \"$d/q?\\\"<>|*.txt\"; printf underscore > \"$d/a_b.txt\"; printf colon > \"$d/a:b.txt\"\n"
        "printf Dir > \"$d/Dir/x.txt\"; printf dir > \"$d/dir/x.txt\"; printf in > \"$d/Dots./in.txt\"\n";
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    IErrorInfo *info;
    WCHAR src[MAX_PATH], wantdir[MAX_PATH], path[MAX_PATH];
    ULONGLONG size;
    unsigned i;
    LONG l;
    BSTR b, desc;
    HRESULT hr;

    if (!run_unix_script(unix_tmp, "fscom-names.sh", script))
    {
        skip("no Unix shell to make names Windows cannot create (not under Wine)\n");
        return;
    }
    swprintf(src, MAX_PATH, L"%ls\\fscom-names", tmp_dir);
    image = create_image();
    if (!image) return;
    root = get_root(image);
    b = bstr(src);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree of a folder with Linux names %#lx\n", hr);
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == ARRAY_SIZE(want), "FileCount %ld, the folder holds %u files\n", l, (unsigned)ARRAY_SIZE(want));
    hr = IFileSystemImage3_get_DirectoryCount(image, &l);
    ok(hr == S_OK && l == 3, "DirectoryCount %ld\n", l);
    for (i = 0; i < ARRAY_SIZE(want); i++) check_item_data(root, want[i].item, want[i].data);

    /* the same folder again: the kept names replace themselves, nothing doubles */
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree again %#lx\n", hr);
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == ARRAY_SIZE(want), "FileCount after adding again %ld\n", l);
    SysFreeString(b);

    /* the tree the readers must find */
    swprintf(wantdir, MAX_PATH, L"%ls\\fscom-names-want", tmp_dir);
    CreateDirectoryW(wantdir, NULL);
    for (i = 0; i < ARRAY_SIZE(want); i++)
    {
        const WCHAR *slash = wcschr(want[i].item, '\\');
        if (slash)
        {
            swprintf(path, MAX_PATH, L"%ls\\%.*ls", wantdir, (int)(slash - want[i].item), want[i].item);
            CreateDirectoryW(path, NULL);
        }
        write_disk_file(wantdir, want[i].item, want[i].data, strlen(want[i].data), 0);
    }
    save_image(image, L"fscom-names.iso", &size);
    if (manifest) fprintf(manifest, "fscom-names.iso %s/fscom-names-want\n", unix_tmp);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");

    /* a refusal names the file: UseRestrictedCharacterSet and a name outside ANSI */
    swprintf(src, MAX_PATH, L"%ls\\fscom-restricted", tmp_dir);
    CreateDirectoryW(src, NULL);
    write_disk_file(src, L"plain.txt", "plain", 5, 0);
    write_disk_file(src, L"\x03a9mega.txt", "omega", 5, 0);
    image = create_image();
    root = get_root(image);
    IFileSystemImage3_put_UseRestrictedCharacterSet(image, VARIANT_TRUE);
    b = bstr(src);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == IMAPI_E_RESTRICTED_NAME_VIOLATION, "AddTree with a non-ANSI name %#lx\n", hr);
    SysFreeString(b);
    hr = GetErrorInfo(0, &info);
    ok(hr == S_OK, "no error info: %#lx\n", hr);
    if (hr == S_OK)
    {
        desc = NULL;
        IErrorInfo_GetDescription(info, &desc);
        ok(desc && wcsstr(desc, L"\x03a9mega.txt") && wcsstr(desc, L"fscom-restricted"),
           "description does not name the file: %s\n", wine_dbgstr_w_(desc));
        SysFreeString(desc);
        IErrorInfo_Release(info);
    }
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == 0, "the failed AddTree left %ld files\n", l);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

static void test_add_tree(void)
{
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    IFsiDirectoryItem2 *dir2;
    IFsiItem *item;
    struct event_sink sink = {{0}};
    IConnectionPoint *cp;
    WCHAR src[MAX_PATH], path[MAX_PATH];
    char unix_tmp[MAX_PATH];
    const char *env;
    VARIANT_BOOL vb;
    ULONGLONG size;
    DWORD cookie;
    LONG l, before;
    BSTR b;
    HRESULT hr;

    if (!GetEnvironmentVariableW(L"IMAPI_TEST_TMP_WIN", tmp_dir, MAX_PATH))
    {
        skip("IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)\n");
        return;
    }
    env = getenv("IMAPI_TEST_TMP");
    lstrcpynA(unix_tmp, env ? env : "", MAX_PATH);
    swprintf(path, MAX_PATH, L"%ls\\fscom-images.txt", tmp_dir);
    manifest = _wfopen(path, L"a");   /* other tests (format_data) list their images too; the runner empties the folder */
    ok(manifest != NULL, "cannot write the manifest\n");

    swprintf(src, MAX_PATH, L"%ls\\fscom-tree", tmp_dir);
    make_tree(src);

    /* contents only */
    image = create_image();
    if (!image) return;
    root = get_root(image);
    cp = advise(image, &sink, &cookie);
    b = bstr(src);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree %#lx\n", hr);
    ok(sink.calls >= 6, "Update fired %d times for 6 files\n", sink.calls);
    ok(!sink.bad_args, "bad Update arguments\n");
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == 7, "FileCount %ld\n", l);
    hr = IFileSystemImage3_get_DirectoryCount(image, &l);
    ok(hr == S_OK && l == 3, "DirectoryCount %ld\n", l);
    hr = IFileSystemImage3_get_ChangePoint(image, &l);
    ok(hr == S_OK && l == 1, "AddTree is one change point: %ld\n", l);
    hr = get_item(root, L"sub\\big.bin", &item);
    ok(hr == S_OK, "sub\\big.bin %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        IFsiFileItem *file;
        LONGLONG sz;
        IFsiItem_QueryInterface(item, &IID_IFsiFileItem, (void **)&file);
        ok(IFsiFileItem_get_DataSize(file, &sz) == S_OK && sz == 300000, "size %I64d\n", sz);
        IFsiFileItem_Release(file);
        IFsiItem_Release(item);
    }
    hr = get_item(root, L"hidden.txt", &item);
    ok(hr == S_OK, "hidden.txt %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        ok(IFsiItem_get_IsHidden(item, &vb) == S_OK && vb == VARIANT_TRUE, "hidden flag from disk %d\n", vb);
        IFsiItem_Release(item);
    }
    /* a second AddTree over the same names: the disk wins, directories merge */
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree again %#lx\n", hr);
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == 7, "FileCount after merging %ld\n", l);
    save_image(image, L"fscom-tree.iso", &size);
    ok(size > 300000, "image size %I64u\n", size);
    if (manifest) fprintf(manifest, "fscom-tree.iso %s/fscom-tree\n", unix_tmp);

    /* atomic: a failure rolls the whole AddTree back */
    hr = IFileSystemImage3_get_FileCount(image, &before);
    hr = IFsiDirectoryItem_RemoveTree(root, NULL);
    ok(hr == IMAPI_E_INVALID_PARAM, "RemoveTree(NULL) %#lx\n", hr);
    {
        BSTR all = bstr(L"\\");
        IFsiDirectoryItem_RemoveTree(root, all);
        SysFreeString(all);
    }
    ok(add_dir(root, L"keep") == S_OK, "AddDirectory\n");
    hr = IFileSystemImage3_put_FreeMediaBlocks(image, 100);   /* the tree's data needs about 155 */
    ok(hr == S_OK, "put_FreeMediaBlocks %#lx\n", hr);
    IFileSystemImage3_get_ChangePoint(image, &before);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == IMAPI_E_IMAGE_SIZE_LIMIT, "AddTree past FreeMediaBlocks %#lx\n", hr);
    hr = IFileSystemImage3_get_FileCount(image, &l);
    ok(hr == S_OK && l == 0, "partial AddTree left %ld files\n", l);
    hr = IFileSystemImage3_get_ChangePoint(image, &l);
    ok(hr == S_OK && l == before, "ChangePoint %ld, expected %ld\n", l, before);
    hr = IFileSystemImage3_get_DirectoryCount(image, &l);
    ok(hr == S_OK && l == 1, "DirectoryCount %ld\n", l);
    IFileSystemImage3_put_FreeMediaBlocks(image, 0);

    /* bad sources */
    ok(IFsiDirectoryItem_AddTree(root, NULL, VARIANT_FALSE) == IMAPI_E_INVALID_PARAM, "AddTree(NULL)\n");
    SysFreeString(b);
    swprintf(path, MAX_PATH, L"%ls\\does-not-exist", tmp_dir);
    b = bstr(path);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(FAILED(hr), "missing source %#lx\n", hr);
    SysFreeString(b);
    swprintf(path, MAX_PATH, L"%ls\\readme.txt", src);
    b = bstr(path);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(FAILED(hr), "a file as source %#lx\n", hr);
    SysFreeString(b);

    if (cp)
    {
        IConnectionPoint_Unadvise(cp, cookie);
        IConnectionPoint_Release(cp);
    }
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");

    /* with the base directory, ISO9660 level 1, a volume name */
    image = create_image();
    root = get_root(image);
    b = bstr(src);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_TRUE);
    ok(hr == S_OK, "AddTree with base %#lx\n", hr);
    SysFreeString(b);
    hr = IFsiDirectoryItem_get_Count(root, &l);
    ok(hr == S_OK && l == 1, "root Count %ld\n", l);
    hr = get_item(root, L"fscom-tree\\sub\\deeper\\c.txt", &item);
    ok(hr == S_OK, "base directory kept: %#lx\n", hr);
    if (SUCCEEDED(hr)) IFsiItem_Release(item);
    IFileSystemImage3_put_ISO9660InterchangeLevel(image, 1);
    b = bstr(L"FSCOM_BASE");
    IFileSystemImage3_put_VolumeName(image, b);
    SysFreeString(b);
    save_image(image, L"fscom-base.iso", &size);
    if (manifest) fprintf(manifest, "fscom-base.iso %s/fscom-tree base FSCOM_BASE\n", unix_tmp);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");

    /* AddTreeWithNamedStreams: streams kept, not written without UDF >= 2.00 */
    image = create_image();
    root = get_root(image);
    if (SUCCEEDED(IFsiDirectoryItem_QueryInterface(root, &IID_IFsiDirectoryItem2, (void **)&dir2)))
    {
        b = bstr(src);
        hr = IFsiDirectoryItem2_AddTreeWithNamedStreams(dir2, b, VARIANT_FALSE);
        ok(hr == IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED, "AddTreeWithNamedStreams without UDF: %#lx\n", hr);
        hr = IFileSystemImage3_get_FileCount(image, &l);
        ok(hr == S_OK && l == 7, "FileCount %ld\n", l);
        IFsiDirectoryItem_RemoveTree(root, NULL);
        {
            BSTR all = bstr(L"\\");
            IFsiDirectoryItem_RemoveTree(root, all);
            SysFreeString(all);
        }
        ok(SUCCEEDED(IFileSystemImage3_put_FileSystemsToCreate(image, 7)), "ISO9660|Joliet|UDF\n");
        ok(IFileSystemImage3_put_UDFRevision(image, 0x201) == S_OK, "UDF 2.01\n");
        hr = IFsiDirectoryItem2_AddTreeWithNamedStreams(dir2, b, VARIANT_TRUE);
        ok(hr == S_OK, "AddTreeWithNamedStreams with UDF 2.01: %#lx\n", hr);
        SysFreeString(b);
        IFsiDirectoryItem2_Release(dir2);
    }
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");

    /* ISO9660 only: no Joliet descriptor, mangled names */
    image = create_image();
    root = get_root(image);
    b = bstr(src);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree %#lx\n", hr);
    SysFreeString(b);
    IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660);
    save_image(image, L"fscom-iso.iso", &size);
    if (manifest) fprintf(manifest, "fscom-iso.iso %s/fscom-tree isoonly\n", unix_tmp);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");

    test_add_tree_names(unix_tmp);

    if (manifest) fclose(manifest);
    manifest = NULL;
}

/* IStream::CopyTo of an image with big files from disk: core/fs copies their data
 * straight from mappings of the files (FS_IMAGE_VIEW_MIN and up), so check the bytes
 * against Read for whole and partial ranges, into a memory stream and into Wine's file
 * stream (SHCreateStreamOnFileEx), and the HRESULTs when a file changed on disk. */
static BYTE *read_whole(IStream *stream, ULONGLONG size)
{
    LARGE_INTEGER zero = {{0}};
    BYTE *buf = malloc((size_t)size);
    ULONG n;
    HRESULT hr;
    IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
    hr = IStream_Read(stream, buf, (ULONG)size, &n);
    ok(hr == S_OK && n == size, "Read %#lx %lu\n", hr, n);
    return buf;
}

static BOOL hglobal_equals(IStream *mem, const BYTE *expect, ULONGLONG len)
{
    HGLOBAL hg;
    STATSTG st;
    BOOL same = FALSE;
    if (FAILED(GetHGlobalFromStream(mem, &hg)) || FAILED(IStream_Stat(mem, &st, STATFLAG_NONAME))) return FALSE;
    if (st.cbSize.QuadPart == len)
    {
        same = !memcmp(GlobalLock(hg), expect, (size_t)len);
        GlobalUnlock(hg);
    }
    return same;
}

static void set_file_size(const WCHAR *path, LONGLONG size)
{
    HANDLE h = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    LARGE_INTEGER pos;
    ok(h != INVALID_HANDLE_VALUE, "open %s\n", wine_dbgstr_w_(path));
    pos.QuadPart = size;
    ok(SetFilePointerEx(h, pos, NULL, FILE_BEGIN) && SetEndOfFile(h), "resize %s\n", wine_dbgstr_w_(path));
    CloseHandle(h);
}

static void test_copy_to(void)
{
    static const struct { const WCHAR *name; size_t len; } files[] = {
        { L"a-small.txt", 100 }, { L"b-big.bin", 3 * 1024 * 1024 + 5 }, { L"c-small.bin", 70000 },
        { L"d-exact.bin", 1024 * 1024 }, { L"e-empty.dat", 0 }, { L"f-big.bin", 2 * 1024 * 1024 + 2047 },
    };
    IFileSystemImage3 *image;
    IFileSystemImageResult *result;
    IFsiDirectoryItem *root;
    IStream *stream, *mem, *file;
    WCHAR src[MAX_PATH], path[MAX_PATH];
    ULARGE_INTEGER cb, cbr, cbw;
    LARGE_INTEGER pos;
    STATSTG st;
    ULONGLONG size;
    BYTE *expect, *data;
    size_t i, k;
    HRESULT hr;
    BSTR b;

    if (!tmp_dir[0]) return;   /* test_add_tree said why */
    swprintf(src, MAX_PATH, L"%ls\\fscom-copy", tmp_dir);
    CreateDirectoryW(src, NULL);
    data = malloc(4 * 1024 * 1024);
    for (k = 0; k < 4 * 1024 * 1024; k++) data[k] = (BYTE)(k * 13 + (k >> 12));
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) write_disk_file(src, files[i].name, (char *)data + i, files[i].len, 0);
    free(data);

    image = create_image();
    root = get_root(image);
    b = bstr(src);
    hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    ok(hr == S_OK, "AddTree %#lx\n", hr);
    SysFreeString(b);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %#lx\n", hr);
    if (FAILED(hr)) goto done;
    IFileSystemImageResult_get_ImageStream(result, &stream);
    IStream_Stat(stream, &st, STATFLAG_NONAME);
    size = st.cbSize.QuadPart;
    ok(size > 6 * 1024 * 1024 && size % 2048 == 0, "image size %I64u\n", size);
    expect = read_whole(stream, size);

    /* the whole image, asking for more than there is */
    pos.QuadPart = 0;
    IStream_Seek(stream, pos, STREAM_SEEK_SET, NULL);
    mem = mem_stream(NULL, 0);
    cb.QuadPart = size + 12345;
    hr = IStream_CopyTo(stream, mem, cb, &cbr, &cbw);
    ok(hr == S_OK && cbr.QuadPart == size && cbw.QuadPart == size, "CopyTo %#lx %I64u %I64u\n", hr,
       cbr.QuadPart, cbw.QuadPart);
    ok(hglobal_equals(mem, expect, size), "CopyTo gives other bytes than Read\n");
    IStream_Release(mem);

    /* ranges that start and end inside files, small and big, and the position after */
    for (k = 0; k < 4; k++)
    {
        static const ULONGLONG starts[] = { 1, 40000 + 3, 0x100000 + 7, 0 };
        ULARGE_INTEGER now;
        ULONGLONG start = k < 3 ? starts[k] : size / 2 + 1, len = k % 2 ? 2 * 1024 * 1024 + 11 : size / 3;
        pos.QuadPart = start;
        IStream_Seek(stream, pos, STREAM_SEEK_SET, NULL);
        mem = mem_stream(NULL, 0);
        cb.QuadPart = len;
        hr = IStream_CopyTo(stream, mem, cb, &cbr, &cbw);
        ok(hr == S_OK && cbr.QuadPart == len && cbw.QuadPart == len, "CopyTo at %I64u: %#lx %I64u %I64u\n",
           start, hr, cbr.QuadPart, cbw.QuadPart);
        ok(hglobal_equals(mem, expect + start, len), "CopyTo at %I64u gives other bytes than Read\n", start);
        pos.QuadPart = 0;
        IStream_Seek(stream, pos, STREAM_SEEK_CUR, &now);
        ok(now.QuadPart == start + len, "position after CopyTo %I64u\n", now.QuadPart);
        IStream_Release(mem);
    }

    /* into Wine's file stream, as a program writing an .iso would */
    swprintf(path, MAX_PATH, L"%ls\\fscom-copy.iso", tmp_dir);
    hr = SHCreateStreamOnFileEx(path, STGM_CREATE | STGM_WRITE, FILE_ATTRIBUTE_NORMAL, TRUE, NULL, &file);
    ok(hr == S_OK, "SHCreateStreamOnFileEx %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        HANDLE h;
        DWORD got = 0;
        BYTE *back = malloc((size_t)size);
        pos.QuadPart = 0;
        IStream_Seek(stream, pos, STREAM_SEEK_SET, NULL);
        cb.QuadPart = ~0ull;
        hr = IStream_CopyTo(stream, file, cb, &cbr, &cbw);
        ok(hr == S_OK && cbr.QuadPart == size && cbw.QuadPart == size, "CopyTo file %#lx %I64u\n", hr,
           cbw.QuadPart);
        IStream_Release(file);
        h = CreateFileW(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
        ReadFile(h, back, (DWORD)size, &got, NULL);
        CloseHandle(h);
        ok(got == size && !memcmp(back, expect, (size_t)size), "the file has other bytes (%lu)\n", got);
        DeleteFileW(path);
        free(back);
    }

    /* a big file that shrank or grew on disk: the HRESULTs reading gives */
    for (k = 0; k < 2; k++)
    {
        swprintf(path, MAX_PATH, L"%ls\\%ls", src, files[1].name);
        set_file_size(path, files[1].len + (k ? 4096 : -4096));
        pos.QuadPart = 0;
        IStream_Seek(stream, pos, STREAM_SEEK_SET, NULL);
        mem = mem_stream(NULL, 0);
        cb.QuadPart = size;
        hr = IStream_CopyTo(stream, mem, cb, &cbr, &cbw);
        ok(hr == IMAPI_E_DATA_STREAM_INCONSISTENCY, "CopyTo after the file %s: %#lx\n", k ? "grew" : "shrank", hr);
        ok(cbr.QuadPart < size && cbw.QuadPart <= cbr.QuadPart, "CopyTo counts %I64u %I64u\n", cbr.QuadPart,
           cbw.QuadPart);
        IStream_Release(mem);
    }
    free(expect);
    IStream_Release(stream);
    IFileSystemImageResult_Release(result);
done:
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

START_TEST(fsimage)
{
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_image_defaults();
    test_image_properties();
    test_media_defaults();
    test_multisession_args();
    /* IBootOptions and the boot members: boot_options.c */
    test_items();
    test_depth_and_change_points();
    test_events();
    test_result();
    test_unwritten_features();
    test_sources();
    test_stream_threads();
    test_add_tree();
    test_copy_to();
    CoUninitialize();
}
