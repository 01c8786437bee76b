/*
 * Conformance tests of the IFileSystemImage members that ask a recorder about its disc:
 * ChooseImageDefaults and SetMaxMediaBlocksFromDevice (spec 3.1), on the emulated
 * recorders of winetest/setup-recorders.sh (read only: Empty, BlankCDR, DVDPlusRW, BDR,
 * WriteProt) and on a private copy (emu_clone.h) holding a closed CD-R.
 *
 * Documented: E_POINTER for a NULL recorder (both), E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE
 * and IMAPI_E_IMAGE_TOO_BIG (ChooseImageDefaults), IMAPI_E_FSI_INTERNAL_ERROR
 * (SetMaxMediaBlocksFromDevice). The rest is our [undoc] choice, written down in
 * dlls/imapi2fs/fsimage.c and dlls/imapi2fs/README.md: the file systems of
 * ChooseImageDefaultsForMediaType for the disc's physical type, FreeMediaBlocks = what
 * IDiscFormat2Data::FreeSectorsOnMedia answers for the same disc, SessionStartBlock
 * left alone, E_IMAPI_RECORDER_MEDIA_NO_MEDIA without a disc.
 */
#include <initguid.h>
#include "test.h"
#include <ocidl.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"
#include "emu_clone.h"

static IFileSystemImage3 *create_image(void)
{
    IFileSystemImage3 *image = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_MsftFileSystemImage, NULL, CLSCTX_INPROC_SERVER, &IID_IFileSystemImage3,
                                  (void **)&image);
    ok(hr == S_OK, "CoCreateInstance(MsftFileSystemImage) failed %#lx\n", hr);
    return image;
}

static IFsiDirectoryItem *get_root(IFileSystemImage3 *image)
{
    IFsiDirectoryItem *root = NULL;
    HRESULT hr = IFileSystemImage3_get_Root(image, &root);
    ok(hr == S_OK && root, "get_Root failed %#lx\n", hr);
    return root;
}

/* File data for big images: a MsftStreamZero of the size (no memory, nothing read). */
static IStream *zero_stream(ULONGLONG size)
{
    ULARGE_INTEGER len;
    IStream *s = NULL;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_MsftStreamZero, NULL, CLSCTX_INPROC_SERVER, &IID_IStream, (void **)&s);
    ok(hr == S_OK, "CoCreateInstance(MsftStreamZero) %08lx\n", hr);
    if (!s) return NULL;
    len.QuadPart = size;
    hr = IStream_SetSize(s, len);
    ok(hr == S_OK, "SetSize %08lx\n", hr);
    return s;
}

static HRESULT add_file(IFsiDirectoryItem *dir, const WCHAR *path, IStream *data)
{
    BSTR b = SysAllocString(path);
    HRESULT hr = IFsiDirectoryItem_AddFile(dir, b, data);
    SysFreeString(b);
    return hr;
}

/* What IDiscFormat2Data answers for the disc: FreeSectorsOnMedia (-1 if it fails). */
static LONG data_free_sectors(IDiscRecorder2 *r)
{
    IDiscFormat2Data *d = NULL;
    LONG free_sectors = -1;
    HRESULT hr;

    hr = CoCreateInstance(&CLSID_MsftDiscFormat2Data, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscFormat2Data, (void **)&d);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscFormat2Data) %08lx\n", hr);
    if (!d) return -1;
    hr = IDiscFormat2Data_put_Recorder(d, r);
    ok(hr == S_OK, "put_Recorder %08lx\n", hr);
    hr = IDiscFormat2Data_get_FreeSectorsOnMedia(d, &free_sectors);
    ok(hr == S_OK, "FreeSectorsOnMedia %08lx\n", hr);
    IDiscFormat2Data_Release(d);
    return free_sectors;
}

/* A recorder object that is not a MsftDiscRecorder2: no IDiscRecorder2Ex behind it.
 * Only IUnknown is ever called on it. */
