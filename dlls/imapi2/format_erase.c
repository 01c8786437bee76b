/* MsftDiscFormat2Erase: blanks rewritable media. Erasing comes with its own issue;
 * the options set beforehand are kept here. */

#include "format_common.h"

static const struct format_codes format_erase_codes =
{
    E_IMAPI_ERASE_RECORDER_NOT_SUPPORTED, E_FAIL,
    E_IMAPI_ERASE_CLIENT_NAME_IS_NOT_VALID
};

struct format_erase
{
    struct imapi_object obj;
    IDiscFormat2Erase IDiscFormat2Erase_iface;
    struct format_base base;
    BOOL full_erase;
};

IMAPI_IUNKNOWN_METHODS(format_erase, IDiscFormat2Erase, struct format_erase, IDiscFormat2Erase_iface)
IMAPI_IDISPATCH_METHODS(format_erase, IDiscFormat2Erase, IID_IDiscFormat2Erase)
FORMAT_IDISCFORMAT2_METHODS(format_erase, IDiscFormat2Erase, struct format_erase, base)

static HRESULT WINAPI format_erase_put_FullErase(IDiscFormat2Erase *iface, VARIANT_BOOL value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    format_erase_impl(iface)->full_erase = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_erase_get_FullErase(IDiscFormat2Erase *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_get_flag(format_erase_impl(iface)->full_erase, value);
}

static HRESULT WINAPI format_erase_get_CurrentPhysicalMediaType(IDiscFormat2Erase *iface, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_current_media_type(&format_erase_impl(iface)->base, value);
}

static HRESULT WINAPI format_erase_EraseMedia(IDiscFormat2Erase *iface)
{
    TRACE("(%p)->()\n", iface);
    return IMAPI_STUB(IDiscFormat2Erase, EraseMedia);
}

static const IDiscFormat2EraseVtbl format_erase_vtbl =
{
    format_erase_QueryInterface, format_erase_AddRef, format_erase_Release, format_erase_GetTypeInfoCount,
    format_erase_GetTypeInfo, format_erase_GetIDsOfNames, format_erase_Invoke,
    format_erase_IsRecorderSupported, format_erase_IsCurrentMediaSupported,
    format_erase_get_MediaPhysicallyBlank, format_erase_get_MediaHeuristicallyBlank,
    format_erase_get_SupportedMediaTypes, format_erase_put_Recorder, format_erase_get_Recorder,
    format_erase_put_FullErase, format_erase_get_FullErase, format_erase_get_CurrentPhysicalMediaType,
    format_erase_put_ClientName, format_erase_get_ClientName, format_erase_EraseMedia
};

static const struct imapi_iface_entry format_erase_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2Erase, struct format_erase, IDiscFormat2Erase_iface),
    IMAPI_IFACE(IID_IDiscFormat2, struct format_erase, IDiscFormat2Erase_iface),
    { NULL }
};

static void format_erase_destroy(struct imapi_object *obj)
{
    struct format_erase *format = CONTAINING_RECORD(obj, struct format_erase, obj);
    format_base_cleanup(&format->base);
    free(format);
}

HRESULT format_erase_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DDiscFormat2EraseEvents };
    struct format_erase *format;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(format = calloc(1, sizeof(*format)))) return E_OUTOFMEMORY;
    format->IDiscFormat2Erase_iface.lpVtbl = &format_erase_vtbl;
    format_base_init(&format->base, MMC_FORMAT_ERASE, &format_erase_codes);
    imapi_object_init(&format->obj, format_erase_ifaces, TRUE, format_erase_destroy);
    return imapi_object_create_done(&format->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
