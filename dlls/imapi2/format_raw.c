/* MsftDiscFormat2RawCD: writes raw Disc-At-Once images. The burn comes with its own issue;
 * the client name set beforehand is kept here (no media is ever prepared yet). */

#include "format_common.h"

static const struct format_codes format_raw_codes =
{
    E_IMAPI_DF2RAW_RECORDER_NOT_SUPPORTED, E_IMAPI_DF2RAW_WRITE_IN_PROGRESS,
    E_IMAPI_DF2RAW_CLIENT_NAME_IS_NOT_VALID
};

struct format_raw
{
    struct imapi_object obj;
    IDiscFormat2RawCD IDiscFormat2RawCD_iface;
    struct format_base base;
};

IMAPI_IUNKNOWN_METHODS(format_raw, IDiscFormat2RawCD, struct format_raw, IDiscFormat2RawCD_iface)
IMAPI_IDISPATCH_METHODS(format_raw, IDiscFormat2RawCD, IID_IDiscFormat2RawCD)
FORMAT_IDISCFORMAT2_METHODS(format_raw, IDiscFormat2RawCD, struct format_raw, base)

static HRESULT WINAPI format_raw_PrepareMedia(IDiscFormat2RawCD *iface)
{
    TRACE("(%p)->()\n", iface);
    return IMAPI_STUB(IDiscFormat2RawCD, PrepareMedia);
}

static HRESULT WINAPI format_raw_WriteMedia(IDiscFormat2RawCD *iface, IStream *data)
{
    TRACE("(%p)->(%p)\n", iface, data);
    return IMAPI_STUB(IDiscFormat2RawCD, WriteMedia);
}

static HRESULT WINAPI format_raw_WriteMedia2(IDiscFormat2RawCD *iface, IStream *data, LONG streamLeadInSectors)
{
    TRACE("(%p)->(%p %ld)\n", iface, data, streamLeadInSectors);
    return IMAPI_STUB(IDiscFormat2RawCD, WriteMedia2);
}

static HRESULT WINAPI format_raw_CancelWrite(IDiscFormat2RawCD *iface)
{
    TRACE("(%p)->()\n", iface);
    return IMAPI_STUB(IDiscFormat2RawCD, CancelWrite);
}

static HRESULT WINAPI format_raw_ReleaseMedia(IDiscFormat2RawCD *iface)
{
    TRACE("(%p)->()\n", iface);
    return IMAPI_STUB(IDiscFormat2RawCD, ReleaseMedia);
}

static HRESULT WINAPI format_raw_SetWriteSpeed(IDiscFormat2RawCD *iface, LONG RequestedSectorsPerSecond, VARIANT_BOOL RotationTypeIsPureCAV)
{
    TRACE("(%p)->(%ld %d)\n", iface, RequestedSectorsPerSecond, RotationTypeIsPureCAV);
    return IMAPI_STUB(IDiscFormat2RawCD, SetWriteSpeed);
}

static HRESULT WINAPI format_raw_put_BufferUnderrunFreeDisabled(IDiscFormat2RawCD *iface, VARIANT_BOOL value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, put_BufferUnderrunFreeDisabled);
}

static HRESULT WINAPI format_raw_get_BufferUnderrunFreeDisabled(IDiscFormat2RawCD *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, get_BufferUnderrunFreeDisabled);
}

static HRESULT WINAPI format_raw_get_StartOfNextSession(IDiscFormat2RawCD *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, get_StartOfNextSession);
}

static HRESULT WINAPI format_raw_get_LastPossibleStartOfLeadout(IDiscFormat2RawCD *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, get_LastPossibleStartOfLeadout);
}

static HRESULT WINAPI format_raw_get_CurrentPhysicalMediaType(IDiscFormat2RawCD *iface, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_current_media_type(&format_raw_impl(iface)->base, value);
}

static HRESULT WINAPI format_raw_get_SupportedSectorTypes(IDiscFormat2RawCD *iface, SAFEARRAY **value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, get_SupportedSectorTypes);
}

static HRESULT WINAPI format_raw_put_RequestedSectorType(IDiscFormat2RawCD *iface, IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, put_RequestedSectorType);
}

