/* MsftDiscFormat2Data: writes a data stream (usually a file-system image) to a disc.
 * The burn itself comes with the data-writing issue; the options an application sets
 * beforehand are kept here. Until a write exists, no write is ever in progress. */

#include "format_common.h"

struct format_data
{
    struct imapi_object obj;
    IDiscFormat2Data IDiscFormat2Data_iface;
    BSTR client_name;
    BOOL buffer_underrun_free_disabled;
    BOOL postgap_already_in_image;
    BOOL force_media_to_be_closed;
    BOOL disable_consumer_dvd_compatibility_mode;
    BOOL force_overwrite;
    IBurnVerification IBurnVerification_iface;
};

IMAPI_IUNKNOWN_METHODS(format_data, IDiscFormat2Data, struct format_data, IDiscFormat2Data_iface)
IMAPI_IDISPATCH_METHODS(format_data, IDiscFormat2Data, IID_IDiscFormat2Data)

static HRESULT WINAPI format_data_IsRecorderSupported(IDiscFormat2Data *This, IDiscRecorder2 *recorder, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IDiscFormat2, IsRecorderSupported);
}

static HRESULT WINAPI format_data_IsCurrentMediaSupported(IDiscFormat2Data *This, IDiscRecorder2 *recorder, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IDiscFormat2, IsCurrentMediaSupported);
}

static HRESULT WINAPI format_data_get_MediaPhysicallyBlank(IDiscFormat2Data *This, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IDiscFormat2, get_MediaPhysicallyBlank);
}

static HRESULT WINAPI format_data_get_MediaHeuristicallyBlank(IDiscFormat2Data *This, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IDiscFormat2, get_MediaHeuristicallyBlank);
}

static HRESULT WINAPI format_data_get_SupportedMediaTypes(IDiscFormat2Data *This, SAFEARRAY **value)
{
    return IMAPI_STUB(IDiscFormat2, get_SupportedMediaTypes);
}

static HRESULT WINAPI format_data_put_Recorder(IDiscFormat2Data *This, IDiscRecorder2 *value)
{
    return IMAPI_STUB(IDiscFormat2Data, put_Recorder);
}

static HRESULT WINAPI format_data_get_Recorder(IDiscFormat2Data *This, IDiscRecorder2 **value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_Recorder);
}

static HRESULT WINAPI format_data_put_BufferUnderrunFreeDisabled(IDiscFormat2Data *This, VARIANT_BOOL value)
{
    TRACE("%p %d\n", This, value);
    format_data_impl(This)->buffer_underrun_free_disabled = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_data_get_BufferUnderrunFreeDisabled(IDiscFormat2Data *This, VARIANT_BOOL *value)
{
    return format_get_flag(format_data_impl(This)->buffer_underrun_free_disabled, value);
}

static HRESULT WINAPI format_data_put_PostgapAlreadyInImage(IDiscFormat2Data *This, VARIANT_BOOL value)
{
    TRACE("%p %d\n", This, value);
    format_data_impl(This)->postgap_already_in_image = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_data_get_PostgapAlreadyInImage(IDiscFormat2Data *This, VARIANT_BOOL *value)
{
    return format_get_flag(format_data_impl(This)->postgap_already_in_image, value);
}

static HRESULT WINAPI format_data_get_CurrentMediaStatus(IDiscFormat2Data *This, IMAPI_FORMAT2_DATA_MEDIA_STATE *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_CurrentMediaStatus);
}

static HRESULT WINAPI format_data_get_WriteProtectStatus(IDiscFormat2Data *This, IMAPI_MEDIA_WRITE_PROTECT_STATE *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_WriteProtectStatus);
}

static HRESULT WINAPI format_data_get_TotalSectorsOnMedia(IDiscFormat2Data *This, LONG *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_TotalSectorsOnMedia);
}

static HRESULT WINAPI format_data_get_FreeSectorsOnMedia(IDiscFormat2Data *This, LONG *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_FreeSectorsOnMedia);
}

static HRESULT WINAPI format_data_get_NextWritableAddress(IDiscFormat2Data *This, LONG *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_NextWritableAddress);
}

static HRESULT WINAPI format_data_get_StartAddressOfPreviousSession(IDiscFormat2Data *This, LONG *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_StartAddressOfPreviousSession);
}

