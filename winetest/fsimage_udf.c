/*
 * Conformance tests of UDF in IMAPI2FS's MsftFileSystemImage: FileSystemsToCreate /
 * FileSystemsSupported with UDF, UDFRevision / UDFRevisionsSupported,
 * CreateRedundantUdfMetadataFiles, ChooseImageDefaultsForMediaType's table (file
 * systems and UDF revision per media type), the limits that hold only while ISO9660 is
 * written, IsRealTime, named streams (UDF 2.00+ stream directories), and
 * IIsoImageManager::Validate on UDF images, whole and cut.
 *
 * Images of every revision, UDF alone and bridged with ISO9660 + Joliet, are written to
 * %IMAPI_TEST_TMP_WIN%\fscom-udf-*.img with a manifest (fscom-udf.txt: image, source
 * tree, revision, file systems, redundant metadata); tests/fscom/verify_images.sh
 * judges them with 7z -tudf, udfinfo, libudfread and pycdlib.
 *
 * Where the reference leaves a result open ([undoc] in the spec), the check asserts
 * the choice written beside our implementation and says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <ole2.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"
#include "test.h"
#include "fsi_test.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static const LONG revisions[] = { 0x102, 0x150, 0x200, 0x201, 0x250, 0x260 };
static WCHAR tmp_dir[MAX_PATH];
static char unix_tmp[MAX_PATH];

static BSTR bstr(const WCHAR *s) { return SysAllocString(s); }

static IStream *mem_stream_bytes(const void *data, size_t len)
{
    IStream *stream = NULL;
    LARGE_INTEGER zero = {{0}};
    ok(CreateStreamOnHGlobal(NULL, TRUE, &stream) == S_OK, "CreateStreamOnHGlobal\n");
    if (stream && len) IStream_Write(stream, data, (ULONG)len, NULL);
    if (stream) IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
    return stream;
}

static HRESULT add_stream_file(IFsiDirectoryItem *dir, const WCHAR *path, IStream *data)
{
    BSTR b = bstr(path);
    HRESULT hr = IFsiDirectoryItem_AddFile(dir, b, data);
    SysFreeString(b);
    return hr;
}

static HRESULT add_dir(IFsiDirectoryItem *dir, const WCHAR *path)
{
    BSTR b = bstr(path);
    HRESULT hr = IFsiDirectoryItem_AddDirectory(dir, b);
    SysFreeString(b);
    return hr;
}

static void test_properties(void)
{
    IFileSystemImage3 *image = create_image();
    FsiFileSystems fs;
    SAFEARRAY *sa = NULL;
    VARIANT_BOOL vb;
    LONG l, lb, ub, i;
    HRESULT hr;

    if (!image) return;
    hr = IFileSystemImage3_get_FileSystemsSupported(image, &fs);
    ok(hr == S_OK && fs == (FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF),
       "FileSystemsSupported %#lx %#x\n", hr, fs);

    /* UDFRevisionsSupported: VT_VARIANT elements holding VT_I4, 1.02 .. 2.60 */
    hr = IFileSystemImage3_get_UDFRevisionsSupported(image, &sa);
    ok(hr == S_OK && sa, "UDFRevisionsSupported %#lx\n", hr);
    if (sa)
    {
        VARTYPE vt = 0;
        SafeArrayGetVartype(sa, &vt);
        ok(vt == VT_VARIANT, "element type %d\n", vt);
        SafeArrayGetLBound(sa, 1, &lb);
        SafeArrayGetUBound(sa, 1, &ub);
        ok(lb == 0 && ub == ARRAY_SIZE(revisions) - 1, "bounds %ld..%ld\n", lb, ub);
        for (i = lb; i <= ub && i < (LONG)ARRAY_SIZE(revisions); i++)
        {
            VARIANT v;
            VariantInit(&v);
            SafeArrayGetElement(sa, &i, &v);
            ok(V_VT(&v) == VT_I4 && V_I4(&v) == revisions[i], "revision %ld: vt %d %#lx\n", i, V_VT(&v), V_I4(&v));
            VariantClear(&v);
        }
        SafeArrayDestroy(sa);
    }

    /* every listed revision is accepted; others: IMAPI_E_INVALID_PARAM (documented), value kept */
    for (i = 0; i < (LONG)ARRAY_SIZE(revisions); i++)
    {
        ok(IFileSystemImage3_put_UDFRevision(image, revisions[i]) == S_OK, "put %#lx\n", revisions[i]);
        ok(IFileSystemImage3_get_UDFRevision(image, &l) == S_OK && l == revisions[i], "get %#lx: %#lx\n", revisions[i], l);
    }
    {
        static const LONG bad[] = { 0, 0x100, 0x101, 0x103, 0x251, 0x261, 0x300, 0x102 << 16, -1 };
        for (i = 0; i < (LONG)ARRAY_SIZE(bad); i++)
        {
            hr = IFileSystemImage3_put_UDFRevision(image, bad[i]);
            ok(hr == IMAPI_E_INVALID_PARAM, "put %#lx: %#lx\n", bad[i], hr);
        }
        ok(IFileSystemImage3_get_UDFRevision(image, &l) == S_OK && l == 0x260, "kept %#lx\n", l);
    }

    /* FileSystemsToCreate: UDF alone and bridged; Joliet needs ISO9660 */
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemUDF) == S_OK, "UDF alone\n");
    ok(IFileSystemImage3_get_FileSystemsToCreate(image, &fs) == S_OK && fs == FsiFileSystemUDF, "%#x\n", fs);
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemJoliet | FsiFileSystemUDF) == IMAPI_E_INVALID_PARAM,
       "Joliet|UDF\n");
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemUDF) == S_OK, "ISO|UDF\n");
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, 7) == S_OK, "ISO|Joliet|UDF\n");

    /* CreateRedundantUdfMetadataFiles: kept always; effective from 2.50 (spec pitfall 14) */
    ok(IFileSystemImage3_put_UDFRevision(image, 0x250) == S_OK, "2.50\n");
    ok(IFileSystemImage3_put_CreateRedundantUdfMetadataFiles(image, VARIANT_TRUE) == S_OK, "redundant on 2.50\n");
    ok(IFileSystemImage3_put_UDFRevision(image, 0x260) == S_OK, "2.60\n");
    ok(IFileSystemImage3_put_CreateRedundantUdfMetadataFiles(image, VARIANT_TRUE) == S_OK, "redundant on 2.60\n");
    ok(IFileSystemImage3_put_UDFRevision(image, 0x201) == S_OK, "2.01\n");
    hr = IFileSystemImage3_put_CreateRedundantUdfMetadataFiles(image, VARIANT_TRUE);
    ok(hr == IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED, "redundant on 2.01: %#lx\n", hr);
    ok(IFileSystemImage3_get_CreateRedundantUdfMetadataFiles(image, &vb) == S_OK && vb == VARIANT_TRUE, "kept\n");
    ok(IFileSystemImage3_put_UDFRevision(image, 0x250) == S_OK, "2.50\n");
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemJoliet) == S_OK, "no UDF\n");
    hr = IFileSystemImage3_put_CreateRedundantUdfMetadataFiles(image, VARIANT_TRUE);
    ok(hr == IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED, "redundant without UDF: %#lx\n", hr);
    ok(IFileSystemImage3_put_CreateRedundantUdfMetadataFiles(image, VARIANT_FALSE) == S_OK, "off\n");
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* [undoc] ChooseImageDefaultsForMediaType: the table beside media_type_defaults in
 * dlls/imapi2fs/fsimage.c, every physical type. */