static HRESULT WINAPI format_raw_get_RequestedSectorType(IDiscFormat2RawCD *iface, IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, get_RequestedSectorType);
}

static HRESULT WINAPI format_raw_get_RequestedWriteSpeed(IDiscFormat2RawCD *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, get_RequestedWriteSpeed);
}

static HRESULT WINAPI format_raw_get_RequestedRotationTypeIsPureCAV(IDiscFormat2RawCD *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, get_RequestedRotationTypeIsPureCAV);
}

static HRESULT WINAPI format_raw_get_CurrentWriteSpeed(IDiscFormat2RawCD *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, get_CurrentWriteSpeed);
}

static HRESULT WINAPI format_raw_get_CurrentRotationTypeIsPureCAV(IDiscFormat2RawCD *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IDiscFormat2RawCD, get_CurrentRotationTypeIsPureCAV);
}

static HRESULT WINAPI format_raw_get_SupportedWriteSpeeds(IDiscFormat2RawCD *iface, SAFEARRAY **supportedSpeeds)
{
    TRACE("(%p)->(%p)\n", iface, supportedSpeeds);
    return IMAPI_STUB(IDiscFormat2RawCD, get_SupportedWriteSpeeds);
}

static HRESULT WINAPI format_raw_get_SupportedWriteSpeedDescriptors(IDiscFormat2RawCD *iface, SAFEARRAY **supportedSpeedDescriptors)
{
    TRACE("(%p)->(%p)\n", iface, supportedSpeedDescriptors);
    return IMAPI_STUB(IDiscFormat2RawCD, get_SupportedWriteSpeedDescriptors);
}

static const IDiscFormat2RawCDVtbl format_raw_vtbl =
{
    format_raw_QueryInterface, format_raw_AddRef, format_raw_Release, format_raw_GetTypeInfoCount,
    format_raw_GetTypeInfo, format_raw_GetIDsOfNames, format_raw_Invoke, format_raw_IsRecorderSupported,
    format_raw_IsCurrentMediaSupported, format_raw_get_MediaPhysicallyBlank,
    format_raw_get_MediaHeuristicallyBlank, format_raw_get_SupportedMediaTypes, format_raw_PrepareMedia,
    format_raw_WriteMedia, format_raw_WriteMedia2, format_raw_CancelWrite, format_raw_ReleaseMedia,
    format_raw_SetWriteSpeed, format_raw_put_Recorder, format_raw_get_Recorder,
    format_raw_put_BufferUnderrunFreeDisabled, format_raw_get_BufferUnderrunFreeDisabled,
    format_raw_get_StartOfNextSession, format_raw_get_LastPossibleStartOfLeadout,
    format_raw_get_CurrentPhysicalMediaType, format_raw_get_SupportedSectorTypes,
    format_raw_put_RequestedSectorType, format_raw_get_RequestedSectorType, format_raw_put_ClientName,
    format_raw_get_ClientName, format_raw_get_RequestedWriteSpeed,
    format_raw_get_RequestedRotationTypeIsPureCAV, format_raw_get_CurrentWriteSpeed,
    format_raw_get_CurrentRotationTypeIsPureCAV, format_raw_get_SupportedWriteSpeeds,
    format_raw_get_SupportedWriteSpeedDescriptors
};

static const struct imapi_iface_entry format_raw_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2RawCD, struct format_raw, IDiscFormat2RawCD_iface),
    IMAPI_IFACE(IID_IDiscFormat2, struct format_raw, IDiscFormat2RawCD_iface),
    { NULL }
};

static void format_raw_destroy(struct imapi_object *obj)
{
    struct format_raw *format = CONTAINING_RECORD(obj, struct format_raw, obj);
    format_base_cleanup(&format->base);
    free(format);
}

HRESULT format_raw_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DDiscFormat2RawCDEvents };
    struct format_raw *format;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(format = calloc(1, sizeof(*format)))) return E_OUTOFMEMORY;
    format->IDiscFormat2RawCD_iface.lpVtbl = &format_raw_vtbl;
    format_base_init(&format->base, MMC_FORMAT_RAW, &format_raw_codes);
    imapi_object_init(&format->obj, format_raw_ifaces, TRUE, format_raw_destroy);
    return imapi_object_create_done(&format->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
