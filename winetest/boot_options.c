/*
 * Conformance tests of El Torito boot images through IMAPI2FS: every IBootOptions
 * member, IFileSystemImage::BootImageOptions, IFileSystemImage2::BootImageOptionsArray,
 * UsedBlocks / FreeMediaBlocks with boot regions, the first-session rule, and the
 * images CreateResultImage makes (boot record at sector 17, catalog, image bytes),
 * read here by the El Torito spec's byte offsets.
 *
 * The images with several entries are saved as %IMAPI_TEST_TMP_WIN%\boot-*.iso with
 * the boot images beside them and a manifest (boot-images.txt); tests/fscom/
 * verify_images.sh judges them with xorriso -report_el_torito and isoinfo -d. The
 * tree of boot-multi.iso also goes into fscom-images.txt, so the usual readers check
 * that neither the catalog nor the images are listed as files.
 */
#include <stdio.h>
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

#define FLOPPY12 1228800u
#define FLOPPY144 1474560u
#define FLOPPY288 2949120u

static WCHAR tmp_dir[MAX_PATH];
static char unix_tmp[MAX_PATH];

static BSTR bstr(const WCHAR *s) { return SysAllocString(s); }

/* Boot image bytes: a distinct pattern per seed. */
static BYTE *boot_bytes(size_t len, int seed)
{
    BYTE *b = malloc(len ? len : 1);
    size_t i;
    for (i = 0; i < len; i++) b[i] = (BYTE)(i * 29 + seed * 7 + (i >> 9));
    return b;
}

static IBootOptions *new_boot(void)
{
    IBootOptions *boot = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_BootOptions, NULL, CLSCTX_INPROC_SERVER, &IID_IBootOptions, (void **)&boot);
    ok(hr == S_OK, "CoCreateInstance(BootOptions) %#lx\n", hr);
    return boot;
}

/* A boot object with len bytes of pattern seed, platform and emulation set. */
static IBootOptions *make_boot(size_t len, int seed, PlatformId platform, EmulationType emu, const WCHAR *maker)
{
    IBootOptions *boot = new_boot();
    BYTE *bytes = boot_bytes(len, seed);
    IStream *s = mem_stream(bytes, len);
    HRESULT hr;

    free(bytes);
    if (!boot) { IStream_Release(s); return NULL; }
    hr = IBootOptions_AssignBootImage(boot, s);
    ok(hr == S_OK, "AssignBootImage(%Iu bytes) %#lx\n", len, hr);
    IStream_Release(s);
    ok(IBootOptions_put_PlatformId(boot, platform) == S_OK, "put_PlatformId\n");
    hr = IBootOptions_put_Emulation(boot, emu);
    ok(hr == S_OK, "put_Emulation(%d) %#lx\n", emu, hr);
    if (maker)
    {
        BSTR b = bstr(maker);
        ok(IBootOptions_put_Manufacturer(boot, b) == S_OK, "put_Manufacturer\n");
        SysFreeString(b);
    }
    return boot;
}

static LONG used_blocks(IFileSystemImage3 *image)
{
    LONG l = -1;
    HRESULT hr = IFileSystemImage3_get_UsedBlocks(image, &l);
    ok(hr == S_OK, "UsedBlocks %#lx\n", hr);
    return l;
}

/* The result image in memory (small images only). */
static BYTE *read_result(IFileSystemImage3 *image, HRESULT *phr, ULONG *size, LONG *total_blocks)
{
    IFileSystemImageResult *result = NULL;
    IStream *stream = NULL;
    STATSTG st;
    BYTE *buf = NULL;
    ULONG n = 0;

    *size = 0;
    *phr = IFileSystemImage3_CreateResultImage(image, &result);
    if (FAILED(*phr)) return NULL;
    if (total_blocks) IFileSystemImageResult_get_TotalBlocks(result, total_blocks);
    IFileSystemImageResult_get_ImageStream(result, &stream);
    IFileSystemImageResult_Release(result);
    if (!stream) return NULL;
    IStream_Stat(stream, &st, STATFLAG_NONAME);
    buf = malloc(st.cbSize.LowPart);
    ok(IStream_Read(stream, buf, st.cbSize.LowPart, &n) == S_OK && n == st.cbSize.LowPart, "image read %lu\n", n);
    IStream_Release(stream);
    *size = n;
    return buf;
}

static unsigned le16(const BYTE *p) { return p[0] | (p[1] << 8); }
static ULONG le32(const BYTE *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((ULONG)p[3] << 24); }

struct want
{
    size_t len;
    int seed;
    unsigned platform, emulation, load_size;
};