static void test_media_table(void)
{
    static const struct { IMAPI_MEDIA_PHYSICAL_TYPE type; FsiFileSystems fs; LONG udf, blocks; } table[] =
    {
        { IMAPI_MEDIA_TYPE_CDROM, FsiFileSystemISO9660 | FsiFileSystemJoliet, 0x102, 359846 },
        { IMAPI_MEDIA_TYPE_CDR, FsiFileSystemISO9660 | FsiFileSystemJoliet, 0x102, 359846 },
        { IMAPI_MEDIA_TYPE_CDRW, FsiFileSystemISO9660 | FsiFileSystemJoliet, 0x102, 359846 },
        { IMAPI_MEDIA_TYPE_DVDROM, 7, 0x102, 2295104 },
        { IMAPI_MEDIA_TYPE_DVDRAM, 7, 0x102, 2295104 },
        { IMAPI_MEDIA_TYPE_DVDPLUSR, 7, 0x102, 2295104 },
        { IMAPI_MEDIA_TYPE_DVDPLUSRW, 7, 0x102, 2295104 },
        { IMAPI_MEDIA_TYPE_DVDDASHR, 7, 0x102, 2295104 },
        { IMAPI_MEDIA_TYPE_DVDDASHRW, 7, 0x102, 2295104 },
        { IMAPI_MEDIA_TYPE_DVDPLUSR_DUALLAYER, 7, 0x102, 4173824 },
        { IMAPI_MEDIA_TYPE_DVDDASHR_DUALLAYER, 7, 0x102, 4173824 },
        { IMAPI_MEDIA_TYPE_DVDPLUSRW_DUALLAYER, 7, 0x102, 4173824 },
        { IMAPI_MEDIA_TYPE_DISK, 7, 0x102, 0 },
        { IMAPI_MEDIA_TYPE_HDDVDROM, 7, 0x250, 7331840 },
        { IMAPI_MEDIA_TYPE_HDDVDR, 7, 0x250, 7331840 },
        { IMAPI_MEDIA_TYPE_HDDVDRAM, 7, 0x250, 7331840 },
        { IMAPI_MEDIA_TYPE_BDROM, 7, 0x250, 12219392 },
        { IMAPI_MEDIA_TYPE_BDR, 7, 0x250, 12219392 },
        { IMAPI_MEDIA_TYPE_BDRE, 7, 0x250, 12219392 },
    };
    IFileSystemImage3 *image = create_image();
    IFsiDirectoryItem *root;
    FsiFileSystems fs;
    unsigned i;
    LONG l;
    HRESULT hr;

    if (!image) return;
    for (i = 0; i < ARRAY_SIZE(table); i++)
    {
        IFileSystemImage3_put_UDFRevision(image, 0x201);
        hr = IFileSystemImage3_ChooseImageDefaultsForMediaType(image, table[i].type);
        ok(hr == S_OK, "type %d: %#lx\n", table[i].type, hr);
        ok(IFileSystemImage3_get_FileSystemsToCreate(image, &fs) == S_OK && fs == table[i].fs,
           "type %d: file systems %#x, expected %#x\n", table[i].type, fs, table[i].fs);
        ok(IFileSystemImage3_get_UDFRevision(image, &l) == S_OK && l == table[i].udf,
           "type %d: UDF revision %#lx, expected %#lx\n", table[i].type, l, table[i].udf);
        ok(IFileSystemImage3_get_FreeMediaBlocks(image, &l) == S_OK && l == table[i].blocks,
           "type %d: blocks %ld, expected %ld\n", table[i].type, l, table[i].blocks);
    }
    ok(IFileSystemImage3_ChooseImageDefaultsForMediaType(image, IMAPI_MEDIA_TYPE_UNKNOWN) == IMAPI_E_INVALID_PARAM,
       "UNKNOWN\n");
    /* A tree ISO9660 cannot hold (9 levels) on a BD: the defaults ask for ISO9660 and are
     * refused with IMAPI_E_ISO9660_LEVELS; nothing changes. */
    IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemUDF);
    IFileSystemImage3_put_UDFRevision(image, 0x201);
    root = get_root(image);
    ok(add_dir(root, L"1") == S_OK && add_dir(root, L"1\\2") == S_OK && add_dir(root, L"1\\2\\3") == S_OK
       && add_dir(root, L"1\\2\\3\\4") == S_OK && add_dir(root, L"1\\2\\3\\4\\5") == S_OK
       && add_dir(root, L"1\\2\\3\\4\\5\\6") == S_OK && add_dir(root, L"1\\2\\3\\4\\5\\6\\7") == S_OK
       && add_dir(root, L"1\\2\\3\\4\\5\\6\\7\\8") == S_OK, "9 levels with UDF alone\n");
    hr = IFileSystemImage3_ChooseImageDefaultsForMediaType(image, IMAPI_MEDIA_TYPE_BDR);
    ok(hr == IMAPI_E_ISO9660_LEVELS, "BD-R on a deep tree: %#lx\n", hr);
    ok(IFileSystemImage3_get_FileSystemsToCreate(image, &fs) == S_OK && fs == FsiFileSystemUDF, "kept %#x\n", fs);
    ok(IFileSystemImage3_get_UDFRevision(image, &l) == S_OK && l == 0x201, "revision kept %#lx\n", l);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* ISO9660's limits apply only while ISO9660 is written. */
