/* MsftIsoImageManager: SetPath/SetStream/Path/Stream and Validate's documented checks,
 * on images laid out here from ECMA-119 (volume descriptors at sector 16). */
#include <initguid.h>
#include "test.h"
#include "imapi2fs.h"
#include "imapi2fserror.h"

static BYTE *make_image(DWORD sectors, BOOL valid)
{
    BYTE *image = calloc(sectors, 2048);
    if (valid && sectors >= 18)
    {
        BYTE *pvd = image + 16 * 2048, *term = image + 17 * 2048;
        pvd[0] = 1;                         /* primary volume descriptor */
        memcpy(pvd + 1, "CD001", 5);
        pvd[6] = 1;
        term[0] = 255;                      /* set terminator */
        memcpy(term + 1, "CD001", 5);
        term[6] = 1;
    }
    return image;
}

static void write_file(const WCHAR *path, const BYTE *data, DWORD size)
{
    HANDLE file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written = 0;
    ok(file != INVALID_HANDLE_VALUE, "cannot create %ls\n", path);
    WriteFile(file, data, size, &written, NULL);
    CloseHandle(file);
}

static IStream *memory_stream(const BYTE *data, DWORD size)
{
    IStream *stream = NULL;
    HGLOBAL mem = GlobalAlloc(GMEM_MOVEABLE, size);
    memcpy(GlobalLock(mem), data, size);
    GlobalUnlock(mem);
    ok(CreateStreamOnHGlobal(mem, TRUE, &stream) == S_OK, "CreateStreamOnHGlobal failed\n");
    return stream;
}

START_TEST(iso_manager)
{
    WCHAR dir[MAX_PATH], good[MAX_PATH], odd[MAX_PATH];
    IIsoImageManager *mgr;
    IStream *stream, *got;
    BSTR path, s;
    BYTE *image;
    LARGE_INTEGER pos;
    ULARGE_INTEGER now;
    HRESULT hr;

    CoInitialize(NULL);
    if (!GetEnvironmentVariableW(L"IMAPI_TEST_TMP_WIN", dir, MAX_PATH)) GetTempPathW(MAX_PATH, dir);
    swprintf(good, MAX_PATH, L"%ls\\iso_manager_good.iso", dir);
    swprintf(odd, MAX_PATH, L"%ls\\iso_manager_odd.iso", dir);
    image = make_image(20, TRUE);
    write_file(good, image, 20 * 2048);
    write_file(odd, image, 20 * 2048 - 7);

    hr = CoCreateInstance(&CLSID_MsftIsoImageManager, NULL, CLSCTX_INPROC_SERVER, &IID_IIsoImageManager,
                          (void **)&mgr);
    ok(hr == S_OK, "CoCreateInstance returned %08lx\n", hr);
    if (FAILED(hr)) return;

    hr = IIsoImageManager_Validate(mgr);
    ok(hr == IMAPI_E_IMAGEMANAGER_NO_IMAGE, "Validate without image returned %08lx\n", hr);
    hr = IIsoImageManager_get_Path(mgr, NULL);
    ok(hr == E_POINTER, "get_Path(NULL) returned %08lx\n", hr);
    hr = IIsoImageManager_get_Stream(mgr, NULL);
    ok(hr == E_POINTER, "get_Stream(NULL) returned %08lx\n", hr);
    got = (IStream *)0xdeadbeef;
    hr = IIsoImageManager_get_Stream(mgr, &got);
    ok(hr == S_OK && !got, "no stream yet: %08lx %p\n", hr, got);

    hr = IIsoImageManager_SetPath(mgr, NULL);
    ok(hr == IMAPI_E_INVALID_PATH, "SetPath(NULL) returned %08lx\n", hr);
    s = SysAllocString(L"Z:\\no\\such\\dir\\image.iso");
    hr = IIsoImageManager_SetPath(mgr, s);
    ok(hr == IMAPI_E_INVALID_PATH, "SetPath(missing) returned %08lx\n", hr);
    SysFreeString(s);

    s = SysAllocString(good);
    hr = IIsoImageManager_SetPath(mgr, s);
    ok(hr == S_OK, "SetPath returned %08lx\n", hr);
    SysFreeString(s);
    hr = IIsoImageManager_get_Path(mgr, &path);
    ok(hr == S_OK && path && !lstrcmpW(path, good), "Path %ls\n", path);
    SysFreeString(path);
    hr = IIsoImageManager_get_Stream(mgr, &got);
    ok(hr == S_OK && got, "SetPath populates Stream: %08lx\n", hr);
    if (got) IStream_Release(got);
    hr = IIsoImageManager_Validate(mgr);
    ok(hr == S_OK, "Validate(good file) returned %08lx\n", hr);

    s = SysAllocString(odd);
    hr = IIsoImageManager_SetPath(mgr, s);
    ok(hr == S_OK, "SetPath returned %08lx\n", hr);
    SysFreeString(s);
    hr = IIsoImageManager_Validate(mgr);
    ok(hr == IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED, "Validate(odd size) returned %08lx\n", hr);

    /* A stream given directly: Path is not populated, and the position is kept. */
    stream = memory_stream(image, 20 * 2048);
    pos.QuadPart = 1234;
    IStream_Seek(stream, pos, STREAM_SEEK_SET, NULL);
    hr = IIsoImageManager_SetStream(mgr, stream);
    ok(hr == S_OK, "SetStream returned %08lx\n", hr);
    hr = IIsoImageManager_get_Path(mgr, &path);
    ok(hr == S_OK && (!path || !*path), "Path after SetStream: %ls\n", path);
    SysFreeString(path);
    hr = IIsoImageManager_get_Stream(mgr, &got);
    ok(hr == S_OK && got == stream, "Stream is not the one given\n");
    if (got) IStream_Release(got);
    hr = IIsoImageManager_Validate(mgr);
    ok(hr == S_OK, "Validate(stream) returned %08lx\n", hr);
    pos.QuadPart = 0;
    IStream_Seek(stream, pos, STREAM_SEEK_CUR, &now);
    ok(now.QuadPart == 1234, "stream position moved to %lu\n", (ULONG)now.QuadPart);
    IStream_Release(stream);

    /* All zeros: no recognition sequence. */
    free(image);
    image = make_image(20, FALSE);
    stream = memory_stream(image, 20 * 2048);
    IIsoImageManager_SetStream(mgr, stream);
    hr = IIsoImageManager_Validate(mgr);
    ok(hr == IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND, "Validate(zeros) returned %08lx\n", hr);
    IStream_Release(stream);

    hr = IIsoImageManager_SetStream(mgr, NULL);
    ok(hr == S_OK, "SetStream(NULL) returned %08lx\n", hr);
    hr = IIsoImageManager_Validate(mgr);
    ok(hr == IMAPI_E_IMAGEMANAGER_NO_IMAGE, "Validate after SetStream(NULL) returned %08lx\n", hr);

    ok(IIsoImageManager_Release(mgr) == 0, "references leaked\n");
    free(image);
    DeleteFileW(good);
    DeleteFileW(odd);
    CoUninitialize();
}