/* The boot record, the catalog (El Torito 2.0 Figures 2-7) and the bytes at each
 * entry's LBA, read by hand. */
static void check_boot_image(const BYTE *img, ULONG size, const struct want *w, unsigned n)
{
    ULONG cat_lba, lba;
    const BYTE *cat;
    unsigned i, pos = 64, k = 1, sum = 0;

    ok(size >= 20 * 2048, "image of %lu bytes\n", size);
    if (size < 20 * 2048) return;
    ok(img[17 * 2048] == 0 && !memcmp(img + 17 * 2048 + 1, "CD001\1EL TORITO SPECIFICATION", 30),
       "no boot record volume descriptor at sector 17\n");
    cat_lba = le32(img + 17 * 2048 + 0x47);
    ok(cat_lba > 17 && (cat_lba + 1) * 2048 <= size, "catalog at %lu\n", cat_lba);
    if (!(cat_lba > 17 && (cat_lba + 1) * 2048 <= size)) return;
    cat = img + cat_lba * 2048;
    for (i = 0; i < 32; i += 2) sum += le16(cat + i);
    ok(cat[0] == 1 && cat[1] == w[0].platform && cat[30] == 0x55 && cat[31] == 0xaa && !(sum & 0xffff),
       "validation entry %02x %02x %02x%02x sum %#x\n", cat[0], cat[1], cat[30], cat[31], sum & 0xffff);
    for (i = 0; i < n; i++)
    {
        const BYTE *e;
        BYTE *bytes;
        if (i == 0) e = cat + 32;
        else
        {
            if (cat[pos] == 0x90 || cat[pos] == 0x91)   /* a section header: platform of the next run */
            {
                ok(cat[pos + 1] == w[i].platform, "entry %u: section platform %#x, expected %#x\n", i, cat[pos + 1],
                   w[i].platform);
                pos += 32;
            }
            e = cat + pos;
            pos += 32;
        }
        ok(e[0] == 0x88, "entry %u not bootable: %#x\n", i, e[0]);
        ok(e[1] == w[i].emulation, "entry %u: media %u, expected %u\n", i, e[1], w[i].emulation);
        ok(le16(e + 6) == w[i].load_size, "entry %u: load size %u, expected %u\n", i, le16(e + 6), w[i].load_size);
        lba = le32(e + 8);
        ok(lba > cat_lba && lba * 2048 + w[i].len <= size, "entry %u: LBA %lu\n", i, lba);
        if (!(lba > cat_lba && lba * 2048 + w[i].len <= size)) continue;
        bytes = boot_bytes(w[i].len, w[i].seed);
        ok(!memcmp(img + lba * 2048, bytes, w[i].len), "entry %u: image bytes differ at LBA %lu\n", i, lba);
        free(bytes);
        k++;
    }
    ok(k == n + 1, "%u of %u entries checked\n", k - 1, n);
}