static void test_limits(void)
{
    IFileSystemImage3 *image = create_image();
    IFileSystemImageResult *result = NULL;
    IFsiDirectoryItem *root;
    IStream *big;
    HRESULT hr;

    if (!image) return;
    root = get_root(image);
    IFileSystemImage3_put_FreeMediaBlocks(image, 0);
    big = test_stream((ULONGLONG)5 << 30, ~0ull);    /* 5 GiB: several allocation extents */
    hr = add_stream_file(root, L"huge.bin", big);
    ok(hr == IMAPI_E_DATA_TOO_BIG, "5 GiB with ISO9660: %#lx\n", hr);
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemUDF) == S_OK, "UDF alone\n");
    hr = add_stream_file(root, L"huge.bin", big);
    ok(hr == S_OK, "5 GiB with UDF alone: %#lx\n", hr);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "UDF image with a 5 GiB file: %#lx\n", hr);
    if (result)
    {
        LONG blocks = 0;
        IFileSystemImageResult_get_TotalBlocks(result, &blocks);
        ok(blocks > (5 << 19), "TotalBlocks %ld\n", blocks);
        IFileSystemImageResult_Release(result);
        result = NULL;
    }
    /* [undoc] Back to ISO9660 with a file it cannot hold: the put succeeds (it checks
     * depth and directory count only) and CreateResultImage says IMAPI_E_DATA_TOO_BIG. */
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, 7) == S_OK, "ISO|Joliet|UDF\n");
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == IMAPI_E_DATA_TOO_BIG && !result, "bridge with a 5 GiB file: %#lx\n", hr);
    IStream_Release(big);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* Whether the image of result holds bytes [0, len) at the start of one of its blocks
 * (where a file's or a named stream's data is placed). */
