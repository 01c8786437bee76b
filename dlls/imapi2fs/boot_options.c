/* BootOptions (IBootOptions): one El Torito boot entry's settings for
 * IFileSystemImage::BootImageOptions(Array); core/fs (fs_eltorito.c) writes them.
 * Also the two helpers the image object needs: an entry from any IBootOptions
 * (boot_options_entry) and put_BootImageOptions' deep copy (boot_options_copy). */

#include "imapi2fs_private.h"
#include "fs/fs_eltorito.h"

/* The core records IMAPI's enum values as they are. */
C_ASSERT(EmulationNone == FS_ELTORITO_EMUL_NONE && Emulation12MFloppy == FS_ELTORITO_EMUL_FLOPPY12
         && Emulation144MFloppy == FS_ELTORITO_EMUL_FLOPPY144 && Emulation288MFloppy == FS_ELTORITO_EMUL_FLOPPY288
         && EmulationHardDisk == FS_ELTORITO_EMUL_HARDDISK);
C_ASSERT(PlatformX86 == FS_ELTORITO_PLATFORM_X86 && PlatformPowerPC == FS_ELTORITO_PLATFORM_POWERPC
         && PlatformMac == FS_ELTORITO_PLATFORM_MAC && PlatformEFI == FS_ELTORITO_PLATFORM_EFI);

struct boot_options
{
    struct imapi_object obj;
    IBootOptions IBootOptions_iface;
    IStream *image;
    ULONG size;
    WCHAR *manufacturer;
    PlatformId platform;
    EmulationType emulation;
};

IMAPI_IUNKNOWN_METHODS(boot_options, IBootOptions, struct boot_options, IBootOptions_iface)
IMAPI_IDISPATCH_METHODS(boot_options, IBootOptions, IID_IBootOptions)

static HRESULT WINAPI boot_options_get_BootImage(IBootOptions *iface, IStream **pVal)
{
    struct boot_options *boot = boot_options_impl(iface);
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    if ((*pVal = boot->image)) IStream_AddRef(*pVal);
    return S_OK;
}

static HRESULT WINAPI boot_options_get_Manufacturer(IBootOptions *iface, BSTR *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    return imapi_return_bstr(boot_options_impl(iface)->manufacturer, pVal);
}

/* ANSI, at most 24 bytes (the El Torito validation entry's ID field); characters the
 * ANSI code page cannot hold or longer strings: IMAPI_E_INVALID_PARAM. */
static HRESULT WINAPI boot_options_put_Manufacturer(IBootOptions *iface, BSTR newVal)
{
    struct boot_options *boot = boot_options_impl(iface);
    size_t len = fsi_bstr_len(newVal);
    char ansi[64];
    BOOL lossy = FALSE;
    WCHAR *copy = NULL;
    int n = 0;

    TRACE("(%p)->(%s)\n", boot, debugstr_w(newVal));
    if (len)
    {
        if (len > 24) return IMAPI_E_INVALID_PARAM;
        n = WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, newVal, (int)len, ansi, sizeof(ansi), NULL, &lossy);
        if (!n || n > 24 || lossy) return IMAPI_E_INVALID_PARAM;
        if (!(copy = malloc((len + 1) * sizeof(WCHAR)))) return E_OUTOFMEMORY;
        memcpy(copy, newVal, len * sizeof(WCHAR));
        copy[len] = 0;
    }
    free(boot->manufacturer);
    boot->manufacturer = copy;
    return S_OK;
}

static HRESULT WINAPI boot_options_get_PlatformId(IBootOptions *iface, PlatformId *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = boot_options_impl(iface)->platform;
    return S_OK;
}

/* "Other values may exist" (spec 1): any platform byte is kept. */
static HRESULT WINAPI boot_options_put_PlatformId(IBootOptions *iface, PlatformId newVal)
{
    TRACE("(%p)->(%d)\n", iface, newVal);
    boot_options_impl(iface)->platform = newVal;
    return S_OK;
}