static void test_boot_options_object(void)
{
    IBootOptions *boot = new_boot();
    EmulationType emu;
    PlatformId platform;
    IStream *data, *got;
    ULONG size;
    BSTR s;
    HRESULT hr;

    if (!boot) return;
    {
        IUnknown *unk = (IUnknown *)0xdeadbeef;
        ok(IBootOptions_QueryInterface(boot, &IID_IDispatch, (void **)&unk) == S_OK && unk, "QI(IDispatch)\n");
        if (unk) IUnknown_Release(unk);
        unk = (IUnknown *)0xdeadbeef;
        ok(IBootOptions_QueryInterface(boot, &IID_IFsiItem, (void **)&unk) == E_NOINTERFACE && !unk, "QI(IFsiItem)\n");
    }
    /* defaults (spec 4.2) */
    hr = IBootOptions_get_Emulation(boot, &emu);
    ok(hr == S_OK && emu == EmulationNone, "Emulation %#lx %d\n", hr, emu);
    hr = IBootOptions_get_PlatformId(boot, &platform);
    ok(hr == S_OK && platform == PlatformX86, "PlatformId %#lx %d\n", hr, platform);
    hr = IBootOptions_get_ImageSize(boot, &size);
    ok(hr == S_OK && size == 0, "ImageSize %#lx %lu\n", hr, size);
    got = (IStream *)0xdeadbeef;
    hr = IBootOptions_get_BootImage(boot, &got);
    ok(hr == S_OK && !got, "BootImage %#lx %p\n", hr, got);
    hr = IBootOptions_get_Manufacturer(boot, &s);
    ok(hr == S_OK && s && !*s, "Manufacturer %#lx\n", hr);
    SysFreeString(s);
    /* NULL out pointers */
    ok(IBootOptions_get_Emulation(boot, NULL) == E_POINTER, "Emulation(NULL)\n");
    ok(IBootOptions_get_PlatformId(boot, NULL) == E_POINTER, "PlatformId(NULL)\n");
    ok(IBootOptions_get_ImageSize(boot, NULL) == E_POINTER, "ImageSize(NULL)\n");
    ok(IBootOptions_get_BootImage(boot, NULL) == E_POINTER, "BootImage(NULL)\n");
    ok(IBootOptions_get_Manufacturer(boot, NULL) == E_POINTER, "Manufacturer(NULL)\n");
    ok(IBootOptions_AssignBootImage(boot, NULL) == E_POINTER, "AssignBootImage(NULL)\n");

    /* Manufacturer: ANSI, at most 24 bytes */
    s = bstr(L"ABCDEFGHIJKLMNOPQRSTUVWX");
    ok(IBootOptions_put_Manufacturer(boot, s) == S_OK, "24-byte Manufacturer\n");
    SysFreeString(s);
    s = bstr(L"ABCDEFGHIJKLMNOPQRSTUVWXY");
    ok(IBootOptions_put_Manufacturer(boot, s) == IMAPI_E_INVALID_PARAM, "25-byte Manufacturer\n");
    SysFreeString(s);
    s = bstr(L"\x4e2d\x6587");   /* not in the ANSI code page (1252 under Wine's default locale) */
    hr = IBootOptions_put_Manufacturer(boot, s);
    ok(hr == IMAPI_E_INVALID_PARAM || broken(hr == S_OK) /* a CJK ANSI code page */, "CJK Manufacturer %#lx\n", hr);
    SysFreeString(s);
    hr = IBootOptions_get_Manufacturer(boot, &s);
    ok(hr == S_OK && !wcscmp(s, L"ABCDEFGHIJKLMNOPQRSTUVWX"), "Manufacturer %s\n", wine_dbgstr_w(s));
    SysFreeString(s);
    ok(IBootOptions_put_Manufacturer(boot, NULL) == S_OK, "NULL Manufacturer\n");
    hr = IBootOptions_get_Manufacturer(boot, &s);
    ok(hr == S_OK && s && !*s, "Manufacturer after NULL %s\n", wine_dbgstr_w(s));
    SysFreeString(s);

    /* PlatformId: the four documented values and any other */
    ok(IBootOptions_put_PlatformId(boot, PlatformEFI) == S_OK, "PlatformEFI\n");
    hr = IBootOptions_get_PlatformId(boot, &platform);
    ok(hr == S_OK && platform == PlatformEFI && PlatformEFI == 0xef, "PlatformId %d\n", platform);
    ok(IBootOptions_put_PlatformId(boot, PlatformMac) == S_OK, "PlatformMac\n");
    ok(IBootOptions_put_PlatformId(boot, PlatformPowerPC) == S_OK, "PlatformPowerPC\n");
    hr = IBootOptions_get_PlatformId(boot, &platform);
    ok(hr == S_OK && platform == PlatformPowerPC, "PlatformId %d\n", platform);
    ok(IBootOptions_put_PlatformId(boot, PlatformX86) == S_OK, "PlatformX86\n");

    /* Emulation without an image: nothing to mismatch */
    ok(IBootOptions_put_Emulation(boot, Emulation288MFloppy) == S_OK, "2.88 MB without an image\n");
    hr = IBootOptions_put_Emulation(boot, EmulationHardDisk + 1);
    ok(hr == IMAPI_E_INVALID_PARAM, "[undoc] emulation 5 %#lx\n", hr);
    hr = IBootOptions_put_Emulation(boot, (EmulationType)-1);
    ok(hr == IMAPI_E_INVALID_PARAM, "[undoc] emulation -1 %#lx\n", hr);

    /* AssignBootImage: bad data */
    data = mem_stream(NULL, 0);
    ok(IBootOptions_AssignBootImage(boot, data) == IMAPI_E_BOOT_IMAGE_DATA, "empty boot image\n");
    IStream_Release(data);
    hr = IBootOptions_get_ImageSize(boot, &size);
    ok(hr == S_OK && size == 0, "ImageSize after a refused image %lu\n", size);

    /* [undoc] a 4 KB image leaves the 2.88 MB emulation that no longer fits as none */
    data = test_stream(4096, ~0ull);
    ok(IBootOptions_AssignBootImage(boot, data) == S_OK, "4 KB image\n");
    hr = IBootOptions_get_Emulation(boot, &emu);
    ok(hr == S_OK && emu == EmulationNone, "emulation after a 4 KB image: %d\n", emu);
    hr = IBootOptions_get_BootImage(boot, &got);
    ok(hr == S_OK && got == data, "BootImage %p, assigned %p\n", got, data);
    if (got) IStream_Release(got);
    IStream_Release(data);
    hr = IBootOptions_get_ImageSize(boot, &size);
    ok(hr == S_OK && size == 4096, "ImageSize %lu\n", size);
    hr = IBootOptions_put_Emulation(boot, Emulation144MFloppy);
    ok(hr == IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH, "1.44 MB emulation of 4 KB %#lx\n", hr);
    ok(IBootOptions_put_Emulation(boot, EmulationHardDisk) == S_OK, "hard disk emulation of 4 KB\n");
    ok(IBootOptions_put_Emulation(boot, EmulationNone) == S_OK, "no emulation\n");

    /* the three diskette sizes select their emulation; the others mismatch */
    {
        static const struct { ULONG size; EmulationType emu, other; } floppies[] = {
            { FLOPPY12, Emulation12MFloppy, Emulation144MFloppy },
            { FLOPPY144, Emulation144MFloppy, Emulation288MFloppy },
            { FLOPPY288, Emulation288MFloppy, Emulation12MFloppy },
        };
        int i;
        for (i = 0; i < 3; i++)
        {
            data = test_stream(floppies[i].size, ~0ull);
            ok(IBootOptions_AssignBootImage(boot, data) == S_OK, "diskette image %lu\n", floppies[i].size);
            IStream_Release(data);
            hr = IBootOptions_get_Emulation(boot, &emu);
            ok(hr == S_OK && emu == floppies[i].emu, "size %lu: emulation %d\n", floppies[i].size, emu);
            hr = IBootOptions_put_Emulation(boot, floppies[i].other);
            ok(hr == IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH, "size %lu, emulation %d: %#lx\n",
               floppies[i].size, floppies[i].other, hr);
            hr = IBootOptions_get_Emulation(boot, &emu);
            ok(hr == S_OK && emu == floppies[i].emu, "emulation changed by a refused put: %d\n", emu);
            /* can be overridden by none or hard disk (AssignBootImage remarks) */
            ok(IBootOptions_put_Emulation(boot, EmulationNone) == S_OK, "none for a diskette image\n");
        }
    }
    IBootOptions_Release(boot);
}