static BOOL image_holds(IFileSystemImageResult *result, const BYTE *bytes, size_t len)
{
    IStream *stream = NULL;
    BYTE *buf = malloc(len + 2048);
    ULONG n, have = 0;
    BOOL found = FALSE;
    HRESULT hr = IFileSystemImageResult_get_ImageStream(result, &stream);

    ok(hr == S_OK, "ImageStream %#lx\n", hr);
    /* A window of whole blocks: the candidate block and those the bytes run into. */
    while (stream && buf && !found)
    {
        hr = IStream_Read(stream, buf + have, 2048, &n);
        if (FAILED(hr) || n != 2048) break;
        have += n;
        if (have < len) continue;
        if (!memcmp(buf + have - ((len + 2047) / 2048) * 2048, bytes, len)) found = TRUE;
        memmove(buf, buf + 2048, have - 2048);
        have -= 2048;
    }
    free(buf);
    if (stream) IStream_Release(stream);
    return found;
}

/* IsRealTime from 2.01, named streams from 2.00: AddStream keeps them, from 2.00 on the
 * image records them (a stream directory per file; their bytes are in the image,
 * tests/fs/test_fs_udf_streams parses the directories), below it they are left out. */
static void test_streams_and_real_time(void)
{
    BYTE payload[3000];
    size_t i;
    IFileSystemImage3 *image = create_image();
    IFileSystemImageResult *result = NULL;
    IFsiDirectoryItem *root;
    IFsiItem *item = NULL;
    IFsiFileItem2 *file = NULL;
    IStream *data;
    BSTR name;
    HRESULT hr;

    if (!image) return;
    root = get_root(image);
    data = test_stream(5000, ~0ull);
    ok(add_stream_file(root, L"movie.m2ts", data) == S_OK, "AddFile\n");
    IStream_Release(data);
    name = bstr(L"movie.m2ts");
    hr = IFsiDirectoryItem_get_Item(root, name, &item);
    SysFreeString(name);
    ok(hr == S_OK, "Item %#lx\n", hr);
    if (item) IFsiItem_QueryInterface(item, &IID_IFsiFileItem2, (void **)&file);
    if (item) IFsiItem_Release(item);
    ok(file != NULL, "IFsiFileItem2\n");
    if (!file) goto done;

    IFileSystemImage3_put_FileSystemsToCreate(image, 7);
    IFileSystemImage3_put_UDFRevision(image, 0x200);
    hr = IFsiFileItem2_put_IsRealTime(file, VARIANT_TRUE);
    ok(hr == IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED, "IsRealTime on 2.00: %#lx\n", hr);
    IFileSystemImage3_put_UDFRevision(image, 0x201);
    hr = IFsiFileItem2_put_IsRealTime(file, VARIANT_TRUE);
    ok(hr == S_OK, "IsRealTime on 2.01: %#lx\n", hr);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "image with a real-time file: %#lx\n", hr);
    if (result) IFileSystemImageResult_Release(result);
    result = NULL;

    IFileSystemImage3_put_UDFRevision(image, 0x150);
    for (i = 0; i < sizeof(payload); i++) payload[i] = (BYTE)("named stream "[i % 13] ^ (i / 13));
    data = mem_stream_bytes(payload, sizeof(payload));
    name = bstr(L"thumb");
    hr = IFsiFileItem2_AddStream(file, name, data);
    ok(hr == IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED, "AddStream on 1.50: %#lx\n", hr);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "1.50: made without the stream (documented): %#lx\n", hr);
    if (result) ok(!image_holds(result, payload, sizeof(payload)), "1.50: the stream's bytes are in the image\n");
    if (result) IFileSystemImageResult_Release(result);
    result = NULL;
    IFileSystemImage3_put_UDFRevision(image, 0x201);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK && result, "2.01 with a named stream: %#lx\n", hr);
    if (result) ok(image_holds(result, payload, sizeof(payload)), "2.01: the stream's bytes are not in the image\n");
    if (result) IFileSystemImageResult_Release(result);
    result = NULL;
    IFileSystemImage3_put_UDFRevision(image, 0x250);
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK && result, "2.50 with a named stream: %#lx\n", hr);
    if (result) ok(image_holds(result, payload, sizeof(payload)), "2.50: the stream's bytes are not in the image\n");
    if (result) IFileSystemImageResult_Release(result);
    result = NULL;
    ok(IFsiFileItem2_RemoveStream(file, name) == S_OK, "RemoveStream\n");
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "2.50 without streams: %#lx\n", hr);
    if (result) ok(!image_holds(result, payload, sizeof(payload)), "2.50 after RemoveStream: the bytes are in the image\n");
    if (result) IFileSystemImageResult_Release(result);
    SysFreeString(name);
    IStream_Release(data);
    IFsiFileItem2_Release(file);