static HRESULT WINAPI boot_options_get_Emulation(IBootOptions *iface, EmulationType *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = boot_options_impl(iface)->emulation;
    return S_OK;
}

/* A floppy emulation whose size differs from the assigned image:
 * IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH. Values above EmulationHardDisk:
 * IMAPI_E_INVALID_PARAM [undoc]. */
static HRESULT WINAPI boot_options_put_Emulation(IBootOptions *iface, EmulationType newVal)
{
    struct boot_options *boot = boot_options_impl(iface);
    TRACE("(%p)->(%d)\n", boot, newVal);
    if ((ULONG)newVal > EmulationHardDisk) return IMAPI_E_INVALID_PARAM;
    if (boot->image && fs_eltorito_floppy_bytes(newVal) && fs_eltorito_floppy_bytes(newVal) != boot->size)
        return IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH;
    boot->emulation = newVal;
    return S_OK;
}

static HRESULT WINAPI boot_options_get_ImageSize(IBootOptions *iface, ULONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = boot_options_impl(iface)->size;
    return S_OK;
}

/* Keeps the stream; an image of exactly 1.2, 1.44 or 2.88 MB selects that floppy
 * emulation (spec 3.11). A stream without a size, an empty one or one of 4 GiB and
 * more: IMAPI_E_BOOT_IMAGE_DATA. */
static HRESULT WINAPI boot_options_AssignBootImage(IBootOptions *iface, IStream *newVal)
{
    struct boot_options *boot = boot_options_impl(iface);
    STATSTG st;

    TRACE("(%p)->(%p)\n", boot, newVal);
    if (!newVal) return E_POINTER;
    if (FAILED(IStream_Stat(newVal, &st, STATFLAG_NONAME)) || !st.cbSize.QuadPart || st.cbSize.HighPart)
        return IMAPI_E_BOOT_IMAGE_DATA;
    IStream_AddRef(newVal);
    if (boot->image) IStream_Release(boot->image);
    boot->image = newVal;
    boot->size = st.cbSize.LowPart;
    /* [undoc] another size leaves a floppy emulation that no longer fits as none */
    if (fs_eltorito_floppy_emulation(boot->size)) boot->emulation = fs_eltorito_floppy_emulation(boot->size);
    else if (fs_eltorito_floppy_bytes(boot->emulation)) boot->emulation = EmulationNone;
    return S_OK;
}

static const IBootOptionsVtbl boot_options_vtbl =
{
    boot_options_QueryInterface, boot_options_AddRef, boot_options_Release, boot_options_GetTypeInfoCount,
    boot_options_GetTypeInfo, boot_options_GetIDsOfNames, boot_options_Invoke, boot_options_get_BootImage,
    boot_options_get_Manufacturer, boot_options_put_Manufacturer, boot_options_get_PlatformId,
    boot_options_put_PlatformId, boot_options_get_Emulation, boot_options_put_Emulation,
    boot_options_get_ImageSize, boot_options_AssignBootImage
};

static const struct imapi_iface_entry boot_options_ifaces[] =
{
    IMAPI_IFACE(IID_IBootOptions, struct boot_options, IBootOptions_iface),
    { NULL }
};

static void boot_options_destroy(struct imapi_object *obj)
{
    struct boot_options *boot = CONTAINING_RECORD(obj, struct boot_options, obj);
    if (boot->image) IStream_Release(boot->image);
    free(boot->manufacturer);
    free(boot);
}

/* An entry for core/fs from any IBootOptions (ours or a client's), read now. The
 * Manufacturer goes in as ANSI, cut at 24 bytes; e->src must be released. No boot
 * image: IMAPI_E_BOOT_IMAGE_DATA ("The boot object could not be added"). */