static HRESULT put_array(IFileSystemImage3 *image, IBootOptions **boots, LONG n)
{
    SAFEARRAY *sa = SafeArrayCreateVector(VT_VARIANT, 0, n);
    VARIANT v;
    HRESULT hr;
    LONG i;

    for (i = 0; i < n; i++)
    {
        V_VT(&v) = VT_DISPATCH;
        V_DISPATCH(&v) = (IDispatch *)boots[i];
        SafeArrayPutElement(sa, &i, &v);
    }
    hr = IFileSystemImage3_put_BootImageOptionsArray(image, sa);
    SafeArrayDestroy(sa);
    return hr;
}

static LONG array_count(IFileSystemImage3 *image)
{
    SAFEARRAY *sa = NULL;
    LONG lb = 0, ub = -1;
    HRESULT hr = IFileSystemImage3_get_BootImageOptionsArray(image, &sa);
    ok(hr == S_OK && sa, "BootImageOptionsArray %#lx\n", hr);
    if (!sa) return -1;
    SafeArrayGetLBound(sa, 1, &lb);
    SafeArrayGetUBound(sa, 1, &ub);
    SafeArrayDestroy(sa);
    return ub - lb + 1;
}

static void test_image_members(void)
{
    IFileSystemImage3 *image = create_image();
    IBootOptions *boot, *empty, *got, *list[40];
    IFsiDirectoryItem *root;
    EmulationType emu;
    PlatformId platform;
    LONG plain, with, blocks, i;
    IStream *data;
    BYTE *img;
    ULONG size;
    BSTR s;
    HRESULT hr;

    if (!image) return;
    root = get_root(image);
    data = test_stream(10000, ~0ull);
    ok(IFsiDirectoryItem_AddFile(root, (s = bstr(L"file.bin")), data) == S_OK, "AddFile\n");
    SysFreeString(s);
    IStream_Release(data);
    plain = used_blocks(image);

    /* BootImageOptions: NULL clears; an object without a boot image cannot be added */
    got = (IBootOptions *)0xdeadbeef;
    hr = IFileSystemImage3_get_BootImageOptions(image, &got);
    ok(hr == S_OK && !got, "BootImageOptions %#lx %p\n", hr, got);
    ok(IFileSystemImage3_put_BootImageOptions(image, NULL) == S_OK, "put NULL\n");
    empty = new_boot();
    hr = IFileSystemImage3_put_BootImageOptions(image, empty);
    ok(hr == IMAPI_E_BOOT_IMAGE_DATA, "boot object without an image %#lx\n", hr);

    /* a deep copy (the page): later changes of the caller's object do not count */
    boot = make_boot(4096, 1, PlatformX86, EmulationNone, L"IMAPI test");
    hr = IFileSystemImage3_put_BootImageOptions(image, boot);
    ok(hr == S_OK, "put_BootImageOptions %#lx\n", hr);
    hr = IFileSystemImage3_get_BootImageOptions(image, &got);
    ok(hr == S_OK && got && got != boot, "BootImageOptions %#lx %p (put %p): a copy\n", hr, got, boot);
    if (got)
    {
        hr = IBootOptions_get_ImageSize(got, &size);
        ok(hr == S_OK && size == 4096, "copy's ImageSize %lu\n", size);
        hr = IBootOptions_get_Manufacturer(got, &s);
        ok(hr == S_OK && !wcscmp(s, L"IMAPI test"), "copy's Manufacturer %s\n", wine_dbgstr_w(s));
        SysFreeString(s);
        IBootOptions_Release(got);
    }
    ok(IBootOptions_put_PlatformId(boot, PlatformEFI) == S_OK, "change the original\n");
    data = test_stream(FLOPPY144, ~0ull);
    ok(IBootOptions_AssignBootImage(boot, data) == S_OK, "new image of the original\n");
    IStream_Release(data);
    hr = IFileSystemImage3_get_BootImageOptions(image, &got);
    if (got)
    {
        ok(IBootOptions_get_PlatformId(got, &platform) == S_OK && platform == PlatformX86, "copy's platform %d\n",
           platform);
        ok(IBootOptions_get_Emulation(got, &emu) == S_OK && emu == EmulationNone, "copy's emulation %d\n", emu);
        IBootOptions_Release(got);
    }
    ok(array_count(image) == 1, "one entry in the array\n");

    /* UsedBlocks counts the boot record, the catalog and the image (2 blocks) */
    with = used_blocks(image);
    ok(with == plain + 4, "UsedBlocks %ld with a 4 KB boot image, %ld without\n", with, plain);
    {
        struct want w = { 4096, 1, 0, 0, 8 };
        img = read_result(image, &hr, &size, &blocks);
        ok(hr == S_OK, "CreateResultImage with a boot image %#lx\n", hr);
        ok(blocks == with && size == (ULONG)with * 2048, "TotalBlocks %ld, %lu bytes, UsedBlocks %ld\n", blocks,
           size, with);
        if (img) check_boot_image(img, size, &w, 1);
        free(img);
    }

    /* FreeMediaBlocks counts them too */
    hr = IFileSystemImage3_put_FreeMediaBlocks(image, with - 1);
    ok(hr == IMAPI_E_IMAGE_TOO_BIG, "FreeMediaBlocks below the boot image's end %#lx\n", hr);
    ok(IFileSystemImage3_put_FreeMediaBlocks(image, with) == S_OK, "FreeMediaBlocks = UsedBlocks\n");
    img = read_result(image, &hr, &size, NULL);
    ok(hr == S_OK, "CreateResultImage at the limit %#lx\n", hr);
    free(img);
    ok(IFileSystemImage3_put_FreeMediaBlocks(image, 0) == S_OK, "unlimited\n");

    /* boot only in a first session */
    ok(IFileSystemImage3_put_SessionStartBlock(image, 1000) == S_OK, "SessionStartBlock 1000\n");
    img = read_result(image, &hr, &size, NULL);
    ok(hr == IMAPI_E_BOOT_OBJECT_CONFLICT, "CreateResultImage of a later session with a boot image %#lx\n", hr);
    free(img);
    hr = IFileSystemImage3_put_BootImageOptions(image, boot);
    ok(hr == IMAPI_E_BOOT_OBJECT_CONFLICT, "put_BootImageOptions in a later session %#lx\n", hr);
    list[0] = boot;
    hr = put_array(image, list, 1);
    ok(hr == IMAPI_E_BOOT_OBJECT_CONFLICT, "put_BootImageOptionsArray in a later session %#lx\n", hr);
    ok(put_array(image, list, 0) == S_OK, "an empty array in a later session\n");
    ok(IFileSystemImage3_put_BootImageOptions(image, NULL) == S_OK, "NULL in a later session\n");
    img = read_result(image, &hr, &size, NULL);
    ok(hr == S_OK, "CreateResultImage of a later session without boot %#lx\n", hr);
    free(img);
    ok(IFileSystemImage3_put_SessionStartBlock(image, 0) == S_OK, "SessionStartBlock 0\n");

    /* BootImageOptionsArray: references, order, errors */
    list[0] = make_boot(2048, 2, PlatformX86, EmulationNone, NULL);
    list[1] = make_boot(6000, 3, PlatformEFI, EmulationNone, NULL);
    ok(put_array(image, list, 2) == S_OK, "two entries\n");
    hr = IFileSystemImage3_get_BootImageOptions(image, &got);
    ok(hr == S_OK && got == list[0], "BootImageOptions is the array's first reference %p %p\n", got, list[0]);
    if (got) IBootOptions_Release(got);
    {
        SAFEARRAY *sa = NULL;
        VARIANT v;
        LONG idx = 1;
        hr = IFileSystemImage3_get_BootImageOptionsArray(image, &sa);
        ok(hr == S_OK && sa, "BootImageOptionsArray %#lx\n", hr);
        if (sa)
        {
            VARTYPE vt = 0;
            SafeArrayGetVartype(sa, &vt);
            ok(vt == VT_VARIANT, "element type %d\n", vt);
            VariantInit(&v);
            SafeArrayGetElement(sa, &idx, &v);
            ok(V_VT(&v) == VT_DISPATCH && V_DISPATCH(&v) == (IDispatch *)list[1], "element 1 %d %p\n", V_VT(&v),
               V_DISPATCH(&v));
            VariantClear(&v);
            SafeArrayDestroy(sa);
        }
    }
    {
        SAFEARRAY *sa = SafeArrayCreateVector(VT_DISPATCH, 0, 1);
        LONG idx = 0;
        SafeArrayPutElement(sa, &idx, list[1]);
        ok(IFileSystemImage3_put_BootImageOptionsArray(image, sa) == S_OK, "a VT_DISPATCH array\n");
        SafeArrayDestroy(sa);
        ok(array_count(image) == 1, "one entry from a VT_DISPATCH array\n");
        ok(put_array(image, list, 2) == S_OK, "two entries again\n");
    }
    /* references: a change after the put is what gets written */
    ok(IBootOptions_put_Emulation(list[0], EmulationHardDisk) == S_OK, "hard disk emulation after the put\n");
    {
        struct want w[2] = { { 2048, 2, 0, 4, 1 }, { 6000, 3, 0xef, 0, 12 } };
        img = read_result(image, &hr, &size, NULL);
        ok(hr == S_OK, "CreateResultImage with two entries %#lx\n", hr);
        if (img) check_boot_image(img, size, w, 2);
        free(img);
    }
    /* an element without an image; other objects; other types; too many; 2-D */
    list[2] = empty;
    hr = put_array(image, list, 3);
    ok(hr == IMAPI_E_BOOT_IMAGE_DATA, "an element without a boot image %#lx\n", hr);
    ok(array_count(image) == 2, "a refused array changes nothing\n");
    list[2] = (IBootOptions *)image;
    hr = put_array(image, list, 3);
    ok(hr == E_NOINTERFACE, "an image object as boot entry %#lx\n", hr);
    {
        SAFEARRAY *sa = SafeArrayCreateVector(VT_VARIANT, 0, 1);
        SAFEARRAYBOUND bounds[2] = { { 1, 0 }, { 1, 0 } };
        VARIANT v;
        LONG idx = 0;
        V_VT(&v) = VT_I4;
        V_I4(&v) = 5;
        SafeArrayPutElement(sa, &idx, &v);
        hr = IFileSystemImage3_put_BootImageOptionsArray(image, sa);
        ok(hr == E_NOINTERFACE, "a VT_I4 element %#lx\n", hr);
        SafeArrayDestroy(sa);
        sa = SafeArrayCreate(VT_VARIANT, 2, bounds);
        hr = IFileSystemImage3_put_BootImageOptionsArray(image, sa);
        ok(hr == IMAPI_E_INVALID_PARAM, "[undoc] two-dimensional array %#lx\n", hr);
        SafeArrayDestroy(sa);
    }
    ok(IFileSystemImage3_put_BootImageOptionsArray(image, NULL) == E_POINTER, "NULL array\n");
    for (i = 0; i < 33; i++) list[i] = list[i & 1];
    hr = put_array(image, list, 33);
    ok(hr == IMAPI_E_BOOT_IMAGE_DATA, "[undoc] 33 entries %#lx\n", hr);
    ok(array_count(image) == 2, "still two entries\n");
    hr = put_array(image, list, 32);
    ok(hr == S_OK, "32 entries (IMAPI2FS_BOOT_ENTRY_COUNT_MAX) %#lx\n", hr);
    ok(array_count(image) == 32, "32 entries\n");
    img = read_result(image, &hr, &size, NULL);
    ok(hr == S_OK, "CreateResultImage with 32 entries %#lx\n", hr);
    if (img)
    {
        struct want w[32];
        for (i = 0; i < 32; i++)
        {
            w[i].len = i & 1 ? 6000 : 2048;
            w[i].seed = i & 1 ? 3 : 2;
            w[i].platform = i & 1 ? 0xef : 0;
            w[i].emulation = i & 1 ? 0 : 4;
            w[i].load_size = i & 1 ? 12 : 1;
        }
        check_boot_image(img, size, w, 32);
    }
    free(img);

    /* an empty array: not bootable, the getters follow */
    ok(put_array(image, list, 0) == S_OK, "empty array\n");
    ok(array_count(image) == 0, "no entries\n");
    hr = IFileSystemImage3_get_BootImageOptions(image, &got);
    ok(hr == S_OK && !got, "BootImageOptions after an empty array %p\n", got);
    ok(used_blocks(image) == plain, "UsedBlocks %ld without boot entries, %ld before\n", used_blocks(image), plain);
    img = read_result(image, &hr, &size, NULL);
    ok(hr == S_OK && img && img[17 * 2048] != 0, "not bootable: sector 17 is no boot record\n");
    free(img);

    IBootOptions_Release(list[0]);
    IBootOptions_Release(list[1]);
    IBootOptions_Release(boot);
    IBootOptions_Release(empty);
    IFsiDirectoryItem_Release(root);
    ok(IFileSystemImage3_Release(image) == 0, "image not released\n");
}

