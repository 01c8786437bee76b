/*
 * Conformance tests of IFileSystemImage::StageFiles: with TRUE, the data of files added
 * afterwards is copied at add time into stash files in WorkingDirectory (spec 3.1,
 * 4.3), DFileSystemImageEvents::Update reports that copy at 0, every MB and at the tail
 * (spec 3.13), later changes to the originals do not reach the image, and the stash
 * files go with the last object that uses them. With FALSE the originals are read when
 * the image is read. Errors: a WorkingDirectory that disappeared
 * (IMAPI_E_INVALID_WORKING_DIRECTORY) and a source that fails while it is copied
 * (IMAPI_E_DATA_STREAM_READ_FAILURE), both leaving the image unchanged.
 *
 * Scratch files live in %IMAPI_TEST_TMP_WIN%\stage-* (set by winetest/run-wine.sh).
 */
#include <stdio.h>
#include <windows.h>
#include <ole2.h>
#include <olectl.h>
#include <ocidl.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"
#include "test.h"
#include "fsi_test.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define MB (1024 * 1024)
/* the big file: 3 MB and a tail that is not a whole sector */
#define BIG_SIZE (3 * MB + 5000)
#define BIG_SECTORS ((BIG_SIZE + 2047) / 2048)

static WCHAR tmp_dir[MAX_PATH];

static const char big_head[] = "ORIGINAL-BIG-FILE-HEAD-MARKER-7c1d93e5";
static const char big_tail[] = "ORIGINAL-BIG-FILE-TAIL-MARKER-2b8f40aa";
static const char big_changed[] = "MODIFIED-BIG-FILE-HEAD-MARKER-7c1d93e5";
static const char small_text[] = "small original contents 5e0c\r\n";

static HRESULT put_working_dir(IFileSystemImage3 *image, const WCHAR *dir)
{
    BSTR b = SysAllocString(dir);
    HRESULT hr = IFileSystemImage3_put_WorkingDirectory(image, b);
    SysFreeString(b);
    return hr;
}

static HRESULT add_tree(IFsiDirectoryItem *root, const WCHAR *src)
{
    BSTR b = SysAllocString(src);
    HRESULT hr = IFsiDirectoryItem_AddTree(root, b, VARIANT_FALSE);
    SysFreeString(b);
    return hr;
}

static HRESULT add_file(IFsiDirectoryItem *dir, const WCHAR *path, IStream *data)
{
    BSTR b = SysAllocString(path);
    HRESULT hr = IFsiDirectoryItem_AddFile(dir, b, data);
    SysFreeString(b);
    return hr;
}

static LONG file_count(IFileSystemImage3 *image)
{
    LONG n = -1;
    IFileSystemImage3_get_FileCount(image, &n);
    return n;
}

/* Entries (files and directories, "." and ".." aside) directly in dir. */
static int count_entries(const WCHAR *dir)
{
    WIN32_FIND_DATAW fd;
    WCHAR pattern[MAX_PATH];
    HANDLE h;
    int n = 0;

    swprintf(pattern, MAX_PATH, L"%ls\\*", dir);
    if ((h = FindFirstFileW(pattern, &fd)) == INVALID_HANDLE_VALUE) return 0;
    do
        if (wcscmp(fd.cFileName, L".") && wcscmp(fd.cFileName, L"..")) n++;
    while (FindNextFileW(h, &fd));
    FindClose(h);
    return n;
}

static BOOL write_file(const WCHAR *path, const void *data, DWORD len)
{
    HANDLE h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD done = 0;
    BOOL ret;
    if (h == INVALID_HANDLE_VALUE) return FALSE;
    ret = WriteFile(h, data, len, &done, NULL) && done == len;
    CloseHandle(h);
    return ret;
}

/* Overwrites len bytes at offset of an existing file (its size stays). */
static BOOL patch_file(const WCHAR *path, DWORD offset, const void *data, DWORD len)
{
    HANDLE h = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD done = 0;
    BOOL ret;
    if (h == INVALID_HANDLE_VALUE) return FALSE;
    ret = SetFilePointer(h, offset, NULL, FILE_BEGIN) == offset && WriteFile(h, data, len, &done, NULL) && done == len;
    CloseHandle(h);
    return ret;
}