HRESULT boot_options_entry(IBootOptions *opts, fs_boot_entry *e)
{
    PlatformId platform = PlatformX86;
    EmulationType emulation = EmulationNone;
    IStream *image = NULL;
    BSTR maker = NULL;
    char ansi[64];
    HRESULT hr;
    int n;

    memset(e, 0, sizeof(*e));
    if (FAILED(hr = IBootOptions_get_PlatformId(opts, &platform))) return hr;
    if (FAILED(hr = IBootOptions_get_Emulation(opts, &emulation))) return hr;
    if (FAILED(hr = IBootOptions_get_Manufacturer(opts, &maker))) return hr;
    n = maker ? WideCharToMultiByte(CP_ACP, 0, maker, SysStringLen(maker), ansi, sizeof(ansi), NULL, NULL) : 0;
    SysFreeString(maker);
    memcpy(e->id, ansi, n < (int)sizeof(e->id) ? n : (int)sizeof(e->id));
    e->platform = (ULONG)platform;
    e->emulation = (ULONG)emulation;
    if (FAILED(hr = IBootOptions_get_BootImage(opts, &image))) return hr;
    if (!image) return IMAPI_E_BOOT_IMAGE_DATA;
    hr = fsi_source_from_stream(image, &e->src);
    IStream_Release(image);
    if (FAILED(hr)) return IMAPI_E_BOOT_IMAGE_DATA;
    return S_OK;
}

/* The bytes of a source in a new memory stream. */
static HRESULT copy_to_memory(const fs_data_source *src, IStream **out)
{
    core_stream *cs = NULL;
    HGLOBAL mem;
    void *p;
    int r;

    *out = NULL;
    if (!src->size || src->size > 0xffffffffULL) return IMAPI_E_BOOT_IMAGE_DATA;
    if (!(mem = GlobalAlloc(GMEM_MOVEABLE, (SIZE_T)src->size))) return E_OUTOFMEMORY;
    if (src->open(src->ctx, &cs) || !cs)
    {
        GlobalFree(mem);
        return IMAPI_E_BOOT_IMAGE_DATA;
    }
    p = GlobalLock(mem);
    r = core_read_full(cs, p, (size_t)src->size);
    GlobalUnlock(mem);
    if (cs->ops->close) cs->ops->close(cs);
    if (r || FAILED(CreateStreamOnHGlobal(mem, TRUE, out)))
    {
        GlobalFree(mem);
        return IMAPI_E_BOOT_IMAGE_DATA;
    }
    return S_OK;
}

/* put_BootImageOptions "creates a complete copy of the passed-in boot options by
 * copying the stream": a new BootOptions holding the values and the image's bytes,
 * so later changes to the caller's object or stream do not reach the image. */
HRESULT boot_options_copy(IBootOptions *src, IBootOptions **out)
{
    struct boot_options *copy;
    fs_boot_entry e;
    IStream *data;
    BSTR maker = NULL;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = boot_options_entry(src, &e))) return hr;
    hr = copy_to_memory(&e.src, &data);
    e.src.release(e.src.ctx);
    if (FAILED(hr)) return hr;
    if (FAILED(hr = boot_options_create(&IID_IBootOptions, (void **)out)))
    {
        IStream_Release(data);
        return hr;
    }
    copy = boot_options_impl(*out);
    copy->image = data;
    copy->size = (ULONG)e.src.size;
    copy->platform = (PlatformId)e.platform;
    copy->emulation = (EmulationType)e.emulation;
    if (SUCCEEDED(IBootOptions_get_Manufacturer(src, &maker)) && maker && *maker)
        copy->manufacturer = _wcsdup(maker);
    SysFreeString(maker);
    return S_OK;
}

HRESULT boot_options_create(REFIID riid, void **ppv)
{
    struct boot_options *boot;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(boot = calloc(1, sizeof(*boot)))) return E_OUTOFMEMORY;
    boot->IBootOptions_iface.lpVtbl = &boot_options_vtbl;
    imapi_object_init(&boot->obj, boot_options_ifaces, TRUE, boot_options_destroy);
    boot->platform = PlatformX86;
    boot->emulation = EmulationNone;
    return imapi_object_create_done(&boot->obj, NULL, 0, riid, ppv);
}