/* ---- images for tests/fscom/verify_images.sh ---- */

static FILE *boot_manifest, *fscom_manifest;

static void write_file(const WCHAR *name, const void *data, DWORD len)
{
    WCHAR path[MAX_PATH];
    HANDLE h;
    DWORD done = 0;
    swprintf(path, MAX_PATH, L"%ls\\%ls", tmp_dir, name);
    h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(h != INVALID_HANDLE_VALUE, "cannot create %s\n", wine_dbgstr_w(path));
    if (h == INVALID_HANDLE_VALUE) return;
    ok(WriteFile(h, data, len, &done, NULL) && done == len, "write %s\n", wine_dbgstr_w(path));
    CloseHandle(h);
}

struct saved_entry
{
    size_t len;
    int seed;
    PlatformId platform;
    EmulationType emulation;
    const char *xorriso_pltf, *xorriso_emul;
    unsigned load_size;
    BOOL mbr;
};

static IBootOptions *saved_boot(const char *iso, unsigned index, const struct saved_entry *e)
{
    BYTE *bytes = boot_bytes(e->len, e->seed);
    IBootOptions *boot = new_boot();
    WCHAR name[64];
    IStream *s;
    HRESULT hr;

    if (e->mbr)
    {
        /* an MBR with a FAT16 partition (type 06h): System Type of a hard-disk entry */
        memset(bytes + 446, 0, 64);
        bytes[446 + 4] = 0x06;
        bytes[510] = 0x55;
        bytes[511] = 0xaa;
    }
    swprintf(name, ARRAY_SIZE(name), L"%hs-%u.bin", iso, index);
    write_file(name, bytes, (DWORD)e->len);
    s = mem_stream(bytes, e->len);
    free(bytes);
    if (!boot) { IStream_Release(s); return NULL; }
    ok(IBootOptions_AssignBootImage(boot, s) == S_OK, "AssignBootImage\n");
    IStream_Release(s);
    IBootOptions_put_PlatformId(boot, e->platform);
    hr = IBootOptions_put_Emulation(boot, e->emulation);
    ok(hr == S_OK, "put_Emulation %#lx\n", hr);
    /* image index platform emulation load-size system-type boot-file (xorriso's words) */
    if (boot_manifest)
        fprintf(boot_manifest, "%s.iso %u %s %s %u 0x%02x %s-%u.bin\n", iso, index + 1, e->xorriso_pltf,
                e->xorriso_emul, e->load_size, e->mbr ? 6 : 0, iso, index);
    return boot;
}