static HRESULT WINAPI format_data_get_LastWrittenAddressOfPreviousSession(IDiscFormat2Data *This, LONG *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_LastWrittenAddressOfPreviousSession);
}

static HRESULT WINAPI format_data_put_ForceMediaToBeClosed(IDiscFormat2Data *This, VARIANT_BOOL value)
{
    TRACE("%p %d\n", This, value);
    format_data_impl(This)->force_media_to_be_closed = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_data_get_ForceMediaToBeClosed(IDiscFormat2Data *This, VARIANT_BOOL *value)
{
    return format_get_flag(format_data_impl(This)->force_media_to_be_closed, value);
}

static HRESULT WINAPI format_data_put_DisableConsumerDvdCompatibilityMode(IDiscFormat2Data *This, VARIANT_BOOL value)
{
    TRACE("%p %d\n", This, value);
    format_data_impl(This)->disable_consumer_dvd_compatibility_mode = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_data_get_DisableConsumerDvdCompatibilityMode(IDiscFormat2Data *This, VARIANT_BOOL *value)
{
    return format_get_flag(format_data_impl(This)->disable_consumer_dvd_compatibility_mode, value);
}

static HRESULT WINAPI format_data_get_CurrentPhysicalMediaType(IDiscFormat2Data *This, IMAPI_MEDIA_PHYSICAL_TYPE *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_CurrentPhysicalMediaType);
}

static HRESULT WINAPI format_data_put_ClientName(IDiscFormat2Data *This, BSTR value)
{
    return format_put_client_name(&format_data_impl(This)->client_name, value,
                                  E_IMAPI_DF2DATA_CLIENT_NAME_IS_NOT_VALID);
}

static HRESULT WINAPI format_data_get_ClientName(IDiscFormat2Data *This, BSTR *value)
{
    return format_get_client_name(format_data_impl(This)->client_name, value);
}

static HRESULT WINAPI format_data_get_RequestedWriteSpeed(IDiscFormat2Data *This, LONG *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_RequestedWriteSpeed);
}

static HRESULT WINAPI format_data_get_RequestedRotationTypeIsPureCAV(IDiscFormat2Data *This, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_RequestedRotationTypeIsPureCAV);
}

static HRESULT WINAPI format_data_get_CurrentWriteSpeed(IDiscFormat2Data *This, LONG *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_CurrentWriteSpeed);
}

static HRESULT WINAPI format_data_get_CurrentRotationTypeIsPureCAV(IDiscFormat2Data *This, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_CurrentRotationTypeIsPureCAV);
}

static HRESULT WINAPI format_data_get_SupportedWriteSpeeds(IDiscFormat2Data *This, SAFEARRAY **supportedSpeeds)
{
    return IMAPI_STUB(IDiscFormat2Data, get_SupportedWriteSpeeds);
}

static HRESULT WINAPI format_data_get_SupportedWriteSpeedDescriptors(IDiscFormat2Data *This, SAFEARRAY **supportedSpeedDescriptors)
{
    return IMAPI_STUB(IDiscFormat2Data, get_SupportedWriteSpeedDescriptors);
}