done:
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* [undoc] FileSystemName(UDF): the name as recorded, at most 255 bytes of OSTA
 * compressed unicode: 254 Latin-1 characters, else 127 (core/fs's cut). */
static void test_udf_names(void)
{
    IFileSystemImage3 *image = create_image();
    IFsiDirectoryItem *root;
    WCHAR name[256];
    unsigned i, k;

    if (!image) return;
    root = get_root(image);
    for (k = 0; k < 2; k++)
    {
        IStream *data = mem_stream_bytes("x", 1);
        IFsiItem *item = NULL;
        BSTR b, got = NULL;
        HRESULT hr;
        for (i = 0; i < 200; i++) name[i] = k ? (WCHAR)(0x3b1 + i % 20) : (WCHAR)('a' + i % 26);
        name[200] = 0;
        ok(add_stream_file(root, name, data) == S_OK, "AddFile %u\n", k);
        IStream_Release(data);
        b = bstr(name);
        IFsiDirectoryItem_get_Item(root, b, &item);
        SysFreeString(b);
        ok(item != NULL, "Item %u\n", k);
        if (!item) continue;
        hr = IFsiItem_FileSystemName(item, FsiFileSystemUDF, &got);
        ok(hr == S_OK && got && SysStringLen(got) == (k ? 127u : 200u) && !wcsncmp(got, name, SysStringLen(got)),
           "FileSystemName(UDF) %u: %#lx, %u characters\n", k, hr, got ? SysStringLen(got) : 0);
        SysFreeString(got);
        IFsiItem_Release(item);
    }
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* ---- images for verify_images.sh, and Validate ---- */

static void write_disk_file(const WCHAR *dir, const WCHAR *name, ULONGLONG len)
{
    WCHAR path[MAX_PATH];
    BYTE buf[4096];
    ULONGLONG done = 0;
    HANDLE h;
    DWORD n;

    swprintf(path, MAX_PATH, L"%ls\\%ls", dir, name);
    h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(h != INVALID_HANDLE_VALUE, "cannot create %ls: %lu\n", path, GetLastError());
    if (h == INVALID_HANDLE_VALUE) return;
    while (done < len)
    {
        DWORD want = len - done < sizeof(buf) ? (DWORD)(len - done) : sizeof(buf), k;
        for (k = 0; k < want; k++) buf[k] = pattern_byte(done + k + name[0]);
        WriteFile(h, buf, want, &n, NULL);
        done += want;
    }
    CloseHandle(h);
}

/* 12 levels (beyond ISO9660's 8: UDF alone only), Greek names, a long name, an empty
 * file, 300 entries in one directory. */
static void make_tree(const WCHAR *src, BOOL deep)
{
    WCHAR path[MAX_PATH], name[300];
    unsigned i;

    CreateDirectoryW(src, NULL);
    write_disk_file(src, L"readme.txt", 1000);
    write_disk_file(src, L"empty.txt", 0);
    swprintf(path, MAX_PATH, L"%ls\\\x0395\x03bb\x03bb\x03b7\x03bd\x03b9\x03ba\x03ac", src);
    CreateDirectoryW(path, NULL);
    write_disk_file(path, L"\x03b1\x03c1\x03c7\x03b5\x03af\x03bf.txt", 70000);
    for (i = 0; i < 200; i++) name[i] = (WCHAR)('a' + i % 26);
    name[200] = 0;
    write_disk_file(src, name, 10);
    swprintf(path, MAX_PATH, L"%ls\\many", src);
    CreateDirectoryW(path, NULL);
    for (i = 0; i < 300; i++)
    {
        swprintf(name, ARRAY_SIZE(name), L"entry %03u with a longer name.dat", i);
        write_disk_file(path, name, (i * 37) % 5000);
    }
    if (deep)
    {
        swprintf(path, MAX_PATH, L"%ls", src);
        for (i = 1; i <= 12; i++)
        {
            size_t len = wcslen(path);
            swprintf(path + len, MAX_PATH - len, L"\\d%u", i);
            CreateDirectoryW(path, NULL);
        }
        write_disk_file(path, L"leaf.txt", 100);
    }
}

static void test_stream_image(void);

static BOOL save_image(IFileSystemImage3 *image, const WCHAR *path, ULONGLONG *size)
{
    IFileSystemImageResult *result = NULL;
    IStream *stream = NULL;
    HANDLE h;
    BYTE *buf;
    ULONG n;
    DWORD done;
    HRESULT hr;

    *size = 0;
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %#lx\n", hr);
    if (FAILED(hr)) return FALSE;
    hr = IFileSystemImageResult_get_ImageStream(result, &stream);
    ok(hr == S_OK, "ImageStream %#lx\n", hr);
    h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(h != INVALID_HANDLE_VALUE, "cannot create %ls\n", path);
    buf = malloc(1 << 20);
    while (stream && SUCCEEDED(hr) && h != INVALID_HANDLE_VALUE)
    {
        hr = IStream_Read(stream, buf, 1 << 20, &n);
        ok(SUCCEEDED(hr), "Read %#lx\n", hr);
        if (!n) break;
        WriteFile(h, buf, n, &done, NULL);
        *size += n;
    }
    free(buf);
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
    if (stream) IStream_Release(stream);
    IFileSystemImageResult_Release(result);
    return SUCCEEDED(hr) && h != INVALID_HANDLE_VALUE;
}

static HRESULT validate(const WCHAR *path)
{
    IIsoImageManager *mgr = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftIsoImageManager, NULL, CLSCTX_INPROC_SERVER, &IID_IIsoImageManager,
                                  (void **)&mgr);
    BSTR b;
    ok(hr == S_OK, "MsftIsoImageManager %#lx\n", hr);
    if (!mgr) return hr;
    b = bstr(path);
    hr = IIsoImageManager_SetPath(mgr, b);
    ok(hr == S_OK, "SetPath %#lx\n", hr);
    SysFreeString(b);
    hr = IIsoImageManager_Validate(mgr);
    IIsoImageManager_Release(mgr);
    return hr;
}

/* Copy the first `bytes` of src into dst. */
static void cut_copy(const WCHAR *src, const WCHAR *dst, ULONGLONG bytes)
{
    HANDLE in = CreateFileW(src, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    HANDLE out = CreateFileW(dst, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    BYTE buf[65536];
    DWORD n, w;
    while (bytes && ReadFile(in, buf, bytes < sizeof(buf) ? (DWORD)bytes : sizeof(buf), &n, NULL) && n)
    {
        WriteFile(out, buf, n, &w, NULL);
        bytes -= n;
    }
    CloseHandle(in);
    CloseHandle(out);
}

static void test_images(void)
{
    WCHAR src_udf[MAX_PATH], src_bridge[MAX_PATH], path[MAX_PATH], cut[MAX_PATH];
    FILE *manifest;
    unsigned r, mode;
    const char *env;

    if (!GetEnvironmentVariableW(L"IMAPI_TEST_TMP_WIN", tmp_dir, MAX_PATH))
    {
        skip("IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)\n");
        return;
    }
    env = getenv("IMAPI_TEST_TMP");
    lstrcpynA(unix_tmp, env ? env : "", MAX_PATH);
    swprintf(src_udf, MAX_PATH, L"%ls\\fscom-udf-deep", tmp_dir);
    swprintf(src_bridge, MAX_PATH, L"%ls\\fscom-udf-tree", tmp_dir);
    make_tree(src_udf, TRUE);
    make_tree(src_bridge, FALSE);
    swprintf(path, MAX_PATH, L"%ls\\fscom-udf.txt", tmp_dir);
    manifest = _wfopen(path, L"w");
    ok(manifest != NULL, "cannot write the UDF manifest\n");

    for (r = 0; r < ARRAY_SIZE(revisions); r++)
        for (mode = 0; mode < 2; mode++)
        {
            IFileSystemImage3 *image = create_image();
            IFsiDirectoryItem *root;
            FsiFileSystems fs = mode ? 7 : FsiFileSystemUDF;
            BOOL redundant = revisions[r] >= 0x250 && ((r + mode) & 1);
            ULONGLONG size = 0;
            BSTR b;
            HRESULT hr;

            if (!image) return;
            ok(IFileSystemImage3_put_FileSystemsToCreate(image, fs) == S_OK, "fs %#x\n", fs);
            ok(IFileSystemImage3_put_UDFRevision(image, revisions[r]) == S_OK, "rev %#lx\n", revisions[r]);
            IFileSystemImage3_put_CreateRedundantUdfMetadataFiles(image, redundant ? VARIANT_TRUE : VARIANT_FALSE);
            b = bstr(L"UDF Vol \x03a9");
            ok(IFileSystemImage3_put_VolumeName(image, b) == S_OK, "VolumeName\n");
            SysFreeString(b);
            root = get_root(image);
            b = bstr(mode ? src_bridge : src_udf);
            hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
            ok(hr == S_OK, "AddTree (rev %#lx fs %#x) %#lx\n", revisions[r], fs, hr);
            SysFreeString(b);
            {
                /* readme.txt as a real-time file: recorded from 2.01 on (the readers must still read it) */
                IFsiItem *item = NULL;
                IFsiFileItem2 *file = NULL;
                b = bstr(L"readme.txt");
                IFsiDirectoryItem_get_Item(root, b, &item);
                SysFreeString(b);
                if (item) IFsiItem_QueryInterface(item, &IID_IFsiFileItem2, (void **)&file);
                ok(file != NULL, "readme.txt\n");
                if (file)
                {
                    hr = IFsiFileItem2_put_IsRealTime(file, VARIANT_TRUE);
                    ok(hr == (revisions[r] >= 0x201 ? S_OK : IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED),
                       "IsRealTime on %#lx: %#lx\n", revisions[r], hr);
                    IFsiFileItem2_Release(file);
                }
                if (item) IFsiItem_Release(item);
            }
            swprintf(path, MAX_PATH, L"%ls\\fscom-udf-%lx-%ls.img", tmp_dir, revisions[r], mode ? L"bridge" : L"alone");
            if (save_image(image, path, &size))
            {
                if (manifest)
                    fprintf(manifest, "fscom-udf-%lx-%ls.img %s/%ls %lx %u %u\n", revisions[r], mode ? L"bridge" : L"alone",
                            unix_tmp, mode ? L"fscom-udf-tree" : L"fscom-udf-deep", revisions[r], (unsigned)fs, redundant);
                /* Validate: whole images pass; cut by one block or misaligned they do not */
                hr = validate(path);
                ok(hr == S_OK, "Validate %ls: %#lx\n", path, hr);
                swprintf(cut, MAX_PATH, L"%ls\\fscom-udf-cut.img", tmp_dir);
                cut_copy(path, cut, size - 2048);
                hr = validate(cut);
                ok(hr == IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND, "Validate, one block short: %#lx\n", hr);
                cut_copy(path, cut, size - 1);
                hr = validate(cut);
                ok(hr == IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED, "Validate, one byte short: %#lx\n", hr);
                DeleteFileW(cut);
            }
            IFsiDirectoryItem_Release(root);
            ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
        }
    if (manifest) fclose(manifest);
    test_stream_image();
}

/* A UDF 2.01 bridge image whose file carries two named streams, saved as
 * fscom-udf-streams.img with fscom-udf-streams.txt ("path<TAB>name<TAB>bytes file",
 * UTF-8): tests/fscom/verify_images.sh parses its stream directories with
 * tests/fs/udf_streams_check.py and reads the files with 7z. */
static void test_stream_image(void)
{
    static const WCHAR *names[] = { L"Zone.Identifier", L"\x3b8\x3b5\x3ac" };
    static const char *utf8[] = { "Zone.Identifier", "\xce\xb8\xce\xb5\xce\xac" };
    IFileSystemImage3 *image = create_image();
    IFsiDirectoryItem *root;
    IFsiItem *item = NULL;
    IFsiFileItem2 *file = NULL;
    WCHAR path[MAX_PATH];
    ULONGLONG size;
    FILE *manifest;
    BYTE bytes[5000];
    unsigned k;
    size_t i;
    BSTR b;

    if (!image) return;
    root = get_root(image);
    IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF);
    IFileSystemImage3_put_UDFRevision(image, 0x201);
    {
        IStream *data = mem_stream_bytes("main file data\n", 15);
        ok(add_stream_file(root, L"a.txt", data) == S_OK, "AddFile\n");
        IStream_Release(data);
    }
    b = bstr(L"a.txt");
    IFsiDirectoryItem_get_Item(root, b, &item);
    SysFreeString(b);
    if (item) IFsiItem_QueryInterface(item, &IID_IFsiFileItem2, (void **)&file);
    if (item) IFsiItem_Release(item);
    ok(file != NULL, "IFsiFileItem2\n");
    swprintf(path, MAX_PATH, L"%ls\\fscom-udf-streams.txt", tmp_dir);
    manifest = _wfopen(path, L"wb");
    ok(manifest != NULL, "cannot write the streams manifest\n");
    for (k = 0; file && manifest && k < ARRAY_SIZE(names); k++)
    {
        size_t len = k ? sizeof(bytes) : 40;
        IStream *data;
        HANDLE h;
        DWORD done;
        for (i = 0; i < len; i++) bytes[i] = (BYTE)(i * 31 + k * 7 + 1);
        data = mem_stream_bytes(bytes, len);
        b = bstr(names[k]);
        ok(IFsiFileItem2_AddStream(file, b, data) == S_OK, "AddStream %u\n", k);
        SysFreeString(b);
        IStream_Release(data);
        swprintf(path, MAX_PATH, L"%ls\\fscom-udf-streams-%u.bin", tmp_dir, k);
        h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
        ok(h != INVALID_HANDLE_VALUE, "cannot create %ls\n", path);
        if (h != INVALID_HANDLE_VALUE) { WriteFile(h, bytes, (DWORD)len, &done, NULL); CloseHandle(h); }
        fprintf(manifest, "/a.txt\t%s\t%s/fscom-udf-streams-%u.bin\n", utf8[k], unix_tmp, k);
    }
    if (manifest) fclose(manifest);
    swprintf(path, MAX_PATH, L"%ls\\fscom-udf-streams.img", tmp_dir);
    ok(save_image(image, path, &size), "the image with named streams was not saved\n");
    if (file) IFsiFileItem2_Release(file);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

START_TEST(fsimage_udf)
{
    (void)advise;   /* an fsi_test.h helper this test does not need */
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_properties();
    test_media_table();
    test_limits();
    test_streams_and_real_time();
    test_udf_names();
    test_images();
    CoUninitialize();
}