static void save_result(IFileSystemImage3 *image, const char *iso)
{
    WCHAR name[64];
    BYTE *img;
    ULONG size;
    HRESULT hr;

    img = read_result(image, &hr, &size, NULL);
    ok(hr == S_OK && img, "CreateResultImage for %s %#lx\n", iso, hr);
    swprintf(name, ARRAY_SIZE(name), L"%hs.iso", iso);
    if (img) write_file(name, img, size);
    free(img);
}

static void test_saved_images(void)
{
    static const struct saved_entry multi[] = {
        { 4096, 11, PlatformX86, EmulationNone, "BIOS", "none", 8, FALSE },
        { 100001, 12, PlatformEFI, EmulationNone, "UEFI", "none", 196, FALSE },
        { FLOPPY144, 13, PlatformX86, Emulation144MFloppy, "BIOS", "fd1.4", 1, FALSE },
        { 65536, 14, PlatformX86, EmulationHardDisk, "BIOS", "hd", 1, TRUE },
        { 2048, 15, PlatformEFI, EmulationNone, "UEFI", "none", 4, FALSE },
        { 5000, 16, PlatformPowerPC, EmulationNone, "PPC", "none", 10, FALSE },
        { FLOPPY288, 17, PlatformMac, Emulation288MFloppy, "Mac", "fd2.8", 1, FALSE },
    };
    IFileSystemImage3 *image;
    IFsiDirectoryItem *root;
    IBootOptions *boots[ARRAY_SIZE(multi)];
    WCHAR path[MAX_PATH];
    const char *env;
    unsigned i;
    BSTR b;

    if (!GetEnvironmentVariableW(L"IMAPI_TEST_TMP_WIN", tmp_dir, MAX_PATH))
    {
        skip("IMAPI_TEST_TMP_WIN is not set (not started by run-wine.sh)\n");
        return;
    }
    env = getenv("IMAPI_TEST_TMP");
    lstrcpynA(unix_tmp, env ? env : "", MAX_PATH);
    swprintf(path, MAX_PATH, L"%ls\\boot-images.txt", tmp_dir);
    boot_manifest = _wfopen(path, L"w");
    ok(boot_manifest != NULL, "cannot write the boot manifest\n");
    swprintf(path, MAX_PATH, L"%ls\\fscom-images.txt", tmp_dir);
    fscom_manifest = _wfopen(path, L"a");

    /* a tree from disk, so verify_images.sh compares the listing with it */
    swprintf(path, MAX_PATH, L"%ls\\boot-tree", tmp_dir);
    CreateDirectoryW(path, NULL);
    swprintf(path, MAX_PATH, L"boot-tree\\readme.txt");
    write_file(path, "a bootable disc\n", 16);
    swprintf(path, MAX_PATH, L"%ls\\boot-tree\\isolinux", tmp_dir);
    CreateDirectoryW(path, NULL);
    write_file(L"boot-tree\\isolinux\\isolinux.cfg", "default linux\n", 14);

    /* BIOS alone, through BootImageOptions */
    if ((image = create_image()))
    {
        IBootOptions *bios = saved_boot("boot-bios", 0, &multi[0]);
        ok(IFileSystemImage3_put_BootImageOptions(image, bios) == S_OK, "put_BootImageOptions\n");
        save_result(image, "boot-bios");
        IBootOptions_Release(bios);
        IFileSystemImage3_Release(image);
    }

    /* BIOS and EFI and more, through BootImageOptionsArray, over a tree */
    if ((image = create_image()))
    {
        root = get_root(image);
        swprintf(path, MAX_PATH, L"%ls\\boot-tree", tmp_dir);
        ok(IFsiDirectoryItem_AddTree(root, (b = bstr(path)), VARIANT_FALSE) == S_OK, "AddTree\n");
        SysFreeString(b);
        for (i = 0; i < ARRAY_SIZE(multi); i++) boots[i] = saved_boot("boot-multi", i, &multi[i]);
        ok(put_array(image, boots, ARRAY_SIZE(multi)) == S_OK, "put_BootImageOptionsArray\n");
        save_result(image, "boot-multi");
        if (fscom_manifest) fprintf(fscom_manifest, "boot-multi.iso %s/boot-tree\n", unix_tmp);
        for (i = 0; i < ARRAY_SIZE(multi); i++) IBootOptions_Release(boots[i]);
        IFsiDirectoryItem_Release(root);
        IFileSystemImage3_Release(image);
    }
    if (boot_manifest) fclose(boot_manifest);
    if (fscom_manifest) fclose(fscom_manifest);
}

START_TEST(boot_options)
{
    (void)advise;   /* fsi_test.h's event helper: no events here */
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    test_boot_options_object();
    test_image_members();
    test_saved_images();
    CoUninitialize();
}