static HRESULT WINAPI fake_QueryInterface(IDiscRecorder2 *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch) || IsEqualIID(riid, &IID_IDiscRecorder2))
    {
        *ppv = iface;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI fake_AddRef(IDiscRecorder2 *iface) { return 2; }
static ULONG WINAPI fake_Release(IDiscRecorder2 *iface) { return 1; }
static const IDiscRecorder2Vtbl fake_vtbl = { fake_QueryInterface, fake_AddRef, fake_Release };
static IDiscRecorder2 fake_recorder = { &fake_vtbl };

struct state
{
    FsiFileSystems fs;
    LONG blocks, start, udf;
};

static void get_state(IFileSystemImage3 *image, struct state *s)
{
    ok(IFileSystemImage3_get_FileSystemsToCreate(image, &s->fs) == S_OK, "FileSystemsToCreate\n");
    ok(IFileSystemImage3_get_FreeMediaBlocks(image, &s->blocks) == S_OK, "FreeMediaBlocks\n");
    ok(IFileSystemImage3_get_SessionStartBlock(image, &s->start) == S_OK, "SessionStartBlock\n");
    ok(IFileSystemImage3_get_UDFRevision(image, &s->udf) == S_OK, "UDFRevision\n");
}

#define check_unchanged(image, before, what) check_unchanged_(__LINE__, image, before, what)
static void check_unchanged_(int line, IFileSystemImage3 *image, const struct state *before, const char *what)
{
    struct state now;
    get_state(image, &now);
    ok_(__FILE__, line)(now.fs == before->fs && now.blocks == before->blocks && now.start == before->start
                        && now.udf == before->udf, "%s changed the image: fs %#x blocks %ld start %ld udf %#lx\n",
                        what, now.fs, now.blocks, now.start, now.udf);
}

static void test_arguments(void)
{
    IFileSystemImage3 *image = create_image();
    IDiscRecorder2 *uninit = NULL;
    struct state before;
    HRESULT hr;

    if (!image) return;
    get_state(image, &before);
    hr = IFileSystemImage3_ChooseImageDefaults(image, NULL);
    ok(hr == E_POINTER, "ChooseImageDefaults(NULL) %08lx\n", hr);
    hr = IFileSystemImage3_SetMaxMediaBlocksFromDevice(image, NULL);
    ok(hr == E_POINTER, "SetMaxMediaBlocksFromDevice(NULL) %08lx\n", hr);

    /* [undoc] a recorder object without IDiscRecorder2Ex: E_INVALIDARG, as the format
     * objects' put_Recorder; SetMaxMediaBlocksFromDevice has one failure code */
    hr = IFileSystemImage3_ChooseImageDefaults(image, &fake_recorder);
    ok(hr == E_INVALIDARG, "ChooseImageDefaults(foreign recorder) %08lx\n", hr);
    hr = IFileSystemImage3_SetMaxMediaBlocksFromDevice(image, &fake_recorder);
    ok(hr == IMAPI_E_FSI_INTERNAL_ERROR, "SetMaxMediaBlocksFromDevice(foreign recorder) %08lx\n", hr);

    /* [undoc] a recorder before InitializeDiscRecorder: what the recorder answers */
    hr = CoCreateInstance(&CLSID_MsftDiscRecorder2, NULL, CLSCTX_INPROC_SERVER, &IID_IDiscRecorder2, (void **)&uninit);
    ok(hr == S_OK, "CoCreateInstance(MsftDiscRecorder2) %08lx\n", hr);
    if (uninit)
    {
        hr = IFileSystemImage3_ChooseImageDefaults(image, uninit);
        ok(hr == E_IMAPI_RECORDER_REQUIRED, "ChooseImageDefaults(uninitialized recorder) %08lx\n", hr);
        hr = IFileSystemImage3_SetMaxMediaBlocksFromDevice(image, uninit);
        ok(hr == IMAPI_E_FSI_INTERNAL_ERROR, "SetMaxMediaBlocksFromDevice(uninitialized recorder) %08lx\n", hr);
        IDiscRecorder2_Release(uninit);
    }
    check_unchanged(image, &before, "a failed call");
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

static void test_no_media(void)
{
    IDiscRecorder2 *r = emu_open_named(L"Empty");
    IFileSystemImage3 *image;
    IErrorInfo *info = NULL;
    struct state before;
    BSTR desc = NULL;
    HRESULT hr;

    if (!r) return;
    if (!(image = create_image())) goto done;
    get_state(image, &before);
    hr = IFileSystemImage3_ChooseImageDefaults(image, r);
    ok(hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA, "ChooseImageDefaults without a disc %08lx\n", hr);
    hr = IFileSystemImage3_SetMaxMediaBlocksFromDevice(image, r);
    ok(hr == IMAPI_E_FSI_INTERNAL_ERROR, "SetMaxMediaBlocksFromDevice without a disc %08lx\n", hr);
    /* the error description says why */
    hr = GetErrorInfo(0, &info);
    ok(hr == S_OK && info, "no error info %08lx\n", hr);
    if (info)
    {
        IErrorInfo_GetDescription(info, &desc);
        ok(desc && wcsstr(desc, L"no disc"), "description %s\n", wine_dbgstr_w(desc));
        SysFreeString(desc);
        IErrorInfo_Release(info);
    }
    check_unchanged(image, &before, "no disc");
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
done:
    IDiscRecorder2_Release(r);
}

/* The defaults for one blank medium. */
static void test_medium(const WCHAR *name, FsiFileSystems want_fs, LONG want_udf)
{
    IDiscRecorder2 *r = emu_open_named(name);
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    struct state s, before;
    LONG free_sectors;
    ULONGLONG left;
    unsigned i;
    IStream *big;
    HRESULT hr;

    if (!r) return;
    free_sectors = data_free_sectors(r);
    ok(free_sectors > 0, "%s: FreeSectorsOnMedia %ld\n", wine_dbgstr_w(name), free_sectors);
    if (!(image = create_image())) goto done;

    /* ChooseImageDefaults: file systems of the media type, blocks from the disc */
    ok(IFileSystemImage3_put_SessionStartBlock(image, 0) == S_OK, "put_SessionStartBlock\n");
    ok(IFileSystemImage3_put_FreeMediaBlocks(image, 1000) == S_OK, "put_FreeMediaBlocks\n");
    hr = IFileSystemImage3_ChooseImageDefaults(image, r);
    ok(hr == S_OK, "%s: ChooseImageDefaults %08lx\n", wine_dbgstr_w(name), hr);
    get_state(image, &s);
    ok(s.blocks == free_sectors, "%s: FreeMediaBlocks %ld, FreeSectorsOnMedia %ld\n", wine_dbgstr_w(name), s.blocks,
       free_sectors);
    ok((s.fs & (FsiFileSystemISO9660 | FsiFileSystemJoliet)) == (FsiFileSystemISO9660 | FsiFileSystemJoliet),
       "%s: file systems %#x\n", wine_dbgstr_w(name), s.fs);
    ok(s.fs == want_fs, "%s: file systems %#x, Windows-like %#x\n", wine_dbgstr_w(name), s.fs, want_fs);
    ok(s.udf == want_udf, "%s: UDFRevision %#lx\n", wine_dbgstr_w(name), s.udf);
    ok(s.start == 0, "%s: SessionStartBlock %ld\n", wine_dbgstr_w(name), s.start);

    /* SetMaxMediaBlocksFromDevice: the blocks only */
    ok(IFileSystemImage3_put_FileSystemsToCreate(image, FsiFileSystemISO9660) == S_OK, "ISO9660 only\n");
    ok(IFileSystemImage3_put_FreeMediaBlocks(image, 1000) == S_OK, "put_FreeMediaBlocks\n");
    ok(IFileSystemImage3_put_SessionStartBlock(image, 16) == S_OK, "put_SessionStartBlock\n");
    hr = IFileSystemImage3_SetMaxMediaBlocksFromDevice(image, r);
    ok(hr == S_OK, "%s: SetMaxMediaBlocksFromDevice %08lx\n", wine_dbgstr_w(name), hr);
    get_state(image, &s);
    ok(s.blocks == free_sectors, "%s: FreeMediaBlocks %ld\n", wine_dbgstr_w(name), s.blocks);
    ok(s.fs == FsiFileSystemISO9660, "%s: file systems changed to %#x\n", wine_dbgstr_w(name), s.fs);
    ok(s.start == 16, "%s: SessionStartBlock changed to %ld\n", wine_dbgstr_w(name), s.start);

    /* the session start stays what the client (or an import) set */
    hr = IFileSystemImage3_ChooseImageDefaults(image, r);
    ok(hr == S_OK, "%s: ChooseImageDefaults %08lx\n", wine_dbgstr_w(name), hr);
    get_state(image, &s);
    ok(s.start == 16, "%s: SessionStartBlock changed to %ld\n", wine_dbgstr_w(name), s.start);

    /* an image larger than the disc: IMAPI_E_IMAGE_TOO_BIG (documented for
     * ChooseImageDefaults, as put_FreeMediaBlocks for the other) and nothing changes */
    if (free_sectors < 0x7fff0000 && (root = get_root(image)))
    {
        ok(IFileSystemImage3_put_FreeMediaBlocks(image, 0) == S_OK, "unlimited\n");
        /* files of at most 1 GiB (ISO9660 holds no file of 4 GiB) */
        for (left = (ULONGLONG)free_sectors + 1, i = 0; left; i++)
        {
            ULONGLONG blocks = min(left, 524288);
            WCHAR file[32];
            swprintf(file, ARRAYSIZE(file), L"big%u.bin", i);
            if (!(big = zero_stream(blocks * 2048))) break;
            hr = add_file(root, file, big);
            ok(hr == S_OK, "AddFile(%s) %08lx\n", wine_dbgstr_w(file), hr);
            IStream_Release(big);
            left -= blocks;
            if (hr != S_OK) break;
        }
        get_state(image, &before);
        hr = IFileSystemImage3_ChooseImageDefaults(image, r);
        ok(hr == IMAPI_E_IMAGE_TOO_BIG, "%s: ChooseImageDefaults for too big an image %08lx\n", wine_dbgstr_w(name), hr);
        hr = IFileSystemImage3_SetMaxMediaBlocksFromDevice(image, r);
        ok(hr == IMAPI_E_IMAGE_TOO_BIG, "%s: SetMaxMediaBlocksFromDevice for too big an image %08lx\n",
           wine_dbgstr_w(name), hr);
        check_unchanged(image, &before, "too big an image");
        IFsiDirectoryItem_Release(root);
    }
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
done:
    IDiscRecorder2_Release(r);
}

/* A closed (finalized) CD-R: no image can go onto it. */
static void test_closed_media(void)
{
    char path[MAX_PATH], dir[MAX_PATH];
    IFileSystemImage3 *image;
    IDiscRecorder2 *r;
    struct state before;
    LONG index;
    FILE *f;
    BSTR id;
    HRESULT hr;

    if (!emu_clone("Empty", "ClosedCDR", &id, &index)) return;
    GetEnvironmentVariableA("IMAPI_TEST_TMP_WIN", dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s\\ClosedCDR\\state.txt", dir);
    f = fopen(path, "wb");
    ok(f != NULL, "cannot write %s\n", path);
    if (!f)
    {
        SysFreeString(id);
        return;
    }
    fprintf(f, "imapi-vdrive-state 1\ngeneration 100\ntray closed\nmedia cdr\nformatted 0\ncapacity 359846\n"
               "finalized 1\nsessions_closed 1\n");
    fprintf(f, "page01 010a00200000000020000000\n"
               "page05 05324104080000000000000000000096000000000000000000000000000000000000000000000000000000000000000000000000\n"
               "page08 080a04000000000000000000\npage1a 1a0a00000000000000000000\npage1d 1d0a00000000001e02580000\n");
    fprintf(f, "track start=0 size=1000 written=1000 session=1 audio=0 raw=0 closed=1 bytes=0\nend\n");
    fclose(f);
    r = emu_open_id(id);
    SysFreeString(id);
    if (!r) return;
    if ((image = create_image()))
    {
        get_state(image, &before);
        hr = IFileSystemImage3_ChooseImageDefaults(image, r);
        ok(hr == E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE, "ChooseImageDefaults on a closed CD-R %08lx\n", hr);
        hr = IFileSystemImage3_SetMaxMediaBlocksFromDevice(image, r);
        ok(hr == IMAPI_E_FSI_INTERNAL_ERROR, "SetMaxMediaBlocksFromDevice on a closed CD-R %08lx\n", hr);
        check_unchanged(image, &before, "a closed CD-R");
        ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
    }
    IDiscRecorder2_Release(r);
}

START_TEST(fsimage_media)
{
    CoInitialize(NULL);
    test_arguments();
    test_no_media();
    test_medium(L"BlankCDR", FsiFileSystemISO9660 | FsiFileSystemJoliet, 0x102);
    test_medium(L"DVDPlusRW", FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF, 0x102);
    test_medium(L"BDR", FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF, 0x250);
    /* [undoc] write protection is not checked: the image can still be saved */
    test_medium(L"WriteProt", FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF, 0x102);
    test_closed_media();
    CoUninitialize();
}