/* src\big.bin (BIG_SIZE bytes, markers at head and tail) and src\small.txt. */
static void make_source(const WCHAR *src)
{
    WCHAR path[MAX_PATH];
    unsigned char *buf = malloc(BIG_SIZE);
    ULONGLONG i;

    CreateDirectoryW(src, NULL);
    for (i = 0; i < BIG_SIZE; i++) buf[i] = pattern_byte(i);
    memcpy(buf, big_head, sizeof(big_head) - 1);
    memcpy(buf + BIG_SIZE - sizeof(big_tail) + 1, big_tail, sizeof(big_tail) - 1);
    swprintf(path, MAX_PATH, L"%ls\\big.bin", src);
    ok(write_file(path, buf, BIG_SIZE), "cannot write %s\n", wine_dbgstr_w(path));
    swprintf(path, MAX_PATH, L"%ls\\small.txt", src);
    ok(write_file(path, small_text, sizeof(small_text) - 1), "cannot write %s\n", wine_dbgstr_w(path));
    free(buf);
}

static void remove_source(const WCHAR *src)
{
    WCHAR path[MAX_PATH];
    swprintf(path, MAX_PATH, L"%ls\\big.bin", src);
    DeleteFileW(path);
    swprintf(path, MAX_PATH, L"%ls\\small.txt", src);
    DeleteFileW(path);
    RemoveDirectoryW(src);
}

static BOOL contains(const unsigned char *buf, size_t len, const char *what)
{
    size_t n = strlen(what), i;
    for (i = 0; i + n <= len; i++)
        if (buf[i] == (unsigned char)what[0] && !memcmp(buf + i, what, n)) return TRUE;
    return FALSE;
}

/* The whole image stream in memory (the images here are a few MB); NULL on failure. */
static unsigned char *read_stream(IStream *stream, size_t *len)
{
    STATSTG st;
    unsigned char *buf;
    ULONG got = 0;
    LARGE_INTEGER zero = {{0}};

    *len = 0;
    if (FAILED(IStream_Stat(stream, &st, STATFLAG_NONAME)) || st.cbSize.QuadPart > 64 * MB) return NULL;
    if (!(buf = malloc(st.cbSize.QuadPart + 1))) return NULL;
    IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
    while (*len < st.cbSize.QuadPart
           && SUCCEEDED(IStream_Read(stream, buf + *len, (ULONG)(st.cbSize.QuadPart - *len), &got)) && got)
        *len += got;
    return buf;
}

static unsigned char *build_image(IFileSystemImage3 *image, size_t *len)
{
    IFileSystemImageResult *result = NULL;
    IStream *stream = NULL;
    unsigned char *buf = NULL;
    HRESULT hr;

    *len = 0;
    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %#lx\n", hr);
    if (FAILED(hr)) return NULL;
    hr = IFileSystemImageResult_get_ImageStream(result, &stream);
    ok(hr == S_OK, "ImageStream %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        buf = read_stream(stream, len);
        ok(buf != NULL, "cannot read the image\n");
        IStream_Release(stream);
    }
    IFileSystemImageResult_Release(result);
    return buf;
}

static void unadvise(IConnectionPoint *cp, DWORD cookie)
{
    if (!cp) return;
    IConnectionPoint_Unadvise(cp, cookie);
    IConnectionPoint_Release(cp);
}

static BOOL ends_with(const WCHAR *s, const WCHAR *tail)
{
    size_t a = wcslen(s), b = wcslen(tail);
    return a >= b && !_wcsicmp(s + a - b, tail);
}

/* The documented cadence for one file of size bytes (spec 3.13): copiedSectors 0 before
 * the first sector, after every MB, once more at the end when the size is not a MB
 * multiple; totalSectors the file's sectors throughout. */
