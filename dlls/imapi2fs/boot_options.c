/* BootOptions (IBootOptions): one El Torito boot entry's settings, kept for
 * IFileSystemImage::BootImageOptions(Array). The boot image is written by a later
 * core/fs El Torito writer; this object only holds and checks the values. */

#include "imapi2fs_private.h"

/* El Torito floppy emulation sizes. */
#define FLOPPY_12M  1228800u
#define FLOPPY_144M 1474560u
#define FLOPPY_288M 2949120u

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

static ULONG floppy_size(EmulationType e)
{
    switch (e)
    {
    case Emulation12MFloppy: return FLOPPY_12M;
    case Emulation144MFloppy: return FLOPPY_144M;
    case Emulation288MFloppy: return FLOPPY_288M;
    default: return 0;
    }
}

/* A floppy emulation whose size differs from the assigned image:
 * IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH. Values above EmulationHardDisk:
 * IMAPI_E_INVALID_PARAM [undoc]. */
static HRESULT WINAPI boot_options_put_Emulation(IBootOptions *iface, EmulationType newVal)
{
    struct boot_options *boot = boot_options_impl(iface);
    TRACE("(%p)->(%d)\n", boot, newVal);
    if ((ULONG)newVal > EmulationHardDisk) return IMAPI_E_INVALID_PARAM;
    if (boot->image && floppy_size(newVal) && floppy_size(newVal) != boot->size)
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
    switch (boot->size)
    {
    case FLOPPY_12M: boot->emulation = Emulation12MFloppy; break;
    case FLOPPY_144M: boot->emulation = Emulation144MFloppy; break;
    case FLOPPY_288M: boot->emulation = Emulation288MFloppy; break;
    default: if (floppy_size(boot->emulation)) boot->emulation = EmulationNone; break;
    }
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