static HRESULT WINAPI format_data_put_ForceOverwrite(IDiscFormat2Data *This, VARIANT_BOOL value)
{
    TRACE("%p %d\n", This, value);
    format_data_impl(This)->force_overwrite = value != VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI format_data_get_ForceOverwrite(IDiscFormat2Data *This, VARIANT_BOOL *value)
{
    return format_get_flag(format_data_impl(This)->force_overwrite, value);
}

static HRESULT WINAPI format_data_get_MultisessionInterfaces(IDiscFormat2Data *This, SAFEARRAY **value)
{
    return IMAPI_STUB(IDiscFormat2Data, get_MultisessionInterfaces);
}

static HRESULT WINAPI format_data_Write(IDiscFormat2Data *This, IStream *data)
{
    return IMAPI_STUB(IDiscFormat2Data, Write);
}

static HRESULT WINAPI format_data_CancelWrite(IDiscFormat2Data *This)
{
    return IMAPI_STUB(IDiscFormat2Data, CancelWrite);
}

static HRESULT WINAPI format_data_SetWriteSpeed(IDiscFormat2Data *This, LONG RequestedSectorsPerSecond, VARIANT_BOOL RotationTypeIsPureCAV)
{
    return IMAPI_STUB(IDiscFormat2Data, SetWriteSpeed);
}

static const IDiscFormat2DataVtbl format_data_vtbl =
{
    format_data_QueryInterface, format_data_AddRef, format_data_Release, format_data_GetTypeInfoCount,
    format_data_GetTypeInfo, format_data_GetIDsOfNames, format_data_Invoke, format_data_IsRecorderSupported,
    format_data_IsCurrentMediaSupported, format_data_get_MediaPhysicallyBlank,
    format_data_get_MediaHeuristicallyBlank, format_data_get_SupportedMediaTypes, format_data_put_Recorder,
    format_data_get_Recorder, format_data_put_BufferUnderrunFreeDisabled,
    format_data_get_BufferUnderrunFreeDisabled, format_data_put_PostgapAlreadyInImage,
    format_data_get_PostgapAlreadyInImage, format_data_get_CurrentMediaStatus,
    format_data_get_WriteProtectStatus, format_data_get_TotalSectorsOnMedia,
    format_data_get_FreeSectorsOnMedia, format_data_get_NextWritableAddress,
    format_data_get_StartAddressOfPreviousSession, format_data_get_LastWrittenAddressOfPreviousSession,
    format_data_put_ForceMediaToBeClosed, format_data_get_ForceMediaToBeClosed,
    format_data_put_DisableConsumerDvdCompatibilityMode, format_data_get_DisableConsumerDvdCompatibilityMode,
    format_data_get_CurrentPhysicalMediaType, format_data_put_ClientName, format_data_get_ClientName,
    format_data_get_RequestedWriteSpeed, format_data_get_RequestedRotationTypeIsPureCAV,
    format_data_get_CurrentWriteSpeed, format_data_get_CurrentRotationTypeIsPureCAV,
    format_data_get_SupportedWriteSpeeds, format_data_get_SupportedWriteSpeedDescriptors,
    format_data_put_ForceOverwrite, format_data_get_ForceOverwrite, format_data_get_MultisessionInterfaces,
    format_data_Write, format_data_CancelWrite, format_data_SetWriteSpeed
};

IMAPI_IUNKNOWN_METHODS(format_data_burn_verification, IBurnVerification, struct format_data, IBurnVerification_iface)

static HRESULT WINAPI format_data_burn_verification_put_BurnVerificationLevel(IBurnVerification *This, IMAPI_BURN_VERIFICATION_LEVEL value)
{
    return IMAPI_STUB(IBurnVerification, put_BurnVerificationLevel);
}

static HRESULT WINAPI format_data_burn_verification_get_BurnVerificationLevel(IBurnVerification *This, IMAPI_BURN_VERIFICATION_LEVEL *value)
{
    return IMAPI_STUB(IBurnVerification, get_BurnVerificationLevel);
}

static const IBurnVerificationVtbl format_data_burn_verification_vtbl =
{
    format_data_burn_verification_QueryInterface, format_data_burn_verification_AddRef,
    format_data_burn_verification_Release, format_data_burn_verification_put_BurnVerificationLevel,
    format_data_burn_verification_get_BurnVerificationLevel
};

static const struct imapi_iface_entry format_data_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2Data, struct format_data, IDiscFormat2Data_iface),
    IMAPI_IFACE(IID_IDiscFormat2, struct format_data, IDiscFormat2Data_iface),
    IMAPI_IFACE(IID_IBurnVerification, struct format_data, IBurnVerification_iface),
    { NULL }
};

static void format_data_destroy(struct imapi_object *obj)
{
    struct format_data *This = CONTAINING_RECORD(obj, struct format_data, obj);
    SysFreeString(This->client_name);
    free(This);
}

HRESULT format_data_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DDiscFormat2DataEvents };
    struct format_data *This;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(This = calloc(1, sizeof(*This)))) return E_OUTOFMEMORY;
    This->IDiscFormat2Data_iface.lpVtbl = &format_data_vtbl;
    This->IBurnVerification_iface.lpVtbl = &format_data_burn_verification_vtbl;
    imapi_object_init(&This->obj, format_data_ifaces, TRUE, format_data_destroy);
    return imapi_object_create_done(&This->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