#define check_cadence(a, b, c) check_cadence_(__FILE__, __LINE__, a, b, c)
static void check_cadence_(const char *file, int line, const struct event_sink *sink, const WCHAR *name,
                           ULONGLONG size)
{
    LONG total = (LONG)((size + 2047) / 2048), expect[64];
    int n = 0, got = 0, i;
    ULONGLONG mb;

    expect[n++] = 0;
    for (mb = MB; mb <= size; mb += MB) expect[n++] = (LONG)(mb / 2048);
    if (size % MB) expect[n++] = total;
    for (i = 0; i < sink->count; i++)
    {
        const struct fsi_update *u = &sink->updates[i];
        if (!ends_with(u->file, name)) continue;
        ok_(file, line)(u->total == total, "%s: totalSectors %ld, expected %ld\n", wine_dbgstr_w(name), u->total,
                        total);
        ok_(file, line)(got < n && u->copied == expect[got], "%s: Update %d copied %ld, expected %ld\n",
                        wine_dbgstr_w(name), got, u->copied, got < n ? expect[got] : -1);
        got++;
    }
    ok_(file, line)(got == n, "%s: %d Update events, expected %d\n", wine_dbgstr_w(name), got, n);
}

/* A memory stream holding text (its bytes can be changed after an add). */
static IStream *text_stream(const char *text)
{
    IStream *stream = NULL;
    ULONG done;
    LARGE_INTEGER zero = {{0}};
    CreateStreamOnHGlobal(NULL, TRUE, &stream);
    IStream_Write(stream, text, strlen(text), &done);
    IStream_Seek(stream, zero, STREAM_SEEK_SET, NULL);
    return stream;
}

/* ---- tests ---- */

static void test_defaults(void)
{
    IFileSystemImage3 *image = create_image();
    VARIANT_BOOL vb = 0xcc;
    HRESULT hr;

    if (!image) return;
    hr = IFileSystemImage3_get_StageFiles(image, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "StageFiles %#lx %d\n", hr, vb);
    hr = IFileSystemImage3_put_StageFiles(image, VARIANT_TRUE);
    ok(hr == S_OK, "put_StageFiles(TRUE) %#lx\n", hr);
    hr = IFileSystemImage3_get_StageFiles(image, &vb);
    ok(hr == S_OK && vb == VARIANT_TRUE, "StageFiles %#lx %d\n", hr, vb);
    hr = IFileSystemImage3_put_StageFiles(image, VARIANT_FALSE);
    ok(hr == S_OK, "put_StageFiles(FALSE) %#lx\n", hr);
    hr = IFileSystemImage3_get_StageFiles(image, &vb);
    ok(hr == S_OK && vb == VARIANT_FALSE, "StageFiles %#lx %d\n", hr, vb);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* StageFiles TRUE, AddTree: stash files while the image lives, the documented events,
 * originals changed or deleted afterwards do not matter, stash files go at the end. */
static void test_stage_tree(void)
{
    WCHAR work[MAX_PATH], src[MAX_PATH], path[MAX_PATH];
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    IFileSystemImageResult *result = NULL;
    IStream *stream = NULL;
    struct event_sink sink;
    IConnectionPoint *cp;
    unsigned char *buf;
    size_t len;
    DWORD cookie = 0;
    HRESULT hr;
    int stashed;

    swprintf(work, MAX_PATH, L"%ls\\stage-work", tmp_dir);
    swprintf(src, MAX_PATH, L"%ls\\stage-src", tmp_dir);
    CreateDirectoryW(work, NULL);
    make_source(src);
    ok(count_entries(work) == 0, "working directory not empty at the start\n");

    if (!(image = create_image())) return;
    root = get_root(image);
    ok(put_working_dir(image, work) == S_OK, "put_WorkingDirectory\n");
    ok(IFileSystemImage3_put_StageFiles(image, VARIANT_TRUE) == S_OK, "put_StageFiles(TRUE)\n");
    cp = advise(image, &sink, &cookie);
    sink.expect_object = (IDispatch *)image;

    hr = add_tree(root, src);
    ok(hr == S_OK, "AddTree %#lx\n", hr);
    ok(file_count(image) == 2, "FileCount %ld\n", file_count(image));
    ok(!sink.bad_args, "bad Update arguments\n");
    check_cadence(&sink, L"big.bin", BIG_SIZE);
    check_cadence(&sink, L"small.txt", sizeof(small_text) - 1);
    stashed = count_entries(work);
    ok(stashed >= 1, "no stash files in the working directory\n");
    trace("%d stash entries for 2 files\n", stashed);
    unadvise(cp, cookie);

    /* the originals change or go: the image keeps the data of the add */
    swprintf(path, MAX_PATH, L"%ls\\big.bin", src);
    ok(patch_file(path, 0, big_changed, sizeof(big_changed) - 1), "cannot change big.bin\n");
    swprintf(path, MAX_PATH, L"%ls\\small.txt", src);
    ok(DeleteFileW(path), "cannot delete small.txt\n");

    hr = IFileSystemImage3_CreateResultImage(image, &result);
    ok(hr == S_OK, "CreateResultImage %#lx\n", hr);
    if (result)
    {
        hr = IFileSystemImageResult_get_ImageStream(result, &stream);
        ok(hr == S_OK, "ImageStream %#lx\n", hr);
    }
    /* the image object goes first: the result still needs the stash */
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
    ok(count_entries(work) == stashed, "stash files while a result lives: %d, were %d\n", count_entries(work),
       stashed);
    if (stream)
    {
        buf = read_stream(stream, &len);
        ok(buf && len > BIG_SIZE, "image of %Iu bytes\n", len);
        if (buf)
        {
            ok(contains(buf, len, big_head), "the original head of big.bin is not in the image\n");
            ok(contains(buf, len, big_tail), "the original tail of big.bin is not in the image\n");
            ok(!contains(buf, len, big_changed), "the change after the add reached the image\n");
            ok(contains(buf, len, small_text), "deleted small.txt is not in the image\n");
        }
        free(buf);
        IStream_Release(stream);
    }
    if (result) IFileSystemImageResult_Release(result);
    ok(count_entries(work) == 0, "%d stash entries left after everything was released\n", count_entries(work));

    remove_source(src);
    RemoveDirectoryW(work);
}

/* StageFiles FALSE (and data added before TRUE): the originals are read when the image
 * is read, so a change after the add is visible. */
static void test_no_stage(void)
{
    WCHAR work[MAX_PATH], src[MAX_PATH], path[MAX_PATH];
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    IStream *before, *after;
    unsigned char *buf;
    size_t len;
    HRESULT hr;

    swprintf(work, MAX_PATH, L"%ls\\stage-work2", tmp_dir);
    swprintf(src, MAX_PATH, L"%ls\\stage-src2", tmp_dir);
    CreateDirectoryW(work, NULL);
    make_source(src);

    if (!(image = create_image())) return;
    root = get_root(image);
    ok(put_working_dir(image, work) == S_OK, "put_WorkingDirectory\n");
    hr = add_tree(root, src);
    ok(hr == S_OK, "AddTree %#lx\n", hr);
    before = text_stream("STREAM-BEFORE-STAGING-aaaa");
    ok(add_file(root, L"before.txt", before) == S_OK, "AddFile\n");
    ok(count_entries(work) == 0, "StageFiles FALSE made %d stash entries\n", count_entries(work));

    /* not retroactive: what was added before TRUE stays on its source */
    ok(IFileSystemImage3_put_StageFiles(image, VARIANT_TRUE) == S_OK, "put_StageFiles(TRUE)\n");
    after = text_stream("STREAM-AFTER-STAGING-bbbb");
    ok(add_file(root, L"after.txt", after) == S_OK, "AddFile\n");
    ok(count_entries(work) >= 1, "no stash file for after.txt\n");

    swprintf(path, MAX_PATH, L"%ls\\big.bin", src);
    ok(patch_file(path, 0, big_changed, sizeof(big_changed) - 1), "cannot change big.bin\n");
    {
        LARGE_INTEGER zero = {{0}};
        ULONG done;
        IStream_Seek(before, zero, STREAM_SEEK_SET, NULL);
        IStream_Write(before, "STREAM-BEFORE-STAGING-AAAA", 26, &done);
        IStream_Seek(after, zero, STREAM_SEEK_SET, NULL);
        IStream_Write(after, "STREAM-AFTER-STAGING-BBBB", 25, &done);
    }
    buf = build_image(image, &len);
    if (buf)
    {
        ok(contains(buf, len, big_changed), "StageFiles FALSE: the change of big.bin is not in the image\n");
        ok(!contains(buf, len, big_head), "StageFiles FALSE: the old head of big.bin is in the image\n");
        ok(contains(buf, len, "STREAM-BEFORE-STAGING-AAAA"), "added before TRUE: the change is not in the image\n");
        ok(contains(buf, len, "STREAM-AFTER-STAGING-bbbb"), "added after TRUE: the staged bytes are not in the image\n");
        ok(!contains(buf, len, "STREAM-AFTER-STAGING-BBBB"), "added after TRUE: the change reached the image\n");
    }
    free(buf);
    IStream_Release(before);
    IStream_Release(after);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
    ok(count_entries(work) == 0, "%d stash entries left\n", count_entries(work));
    remove_source(src);
    RemoveDirectoryW(work);
}

/* AddFile and Add of a created item with staging: events for the image path, Data of
 * the item reads the staged bytes. */
static void test_stage_streams(void)
{
    WCHAR work[MAX_PATH];
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    IFsiFileItem *file;
    IFsiFileItem2 *file2;
    IFsiItem *item;
    IStream *stream, *data;
    struct event_sink sink;
    IConnectionPoint *cp;
    DWORD cookie = 0;
    BSTR b;
    HRESULT hr;

    swprintf(work, MAX_PATH, L"%ls\\stage-work3", tmp_dir);
    CreateDirectoryW(work, NULL);
    if (!(image = create_image())) return;
    root = get_root(image);
    ok(put_working_dir(image, work) == S_OK, "put_WorkingDirectory\n");
    ok(IFileSystemImage3_put_StageFiles(image, VARIANT_TRUE) == S_OK, "put_StageFiles(TRUE)\n");
    cp = advise(image, &sink, &cookie);
    sink.expect_object = (IDispatch *)image;

    stream = test_stream(2 * MB + 3000, ~0ull);
    hr = add_file(root, L"stream.bin", stream);
    ok(hr == S_OK, "AddFile %#lx\n", hr);
    IStream_Release(stream);
    check_cadence(&sink, L"stream.bin", 2 * MB + 3000);
    if (sink.count) ok(!wcscmp(sink.updates[0].file, L"\\stream.bin"), "currentFile %s\n",
                       wine_dbgstr_w(sink.updates[0].file));

    /* an empty file: the 0 event only */
    sink.count = 0;
    stream = text_stream("");
    ok(add_file(root, L"empty.txt", stream) == S_OK, "AddFile of an empty stream\n");
    IStream_Release(stream);
    check_cadence(&sink, L"empty.txt", 0);

    /* exactly 1 MB: no separate tail event */
    sink.count = 0;
    b = SysAllocString(L"created.bin");
    hr = IFileSystemImage3_CreateFileItem(image, b, &file);
    SysFreeString(b);
    ok(hr == S_OK, "CreateFileItem %#lx\n", hr);
    stream = test_stream(MB, ~0ull);
    ok(IFsiFileItem_put_Data(file, stream) == S_OK, "put_Data\n");
    IStream_Release(stream);
    ok(sink.count == 0, "put_Data fired %d events\n", sink.count);
    hr = IFsiDirectoryItem_Add(root, (IFsiItem *)file);
    ok(hr == S_OK, "Add %#lx\n", hr);
    check_cadence(&sink, L"created.bin", MB);
    IFsiFileItem_Release(file);

    /* Data of a staged item: the staged bytes */
    b = SysAllocString(L"stream.bin");
    hr = IFsiDirectoryItem_get_Item(root, b, &item);
    SysFreeString(b);
    ok(hr == S_OK, "Item %#lx\n", hr);
    if (SUCCEEDED(hr))
    {
        IFsiItem_QueryInterface(item, &IID_IFsiFileItem, (void **)&file);
        hr = IFsiFileItem_get_Data(file, &data);
        ok(hr == S_OK && data, "get_Data %#lx\n", hr);
        if (data)
        {
            unsigned char got[4096];
            ULONG n = 0, i;
            STATSTG st;
            BOOL same = TRUE;
            hr = IStream_Read(data, got, sizeof(got), &n);
            ok(hr == S_OK && n == sizeof(got), "Read %#lx %lu\n", hr, n);
            for (i = 0; i < n; i++) same &= got[i] == pattern_byte(i);
            ok(same, "Data does not read the added bytes\n");
            ok(IStream_Stat(data, &st, STATFLAG_NONAME) == S_OK && st.cbSize.QuadPart == 2 * MB + 3000,
               "Data size %I64u\n", st.cbSize.QuadPart);
            IStream_Release(data);
        }
        IFsiFileItem_Release(file);

        /* a named stream added now is staged too: a later change of its source is not seen */
        if (SUCCEEDED(IFsiItem_QueryInterface(item, &IID_IFsiFileItem2, (void **)&file2)))
        {
            IStream *named = text_stream("NAMED-STREAM-ORIGINAL");
            IFsiNamedStreams *streams = NULL;
            IFsiFileItem2 *ns = NULL;
            LARGE_INTEGER zero = {{0}};
            ULONG done;

            b = SysAllocString(L"alt");
            hr = IFsiFileItem2_AddStream(file2, b, named);
            SysFreeString(b);
            ok(SUCCEEDED(hr), "AddStream %#lx\n", hr);
            IStream_Seek(named, zero, STREAM_SEEK_SET, NULL);
            IStream_Write(named, "NAMED-STREAM-CHANGED!", 21, &done);
            IStream_Release(named);
            hr = IFsiFileItem2_get_FsiNamedStreams(file2, &streams);
            ok(hr == S_OK, "FsiNamedStreams %#lx\n", hr);
            if (streams)
            {
                hr = IFsiNamedStreams_get_Item(streams, 0, &ns);
                ok(hr == S_OK && ns, "named stream 0 %#lx\n", hr);
                if (ns && SUCCEEDED(IFsiFileItem2_get_Data(ns, &data)) && data)
                {
                    char text[64] = {0};
                    ULONG n = 0;
                    IStream_Read(data, text, sizeof(text) - 1, &n);
                    ok(!strcmp(text, "NAMED-STREAM-ORIGINAL"), "named stream reads %s\n", wine_dbgstr_a(text));
                    IStream_Release(data);
                }
                else ok(0, "no Data for the named stream\n");
                if (ns) IFsiFileItem2_Release(ns);
                IFsiNamedStreams_Release(streams);
            }
            IFsiFileItem2_Release(file2);
        }
        IFsiItem_Release(item);
    }
    unadvise(cp, cookie);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
    ok(count_entries(work) == 0, "%d stash entries left\n", count_entries(work));
    RemoveDirectoryW(work);
}

static void test_errors(void)
{
    WCHAR work[MAX_PATH], src[MAX_PATH];
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    IFsiFileItem *file;
    IStream *stream;
    VARIANT_BOOL vb;
    LONG point, l;
    BSTR b;
    HRESULT hr;

    swprintf(work, MAX_PATH, L"%ls\\stage-gone", tmp_dir);
    swprintf(src, MAX_PATH, L"%ls\\stage-src4", tmp_dir);
    CreateDirectoryW(work, NULL);
    make_source(src);

    /* the working directory disappears after it was set */
    if (!(image = create_image())) return;
    root = get_root(image);
    ok(put_working_dir(image, work) == S_OK, "put_WorkingDirectory\n");
    ok(IFileSystemImage3_put_StageFiles(image, VARIANT_TRUE) == S_OK, "put_StageFiles(TRUE)\n");
    ok(RemoveDirectoryW(work), "cannot remove %s\n", wine_dbgstr_w(work));
    IFileSystemImage3_get_ChangePoint(image, &point);
    stream = text_stream("no place to stage");
    hr = add_file(root, L"a.txt", stream);
    ok(hr == IMAPI_E_INVALID_WORKING_DIRECTORY, "AddFile without working directory %#lx\n", hr);
    IStream_Release(stream);
    hr = add_tree(root, src);
    ok(hr == IMAPI_E_INVALID_WORKING_DIRECTORY, "AddTree without working directory %#lx\n", hr);
    ok(file_count(image) == 0, "FileCount %ld\n", file_count(image));
    ok(IFileSystemImage3_get_ChangePoint(image, &l) == S_OK && l == point, "ChangePoint %ld, was %ld\n", l, point);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");

    /* a source that fails while it is copied: the item is not added, no stash is left */
    CreateDirectoryW(work, NULL);
    if (!(image = create_image())) return;
    root = get_root(image);
    ok(put_working_dir(image, work) == S_OK, "put_WorkingDirectory\n");
    ok(IFileSystemImage3_put_StageFiles(image, VARIANT_TRUE) == S_OK, "put_StageFiles(TRUE)\n");
    ok(add_file(root, L"kept.txt", (stream = text_stream("kept"))) == S_OK, "AddFile\n");
    IStream_Release(stream);
    IFileSystemImage3_get_ChangePoint(image, &point);
    stream = test_stream(3 * MB, MB + MB / 2);
    hr = add_file(root, L"broken.bin", stream);
    ok(hr == IMAPI_E_DATA_STREAM_READ_FAILURE, "AddFile of a failing stream %#lx\n", hr);
    ok(file_count(image) == 1, "FileCount %ld\n", file_count(image));
    ok(IFileSystemImage3_get_ChangePoint(image, &l) == S_OK && l == point, "ChangePoint %ld, was %ld\n", l, point);
    b = SysAllocString(L"broken.bin");
    {
        FsiItemType type = 0xcc;
        IFsiItem *item = NULL;
        hr = IFsiDirectoryItem_get_Item(root, b, &item);
        ok(FAILED(hr) && !item, "the failed file is in the image: %#lx\n", hr);
        if (item) IFsiItem_Release(item);
        BSTR full = SysAllocString(L"\\broken.bin");
        hr = IFileSystemImage3_Exists(image, full, &type);
        ok(hr == S_OK && type == FsiItemNotFound, "Exists %#lx %d\n", hr, type);
        SysFreeString(full);
    }
    ok(count_entries(work) == 1, "stash entries %d, expected kept.txt's only\n", count_entries(work));

    /* Add of a created item whose Data fails: not added, the item keeps its stream */
    hr = IFileSystemImage3_CreateFileItem(image, b, &file);
    ok(hr == S_OK, "CreateFileItem %#lx\n", hr);
    ok(IFsiFileItem_put_Data(file, stream) == S_OK, "put_Data\n");
    hr = IFsiDirectoryItem_Add(root, (IFsiItem *)file);
    ok(hr == IMAPI_E_DATA_STREAM_READ_FAILURE, "Add of a failing stream %#lx\n", hr);
    ok(file_count(image) == 1, "FileCount %ld\n", file_count(image));
    ok(IFileSystemImage3_get_ChangePoint(image, &l) == S_OK && l == point, "ChangePoint %ld, was %ld\n", l, point);
    ok(count_entries(work) == 1, "stash entries %d, expected kept.txt's only\n", count_entries(work));
    {
        LONGLONG size = 0;
        ok(IFsiFileItem_get_DataSize(file, &size) == S_OK && size == 3 * MB, "DataSize %I64d\n", size);
    }
    IFsiFileItem_Release(file);
    IStream_Release(stream);
    SysFreeString(b);

    /* the add works once the source does */
    stream = test_stream(3 * MB, ~0ull);
    ok(add_file(root, L"fixed.bin", stream) == S_OK, "AddFile\n");
    IStream_Release(stream);
    ok(file_count(image) == 2, "FileCount %ld\n", file_count(image));
    ok(IFileSystemImage3_get_StageFiles(image, &vb) == S_OK && vb == VARIANT_TRUE, "StageFiles\n");
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
    ok(count_entries(work) == 0, "%d stash entries left\n", count_entries(work));
    RemoveDirectoryW(work);
    remove_source(src);
}

/* A WorkingDirectory change moves the stash files of the image (spec 4.3); the image
 * still reads the staged bytes. */
static void test_move(void)
{
    WCHAR work[MAX_PATH], work2[MAX_PATH], src[MAX_PATH], path[MAX_PATH];
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    unsigned char *buf;
    size_t len;
    BSTR s = NULL;
    HRESULT hr;
    int stashed;

    swprintf(work, MAX_PATH, L"%ls\\stage-move1", tmp_dir);
    swprintf(work2, MAX_PATH, L"%ls\\stage-move2", tmp_dir);
    swprintf(src, MAX_PATH, L"%ls\\stage-src5", tmp_dir);
    CreateDirectoryW(work, NULL);
    CreateDirectoryW(work2, NULL);
    make_source(src);
    if (!(image = create_image())) return;
    root = get_root(image);
    ok(put_working_dir(image, work) == S_OK, "put_WorkingDirectory\n");
    ok(IFileSystemImage3_put_StageFiles(image, VARIANT_TRUE) == S_OK, "put_StageFiles(TRUE)\n");
    hr = add_tree(root, src);
    ok(hr == S_OK, "AddTree %#lx\n", hr);
    stashed = count_entries(work);
    ok(stashed >= 1, "no stash files\n");
    ok(put_working_dir(image, work) == S_OK, "the same WorkingDirectory again\n");
    ok(count_entries(work) == stashed, "stash entries %d, were %d\n", count_entries(work), stashed);

    hr = put_working_dir(image, work2);
    ok(hr == S_OK, "put_WorkingDirectory %#lx\n", hr);
    ok(count_entries(work) == 0, "%d stash entries left in the old directory\n", count_entries(work));
    ok(count_entries(work2) >= 1, "no stash files in the new directory\n");
    hr = IFileSystemImage3_get_WorkingDirectory(image, &s);
    ok(hr == S_OK && s && !_wcsicmp(s, work2), "WorkingDirectory %s\n", wine_dbgstr_w(s));
    SysFreeString(s);

    swprintf(path, MAX_PATH, L"%ls\\big.bin", src);
    ok(patch_file(path, 0, big_changed, sizeof(big_changed) - 1), "cannot change big.bin\n");
    buf = build_image(image, &len);
    if (buf)
    {
        ok(contains(buf, len, big_head), "the staged head of big.bin is not in the image\n");
        ok(contains(buf, len, big_tail), "the staged tail of big.bin is not in the image\n");
        ok(contains(buf, len, small_text), "small.txt is not in the image\n");
    }
    free(buf);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
    ok(count_entries(work2) == 0, "%d stash entries left\n", count_entries(work2));
    RemoveDirectoryW(work);
    RemoveDirectoryW(work2);
    remove_source(src);
}

/* AddTree over a file that cannot be read: the whole add is rolled back, and the stash
 * files of what was copied before go with it. */
static void test_tree_error(void)
{
    WCHAR work[MAX_PATH], src[MAX_PATH], path[MAX_PATH];
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    LONG point, l;
    HANDLE lock;
    HRESULT hr;

    swprintf(work, MAX_PATH, L"%ls\\stage-work6", tmp_dir);
    swprintf(src, MAX_PATH, L"%ls\\stage-src6", tmp_dir);
    CreateDirectoryW(work, NULL);
    make_source(src);
    if (!(image = create_image())) return;
    root = get_root(image);
    ok(put_working_dir(image, work) == S_OK, "put_WorkingDirectory\n");
    ok(IFileSystemImage3_put_StageFiles(image, VARIANT_TRUE) == S_OK, "put_StageFiles(TRUE)\n");
    IFileSystemImage3_get_ChangePoint(image, &point);
    swprintf(path, MAX_PATH, L"%ls\\big.bin", src);
    lock = CreateFileW(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(lock != INVALID_HANDLE_VALUE, "cannot lock big.bin\n");
    hr = add_tree(root, src);
    ok(hr == IMAPI_E_DATA_STREAM_READ_FAILURE, "AddTree over a locked file %#lx\n", hr);
    ok(file_count(image) == 0, "FileCount %ld after a failed AddTree\n", file_count(image));
    ok(IFileSystemImage3_get_ChangePoint(image, &l) == S_OK && l == point, "ChangePoint %ld, was %ld\n", l, point);
    ok(count_entries(work) == 0, "%d stash entries left after a failed AddTree\n", count_entries(work));
    CloseHandle(lock);
    hr = add_tree(root, src);
    ok(hr == S_OK, "AddTree once the file can be read %#lx\n", hr);
    ok(file_count(image) == 2, "FileCount %ld\n", file_count(image));
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
    ok(count_entries(work) == 0, "%d stash entries left\n", count_entries(work));
    RemoveDirectoryW(work);
    remove_source(src);
}

START_TEST(fsimage_stage)
{
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_defaults();
    if (!GetEnvironmentVariableW(L"IMAPI_TEST_TMP_WIN", tmp_dir, MAX_PATH))
        skip("IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)\n");
    else
    {
        test_stage_tree();
        test_no_stage();
        test_stage_streams();
        test_errors();
        test_tree_error();
        test_move();
    }
    CoUninitialize();
}
